"""Hostile and unusual inputs to the app (issue 17, app side), through Streamlit's AppTest.

Each test reproduces a defect found by the hostile-input pass: silent wrong results (class 1),
user text rendered as Markdown and unsafe CSV cells (5), unbounded draws in the URL (7), one
broken scenario file taking the app down (8), an out-of-range parameter upload reported twice
(9). The last tests check that the app shows what ``shutdown-sim run FILE --json`` computes for
every bundled scenario and for multi-event uploads.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from shutdown_sim.cli import main as cli_main  # noqa: E402
from shutdown_sim.report.messages import Messages  # noqa: E402
from shutdown_sim.scenario import DEFAULT_SCENARIO, list_scenarios  # noqa: E402

os.environ["SHUTDOWN_SIM_APP_PREWARM"] = "0"
ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
DRAWS = 50
EN = Messages.for_lang("en")

TWO_SHORT_CUTS = """\
name: two-short-cuts
region: HKG
year: 2019
events:
  - {kind: shutdown, start_h: 0, duration_h: 1, scope: full}
  - {kind: shutdown, start_h: 100, duration_h: 1, scope: full}
"""
THREE_YEARS = """\
name: three-year-firewall
region: HKG
year: 2019
horizon_days: 1098
events:
  - {kind: firewall, start_h: 0, duration_h: 26300, blocked: [facebook]}
"""
MOBILE_THEN_FULL = """\
name: mobile-then-full
region: HKG
year: 2019
events:
  - {kind: shutdown, start_h: 0, duration_h: 12, scope: mobile}
  - {kind: shutdown, start_h: 36, duration_h: 6, scope: full}
  - {kind: shutdown, start_h: 60, duration_h: 3, scope: mobile, share_affected: 0.5}
"""


def _app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in {"draws": str(DRAWS), **query}.items():
        at.query_params[key] = value
    return at.run()


def _no_failure(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _upload(text: str, name: str = "mine.yaml", **query: str) -> AppTest:
    at = _app(page="assumptions", **query)
    at.file_uploader(key="upload_scenario").set_value((name, text.encode(), "application/x-yaml"))
    return at.run()


def _cli_headline(path: Path, draws: int = DRAWS) -> dict:
    """``shutdown-sim run FILE --json`` in this process; the headline object."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli_main(["run", str(path), "--json", "--draws", str(draws), "--seed", "0"])
    assert code == 0
    return json.loads(out.getvalue())["gdp_loss_usd"]


def _assert_app_shows(at: AppTest, head: dict) -> None:
    """The app's headline metric and its p5–p95 line are the CLI's numbers."""
    assert at.metric[0].value == EN.money(head["p50"], short=True)
    line = next(m.value for m in at.markdown if "likely range" in m.value)
    assert EN.money(head["p5"], short=True) in line
    assert EN.money(head["p95"], short=True) in line


# -- class 1: silent wrong results ---------------------------------------------------------------
def test_two_short_cuts_upload_shows_what_the_cli_computes(tmp_path: Path) -> None:
    # Was USD 1.07 bn in the app against USD 6.9 M on the CLI: the slider rounded the scenario's
    # length and with_duration stretched the first 1-hour cut over the 101 hours.
    at = _upload(TWO_SHORT_CUTS)
    _no_failure(at)
    path = tmp_path / "two.yaml"
    path.write_text(TWO_SHORT_CUTS)
    _assert_app_shows(at, _cli_headline(path))
    assert at.select_slider(key="duration_days").disabled  # two separate events: no lever


def test_three_year_upload_works(tmp_path: Path) -> None:
    at = _upload(THREE_YEARS)
    _no_failure(at)
    assert "three-year-firewall" in at.session_state["scenario"]
    path = tmp_path / "three.yaml"
    path.write_text(THREE_YEARS)
    _assert_app_shows(at, _cli_headline(path))


def test_duration_control_is_off_for_a_permanent_platform_exit() -> None:
    at = _app(scenario="hk-platform-exit")
    _no_failure(at)
    slider = at.select_slider(key="duration_days")
    assert slider.disabled
    assert any("does not apply" in i.value for i in at.info)


def test_moving_the_duration_says_so() -> None:
    at = _app()
    assert not any("Duration set to" in i.value for i in at.info)
    at.select_slider(key="duration_days").set_value(7).run()
    _no_failure(at)
    assert any("Duration set to 7 days" in i.value for i in at.info)


