"""The publishable brief: content in both languages, offline HTML, atomic output, CLI."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from shutdown_sim.cli import main
from shutdown_sim.errors import InputError
from shutdown_sim.output import RESULT_MARKER
from shutdown_sim.report import LANGS, Messages, load_catalogue
from shutdown_sim.report.appendix import assumptions_html
from shutdown_sim.report.beyond import beyond_inputs
from shutdown_sim.report.brief import (
    FILES,
    Brief,
    build_brief,
    render_brief_html,
    render_brief_markdown,
    write_brief_files,
)

SCENARIOS = ("hk-2019-full-shutdown-1d", "hk-2019-app-block-escalation")
DRAWS = 200
SEED = 7
BASELINES = ("west2016", "deloitte2016", "cost", "netloss")
# Catalogue entries that are names or units, allowed to appear in either language.
NAME_KEYS = re.compile(r"^(currency|region|sector|unit|dist)\.|^baseline\.[^.]+\.label$")


@pytest.fixture(scope="module", params=SCENARIOS)
def brief(request) -> Brief:
    return build_brief(request.param, draws=DRAWS, seed=SEED, lang="en")


def _views(brief: Brief):
    for lang in LANGS:
        b = replace(brief, lang=lang)
        yield lang, Messages.for_lang(lang), b.html(), b.markdown()


def _visible(html_text: str) -> str:
    """HTML without script bodies (plotly.js is English code, not brief text)."""
    return re.sub(r"<script\b[^>]*>.*?</script>", "", html_text, flags=re.S | re.I)


def _text(html_text: str) -> str:
    """What a reader sees: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", _visible(html_text)))


# -- catalogues and number formats ----------------------------------------------------------
def test_catalogues_have_the_same_keys_and_no_empty_values():
    en, zh = load_catalogue("en"), load_catalogue("zh-Hant")
    assert set(en) == set(zh), set(en) ^ set(zh)
    for lang, table in (("en", en), ("zh-Hant", zh)):
        empty = [k for k, v in table.items() if not str(v).strip()]
        assert not empty, (lang, empty)
    # same placeholders, so both languages can be filled from the same values
    for key in en:
        assert set(re.findall(r"\{(\w+)\}", en[key])) == set(re.findall(r"\{(\w+)\}", zh[key])), key


def test_money_formats_follow_the_locale():
    en, zh = Messages.for_lang("en"), Messages.for_lang("zh-Hant")
    # three significant figures in both languages, so both show the same number (issue 14.6)
    assert en.money(1.234e9) == "USD 1.23 billion"
    assert en.money(456.7e6) == "USD 457 million"
    assert en.money(3.56e9, "HKD") == "HKD 3.56 billion"
    assert zh.money(4.567e8) == "4.57億美元"
    assert zh.money(3.56e9, "HKD") == "35.6億港元"
    assert zh.money(7.447e7) == "7,450萬美元" and en.money(7.447e7) == "USD 74.5 million"
    assert zh.money(1.9146e8) == "1.91億美元" and en.money(1.9146e8) == "USD 191 million"
    assert zh.money(6.5003e8) == "6.50億美元" and en.money(6.5003e8) == "USD 650 million"
    assert zh.money(2.5e12, "HKD") == "2.50萬億港元"


def test_unknown_language_is_an_input_error(brief):
    with pytest.raises(InputError):
        render_brief_html(
            brief.result, (brief.central_usd, list(brief.drivers)), "fr", params=brief.params
        )


# -- content ----------------------------------------------------------------------------------
def test_brief_content_in_both_languages(brief):
    r = brief.result
    head = r.headline()
    assert len(brief.drivers) == 5
    for lang, m, html_text, md in _views(brief):
        for text in (_text(html_text), md):
            # headline (median of the draws) and range, in USD and the local currency
            for stat in ("p50", "p5", "p95"):
                assert m.money(head[stat]) in text, (lang, stat)
            assert m.money(head["p50"] * r.local_per_usd, r.currency) in text
            assert m.t("headline_heading") in text
            # every baseline with its one-line note
            assert set(r.baselines) == set(BASELINES)
            for method in BASELINES:
                assert m.t(f"baseline.{method}.label") in text, (lang, method)
                assert m.t(f"baseline.{method}.why") in text, (lang, method)
                assert m.money(r.baselines[method]["cost_usd"]) in text
            # the five drivers: label and the loss at either end of their range
            sector_names = dict(zip(r.by_sector.index, r.by_sector["name"]))
            for row in brief.drivers:
                assert m.parameter(row["parameter"], sector_names) in text, (lang, row)
                assert m.money(row["loss_at_high_usd"]) in text
            # the full assumptions table is the appendix the brief links to
            assert "assumptions.html" in text and "assumptions.csv" in text
            # method notes and provenance (hashes shortened on the two pages)
            assert m.t("limit_dependence") in text
            assert r.provenance["scenario_sha256"][:16] in text
            assert r.provenance["parameter_values_sha256"][:16] in text
            assert f"--seed {SEED}" in text
        appendix = assumptions_html(replace(brief, lang=lang))
        assert m.t("assumptions_heading") in _text(appendix)
        for p in brief.params:
            assert p.name in appendix, (lang, p.name)
        # clickable sources
        assert len(re.findall(r'<a href="https?://', html_text + appendix)) >= 3
        assert re.search(r"\]\(https?://", md)
        # one chart on the brief (plotly.js inlined with it)
        assert html_text.count('class="plotly-graph-div"') == 1
        assert m.t("cascade_heading") in _text(html_text)


