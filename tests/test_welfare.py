"""Consumer welfare on its own line (issue 11 item 7) and substitution after a platform exit."""

from __future__ import annotations

import pytest

from shutdown_sim.beyond_gdp import internet_users
from shutdown_sim.model import simulate
from shutdown_sim.scenario import load_scenario, scenario_from_dict
from shutdown_sim.welfare import HOURS_PER_MONTH, conversion, load_welfare_values


def _scenario(events: list[dict], horizon_days: float | None = None):
    data = {"name": "welfare-test", "region": "HKG", "year": 2019, "events": events}
    if horizon_days is not None:
        data["horizon_days"] = horizon_days
    return scenario_from_dict(data)


def test_full_day_without_access_is_the_bundle_value_for_24_hours():
    """24 h with no access at all, ISPs complying at once: every user loses a day of the bundle."""
    order = {"kind": "shutdown", "start_h": 0, "duration_h": 24, "compliance_ramp_h": 0}
    result = simulate(_scenario([order]), draws=1, seed=0, with_baselines=False)
    values = load_welfare_values()
    users = internet_users("HKG", 2019, result.population).value
    k = conversion(result_economy(), values, "internet_bundle")
    bundle = values.params["internet_bundle"].central
    expected = users * k * bundle * 24 / HOURS_PER_MONTH
    assert result.welfare.central_usd == pytest.approx(expected, rel=1e-9)
    data = result.to_dict()["consumer_welfare_usd"]
    assert set(data) == {"mean", "p5", "p50", "p95", "central"}


def result_economy():
    from shutdown_sim.params import load_economy

    return load_economy("HKG", 2019)


def test_nothing_lost_nothing_reported():
    order = {"kind": "shutdown", "start_h": 0, "duration_h": 24, "share_affected": 0.0}
    result = simulate(_scenario([order]), draws=20, seed=0, with_baselines=False)
    assert result.welfare.central_usd == 0 and (result.welfare.draws_usd == 0).all()


def test_welfare_is_never_in_the_gdp_lines():
    result = simulate("hk-2019-app-block-escalation", draws=50, seed=2, with_baselines=False)
    data = result.to_dict()
    assert data["consumer_welfare_usd"]["p50"] > 0
    net = result.outcomes["gdp_loss_usd"]
    assert (result.outcomes["gross_loss_usd"] - result.outcomes["recaptured_usd"] == net).all()


def test_platform_exit_substitution_cuts_gdp_not_welfare():
    """Users move to other apps after an exit: less output lost; the willingness-to-accept value
    already nets substitutes out, so the welfare line does not move."""
    sc = load_scenario("hk-platform-exit")
    moved = simulate(sc, draws=1, seed=0, with_baselines=False)
    stuck = simulate(
        sc, draws=1, seed=0, overrides={"substitution_cap_share": 0.0}, with_baselines=False
    )
    assert moved.central["gdp_loss_usd"] < 0.7 * stuck.central["gdp_loss_usd"]
    assert moved.welfare.central_usd == pytest.approx(stuck.welfare.central_usd, rel=1e-9)
    assert moved.welfare.central_usd > 0


def test_every_value_has_a_source_and_a_range():
    values = load_welfare_values()
    assert {"internet_bundle", "app:other", "consumer_mobile_share"} <= set(values.params)
    for name, p in values.params.items():
        assert p.low <= p.central <= p.high and p.source and p.status, name
        if p.unit.startswith("USD"):
            assert values.study_country[name] == "USA", name
