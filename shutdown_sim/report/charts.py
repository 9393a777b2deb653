"""Plotly figures of the Streamlit app, also exported as PNG with a run (``export_png``).

The brief's printed page has its own A4-sized figures (``figures.py``). Texts are the ``app.*``
keys of the shared catalogue; amounts use its short money format.

Every builder takes a :class:`~shutdown_sim.result.Result` (or plain tables derived from the
public API) and a language code, and returns a ``plotly.graph_objects.Figure`` with large fonts
for a projector. No model logic: the numbers are the Result's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .brands import brand
from .messages import Messages
from .messages import money_from_usd as money


def msgs(lang: str) -> Messages:
    return Messages.for_lang(lang)


def text(key: str, lang: str) -> str:
    """The app's text ``key`` (catalogue key ``app.<key>``) in ``lang``."""
    return msgs(lang).t(f"app.{key}")


FONT_SIZE = 17
COLORS = {
    "model": "#c0392b",
    "baseline": "#7f8c8d",
    "direct": "#c0392b",
    "indirect": "#e67e22",
    "recaptured": "#27ae60",
    "band": "rgba(192,57,43,0.22)",
    "line": "#c0392b",
    "low": "#2980b9",
    "high": "#c0392b",
}
SERVICE_COLORS = (
    "#c0392b",
    "#2980b9",
    "#8e44ad",
    "#16a085",
    "#d35400",
    "#2c3e50",
    "#f39c12",
    "#7f8c8d",
    "#27ae60",
    "#e84393",
    "#6c5ce7",
    "#00b894",
)


def _layout(fig: go.Figure, title: str, height: int, **extra: Any) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": FONT_SIZE + 5}, "x": 0, "xanchor": "left"},
        font={"size": FONT_SIZE},
        height=height,
        margin={"l": 10, "r": 10, "t": 56, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1, "xanchor": "right"},
        **extra,
    )
    return fig


def money_scale(max_usd: float, lang: str) -> tuple[float, str]:
    """(divisor, unit label) so axis numbers stay short: USD bn / USD M / 億美元."""
    max_usd = abs(float(max_usd)) if np.isfinite(max_usd) else 0.0
    return msgs(lang).scale_for(max_usd, "USD", short=True)


def baseline_label(method: str, lang: str = "en") -> str:
    """Short label of a published method (from the catalogue)."""
    return msgs(lang).baseline_label(method)


def baseline_source(info: Mapping[str, Any]) -> str:
    """Where a baseline's formula and numbers come from (its method version)."""
    for key in ("method_version", "source", "version", "label"):
        if info.get(key):
            return str(info[key])
    return str(info.get("method", ""))


