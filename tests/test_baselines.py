"""Baselines: published figures reproduced, properties, validation, calibration checks, gaps."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shutdown_sim.baselines import METHODS, baseline, list_methods, make_input, run
from shutdown_sim.baselines.base import NotPriceable, const, published_shares
from shutdown_sim.errors import ParameterError
from shutdown_sim.params.countries import country_facts, load_countries

ECON = {"gdp_usd": 3.65e11, "population": 1e7, "internet_users_share": 0.9}


def test_registry():
    assert [m["method"] for m in list_methods()] == ["west2016", "deloitte2016", "cost", "netloss"]
    assert set(METHODS) == {"west2016", "deloitte2016", "cost", "netloss"}
    for row in list_methods():
        assert row["counts"] and row["vintage"] and row["branches"] and row["inputs"]
    for mod in METHODS.values():
        assert "VERIFIED" in mod.__doc__ and (
            "INFERRED" in mod.__doc__ or "ASSUMPTION" in mod.__doc__
        )


# --- published figures --------------------------------------------------------------------


def test_west_us_example():
    """West (2016): US GDP 18.438 tn, 6 % internet share -> USD 3.03 bn per day (DERIVED)."""
    r = baseline("west2016", gdp_usd=18.438e12, population=3.2e8, internet_share=0.06, days=1)
    assert r.cost_usd_per_day == pytest.approx(3.03e9, abs=0.005e9)
    # the 6 % comes from the table when the country is the US
    r2 = baseline("west2016", country="USA", year=2016, gdp_usd=18.438e12, days=1)
    assert r2.inputs["internet_share"]["value"] == 0.06
    assert "SECONDARY" in r2.inputs["internet_share"]["source"]
    assert r2.cost_usd == pytest.approx(r.cost_usd)


@pytest.mark.parametrize(
    ("tier", "per_10m", "gdp_share"),
    [("high", 23.6e6, 0.019), ("medium", 6.6e6, 0.010), ("low", 0.6e6, 0.004)],
)
def test_deloitte_tiers(tier, per_10m, gdp_share):
    r = baseline("deloitte2016", days=1, tier=tier, **ECON)
    assert r.cost_usd_per_day == pytest.approx(per_10m)
    g = baseline("deloitte2016", days=1, tier=tier, basis="gdp", **ECON)
    assert g.cost_usd_per_day == pytest.approx(ECON["gdp_usd"] / 365 * gdp_share)


def test_deloitte_hong_kong_derived_in_reference():
    """methods.md 2.2: HK 7.45 M people high tier -> 17.6 M; 1.9 % of 991 M -> 18.8 M."""
    r = baseline(
        "deloitte2016", days=1, population=7.45e6, gdp_usd=361.7e9, internet_users_share=0.9
    )
    assert r.inputs["tier"]["value"] == "high"
    assert r.cost_usd_per_day == pytest.approx(17.6e6, abs=0.05e6)
    g = baseline(
        "deloitte2016",
        days=1,
        population=7.45e6,
        gdp_usd=361.7e9,
        internet_users_share=0.9,
        basis="gdp",
    )
    assert g.cost_usd_per_day == pytest.approx(18.8e6, abs=0.05e6)


def test_netloss_abstract_coefficient_is_not_a_daily_cost():
    """86.58 USD per person per day prices Rwanda's day far above its whole daily output."""
    coef = const("netloss.usd_per_person_day").central
    rwa = country_facts("RWA", 2020)
    assert coef * rwa.population > 10 * rwa.gdp_usd / 365
    # the reconstructed calculator stays far below: 0.41 % of daily GDP per day
    r = baseline("netloss", country="RWA", year=2020, days=1)
    assert r.cost_usd_per_day == pytest.approx(rwa.gdp_usd / 365 * 0.004139, rel=1e-6)


