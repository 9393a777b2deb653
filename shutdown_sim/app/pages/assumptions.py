"""Assumptions page: every parameter with its range and source, editable; uploads."""

from __future__ import annotations

import streamlit as st

from ..session import SS, editor_key, on_params_upload, on_reset, on_scenario_upload
from ..text import plain
from ..view import View, headline_block

COLUMNS = (
    "name",
    "value",
    "default",
    "low",
    "high",
    "unit",
    "year",
    "status",
    "source",
    "link",
    "note",
)


def render(v: View) -> None:
    headline_block(v)
    st.markdown(f"### {v.T('assumptions_title')}")
    st.caption(v.T("assumptions_caption"))
    u1, u2 = st.columns(2)
    u1.file_uploader(
        v.T("upload_params"),
        type=["csv"],
        key="upload_params",
        on_change=on_params_upload,
        max_upload_size=1,
    )
    u2.file_uploader(
        v.T("upload_scenario"),
        type=["yaml", "yml"],
        key="upload_scenario",
        on_change=on_scenario_upload,
        max_upload_size=1,
    )
    upload_messages(v)
    if v.overrides:
        names = ", ".join(sorted(v.overrides))
        st.info(v.T("n_overrides", n=len(v.overrides), names=plain(names)))
    st.button(v.T("reset"), on_click=on_reset, key="reset")
    frame = v.defaults.copy()
    base = SS.get("overrides_base", {})
    frame["default"] = frame["value"]
    frame["value"] = [float(base.get(n, x)) for n, x in zip(frame["name"], frame["value"])]
    cfg = st.column_config
    number = {"value", "default", "low", "high"}
    label = {c: v.T("col_" + c) for c in ("name", "value", "default", "link", "note")}
    label.update({c: v.msgs.t("assumptions_col_" + c) for c in COLUMNS if c not in label})
    config = {
        c: cfg.NumberColumn(label[c], format="%.6g", required=c == "value")
        if c in number
        else cfg.LinkColumn(label[c])
        if c == "link"
        else cfg.TextColumn(label[c])
        for c in COLUMNS
    }
    st.data_editor(
        frame,
        key=editor_key(),
        hide_index=True,
        width="stretch",
        height=520,
        disabled=[c for c in frame.columns if c != "value"],
        column_order=list(COLUMNS),
        column_config=config,
    )


def upload_messages(v: View) -> None:
    """One line per upload: what was refused (nothing applied) or what was applied."""
    params, scenario = SS.get("_params_msg"), SS.get("_upload_msg")
    for message in (params, scenario):
        if message and message[0] == "error":
            st.error(v.T("upload_error", error=plain(message[1])))
    if params and params[0] == "ok":
        st.success(v.T("upload_params_ok", n=params[1]))
    if scenario and scenario[0] == "ok":
        st.success(v.T("upload_ok", name=plain(scenario[1])))
