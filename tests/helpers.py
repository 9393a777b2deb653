"""Helpers shared by the tests of hostile and broken input (CLI exit 2, one error line)."""

from __future__ import annotations

import copy
import time
from pathlib import Path

import yaml

from shutdown_sim.cli import main

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "shutdown-sim"
BASE = yaml.safe_load((ROOT / "scenarios" / "hk-2019-full-shutdown-1d.yaml").read_text("utf-8"))
MARKER = "PWNED_MARKER"  # a file of this name appears if a payload ever ran
BOMB = (
    "\n".join(
        [f"a0: &a0 [{', '.join(['lol'] * 9)}]"]
        + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    )
    + "\n"
)


def scenario_text(**changes) -> str:
    """The bundled 1-day shutdown with top-level ``changes`` and ``ev`` (first-event) changes."""
    data = copy.deepcopy(BASE)
    data["events"][0].update(changes.pop("ev", {}))
    data.update(changes)
    return yaml.safe_dump(data, sort_keys=False)


def assert_refused(code: int, err: str, *needles: str) -> None:
    """Exit 2; the last stderr line is the only error line; it names what it must."""
    assert code == 2, err
    assert "Traceback" not in err
    lines = [ln for ln in err.strip().splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith("shutdown-sim: error:")]
    assert len(errors) == 1 and lines[-1] == errors[0], err
    for needle in needles:
        assert needle in errors[0], (needle, errors[0])


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_scenario_file_refused(tmp_path, capsys, monkeypatch, content, needles) -> None:
    """``validate`` on a file holding ``content`` exits 2 quickly, naming the file and needles."""
    monkeypatch.chdir(tmp_path)  # a marker file would land here if any code ran
    path = tmp_path / "scenario.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    start = time.perf_counter()
    code, out, err = cli(capsys, "validate", str(path))
    assert time.perf_counter() - start < 10
    assert_refused(code, err, str(path), *needles)
    assert out == ""
    assert not (tmp_path / MARKER).exists()
