"""The sidebar's ``country`` control: the structural model for any economy with data.

Choosing a country whose region has no bundled scenario replaces the scenario control by three
levers (kind, share of users, apps for an app block); the duration control then acts on the
country's one event, so the headline and every chart follow. Choosing the empty entry (or a
region with bundled scenarios, Hong Kong) shows the bundled scenarios as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from ..country_run import KINDS
from ..network.country import GENERIC_APPS
from ..report.messages import Messages
from .session import SS
from .text import choice_label, error_text, plain, text

NONE = ""  # the control's "bundled scenarios" entry


@st.cache_data(show_spinner=False)
def country_names() -> dict[str, str]:
    """ISO3 -> name of every economy the model can run, sorted by name."""
    from ..country_run import country_codes
    from ..params import world

    eco = world.economies()
    codes = country_codes("all")
    return dict(sorted(((c, str(eco.loc[c, "name"])) for c in codes), key=lambda kv: kv[1]))


def bundled_regions(bundled: Mapping[str, Any]) -> set[str]:
    return {s.region for s in bundled.values()}


def active_country() -> str | None:
    """The country the sidebar runs (None: the bundled scenarios)."""
    return SS.get("_country_active") or None


def label(code: str, lang: str) -> str:
    if code == NONE:
        return text("country_bundled", lang)
    name = country_names().get(code, code)
    return f"{Messages.for_lang(lang).region(code, name)} ({code})"


def control(bundled: Mapping[str, Any], lang: str) -> tuple[bool, Any]:
    """The country control; (True, scenario or None on error) when a country runs, else
    (False, None) and the bundled scenarios apply."""
    options = [NONE, *country_names()]
    if SS.get("country", NONE) not in options:
        SS.country = NONE
    st.selectbox(
        text("country", lang),
        options,
        key="country",
        format_func=lambda c: label(c, lang),
        help=text("country_help", lang),
    )
    code = SS.country
    SS._country_active = code if code and code not in bundled_regions(bundled) else None
    if not SS._country_active:
        return False, None
    return True, levers(code, lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def _scenario(code: str, kind: str, share: float, apps: tuple[str, ...]):
    from ..country_run import country_scenario

    return country_scenario(code, kind=kind, share=share, apps=apps)


def levers(code: str, lang: str) -> Any:
    """Kind, share and apps for ``code``: its one-day scenario (None after an error, shown)."""
    kind = st.selectbox(
        text("builder_kind", lang), KINDS, key="c_kind", format_func=lambda k: choice_label(k, lang)
    )
    share, apps = 1.0, ()
    if kind == "apps":
        ids = [a for a, _ in GENERIC_APPS]
        apps = tuple(st.multiselect(text("builder_apps", lang), ids, ["whatsapp"], key="c_apps"))
        if not apps:
            st.warning(text("country_apps_needed", lang))
            return None
    else:
        share = st.slider(text("builder_share", lang), 0.05, 1.0, 1.0, 0.05, key="c_share")
    try:
        return _scenario(code, kind, float(share), apps)
    except Exception as exc:  # a missing table etc.: one line, never a traceback
        st.error(text("error", lang, error=plain(error_text(exc))))
        return None
