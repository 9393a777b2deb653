"""Publishing: PDF brief, social card and PNG charts (browser-made), provenance inside them, and
the no-browser path (text files still written, one line says what is missing, no half files)."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, require_browser, require_chromium

from shutdown_sim.cli import main
from shutdown_sim.output import RESULT_MARKER
from shutdown_sim.report import export_png
from shutdown_sim.report.brief import FILES, build_brief
from shutdown_sim.report.browser import BrowserError, find_browser
from shutdown_sim.report.card import card_html, card_texts
from shutdown_sim.report.publish import browser_file_names, write_publication
from shutdown_sim.report.stamp import (
    PDF_PROVENANCE_KEY,
    PROVENANCE_KEY,
    pdf_page_count,
    pdf_set_info,
    png_add_text,
    png_size,
    png_text,
    png_text_of,
)

SCENARIO = "hk-2019-full-shutdown-1d"
DRAWS = 120
TEXT_FILES = {*FILES, RESULT_MARKER}
A4_PT = (595.28, 841.89)


@pytest.fixture(scope="module")
def briefs() -> dict:
    en = build_brief(SCENARIO, draws=DRAWS, seed=1, lang="en")
    from dataclasses import replace

    return {"en": en, "zh-Hant": replace(en, lang="zh-Hant")}


def _tiny_png(path: Path) -> Path:
    """A valid 1×1 grey PNG written by hand (no imaging library)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    raw = zlib.compress(b"\x00\x80")
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    )
    return path


def _tiny_pdf(path: Path) -> Path:
    """A one-page PDF with a classic cross-reference table (the form Chromium writes)."""
    objects = [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>",
        b"<</Title (old)>>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n\r\n" % o for o in offsets)
    out += b"trailer\n<</Size 5 /Root 1 0 R /Info 4 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(out)
    return path


# -- provenance stamps (no browser) -------------------------------------------------------------
def test_png_text_chunks_round_trip_and_keep_the_image(tmp_path):
    from PIL import Image

    path = _tiny_png(tmp_path / "x.png")
    png_add_text(path, {"Title": "香港 · 1 日", PROVENANCE_KEY: '{"seed":1}'})
    assert png_text(path) == {"Title": "香港 · 1 日", PROVENANCE_KEY: '{"seed":1}'}
    with Image.open(path) as image:  # an independent reader accepts the chunks (CRCs)
        image.load()
        assert image.size == (1, 1) and image.text[PROVENANCE_KEY] == '{"seed":1}'
    assert png_size(path) == (1, 1)


