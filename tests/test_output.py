"""Result folders (--force only replaces our own results), spreadsheet-safe CSV, strict JSON."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import assert_refused

from shutdown_sim import output
from shutdown_sim.cli import main
from shutdown_sim.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = "hk-2019-full-shutdown-1d"
FORMULA = "=cmd|' /C calc'!A0"


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def refused(code: int, err: str, *needles: str) -> None:
    """Exit 2 with exactly one error line naming each needle, no traceback."""
    assert code == 2, err
    lines = [ln for ln in err.strip().splitlines() if ln.startswith("shutdown-sim: error:")]
    assert len(lines) == 1 and "Traceback" not in err, err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def run_out(capsys, target: Path | str, *extra: str) -> tuple[int, str, str]:
    return cli(capsys, "run", SCENARIO, "--draws", "4", "--out", str(target), *extra)


# --- --force: only a previous result of this tool -------------------------------------------


def test_force_refuses_a_folder_holding_someone_elses_document(tmp_path, capsys):
    target = tmp_path / "thesis"
    target.mkdir()
    (target / "chapter1.docx").write_text("two years of work")
    code, _, err = run_out(capsys, target, "--force")
    refused(code, err, "--out", output.RESULT_MARKER)
    assert (target / "chapter1.docx").read_text() == "two years of work"


def test_force_refuses_the_data_folders_parameters(tmp_path, capsys, monkeypatch):
    """SHUTDOWN_SIM_DATA=X, --out X/parameters --force must not replace the parameter set."""
    data = tmp_path / "data"
    (data / "parameters").mkdir(parents=True)
    (data / "parameters" / "countries.csv").write_text("iso3,year\n")
    monkeypatch.setattr(output, "data_folders", lambda: (data, data / "parameters"))
    for target in (data / "parameters", data, data / "parameters" / "new"):
        code, _, err = run_out(capsys, target, "--force")
        refused(code, err, "--out")
    assert (data / "parameters" / "countries.csv").read_text() == "iso3,year\n"
    assert not (data / "parameters" / "new").exists()


def test_force_refuses_a_result_folder_with_added_files(tmp_path, capsys):
    target = tmp_path / "res"
    assert run_out(capsys, target)[0] == 0
    (target / "my-notes.txt").write_text("keep me")
    code, _, err = run_out(capsys, target, "--force")
    refused(code, err, "my-notes.txt")
    assert (target / "my-notes.txt").read_text() == "keep me"


def test_force_refuses_a_forged_or_broken_marker(tmp_path, capsys):
    target = tmp_path / "res"
    target.mkdir()
    (target / "keep.txt").write_text("keep me")
    for text in ("", "not json", json.dumps({"tool": "other", "files": ["keep.txt"]}), "[]"):
        (target / output.RESULT_MARKER).write_text(text)
        code, _, err = run_out(capsys, target, "--force")
        refused(code, err, "--out")
    assert (target / "keep.txt").read_text() == "keep me"


def test_force_replaces_a_previous_result(tmp_path, capsys):
    target = tmp_path / "res"
    assert run_out(capsys, target)[0] == 0
    marker = json.loads((target / output.RESULT_MARKER).read_text("utf-8"))
    assert marker["tool"] == "shutdown-sim"
    assert set(marker["files"]) == {p.name for p in target.iterdir()} - {output.RESULT_MARKER}
    code, _, err = run_out(capsys, target, "--force")
    assert code == 0, err


def test_force_never_replaces_home_or_above_the_working_folder(tmp_path, capsys, monkeypatch):
    home = tmp_path / "home"
    work = home / "work"
    work.mkdir(parents=True)
    (home / "precious.txt").write_text("keep me")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    for target in (str(home), "..", "/"):
        code, _, err = run_out(capsys, target, "--force")
        refused(code, err, "--out", "refusing to replace")
    assert (home / "precious.txt").read_text() == "keep me"


def test_an_empty_existing_folder_is_still_fine(tmp_path, capsys):
    target = tmp_path / "empty"
    target.mkdir()
    code, _, err = run_out(capsys, target)
    assert code == 0, err
    assert (target / "result.json").is_file()


# --- --out targets the operating system refuses -------------------------------------------


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda tmp: "", "is empty"),
        (lambda tmp: str(tmp / ("x" * 300)), "255 bytes"),
        (lambda tmp: "/proc/shutdown-sim-result", "cannot create a folder in /proc"),
    ],
    ids=["empty", "name-over-255", "proc"],
)
def test_bad_out_targets_exit_2_before_simulating(tmp_path, capsys, monkeypatch, make, needle):
    import shutdown_sim.model as model

    def must_not_run(*args, **kwargs):
        raise AssertionError("simulated before checking --out")

    monkeypatch.setattr(model, "simulate", must_not_run)
    if make(tmp_path).startswith("/proc") and not Path("/proc").is_dir():
        pytest.skip("no /proc")
    code, _, err = run_out(capsys, make(tmp_path))
    refused(code, err, "--out", needle)


def test_dangling_symlink_out(tmp_path, capsys):
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "nowhere")
    code, _, err = run_out(capsys, link)
    refused(code, err, "--out", "symbolic link")
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


def test_report_out_empty_and_too_long(tmp_path, capsys):
    code, _, err = cli(capsys, "report", SCENARIO, "--draws", "4", "--out", "")
    refused(code, err, "--out", "is empty")
    code, _, err = cli(capsys, "report", SCENARIO, "--draws", "4", "--out", "y" * 256)
    refused(code, err, "--out", "255 bytes")


# --- spreadsheet-safe CSV -------------------------------------------------------------------


@pytest.mark.parametrize("cell", [FORMULA, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\uff1d1+1"])
def test_formula_cells_are_neutralised(cell):
    assert output.spreadsheet_safe_cell(cell).startswith("'")
    frame = pd.DataFrame({"name": [cell], cell: [1.0]}, index=pd.Index([cell], name="sector"))
    text = output.csv_text(frame)
    cells = [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
    assert not any(c.startswith(output.FORMULA_PREFIXES) for c in cells), cells


def test_a_carriage_return_inside_a_cell_cannot_start_a_new_row():
    frame = pd.DataFrame({"detail": ["ok\r=HYPERLINK(1)", "fine"]})
    rows = list(csv.reader(io.StringIO(output.csv_text(frame, index=False), newline="")))
    assert len(rows) == 3, rows  # header + 2 rows: the cell stayed one (quoted) cell
    assert not any(c.startswith(output.FORMULA_PREFIXES) for row in rows for c in row)


def test_numbers_and_plain_text_are_left_alone():
    frame = pd.DataFrame({"x": [-5.0, 1.5], "name": ["Finance", "a-b"]})
    safe = output.spreadsheet_safe(frame)
    assert safe["x"].tolist() == [-5.0, 1.5] and safe["name"].tolist() == ["Finance", "a-b"]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _all_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [c for row in csv.reader(fh) for c in row]


def test_run_out_csvs_neutralise_names_from_the_data(tmp_path):
    """A sector name ``=cmd|...`` in a data folder reaches by_sector.csv only as text."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "parameters", data / "parameters")
    shutil.copytree(ROOT / "scenarios", data / "scenarios")
    sectors = data / "parameters" / "regions" / "HKG" / "sectors.csv"
    frame = pd.read_csv(sectors, dtype=str, keep_default_na=False)
    frame.loc[frame["sector"] == frame.loc[0, "sector"], "name"] = FORMULA
    frame.to_csv(sectors, index=False)
    env = {**os.environ, "SHUTDOWN_SIM_DATA": str(data), "PYTHONPATH": str(ROOT)}
    out = tmp_path / "res"
    proc = subprocess.run(
        [sys.executable, "-m", "shutdown_sim", "run", SCENARIO, "--draws", "4", "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    cells = _all_cells(out / "by_sector.csv")
    assert "'" + FORMULA in cells
    for name in output.RESULT_FILES_CSV:
        cells = _all_cells(out / name)
        bad = [c for c in cells if c.startswith(output.FORMULA_PREFIXES) and not _is_number(c)]
        assert not bad, (name, bad[:3])


def test_brief_results_csv_is_spreadsheet_safe(tmp_path, monkeypatch):
    """The brief's results.csv goes through the same writer."""
    from shutdown_sim.report import brief as brief_mod

    seen = {}
    real = output.write_csv

    def spy(frame, path, **kwargs):
        seen[Path(path).name] = frame
        return real(frame, path, **kwargs)

    monkeypatch.setattr(output, "write_csv", spy)
    frame = pd.DataFrame({"name": [FORMULA], "central_usd": [1.0]})

    class FakeBrief:
        class result:  # noqa: N801 - attribute stand-in
            provenance = {"version": "x"}

        def html(self):
            return "<html></html>"

        def markdown(self):
            return "# x"

        def results_frame(self):
            return frame

    from shutdown_sim.report import appendix

    monkeypatch.setattr(appendix, "write_appendix", lambda brief, folder: [])  # needs a real brief
    brief_mod.write_brief_files(FakeBrief(), tmp_path / "b")
    assert "results.csv" in seen
    assert "'" + FORMULA in _all_cells(tmp_path / "b" / "results.csv")


# --- strict JSON ----------------------------------------------------------------------------


def strict_loads(text: str):
    """json.loads that refuses NaN, Infinity and -Infinity."""

    def refuse(name):
        raise ValueError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


def test_dumps_json_never_writes_nan_and_says_so():
    obj = {"a": float("nan"), "b": [1.0, np.float64("inf")], "c": np.int64(3), "notes": []}
    data = strict_loads(output.dumps_json(obj))
    assert data["a"] is None and data["b"] == [1.0, None] and data["c"] == 3
    assert "a" in data["notes"][0] and "b[1]" in data["notes"][0]


def test_json_safe_keeps_finite_numbers_exact():
    values = [0.1, 1e-300, 123456789.123456789, -2.5]
    assert output.json_safe(values) == values
    assert all(math.isfinite(v) for v in output.json_safe(values))


def test_check_out_dir_is_callable_directly(tmp_path):
    with pytest.raises(InputError, match="is empty"):
        output.check_out_dir("")


# --- --out targets (first reliability round) ---------------------------------------------------


def test_out_is_a_file(tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("keep me")
    code, _, err = cli(capsys, "run", "--draws", "2", "--out", str(target))
    assert_refused(code, err, str(target), "--out", "not a folder")
    assert target.read_text() == "keep me"


def test_out_non_empty_without_force(tmp_path, capsys):
    target = tmp_path / "res"
    target.mkdir()
    (target / "mine.txt").write_text("keep me")
    code, _, err = cli(capsys, "run", "--draws", "2", "--out", str(target))
    assert_refused(code, err, str(target), "--out", "--force")
    assert (target / "mine.txt").read_text() == "keep me"


def test_out_parent_missing(tmp_path, capsys):
    code, _, err = cli(capsys, "run", "--draws", "2", "--out", str(tmp_path / "a" / "b"))
    assert_refused(code, err, "--out", "parent folder does not exist")


def test_force_never_replaces_working_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "precious.txt").write_text("keep me")
    for target in (".", str(tmp_path), ".."):
        code, _, err = cli(capsys, "run", "--draws", "2", "--out", target, "--force")
        assert_refused(code, err, "--out", "refusing to replace")
    assert (tmp_path / "precious.txt").read_text() == "keep me"


def test_symlink_loop_in_out_path(tmp_path, capsys):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    for target in (tmp_path / "a" / "res", tmp_path / "a"):
        code, _, err = run_out(capsys, target)
        refused(code, err, "--out")


def test_report_force_refuses_a_foreign_folder_before_simulating(tmp_path, capsys, monkeypatch):
    import shutdown_sim.report.brief as brief_mod

    monkeypatch.setattr(brief_mod, "build_brief", lambda *a, **k: pytest.fail("simulated"))
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.md").write_text("keep me")
    code, _, err = cli(capsys, "report", SCENARIO, "--out", str(target), "--force")
    refused(code, err, "--out", output.RESULT_MARKER)
    assert (target / "notes.md").read_text() == "keep me"


def test_reproduce_file_size_limit(tmp_path, capsys, monkeypatch):
    from shutdown_sim import limits, reproduce

    monkeypatch.setattr(reproduce, "MAX_RESULT_BYTES", 10)
    file = tmp_path / "result.json"
    file.write_text("{" + " " * 20 + "}")
    code, _, err = cli(capsys, "run", "--reproduce", str(file))
    refused(code, err, "--reproduce", "too large")
    assert limits.MAX_RESULT_FILE_BYTES == 20 * 1024**2