def test_html_loads_nothing_from_the_network(brief):
    for lang, _m, html_text, _md in _views(brief):
        visible = _visible(html_text)
        tags = re.findall(r"<[a-z][^>]*>", visible, flags=re.I)
        for tag in tags:
            assert not re.search(r"\b(src|srcset|data)\s*=\s*[\"']?\s*(https?:)?//", tag, re.I), tag
            if tag.lower().startswith("<link"):
                assert not re.search(r"href\s*=\s*[\"']?\s*(https?:)?//", tag, re.I), tag
        # script tags only inline
        for tag in re.findall(r"<script\b[^>]*>", html_text, flags=re.I):
            assert "src=" not in tag.lower(), tag
        css = " ".join(re.findall(r"<style[^>]*>(.*?)</style>", html_text, flags=re.S | re.I))
        css += " ".join(re.findall(r"style\s*=\s*\"([^\"]*)\"", visible, flags=re.I))
        assert "@import" not in css
        assert not re.search(r"url\(\s*[\"']?\s*(https?:)?//", css, re.I)
        assert 'src="http' not in html_text and '<link href="http' not in html_text
        # plotly.js inlined exactly once
        assert html_text.count("<script") >= 2
        assert "cdn.plot.ly/plotly" not in visible
        assert "@page" in html_text and "A4" in html_text, lang


def test_zh_brief_has_no_english_fixed_text(brief):
    en, zh = load_catalogue("en"), load_catalogue("zh-Hant")
    b = replace(brief, lang="zh-Hant")
    text = _text(b.html()) + "\n" + b.markdown()
    leaks = []
    for key, en_text in en.items():
        if NAME_KEYS.search(key) or en_text == zh[key]:
            continue
        for fragment in re.split(r"\{\w+\}", en_text):
            fragment = fragment.strip(" .,;:()–-")
            # phrases only: single words may be proper names or units quoted in sources
            if len(fragment) >= 8 and " " in fragment and fragment in text:
                leaks.append((key, fragment))
    assert not leaks, leaks
    assert "本地生產總值" in text and "億" in text


def test_render_brief_html_rebuilds_assumptions_from_the_result(brief):
    from shutdown_sim.report.brief import _brief_from

    html_text = render_brief_html(brief.result, (brief.central_usd, list(brief.drivers)), "zh-Hant")
    assert 'href="assumptions.html"' in html_text
    rebuilt = _brief_from(brief.result, (brief.central_usd, list(brief.drivers)), "zh-Hant", None)
    assert [p.name for p in rebuilt.params] == [p.name for p in brief.params]
    md = render_brief_markdown(brief.result, list(brief.drivers), "en", params=brief.params)
    assert md.startswith("# ")


# -- files ------------------------------------------------------------------------------------
def test_write_brief_files_and_force(brief, tmp_path):
    out = tmp_path / "brief"
    write_brief_files(brief, out)
    names = {p.name for p in out.iterdir()}
    assert names == {*FILES, RESULT_MARKER}
    extra = len(beyond_inputs(brief.result))  # tax ratio and user counts of the beyond-GDP lines
    assert len(pd.read_csv(out / "assumptions.csv")) == len(brief.params) + extra
    frame = pd.read_csv(out / "results.csv")
    assert set(frame["name"]) >= {"gdp_loss_usd", *BASELINES}
    row = frame.set_index("name").loc["gdp_loss_usd"]
    assert row["p5_usd"] == pytest.approx(brief.result.headline()["p5"])
    with pytest.raises(InputError):
        write_brief_files(brief, out)
    write_brief_files(replace(brief, lang="zh-Hant"), out, force=True)
    assert 'lang="zh-Hant-HK"' in (out / "brief.html").read_text(encoding="utf-8")


def test_error_while_writing_leaves_no_partial_folder(brief, tmp_path, monkeypatch):
    out = tmp_path / "brief"

    def fail(_frame, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", fail)
    with pytest.raises(RuntimeError):
        write_brief_files(brief, out)
    assert list(tmp_path.iterdir()) == []


# -- CLI --------------------------------------------------------------------------------------
def test_cli_bad_lang_exits_2(tmp_path, capsys):
    code = main(["report", SCENARIOS[0], "--lang", "fr", "--out", str(tmp_path / "x")])
    assert code == 2
    assert "--lang" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_cli_report_writes_files_and_prints_headline(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(
        [
            "report",
            SCENARIOS[0],
            "--lang",
            "zh-Hant",
            "--draws",
            "20",
            "--seed",
            "3",
            "--out",
            str(out),
            "--no-browser",  # the PDF, card and PNGs are tested in test_publish.py
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "本地生產總值" in captured.out and len(captured.out.strip().splitlines()) == 1
    for name in ("brief.html", "brief.md", "results.csv"):
        assert str(out / name) in captured.err
        assert Path(out / name).is_file()
    assert main(["report", SCENARIOS[0], "--draws", "20", "--out", str(out)]) == 2


# -- user text in brief.md is inert (issue 17, class 5) ------------------------------------
HOSTILE = (
    "<script>alert(1)</script> [click](javascript:alert(1)) ![p](http://evil.example/p.png) "
    "<img src=x onerror=alert(1)> `code` a|b"
)


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_markdown_escapes_description_and_source(lang):
    from shutdown_sim.scenario import load_scenario, scenario_from_dict

    data = load_scenario(SCENARIOS[0]).model_dump(mode="json")
    data.update(description=HOSTILE, source=HOSTILE)
    data.pop("description_zh", None)
    brief = build_brief(scenario_from_dict(data), draws=4, seed=0, lang=lang)
    md = brief.markdown()
    for raw in ("<script", "<img", "![p]", "[click]", "`code`"):
        assert raw not in md, raw
    assert not re.search(r"(?<!\\)\]\(javascript:", md)  # no live javascript: link
    assert "a\\|b" in md  # still one table-safe line
    assert "<script>alert" not in brief.html()
