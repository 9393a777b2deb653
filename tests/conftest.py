"""Shared fixtures: a real ``streamlit run app.py`` server and the Debian Chromium to drive it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def require_browser() -> None:
    """Skip without Chromium/Playwright, but fail when CI demands the browser tests."""
    missing = []
    if not Path(CHROMIUM).is_file():
        missing.append(CHROMIUM)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (python package)")
    if missing:
        message = f"browser test needs {', '.join(missing)}"
        if os.environ.get("SHUTDOWN_SIM_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


def require_chromium() -> str:
    """Path of a Chrome/Chromium for the PDF/card/PNG tests (no Playwright needed).

    Skips without one, but fails when CI demands the browser tests.
    """
    from shutdown_sim.report.browser import find_browser

    path = find_browser()
    if path is None:
        message = "browser test needs Chrome/Chromium (e.g. /usr/bin/chromium)"
        if os.environ.get("SHUTDOWN_SIM_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(port: int, proc: subprocess.Popen, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    url = f"http://127.0.0.1:{port}/_stcore/health"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - local
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit not healthy after {timeout_s} s")


@pytest.fixture()
def streamlit_server(tmp_path: Path):
    """Start ``streamlit run app.py`` on 127.0.0.1; yield (base URL, port); always stop it."""
    port = free_port()
    log = (tmp_path / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
            "--server.headless", "true", "--server.port", str(port),
            "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        wait_healthy(port, proc)
        yield f"http://127.0.0.1:{port}/", port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        log.close()


@pytest.fixture()
def server(request):
    """Base URL of a running app, for browser tests (skips/fails without Chromium first)."""
    require_browser()
    return request.getfixturevalue("streamlit_server")[0]
