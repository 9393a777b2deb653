"""The beyond-GDP row under the headline: people cut off, worker-days and tax revenue lost, and
the consumer welfare lost (:mod:`shutdown_sim.welfare`) when users lose anything.

Each is its own metric beside the headline and never added to it (:mod:`shutdown_sim.beyond_gdp`);
the hover text is the sentence the brief prints (range, ratio and its source year and status).
"""

from __future__ import annotations

import streamlit as st

from ..report.beyond import beyond_lines


def beyond_block(v) -> None:
    """Three or four metrics (medians; people: one number) with their sentences as help."""
    result = v.result
    b = getattr(result, "beyond", None)
    if b is None:
        return
    lines = beyond_lines(result, v.lang)
    data = result.beyond_gdp_dict()
    m = v.msgs
    values = [
        m.count(b.people_affected, short=True),
        m.count(data["worker_days_lost"]["p50"], short=True),
        v.money(data["tax_revenue_loss_usd"]["p50"]),
    ]
    labels = [v.T("beyond_people_label"), v.T("beyond_worker_days_label")]
    labels.append(v.T("beyond_tax_label"))
    welfare = getattr(result, "welfare", None)
    if welfare is not None and len(lines) > len(values):  # consumer welfare, when something is lost
        values.append(v.money(welfare.to_dict()["p50"]))
        labels.append(v.T("beyond_welfare_label"))
    st.caption(v.T("beyond_caption"))
    row = st.container(key="beyond_gdp")
    cols = row.columns(len(values))
    for col, label, value, line in zip(cols, labels, values, lines, strict=False):
        col.metric(label, value, help=line)
