"""Documented limits (draws, draws × simulated days, sweep size): exit 2 before any work."""

from __future__ import annotations

import json

import pytest

from shutdown_sim import limits
from shutdown_sim.cli import main
from shutdown_sim.errors import InputError


@pytest.fixture()
def no_work(monkeypatch):
    """Any simulation or sweep started during the test fails it."""
    import shutdown_sim.model as model
    import shutdown_sim.sweep as sweep

    def must_not_run(*args, **kwargs):
        raise AssertionError("work started before the limits were checked")

    monkeypatch.setattr(model, "simulate", must_not_run)
    monkeypatch.setattr(sweep, "run_sweep", must_not_run)
    monkeypatch.setattr(sweep, "run_job", must_not_run)


def refused_line(capsys, *args: str) -> str:
    code = main(list(args))
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.startswith("shutdown-sim: error:")]
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_a_million_draws_on_a_long_scenario(capsys, no_work):
    line = refused_line(capsys, "run", "hk-firewall-permanent", "--draws", "1000000")
    assert "--draws" in line and "memory limit 2.0 GiB" in line
    allowed = limits.max_draws_for(395)
    assert f"at most {allowed:,} draws" in line
    assert limits.result_bytes(allowed, 395) <= limits.MAX_RESULT_BYTES
    assert limits.result_bytes(allowed + 1, 395) > limits.MAX_RESULT_BYTES


def test_report_has_the_same_limit(tmp_path, capsys, no_work):
    line = refused_line(
        capsys, "report", "hk-firewall-permanent", "--draws", "500000", "--out", str(tmp_path / "b")
    )
    assert "memory limit" in line and not (tmp_path / "b").exists()


def test_sweep_with_3000_durations_is_refused(capsys, no_work):
    grid = ",".join(f"{i / 10:g}" for i in range(1, 3001))
    line = refused_line(capsys, "sweep", "hk-2019-full-shutdown-1d", "--durations", grid)
    assert "3,000 runs" in line and f"at most {limits.MAX_SWEEP_JOBS} runs" in line


def test_sweep_checks_each_runs_memory(capsys, no_work):
    line = refused_line(
        capsys, "sweep", "hk-2019-full-shutdown-1d", "--durations", "1,1000", "--draws", "100000"
    )
    assert "memory limit" in line


def test_reproduce_checks_the_saved_draws(tmp_path, capsys, monkeypatch):
    from shutdown_sim.model import simulate

    data = simulate("hk-firewall-permanent", draws=2, seed=0).to_dict()
    data["draws"] = 1_000_000
    file = tmp_path / "result.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    import shutdown_sim.model as model

    monkeypatch.setattr(model, "simulate", lambda *a, **k: pytest.fail("simulated"))
    line = refused_line(capsys, "run", "--reproduce", str(file))
    assert "draws" in line and "memory limit" in line


@pytest.mark.parametrize("value", [True, 0, -1, 1.5, float("inf"), limits.MAX_DRAWS + 1, "10"])
def test_check_draws_refuses(value):
    with pytest.raises(InputError, match="draws"):
        limits.check_draws(value)


def test_ordinary_runs_are_within_the_limits():
    assert limits.result_bytes(1000, 31) < limits.MAX_RESULT_BYTES / 100
    limits.check_run_size(2000, 395)
    limits.check_sweep_jobs(limits.MAX_SWEEP_JOBS)
