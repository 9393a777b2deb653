"""An uploaded measured connectivity curve in the app (issue 16 item 1, app side): the same
scenario and headline as ``shutdown-sim run --country ISO3 --measured FILE``, the measured curve
plotted beside the access the model used, and a refused file applies nothing."""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402
from test_app_chinese import _reader_text  # noqa: E402

from shutdown_sim.cli import main as cli_main  # noqa: E402
from shutdown_sim.report.glossary import english_words  # noqa: E402
from shutdown_sim.report.messages import Messages  # noqa: E402

os.environ["SHUTDOWN_SIM_APP_PREWARM"] = "0"
APP = str(Path(__file__).resolve().parents[1] / "app.py")
OUTAGES = Path(__file__).parent / "data" / "outages"
FIXTURE = OUTAGES / "ts_test_outage.csv"  # made-up HKG curve, two regions (see test_measured)
BASELINES = OUTAGES / "series_baselines.csv"
DRAWS = 50
EN = Messages.for_lang("en")


def _app(lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["draws"] = str(DRAWS)
    at.query_params["lang"] = lang
    return at.run()


def _upload(at: AppTest, data: bytes, baselines: bool = True) -> AppTest:
    if baselines:
        at.file_uploader(key="upload_measured_baselines").set_value(
            (BASELINES.name, BASELINES.read_bytes(), "text/csv")
        )
    at.file_uploader(key="upload_measured").set_value(("curve.csv", data, "text/csv"))
    return at.run()


def _cli_median(*extra: str) -> float:
    out = io.StringIO()
    argv = ["run", "--country", "HKG", "--measured", str(FIXTURE), *extra]
    argv += ["--json", "--draws", str(DRAWS), "--seed", "0"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert cli_main(argv) == 0
    return json.loads(out.getvalue())["gdp_loss_usd"]["p50"]


@pytest.mark.slow
def test_uploaded_curve_gives_the_cli_median_and_is_plotted_beside_the_model() -> None:
    at = _upload(_app(), FIXTURE.read_bytes())
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert "measured" in at.session_state["scenario"]
    assert at.metric[0].value == EN.money(_cli_median(), short=True)
    figure = at.get("plotly_chart")
    charts = [json.loads(c.proto.spec) for c in figure]
    measured = [c for c in charts if any(t.get("mode") == "lines+markers" for t in c["data"])]
    assert len(measured) == 1
    traces = measured[0]["data"]
    # the curve as the CLI's reader cuts it: 6 hours at a quarter of normal (two regions, equal
    # weights: one offline, one at half), and the model's fixed and mobile access beside it
    assert traces[0]["y"] == pytest.approx([0.25] * 6)
    assert {t["name"] for t in traces[1:]} == {
        "model: Fixed broadband access",
        "model: Mobile data access",
    }
    assert min(traces[1]["y"]) == pytest.approx(0.25)


@pytest.mark.slow
def test_given_normal_matches_the_cli_and_a_bad_file_applies_nothing() -> None:
    at = _app()
    at.number_input(key="measured_normal").set_value(200.0)
    at = _upload(at, FIXTURE.read_bytes(), baselines=False)
    assert not at.error, [e.value for e in at.error]
    assert at.metric[0].value == EN.money(_cli_median("--normal", "200"), short=True)
    shown = at.session_state["scenario"]
    at = _upload(at, b"timestamp,value\n2020-01-01T00:00:00Z,1\n", baselines=False)
    assert len(at.error) == 1 and "layout not recognised" in at.error[0].value
    assert at.session_state["scenario"] == shown  # nothing applied


@pytest.mark.slow
def test_measured_section_reads_as_chinese() -> None:
    at = _upload(_app("zh-Hant"), FIXTURE.read_bytes())
    assert not at.exception and not at.error, [e.value for e in at.error]
    leaks = [(kind, w) for kind, text in _reader_text(at) for w in english_words(text)]
    assert not leaks, sorted(set(leaks))[:20]
    chart = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if '"lines+markers"' in c.proto.spec
    )
    names = " ".join(t["name"] for t in chart["data"]) + chart["layout"]["title"]["text"]
    assert not english_words(names), names
