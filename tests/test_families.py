"""Parameter families as data (parameters/parameter_families.csv): loader, overrides, grouping."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from shutdown_sim.errors import ParameterError
from shutdown_sim.model import prepare
from shutdown_sim.montecarlo import apply_overrides
from shutdown_sim.network import load_network
from shutdown_sim.params import load_economy
from shutdown_sim.params.families import FAMILIES_FILE, Family, family_of, load_families
from shutdown_sim.scenario import load_scenario

HKG = Path(__file__).resolve().parents[1] / "parameters" / "regions" / "HKG"


def test_every_bundled_parameter_has_a_family_with_its_unit():
    fams = load_families()
    eco, net = load_economy("HKG"), load_network("HKG", "verified")
    for name, p in {**eco.sector_params, **eco.behaviour, **net.behaviour}.items():
        fam = fams[family_of(name)]
        assert fam.unit == p.unit, name
        assert fam.admits(p.low) and fam.admits(p.central) and fam.admits(p.high), name


def test_monte_carlo_grouping_follows_the_level_column():
    ctx = prepare(load_scenario("hk-2019-full-shutdown-1d"))
    fams = load_families()
    levels = {n: fams.of(n).level for n in ctx.space.names}
    assert set(ctx.timeline_names) == {n for n, lv in levels.items() if lv == "timeline"}
    assert set(ctx.group_names) == {n for n, lv in levels.items() if lv != "draw"}
    # everything the SimPy timeline reads comes from the network's tables
    assert set(ctx.timeline_names) == set(ctx.network.behaviour)
    assert "FINANCE.buffer_h" in ctx.group_names and "FINANCE.dependence" not in ctx.group_names


@pytest.mark.parametrize(
    "name,value,allowed",
    [
        ("repair_ships", 0.5, "ships >= 1"),
        ("alpha_max", 0.9, "multiplier >= 1"),
        ("FINANCE.recovery_days", 0.0, "days > 0"),
        ("FINANCE.dependence", 1.5, "share in [0, 1]"),
        ("spillover_cloud_value_usd_per_day", -1.0, "USD per day >= 0"),
    ],
)
def test_overrides_are_bounded_by_their_family(name, value, allowed):
    ctx = prepare(load_scenario("hk-2019-full-shutdown-1d"))
    params = {p.name: p for p in ctx.space.params}
    with pytest.raises(ParameterError) as err:
        apply_overrides(params, {name: value})
    assert allowed in str(err.value) and name in str(err.value)
    ok = {"repair_ships": 1.0, "alpha_max": 1.0, "FINANCE.recovery_days": 0.1}.get(name, 0.0)
    assert apply_overrides(params, {name: ok})[name].central == ok


def test_family_range_text_and_fallback():
    share = Family("x", "t", "share", 0.0, False, 1.0, "draw")
    assert share.allowed() == "share in [0, 1]" and share.admits(1.0) and not share.admits(1.01)
    days = Family("y", "t", "days", 0.0, True, None, "group")
    assert days.allowed() == "days > 0" and not days.admits(0.0) and not days.admits(float("nan"))
    assert Family.fallback("z", "share").max == 1.0 and Family.fallback("z", "hours").max is None


def _region_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "parameters"
    shutil.copytree(HKG, dst / "regions" / "HKG")
    return dst


@pytest.mark.parametrize(
    "column,value,needle",
    [
        ("name", "dependance", "unknown parameter 'dependance'"),
        ("unit", "percent", "unit 'percent'"),
    ],
)
def test_loader_refuses_rows_outside_the_families(tmp_path, column, value, needle):
    params = _region_copy(tmp_path)
    path = params / "regions" / "HKG" / "sector_assumptions.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, column] = value
    frame.to_csv(path, index=False)
    with pytest.raises(ParameterError) as err:
        load_economy("HKG", parameters_dir=params)
    assert needle in str(err.value) and str(path) in str(err.value) and "row 2" in str(err.value)


def test_loader_checks_network_tables_against_their_families(tmp_path):
    params = _region_copy(tmp_path)
    path = params / "regions" / "HKG" / "timeline_behaviour.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = frame.index[frame["name"] == "repair_ships"][0]
    frame.loc[row, ["central", "low", "high"]] = ["0.5", "0.5", "4"]
    frame.to_csv(path, index=False)
    with pytest.raises(ParameterError, match="ships >= 1"):
        load_network("HKG", "verified", params)


def test_sector_families_declare_a_sourced_correlation_with_a_range():
    families = load_families()
    rho = families.correlations()
    assert {"dependence", "buffer_h", "recapture_share", "recovery_days"} <= set(rho)
    for name in rho:
        fam = families[name]
        low, high = fam.correlation_range
        assert 0 <= low <= fam.correlation <= high <= 1, name


def test_loader_refuses_a_correlation_without_range_or_source(tmp_path):
    import csv

    rows = list(csv.DictReader(FAMILIES_FILE.open()))
    rows[0]["correlation_source"] = ""
    path = tmp_path / "parameter_families.csv"
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(ParameterError, match="without status and source"):
        load_families(path)