def test_netloss_vintages_and_kinds():
    one = baseline("netloss", days=1, **ECON)
    assert one.cost_usd == pytest.approx(ECON["gdp_usd"] / 365 * 0.004139)
    old = baseline("netloss", days=1, vintage="2026", **ECON)
    assert old.cost_usd == pytest.approx(ECON["gdp_usd"] / 365 * 0.000909)
    apps = baseline("netloss", days=1, kind="apps", apps="whatsapp,telegram", **ECON)
    assert apps.cost_usd == pytest.approx(0.30 * one.cost_usd)  # one services type, any apps
    with pytest.raises(NotPriceable) as err:
        baseline("netloss", days=1, kind="mobile", **ECON)
    assert err.value.field == "kind"
    with pytest.raises(ParameterError):
        baseline("netloss", days=1, vintage="1999", **ECON)


def test_deloitte_prices_only_full_shutdowns():
    for kw in ({"kind": "mobile"}, {"kind": "apps", "apps": "whatsapp"}):
        with pytest.raises(NotPriceable):
            baseline("deloitte2016", days=1, **kw, **ECON)


def test_india_row_implied_share():
    """methods.md 1.2: India 968,080,702 over 70.54 days is 0.25 % of 2014 daily GDP."""
    daily_gdp = country_facts("IND", 2014).gdp_usd / 365
    implied = 968_080_702 / 70.54 / daily_gdp
    assert round(implied * 100, 2) == 0.25
    # the west2016 formula with that product of share x affected x kind gives the row back
    r = baseline("west2016", country="IND", year=2014, days=70.54, internet_share=implied)
    assert r.cost_usd == pytest.approx(968_080_702, rel=1e-9)


def test_cost_nigeria_twitter_is_linear_in_hours():
    """methods.md F2: COST USD 250,600 per hour; USD 6,014,390 per day; 61 days 366,877,817."""
    assert 250_600 * 24 == pytest.approx(6_014_390, abs=10)
    assert 61 * 24 * 250_600 == pytest.approx(366_877_817, rel=1e-5)
    one_hour = baseline("cost", country="NGA", year=2021, days=1 / 24, kind="apps", apps="twitter")
    one_day = baseline("cost", country="NGA", year=2021, days=1, kind="apps", apps="twitter")
    assert one_hour.cost_usd * 24 == pytest.approx(one_day.cost_usd, rel=1e-12)
    assert one_day.cost_usd * 61 == pytest.approx(
        baseline("cost", country="NGA", year=2021, days=61, kind="apps", apps="twitter").cost_usd
    )


@pytest.mark.parametrize("method", list(METHODS))
def test_hours_linearity(method):
    one = baseline(method, days=1, **ECON).cost_usd
    for hours in (1, 3, 7.5, 36):
        assert baseline(method, days=hours / 24, **ECON).cost_usd == pytest.approx(one * hours / 24)


def test_cost_branches():
    """G20: BCG x escalator; Hong Kong 2019 is not G20 (ICT branch); Nigeria is SSA."""
    hkg = baseline("cost", country="HKG", year=2019, days=1)
    assert hkg.inputs["branch"]["value"] == "other"
    assert "escalator" not in hkg.inputs
    users = country_facts("HKG", 2019).internet_users_share
    k = const("cost.extent_per_internet_user_share.other").central
    assert hkg.cost_usd == pytest.approx(country_facts("HKG", 2019).gdp_usd / 365 * k * users)
    nga = baseline("cost", country="NGA", year=2019, days=1)
    assert nga.inputs["branch"]["value"] == "ssa"
    usa = baseline("cost", country="USA", year=2019, days=1)
    assert usa.inputs["branch"]["value"] == "g20"
    assert usa.inputs["escalator"]["value"] == pytest.approx(1.1**7)
    zaf = baseline("cost", country="ZAF", year=2019, days=1)  # G20 and SSA, no BCG share here
    assert zaf.inputs["branch"]["value"] == "other"
    assert any("G20 member without" in n for n in zaf.notes)


def test_cost_apps_add_up_like_cost_nigeria():
    """COST Nigeria 2021: Twitter 6,014,390/day, five apps N10.9 bn = 5 x Twitter."""
    one = baseline("cost", days=1, kind="apps", apps="twitter", **ECON)
    five = baseline(
        "cost", days=1, kind="apps", apps="whatsapp,facebook,instagram,youtube,twitter", **ECON
    )
    assert five.cost_usd == pytest.approx(5 * one.cost_usd)
    assert 6_014_390 * 5 * 361.98 == pytest.approx(10.9e9, rel=0.005)


