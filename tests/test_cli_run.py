"""CLI contract for run / validate / sensitivity: JSON keys, exit codes, --out files."""

import json

import pytest

from shutdown_sim.cli import main

OUTCOME_KEYS = (
    "gdp_loss_usd",
    "gross_loss_usd",
    "direct_loss_usd",
    "indirect_loss_usd",
    "recaptured_usd",
    "spillover_usd",
)


def run_json(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_run_default_is_hong_kong_full_shutdown_json_contract(capsys):
    data = run_json(capsys, "run", "--draws", "50", "--json")
    assert data["scenario"] == "hk-2019-full-shutdown-1d"
    assert data["draws"] == 50 and data["seed"] == 0 and data["currency"] == "USD"
    for key in OUTCOME_KEYS:
        assert set(data[key]) >= {"mean", "p5", "p50", "p95"}
    assert set(data["baselines"]) == {"west2016", "deloitte2016", "cost", "netloss"}
    assert all(isinstance(v, float) for v in data["baselines"].values())
    assert data["by_sector"] and "gdp_loss_usd_mean" in data["by_sector"][0]
    assert isinstance(data["events"], list) and data["events"]
    assert data["provenance"]["seed"] == 0


def test_run_seed_changes_range_and_repeats(capsys):
    a = run_json(capsys, "run", "--draws", "60", "--seed", "1", "--json")
    b = run_json(capsys, "run", "--draws", "60", "--seed", "1", "--json")
    c = run_json(capsys, "run", "--draws", "60", "--seed", "2", "--json")
    assert a["gdp_loss_usd"] == b["gdp_loss_usd"]
    assert a["gdp_loss_usd"]["p95"] != c["gdp_loss_usd"]["p95"]


def test_run_text_and_out_folder(tmp_path, capsys):
    out = tmp_path / "res"
    assert main(["run", "hk-2019-mobile-data-1d", "--draws", "30", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Net GDP loss" in text and "deloitte2016" in text
    for name in ("result.json", "summary.csv", "by_sector.csv", "timeline.csv", "events.csv"):
        assert (out / name).is_file()
    assert main(["run", "hk-2019-mobile-data-1d", "--draws", "30", "--out", str(out)]) == 2


@pytest.mark.parametrize(
    "args",
    [
        ["run", "--draws", "0"],
        ["run", "--seed", "-1"],
        ["run", "no-such-scenario"],
        ["validate", "no-such-scenario.yaml"],
        ["frobnicate"],
    ],
)
def test_bad_input_exit_2_one_line(capsys, args):
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("shutdown-sim: error:") and "\n" not in err


def test_validate(capsys):
    data = run_json(capsys, "validate", "hk-2019-app-block-escalation", "--json")
    assert data["valid"] and data["duration_days"] == pytest.approx(30, abs=1)


@pytest.mark.slow
def test_sensitivity_json_ranks(capsys):
    data = run_json(capsys, "sensitivity", "hk-2019-full-shutdown-1d", "--json")
    assert data["method"] == "morris"
    ranks = [row["rank"] for row in data["indices"]]
    assert ranks == list(range(1, len(ranks) + 1))
    assert data["tornado"][0]["swing_usd"] >= data["tornado"][-1]["swing_usd"]
    families = {row["parameter"] for row in data["indices"]}
    assert "dependence" in families


@pytest.mark.slow
def test_sensitivity_by_single_parameter(capsys):
    data = run_json(capsys, "sensitivity", "hk-2019-mobile-data-1d", "--by", "parameter", "--json")
    assert data["factors"] == "parameter"
    names = [row["parameter"] for row in data["indices"]]
    assert any(name.endswith(".dependence") for name in names[:10])
    assert len(names) == len(set(names)) >= 30
