"""Chinese for Hong Kong readers (issue 14 item 6): one glossary for the app and the brief, no
avoided variant anywhere, and no English word or internal ID on a Chinese brief except proper
names from the glossary's allow-list."""

from __future__ import annotations

from dataclasses import replace

import pytest
import yaml

from shutdown_sim import load_scenario, simulate
from shutdown_sim.events import REGISTRY
from shutdown_sim.paths import SCENARIOS_DIR
from shutdown_sim.report.appendix import assumptions_html
from shutdown_sim.report.brief import build_brief
from shutdown_sim.report.card import card_texts
from shutdown_sim.report.glossary import (
    avoided_in,
    chinese_page_text,
    english_words,
    glossary,
    status_label,
    term,
)
from shutdown_sim.report.messages import Messages, load_catalogue
from shutdown_sim.scenario import list_scenarios


def _zh_texts():
    """Every Chinese text the app and the brief are made of: catalogue, event kinds, scenarios."""
    for key, value in load_catalogue("zh-Hant").items():
        yield f"catalogue {key}", value
    for kind, spec in REGISTRY.items():
        yield f"event {kind} label", spec.label["zh-Hant"]
        if spec.phrase:
            yield f"event {kind} phrase", spec.phrase["zh-Hant"]
        for name, choice in spec.choices.items():
            yield f"event {kind}.{name}", choice.label["zh-Hant"]
            if choice.phrase:
                yield f"event {kind}.{name} phrase", choice.phrase["zh-Hant"]
    for path in sorted(SCENARIOS_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("description_zh"):
            yield f"scenario {path.name}", data["description_zh"]


def test_no_avoided_variant_in_any_chinese_text():
    found = [(where, *hit) for where, text in _zh_texts() for hit in avoided_in(text)]
    assert not found, found[:10]


def test_glossary_terms_are_the_ones_app_and_brief_use():
    zh = load_catalogue("zh-Hant")
    assert term("scenario", "zh-Hant") == zh["scenario_heading"] == zh["app.scenario"]
    assert term("median", "zh-Hant") == zh["headline_table_central"]  # the headline is the median
    assert (
        term("draws", "zh-Hant") in zh["app.draws"] and term("draws", "zh-Hant") in zh["prov_draws"]
    )
    assert term("lognormal", "zh-Hant") == zh["dist.lognormal"]
    full = REGISTRY["shutdown"].choices["full"]
    assert full.label["zh-Hant"] == full.phrase["zh-Hant"] == term("full_shutdown", "zh-Hant")
    assert status_label("ASSUMPTION", "zh-Hant") == term("status_assumption", "zh-Hant")
    assert status_label("VERIFIED", "en") == "VERIFIED"
    assert all(t.reason for t in glossary().values())  # every choice says why


def test_money_is_the_same_figure_in_both_languages():
    en, zh = Messages.for_lang("en"), Messages.for_lang("zh-Hant")
    assert (en.money(74.47e6), zh.money(74.47e6)) == ("USD 74.5 million", "7,450萬美元")
    assert (en.money(191.46e6), zh.money(191.46e6)) == ("USD 191 million", "1.91億美元")


@pytest.fixture(scope="module")
def base_brief():
    return build_brief("hk-2019-app-block-escalation", draws=40, seed=0, lang="zh-Hant")


@pytest.mark.parametrize("name", list_scenarios())
def test_chinese_brief_has_no_english_word_or_internal_id(base_brief, name):
    """Every bundled scenario: the brief, its appendix and the card read as Chinese."""
    result = simulate(load_scenario(name), draws=20, seed=0)
    brief = replace(base_brief, result=result)
    text = chinese_page_text(brief.html())
    assert not english_words(text), sorted(set(english_words(text)))
    assert not avoided_in(text), avoided_in(text)[:5]
    card = " ".join(v for k, v in card_texts(brief).items() if k not in ("lang", "project"))
    assert not english_words(card), english_words(card)
    # the appendix: labels and statuses in Chinese; cited sources keep their own language
    appendix = assumptions_html(brief)
    assert "假設（專家判斷）" in appendix and ">ASSUMPTION<" not in appendix