def test_pdf_info_update_is_read_by_an_independent_reader(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    path = _tiny_pdf(tmp_path / "x.pdf")
    pdf_set_info(path, {"Title": "互聯網中斷", PDF_PROVENANCE_KEY: '{"draws":5}'})
    reader = pypdf.PdfReader(path, strict=True)
    assert reader.metadata["/Title"] == "互聯網中斷"
    assert reader.metadata[f"/{PDF_PROVENANCE_KEY}"] == '{"draws":5}'
    assert len(reader.pages) == 1 == pdf_page_count(path)
    assert path.read_bytes().startswith(b"%PDF-1.4\n1 0 obj")  # original bytes kept in front


def test_tounicode_maps_point_at_ideographs_not_radicals(tmp_path):
    import pypdf

    from shutdown_sim.report.stamp import _fix_cmap

    cmap = b"2 beginbfchar\n<3A> <2FB9>\n<3B> <6E2F>\nendbfchar\n1 beginbfrange\n<40> <40> <2F26>\n"
    assert _fix_cmap(cmap) == cmap.replace(b"<2FB9>", b"<9999>").replace(b"<2F26>", b"<5B50>")
    assert pypdf  # the end-to-end check on a real Chinese PDF is in the browser tests


# -- no browser ---------------------------------------------------------------------------------
def test_no_browser_writes_text_files_and_names_the_rest(briefs, tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chrome"))
    assert find_browser() is None
    out = tmp_path / "out"
    pub = write_publication(briefs["en"], out)
    assert {p.name for p in out.iterdir()} == TEXT_FILES  # nothing half-made, no temp files
    assert pub.missing == browser_file_names(briefs["en"])
    line = pub.missing_line()
    assert "\n" not in line and "brief.pdf" in line and "card.png" in line
    assert "BROWSER_PATH" in line and "chromium" in line
    assert [p.name for p in pub.paths] == list(FILES)


def test_cli_without_browser_says_so_on_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chrome"))
    out = tmp_path / "out"
    assert main(["report", SCENARIO, "--draws", "20", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if "could not make" in ln]
    assert len(lines) == 1 and "card.png" in lines[0], err
    assert {p.name for p in out.iterdir()} == TEXT_FILES
    assert main(["report", SCENARIO, "--draws", "20", "--out", str(out), "--force",
                 "--no-browser"]) == 0  # fmt: skip
    assert "could not make" not in capsys.readouterr().err


def test_a_failing_chart_export_leaves_no_png(briefs, tmp_path, monkeypatch):
    import plotly.io as pio

    def half_then_fail(figs, paths, **kwargs):
        Path(paths[0]).write_bytes(b"\x89PNG half")
        raise RuntimeError("browser crashed")

    monkeypatch.setattr(pio, "write_images", half_then_fail)
    with pytest.raises(BrowserError, match="browser crashed"):
        export_png.write_chart_pngs(briefs["en"], tmp_path, "/bin/true")
    assert list(tmp_path.iterdir()) == []


def test_a_browser_that_writes_nothing_is_reported_not_half_written(briefs, tmp_path):
    fake = tmp_path / "fake-chrome"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    out = tmp_path / "out"
    pub = write_publication(briefs["zh-Hant"], out, browser=str(fake))
    assert {p.name for p in out.iterdir()} == TEXT_FILES
    assert "brief.pdf" in pub.missing and "card.png" in pub.missing


def test_card_texts_in_both_languages(briefs):
    head = briefs["en"].result.headline()
    en, zh = card_texts(briefs["en"]), card_texts(briefs["zh-Hant"])
    assert "Hong Kong" in en["context"] and "day" in en["context"]
    assert "香港" in zh["context"] and "日" in zh["context"]
    assert "median" in en["label"] and "中位數" in zh["label"]
    # the big number is the median, in each language's money format
    from shutdown_sim.report.messages import Messages

    for lang, texts in (("en", en), ("zh-Hant", zh)):
        assert texts["headline"] == Messages.for_lang(lang).money(head["p50"])
        assert Messages.for_lang(lang).money(head["p5"]) in texts["range"]
        assert texts["project"] == "shutdown-sim"
    assert "年" in zh["date"] and "月" in zh["date"]
    assert "<script" not in card_html(briefs["en"])


# -- with a browser -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def published(briefs, tmp_path_factory) -> dict:
    chromium = require_chromium()
    out = {}
    for lang, brief in briefs.items():
        folder = tmp_path_factory.mktemp(f"pub-{lang}") / "out"
        pub = write_publication(brief, folder, browser=chromium)
        assert not pub.missing, pub.missing_line()
        out[lang] = folder
    return out


def _pdf_fonts(path: Path) -> set[str]:
    """Family and PostScript names of every font the PDF's pages use (Type0 and Type3)."""
    import pypdf

    names = set()
    for page in pypdf.PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for f in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                names.add(str(f.get("/BaseFont", "")))
                desc = f.get("/FontDescriptor")
                if desc is not None:
                    desc = desc.get_object()
                    names.add(str(desc.get("/FontName", "")))
                    names.add(str(desc.get("/FontFamily", "")))
    return {n for n in names if n}


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_report_writes_pdf_card_and_charts(published, briefs, lang):
    pypdf = pytest.importorskip("pypdf")
    folder = published[lang]
    names = {p.name for p in folder.iterdir()}
    assert names >= TEXT_FILES | {"brief.pdf", "card.png"}
    charts = sorted(n for n in names if n.startswith("chart_") and n.endswith(".png"))
    assert {"chart_fan.png", "chart_sectors.png", "chart_methods.png"} <= set(charts)
    assert not [n for n in names - {RESULT_MARKER} if n.startswith(".") or n.endswith(".part")]
    assert png_size(folder / "card.png") == (1200, 675)

    prov = briefs[lang].result.provenance
    for png in ["card.png", *charts]:
        record = json.loads(png_text(folder / png)[PROVENANCE_KEY])
        assert record["scenario_sha256"] == prov["scenario_sha256"], png
        assert record["seed"] == 1 and record["draws"] == DRAWS

    reader = pypdf.PdfReader(folder / "brief.pdf")
    meta = reader.metadata
    assert (
        json.loads(meta[f"/{PDF_PROVENANCE_KEY}"])["parameter_values_sha256"]
        == prov["parameter_values_sha256"]
    )
    assert meta["/Subject"] == briefs[lang].headline()
    for page in reader.pages:  # A4 portrait
        box = page.mediabox
        assert float(box.width) == pytest.approx(A4_PT[0], abs=1.5)
        assert float(box.height) == pytest.approx(A4_PT[1], abs=1.5)
    text = "".join(page.extract_text() for page in reader.pages)
    assert ("Hong Kong" if lang == "en" else "香港") in text
    # copied or searched text is the text: no Kangxi/CJK radicals in place of ideographs
    assert not [c for c in text if "\u2e80" <= c <= "\u2fdf"]


@pytest.mark.browser
@pytest.mark.slow
def test_chinese_pdf_is_set_in_a_cjk_font(published):
    fonts = _pdf_fonts(published["zh-Hant"] / "brief.pdf")
    assert any("CJK" in name for name in fonts), fonts


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_card_text_is_drawn_by_fonts_that_have_its_glyphs(briefs, lang):
    """Ask Chromium which platform fonts drew the card's text (DevTools ``CSS`` domain)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 675})
            page.set_content(card_html(briefs[lang]))
            cdp = page.context.new_cdp_session(page)
            cdp.send("DOM.enable")
            cdp.send("CSS.enable")
            root = cdp.send("DOM.getDocument")["root"]["nodeId"]
            used = {}
            for selector in (".context", ".label", "#headline", ".range", ".method"):
                node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})
                fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})
                used[selector] = {f["familyName"]: f["glyphCount"] for f in fonts["fonts"]}
            width = page.evaluate("document.documentElement.scrollWidth")
        finally:
            browser.close()
    for selector, fonts in used.items():
        assert fonts and sum(fonts.values()) > 0, (selector, used)
        if lang == "zh-Hant":  # every glyph from a CJK font: no fallback, no empty boxes
            assert all("CJK" in family for family in fonts), (selector, used)
    assert width <= 1200  # nothing runs off the card


def test_share_downloads_are_none_without_a_browser(briefs, tmp_path):
    from shutdown_sim.report.publish import brief_pdf_bytes, card_png_bytes

    assert brief_pdf_bytes(briefs["en"], browser=None) is None
    assert card_png_bytes(briefs["en"], browser=None) is None


@pytest.mark.browser
@pytest.mark.slow
def test_share_downloads_carry_provenance(briefs):
    import io

    import pypdf

    from shutdown_sim.report.charts import sectors_figure
    from shutdown_sim.report.export_png import figure_png
    from shutdown_sim.report.publish import brief_pdf_bytes, card_png_bytes

    chromium = require_chromium()
    brief = briefs["zh-Hant"]
    sha = brief.result.provenance["scenario_sha256"]
    pdf = brief_pdf_bytes(brief, browser=chromium)
    meta = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert json.loads(meta[f"/{PDF_PROVENANCE_KEY}"])["scenario_sha256"] == sha
    for data in (
        card_png_bytes(brief, browser=chromium),
        figure_png(sectors_figure(brief.result, "zh-Hant"), brief.result, chromium),
    ):
        assert json.loads(png_text_of(data)[PROVENANCE_KEY])["scenario_sha256"] == sha


@pytest.mark.browser
@pytest.mark.slow
def test_pdf_brief_fits_two_a4_pages_in_both_languages(published, briefs):
    """The 1-day shutdown (fixture) and the longest bundled brief (30-day app-block escalation)."""
    import io

    import pypdf

    from shutdown_sim.report.publish import brief_pdf_bytes

    counts = {f"1d {lang}": pdf_page_count(published[lang] / "brief.pdf") for lang in published}
    longest = build_brief("hk-2019-app-block-escalation", draws=DRAWS, seed=1, lang="en")
    from dataclasses import replace

    for lang in ("en", "zh-Hant"):
        pdf = brief_pdf_bytes(replace(longest, lang=lang), browser=require_chromium())
        counts[f"app-block {lang}"] = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert all(1 <= n <= 2 for n in counts.values()), counts


def _visible_text(html_text: str) -> str:
    import html as html_lib
    import re

    body = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", " ", html_text, flags=re.S | re.I)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.mark.slow
def test_no_output_names_a_path_a_reader_cannot_open(briefs, tmp_path):
    """Every bundled scenario, both languages: brief, Markdown, CSVs, appendix and card text.

    The tornado's five drivers come from the fixture's brief (the appendix lists every
    parameter of the region anyway); each scenario brings its own description, source, events.
    """
    from dataclasses import replace

    from shutdown_sim import load_scenario, simulate
    from shutdown_sim.report.citations import INTERNAL_PATH
    from shutdown_sim.scenario import list_scenarios

    base = briefs["en"]
    leaks = []
    for name in list_scenarios():
        result = simulate(load_scenario(name), draws=20, seed=0)
        for lang in ("en", "zh-Hant"):
            brief = replace(base, result=result, lang=lang)
            out = tmp_path / f"{name}-{lang}"
            write_publication(brief, out, browser=None)
            texts = {"card": " ".join(card_texts(brief).values())}
            for p in out.iterdir():
                if p.suffix in (".html", ".md", ".csv"):
                    text = p.read_text(encoding="utf-8")
                    texts[p.name] = _visible_text(text) if p.suffix == ".html" else text
            for file, text in texts.items():
                for match in INTERNAL_PATH.finditer(text):
                    leaks.append((name, lang, file, text[max(0, match.start() - 40) : match.end()]))
    assert not leaks, leaks[:10]


def test_appendix_csv_is_spreadsheet_safe(briefs, tmp_path, monkeypatch):
    """assumptions.csv goes through the same spreadsheet-safe writer as results.csv."""
    from shutdown_sim import output
    from shutdown_sim.report.appendix import write_appendix

    seen = []
    real = output.write_csv
    monkeypatch.setattr(
        output,
        "write_csv",
        lambda frame, path, **kw: (seen.append(Path(path).name), real(frame, path, **kw)),
    )
    write_appendix(briefs["zh-Hant"], tmp_path)
    assert seen == ["assumptions.csv"]


# -- the app's Share page ------------------------------------------------------------------------
def _share_page(monkeypatch, browser_path: str | None):
    import os

    pytest.importorskip("streamlit")
    from streamlit.testing.v1 import AppTest

    from shutdown_sim.report.browser import find_browser

    os.environ.setdefault("SHUTDOWN_SIM_APP_PREWARM", "0")
    if browser_path is not None:
        monkeypatch.setenv("BROWSER_PATH", browser_path)
    root = Path(__file__).resolve().parents[1]
    at = AppTest.from_file(str(root / "app.py"), default_timeout=120).run()
    at.radio(key="page").set_value("share").run()
    assert not at.exception, [e.value for e in at.exception]
    keys = {b.key for b in at.get("download_button")}
    return at, keys, find_browser()


def test_share_page_without_a_browser_says_how_to_get_one(monkeypatch, tmp_path):
    at, keys, _ = _share_page(monkeypatch, str(tmp_path / "no-such-chrome"))
    assert {"dl_summary", "dl_json", "dl_brief"} <= keys
    assert not {"dl_pdf", "dl_card"} & keys
    assert any("BROWSER_PATH" in c.value for c in at.caption)


@pytest.mark.browser
def test_share_page_offers_pdf_card_and_png_charts(monkeypatch):
    require_chromium()
    at, keys, browser = _share_page(monkeypatch, None)
    assert browser
    assert {"dl_pdf", "dl_card", "dl_png_fan", "dl_png_sectors", "dl_png_baselines"} <= keys
