"""Load: 20 sessions at once, each with its own inputs, and no leakage between them.

Two tests:
- 20 real browser sessions (headless Chromium) open the running ``streamlit run app.py`` server at
  the same time, each with its own duration in the URL; every session must show the model's number
  for exactly its own inputs.
- 20 ``AppTest`` sessions share one process (the app's caches are process-wide, which is where a
  leak would come from) and are driven round-robin, each with its own duration and parameter
  edit; every session must keep showing its own result.
(AppTest itself is not thread-safe, so the truly concurrent test is the browser one.)
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.request import urlopen

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
SESSIONS = 20
TIME_LIMIT_S = 240
HEADLINE = "[data-testid='stMetricValue']"

pytestmark = [pytest.mark.slow]


def expected_headline(duration_days: float, overrides: dict | None = None, draws: int = 50) -> str:
    """The app's headline: the median of ``draws`` draws with the app's seed."""
    from shutdown_sim.app.runs import SEED
    from shutdown_sim.app.text import money
    from shutdown_sim.model import simulate
    from shutdown_sim.scenario import DEFAULT_SCENARIO, load_scenario

    scenario = load_scenario(DEFAULT_SCENARIO).with_duration(duration_days)
    result = simulate(
        scenario, draws=draws, seed=SEED, overrides=overrides or {}, with_baselines=False
    )
    return money(result.headline()["p50"], "USD", result.local_per_usd, "en")


def durations() -> list[float]:
    from shutdown_sim.app.state import duration_options

    options = [d for d in duration_options(1.0) if d <= 60]
    return [options[i % len(options)] for i in range(SESSIONS)]


def session_inputs(i: int) -> tuple[float, dict]:
    return durations()[i], {"FINANCE.dependence": round(0.30 + 0.03 * i, 4)}


@pytest.mark.browser
def test_twenty_concurrent_browser_sessions(server: str) -> None:
    from playwright.sync_api import sync_playwright

    days = durations()
    expected = {d: expected_headline(d) for d in set(days)}
    start = time.perf_counter()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            pages = [browser.new_context().new_page() for _ in range(SESSIONS)]
            for page, d in zip(pages, days):  # all sessions start before any is read
                page.goto(f"{server}?duration_days={d:g}&draws=50", wait_until="commit")
            shown = []
            for page, d in zip(pages, days):
                metric = page.locator(HEADLINE).first
                metric.wait_for(state="visible", timeout=TIME_LIMIT_S * 1000)
                deadline = time.perf_counter() + 60
                while metric.inner_text().strip() != expected[d]:
                    if time.perf_counter() > deadline:
                        break
                    page.wait_for_timeout(50)
                shown.append(metric.inner_text().strip())
                assert not page.locator("[data-testid='stException']").count()
        finally:
            browser.close()
    elapsed = time.perf_counter() - start
    assert elapsed < TIME_LIMIT_S
    assert shown == [expected[d] for d in days]
    assert len(set(shown)) >= 5  # the sessions really differed, so a leak could not hide
    print(f"\n{SESSIONS} concurrent browser sessions served in {elapsed:.1f} s")


def test_twenty_sessions_in_one_process_keep_their_own_edits(monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("SHUTDOWN_SIM_APP_PREWARM", "0")
    sessions = []
    for i in range(SESSIONS):
        duration, overrides = session_inputs(i)
        at = AppTest.from_file(str(APP), default_timeout=TIME_LIMIT_S)
        at.run()
        at.session_state["draws"] = 50
        at.session_state["overrides_base"] = dict(overrides)
        at.select_slider(key="duration_days").set_value(duration)
        sessions.append(at)
    for _ in range(2):  # round-robin reruns: every session after all the others
        for at in sessions:
            at.run()
    for i, at in enumerate(sessions):
        duration, overrides = session_inputs(i)
        assert not at.exception and not at.error, (i, at.exception, at.error)
        assert at.session_state["duration_days"] == duration
        assert dict(at.session_state["overrides_base"]) == overrides
        assert at.metric[0].value == expected_headline(duration, overrides), i
    assert len({at.metric[0].value for at in sessions}) >= SESSIONS // 2


def test_real_server_health_under_concurrent_requests(streamlit_server) -> None:
    base, port = streamlit_server

    def get(url: str) -> tuple[int, str, float]:
        t0 = time.perf_counter()
        with urlopen(url, timeout=30) as resp:  # noqa: S310 - local test server
            return resp.status, resp.read().decode(), time.perf_counter() - t0

    with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
        answers = list(pool.map(lambda _: get(f"{base}_stcore/health"), range(SESSIONS * 3)))
    assert all(status == 200 and body.strip() == "ok" for status, body, _ in answers)
    assert max(t for *_, t in answers) < 10
    status, body, _ = get(base)
    assert status == 200 and "<html" in body.lower()
