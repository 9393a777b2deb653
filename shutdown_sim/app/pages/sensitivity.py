"""Sensitivity page: the one-at-a-time tornado and its table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ...report import charts
from ..view import View, headline_block, show


def render(v: View) -> None:
    headline_block(v)
    with st.spinner(v.T("tornado_spinner")):
        central, rows = v.tornado()
    show(charts.tornado_figure(central, rows, v.lang), "fig_tornado")
    st.caption(v.T("tornado_caption"))
    st.dataframe(tornado_table(rows, v), hide_index=True, width="stretch")


def tornado_table(rows, v: View) -> pd.DataFrame:
    """The tornado rows for reading: labels and money in the page's language (English keeps the
    parameter keys economists type into overrides)."""
    from ...report.glossary import status_label

    m = v.msgs
    sectors = dict(zip(v.result.by_sector.index, v.result.by_sector["name"]))
    out = []
    for r in rows:
        row = {
            m.t("drivers_col_rank"): r.get("rank"),
            m.t("drivers_col_param"): m.parameter(r["parameter"], sectors),
            m.t("drivers_col_range"): m.t(
                "range_format",
                low=m.number(r["value_low"]),
                high=m.number(r["value_high"]),
                unit=m.unit(str(r.get("unit", ""))),
            ),
            m.t("drivers_col_low"): v.money(r["loss_at_low_usd"]),
            m.t("drivers_col_high"): v.money(r["loss_at_high_usd"]),
            m.t("drivers_col_swing"): v.money(r["swing_usd"]),
            m.t("assumptions_col_status"): status_label(str(r.get("status", "")), v.lang),
        }
        if v.lang == "en":
            row["parameter key"] = r["parameter"]
            row["source"] = r.get("source", "")
        out.append(row)
    return pd.DataFrame(out)
