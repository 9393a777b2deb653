"""Streamlit app (app.py) through streamlit.testing.v1.AppTest: every page and control.

Model runs are cached per process (st.cache_data), so later tests reuse earlier runs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from shutdown_sim.app import scenarios, state, tables  # noqa: E402
from shutdown_sim.scenario import DEFAULT_SCENARIO, list_scenarios  # noqa: E402

os.environ["SHUTDOWN_SIM_APP_PREWARM"] = "0"  # no background warm-up threads in AppTest
APP = str(Path(__file__).resolve().parents[1] / "app.py")
TIMEOUT = 120


def _app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _headline(at: AppTest) -> tuple[str, str]:
    metric = at.metric[0]
    return metric.label, metric.value


@pytest.fixture(scope="module")
def app() -> AppTest:
    return _app()


def test_default_view_shows_headline_range_and_baselines(app: AppTest) -> None:
    _ok(app)
    label, value = _headline(app)
    assert "Net GDP loss" in label
    assert value.startswith("USD")
    assert "HKD" in app.metric[1].value
    assert any("likely range" in m.value for m in app.markdown)
    assert app.session_state["scenario"] == DEFAULT_SCENARIO
    assert app.session_state["duration_days"] == 1
    assert app.session_state["draws"] == state.DEFAULT_DRAWS
    assert app.query_params["scenario"] == DEFAULT_SCENARIO
    # Five figures on the explorer (baselines, fan, sectors, availability, Sankey).
    assert len(app.get("plotly_chart")) == 5


def test_duration_change_changes_headline() -> None:
    at = _app()
    before = _headline(at)[1]
    at.select_slider(key="duration_days").set_value(7).run()
    _ok(at)
    assert _headline(at)[1] != before
    assert at.query_params["duration_days"] == "7"


def test_language_switch_turns_labels_chinese() -> None:
    at = _app()
    at.radio(key="lang").set_value("繁體中文").run()
    _ok(at)
    label, value = _headline(at)
    assert "本地生產總值淨損失" in label
    assert "美元" in value
    assert at.selectbox(key="scenario").label == "情景"  # glossary: Hong Kong usage
    assert at.query_params["lang"] == "zh-Hant"


def test_url_reproduces_view() -> None:
    at = _app(scenario="hk-2019-full-shutdown-7d", duration_days="3", lang="zh-Hant", draws="200")
    _ok(at)
    assert at.session_state["scenario"] == "hk-2019-full-shutdown-7d"
    assert at.session_state["duration_days"] == 3
    assert at.session_state["lang"] == "繁體中文"
    assert at.session_state["draws"] == 200
    assert "本地生產總值淨損失" in _headline(at)[0]


def test_url_garbage_falls_back_to_defaults() -> None:
    at = _app(scenario="../../etc/passwd", duration_days="abc", lang="xx", draws="1e9")
    _ok(at)
    assert at.session_state["scenario"] == DEFAULT_SCENARIO
    assert at.session_state["draws"] == state.MAX_DRAWS


def test_draws_control() -> None:
    at = _app()
    at.number_input(key="draws").set_value(100).run()
    _ok(at)
    assert any("100" in c.value for c in at.caption)


@pytest.mark.parametrize("page", ["explorer", "sensitivity", "assumptions", "share"])
def test_every_page_renders(page: str) -> None:
    at = _app()
    at.radio(key="page").set_value(page).run()
    _ok(at)
    assert "Net GDP loss" in _headline(at)[0]
    if page == "share":
        assert len(at.get("download_button")) >= 4
    if page == "assumptions":
        assert len(at.data_editor) == 1


@pytest.mark.parametrize("name", list_scenarios())
def test_every_bundled_scenario(name: str) -> None:
    at = _app()
    at.selectbox(key="scenario").set_value(name).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.metric[0].value


@pytest.mark.parametrize("kind", scenarios.BUILD_KINDS)
def test_builder_every_kind(kind: str) -> None:
    at = _app()
    at.selectbox(key="scenario").set_value(scenarios.BUILD).run()
    at.selectbox(key="b_kind").set_value(kind).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.metric[0].value


def _go_assumptions() -> AppTest:
    at = _app()
    at.radio(key="page").set_value("assumptions").run()
    _ok(at)
    return at


def test_bad_scenario_upload_shows_error() -> None:
    at = _go_assumptions()
    at.file_uploader(key="upload_scenario").set_value(
        ("bad.yaml", b"name: bad\nevents: [{kind: nonsense}]\n", "application/x-yaml")
    ).run()
    assert not at.exception
    assert at.error and "bad.yaml" in at.error[0].value


def test_oversized_and_binary_uploads_show_error() -> None:
    at = _go_assumptions()
    at.file_uploader(key="upload_scenario").set_value(
        ("big.yaml", b"#" * (scenarios.MAX_UPLOAD_BYTES + 1), "application/x-yaml")
    ).run()
    assert not at.exception and at.error
    at = _go_assumptions()
    at.file_uploader(key="upload_params").set_value(
        ("p.csv", b"\xff\xfe\x00garbage", "text/csv")
    ).run()
    assert not at.exception and at.error


def test_good_scenario_upload_is_selected() -> None:
    text = (Path(APP).parent / "scenarios" / "hk-2019-mobile-data-1d.yaml").read_bytes()
    at = _go_assumptions()
    at.file_uploader(key="upload_scenario").set_value(("mine.yaml", text, "application/x-yaml"))
    at.run()
    _ok(at)
    assert "uploaded" in at.session_state["scenario"]


def test_parameter_csv_upload_changes_headline_and_reset() -> None:
    at = _go_assumptions()
    before = _headline(at)[1]
    at.file_uploader(key="upload_params").set_value(
        ("p.csv", b"name,central\nFINANCE.dependence,0.99\n", "text/csv")
    ).run()
    _ok(at)
    assert _headline(at)[1] != before
    at.button(key="reset").click().run()
    _ok(at)
    assert _headline(at)[1] == before


def test_bad_parameter_csv_shows_error() -> None:
    at = _go_assumptions()
    at.file_uploader(key="upload_params").set_value(
        ("p.csv", b"name,central\nNOT_A_PARAM,1\n", "text/csv")
    ).run()
    assert not at.exception
    assert at.error and "NOT_A_PARAM" in at.error[0].value


def test_assumptions_edit_changes_headline() -> None:
    at = _go_assumptions()
    before = _headline(at)[1]
    frame = at.data_editor[0].value
    row = int(frame.index[frame["name"] == "FINANCE.dependence"][0])
    at.session_state["param_editor_0"] = {
        "edited_rows": {row: {"value": 0.99}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    _ok(at)
    assert _headline(at)[1] != before
    assert any("FINANCE.dependence" in i.value for i in at.info)


def test_invalid_assumption_value_shows_error_not_traceback() -> None:
    at = _go_assumptions()
    frame = at.data_editor[0].value
    row = int(frame.index[frame["name"] == "FINANCE.dependence"][0])
    at.session_state["param_editor_0"] = {
        "edited_rows": {row: {"value": 7.0}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert at.error
    assert at.metric[0].value


def test_brief_and_exports_work_offline() -> None:
    from shutdown_sim.model import prepare, simulate
    from shutdown_sim.report import render_brief_html
    from shutdown_sim.scenario import load_scenario
    from shutdown_sim.sensitivity import tornado

    scenario = load_scenario(DEFAULT_SCENARIO)
    result = simulate(scenario, draws=50)
    assert tables.result_json(result).startswith(b"{")
    ctx = prepare(scenario)
    html = render_brief_html(result, tornado(ctx), lang="zh-Hant", params=ctx.space.params)
    assert "<html" in html.lower()


def test_published_methods_for_any_country():
    at = _app()
    at.selectbox(key="any_country").set_value("KEN")
    at.run()
    _ok(at)
    frames = [df.value for df in at.dataframe]
    from shutdown_sim.report.messages import Messages

    en = Messages.for_lang("en")  # the table's headers are the brief's (translated) headers
    table = next(f for f in frames if en.t("baselines_col_day") in f.columns)
    assert len(table) == 4 and table[en.t("baselines_col_total")].str.startswith("USD").all()


def test_beyond_gdp_metrics_stand_beside_the_headline(app: AppTest) -> None:
    """People cut off, worker-days and tax lost: their own metrics, the headline unchanged."""
    _ok(app)
    labels = [m.label for m in app.metric]
    for label in ("People cut off", "Worker-days lost", "Tax revenue lost"):
        assert label in labels
    tax = app.metric[labels.index("Tax revenue lost")]
    assert tax.value.startswith("USD") and "first-order ratio" in (tax.help or "")
    assert "Net GDP loss" in labels[0]  # the headline stays first and is not the sum
    welfare = app.metric[labels.index("Consumer welfare lost")]  # its own line, not GDP
    assert welfare.value.startswith("USD") and "not GDP" in (welfare.help or "")
    zh = _app(lang="zh-Hant")
    _ok(zh)
    assert "連線被切斷的人數" in [m.label for m in zh.metric]
