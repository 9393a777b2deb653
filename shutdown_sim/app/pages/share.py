"""Share & download page: the link that reproduces the view, result files and charts."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from ...report import charts, publish, render_brief_html
from ...report.brief import brief_from_result
from ...report.export_png import figure_png
from .. import state, tables
from ..session import SS
from ..view import View, headline_block

CHART_TITLES = {
    "baselines": "baselines_title",
    "fan": "fan_title",
    "sectors": "sectors_title",
    "availability": "timeline_title",
    "sankey": "sankey_title",
}


def render(v: View) -> None:
    headline_block(v)
    st.markdown(f"### {v.T('share_title')}")
    from ..country import active_country

    query = urlencode(
        state.share_query(v.choice, v.duration_days, v.lang, v.draws, active_country())
    )
    base_url = str(getattr(st.context, "url", "") or "").split("?")[0]
    st.markdown(v.T("share_link"))
    st.code(f"{base_url}?{query}", language=None)
    if v.choice in SS.get("uploaded", {}):
        st.warning(v.T("share_uploaded"))
    st.markdown(f"### {v.T('downloads')}")
    result, lang = v.result, v.lang
    stem = f"{result.scenario_name}_{result.duration_days:g}d"
    files = (
        ("dl_summary", lambda: tables.csv_bytes(result.summary(), result), "_summary.csv"),
        ("dl_sectors", lambda: tables.csv_bytes(result.by_sector, result), "_by_sector.csv"),
        (
            "dl_timeline",
            lambda: tables.csv_bytes(result.timeline, result, index=False),
            "_timeline.csv",
        ),
        ("dl_json", lambda: tables.result_json(result), ".json"),
        ("dl_brief", lambda: brief_bytes(v), f"_brief_{lang}.html"),
    )
    mime = {".csv": "text/csv", ".json": "application/json", "html": "text/html"}
    for col, (key, data, suffix) in zip(st.columns(len(files)), files):
        col.download_button(
            v.T(key),
            data,
            stem + suffix,
            next(m for end, m in mime.items() if suffix.endswith(end)),
            key=key,
            on_click="ignore",
        )
    browser = tables.browser_for_export()
    if browser:  # the same PDF and card as `shutdown-sim report`, provenance inside
        made = (
            ("dl_pdf", lambda: publish.brief_pdf_bytes(brief_of(v), browser), f"_brief_{lang}.pdf",
             "application/pdf"),
            ("dl_card", lambda: publish.card_png_bytes(brief_of(v), browser), f"_card_{lang}.png",
             "image/png"),
        )  # fmt: skip
        for col, (key, data, suffix, kind) in zip(st.columns(4), made):
            col.download_button(v.T(key), data, stem + suffix, kind, key=key, on_click="ignore")
    figures = {
        "baselines": lambda: charts.baselines_figure(result, lang),
        "fan": lambda: charts.fan_figure(result, lang),
        "sectors": lambda: charts.sectors_figure(result, lang),
        "availability": lambda: charts.availability_figure(result, lang),
        "sankey": lambda: charts.sankey_figure(v.flows(), lang),
    }
    if not browser:
        st.caption(v.T("no_png", hint=v.msgs.t("no_browser_hint")))
    for col, (name, build) in zip(st.columns(len(figures)), figures.items()):
        if browser:
            data, ext, kind = (
                (lambda b=build: figure_png(b(), result, browser)),
                "png",
                "image/png",
            )
        else:
            data, ext, kind = (
                (lambda b=build: b().to_html(include_plotlyjs=True)),
                "html",
                "text/html",
            )
        col.download_button(
            v.T("dl_chart", name=v.T(CHART_TITLES[name])) + f" ({ext.upper()})",
            data,
            f"{stem}_{name}.{ext}",
            kind,
            key=f"dl_{ext}_{name}",
            on_click="ignore",
        )
    with st.expander(v.T("provenance")):
        st.json(result.provenance)


def brief_bytes(v: View) -> bytes:
    """The self-contained HTML brief of this view, in the page's language."""
    params = v.context().space.params
    return render_brief_html(v.result, v.tornado(), lang=v.lang, params=params).encode("utf-8")


def brief_of(v: View):
    """The brief of this view (result, tornado, parameters) in the page's language."""
    return brief_from_result(v.result, v.tornado(), v.lang, params=v.context().space.params)
