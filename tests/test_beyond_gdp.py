"""People affected, worker-days lost and tax revenue lost: bounds, exact ratios, sources."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from shutdown_sim.beyond_gdp import (
    DAYS_PER_YEAR,
    sector_worker_days,
    tax_loss_usd,
    tax_ratio,
)
from shutdown_sim.model import simulate
from shutdown_sim.params.economy import load_economy
from shutdown_sim.report.beyond import beyond_lines
from shutdown_sim.scenario import list_scenarios, load_scenario, scenario_from_dict

DRAWS = 20


@pytest.fixture(scope="module")
def runs() -> dict:
    return {n: simulate(n, draws=DRAWS, seed=3, with_baselines=False) for n in list_scenarios()}


def test_every_bundled_scenario_reports_the_three_lines(runs):
    for name, r in runs.items():
        d = r.to_dict()
        assert d["people_affected"] > 0, name
        for key in ("worker_days_lost", "tax_revenue_loss_usd"):
            assert set(d[key]) == {"mean", "p5", "p50", "p95", "central"}, name
            assert d[key]["p5"] <= d[key]["p50"] <= d[key]["p95"], name
        assert d["tax_revenue_share_gdp"]["year"] is not None
        assert "worker_days_lost_mean" in d["by_sector"][0]
        # never added to the headline: the headline is the net GDP loss itself
        assert d["gdp_loss_usd"]["mean"] == pytest.approx(r.outcomes["gdp_loss_usd"].mean())


def test_worker_days_never_exceed_employment_times_days(runs):
    for name, r in runs.items():
        b = r.beyond
        emp = np.nan_to_num(load_economy(r.region, r.year).employment)
        bound = emp * r.horizon_days  # per sector
        assert (b.sector_worker_days <= bound * (1 + 1e-9) + 1e-6).all(), name
        assert (b.worker_days <= emp.sum() * r.horizon_days * (1 + 1e-9)).all(), name
        assert (b.worker_days >= 0).all(), name


def test_tax_loss_is_exactly_the_stated_ratio_of_the_net_loss(runs):
    for name, r in runs.items():
        ratio = r.to_dict()["tax_revenue_share_gdp"]["value"]
        np.testing.assert_allclose(
            r.beyond.tax_usd, ratio * r.outcomes["gdp_loss_usd"], rtol=1e-12, err_msg=name
        )
        central = r.to_dict()["tax_revenue_loss_usd"]["central"]
        assert central == pytest.approx(ratio * r.central["gdp_loss_usd"], rel=1e-12)


def test_people_affected_never_exceed_the_population(runs):
    for name, r in runs.items():
        assert 0 <= r.beyond.people_affected <= r.population, name


@settings(max_examples=30, deadline=None, derandomize=True)
@given(
    emp=arrays(float, 5, elements=st.floats(0, 1e6)),
    va=arrays(float, 5, elements=st.floats(1e3, 1e12)),
    q=arrays(float, (3, 5), elements=st.floats(0, 1)),
    days=st.floats(0.01, 400),
)
def test_worker_days_bound_for_any_economy(emp, va, q, days):
    """Lost value added at most va × days gives at most employment × days worker-days."""
    lost = q * va / DAYS_PER_YEAR * days
    wd = sector_worker_days(lost, va, emp)
    assert (wd <= emp * days * (1 + 1e-9) + 1e-9).all()
    np.testing.assert_allclose(wd, q * emp * days, rtol=1e-9, atol=1e-9)


def test_sectors_without_employment_count_zero():
    wd = sector_worker_days(np.array([[10.0, 10.0]]), np.array([365.0, 365.0]), [np.nan, 2.0])
    assert wd.tolist() == [[0.0, 20.0]]


@settings(max_examples=30, deadline=None, derandomize=True)
@given(net=arrays(float, 4, elements=st.floats(-1e12, 1e12)), ratio=st.floats(0, 1))
def test_tax_is_the_ratio_times_the_net_loss(net, ratio):
    assert (tax_loss_usd(net, ratio) == net * ratio).all()


def test_hong_kong_tax_ratio_comes_from_its_own_accounts():
    r = tax_ratio("HKG", 2019)
    # IRD 2019-20 tax collections over C&SD GDP 2019 (region.yaml cites both)
    assert r.value == pytest.approx(303_382.8 / 2_865_679, abs=5e-5)
    assert r.year == 2019 and r.status == "DERIVED"
    assert "Inland Revenue Department" in r.source and "Census and Statistics" in r.source
    assert r.low <= r.value <= r.high


def test_without_a_world_bank_ratio_the_income_group_median_is_labelled():
    r = tax_ratio("PAK", 2019)
    assert r.status == "DERIVED" and "median" in r.note and r.value is not None


def _people(events: list[dict]) -> float:
    data = load_scenario("hk-2019-full-shutdown-1d").model_dump(mode="json")
    data["events"] = events
    s = scenario_from_dict(data, source="test")
    return simulate(s, draws=1, seed=0, with_baselines=False).beyond.people_affected


def test_scope_sets_who_is_counted():
    full = _people([{"kind": "shutdown", "start_h": 0, "duration_h": 24, "scope": "full"}])
    mobile = _people([{"kind": "shutdown", "start_h": 0, "duration_h": 24, "scope": "mobile"}])
    half = _people([{"kind": "shutdown", "start_h": 0, "duration_h": 24, "share_affected": 0.5}])
    app = {"kind": "app_block", "start_h": 0, "duration_h": 24, "apps": ["telegram"]}
    one_app = _people([app])
    both = _people([app, {**app, "apps": ["whatsapp"]}])
    assert one_app < mobile < full
    assert half == pytest.approx(full / 2)
    assert one_app <= both <= full


def test_lines_in_both_languages(runs):
    r = runs["hk-2019-full-shutdown-7d"]
    en, zh = beyond_lines(r, "en"), beyond_lines(r, "zh-Hant")
    assert len(en) == len(zh) == 4  # people, worker-days, tax, consumer welfare
    assert "not jobs lost for good" in en[1] and "first-order ratio" in en[2]
    assert "Consumer welfare" in en[3] and "not GDP" in en[3]
    assert all(not any("a" <= c <= "z" for c in line.lower()) for line in zh)


@pytest.mark.parametrize("iso3", ["PAK", "IND"])
def test_any_country_reports_the_three_lines_within_their_bounds(iso3):
    """A country without a folder: World Bank ratio or labelled income-group median."""
    from shutdown_sim.country_run import country_scenario

    full = simulate(country_scenario(iso3), draws=DRAWS, seed=0, with_baselines=False)
    mobile = simulate(
        country_scenario(iso3, kind="mobile", share=0.5), draws=1, seed=0, with_baselines=False
    )
    b, d = full.beyond, full.to_dict()
    assert 0 < mobile.beyond.people_affected < b.people_affected <= full.population
    emp = np.nan_to_num(load_economy(full.region, full.year).employment)
    assert (b.worker_days <= emp.sum() * full.horizon_days * (1 + 1e-9)).all()
    ratio = d["tax_revenue_share_gdp"]
    assert (
        ratio["value"] is not None
        and ratio["year"]
        and ratio["status"]
        in {
            "VERIFIED",
            "DERIVED",
        }
    )
    if ratio["status"] == "DERIVED":
        assert "median" in ratio["note"]
    np.testing.assert_allclose(b.tax_usd, ratio["value"] * full.outcomes["gdp_loss_usd"])


def test_appendix_lists_the_inputs_with_source_year_and_status():
    from shutdown_sim.report.appendix import assumptions_frame
    from shutdown_sim.report.brief import build_brief

    brief = build_brief("hk-2019-full-shutdown-1d", draws=20, seed=0, lang="zh-Hant")
    frame = assumptions_frame(brief).set_index("parameter")
    tax = frame.loc["tax_revenue_share_gdp"]
    assert tax["status"] == "DERIVED" and tax["year"] == 2019
    assert "Inland Revenue Department" in tax["source"] and tax["low"] <= tax["central"]
    assert frame.loc["mobile_internet_users", "central"] <= frame.loc["internet_users", "central"]


def test_escalation_apps_count_only_once_blocked_within_the_horizon():
    block = {
        "kind": "app_block",
        "start_h": 0,
        "duration_h": 48,
        "apps": ["telegram"],
        "escalation": {"apps": ["whatsapp"], "reaction_lag_h": 24},
    }
    early = _people([block])
    late = _people([{**block, "escalation": {"apps": ["whatsapp"], "reaction_lag_h": 100}}])
    alone = _people([{**block, "escalation": None}])
    assert late == pytest.approx(alone) and early > alone


def test_results_csv_has_the_three_lines(runs):
    from shutdown_sim.report.brief import results_frame

    r = runs["hk-2019-full-shutdown-7d"]
    frame = results_frame(r).set_index("name")
    d = r.to_dict()
    assert frame.loc["people_affected", "central_count"] == d["people_affected"]
    assert frame.loc["worker_days_lost", "count_unit"] == "worker-days"
    assert frame.loc["worker_days_lost", "p95_count"] == d["worker_days_lost"]["p95"]
    tax = d["tax_revenue_loss_usd"]
    assert frame.loc["tax_revenue_loss_usd", "p50_usd"] == tax["p50"]
    assert frame.loc["tax_revenue_loss_usd", "central_hkd"] == pytest.approx(
        tax["central"] * r.local_per_usd
    )
    assert frame.loc["gdp_loss_usd", "kind"] == "outcome"  # the headline row is untouched
