"""Property tests over generated scenarios and parameters (hypothesis).

Every generated scenario either runs to finite, non-negative, ordered losses that add up, or is
refused cleanly with InputError; the model responds to its levers in the right direction.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shutdown_sim.errors import InputError
from shutdown_sim.model import evaluate, prepare, simulate
from shutdown_sim.scenario import list_scenarios, load_scenario, scenario_from_dict

APPS = ("whatsapp", "facebook", "wechat", "instagram", "youtube", "telegram", "lihkg", "tiktok")
SETTINGS = settings(
    max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
DRAWS = 8
REL = 1e-9


def headline(scenario, overrides=None) -> float:
    """Central-value net GDP loss (one deterministic evaluation)."""
    return float(
        simulate(scenario, draws=1, seed=0, overrides=overrides, with_baselines=False).outcomes[
            "gdp_loss_usd"
        ][0]
    )


def base(name: str = "hk-2019-full-shutdown-1d") -> dict:
    return load_scenario(name).model_dump(mode="json")


@st.composite
def events(draw) -> dict:
    kind = draw(st.sampled_from(["shutdown", "app_block", "throttle", "firewall"]))
    start_h = draw(st.integers(0, 48))
    duration_h = draw(st.one_of(st.floats(0.5, 24 * 10), st.integers(-5, 24 * 400)))
    event: dict = {"kind": kind, "start_h": start_h, "duration_h": duration_h}
    if kind == "shutdown":
        event["scope"] = draw(st.sampled_from(["full", "mobile", "fixed"]))
        event["share_affected"] = draw(st.floats(-0.2, 1.2, allow_nan=False))
    elif kind == "app_block":
        event["apps"] = draw(
            st.lists(st.sampled_from(APPS + ("myspace",)), min_size=1, max_size=3, unique=True)
        )
        event["compliance"] = draw(st.floats(0, 1))
    elif kind == "throttle":
        event["capacity_share"] = draw(st.floats(0, 1))
        event["scope"] = draw(st.sampled_from(["all", "international", "mobile", "fixed"]))
    else:
        event["blocked"] = draw(st.lists(st.sampled_from(APPS), max_size=3, unique=True))
        event["international_throttle_share"] = draw(st.floats(0, 1))
    return event


@st.composite
def scenarios(draw) -> dict:
    data = base(draw(st.sampled_from(list_scenarios())))
    data["events"] = [draw(events())]
    data["name"] = "generated"
    data["horizon_days"] = draw(st.sampled_from([None, None, 5.0, 30.0]))
    return data


def check_result(result) -> None:
    o = result.outcomes
    for name, values in o.items():
        assert np.all(np.isfinite(values)), name
    tol = REL * max(1.0, float(np.max(np.abs(o["gross_loss_usd"]))))
    for name in (
        "gdp_loss_usd",
        "gross_loss_usd",
        "direct_loss_usd",
        "indirect_loss_usd",
        "recaptured_usd",
        "spillover_usd",
    ):
        assert np.all(o[name] >= -tol), name
    # conservation: direct + indirect = gross; net = gross - recaptured >= 0
    np.testing.assert_allclose(
        o["direct_loss_usd"] + o["indirect_loss_usd"], o["gross_loss_usd"], rtol=1e-9, atol=tol
    )
    np.testing.assert_allclose(
        o["gross_loss_usd"] - o["recaptured_usd"], o["gdp_loss_usd"], rtol=1e-9, atol=tol
    )
    s = result.summary()
    for name, row in s.iterrows():
        assert row["p5"] <= row["p50"] + tol and row["p50"] <= row["p95"] + tol, name
        assert math.isfinite(row["central"]), name
    json_safe = result.to_dict()
    assert json_safe["gdp_loss_usd"]["p5"] is not None


@pytest.mark.slow
@SETTINGS
@given(data=scenarios(), seed=st.integers(0, 2**32))
def test_generated_scenario_runs_or_is_refused(data, seed):
    try:
        scenario = scenario_from_dict(data, source="<generated>")
    except InputError as err:
        assert str(err) and "\n" not in str(err)
        return
    result = simulate(scenario, draws=DRAWS, seed=seed, with_baselines=False)
    check_result(result)


@pytest.mark.parametrize("name", list_scenarios())
def test_bundled_scenarios_conserve(name):
    check_result(simulate(name, draws=DRAWS, seed=1, with_baselines=False))


@pytest.mark.slow
@SETTINGS
@given(
    days=st.lists(st.floats(0.1, 20), min_size=2, max_size=2, unique=True),
    name=st.sampled_from(
        ["hk-2019-full-shutdown-1d", "hk-2019-mobile-data-1d", "hk-2019-app-block-escalation"]
    ),
)
def test_longer_shutdown_never_costs_less(days, name):
    short, long_ = sorted(days)
    scenario = load_scenario(name)
    a = simulate(scenario.with_duration(short), draws=DRAWS, seed=4, with_baselines=False)
    b = simulate(scenario.with_duration(long_), draws=DRAWS, seed=4, with_baselines=False)
    tol = REL * float(np.max(b.outcomes["gross_loss_usd"]))
    assert np.all(b.outcomes["gdp_loss_usd"] >= a.outcomes["gdp_loss_usd"] - tol)
    assert np.all(b.outcomes["gross_loss_usd"] >= a.outcomes["gross_loss_usd"] - tol)


@pytest.mark.slow
@SETTINGS
@given(
    shares=st.lists(st.floats(0.0, 1.0), min_size=2, max_size=2, unique=True),
    scope=st.sampled_from(["full", "mobile", "fixed"]),
)
def test_wider_share_affected_never_costs_less(shares, scope):
    lo, hi = sorted(shares)
    data = base()
    data["events"][0]["scope"] = scope

    def loss(share: float) -> float:
        data["events"][0]["share_affected"] = share
        return headline(scenario_from_dict(data))

    a, b = loss(lo), loss(hi)
    assert b >= a - REL * max(abs(b), 1.0)


@pytest.mark.slow
@SETTINGS
@given(
    caps=st.lists(st.floats(0.0, 1.0), min_size=2, max_size=2, unique=True),
    name=st.sampled_from(["hk-2019-app-block-escalation"]),
)
def test_more_circumvention_never_costs_more(caps, name):
    lo, hi = sorted(caps)
    scenario = load_scenario(name)
    more = headline(scenario, {"vpn_cap_app_block_share": hi})
    less = headline(scenario, {"vpn_cap_app_block_share": lo})
    assert more <= less + REL * max(abs(less), 1.0)


def test_circumvention_lever_moves_app_block_losses():
    scenario = load_scenario("hk-2019-app-block-escalation")
    assert headline(scenario, {"vpn_cap_app_block_share": 0.9}) < headline(
        scenario, {"vpn_cap_app_block_share": 0.0}
    )


@pytest.mark.parametrize(
    "name", ["hk-2019-full-shutdown-1d", "hk-2019-app-block-escalation", "hk-2006-cable-cut"]
)
def test_doubling_the_economy_doubles_losses(name):
    ctx = prepare(load_scenario(name))
    economy = ctx.economy
    big = dataclasses.replace(
        ctx,
        economy=dataclasses.replace(
            economy,
            gross_output_usd=economy.gross_output_usd * 2,
            value_added_usd=economy.value_added_usd * 2,
        ),
    )
    central = ctx.space.central()
    one, two = evaluate(ctx, central, daily=False), evaluate(big, central, daily=False)
    for field in ("gross_gdp_usd", "direct_gdp_usd", "recaptured_gdp_usd", "gross_output_usd"):
        np.testing.assert_allclose(getattr(two, field), 2 * getattr(one, field), rtol=1e-9)
    np.testing.assert_allclose(two.net_gdp_usd, 2 * one.net_gdp_usd, rtol=1e-9)
    assert one.gross_gdp_usd[0] > 0
    # spill-overs abroad are valued per day of lost service, not scaled by the local economy
    np.testing.assert_allclose(two.spillover_usd, one.spillover_usd)


# Values the library must either handle or refuse cleanly (alpha_max < 1 and
# recapture_window_days == 0 are refused: see test_degenerate_overrides_refused).
OVERRIDE_VALUES = {
    "alpha_max": st.floats(1.0, 5.0),
    "recapture_window_days": st.floats(0.5, 400),
    "recovery_speed_multiplier": st.floats(-1, 5, allow_nan=False),
    "FINANCE.dependence": st.floats(-0.5, 1.5, allow_nan=False),
    "FINANCE.recapture_share": st.floats(-0.5, 1.5, allow_nan=False),
    "vpn_half_time_days": st.floats(0.01, 30),
    "congestion_gamma": st.floats(0.1, 5),
    "no_such_parameter": st.floats(0, 1),
}


@pytest.mark.slow
@SETTINGS
@given(
    overrides=st.lists(st.sampled_from(sorted(OVERRIDE_VALUES)), max_size=3, unique=True).flatmap(
        lambda names: st.fixed_dictionaries({n: OVERRIDE_VALUES[n] for n in names})
    ),
    inf=st.booleans(),
)
def test_generated_overrides_run_or_are_refused(overrides, inf):
    if inf and overrides:
        overrides[next(iter(overrides))] = float("inf")
    try:
        result = simulate(
            "hk-2019-full-shutdown-1d",
            draws=DRAWS,
            seed=0,
            overrides=overrides,
            with_baselines=False,
        )
    except InputError as err:
        assert "\n" not in str(err)
        return
    check_result(result)


@pytest.mark.parametrize(
    "overrides",
    [{"recapture_window_days": 0.0}, {"alpha_max": 0.0}, {"alpha_max": 0.5}],
    ids=["window-0", "alpha-0", "alpha-0.5"],
)
def test_degenerate_overrides_refused(overrides):
    try:
        result = simulate(
            "hk-2019-full-shutdown-1d",
            draws=DRAWS,
            seed=0,
            overrides=overrides,
            with_baselines=False,
        )
    except InputError as err:
        assert "\n" not in str(err)
        return
    raise AssertionError(f"degenerate override accepted: {overrides}, result {result.central}")
