"""Sweeps: local runs, and a real dask.distributed cluster on 127.0.0.1 gives identical numbers."""

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from shutdown_sim.scenario import load_scenario
from shutdown_sim.sweep import make_jobs, run_sweep

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_local_sweep_grid_over_durations():
    jobs = make_jobs([load_scenario("hk-2019-full-shutdown-1d")], [1, 3], draws=20, seed=2)
    out = run_sweep(jobs)
    assert [r["duration_days"] for r in out] == [1.0, 3.0]
    assert out[1]["gdp_loss_usd"]["mean"] > out[0]["gdp_loss_usd"]["mean"]
    assert "created_utc" not in out[0]["provenance"]


@pytest.mark.slow
@pytest.mark.cluster
def test_dask_cluster_equals_local(tmp_path):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [
        subprocess.Popen(
            [
                str(BIN / "dask"),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-dashboard",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        time.sleep(3)
        for _ in range(2):
            procs.append(
                subprocess.Popen(
                    [str(BIN / "dask"), "worker", address, "--nthreads", "1", "--no-dashboard"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        args = [
            "sweep",
            "hk-2019-full-shutdown-1d",
            "hk-2019-mobile-data-1d",
            "--draws",
            "30",
            "--seed",
            "5",
            "--json",
        ]
        cmd = [str(BIN / "shutdown-sim"), *args]
        local = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        assert local.returncode == 0, local.stderr
        cluster = subprocess.run(
            cmd + ["--scheduler", address], capture_output=True, text=True, timeout=300
        )
        assert cluster.returncode == 0, cluster.stderr
        a, b = json.loads(local.stdout), json.loads(cluster.stdout)
        assert isinstance(a, list) and len(a) == 2
        assert a == b
    finally:
        for p in procs[::-1]:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
