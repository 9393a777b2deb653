"""Hong Kong economy parameter set and its loader."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from shutdown_sim.errors import ParameterError
from shutdown_sim.params import Economy, UncertainParameter, load_economy, read_table
from shutdown_sim.params.economy import CATEGORIES, SECTOR_PARAMS, available_regions

ROOT = Path(__file__).resolve().parents[1]
HKG = ROOT / "parameters" / "regions" / "HKG"
REF = Path(__file__).resolve().parents[2] / "shared" / "reference" / "data"
ADB = REF / "io" / "hkg_adb_mrio35_sector_totals_2017_2021.csv"
needs_reference = pytest.mark.skipif(not ADB.is_file(), reason="shared reference data not present")

# C&SD 2017 groups (hk_gdp_by_sector.csv) -> model sectors; ADB REA includes ownership of premises.
CSD_GROUPS = {
    "Agriculture, fishing, mining and quarrying": ("AGR",),
    "Manufacturing": ("FOOD_MFG", "MFG"),
    "Electricity, gas and water supply, and waste management": ("UTL",),
    "Construction": ("CON",),
    "Import/export, wholesale and retail trades": ("WHOLESALE", "RETAIL"),
    "Accommodation and food services": ("HOTELS_FOOD",),
    "Transportation, storage, postal and courier services": (
        "LAND_TRANSPORT",
        "WATER_TRANSPORT",
        "AIR_TRANSPORT",
        "TRANSPORT_SUPPORT",
    ),
    "Information and communications": ("TELECOM_POST",),
    "Financing and insurance": ("FINANCE",),
    "Real estate, professional and business services|Ownership of premises": (
        "REAL_ESTATE",
        "BUSINESS_SERVICES",
    ),
    "Public administration, social and personal services": (
        "PUBLIC_ADMIN",
        "EDUCATION",
        "HEALTH",
        "OTHER_SERVICES",
    ),
}
VA_SHARE_TOL_PP = 0.5  # percentage points of GDP, per C&SD group
TABLES = {
    "sectors.csv": "economy_sectors",
    "employment.csv": "economy_employment",
    "io_mapping.csv": "io_mapping",
    "io_meta.csv": "io_meta",
    "sector_assumptions.csv": "sector_assumptions",
    "channel_weights.csv": "channel_weights",
    "economy_behaviour.csv": "economy_behaviour",
}


@pytest.fixture(scope="module")
def eco() -> Economy:
    return load_economy("HKG")


def va_shares(year: int) -> pd.Series:
    sec = pd.read_csv(HKG / "sectors.csv")
    sec = sec[sec["year"] == year].set_index("sector")["value_added_usd"]
    return 100 * sec / sec.sum()


def test_contract_fields(eco):
    assert eco.region == "HKG" and eco.currency == "HKD" and eco.year == 2019
    assert eco.totals_year == 2019 and eco.local_per_usd == pytest.approx(7.8)
    n = eco.n
    assert n >= 15 and len(eco.sector_names) == n
    for arr, shape in (
        (eco.gross_output_usd, (n,)),
        (eco.value_added_usd, (n,)),
        (eco.employment, (n,)),
        (eco.a_star, (n, n)),
        (eco.channel_weights, (n, len(CATEGORIES))),
    ):
        assert arr.shape == shape and not arr.flags.writeable
    assert set(eco.sector_params) == {f"{s}.{p}" for s in eco.sectors for p in SECTOR_PARAMS}
    assert all(isinstance(p, UncertainParameter) for p in eco.sector_params.values())
    assert set(eco.behaviour) == {
        "alpha_max",
        "recapture_window_days",
        "recapture_half_life_days",
        "recovery_speed_multiplier",
        "spillover_cloud_value_usd_per_day",
        "spillover_transit_value_usd_per_day",
        "spillover_transit_reference_share",
    }
    assert eco.behaviour["alpha_max"].central == 1.25
    assert 3.0e11 < eco.gdp_usd < 4.0e11 and 7.0e6 < eco.population < 8.0e6
    assert "HKG" in available_regions()
    assert all(eco.sources.values())


def test_year_selection_nearest():
    assert load_economy(year=2030).totals_year == 2021
    assert load_economy(year=2010).totals_year == 2017
    e18 = load_economy(year=2018)
    assert e18.totals_year == 2018 and e18.year == 2018
    with pytest.raises(ParameterError, match="year"):
        load_economy(year="2019")  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="region"):
        load_economy("../etc")


@needs_reference
@pytest.mark.parametrize("year", [2017, 2018, 2019, 2020, 2021])
def test_value_added_sums_to_adb_total(year):
    adb = pd.read_csv(ADB)
    adb = adb[adb["year"] == year]
    eco = load_economy(year=year)
    assert eco.value_added_usd.sum() == pytest.approx(adb["value_added"].sum() * 1e6, rel=1e-8)
    assert eco.gross_output_usd.sum() == pytest.approx(adb["gross_output"].sum() * 1e6, rel=1e-8)


@needs_reference
def test_value_added_shares_match_csd_2017():
    csd = pd.read_csv(REF / "hk" / "hk_gdp_by_sector.csv")
    csd = csd[csd["year"] == 2017].set_index("sector")["value"]
    shares = va_shares(2017)
    for groups, members in CSD_GROUPS.items():
        expected = sum(csd[g] for g in groups.split("|"))
        got = shares[list(members)].sum()
        assert abs(got - expected) <= VA_SHARE_TOL_PP, (groups, got, expected)


@needs_reference
def test_four_key_industries_2017():
    key = pd.read_csv(REF / "hk" / "hk_four_key_industries.csv")
    key = key[(key["year"] == 2017) & (key["metric"] == "value_added_share")].set_index("industry")
    shares = va_shares(2017)
    # financial services = ADB FIN
    assert abs(shares["FINANCE"] - key.loc["Financial services", "value"]) <= VA_SHARE_TOL_PP
    # trading & logistics: at least import/export & wholesale, at most that plus all transport
    # (model transport includes passenger transport, which C&SD's logistics excludes)
    transport = shares[
        ["LAND_TRANSPORT", "WATER_TRANSPORT", "AIR_TRANSPORT", "TRANSPORT_SUPPORT"]
    ].sum()
    tl = key.loc["Trading and logistics", "value"]
    assert shares["WHOLESALE"] <= tl <= shares["WHOLESALE"] + transport
    # professional & producer services include BUSINESS_SERVICES (plus parts of other sectors)
    assert shares["BUSINESS_SERVICES"] <= key.loc["Professional and producer services", "value"]


@pytest.mark.parametrize(
    ("io_table", "meta_file"), [("default", "io_meta_domestic.csv"), ("total_use", "io_meta.csv")]
)
def test_a_star_productive(io_table, meta_file):
    a = load_economy("HKG", io_table=io_table).a_star
    assert np.all(a >= 0)
    assert a.sum(axis=1).max() < 1
    rho = float(np.max(np.abs(np.linalg.eigvals(a))))
    assert rho < 1
    meta = pd.read_csv(HKG / meta_file).set_index("field")["value"]
    assert float(meta["spectral_radius"]) == pytest.approx(rho, abs=1e-5)


def test_unknown_io_table_is_refused_naming_the_choices():
    with pytest.raises(ParameterError, match="total_use"):
        load_economy("HKG", io_table="nowhere")


def test_ras_targets_reproduced_in_matrix():
    """The total-use alternative (structural choice io_table=total_use) keeps its RAS targets."""
    eco = load_economy("HKG", io_table="total_use")
    meta = pd.read_csv(HKG / "io_meta.csv").set_index("field")["value"]
    year = int(meta["totals_year"])
    sec = pd.read_csv(HKG / "sectors.csv")
    sec = sec[sec["year"] == year].set_index("sector").loc[list(eco.sectors)]
    x = sec["gross_output_usd"].to_numpy(float)
    z = eco.a_star * x[:, None]
    np.testing.assert_allclose(z.sum(axis=0), sec["intermediate_inputs_usd"], rtol=1e-6)
    rows = sec["intermediate_sales_usd"].to_numpy(float)
    scale = float(meta["row_target_scaling"])
    np.testing.assert_allclose(z.sum(axis=1), rows * scale, rtol=1e-5)
    assert float(meta["ras_max_residual"]) <= 1e-9


def test_mapping_weights_sum_to_one():
    m = read_table(HKG / "io_mapping.csv", "io_mapping")
    used = m[m["model_sector"] != "DROPPED"]
    sums = used.groupby("oecd45_code")["weight"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0, atol=1e-5)
    assert len(sums) == 44
    assert set(used["model_sector"]) == set(load_economy().sectors)


def test_channel_weight_rows_sum_to_one(eco):
    np.testing.assert_allclose(eco.channel_weights.sum(axis=1), 1.0, atol=1e-9)


@pytest.mark.parametrize("file,schema", sorted(TABLES.items()))
def test_every_row_has_source_year_status(file, schema):
    frame = read_table(HKG / file, schema)
    assert len(frame) > 0
    for col in ("source", "year", "status"):
        assert frame[col].notna().all() and (frame[col].astype(str).str.strip() != "").all()


def test_region_yaml_safe_load():
    meta = yaml.safe_load((HKG / "region.yaml").read_text())
    assert meta["iso3"] == "HKG" and meta["currency"] == "HKD"
    assert meta["local_per_usd"]["status"] == "RECALLED"
    assert (HKG / meta["files"]["io_matrix"]).is_file()


def test_sector_params_shapes_and_distributions(eco):
    for key, p in eco.sector_params.items():
        param = key.split(".", 1)[1]
        assert p.low <= p.central <= p.high
        shares = ("dependence", "mobile_share", "recapture_share")
        if param in shares + ("transaction_share", "private_network_share") and p.is_uncertain:
            assert p.distribution == "beta" and 0 <= p.low and p.high <= 1
        elif param in shares:
            assert p.distribution == "beta" and 0 <= p.low and p.high <= 1
        elif p.is_uncertain:
            assert p.distribution == "lognormal" and p.low > 0


def test_value_added_weighted_dependence(eco, capsys):
    """Dependence applies to the transaction part of value added (docs/assumptions.md)."""
    d = eco.sector_param("dependence") * eco.sector_param("transaction_share")
    dbar = float((d * eco.value_added_usd).sum() / eco.value_added_usd.sum())
    print(f"VA-weighted dependence x transaction share d_bar ({eco.totals_year}) = {dbar:.3f}")
    assert dbar == pytest.approx(0.30, abs=0.03)  # docs/assumptions.md#sector-dependence


# --------------------------------------------------------------------------- broken copies
def copy_params(tmp_path: Path) -> Path:
    dst = tmp_path / "parameters"
    shutil.copytree(
        HKG, dst / "regions" / "HKG", ignore=shutil.ignore_patterns("infrastructure", "network*")
    )
    return dst


def edit_cell(path: Path, row: int, column: str, value: str) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    frame.to_csv(path, index=False)


@pytest.mark.parametrize(
    "file,row,column,value,field",
    [
        ("sector_assumptions.csv", 0, "central", "1.5", "row 2 / low,central,high"),
        ("sector_assumptions.csv", 3, "status", "GUESS", "row 5 / status"),
        ("channel_weights.csv", 2, "cloud", "0.9", "row 4 / domestic"),
        ("channel_weights.csv", 1, "source", "", "row 3 / source"),
        ("sectors.csv", 4, "value_added_usd", "abc", "row 6 / value_added_usd"),
        ("economy_behaviour.csv", 0, "distribution", "normal", "row 2 / distribution"),
        ("employment.csv", 5, "employment_persons", "-3", "row 7 / employment_persons"),
    ],
)
def test_broken_table_names_file_row_field(tmp_path, file, row, column, value, field):
    params = copy_params(tmp_path)
    path = params / "regions" / "HKG" / file
    edit_cell(path, row, column, value)
    with pytest.raises(ParameterError) as err:
        load_economy("HKG", parameters_dir=params)
    text = str(err.value)
    assert str(path) in text and field in text and "allowed" in text


def test_broken_matrix(tmp_path):
    params = copy_params(tmp_path)
    path = params / "regions" / "HKG" / "io_interdependency_domestic.csv"  # the default matrix
    a = pd.read_csv(path, index_col=0)
    a.iloc[3, 0] = 0.9
    a.to_csv(path)
    with pytest.raises(ParameterError) as err:
        load_economy("HKG", parameters_dir=params)
    assert str(path) in str(err.value) and "row 5" in str(err.value)


def test_matrix_is_swappable(tmp_path):
    params = copy_params(tmp_path)
    region = params / "regions" / "HKG"
    a = pd.read_csv(region / "io_interdependency_domestic.csv", index_col=0)  # the default
    alt = (a * 0.5).iloc[::-1, ::-1]  # another "proxy", rows and columns in another order
    alt.to_csv(region / "io_alt_proxy.csv")
    meta = yaml.safe_load((region / "region.yaml").read_text())
    meta["files"]["io_matrix"] = "io_alt_proxy.csv"
    (region / "region.yaml").write_text(yaml.safe_dump(meta))
    eco = load_economy("HKG", parameters_dir=params)
    np.testing.assert_allclose(eco.a_star, 0.5 * load_economy().a_star, rtol=1e-7)
    meta["files"]["io_matrix"] = "../../../etc/passwd.csv"
    (region / "region.yaml").write_text(yaml.safe_dump(meta))
    with pytest.raises(ParameterError, match="files.io_matrix"):
        load_economy("HKG", parameters_dir=params)


@needs_reference
def test_build_script_reproduces_committed_tables(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_hkg_io", ROOT / "parameters" / "build" / "build_hkg_io.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--out", str(tmp_path)]) == 0
    for name in ("io_interdependency.csv", "sectors.csv", "io_mapping.csv", "employment.csv"):
        assert (tmp_path / name).read_text() == (HKG / name).read_text(), name
