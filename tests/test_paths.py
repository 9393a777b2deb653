"""Data location: the checkout by default, SHUTDOWN_SIM_DATA when set."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shutdown_sim import paths
from shutdown_sim.errors import InputError

ROOT = Path(__file__).resolve().parents[1]


def test_default_is_the_checkout(monkeypatch):
    monkeypatch.delenv(paths.ENV_VAR, raising=False)
    root = paths.data_root()
    assert (root / "parameters" / "schema").is_dir() and (root / "scenarios").is_dir()
    assert root == Path(paths.__file__).resolve().parents[1]


def test_environment_variable_wins(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path))
    assert paths.data_root() == tmp_path.resolve()


def _cli_with_data(value: str) -> subprocess.CompletedProcess:
    env = {**os.environ, paths.ENV_VAR: value, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "shutdown_sim", "validate", "hk-2019-full-shutdown-1d"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        ("~nosuchuser-shutdown-sim", "unknown user 'nosuchuser-shutdown-sim'"),
        ("/nonexistent/shutdown-sim-data", "no such folder"),
        ("/", "no parameters/"),
        (" ", "empty"),
        ("d" * 300, "255 bytes"),
    ],
    ids=["unknown-user", "missing", "no-parameters", "blank", "name-too-long"],
)
def test_unusable_data_folder_is_one_line_exit_2(value, needle):
    proc = _cli_with_data(value)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and paths.ENV_VAR in lines[0] and needle in lines[0], proc.stderr


def test_data_root_never_raises(monkeypatch):
    monkeypatch.setenv(paths.ENV_VAR, "~nosuchuser-shutdown-sim")
    assert str(paths.data_root()).startswith("~")
    with pytest.raises(InputError, match="unknown user"):
        paths.check_data_root()


@pytest.mark.parametrize(
    ("text", "needle"),
    [("", "is empty"), ("a\x00b", "NUL"), ("x" * 256, "256 bytes"), ("/a" * 2100, "path is")],
)
def test_check_path_text(text, needle):
    with pytest.raises(InputError, match=needle):
        paths.check_path_text(text, field="--out")
