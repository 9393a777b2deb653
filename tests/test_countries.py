"""Country facts table and loader."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from shutdown_sim.errors import ParameterError
from shutdown_sim.params.countries import country_facts, load_countries
from shutdown_sim.params.table import read_table

ROOT = Path(__file__).resolve().parents[1]
REF = Path(__file__).resolve().parents[2] / "shared" / "reference" / "data"


def test_hkg_2019_matches_world_bank():
    f = country_facts("HKG", 2019)
    assert f.name.startswith("Hong Kong")
    assert f.gdp_usd == pytest.approx(363074545072.39, abs=1.0)
    assert f.population == 7507900
    assert f.internet_users_share == pytest.approx(0.9174340039)
    assert set(f.sources) == {"gdp_usd", "population", "internet_users_share"}
    assert "NY.GDP.MKTP.CD" in f.sources["gdp_usd"]


def test_lowercase_code_and_frozen():
    f = country_facts("hkg", 2019)
    assert f.iso3 == "HKG"
    with pytest.raises(AttributeError):
        f.year = 2020  # type: ignore[misc]


def test_missing_values_are_none():
    f = country_facts("HKG", 2024)  # population only (GDP to 2023, internet users to 2020)
    assert f.gdp_usd is None and f.internet_users_share is None
    assert f.population == 7524100


def test_unknown_iso3_suggests_close_matches():
    with pytest.raises(ParameterError) as err:
        country_facts("HKK", 2019)
    assert err.value.field == "country"
    assert "HKG" in str(err.value)


def test_country_name_suggests_code():
    with pytest.raises(ParameterError) as err:
        country_facts("Hong Kong", 2019)
    assert "HKG" in str(err.value)


def test_year_without_data_names_nearest_years():
    with pytest.raises(ParameterError) as err:
        country_facts("HKG", 2035)
    assert err.value.field == "year"
    assert "2024" in str(err.value)


def test_table_is_cached():
    assert load_countries() is load_countries()


def test_schemas_validate_tables():
    read_table(ROOT / "parameters/countries.csv", "countries")
    read_table(ROOT / "parameters/countries_sources.csv", "countries_sources")


def test_one_row_per_country_year():
    frame = load_countries()
    assert frame.index.is_unique
    assert ("USA", 2016) in frame.index and ("WLD", 2014) in frame.index


@pytest.mark.skipif(not REF.is_dir(), reason="shared reference data not available")
def test_build_script_reproduces_table(tmp_path):
    (tmp_path / "countries_sources.csv").write_bytes(
        (ROOT / "parameters/countries_sources.csv").read_bytes()
    )
    code = (
        "import sys; sys.path.insert(0, 'parameters/build'); import build_countries as b; "
        f"b.build(b.DEFAULT_REF, __import__('pathlib').Path({str(tmp_path)!r}))"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    assert (tmp_path / "countries.csv").read_bytes() == (
        ROOT / "parameters/countries.csv"
    ).read_bytes()
    assert (tmp_path / "countries_sources.csv").read_bytes() == (
        ROOT / "parameters/countries_sources.csv"
    ).read_bytes()


@pytest.mark.skipif(not REF.is_dir(), reason="shared reference data not available")
def test_internet_share_is_pct_over_100():
    with (REF / "world_bank_internet_users_pct.csv").open() as fh:
        row = next(
            r for r in csv.DictReader(fh) if r["Country Code"] == "IND" and r["Year"] == "2015"
        )
    assert country_facts("IND", 2015).internet_users_share == pytest.approx(
        float(row["Value"]) / 100
    )


@pytest.fixture()
def duplicated_countries(tmp_path, monkeypatch):
    """countries.csv with the HKG 2019 row twice (values changed in the copy)."""
    from shutdown_sim.params import countries

    source = countries.COUNTRIES_FILE
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(ln for ln in lines if ln.startswith("HKG,") and ",2019," in ln)
    path = tmp_path / "countries.csv"
    path.write_text("".join(lines) + row, encoding="utf-8")
    monkeypatch.setattr(countries, "COUNTRIES_FILE", path)
    countries.load_countries.cache_clear()
    yield path
    countries.load_countries.cache_clear()


def test_duplicate_rows_are_refused(duplicated_countries):
    with pytest.raises(ParameterError, match="duplicate rows for iso3=HKG, year=2019") as info:
        load_countries()
    assert info.value.file == str(duplicated_countries)


def test_duplicate_rows_exit_2_in_the_cli(duplicated_countries, capsys):
    from shutdown_sim.cli import main

    code = main(["compare", "--country", "HKG", "--year", "2019", "--days", "1"])
    err = capsys.readouterr().err
    assert code == 2 and "duplicate rows" in err and err.count("\n") == 1, err
