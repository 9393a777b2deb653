"""Scenarios and parameter overrides that come from the user: the builder and the uploads.

Nothing here models anything: a scenario is built by editing a copy of a bundled scenario's
dictionary and validated by :func:`shutdown_sim.scenario.scenario_from_dict`; uploads are
size-limited and validated by the library, and every problem is an ``InputError``.
"""

from __future__ import annotations

import copy
import io
import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..errors import ParameterError, ScenarioError
from ..events import choices

MAX_UPLOAD_BYTES = 1024 * 1024
BUILD_KINDS = tuple(choices())  # full, mobile, fixed, apps, cable, firewall: see events/
BUILD = "__build__"


def find_template(scenarios: Mapping[str, Any], build_kind: str) -> str | None:
    """Name of a bundled scenario whose first event fits ``build_kind`` (a copy is edited)."""
    spec, _ = choices()[build_kind]
    ranked: list[tuple[int, str]] = []
    for name, scenario in scenarios.items():
        first = scenario.events[0]
        if first.kind != spec.kind:
            continue
        score = len(scenario.events)  # simplest template first
        if spec.choice_of(first) != build_kind:
            score += 100
        ranked.append((score, name))
    return min(ranked)[1] if ranked else None


def event_fields(scenario: Any) -> dict[str, Any]:
    """The first event of ``scenario`` as a plain dict (what the builder edits)."""
    return scenario.events[0].model_dump(mode="json")


def build_scenario(template: Any, build_kind: str, settings: Mapping[str, Any]) -> Any:
    """Copy ``template`` and set its first event from the builder's ``settings``.

    ``settings`` may hold share_affected, start_h, duration_days, apps, escalation (bool),
    vpn (bool) and ``fields`` (other first-event fields by name). Only fields the event already
    has are set, so the library's validation decides what is allowed.
    """
    from ..scenario import scenario_from_dict

    data = template.model_dump(mode="json")
    event = copy.deepcopy(data["events"][0])
    for key, value in choices()[build_kind][1].fields.items():
        if key in event:
            event[key] = value
    for key, value in (settings.get("fields") or {}).items():
        if key in event and key != "kind":
            event[key] = value
    if "share_affected" in event and settings.get("share_affected") is not None:
        event["share_affected"] = float(settings["share_affected"])
    if "start_h" in event and settings.get("start_h") is not None:
        event["start_h"] = float(settings["start_h"])
    if "duration_h" in event and settings.get("duration_days") is not None:
        event["duration_h"] = float(settings["duration_days"]) * 24.0
    if "apps" in event and settings.get("apps"):
        event["apps"] = list(settings["apps"])
    if "escalation" in event and settings.get("escalation") is False:
        event["escalation"] = None
    if settings.get("vpn") is not None:
        for key in vpn_keys(event):
            value = event[key]
            if isinstance(value, bool):
                event[key] = bool(settings["vpn"])
            elif isinstance(value, int | float) and not settings["vpn"]:
                event[key] = 0.0
    data["events"] = [event]  # a built scenario is one event: the lever the user chose
    data["name"] = f"custom-{build_kind}"
    data["description"] = f"Built in the app from {template.name} ({build_kind})"
    data["source"] = f"app builder (template {template.name})"
    return scenario_from_dict(data, source="app builder")


def vpn_keys(event: Mapping[str, Any]) -> list[str]:
    return [k for k in event if re.search(r"vpn|circumvent", k, re.I)]


def load_upload_scenario(data: bytes, filename: str) -> Any:
    """Validate an uploaded scenario YAML (size-limited; errors are InputErrors)."""
    from ..scenario import load_scenario_text

    if len(data) > MAX_UPLOAD_BYTES:
        raise ScenarioError(
            f"file is {len(data) / 1e6:.1f} MB", file=filename, allowed="at most 1 MB"
        )
    try:
        body = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError("not UTF-8 text", file=filename, allowed="a YAML text file") from None
    return load_scenario_text(body, source=filename)


def parse_override_csv(data: bytes, filename: str, known: Mapping[str, Any]) -> dict[str, float]:
    """Parameter overrides from a CSV with columns ``name,central``."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ParameterError(
            f"file is {len(data) / 1e6:.1f} MB", file=filename, allowed="at most 1 MB"
        )
    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    except Exception as exc:  # pandas raises several types for malformed CSV
        raise ParameterError(
            f"not a readable CSV ({type(exc).__name__})",
            file=filename,
            allowed="CSV with columns name,central",
        ) from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if not {"name", "central"} <= set(frame.columns):
        raise ParameterError(
            f"columns are {', '.join(frame.columns) or 'none'}",
            file=filename,
            field="(header)",
            allowed="name,central",
        )
    out: dict[str, float] = {}
    for i, row in frame.iterrows():
        name = str(row["name"]).strip()
        if not name:
            continue
        if name not in known:
            raise ParameterError(
                f"unknown parameter {name!r}",
                file=filename,
                field=f"row {i + 2}",
                allowed="a name from the Assumptions page",
            )
        try:
            value = float(str(row["central"]).strip())
        except ValueError:
            raise ParameterError(
                f"{row['central']!r} is not a number",
                file=filename,
                field=f"row {i + 2}.central",
                allowed="a number",
            ) from None
        if not math.isfinite(value):
            raise ParameterError(
                f"{value!r} is not finite",
                file=filename,
                field=f"row {i + 2}.central",
                allowed="a finite number",
            )
        out[name] = value
    if not out:
        raise ParameterError("no rows", file=filename, allowed="at least one name,central row")
    return out
