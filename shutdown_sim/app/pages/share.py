"""Share & download page: the link that reproduces the view, result files and charts."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from ...report import charts, render_brief_html
from .. import state, tables
from ..session import SS
from ..view import View, headline_block


def render(v: View) -> None:
    headline_block(v)
    st.markdown(f"### {v.T('share_title')}")
    query = urlencode(state.share_query(v.choice, v.duration_days, v.lang, v.draws))
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
    figures = {
        "baselines": lambda: charts.baselines_figure(result, lang),
        "fan": lambda: charts.fan_figure(result, lang),
        "sectors": lambda: charts.sectors_figure(result, lang),
        "availability": lambda: charts.availability_figure(result, lang),
        "sankey": lambda: charts.sankey_figure(v.flows(), lang),
    }
    png = tables.png_export_available()
    if not png:
        st.caption(v.T("no_png"))
    for col, (name, build) in zip(st.columns(len(figures)), figures.items()):
        if png:
            data, ext, kind = (
                (lambda b=build: b().to_image(format="png", scale=2)),
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
            v.T("dl_chart", name=name) + f" ({ext.upper()})",
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
