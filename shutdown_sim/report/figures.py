"""Plotly figures of the brief: the loss cascade by sector and the tornado of the top drivers.

Pure functions: data and a :class:`~shutdown_sim.report.messages.Messages` in, a figure out.
Sized for an A4 page (about 680 px wide) so the printed brief needs no rescaling.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from .messages import Messages

PAGE_WIDTH_PX = 680
COLORS = {
    "direct": "#1f4e79",
    "indirect": "#6fa8dc",
    "recaptured": "#93c47d",
    "low": "#6fa8dc",
    "high": "#1f4e79",
}
FONT = (
    "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK TC', 'PingFang HK', "
    "'Microsoft JhengHei', sans-serif"
)


def top_sectors(by_sector: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` sectors with the largest gross loss (mean over draws), largest first."""
    return by_sector.sort_values("gross_loss_usd_mean", ascending=False).head(n)


def _layout(fig: go.Figure, height: int, x_title: str) -> go.Figure:
    fig.update_layout(
        width=PAGE_WIDTH_PX,
        height=height,
        barmode="relative",
        template="simple_white",
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        font={"family": FONT, "size": 11},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        xaxis_title=x_title,
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


def cascade_figure(by_sector: pd.DataFrame, msgs: Messages, n: int = 10) -> go.Figure:
    """Direct, indirect (supply chain) and recaptured (negative) loss by sector, stacked bars."""
    top = top_sectors(by_sector, n)
    factor, unit = msgs.scale_for(float(top["gross_loss_usd_mean"].max() or 0.0))
    labels = [msgs.sector(code, name) for code, name in zip(top.index, top["name"])]
    fig = go.Figure()
    for key, column, sign in (
        ("direct", "direct_loss_usd_mean", 1.0),
        ("indirect", "indirect_loss_usd_mean", 1.0),
        ("recaptured", "recaptured_usd_mean", -1.0),
    ):
        fig.add_bar(
            y=labels,
            x=sign * top[column].to_numpy() / factor,
            orientation="h",
            name=msgs.t(f"cascade_{key}"),
            marker_color=COLORS[key],
        )
    return _layout(fig, 120 + 26 * len(top), msgs.t("cascade_axis", unit=unit))


def drivers_figure(
    rows: Sequence[dict], central_usd: float, msgs: Messages, param_label
) -> go.Figure:
    """Tornado: net loss with each driver at its p5 and p95 value, around the central loss."""
    biggest = max([central_usd] + [max(r["loss_at_low_usd"], r["loss_at_high_usd"]) for r in rows])
    factor, unit = msgs.scale_for(biggest)
    labels = [param_label(r["parameter"]) for r in rows]
    base = central_usd / factor
    fig = go.Figure()
    for key, column in (("low", "loss_at_low_usd"), ("high", "loss_at_high_usd")):
        delta = [r[column] / factor - base for r in rows]
        fig.add_bar(
            y=labels,
            x=delta,
            base=base,
            orientation="h",
            marker_color=COLORS[key],
            name=msgs.t(f"drivers_col_{key}"),
        )
    fig.add_vline(x=base, line_color="#444", line_dash="dot")
    fig = _layout(fig, 120 + 30 * len(rows), msgs.t("drivers_axis", unit=unit))
    fig.update_layout(barmode="overlay")
    return fig


def figure_html(fig: go.Figure, *, first: bool) -> str:
    """A ``<div>`` for the figure; plotly.js is inlined with the first figure only (no CDN)."""
    return fig.to_html(
        full_html=False,
        include_plotlyjs="inline" if first else False,
        config={"displayModeBar": False, "responsive": False},
    )
