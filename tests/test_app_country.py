"""The app's ``country`` control and world map page (AppTest), and the app in Chromium on a
country other than Hong Kong."""

from __future__ import annotations

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402
from test_app import _app, _ok  # noqa: E402  (AppTest helpers: run with query, no errors)


@pytest.fixture(scope="module")
def india() -> AppTest:
    return _app(country="ind", draws="50")


def test_country_from_the_url_runs_the_structural_model(india: AppTest) -> None:
    _ok(india)
    assert india.session_state["country"] == "IND"
    assert india.query_params["country"] == "IND"
    assert india.metric[0].value.startswith("USD")
    captions = " ".join(c.value for c in india.caption)
    assert "India" in captions and "ADB MRIO" in captions  # region and data tier
    assert len(india.get("plotly_chart")) == 5  # every chart follows the country


def test_country_levers_change_the_headline(india: AppTest) -> None:
    before = india.metric[0].value
    india.selectbox(key="c_kind").set_value("mobile").run()
    _ok(india)
    india.slider(key="c_share").set_value(0.5).run()
    _ok(india)
    assert india.metric[0].value != before
    india.select_slider(key="duration_days").set_value(2.0).run()
    _ok(india)
    assert india.query_params["duration_days"] == "2"


def test_country_app_block_needs_an_app(india: AppTest) -> None:
    india.selectbox(key="c_kind").set_value("apps").run()
    _ok(india)
    india.multiselect(key="c_apps").set_value([]).run()
    assert any("at least one app" in w.value for w in india.warning)
    india.multiselect(key="c_apps").set_value(["twitter"]).run()
    _ok(india)


def test_unknown_country_in_the_url_is_said_and_hong_kong_shown() -> None:
    at = _app(country="XYZ", draws="50")
    _ok(at)
    assert any("XYZ" in w.value for w in at.warning)
    assert at.session_state["country"] == ""


def test_world_map_page(monkeypatch) -> None:
    """The page draws the cached table (here a three-economy table, not every economy)."""
    from shutdown_sim import worldmap

    small = worldmap.world_table(50, 0, workers=1, codes=["ETH", "IND", "USA"])
    monkeypatch.setattr(worldmap, "world_table", lambda *a, **k: small)
    at = _app(page="world", draws="50")
    _ok(at)
    assert len(at.get("plotly_chart")) == 1
    at.radio(key="world_metric").set_value("cost").run()
    _ok(at)


@pytest.mark.browser
@pytest.mark.slow
def test_browser_opens_the_app_on_ethiopia(server: str) -> None:
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(f"{server}?country=ETH&draws=100", wait_until="domcontentloaded")
            value = page.locator("[data-testid='stMetricValue']").first
            value.wait_for(state="visible", timeout=60_000)
            page.get_by_text("Ethiopia", exact=False).first.wait_for(timeout=60_000)
            assert value.inner_text().strip().startswith("USD")
            assert "country=ETH" in page.url
            page.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=60_000)
        finally:
            browser.close()
