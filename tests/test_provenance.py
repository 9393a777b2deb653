"""Results are traceable and reproducible, and --out writes all or nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import shutdown_sim.output as output
from shutdown_sim.cli import main

SCENARIO = "hk-2019-full-shutdown-1d"
DRAWS = "12"


def run_out(capsys, out: Path, *extra: str) -> tuple[int, str, str]:
    code = main(
        ["run", SCENARIO, "--draws", DRAWS, "--seed", "7", "--json", "--out", str(out), *extra]
    )
    stdout, stderr = capsys.readouterr()
    return code, stdout, stderr


@pytest.fixture(scope="module")
def result_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("prov") / "res"
    assert (
        main(["run", SCENARIO, "--draws", DRAWS, "--seed", "7", "--json", "--out", str(out)]) == 0
    )
    return out


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


# --- provenance ---------------------------------------------------------------------------


def test_result_json_carries_provenance(result_dir):
    data = json.loads((result_dir / "result.json").read_text("utf-8"))
    prov = data["provenance"]
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", prov["version"])
    for key in ("scenario_sha256", "parameter_files_sha256", "parameter_values_sha256"):
        assert re.fullmatch(r"[0-9a-f]{64}", prov[key]), key
    assert prov["seed"] == data["seed"] == 7
    assert prov["draws"] == data["draws"] == int(DRAWS)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", prov["created_utc"])
    assert data["scenario_definition"]["name"] == SCENARIO


def test_same_inputs_same_hashes(capsys):
    from shutdown_sim.model import simulate

    a = simulate(SCENARIO, draws=6, seed=1).to_dict()
    b = simulate(SCENARIO, draws=6, seed=1).to_dict()
    c = simulate(SCENARIO, draws=6, seed=2).to_dict()
    assert a["gdp_loss_usd"] == b["gdp_loss_usd"]
    for key in ("scenario_sha256", "parameter_files_sha256", "parameter_values_sha256"):
        assert a["provenance"][key] == b["provenance"][key]
    # the seed changes the draws, not the inputs: hashes equal, seed recorded separately
    assert a["provenance"]["scenario_sha256"] == c["provenance"]["scenario_sha256"]
    assert a["provenance"]["parameter_values_sha256"] == c["provenance"]["parameter_values_sha256"]
    assert (a["provenance"]["seed"], c["provenance"]["seed"]) == (1, 2)
    assert a["gdp_loss_usd"] != c["gdp_loss_usd"]


def test_overrides_recorded_and_change_value_hash():
    from shutdown_sim.model import simulate

    plain = simulate(SCENARIO, draws=1, seed=0).to_dict()
    edited = simulate(SCENARIO, draws=1, seed=0, overrides={"alpha_max": 1.4}).to_dict()
    assert edited["provenance"]["overrides"] == {"alpha_max": 1.4}
    assert (
        plain["provenance"]["parameter_values_sha256"]
        != edited["provenance"]["parameter_values_sha256"]
    )


def test_reproduce_identical(result_dir, capsys):
    code = main(["run", "--reproduce", str(result_dir / "result.json")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "identical numbers" in out


def test_reproduce_json_report(result_dir, capsys):
    assert main(["run", "--reproduce", str(result_dir / "result.json"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["reproduced"] is True and report["differences"] == []
    assert report["parameter_files_unchanged"] is True


def test_reproduce_with_overrides(tmp_path, capsys):
    from shutdown_sim.model import simulate

    file = tmp_path / "r.json"
    file.write_text(
        json.dumps(simulate(SCENARIO, draws=4, seed=5, overrides={"alpha_max": 1.3}).to_dict())
    )
    assert main(["run", "--reproduce", str(file)]) == 0, capsys.readouterr().err
    assert "identical numbers" in capsys.readouterr().out


def test_tampered_number_gives_exit_1_with_difference(result_dir, tmp_path, capsys):
    data = json.loads((result_dir / "result.json").read_text("utf-8"))
    saved = data["gdp_loss_usd"]["p50"]
    data["gdp_loss_usd"]["p50"] = saved * 1.01
    file = tmp_path / "tampered.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    code = main(["run", "--reproduce", str(file)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "1 values differ" in out
    assert "gdp_loss_usd.p50" in out and repr(saved * 1.01) in out
    assert "Traceback" not in err and "differences" in err


def test_tampered_scenario_definition_is_a_difference(result_dir, tmp_path, capsys):
    data = json.loads((result_dir / "result.json").read_text("utf-8"))
    data["scenario_definition"]["events"][0]["duration_h"] = 48
    file = tmp_path / "tampered.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    assert main(["run", "--reproduce", str(file), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    stats = {d["stat"] for d in report["differences"]}
    assert "scenario_sha256" in stats and "p50" in stats


# --- all-or-nothing --out -------------------------------------------------------------------


def test_out_writes_expected_files(result_dir):
    names = {p.name for p in result_dir.iterdir()}
    assert {"result.json", "summary.csv", "by_sector.csv", "timeline.csv", "events.csv"} <= names
    assert leftovers(result_dir.parent) == []


def test_error_mid_write_leaves_nothing(tmp_path, capsys, monkeypatch):
    real = output.write_result_files

    def half_write(result, folder):
        (folder / "result.json").write_text("{}")
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(output, "write_result_files", half_write)
    target = tmp_path / "res"
    code, stdout, err = run_out(capsys, target)
    assert code == 1 and "disk full" in err and "Traceback" not in err
    assert not target.exists()
    assert leftovers(tmp_path) == []
    assert real is not half_write


def test_error_mid_write_keeps_previous_result_with_force(tmp_path, capsys, monkeypatch):
    target = tmp_path / "res"
    assert run_out(capsys, target)[0] == 0
    before = {p.name: p.read_bytes() for p in target.iterdir()}

    def half_write(result, folder):
        (folder / "result.json").write_text("{}")
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(output, "write_result_files", half_write)
    assert run_out(capsys, target, "--force")[0] == 1
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert leftovers(tmp_path) == []


def test_interrupt_mid_write_leaves_nothing(tmp_path, capsys, monkeypatch):
    def interrupted(result, folder):
        (folder / "result.json").write_text("{}")
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "write_result_files", interrupted)
    target = tmp_path / "res"
    assert run_out(capsys, target)[0] == 1
    assert not target.exists() and leftovers(tmp_path) == []


def test_existing_result_not_overwritten_without_force(tmp_path, capsys):
    target = tmp_path / "res"
    assert run_out(capsys, target)[0] == 0
    (target / "marker.txt").write_text("old run")
    code, _, err = run_out(capsys, target)
    assert code == 2 and "--force" in err
    assert (target / "marker.txt").read_text() == "old run"


def test_force_replaces_existing_result(tmp_path, capsys):
    target = tmp_path / "res"
    assert run_out(capsys, target)[0] == 0
    (target / "result.json").write_text("old run")
    code, _, err = run_out(capsys, target, "--force")
    assert code == 0, err
    assert (target / "result.json").read_text() != "old run"
    assert leftovers(tmp_path) == []


def test_empty_existing_folder_is_fine(tmp_path, capsys):
    target = tmp_path / "res"
    target.mkdir()
    assert run_out(capsys, target)[0] == 0
    assert (target / "result.json").is_file() and leftovers(tmp_path) == []


def test_every_exported_csv_carries_provenance(tmp_path):
    import pandas as pd

    from shutdown_sim.cli import main

    out = tmp_path / "res"
    assert (
        main(["run", "hk-2019-mobile-data-1d", "--draws", "20", "--seed", "3", "--out", str(out)])
        == 0
    )
    for name in (
        "summary.csv",
        "by_sector.csv",
        "timeline.csv",
        "availability_hourly.csv",
        "events.csv",
    ):
        frame = pd.read_csv(out / name)
        assert (frame["provenance_seed"] == 3).all(), name
        assert (frame["provenance_draws"] == 20).all(), name
        assert frame["provenance_scenario_sha256"].str.len().eq(64).all(), name
