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
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
