"""Every country: regions built from parameters/world, run --country, sweep --countries."""

from __future__ import annotations

import json

import numpy as np
import pytest
from helpers import assert_refused

from shutdown_sim.cli import main
from shutdown_sim.constants import HOURS_PER_YEAR
from shutdown_sim.country_run import country_codes, country_scenario
from shutdown_sim.model import draw_values, evaluate, prepare
from shutdown_sim.params import country_rules as rules
from shutdown_sim.params.country import load_country_economy
from shutdown_sim.params.economy import load_economy
from shutdown_sim.params.families import load_families
from shutdown_sim.scenario import scenario_from_dict

DONE_WHEN = ("IND", "IRN", "ETH", "MMR", "PAK", "SDN", "IRQ", "RUS", "BGD", "EGY", "NGA", "USA")


def run_json(capsys, *args) -> dict:
    code = main(["run", *args, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_hong_kong_keeps_its_hand_built_folder():
    hk = load_economy("HKG", 2019)
    assert hk.region_tier == "hand-built" and hk.notes == ()
    assert hk.sector_param("dependence")[0] == pytest.approx(0.05)  # the folder's own table


def test_country_json_has_the_keys_of_a_scenario_run(capsys):
    scenario_run = run_json(capsys, "--draws", "20")
    country = run_json(capsys, "--country", "eth", "--days", "0.5", "--draws", "20")
    assert set(country) == set(scenario_run)
    assert country["region"] == "ETH" and country["region_tier"] == "wdi_shares"
    assert scenario_run["region_tier"] == "hand-built"
    assert country["duration_days"] == pytest.approx(0.5)
    assert country["scenario_definition"]["events"][0]["duration_h"] == pytest.approx(12)


def test_country_sector_loss_stays_within_its_output(capsys):
    data = run_json(capsys, "--country", "BGD", "--kind", "mobile", "--share", "0.4",
                    "--draws", "30")  # fmt: skip
    economy = load_country_economy("BGD", data["year"])
    assert data["region_tier"] == "adb_mrio"
    assert 0 < data["gdp_loss_usd"]["p95"] <= economy.value_added_usd.sum() / 365 * 31


@pytest.mark.slow
@pytest.mark.parametrize("iso3", DONE_WHEN)
def test_done_when_countries_run(iso3, capsys):
    data = run_json(capsys, "--country", iso3, "--kind", "full", "--days", "1", "--draws", "40")
    assert data["region"] == iso3 and data["region_tier"] in ("adb_mrio", "wdi_shares")
    assert data["gdp_loss_usd"]["p50"] > 0
    # one day of a full shutdown costs less than one day of GDP
    assert data["gdp_loss_share_of_daily_gdp"] < 1


def test_unknown_country_exits_2_with_closest_names(capsys):
    code = main(["run", "--country", "Indai"])
    assert_refused(code, capsys.readouterr().err, "IND (India)", "closest")


def test_country_without_sector_data_exits_2_naming_the_table(capsys):
    code = main(["run", "--country", "ERI"])
    assert_refused(code, capsys.readouterr().err, "ERI", "sector_totals_adb.csv")


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--country", "IND", "--kind", "apps"], "--apps"),
        (["--country", "IND", "--apps", "telegrm"], "telegrm"),
        (["--country", "IND", "--share", "0"], "--share"),
        (["--country", "IND", "--days", "-1"], "--days"),
        (["hk-2019-full-shutdown-1d", "--country", "IND"], "--country"),
        (["--days", "2"], "--country"),
        (["--reproduce", "x.json", "--country", "IND"], "--reproduce"),
    ],
)
def test_bad_country_levers_exit_2(args, needle, capsys):
    code = main(["run", *args])
    assert_refused(code, capsys.readouterr().err, needle)


def test_year_without_data_uses_the_nearest_and_says_so(capsys):
    data = run_json(capsys, "--country", "IND", "--year", "1995", "--draws", "10")
    assert data["year"] == 1995
    assert any("sector totals of 2017" in n for n in data["notes"])


def test_scenario_file_may_name_a_country():
    s = scenario_from_dict(
        {"name": "x", "region": "PAK", "year": 2023,
         "events": [{"kind": "shutdown", "start_h": 0, "duration_h": 96, "scope": "mobile"}]},
    )  # fmt: skip
    assert s.region == "PAK"


def test_every_derived_sector_value_keeps_its_label():
    economy = load_country_economy("NGA", 2022)
    for key, param in economy.sector_params.items():
        assert param.status and param.source, key
        if key.endswith((".dependence", ".mobile_share", ".buffer_h")):
            assert param.status == "ASSUMPTION" and "docs/country.md" in param.note, key


# --- the adjustment rules ------------------------------------------------------------------

HK = rules.Access(0.9174, 37.47, 286.6, "", "")


