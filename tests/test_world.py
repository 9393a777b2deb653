"""Every-country tables (parameters/world/) and their reader, shutdown_sim.params.world."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from shutdown_sim.errors import ParameterError
from shutdown_sim.params import world
from shutdown_sim.params.countries import country_facts

ROOT = Path(__file__).resolve().parents[1]
WORLD = ROOT / "parameters" / "world"
HKG = ROOT / "parameters" / "regions" / "HKG"
BUILD = ROOT / "parameters" / "build"


def _load_build():
    sys.path.insert(0, str(BUILD))
    spec = importlib.util.spec_from_file_location("build_world", BUILD / "build_world.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


BUILD_MOD = _load_build()
REF = BUILD_MOD.find_reference()
needs_reference = pytest.mark.skipif(REF is None, reason="shared/reference/data not present")
ECONOMIES = world.economies()
ADB = sorted(ECONOMIES.index[ECONOMIES["tier"] == "adb_mrio"])
WITH_IO = sorted(ECONOMIES.index[ECONOMIES["tier"] != "none"])
FOCUS = ("IND", "IRN", "ETH", "MMR", "PAK", "SDN", "IRQ", "RUS", "BGD", "EGY", "NGA", "USA")


@needs_reference
@pytest.mark.slow
def test_build_reproduces_committed_tables_byte_for_byte(tmp_path):
    assert (
        BUILD_MOD.main(
            [
                "--reference",
                str(REF),
                "--out",
                str(tmp_path / "w"),
                "--hkg-out",
                str(tmp_path / "h"),
            ]
        )
        == 0
    )
    built = sorted(p.relative_to(tmp_path / "w") for p in (tmp_path / "w").rglob("*.csv"))
    committed = sorted(p.relative_to(WORLD) for p in WORLD.rglob("*.csv"))
    assert built == committed
    for rel in built:
        assert (tmp_path / "w" / rel).read_bytes() == (WORLD / rel).read_bytes(), rel
    for name in ("io_interdependency_domestic.csv", "io_meta_domestic.csv"):
        assert (tmp_path / "h" / name).read_bytes() == (HKG / name).read_bytes(), name


def test_tiers_cover_adb_economies_and_focus_countries():
    assert len(ADB) == 72  # ADB MRIO: 72 economies besides the rest of the world
    for iso3 in FOCUS + ("HKG",):
        assert world.tier(iso3) in ("adb_mrio", "wdi_shares"), iso3
    for iso3 in ("IND", "PAK", "BGD", "EGY", "RUS", "HKG", "USA"):
        assert world.tier(iso3) == "adb_mrio"


@pytest.mark.parametrize("iso3", WITH_IO)
def test_a_star_domestic_is_productive(iso3):
    a = world.domestic_io(iso3).a_star
    assert a.shape == (20, 20)
    assert (a >= 0).all()
    assert a.sum(axis=1).max() < 1
    assert np.max(np.abs(np.linalg.eigvals(a))) < 1


@pytest.mark.parametrize("iso3", ADB)
def test_every_adb_economy_loads_and_ras_hits_domestic_targets(iso3):
    io = world.domestic_io(iso3)
    tot = world.sector_totals(iso3, io.year, release="pre-jun2023")
    assert tot.year == io.year == 2019
    x = tot.gross_output_usd
    z = io.a_star * x[:, None]  # domestic flows, USD
    ez = tot.domestic_intermediate_sales_usd
    # rows: the economy's own domestic intermediate sales (A* stored to 1e-5 absolute)
    np.testing.assert_allclose(z.sum(axis=1), ez, rtol=0, atol=float(x.max()) * 25e-5)
    assert abs(z.sum() - ez.sum()) <= 1e-3 * ez.sum()
    # domestic flows never exceed total flows: per user (all-origin inputs) and per supplier
    assert (z.sum(axis=0) <= tot.intermediate_inputs_usd * (1 + 1e-3) + 1e-3 * x.max()).all()
    assert (ez <= tot.intermediate_sales_usd * (1 + 1e-9) + 1).all()
    ind = world.indicators(iso3, 2019)
    assert set(world.INDICATOR_NAMES) <= set(ind.values)
    world.infrastructure(iso3)


def test_adb_checks_from_reference_readme():
    # adb_mrio README: Hong Kong 2019 value added 356.6 bn; value added / World Bank GDP 2019
    # is 0.98 (HKG) and 0.97 (IND), VA being at basic prices
    hk = world.sector_totals("HKG", 2019)
    assert hk.value_added_usd.sum() / 1e9 == pytest.approx(356.6, abs=0.1)
    for iso3, ratio in (("HKG", 0.98), ("IND", 0.97)):
        va = world.sector_totals(iso3, 2019).value_added_usd.sum()
        assert va / country_facts(iso3, 2019).gdp_usd == pytest.approx(ratio, abs=0.01)


def test_releases_are_never_spliced():
    old = world.sector_totals("IND", 2021)
    new = world.sector_totals("IND", 2022)
    assert (old.release, old.year) == ("pre-jun2023", 2021)
    assert (new.release, new.year) == ("jun2023", 2022)
    late = world.sector_totals("IND", 2030)
    assert late.year == 2022 and "nearest" in late.note
    with pytest.raises(ParameterError, match="release"):
        world.sector_totals("IND", 2020, release="2024")


@pytest.mark.parametrize("iso3", FOCUS)
def test_focus_countries_have_sector_totals_consistent_with_output(iso3):
    t = world.sector_totals(iso3, 2024)
    assert t.gross_output_usd.shape == (20,)
    assert (t.gross_output_usd > 0).all()
    # x = intermediate inputs + value added (ADB identity; the World Bank tier uses the proxy's)
    np.testing.assert_allclose(
        t.intermediate_inputs_usd + t.value_added_usd, t.gross_output_usd, rtol=1e-3
    )
    assert (t.domestic_intermediate_sales_usd <= t.gross_output_usd).all()
    if t.tier == "wdi_shares":
        gdp = country_facts(iso3, t.year).gdp_usd
        assert 0.5 < t.value_added_usd.sum() / gdp < 1.2


@needs_reference
def test_wdi_tier_reproduces_world_bank_shares():
    raw = pd.read_csv(REF / "anycountry" / "wdi" / "wdi_sector_va_shares_long.csv")
    raw = raw[(raw["iso3"] == "ETH") & (raw["vintage"] == "wdi_2022_05")]
    shares = pd.read_csv(WORLD / "sector_shares_wdi.csv").query("iso3 == 'ETH'")
    year = int(shares["year"].iloc[0])
    wb = raw[raw["year"] == year].set_index("indicator")["value"] / 100
    va = shares.set_index("sector")["value_added"]
    assert va[["FOOD_MFG", "MFG"]].sum() == pytest.approx(wb["NV.IND.MANF.ZS"], rel=1e-4)
    services = va.drop(["AGRI", "MINING", "FOOD_MFG", "MFG", "UTL", "CON"]).sum()
    assert services == pytest.approx(wb["NV.SRV.TOTL.ZS"], rel=1e-4)
    assert va["AGRI"] == pytest.approx(wb["NV.AGR.TOTL.ZS"], rel=1e-4)
    industry = va[["MINING", "FOOD_MFG", "MFG", "UTL", "CON"]].sum()
    assert industry == pytest.approx(wb["NV.IND.TOTL.ZS"], rel=1e-4)


@needs_reference
def test_proxy_domestic_flows_never_exceed_total_flows():
    import world_proxies as wp

    adb = BUILD_MOD.load_adb(REF)
    proxies, conc = BUILD_MOD.load_proxies(REF, adb)
    for key, p in proxies.items():
        assert (p.z_dom <= p.z_total + 1e-6).all(), key
        assert 0.5 < p.z_dom.sum() / p.z_total.sum() <= 1, key
    sums = conc.groupby(["proxy", "proxy_code"])["weight"].sum()
    np.testing.assert_allclose(sums, 1, atol=1e-5)
    assert set(conc["build_sector"]) == set(wp.BUILD)


def test_hkg_domestic_alternative_beside_default():
    dom = pd.read_csv(HKG / "io_interdependency_domestic.csv", index_col=0)
    cur = pd.read_csv(HKG / "io_interdependency.csv", index_col=0)
    assert list(dom.index) == list(cur.index) and list(dom.columns) == list(cur.columns)
    # the domestic table is the default since issue 11; the total-use one is the alternative
    assert "io_matrix: io_interdependency_domestic.csv" in (HKG / "region.yaml").read_text()
    assert "io_matrix_total_use: io_interdependency.csv" in (HKG / "region.yaml").read_text()
    sectors = pd.read_csv(HKG / "sectors.csv").query("year == 2019").set_index("sector")
    total_share = sectors["intermediate_sales_usd"] / sectors["gross_output_usd"]
    dom_share = dom.sum(axis=1)
    # domestic sales to local businesses never exceed all intermediate sales (home + abroad)
    assert (dom_share <= total_share.loc[dom.index] + 1e-6).all()
    assert np.max(np.abs(np.linalg.eigvals(dom.to_numpy()))) < np.max(
        np.abs(np.linalg.eigvals(cur.to_numpy()))
    )


def test_indicators_have_year_status_and_labelled_tax_fallback():
    for iso3 in ("HKG", "PAK", "NGA"):
        tax = world.indicators(iso3, 2023)["tax_revenue_share_gdp"]
        assert tax.status == "DERIVED" and "median" in tax.note and 0 < tax.value < 0.6
    ind = world.indicators("IND", 2020)
    tax = ind["tax_revenue_share_gdp"]
    assert tax.status == "VERIFIED" and tax.year != 2020 and "nearest" in tax.note
    assert 0 < ind["mobile_subs_per100"].value < 250 and ind["mobile_subs_per100"].year == 2020
    assert ind["internet_users_share"].value is not None
    emp = ind.employment_persons()
    assert sum(emp.values()) <= ind["labour_force_persons"].value


def test_infrastructure_names_and_counts():
    hk = world.infrastructure("HKG")
    assert hk.counts["cables_total"] == len(hk.cables) == 16
    assert sum(not c.planned for c in hk.cables) == hk.counts["cables_in_service"] == 12
    assert len(hk.landing_points) == hk.counts["landing_points_total"]
    assert "NC-SA" in hk.licence
    eth = world.infrastructure("ETH")  # landlocked: no cables, one IXP
    assert eth.cables == () and eth.counts["ixps_merged_dedup"] == 1


def test_errors_name_closest_countries_and_missing_tables(tmp_path):
    with pytest.raises(ParameterError, match=r"IND \(India\)"):
        world.sector_totals("Indai", 2020)
    none = ECONOMIES.index[ECONOMIES["tier"] == "none"][0]
    with pytest.raises(ParameterError, match="no sector data"):
        world.sector_totals(none, 2020)
    (tmp_path / "economies.csv").write_bytes((WORLD / "economies.csv").read_bytes())
    with pytest.raises(ParameterError, match="io_domestic.csv"):
        world.domestic_io("IND", world_dir=tmp_path)


@needs_reference
def test_proxy_value_added_matches_reference_readme():
    # io_tables README checks: sum of value added per proxy, in its own currency (million)
    adb = BUILD_MOD.load_adb(REF)
    proxies, _ = BUILD_MOD.load_proxies(REF, adb)
    expected = {"BRA2020": 6_595e3, "GBR2010": 1_328e3, "CHN2018": 12_790e3, "ZAF2015": 3_626e3}
    for key, total in expected.items():
        assert proxies[key].va.sum() == pytest.approx(total, rel=2e-3), key


@pytest.mark.parametrize(
    ("iso3", "cables", "in_service", "landing_points", "ixps"),
    # internet_infra README, focus countries (cables total / in service / landing points / IXPs)
    [
        ("IND", 22, 15, 24, 44),
        ("IRN", 6, 6, 7, 2),
        ("ETH", 0, 0, 0, 1),
        ("MMR", 5, 3, 4, 4),
        ("PAK", 10, 7, 2, 3),
        ("SDN", 5, 4, 1, 1),
        ("RUS", 9, 8, 23, 47),
        ("BGD", 3, 2, 2, 9),
        ("EGY", 20, 15, 8, 3),
        ("IRQ", 3, 2, 1, 2),
        ("NGA", 8, 6, 2, 8),
        ("HKG", 16, 12, 7, 18),
    ],
)
def test_infrastructure_counts_match_reference_readme(
    iso3, cables, in_service, landing_points, ixps
):
    infra = world.infrastructure(iso3)
    c = infra.counts
    assert (c["cables_total"], c["cables_in_service"]) == (cables, in_service)
    assert (c["landing_points_total"], c["ixps_merged_dedup"]) == (landing_points, ixps)
    assert len(infra.cables) == cables and len(infra.landing_points) == landing_points


@pytest.mark.parametrize("iso3", ("IND", "ETH", "HKG", "LBY"))
def test_employment_by_sector_adds_up_to_employment(iso3):
    emp = world.employment_by_sector(iso3, 2022)
    groups = world.indicators(iso3, 2022).employment_persons()
    assert emp.persons.shape == (20,) and (emp.persons >= 0).all()
    assert emp.persons.sum() == pytest.approx(sum(groups.values()), rel=1e-9)
    assert emp.persons[0] == pytest.approx(groups["agr"], rel=1e-9)  # AGR = agriculture group
    assert emp.status == "ASSUMPTION"


@needs_reference
@pytest.mark.parametrize("key", ["JPN2018", "CHN2018"])
def test_import_proportionality_agrees_with_adb_domestic_sales(key):
    """Two independent sources, same economy and year: the OECD total-use table made domestic by
    import proportionality, and ADB MRIO's own domestic intermediate sales."""
    adb = BUILD_MOD.load_adb(REF)
    proxies, _ = BUILD_MOD.load_proxies(REF, adb)
    p = proxies[key]

    def vec(col):
        return BUILD_MOD.adb_vector(adb, p.iso3, "pre-jun2023", p.year, col)

    ez, zin, x = vec("domestic_intermediate_sales"), vec("intermediate_inputs"), vec("gross_output")
    assert ez.sum() / zin.sum() == pytest.approx(p.z_dom.sum() / p.z_total.sum(), abs=0.03)
    adb_rows = BUILD_MOD.to_model(ez) / BUILD_MOD.to_model(x)
    proxy_rows = BUILD_MOD.to_model(p.z_dom.sum(axis=1)) / BUILD_MOD.to_model(p.x)
    assert np.corrcoef(adb_rows, proxy_rows)[0, 1] > 0.8


