"""The app in Chinese reads as Chinese (issue 14 item 6): no English word or internal ID on the
explorer, sensitivity and share pages except proper names, format names and code spans."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from shutdown_sim.report.glossary import avoided_in, english_words  # noqa: E402

os.environ["SHUTDOWN_SIM_APP_PREWARM"] = "0"
APP = str(Path(__file__).resolve().parents[1] / "app.py")
KINDS = ("markdown", "caption", "metric", "expander", "button", "download_button", "dataframe")


def _reader_text(at: AppTest) -> list[tuple[str, str]]:
    """(element kind, text a reader sees) for every text element; code spans and styles out."""
    out = []
    for kind in KINDS:
        for element in at.get(kind):
            parts = [getattr(element, a, None) for a in ("value", "label", "help")]
            if kind == "dataframe":
                frame = element.value
                parts = [
                    "\n".join(map(str, frame.columns)),
                    "\n".join(frame.astype(str).values.ravel()),
                ]
            for part in parts:
                if isinstance(part, str):
                    text = re.sub(r"<style\b.*?</style>", "\n", part, flags=re.S)
                    text = re.sub(r"<[^>]+>", "\n", text)
                    text = re.sub(r"(`+).*?\1", "\n", text)  # code spans: identifiers
                    out.append((kind, text))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("page", ["explorer", "sensitivity", "share"])
def test_chinese_app_page_has_no_english(page, monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-browser"))  # no PNG/PDF work here
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = "zh-Hant"
    at.run()
    at.radio(key="page").set_value(page).run()
    assert not at.exception, [e.value for e in at.exception]
    leaks = [(kind, w) for kind, text in _reader_text(at) for w in english_words(text)]
    assert not leaks, sorted(set(leaks))[:20]
    variants = [hit for _, text in _reader_text(at) for hit in avoided_in(text)]
    assert not variants, variants[:5]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_app_explorer_names_no_path_a_reader_cannot_open(lang):
    from shutdown_sim.report.citations import INTERNAL_PATH

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    leaks = [text for _, text in _reader_text(at) if INTERNAL_PATH.search(text)]
    leaks += [m.value for m in at.markdown if INTERNAL_PATH.search(m.value)]  # code spans too
    assert not leaks, leaks[:3]