def test_cost_uses_recalled_us_share():
    r = baseline("cost", country="USA", year=2016, days=1)
    assert r.inputs["internet_share"]["value"] == 0.054
    assert "RECALLED" in r.inputs["internet_share"]["source"]


def test_inputs_have_sources():
    for method in METHODS:
        r = baseline(method, country="HKG", year=2019, days=1)
        for name, item in r.inputs.items():
            assert set(item) == {"value", "source"} and item["source"], name
        assert r.method_version


def test_overrides_beat_country_data():
    r = baseline("west2016", country="HKG", year=2019, days=1, gdp_usd=1e11, internet_share=0.1)
    assert r.cost_usd == pytest.approx(1e11 / 365 * 0.1)
    assert r.inputs["gdp_usd"]["source"] == "user input"


def test_missing_internet_users_year_uses_latest_earlier():
    inp = make_input(country="HKG", year=2023, days=1)
    assert inp.internet_users_share == country_facts("HKG", 2020).internet_users_share
    assert "used 2020" in inp.sources["internet_users_share"]


# --- properties -----------------------------------------------------------------------------

methods = st.sampled_from(list(METHODS))
shares = st.floats(0, 1)
days_s = st.floats(0, 400)
gdps = st.floats(1e10, 3e13)  # 10 M people: a day of population-based pricing stays below output


@settings(max_examples=60, deadline=None)
@given(methods, days_s, shares)
def test_twice_the_days_twice_the_cost(method, days, affected):
    a = baseline(method, days=days, share_affected=affected, **ECON).cost_usd
    b = baseline(method, days=2 * days, share_affected=affected, **ECON).cost_usd
    assert b == pytest.approx(2 * a, rel=1e-12, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(methods, shares, shares)
def test_monotone_in_share_affected(method, s1, s2):
    lo, hi = sorted((s1, s2))
    a = baseline(method, days=1, share_affected=lo, **ECON).cost_usd
    b = baseline(method, days=1, share_affected=hi, **ECON).cost_usd
    assert 0 <= a <= b


def _cost_or_none(method, **kw):
    try:
        return baseline(method, **kw).cost_usd
    except NotPriceable:
        return None


@settings(max_examples=40, deadline=None)
@given(methods, st.floats(0.01, 100), st.sampled_from(["whatsapp", "telegram", "facebook"]))
def test_full_ge_mobile_and_apps_ge_zero(method, days, app):
    full = baseline(method, days=days, **ECON).cost_usd
    for kw in ({"kind": "mobile"}, {"kind": "apps", "apps": [app]}):
        part = _cost_or_none(method, days=days, **kw, **ECON)
        assert part is None or full >= part >= 0


@settings(max_examples=40, deadline=None)
@given(methods, gdps, st.floats(0.1, 10))
def test_scale_invariance_in_gdp(method, gdp, factor):
    """GDP-based methods scale with GDP; population-based ones do not depend on it."""
    kw = {"population": 1e7, "internet_users_share": 0.5, "days": 1}
    a = baseline(method, gdp_usd=gdp, **kw).cost_usd
    b = baseline(method, gdp_usd=gdp * factor, **kw).cost_usd
    expected = a * factor if method in ("west2016", "cost", "netloss") else a
    assert b == pytest.approx(expected, rel=1e-9)
    if method == "deloitte2016":
        g1 = baseline(method, gdp_usd=gdp, basis="gdp", **kw).cost_usd
        g2 = baseline(method, gdp_usd=gdp * factor, basis="gdp", **kw).cost_usd
        assert g2 == pytest.approx(g1 * factor, rel=1e-9)


def test_more_apps_cost_more():
    one = baseline("west2016", days=1, kind="apps", apps="whatsapp", **ECON).cost_usd
    two = baseline("west2016", days=1, kind="apps", apps="whatsapp,telegram", **ECON).cost_usd
    assert one < two < 2 * one


# --- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"days": -1}, "days"),
        ({"days": 1, "share_affected": 1.5}, "share_affected"),
        ({"days": 1, "share_affected": -0.1}, "share_affected"),
        ({"days": 1, "internet_share": 2.0}, "internet_share"),
        ({"days": 1, "kind": "partial"}, "kind"),
        ({"days": 1, "kind": "apps", "apps": "myspace"}, "apps"),
        ({"days": 1, "kind": "apps"}, "apps"),
        ({"days": 1, "kind": "full", "apps": "whatsapp"}, "kind"),
        ({"days": float("nan")}, "days"),
    ],
)
def test_bad_inputs(kwargs, field):
    with pytest.raises(ParameterError) as err:
        baseline("west2016", **{**ECON, **kwargs})
    assert err.value.field == field
    assert err.value.allowed