def test_runtime_method_reproduces_the_stored_matrices():
    """The reader's alternative-proxy path, run with the stored proxy, gives the stored A*."""
    sec = world._sector_info(None)
    for iso3 in WITH_IO:
        stored = world.domestic_io(iso3)
        a, rho = world._alternative_a_star(iso3, stored.tier, stored.proxy, sec, None)
        np.testing.assert_allclose(a, stored.a_star, rtol=0, atol=2e-5, err_msg=iso3)
        assert rho == pytest.approx(float(stored.meta["spectral_radius"]), abs=1e-4)


@pytest.mark.parametrize("proxy", ["BRA2020", "CHN2018", "GBR2010", "JPN2018", "ZAF2015"])
def test_every_alternative_proxy_gives_a_productive_domestic_matrix(proxy):
    for iso3 in WITH_IO:
        io = world.domestic_io(iso3, proxy=proxy)
        assert io.proxy == proxy
        assert (io.a_star >= 0).all() and io.a_star.sum(axis=1).max() < 1, iso3
        assert float(io.meta["spectral_radius"]) < 1, iso3
        if world.tier(iso3) == "adb_mrio":  # row sums are the economy's data, not the proxy's
            base = world.domestic_io(iso3).a_star.sum(axis=1)
            np.testing.assert_allclose(io.a_star.sum(axis=1), base, atol=3e-4, err_msg=iso3)
    with pytest.raises(ParameterError, match="proxy"):
        world.domestic_io("IND", proxy="XYZ2000")