def test_link_to_an_uploaded_scenario_does_not_silently_open_another() -> None:
    at = _app(scenario="two-short-cuts (uploaded)")
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "two-short-cuts (uploaded)" in warning and "not available here" in warning
    assert at.session_state["scenario"] == DEFAULT_SCENARIO


def test_link_duration_that_does_not_apply_is_reported() -> None:
    at = _app(scenario="hk-platform-exit", duration_days="3")
    assert not at.exception
    assert any("does not apply" in w.value for w in at.warning)


@pytest.mark.parametrize(("value", "shown"), [("4.3", 4), ("abc", 1), ("1e999", 1)])
def test_link_duration_off_the_steps_is_reported(value: str, shown: float) -> None:
    at = _app(duration_days=value)
    assert not at.exception
    assert at.session_state["duration_days"] == shown
    assert any(value in w.value and "steps" in w.value for w in at.warning)


# -- class 5: user text is plain text; CSV cells are neutralised ----------------------------------
def test_uploaded_file_name_is_not_rendered_as_markdown() -> None:
    name = "![p](http://example.invalid/x.png).yaml"
    at = _upload("name: [unclosed\n", name=name)
    assert not at.exception
    message = at.error[0].value
    assert name in message
    # the name sits inside a code span, where Markdown makes no image or link
    before = message.split(name)[0]
    assert before.rstrip().endswith("`")


# -- class 7: unbounded draws in the URL ----------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"), [("inf", 5000), ("1e999", 5000), ("-7", 50), ("99999999", 5000)]
)
def test_url_draws_are_clamped_and_reported(value: str, expected: int) -> None:
    at = _app(draws=value, scenario="hk-2019-mobile-data-1d")
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["draws"] == expected
    assert any(value in w.value and str(expected) in w.value for w in at.warning)


# -- class 8: a broken file in the scenarios folder -----------------------------------------------
def test_broken_scenario_file_is_listed_and_the_rest_served(tmp_path: Path, monkeypatch) -> None:
    import shutdown_sim.scenario as scenario_module

    folder = tmp_path / "scenarios"
    folder.mkdir()
    for name in (DEFAULT_SCENARIO, "hk-platform-exit"):
        shutil.copy(ROOT / "scenarios" / f"{name}.yaml", folder)
    (folder / "zz-broken.yaml").write_text("name: [unclosed\n")
    monkeypatch.setattr(scenario_module, "SCENARIOS_DIR", folder)
    at = _app()
    assert not at.exception, [e.value for e in at.exception]
    assert any("zz-broken" in w.value for w in at.warning)
    assert at.selectbox(key="scenario").options[:2] == [DEFAULT_SCENARIO, "hk-platform-exit"]
    assert at.metric[0].value


def test_scenarios_folder_with_only_broken_files(tmp_path: Path, monkeypatch) -> None:
    import shutdown_sim.scenario as scenario_module

    (tmp_path / "only-broken.yaml").write_bytes(b"\xff\xfe not text")
    monkeypatch.setattr(scenario_module, "SCENARIOS_DIR", tmp_path)
    at = _app()
    assert not at.exception, [e.value for e in at.exception]
    assert any("only-broken" in w.value for w in at.warning)


# -- class 9: an out-of-range parameter upload ----------------------------------------------------
def test_out_of_range_parameter_upload_is_one_message_and_applies_nothing() -> None:
    at = _app(page="assumptions")
    before = at.metric[0].value
    at.file_uploader(key="upload_params").set_value(
        ("p.csv", b"name,central\nFINANCE.dependence,7\n", "text/csv")
    ).run()
    assert not at.exception
    assert len(at.error) == 1 and "FINANCE.dependence" in at.error[0].value
    assert not at.success  # no "Applied 1 override"
    assert not any("changed from the defaults" in i.value for i in at.info)
    assert at.metric[0].value == before


# -- the app and the CLI agree --------------------------------------------------------------------
@pytest.mark.parametrize("name", list_scenarios())
def test_app_shows_the_cli_numbers_for_every_bundled_scenario(name: str) -> None:
    at = _app(scenario=name)
    _no_failure(at)
    _assert_app_shows(at, _cli_headline(ROOT / "scenarios" / f"{name}.yaml"))


@pytest.mark.parametrize("text", [TWO_SHORT_CUTS, MOBILE_THEN_FULL], ids=["two", "three"])
def test_app_shows_the_cli_numbers_for_multi_event_uploads(text: str, tmp_path: Path) -> None:
    at = _upload(text)
    _no_failure(at)
    path = tmp_path / "upload.yaml"
    path.write_text(text)
    _assert_app_shows(at, _cli_headline(path))