def test_unknown_method_and_options():
    with pytest.raises(ParameterError) as err:
        baseline("brookings", days=1, **ECON)
    assert err.value.field == "method" and "west2016" in err.value.allowed
    with pytest.raises(ParameterError) as err:
        baseline("deloitte2016", days=1, basis="income", **ECON)
    assert err.value.field == "basis"
    with pytest.raises(ParameterError) as err:
        baseline("deloitte2016", days=1, tier="top", **ECON)
    assert err.value.field == "tier"
    with pytest.raises(ParameterError):
        run("west2016", make_input(days=1, **ECON), basis="gdp")


def test_missing_economy():
    with pytest.raises(ParameterError) as err:
        baseline("west2016", days=1, population=1e6)
    assert err.value.field == "gdp_usd"
    with pytest.raises(ParameterError) as err:
        baseline("west2016", days=1, gdp_usd=1e9, population=1e6)
    assert err.value.field == "internet_share"
    with pytest.raises(ParameterError) as err:
        baseline("west2016", country="HKG", year=2024, days=1)
    assert err.value.field == "gdp_usd" and "2023" in str(err.value)


# --- calibrated constants are recomputed from the data, not tuned ---------------------------


def _users(iso3: str, year: int) -> float:
    return country_facts(iso3, year).internet_users_share


def test_fallback_ratio_recomputed():
    ratios = []
    for key, p in published_shares().items():
        iso3, name = key.split(".")
        if name == "bcg_internet_economy_share":
            ratios.append(p.central / _users(iso3, int(p.year)))
    c = const("fallback_internet_share_per_internet_user_share")
    assert c.central == pytest.approx(statistics.median(ratios), abs=5e-5)
    assert c.low == pytest.approx(min(ratios), abs=5e-5)
    assert c.high == pytest.approx(max(ratios), abs=5e-5)


def test_deloitte_thresholds_recomputed():
    frame = (
        load_countries()
        .xs(2015, level="year")
        .dropna(subset=["gdp_usd", "population", "internet_users_share"])
    )
    gdp_pc = frame["gdp_usd"] / frame["population"]
    medians = {}
    for tier in ("high", "medium", "low"):
        r = const(f"deloitte2016.loss_usd_per_day_per_10m_people.{tier}").central
        p = const(f"deloitte2016.daily_gdp_share.{tier}").central
        target = r / p * 365 / 1e7
        near = frame["internet_users_share"][(gdp_pc / target - 1).abs() < 0.25]
        medians[tier] = near.median()
    hi = const("deloitte2016.tier_threshold.high").central
    med = const("deloitte2016.tier_threshold.medium").central
    assert hi == pytest.approx((medians["high"] + medians["medium"]) / 2, abs=0.006)
    assert med == pytest.approx((medians["medium"] + medians["low"]) / 2, abs=0.006)


