"""Data location: the checkout by default, SHUTDOWN_SIM_DATA when set."""

from pathlib import Path

from shutdown_sim import paths


def test_default_is_the_checkout(monkeypatch):
    monkeypatch.delenv(paths.ENV_VAR, raising=False)
    root = paths.data_root()
    assert (root / "parameters" / "schema").is_dir() and (root / "scenarios").is_dir()
    assert root == Path(paths.__file__).resolve().parents[1]


def test_environment_variable_wins(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path))
    assert paths.data_root() == tmp_path.resolve()