def baselines_figure(result: Any, lang: str = "en", height: int = 340) -> go.Figure:
    """Horizontal bars: the model's net loss (with p5–p95) beside every published method."""
    head = result.headline()
    names = [text("model", lang)]
    values = [head["p50"]]  # the median is the headline
    lows, highs = [head["p50"] - head["p5"]], [head["p95"] - head["p50"]]
    sources = [f"{result.draws} draws, seed {result.seed}"]
    colors = [COLORS["model"]]
    for method, info in result.baselines.items():
        value = float(np.nan if info.get("cost_usd") is None else info["cost_usd"])
        # a method that cannot price the scenario says so instead of showing an empty bar
        names.append(baseline_label(method, lang) + ("" if np.isfinite(value) else " — n/a"))
        values.append(value)
        lows.append(0.0)
        highs.append(0.0)
        sources.append(baseline_source(info))
        colors.append(COLORS["baseline"])
    scale, unit = money_scale(max([v for v in values if np.isfinite(v)] + [head["p95"], 1.0]), lang)
    local = [money(v, result.currency, result.local_per_usd, lang) for v in values]
    fig = go.Figure(
        go.Bar(
            y=names[::-1],
            x=[v / scale for v in values][::-1],
            orientation="h",
            marker_color=colors[::-1],
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [h / scale for h in highs][::-1],
                "arrayminus": [lo / scale for lo in lows][::-1],
                "thickness": 3,
                "width": 10,
            },
            customdata=np.stack(
                [[money(v, "USD", 1, lang) for v in values][::-1], local[::-1], sources[::-1]],
                axis=1,
            ),
            hovertemplate="%{y}: %{customdata[0]} (%{customdata[1]})<br>%{customdata[2]}"
            "<extra></extra>",
        )
    )
    # Value labels just beyond the bar or its whisker, so they never sit on the error bar.
    ends = [(v + h) / scale if np.isfinite(v) else 0.0 for v, h in zip(values, highs)]
    fig.add_trace(
        go.Scatter(
            y=names[::-1],
            x=ends[::-1],
            mode="text",
            textposition="middle right",
            text=["  " + money(v, "USD", 1, lang) for v in values][::-1],
            textfont={"size": FONT_SIZE + 1},
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    fig.update_xaxes(title_text=unit, range=[0, max(ends + [1e-9]) * 1.5])
    fig.update_yaxes(automargin=True)
    return _layout(fig, text("baselines_title", lang), height, showlegend=False)


def fan_figure(result: Any, lang: str = "en", height: int = 380) -> go.Figure:
    """Cumulative net GDP loss per day: mean line inside the p5–p95 band."""
    tl = result.timeline
    fig = go.Figure()
    if len(tl):
        scale, unit = money_scale(float(tl["cumulative_gdp_loss_usd_p95"].max()), lang)
        day = tl["day"].to_numpy()
        fig.add_trace(
            go.Scatter(
                x=day,
                y=tl["cumulative_gdp_loss_usd_p95"] / scale,
                line={"width": 0},
                showlegend=False,
                hoverinfo="skip",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=day,
                y=tl["cumulative_gdp_loss_usd_p5"] / scale,
                fill="tonexty",
                fillcolor=COLORS["band"],
                line={"width": 0},
                name=text("fan_band", lang),
                hoverinfo="skip",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=day,
                y=tl["cumulative_gdp_loss_usd_mean"] / scale,
                line={"color": COLORS["line"], "width": 4},
                name=text("fan_mean", lang),
            )
        )
        fig.add_vline(x=result.duration_days, line_dash="dot", line_color="#555")
        fig.update_yaxes(title_text=unit, rangemode="tozero")
    fig.update_xaxes(title_text=text("day", lang))
    return _layout(fig, text("fan_title", lang), height, hovermode="x unified")


def sectors_figure(result: Any, lang: str = "en", top: int = 12, height: int = 460) -> go.Figure:
    """Stacked bars per sector: direct and indirect losses up, recaptured output down."""
    frame = result.by_sector.sort_values("gross_loss_usd_mean", ascending=False).head(top)
    frame = frame.iloc[::-1]
    scale, unit = money_scale(float(frame["gross_loss_usd_mean"].max()) if len(frame) else 0, lang)
    labels = [_short(sector_label(c, n, lang)) for c, n in zip(frame.index, frame["name"])]
    fig = go.Figure()
    for column, key, sign in (
        ("direct_loss_usd_mean", "direct", 1),
        ("indirect_loss_usd_mean", "indirect", 1),
        ("recaptured_usd_mean", "recaptured", -1),
    ):
        fig.add_trace(
            go.Bar(
                y=labels,
                x=sign * frame[column] / scale,
                orientation="h",
                name=msgs(lang).t(f"cascade_{key}"),  # the brief's words for the same split
                marker_color=COLORS[key],
                hovertemplate="%{y}: %{x:.3g} " + unit + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="relative")
    fig.update_xaxes(title_text=unit)
    fig.update_yaxes(automargin=True)
    return _layout(fig, text("sectors_title", lang), height)


SERVICE_LABELS = {
    "en": {
        "domestic": "Domestic web & services",
        "international": "International web & services",
        "cloud": "Hosted in local data centres",
        "payments": "Payments & financial networks",
        "access_fixed": "Fixed broadband access",
        "access_mobile": "Mobile data access",
    },
    "zh-Hant": {
        "domestic": "本地網站及服務",
        "international": "境外網站及服務",
        "cloud": "本地數據中心託管服務",
        "payments": "支付及金融網絡",
        "access_fixed": "固網寬頻接入",
        "access_mobile": "流動數據接入",
    },
}


def service_label(name: str, lang: str) -> str:
    """Readable service name (apps keep their brand names)."""
    if name.startswith("app:"):
        app = name[4:]
        return brand(app)
    return SERVICE_LABELS.get(lang, SERVICE_LABELS["en"]).get(name, name)


def sector_label(code: str, name: str, lang: str) -> str:
    """A sector's name in ``lang`` (the brief's catalogue), falling back to the data's name."""
    return name if lang == "en" else msgs(lang).sector(code, name)


def _short(name: str, width: int = 34) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def availability_figure(result: Any, lang: str = "en", height: int = 380) -> go.Figure:
    """Availability of each service and of fixed/mobile access over the central timeline."""
    av = result.availability
    fig = go.Figure()
    hours = av["hour"].to_numpy()
    # Show the disrupted period and a short tail, not a year of flat lines.
    changing = [c for c in av.columns if c != "hour" and av[c].min() < 0.999]
    end = hours[-1] if len(hours) else 0
    if len(hours):
        moving = np.zeros(len(av), bool)
        for c in changing:
            moving |= av[c].to_numpy() < 0.999
        if moving.any():
            end = min(
                hours[-1],
                hours[np.flatnonzero(moving)[-1]]
                + max(24.0, 0.25 * hours[np.flatnonzero(moving)[-1]]),
            )
    shown = av[av["hour"] <= end]
    columns = changing or [c for c in av.columns if c != "hour"][:6]
    for k, column in enumerate(columns):
        fig.add_trace(
            go.Scatter(
                x=shown["hour"],
                y=shown[column],
                mode="lines",
                line={"shape": "hv", "width": 3, "color": SERVICE_COLORS[k % len(SERVICE_COLORS)]},
                name=service_label(column, lang),
            )
        )
    fig.update_yaxes(title_text=text("availability", lang), range=[-0.03, 1.05], tickformat=".0%")
    fig.update_xaxes(title_text=text("time_h", lang))
    return _layout(fig, text("timeline_title", lang), height, hovermode="x unified")


def sankey_figure(
    flows: pd.DataFrame, lang: str = "en", top_sectors: int = 12, height: int = 520
) -> go.Figure:
    """Services → sectors, link width = value added per day that runs through the service."""
    fig = go.Figure()
    if len(flows):
        totals = (
            flows.groupby("sector_name")["value_usd_per_day"].sum().sort_values(ascending=False)
        )
        keep = set(totals.index[:top_sectors])
        frame = flows[flows["sector_name"].isin(keep)]
        services = list(dict.fromkeys(frame["service"]))
        sectors = [s for s in totals.index if s in keep]
        code_of = dict(zip(flows["sector_name"], flows["sector"]))
        labels = [service_label(x, lang) for x in services] + [
            _short(sector_label(code_of[s], s, lang), 30) for s in sectors
        ]
        index = {name: i for i, name in enumerate(services)}
        index.update({name: len(services) + j for j, name in enumerate(sectors)})
        scale, unit = money_scale(float(frame["value_usd_per_day"].max()), lang)
        colors = [SERVICE_COLORS[i % len(SERVICE_COLORS)] for i in range(len(services))]
        link_colors = [_rgba(colors[index[s]], 0.35) for s in frame["service"]]
        fig.add_trace(
            go.Sankey(
                arrangement="snap",
                node={
                    "label": labels,
                    "pad": 12,
                    "thickness": 18,
                    "color": colors + ["#95a5a6"] * len(sectors),
                },
                link={
                    "source": [index[s] for s in frame["service"]],
                    "target": [index[s] for s in frame["sector_name"]],
                    "value": (frame["value_usd_per_day"] / scale).tolist(),
                    "color": link_colors,
                    "hovertemplate": "%{source.label} → %{target.label}: %{value:.3g} "
                    + unit
                    + "/"
                    + text("day", lang)
                    + "<extra></extra>",
                },
            )
        )
    return _layout(fig, text("sankey_title", lang), height)


def _rgba(hex_color: str, alpha: float) -> str:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _parameter_label(name: str, unit: str, lang: str) -> str:
    """Economists read the exact parameter key in English; other languages get words."""
    if lang == "en":
        return f"{name} ({unit})" if unit else name
    prefix = name.rpartition(".")[0]
    return msgs(lang).parameter(name, {prefix: prefix} if prefix else {})


def tornado_figure(
    central_usd: float,
    rows: Sequence[Mapping[str, Any]],
    lang: str = "en",
    top: int = 12,
    height: int = 520,
) -> go.Figure:
    """Tornado: loss with each parameter at its p5 and p95, bars centred on the central loss."""
    rows = list(rows)[:top][::-1]
    values = (
        [central_usd] + [r["loss_at_low_usd"] for r in rows] + [r["loss_at_high_usd"] for r in rows]
    )
    scale, unit = money_scale(max(abs(v) for v in values) if values else 0.0, lang)
    names = [_parameter_label(r["parameter"], r.get("unit", ""), lang) for r in rows]
    fig = go.Figure()
    for key, column, value_col in (
        ("tornado_low", "loss_at_low_usd", "value_low"),
        ("tornado_high", "loss_at_high_usd", "value_high"),
    ):
        fig.add_trace(
            go.Bar(
                y=names,
                x=[(r[column] - central_usd) / scale for r in rows],
                base=central_usd / scale,
                orientation="h",
                name=text(key, lang),
                marker_color=COLORS["low" if key == "tornado_low" else "high"],
                customdata=[
                    [r[value_col], r.get("status", ""), str(r.get("source", ""))[:80]] for r in rows
                ],
                hovertemplate="%{y}<br>value %{customdata[0]:.4g} → %{x:.3g} "
                + unit
                + "<br>%{customdata[1]} · %{customdata[2]}<extra></extra>",
            )
        )
    fig.add_vline(x=central_usd / scale, line_color="#333", line_width=2)
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(title_text=unit)
    fig.update_yaxes(automargin=True)
    return _layout(fig, text("tornado_title", lang), height)
