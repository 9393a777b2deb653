"""Explorer page: headline, published methods, fan chart, sectors, availability, Sankey."""

from __future__ import annotations

import streamlit as st

from ...report import charts
from ...report.brief_html import kind_words, scenario_event_lines
from ...report.citations import reader_text
from .. import measured, runs, tables
from ..text import choice_label, error_text, plain
from ..view import View, headline_block, show


def render(v: View) -> None:
    result, lang = v.result, v.lang
    left, right = st.columns([1.05, 1])
    with left:
        headline_block(v)
        spill = float(result.central.get("spillover_usd", 0.0))
        st.caption(v.T("not_in_headline", spill=v.money(spill)))
    with right:
        show(charts.baselines_figure(result, lang, height=330), "fig_baselines")
        st.caption(v.T("baselines_caption", kind=kind_words(result.baseline_kind, v.msgs)))
    labels = ", ".join(charts.baseline_label(m, lang) for m in result.baselines)
    with st.expander(v.T("source") + " — " + labels):
        for method, info in result.baselines.items():
            label = charts.baseline_label(method, lang)
            if lang != "en":  # the methods' own notes are English: show their wording instead
                st.markdown(f"- **{label}**: {v.msgs.get(f'baseline.{method}.why', '')}")
                continue
            detail = f"n/a: {info['error']}" if info.get("error") else charts.baseline_source(info)
            st.markdown(f"- **{label}**: {plain(reader_text(detail))}")
        for note in result.notes if lang == "en" else ():
            st.markdown(f"- {plain(reader_text(note))}")
    with st.expander(v.msgs.t("method_heading")):  # the model's rules in plain words (the brief's)
        for key in ("method_model", "limit_dependence", "limit_range"):
            st.markdown(plain(v.msgs.t(key)))
    a, b = st.columns(2)
    with a:
        show(charts.fan_figure(result, lang), "fig_fan")
    with b:
        show(charts.sectors_figure(result, lang, height=380), "fig_sectors")
    a, b = st.columns([1.4, 1])
    with a:
        show(charts.availability_figure(result, lang), "fig_availability")
    with b:
        st.markdown(f"**{v.T('event_log')}**")
        if lang != "en":  # the log's details are English: the scenario's events in words
            for line in scenario_event_lines(result.scenario_definition, v.msgs):
                st.markdown(f"- {line}")
        else:
            events = result.events.rename(
                columns={"time_h": v.T("time_h"), "kind": v.T("kind"), "detail": v.T("detail")}
            )
            st.dataframe(events, hide_index=True, height=340, width="stretch")
    show(charts.sankey_figure(v.flows(), lang), "fig_sankey")
    st.caption(v.T("sankey_caption"))
    measured.section(v)
    any_country_panel(v)


def any_country_panel(v: View) -> None:
    """Campaigners elsewhere: the published methods for any country (no structural model)."""
    with st.expander(v.T("any_country_title")):
        st.caption(v.T("any_country_caption"))
        countries = runs.country_choices()
        codes = list(countries)
        c1, c2, c3 = st.columns([2, 1, 1])
        iso3 = c1.selectbox(
            v.T("country"),
            codes,
            index=codes.index(v.result.region) if v.result.region in codes else 0,
            format_func=lambda c: f"{countries[c]} ({c})",
            key="any_country",
        )
        latest = tables.latest_year(iso3)
        year = c2.number_input(v.T("year"), 1960, latest, latest, key="any_year")
        kind = c3.selectbox(
            v.T("any_kind"),
            ["full", "mobile"],
            format_func=lambda k: choice_label(k, v.lang),
            key="any_kind",
        )
        try:
            frame = tables.baselines_for_country(iso3, int(year), float(v.duration_days), kind)
        except Exception as exc:  # a year without data etc.: one line, never a traceback
            st.error(plain(error_text(exc)))
            return
        frame["method"] = [charts.baseline_label(m, v.lang) for m in frame["method"]]
        for column in ("cost_usd", "cost_usd_per_day"):
            frame[column] = [v.money(x) for x in frame[column]]
        frame = frame.rename(
            columns={
                "method": v.msgs.t("baselines_col_method"),
                "cost_usd": v.msgs.t("baselines_col_total"),
                "cost_usd_per_day": v.msgs.t("baselines_col_day"),
                "note": v.msgs.t("baselines_col_why"),
            }
        )
        if v.lang != "en":  # the methods' notes are English text
            frame = frame.drop(columns=[v.msgs.t("baselines_col_why")], errors="ignore")
        st.dataframe(frame, hide_index=True, width="stretch")
