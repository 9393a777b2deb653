"""Load: 20 concurrent app sessions, each with its own edits, and a real server under load.

Sessions are driven with ``streamlit.testing.v1.AppTest`` (one instance per thread): each sets a
different duration and a different parameter override, and its headline must be the model's
number for exactly those inputs (never another session's).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
SESSIONS = 20
TIME_LIMIT_S = 300

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not APP.exists(), reason="app.py not written yet"),
]


def expected_headline(duration_days: float, overrides: dict) -> str:
    from shutdown_sim.app_text import money
    from shutdown_sim.model import simulate
    from shutdown_sim.scenario import DEFAULT_SCENARIO, load_scenario

    scenario = load_scenario(DEFAULT_SCENARIO).with_duration(duration_days)
    result = simulate(scenario, draws=1, seed=0, overrides=overrides, with_baselines=False)
    return money(result.headline()["central"], "USD", result.local_per_usd, "en")


def session_inputs(i: int, durations: list[float]) -> tuple[float, dict]:
    return durations[i % len(durations)], {"FINANCE.dependence": round(0.30 + 0.03 * i, 4)}


def run_session(i: int, durations: list[float]) -> dict:
    from streamlit.testing.v1 import AppTest

    duration, overrides = session_inputs(i, durations)
    at = AppTest.from_file(str(APP), default_timeout=TIME_LIMIT_S)
    at.run()
    first_errors = [e.value for e in at.exception]
    at.session_state["draws"] = 50
    at.session_state["overrides_base"] = dict(overrides)
    at.select_slider(key="duration_days").set_value(duration)
    at.run()
    headline = at.metric[0].value if len(at.metric) else None
    # a second rerun: the session must still show its own inputs' result
    at.run()
    again = at.metric[0].value if len(at.metric) else None
    return {
        "i": i,
        "errors": first_errors + [e.value for e in at.exception],
        "st_errors": [e.value for e in at.error],
        "headline": headline,
        "again": again,
        "overrides": dict(at.session_state["overrides_base"]),
        "duration": at.session_state["duration_days"],
    }


@pytest.fixture
def thread_safe_apptest(monkeypatch):
    """AppTest sets and clears the global ``Runtime._instance`` around every run, so two runs in
    parallel threads clear each other's mock runtime ("Runtime hasn't been created!"). Fall back
    to the last mock runtime seen; every session keeps its own session state and script runner.
    """
    from streamlit.runtime import Runtime

    last: dict = {}

    def instance(cls):
        current = cls._instance
        if current is None:
            current = last.get("runtime")
        else:
            last["runtime"] = current
        if current is None:
            raise RuntimeError("Runtime hasn't been created!")
        return current

    monkeypatch.setattr(Runtime, "instance", classmethod(instance))

    # Each run compiles app.py with a fresh ScriptCache (own lock); CPython 3.11's compiler is
    # not safe for concurrent compiles ("AST constructor recursion depth mismatch"): one lock.
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    compile_lock = threading.Lock()
    get_bytecode = ScriptCache.get_bytecode

    def locked_get_bytecode(self, script_path):
        with compile_lock:
            return get_bytecode(self, script_path)

    monkeypatch.setattr(ScriptCache, "get_bytecode", locked_get_bytecode)


def test_twenty_concurrent_sessions_do_not_leak(thread_safe_apptest):
    from shutdown_sim import app_support as sup

    durations = [d for d in sup.duration_options(1.0) if d <= 60][:SESSIONS]
    expected = {i: expected_headline(*session_inputs(i, durations)) for i in range(SESSIONS)}
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
        results = list(pool.map(lambda i: run_session(i, durations), range(SESSIONS)))
    assert time.perf_counter() - start < TIME_LIMIT_S
    for res in results:
        i = res["i"]
        duration, overrides = session_inputs(i, durations)
        assert res["errors"] == [] and res["st_errors"] == [], res
        assert res["overrides"] == overrides, res
        assert res["duration"] == duration, res
        assert res["headline"] == expected[i], (i, res["headline"], expected[i])
        assert res["again"] == expected[i], res
    # the sessions really differed, so a leak could not hide behind equal numbers
    assert len({r["headline"] for r in results}) >= SESSIONS // 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str, float]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as resp:  # noqa: S310 - local test server
        return resp.status, resp.read().decode(), time.perf_counter() - start


def test_real_server_health_under_concurrent_requests(tmp_path):
    port = _free_port()
    streamlit = Path(sys.executable).with_name("streamlit")
    cmd = [
        str(streamlit),
        "run",
        str(APP),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"},
    )
    url = f"http://127.0.0.1:{port}/_stcore/health"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if _get(url)[0] == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None, (tmp_path / "server.log").read_text()
            assert time.monotonic() < deadline, "server did not start in 90 s"
            time.sleep(0.5)
        with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
            answers = list(pool.map(lambda _: _get(url), range(SESSIONS * 3)))
        assert all(status == 200 and body.strip() == "ok" for status, body, _ in answers)
        assert max(t for *_, t in answers) < 10
        status, body, _ = _get(f"http://127.0.0.1:{port}/")
        assert status == 200 and "<html" in body.lower()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()
