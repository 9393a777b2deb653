"""Past shutdowns page: a year of the #KeepItOn record priced per country (``annual``), beside
the published methods' totals and Top10VPN's figures (``shutdown_sim.outages.pricing``)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ...baselines import METHODS
from ...errors import InputError
from ..text import error_text, plain
from ..view import View

DRAWS, SEED = 200, 0
YEARS = (2016, 2017, 2018, 2019, 2020, 2021, 2022)


@st.cache_data(show_spinner=False, max_entries=8)
def year_table(year: int, countries: tuple[str, ...]) -> dict[str, Any]:
    """``annual_table(year, countries)`` at the page's draws, cached per process."""
    from ...outages.pricing import annual_table

    return annual_table(year, list(countries) or None, draws=DRAWS, seed=SEED)


@st.cache_data(show_spinner=False, max_entries=8)
def year_countries(year: int) -> list[str]:
    """Countries with at least one record in ``year``, most records first."""
    from ...outages.records import load_records, select

    counts = pd.Series([r.iso3 for r in select(load_records(), year=year)]).value_counts()
    return list(counts.index)


def render(v: View) -> None:
    st.markdown(f"### {v.T('annual_title')}")
    st.caption(v.T("annual_caption", draws=DRAWS))
    year = st.selectbox(v.T("annual_year"), YEARS, index=YEARS.index(2019), key="annual_year")
    try:
        options = year_countries(int(year))
    except InputError as exc:
        st.info(v.T("annual_no_records", error=plain(error_text(exc))))
        return
    chosen = st.multiselect(
        v.T("annual_countries"), options, default=options[:3], key="annual_countries"
    )
    if not chosen:
        return
    with st.spinner(v.T("annual_running")):
        table = year_table(int(year), tuple(sorted(chosen)))
    rows = []
    for c in table["countries"]:
        m = c["model_usd"]
        row = {
            v.T("hindcast_col_country"): c["iso3"],
            v.T("annual_col_records"): f"{c['priced']} / {c['records']}",
            v.T("annual_col_hours"): round(c["hours"]),
            v.T("hindcast_col_model"): v.money(m["p50"]),
            v.T("hindcast_col_range"): f"{v.money(m['p5'])} – {v.money(m['p95'])}",
        }
        for method in METHODS:
            value = c["baselines_usd"].get(method)
            row[v.msgs.baseline_label(method)] = "n/a" if value is None else v.money(value)
        t10 = c.get("top10vpn_usd")
        row["Top10VPN"] = v.money(t10) if t10 else "—"
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(v.T("annual_notes"))
