"""The app in a real headless Chromium: first render, a duration change, a screenshot, timings.

Needs /usr/bin/chromium (Debian package; ``playwright install`` is not used). Skipped without it,
unless SHUTDOWN_SIM_REQUIRE_BROWSER=1 (CI), where a missing browser fails the test.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

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
VIEWPORT = {"width": 1366, "height": 768}  # a projector
HEADLINE = "[data-testid='stMetricValue']"


def _require_browser() -> None:
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(port: int, proc: subprocess.Popen, timeout_s: float = 45.0) -> None:
    deadline = time.monotonic() + timeout_s
    url = f"http://127.0.0.1:{port}/_stcore/health"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit not healthy after {timeout_s} s")


@pytest.fixture()
def server(tmp_path: Path):
    _require_browser()
    port = _free_port()
    log = (tmp_path / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_healthy(port, proc)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        log.close()


def _headline(page) -> str:
    return page.locator(HEADLINE).first.inner_text().strip()


def _wait_headline(page, accept, timeout_s: float = 30.0) -> None:
    """Poll the headline until ``accept(text)``; polling at 10 ms keeps timings honest."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        if accept(_headline(page)):
            return
        page.wait_for_timeout(10)
    raise AssertionError(f"headline stuck at {_headline(page)!r}")


def _wait_idle(page, settle_ms: int = 400) -> None:
    """Script run finished (no running indicator); then let the browser draw the charts."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=30_000,
        polling=20,
    )
    page.wait_for_timeout(settle_ms)


def test_browser_headline_duration_change_and_screenshot(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            start = time.perf_counter()
            page.goto(server, wait_until="domcontentloaded", timeout=30_000)
            page.locator(HEADLINE).first.wait_for(state="visible", timeout=30_000)
            first_headline_s = time.perf_counter() - start
            # Baselines chart drawn too (first screen: headline + range + baselines).
            page.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=30_000)
            _wait_idle(page, settle_ms=0)
            first_render_s = time.perf_counter() - start
            before = _headline(page)
            assert before.startswith("US$"), before
            page.wait_for_timeout(800)  # let fonts and plotly settle for the screenshot
            shot = tmp_path / "app.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000

            # Duration control (key duration_days): one step to the right, 1 day -> 2 days.
            thumb = page.locator(".st-key-duration_days input[type='range']").first
            thumb.focus()
            start = time.perf_counter()
            thumb.press("ArrowRight")
            _wait_headline(page, lambda text: text != before)
            rerun_s = time.perf_counter() - start
            after = _headline(page)
            assert after != before
            _wait_idle(page)
            assert "duration_days=2" in page.url

            # The same change again, now served from the cache (the design's 0.5 s bar).
            thumb.press("ArrowLeft")
            _wait_headline(page, lambda text: text == before)
            _wait_idle(page, settle_ms=1500)  # charts drawn: measure the change alone
            start = time.perf_counter()
            thumb.press("ArrowRight")
            _wait_headline(page, lambda text: text == after)
            cached_rerun_s = time.perf_counter() - start
            _wait_idle(page)
            page.screenshot(path=str(tmp_path / "app_2d.png"))

            # A second visitor (new session, warm server): the projector case.
            other = browser.new_page(viewport=VIEWPORT)
            start = time.perf_counter()
            other.goto(server, wait_until="domcontentloaded", timeout=30_000)
            other.locator(HEADLINE).first.wait_for(state="visible", timeout=30_000)
            warm_first_s = time.perf_counter() - start
            assert _headline(other) == before

            # The same visitor reloads (browser cache warm): the presenter's F5.
            _wait_idle(other, settle_ms=200)
            start = time.perf_counter()
            other.reload(wait_until="domcontentloaded")
            other.locator(HEADLINE).first.wait_for(state="visible", timeout=30_000)
            reload_s = time.perf_counter() - start
        finally:
            browser.close()
    print(
        f"\nfirst headline (cold server): {first_headline_s:.2f} s; whole page done: "
        f"{first_render_s:.2f} s; first headline (warm server, new session): "
        f"{warm_first_s:.2f} s; reload: {reload_s:.2f} s; "
        f"duration change (new run): {rerun_s:.2f} s; duration change "
        f"(cached): {cached_rerun_s:.2f} s; headline {before} -> {after}; screenshot {shot}"
    )
