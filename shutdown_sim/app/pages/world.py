"""World map page: the cost of a one-day full shutdown in every economy with data (choropleth),
the model's median beside a published method the user picks; computed once, cached."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ...report import charts
from ..view import View, show

MAP_DRAWS = 1000
MAP_SEED = 0
MODEL = "model"


@st.cache_data(show_spinner=False, max_entries=2)
def world_data(draws: int, seed: int) -> pd.DataFrame:
    """Every economy's one-day full-shutdown cost (shutdown_sim.worldmap), cached per server."""
    from ...worldmap import world_table

    bar = st.progress(0.0)

    def progress(done: int, total: int) -> None:
        bar.progress(done / total)

    frame = world_table(draws, seed, workers=2, progress=progress)
    bar.empty()
    return frame


def figure(frame: pd.DataFrame, column: str, title: str, v: View) -> go.Figure:
    """Choropleth on a log10 colour scale (costs span six orders of magnitude)."""
    data = frame[pd.to_numeric(frame[column], errors="coerce") > 0].copy()
    values = data[column].astype(float)
    ticks = [10.0**k for k in range(4, 12)]
    fig = go.Figure(
        go.Choropleth(
            locations=data["iso3"],
            z=[math.log10(x) for x in values],
            text=[f"{n}: {v.money(x)}" for n, x in zip(data["name"], values, strict=True)],
            hoverinfo="text",
            colorscale="Reds",
            zmin=4,
            zmax=11,
            colorbar={
                "tickvals": [math.log10(t) for t in ticks],
                "ticktext": [v.money(t) for t in ticks],
                "title": {"text": ""},
            },
        )
    )
    fig.update_layout(
        title=title,
        height=520,
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
        geo={"showframe": False, "projection_type": "natural earth"},
    )
    return fig


def render(v: View) -> None:
    st.markdown(f"### {v.T('world_title')}")
    from ...country_run import country_codes

    n = len(country_codes("all"))
    with st.spinner(v.T("world_running", n=n)):
        frame = world_data(MAP_DRAWS, MAP_SEED)
    from ...baselines import METHODS

    methods = [c for c in frame.columns if c in METHODS]
    options = [MODEL, *methods]
    pick = st.radio(
        v.T("world_metric"),
        options,
        horizontal=True,
        key="world_metric",
        format_func=lambda m: (
            v.T("world_model") if m == MODEL else charts.baseline_label(m, v.lang)
        ),
    )
    column = "p50" if pick == MODEL else pick
    label = v.T("world_model") if pick == MODEL else charts.baseline_label(pick, v.lang)
    show(figure(frame, column, label, v), "fig_world")
    st.caption(v.T("world_caption", n=n, draws=MAP_DRAWS, seed=MAP_SEED))
    with st.expander(v.T("world_table")):
        table = frame[["iso3", "name", "region_tier", "p5", "p50", "p95", *methods]].copy()
        for c in ("p5", "p50", "p95", *methods):
            table[c] = [v.money(x) if pd.notna(x) else "n/a" for x in table[c]]
        st.dataframe(table, hide_index=True, width="stretch")