def test_rules_leave_hong_kong_like_economies_unchanged():
    f = rules.factors(rules.Access(0.95, 40.0, 120.0, "", ""), HK)
    assert (f.use_ratio, f.fixed_ratio, f.buffer_factor) == (1.0, 1.0, 1.0)
    assert rules.dependence(0.5, 0.3, 0.7, f) == (0.5, 0.3, 0.7)
    assert rules.mobile_share(0.3, 0.15, 0.45, f) == pytest.approx((0.3, 0.15, 0.45))
    assert rules.buffer_h(24, 12, 48, f) == (24, 12, 48)


@pytest.mark.parametrize("use, fixed", [(0.05, 0.1), (0.3, 1.0), (0.6, 10.0), (0.9, 30.0)])
def test_rules_stay_ordered_and_inside_their_families(use, fixed):
    fam = load_families()
    f = rules.factors(rules.Access(use, fixed, 90.0, "", ""), HK)
    for name, (c, lo, hi) in {
        "dependence": (0.7, 0.5, 0.9),
        "mobile_share": (0.2, 0.05, 0.35),
        "buffer_h": (4.0, 2.0, 8.0),
    }.items():
        out = rules.RULES[name](c, lo, hi, f)
        assert out[1] <= out[0] <= out[2], name
        assert all(fam[name].admits(v) for v in out), name
    # less internet use: less dependence, more mobile, longer buffers
    assert rules.dependence(0.7, 0.5, 0.9, f)[0] <= 0.7
    assert rules.mobile_share(0.2, 0.05, 0.35, f)[0] >= 0.2
    assert 4.0 <= rules.buffer_h(4.0, 2.0, 8.0, f)[0] <= 8.0


# --- property over every country ----------------------------------------------------------


@pytest.mark.slow
def test_no_country_loses_more_than_its_own_output_for_the_period():
    """Every economy with data, a 3-day full shutdown, 8 draws: each sector's gross GDP loss is
    at most its value added over the simulated period, and 0 <= net <= gross."""
    checked = 0
    for iso3 in country_codes("all"):
        ctx = prepare(country_scenario(iso3, days=3))
        out = evaluate(ctx, draw_values(ctx, 8, 0), daily=False)
        period = ctx.horizon_h / HOURS_PER_YEAR
        cap = np.clip(ctx.economy.value_added_usd, 0, None) * period
        assert np.all(out.sector_gross_gdp_usd <= cap * (1 + 1e-9) + 1e-6), iso3
        net = out.net_gdp_usd
        assert np.all(net >= -1e-6) and np.all(net <= out.gross_gdp_usd + 1e-6), iso3
        checked += 1
    assert checked > 190


def test_sweep_countries(capsys):
    code = main(["sweep", "--countries", "MMR,sdn", "--draws", "20", "--durations", "0.5,2",
                 "--json"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    runs = json.loads(out)
    assert [(r["region"], r["sweep_duration_days"]) for r in runs] == [
        ("MMR", 0.5), ("MMR", 2.0), ("SDN", 0.5), ("SDN", 2.0)
    ]  # fmt: skip
    assert runs[1]["gdp_loss_usd"]["p50"] > runs[0]["gdp_loss_usd"]["p50"]


def test_sweep_all_lists_every_economy_with_data():
    codes = country_codes("all")
    assert "HKG" in codes and "IND" in codes and "ERI" not in codes
    assert len(codes) > 190


def test_brief_of_a_country_names_its_data_tier():
    from shutdown_sim.report.brief import build_brief

    brief = build_brief(country_scenario("ETH", days=2), draws=20, seed=0, lang="en")
    frame = brief.results_frame()
    assert not frame.columns.duplicated().any()  # local currency is USD: no second copy
    html = brief.html()
    assert "World Bank value-added shares" in html and "proxy structure" in html


def test_world_map_row_equals_run_country():
    """The map's row for an economy is run --country's median, range and published methods."""
    from shutdown_sim.model import simulate
    from shutdown_sim.worldmap import world_table

    row = world_table(60, 3, workers=1, codes=["MMR"]).iloc[0]
    run = simulate(country_scenario("MMR", days=1), draws=60, seed=3).to_dict()
    for stat in ("p5", "p50", "p95"):
        assert row[stat] == pytest.approx(run["gdp_loss_usd"][stat], rel=1e-12)
    assert row["cost"] == pytest.approx(run["baselines"]["cost"])
    assert row["region_tier"] == run["region_tier"] and row["error"] == ""


def test_country_brief_names_one_currency_once():
    """A region that counts in USD gets no second 'local' amount in the sentences or card."""
    from shutdown_sim.report.brief import _View, build_brief
    from shutdown_sim.report.card import card_texts

    brief = build_brief(country_scenario("ETH", days=2), draws=20, seed=0, lang="en")
    sentence = brief.headline()
    assert sentence.count("USD") == 3  # median, p5, p95
    assert _View(brief).per_day_sentence().count("USD") == 1
    assert card_texts(brief)["local"] == ""