def test_app_factor_recomputed_from_west_app_rows():
    ratio = const("fallback_internet_share_per_internet_user_share").central
    ks = []
    for iso3, cost, days in (
        ("SAU", 465_280_632, 45),
        ("BRA", 116e6, 5),
        ("MAR", 320_456_034, 182),
    ):
        share_of_daily_gdp = cost / days / (country_facts(iso3, 2014).gdp_usd / 365)
        ks.append(share_of_daily_gdp / (ratio * _users(iso3, 2015)))
    p = const("kind_factor.app.whatsapp")
    assert p.central == pytest.approx(
        statistics.median(ks), abs=6e-4
    )  # table values are rounded to 3 decimals
    assert (p.low, p.high) == pytest.approx(
        (min(ks), max(ks)), abs=6e-4
    )  # table values are rounded to 3 decimals


# --- known gaps (never fudged) --------------------------------------------------------------


@pytest.mark.xfail(
    reason="West's Iraq row (22 cuts of ~3 h, 2.75 days, USD 209.6 M) is 12 % of "
    "daily GDP; hours-based formula gives ~1 %; West may have charged each event "
    "as a full day (methods.md F1, H1, unverified)",
    strict=True,
)
def test_west_iraq_row():
    r = baseline("west2016", country="IRQ", year=2014, days=2.75)
    assert r.cost_usd == pytest.approx(209_578_705, rel=0.25)


@pytest.mark.xfail(
    reason="Access Now's 'up to USD 425 M/day' for Hong Kong (Sep 2019) is ~43 % of "
    "daily GDP; its source sentence and method were never found (methods.md 7, F2)",
    strict=True,
)
@pytest.mark.parametrize("method", list(METHODS))
def test_hong_kong_425m_per_day(method):
    r = baseline(method, country="HKG", year=2019, days=1)
    assert r.cost_usd_per_day == pytest.approx(425e6, rel=0.10)


# --- published outputs of the tools themselves (parameters/baseline_published_outputs.csv) --

from shutdown_sim.baselines import validation  # noqa: E402

# Tolerances, with the reason for each:
# - single-output fits (NetLoss): the fit reproduces its own figure to rounding (1 %);
# - COST G20 one-day figures of Nov 2023: rounded to two digits in the press and the BCG shares
#   behind them are partly RECALLED: 20 %;
# - COST SSA / other branches: one coefficient per branch where COST uses per-country figures
#   (CIPESA Annex 1, unpublished): within a factor of 2;
# - West's US example: 5 % (GDP vintage).
KNOWN_GAPS = {
    "COST-JPN-2023": "Japan's Nov-2023 COST figure implies an 8.1 % BCG share x escalator; the "
    "recalled BCG 2016 projection is 5.6 % (share or GDP vintage differs)",
    "T10-GAB-2019-01": "Gabon's COST figure is 0.03 x internet users, 7x below the SSA branch; "
    "COST's per-country Annex-1 value for Gabon is unknown",
    "WEST-IRQ-2016": "West's Iraq row (22 cuts of ~3 h) is 12 % of daily GDP; West may have "
    "charged each cut as a full day (unverified)",
}


def _tolerance(case: dict) -> tuple[float, float]:
    """(lowest, highest) allowed reproduced / published."""
    if case["method"] == "netloss":
        return (0.99, 1.5) if case["bound"] == ">" else (0.99, 1.01)
    if case["case_id"].endswith("-2023") and case["method"] == "cost":
        return 0.8, 1.2
    if case["method"] == "west2016":
        return 0.95, 1.05
    return 0.5, 2.0


CASES = [c for c in validation.cases().index if validation.cases().loc[c, "use"] != "context"]


@pytest.mark.parametrize(
    "case_id",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason=KNOWN_GAPS[c], strict=True))
        if c in KNOWN_GAPS
        else c
        for c in CASES
    ],
)
def test_published_output_reproduced(case_id):
    case = validation.reproduce(case_id)
    assert case["reproduced_usd"] is not None, case["why"]
    lo, hi = _tolerance(case)
    assert lo <= case["reproduced_usd"] / case["published_usd"] <= hi


def test_largest_economies_2023_one_day():
    """The Nov-2023 COST one-day figures of the US and China (half the world total) match."""
    for iso3, published in (("USA", 11e9), ("CHN", 9.8e9)):
        r = baseline("cost", country=iso3, year=2023, days=1)
        assert r.cost_usd == pytest.approx(published, rel=0.06)


