"""The sidebar: the levers (language, scenario or the builder, duration, draws, page).

:func:`levers` returns the chosen scenario at its own length; :func:`duration` decides whether
the duration control applies to it and returns the scenario to simulate. A scenario is changed
only when the user moved the duration control (or a link asked for another length), and the
page says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from ..errors import InputError
from . import runs, scenarios, state
from .session import PAGES, SS, default_choice, scenario_options
from .text import LANG_LABELS, choice_label, duration_text, error_text, plain, text

_TOLERANCE_DAYS = 1e-9


def levers(bundled: Mapping[str, Any], lang: str) -> Any:
    """Language, scenario (bundled, uploaded or built): the scenario at its own duration."""
    st.radio(text("lang", lang), list(LANG_LABELS), key="lang", horizontal=True)
    from . import country

    active, picked = country.control(bundled, lang)
    if active:  # a country without bundled scenarios: its own levers (None after an error)
        return picked
    options = scenario_options(bundled)
    if SS.get("scenario") not in options:
        SS.scenario = default_choice(options)
    st.selectbox(
        text("scenario", lang),
        options,
        key="scenario",
        format_func=lambda n: text("build_own", lang) if n == scenarios.BUILD else n,
    )
    chosen = None
    if SS.scenario == scenarios.BUILD:
        chosen = builder(bundled, lang)
    elif SS.scenario in SS.get("uploaded", {}):
        chosen = SS.uploaded[SS.scenario]
    else:
        chosen = bundled.get(SS.scenario)
    if chosen is None:
        chosen = bundled.get(default_choice(list(bundled))) if bundled else None
    return chosen


def builder(bundled: Mapping[str, Any], lang: str) -> Any:
    """Build a one-event scenario from a bundled template of the chosen kind."""
    st.markdown(f"**{text('builder_title', lang)}**")
    kind = st.selectbox(
        text("builder_kind", lang),
        scenarios.BUILD_KINDS,
        key="b_kind",
        format_func=lambda k: choice_label(k, lang),
    )
    template_name = scenarios.find_template(bundled, kind)
    if template_name is None:
        st.warning(text("builder_unavailable", lang))
        return None
    template = bundled[template_name]
    fields = scenarios.event_fields(template)
    settings: dict = {}
    if "share_affected" in fields:
        settings["share_affected"] = st.slider(
            text("builder_share", lang),
            0.0,
            1.0,
            float(fields["share_affected"]),
            0.05,
            key="b_share",
        )
    settings["start_h"] = st.number_input(
        text("builder_start", lang),
        0.0,
        24.0 * 365,
        float(fields.get("start_h", 0.0)),
        1.0,
        key="b_start",
    )
    app_field = "apps" if "apps" in fields else "blocked" if "blocked" in fields else None
    if app_field:
        apps = list(runs.model_context(template.content_hash(), (), template).network.apps)
        chosen = st.multiselect(
            text("builder_apps", lang),
            apps,
            default=[a for a in fields[app_field] if a in apps],
            key="b_apps",
        )
        if app_field == "apps":
            settings["apps"] = chosen
        else:
            settings["fields"] = {"blocked": chosen}
    if fields.get("escalation"):
        settings["escalation"] = st.checkbox(
            text("builder_escalation", lang), True, key="b_escalation"
        )
    if scenarios.vpn_keys(fields):
        settings["vpn"] = st.checkbox(text("builder_vpn", lang), True, key="b_vpn")
    try:
        return scenarios.build_scenario(template, kind, settings)
    except Exception as exc:  # validation errors from the library, shown in one line
        st.error(text("upload_error", lang, error=plain(error_text(exc))))
        return template


def duration(levers: Any, lang: str) -> tuple[Any, bool]:
    """The duration control; returns (scenario to simulate, whether the control applies)."""
    own = float(levers.duration_days)
    applies = state.duration_applies(levers)
    options = state.duration_options(own)
    # a new scenario starts at its own length; the builder keeps the user's length per kind
    building = SS.scenario == scenarios.BUILD
    owner = (SS.scenario, SS.get("b_kind") if building else levers.content_hash())
    if SS.get("_country_active"):  # a country keeps the user's length across its levers
        owner = ("country", SS._country_active)
    if SS.get("_dur_for") != owner:
        SS.duration_days = own
        url_value = SS.pop("_url_duration", None)
        if url_value is not None:
            wanted = state.snap_duration(url_value, options, own)
            if applies:
                SS.duration_days = wanted
                if not state.same_number(url_value, wanted):  # not a step: say what is used
                    SS._duration_note = ("url_duration_snapped", plain(url_value))
            elif not state.same_number(url_value, own):
                SS._duration_note = ("url_duration_ignored", plain(url_value))
        SS._dur_for = owner
    elif SS.get("duration_days") not in options:
        SS.duration_days = state.snap_duration(SS.get("duration_days"), options, own)
    if not applies:
        SS.duration_days = own  # the control shows the scenario's own length, disabled
    st.select_slider(
        text("duration_days", lang),
        options,
        key="duration_days",
        format_func=lambda d: duration_text(d, lang),
        disabled=not applies,
    )
    chosen = float(SS.duration_days)
    if not applies or abs(chosen - own) <= _TOLERANCE_DAYS:
        return levers, applies
    return levers.with_duration(chosen), applies


def draws_and_page(lang: str) -> None:
    st.number_input(text("draws", lang), state.MIN_DRAWS, state.MAX_DRAWS, step=100, key="draws")
    st.radio(text("page", lang), PAGES, key="page", format_func=lambda p: text("page_" + p, lang))


def duration_notes(levers: Any, scenario: Any, applies: bool, lang: str) -> None:
    """Say what the duration control did (or why it is off) above the results."""
    own = duration_text(levers.duration_days, lang)
    note = SS.pop("_duration_note", None)
    if note:
        chosen = duration_text(scenario.duration_days, lang)
        st.warning(text(note[0], lang, value=note[1], own=own, chosen=chosen))
    if not applies:
        st.info(text("no_duration", lang, own=own))
    elif scenario is not levers:
        event = levers.events[0]
        st.info(
            text(
                "duration_changed",
                lang,
                own=own,
                chosen=duration_text(scenario.duration_days, lang),
                event=plain(getattr(event, "kind", "")),
            )
        )


def safe_duration(levers: Any, lang: str) -> tuple[Any, bool]:
    """:func:`duration`, with a refused length shown as one line and the scenario kept."""
    try:
        return duration(levers, lang)
    except InputError as exc:
        st.error(text("error", lang, error=plain(error_text(exc))))
        return levers, state.duration_applies(levers)
