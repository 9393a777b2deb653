"""Session state: URL -> controls once per session, uploads, parameter edits, notices.

Streamlit reruns the script on every interaction; these functions read and write
``st.session_state`` only. Whatever the app changes on the user's behalf (a value from the URL
that had to be clamped, a scenario from a link that is not available here) becomes a *notice*
shown at the top of the page, so nothing is changed silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from ..scenario import DEFAULT_SCENARIO
from . import runs, scenarios, state
from .text import LANG_CODES, error_text, lang_code, plain, text

SS = st.session_state
PAGES = ("explorer", "sensitivity", "assumptions", "share", "hindcast", "annual", "world")


def scenario_options(bundled: Mapping[str, Any]) -> list[str]:
    return list(bundled) + list(SS.get("uploaded", {})) + [scenarios.BUILD]


def default_choice(options: list[str]) -> str:
    return DEFAULT_SCENARIO if DEFAULT_SCENARIO in options else options[0]


def notify(kind: str, key: str, **fields: object) -> None:
    """Keep a notice (``kind`` warning | info) to show until the session ends."""
    notices = SS.setdefault("_notices", [])
    if (kind, key, fields) not in notices:
        notices.append((kind, key, fields))


def init_state(bundled: Mapping[str, Any]) -> None:
    """Controls from the URL, once per session; anything that cannot be honoured is a notice."""
    if SS.get("_init"):
        return
    qp = st.query_params
    options = scenario_options(bundled)
    requested = qp.get("scenario")
    SS.scenario = requested if requested in options else default_choice(options)
    if requested is not None and requested not in options:
        # e.g. a link to a scenario someone uploaded in their own session: say so, never
        # show another scenario as if it were the one linked
        notify("warning", "url_scenario_missing", name=plain(requested), shown=SS.scenario)
    SS.lang = LANG_CODES[lang_code(qp.get("lang", "en"))]
    draws, changed = state.clamp_draws(qp.get("draws", state.DEFAULT_DRAWS))
    if changed and "draws" in qp:
        notify(
            "warning",
            "url_draws_clamped",
            value=plain(qp.get("draws")),
            draws=draws,
            low=state.MIN_DRAWS,
            high=state.MAX_DRAWS,
        )
    SS.draws = draws
    SS.page = qp.get("page") if qp.get("page") in PAGES else "explorer"
    wanted = qp.get("country")
    if wanted:
        from .country import country_names

        code = str(wanted).strip().upper()
        if code in country_names():
            SS.country = code
        else:
            notify("warning", "url_country_missing", name=plain(wanted))
    SS._url_duration = qp.get("duration_days")
    SS.overrides_base = {}
    SS.editor_version = 0
    SS._init = True


def on_scenario_upload() -> None:
    upload = SS.get("upload_scenario")
    SS.pop("_upload_msg", None)
    if upload is None:
        return
    try:
        scenario = scenarios.load_upload_scenario(upload.getvalue(), upload.name)
    except Exception as exc:  # InputError or unexpected: one line, never a traceback
        SS._upload_msg = ("error", error_text(exc))
        return
    name = f"{scenario.name} ({text('uploaded', 'en')})"
    SS.setdefault("uploaded", {})[name] = scenario
    SS.scenario = name
    SS._upload_msg = ("ok", scenario.name)


def on_params_upload() -> None:
    """Apply an overrides CSV only if the model accepts every value in it (else nothing)."""
    upload = SS.get("upload_params")
    SS.pop("_params_msg", None)
    if upload is None:
        return
    try:
        known = {p: True for p in SS.get("_param_names", ())}
        overrides = scenarios.parse_override_csv(upload.getvalue(), upload.name, known)
        merged = {**SS.get("overrides_base", {}), **SS.get("_editor_overrides", {}), **overrides}
        levers = SS.get("_levers")
        if levers is not None:  # the library checks ranges: a refused file applies nothing
            runs.model_context(levers.content_hash(), tuple(sorted(merged.items())), levers)
    except Exception as exc:  # InputError or unexpected: one line, no traceback
        SS._params_msg = ("error", error_text(exc))
        return
    SS.overrides_base = merged
    SS.editor_version = SS.get("editor_version", 0) + 1
    SS._params_msg = ("ok", len(overrides))


def on_reset() -> None:
    SS.overrides_base = {}
    SS._editor_overrides = {}
    SS.editor_version = SS.get("editor_version", 0) + 1
    SS.pop("_params_msg", None)


def editor_key() -> str:
    return f"param_editor_{SS.get('editor_version', 0)}"


def editor_overrides(defaults) -> dict[str, float]:
    """Edits made in the Assumptions table (read before the model runs, so they apply now)."""
    edits = SS.get(editor_key())
    out: dict[str, float] = {}
    if not isinstance(edits, dict):
        return out
    names = list(defaults["name"])
    base = SS.get("overrides_base", {})
    for row, changes in (edits.get("edited_rows") or {}).items():
        index = int(row)
        if "value" in changes and 0 <= index < len(names):
            try:
                value = float(changes["value"])
            except (TypeError, ValueError):
                continue
            name = names[index]
            default = float(base.get(name, defaults["value"].iloc[index]))
            if value != default:
                out[name] = value
    return out


def show_notices(lang: str) -> None:
    for kind, key, fields in SS.get("_notices", []):
        getattr(st, kind)(text(key, lang, **fields))
