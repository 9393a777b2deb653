"""Hindcast page: the model and the published methods on real shutdowns (scenarios/events/),
beside the costs others published for the same events (``shutdown_sim.hindcast``)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ...baselines import METHODS
from ...report.glossary import status_label
from ..text import plain
from ..view import PLOT_CONFIG, View

# One table for every visitor: a fixed, modest number of draws keeps the first visit short
# (about half a minute for every event); the CLI runs the full count.
DRAWS, SEED = 200, 0


@st.cache_data(show_spinner=False, max_entries=2)
def hindcast_table(draws: int = DRAWS, seed: int = SEED) -> dict[str, Any]:
    """``run_hindcast(...).to_dict()``, cached per process."""
    from ...hindcast import run_hindcast

    return run_hindcast(draws=draws, seed=seed).to_dict()


def table_frame(data: dict[str, Any], v: View) -> pd.DataFrame:
    """One row per published figure, money as text, ratios as numbers."""
    rows = []
    for r in data["rows"]:
        m = r["model_usd"]
        row = {
            v.T("hindcast_col_event"): r["event_id"],
            v.T("hindcast_col_country"): r["country"],
            v.T("hindcast_col_start"): r["start"] or "—",
            v.T("hindcast_col_estimator"): r["estimator"],
            v.T("hindcast_col_published"): v.money(r["published_usd"]),
            v.T("hindcast_col_model"): v.money(m["p50"]),
            v.T("hindcast_col_range"): f"{v.money(m['p5'])} – {v.money(m['p95'])}",
            v.T("hindcast_col_ratio"): r["ratio_model_to_published"],
        }
        for method in METHODS:
            ratio = r["ratio_baseline_to_published"].get(method)
            row[v.msgs.baseline_label(method)] = math.nan if ratio is None else ratio
        row[v.T("hindcast_col_scope")] = r["scope"]
        row[v.T("hindcast_col_status")] = status_label(r["status"], v.lang)
        row[v.T("hindcast_col_source")] = r["source"]
        rows.append(row)
    return pd.DataFrame(rows)


def scatter(data: dict[str, Any], v: View) -> go.Figure:
    """Published figure against the model's median (log-log), with the p5-p95 range and 1:1."""
    rows = data["rows"]
    x = [r["published_usd"] for r in rows]
    y = [r["model_usd"]["p50"] for r in rows]
    fig = go.Figure(
        go.Scatter(
            x=x,
            y=y,
            mode="markers",
            name=v.T("hindcast_col_model"),
            text=[f"{r['event_id']} · {r['estimator']}" for r in rows],
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [r["model_usd"]["p95"] - r["model_usd"]["p50"] for r in rows],
                "arrayminus": [r["model_usd"]["p50"] - r["model_usd"]["p5"] for r in rows],
            },
        )
    )
    if x:
        lo, hi = min(x + y) / 2, max(x + y) * 2
        fig.add_trace(
            go.Scatter(x=[lo, hi], y=[lo, hi], mode="lines", name="1:1", line={"dash": "dot"})
        )
    fig.update_xaxes(type="log", title=v.T("hindcast_col_published"))
    fig.update_yaxes(type="log", title=v.T("hindcast_col_model"))
    fig.update_layout(height=460, margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return fig


def render(v: View) -> None:
    st.markdown(f"### {v.T('hindcast_title')}")
    st.caption(v.T("hindcast_caption", draws=DRAWS))
    with st.spinner(v.T("hindcast_running")):
        data = hindcast_table()
    s = data["summary"]
    if s.get("figures"):
        st.markdown(
            v.T(
                "hindcast_summary",
                figures=s["figures"],
                events=s["events"],
                median=f"{s['median_ratio_model_to_published']:.2g}",
                x2=s["within_factor_2"],
                x10=s["within_factor_10"],
                inside=s["published_within_model_range"],
            )
        )
    frame = table_frame(data, v)
    ratio_columns = [v.T("hindcast_col_ratio")] + [v.msgs.baseline_label(m) for m in METHODS]
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            **{c: st.column_config.NumberColumn(c, format="%.2g") for c in ratio_columns},
            v.T("hindcast_col_source"): st.column_config.LinkColumn(v.T("hindcast_col_source")),
        },
    )
    st.plotly_chart(scatter(data, v), config=PLOT_CONFIG, key="hindcast_scatter", width="stretch")
    st.caption(v.T("hindcast_limits"))
    for name, line in data["failed"].items():
        st.warning(v.T("hindcast_failed", name=plain(name), error=plain(line)))
