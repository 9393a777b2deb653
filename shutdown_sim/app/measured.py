"""A measured connectivity curve as the scenario (issue 16 item 1, app side).

The upload is the layout ``shutdown-sim run --country ISO3 --measured FILE`` reads; it is
written to a temporary folder (with an optional uploaded ``series_baselines.csv`` beside it) and
read by the same library calls as the CLI, so the file's country, the signal choice, the normal
level and every refusal are the CLI's. The scenario joins the session's uploaded scenarios (the
run is cached like any other); the explorer plots the measured share of normal beside the
access the model used.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from ..errors import InputError
from ..outages.measured import BASELINES_FILE, MeasuredCurve, measured_scenario, read_measured
from ..report.charts import service_label
from .scenarios import MAX_UPLOAD_BYTES
from .session import SS
from .text import error_text, plain, text

ACCESS_COLUMNS = ("access_fixed", "access_mobile")


def load_measured_upload(
    data: bytes,
    filename: str,
    *,
    signal: str | None = None,
    normal: float | None = None,
    baselines: bytes | None = None,
) -> tuple[Any, MeasuredCurve]:
    """(scenario, curve) of an uploaded measurement file, as ``run --measured`` builds them.

    ``normal`` is the signal's normal level (same unit as the file's values); without it the
    uploaded ``baselines`` table (``series_baselines.csv`` layout) gives each series' level.
    """
    for blob, name in ((data, filename), (baselines or b"", BASELINES_FILE)):
        if len(blob) > MAX_UPLOAD_BYTES:
            raise InputError(f"file is {len(blob) / 1e6:.1f} MB", file=name, allowed="at most 1 MB")
    safe = re.sub(r"[^\w.-]", "_", Path(filename).name).lstrip(".") or "curve.csv"
    if safe == BASELINES_FILE:
        safe = "curve.csv"
    with tempfile.TemporaryDirectory(prefix="shutdown-sim-measured-") as folder:
        path = Path(folder) / safe
        path.write_bytes(data)
        if baselines:
            (Path(folder) / BASELINES_FILE).write_bytes(baselines)
        curve = read_measured(path, signal=signal, normal=normal)
        scenario = measured_scenario(curve.iso3, path, signal=signal, normal=normal)
    return scenario, curve


def on_measured_upload() -> None:
    """Use the uploaded curve only if the library accepts it (else one message, nothing applied)."""
    upload = SS.get("upload_measured")
    SS.pop("_measured_msg", None)
    if upload is None:
        return
    extra = SS.get("upload_measured_baselines")
    signal = str(SS.get("measured_signal") or "").strip() or None
    normal = SS.get("measured_normal")
    try:
        scenario, curve = load_measured_upload(
            upload.getvalue(),
            upload.name,
            signal=signal,
            normal=None if normal is None else float(normal),
            baselines=None if extra is None else extra.getvalue(),
        )
    except Exception as exc:  # InputError or unexpected: one line, never a traceback
        SS._measured_msg = ("error", error_text(exc))
        return
    from .country import NONE

    name = f"{scenario.name} ({text('uploaded', 'en')})"
    SS.setdefault("uploaded", {})[name] = scenario
    SS.setdefault("_measured", {})[name] = curve
    SS.scenario = name
    SS.country = NONE  # the uploaded curve is the scenario shown, not a sidebar country
    SS._measured_msg = ("ok", scenario.name)


def figure(curve: MeasuredCurve, result: Any, lang: str, height: int = 360) -> go.Figure:
    """The measured share of normal (hour 0 = the curve's first hour) beside the model's access."""
    fig = go.Figure()
    hours = list(range(len(curve.availability)))
    fig.add_trace(
        go.Scatter(
            x=hours,
            y=list(curve.availability),
            mode="lines+markers",
            line={"shape": "hv", "width": 3, "color": "#2c3e50"},
            name=text("measured_share", lang),
        )
    )
    av = result.availability
    shown = av[av["hour"] <= max(len(hours) + 24, 48)]
    colors = ("#c0392b", "#e67e22")
    for column, color in zip(ACCESS_COLUMNS, colors):
        if column in shown.columns:
            fig.add_trace(
                go.Scatter(
                    x=shown["hour"].tolist(),
                    y=shown[column].tolist(),
                    mode="lines",
                    line={"shape": "hv", "width": 2, "color": color, "dash": "dash"},
                    name=text("measured_model", lang, service=service_label(column, lang)),
                )
            )
    fig.update_yaxes(title_text=text("availability", lang), range=[-0.03, 1.05], tickformat=".0%")
    fig.update_xaxes(title_text=text("time_h", lang))
    fig.update_layout(
        title=text("measured_title", lang),
        height=height,
        hovermode="x unified",
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


def section(v: Any) -> None:
    """The explorer's measured-curve section: the comparison chart (when a curve is the
    scenario) and the uploader with its signal and normal controls."""
    curve = SS.get("_measured", {}).get(v.choice)
    if curve is not None:
        st.plotly_chart(figure(curve, v.result, v.lang), key="fig_measured")
        st.caption(
            v.T(
                "measured_caption",
                country=plain(curve.iso3),
                start=plain(curve.start_utc),
                hours=len(curve.availability),
                signal=plain(curve.signal),
            )
        )
    with st.expander(v.T("measured_section"), expanded=curve is not None):
        st.caption(v.T("measured_help"))
        c1, c2 = st.columns(2)
        c1.text_input(v.T("measured_signal"), key="measured_signal")
        c2.number_input(v.T("measured_normal"), min_value=0.0, value=None, key="measured_normal")
        st.file_uploader(
            v.T("measured_baselines"),
            type=["csv"],
            key="upload_measured_baselines",
            max_upload_size=1,
        )
        st.file_uploader(
            v.T("measured_upload"),
            type=["csv"],
            key="upload_measured",
            on_change=on_measured_upload,
            max_upload_size=1,
        )
        message = SS.get("_measured_msg")
        if message and message[0] == "error":
            st.error(v.T("upload_error", error=plain(message[1])))
        elif message:
            st.success(v.T("upload_ok", name=plain(message[1])))