def _share_per_user(case_id: str) -> float:
    row = validation.cases().loc[case_id]
    facts = country_facts(row["iso3"], int(row["data_year"]))
    per_day = row["published_usd"] / (row["hours"] / 24)
    return per_day / (facts.gdp_usd / 365) / facts.internet_users_share


@pytest.mark.parametrize(
    ("branch", "case_ids"),
    [
        ("ssa", ["COST-NGA-2019-02", "COST-ZWE-2020-07", "T10-COD-2019-01", "T10-GAB-2019-01"]),
        ("other", ["COST-IRN-2019-11", "T10-DZA-2019"]),
    ],
)
def test_cost_branch_coefficients_recomputed(branch, case_ids):
    fit = validation.cases()
    assert set(case_ids) <= set(fit.index[(fit["use"] == "fit") & (fit["method"] == "cost")])
    ratios = [_share_per_user(c) for c in case_ids]
    p = const(f"cost.extent_per_internet_user_share.{branch}")
    assert p.central == pytest.approx(statistics.median(ratios), abs=5e-5)
    assert (p.low, p.high) == pytest.approx((min(ratios), max(ratios)), abs=5e-5)


def test_fitted_factors_recomputed():
    cases = validation.cases()
    assert const("cost.kind_factor.app").central == pytest.approx(
        cases.loc["COST-NGA-2021-06-X", "published_usd"]
        / cases.loc["COST-NGA-2019-02", "published_usd"],
        abs=5e-5,
    )

    def daily_share(case_id):
        row = cases.loc[case_id]
        gdp = country_facts(row["iso3"], int(row["data_year"])).gdp_usd
        return row["published_usd"] / (row["hours"] / 24) / (gdp / 365)

    theta = const("netloss.daily_gdp_share_per_day.2023").central
    assert theta == pytest.approx(daily_share("NL-PAK-2023-05"), rel=1e-3)
    assert const("netloss.daily_gdp_share_per_day.2026").central == pytest.approx(
        daily_share("NL-IRN-2026"), rel=1e-3
    )
    assert const("netloss.services_factor").central == pytest.approx(
        daily_share("NL-GIN-2023-06") / theta, abs=0.005
    )


def test_residual_table_in_readme():
    """README shows the table the parameter files give today."""
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert validation.residual_table() in readme


# --- hard bound over every country and year with data ---------------------------------------


def test_no_method_prices_a_day_above_the_economy():
    """Every method, every country-year with GDP in countries.csv, full/mobile/app: a day costs at
    most the affected economy's daily output, or the method says it cannot price it."""
    frame = load_countries().dropna(subset=["gdp_usd", "population"])
    from shutdown_sim.baselines.base import BaselineInput

    checked = refused = 0
    for (iso3, year), row in frame.iterrows():
        users = row["internet_users_share"]
        for kind, apps, share in (("full", (), 1.0), ("mobile", (), 0.5), ("apps", ("x",), 1)):
            inp = BaselineInput(
                region=iso3,
                year=int(year),
                gdp_usd=float(row["gdp_usd"]),
                population=float(row["population"]),
                internet_users_share=None if users != users else float(users),
                internet_share=None,
                days=1.0,
                share_affected=share,
                kind=kind,
                apps=("twitter",) if apps else (),
            )
            for method in METHODS:
                try:
                    r = run(method, inp)
                except (NotPriceable, ParameterError):
                    refused += 1
                    continue
                checked += 1
                assert 0 <= r.cost_usd_per_day <= inp.gdp_usd / 365 * share * (1 + 1e-9)
    assert checked > 20_000 and refused > 0


# --- baselines over every event of a scenario, within its horizon (issue 17 class 2, 6) -----


def _scenario(events, **kw):
    from shutdown_sim.scenario import scenario_from_dict

    return scenario_from_dict({"name": "t", "region": "HKG", "year": 2019, "events": events, **kw})


def test_multi_event_baselines_cover_every_event():
    from shutdown_sim.baselines.scenario_events import scenario_baselines

    one = [{"kind": "shutdown", "start_h": 0, "duration_h": 1}]
    many = [{"kind": "shutdown", "start_h": 100 * i, "duration_h": 1} for i in range(200)]
    single, _, days1, _ = scenario_baselines(_scenario(one), "HKG", 24 * 400, 1 / 24)
    multi, _, days200, _ = scenario_baselines(_scenario(many), "HKG", 24 * 900, 1 / 24)
    assert days200 == pytest.approx(200 * days1)
    for method in METHODS:
        assert multi[method]["cost_usd"] == pytest.approx(200 * single[method]["cost_usd"])
        assert len(multi[method]["events"]) == 200


def test_restoration_past_the_horizon_is_clipped():
    from shutdown_sim.baselines.scenario_events import scenario_baselines

    stages = [{"after_h": 0, "share_restored": 0.5}, {"after_h": 23_000, "share_restored": 1.0}]
    sc = _scenario(
        [{"kind": "shutdown", "start_h": 0, "duration_h": 48, "restoration": stages}],
        horizon_days=3,
    )
    res, _, days, notes = scenario_baselines(sc, "HKG", sc.horizon_h, 3)
    assert days == pytest.approx(2 + 0.5)  # two full days, then half cut for the third
    assert any("horizon" in n for n in notes)
    west = baseline("west2016", country="HKG", year=2019, days=2.5).cost_usd
    assert res["west2016"]["cost_usd"] == pytest.approx(west)


def test_mixed_events_and_methods_that_cannot_price_one():
    from shutdown_sim.baselines.scenario_events import scenario_baselines

    sc = _scenario(
        [
            {"kind": "shutdown", "start_h": 0, "duration_h": 24},
            {"kind": "app_block", "start_h": 48, "duration_h": 24, "apps": ["telegram"]},
        ]
    )
    res, label, days, _ = scenario_baselines(sc, "HKG", sc.horizon_h, 3)
    assert label == "mixed: full; apps (telegram)" and days == pytest.approx(2)
    assert res["deloitte2016"]["cost_usd"] is None and "event 2" in res["deloitte2016"]["error"]
    full = baseline("cost", country="HKG", year=2019, days=1).cost_usd
    app = baseline("cost", country="HKG", year=2019, days=1, kind="apps", apps="telegram").cost_usd
    assert res["cost"]["cost_usd"] == pytest.approx(full + app)


def test_year_without_data_is_said_and_json_is_strict():
    import json

    from shutdown_sim.model import simulate

    sc = _scenario([{"kind": "shutdown", "start_h": 0, "duration_h": 24}])
    sc = sc.model_copy(update={"year": 2100})
    out = simulate(sc, draws=10, seed=0).to_dict()

    def refuse(token):
        raise ValueError(f"non-standard JSON token {token}")

    back = json.loads(json.dumps(out), parse_constant=refuse)
    assert all(v is None for v in back["baselines"].values())
    assert all(d["cost_usd"] is None for d in back["baseline_details"].values())
    assert any("2100" in n for n in back["notes"])


def test_brief_says_n_a_for_a_method_that_cannot_price():
    from shutdown_sim.model import simulate
    from shutdown_sim.report.brief import render_brief_markdown

    result = simulate("hk-2019-mobile-data-1d", draws=10, seed=0)
    text = render_brief_markdown(result, [])
    rows = [ln for ln in text.splitlines() if ln.startswith("|") and "n/a" in ln]
    assert any("Deloitte" in ln and "full shutdowns" in ln for ln in rows)
    assert any("NetLoss" in ln and "mobile" in ln for ln in rows)


def test_comparison_chart_labels_n_a_methods():
    from shutdown_sim.model import simulate
    from shutdown_sim.report.charts import baselines_figure

    fig = baselines_figure(simulate("hk-2019-mobile-data-1d", draws=10, seed=0))
    labels = [str(y) for trace in fig.data for y in (trace.y or ())]
    assert any("NetLoss" in y and "n/a" in y for y in labels)
    assert any("COST" in y and "n/a" not in y for y in labels)
