"""Helpers for the Streamlit front end that need no Streamlit: inputs in, plain data out.

Nothing here models anything: scenarios are built by editing a copy of a bundled scenario's
dictionary and validated by :func:`shutdown_sim.scenario.scenario_from_dict`; numbers come from
:func:`shutdown_sim.model.simulate` / :func:`~shutdown_sim.model.prepare`.
"""

from __future__ import annotations

import copy
import importlib
import importlib.util
import io
import json
import math
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .errors import InputError, ParameterError, ScenarioError
from .events import choices

MAX_UPLOAD_BYTES = 1024 * 1024
DEFAULT_DRAWS = 500
MAX_DRAWS = 5000
MIN_DRAWS = 50
DURATION_OPTIONS: tuple[float, ...] = (
    0.25,
    0.5,
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    10,
    14,
    21,
    30,
    45,
    60,
    90,
    120,
    180,
    270,
    365,
)
BUILD_KINDS = tuple(choices())  # full, mobile, fixed, apps, cable, firewall: see events/
BUILD = "__build__"


# -- scenarios -----------------------------------------------------------------------------------
def duration_options(current: float | None) -> list[float]:
    """The slider's steps, including the scenario's own duration."""
    options = {float(d) for d in DURATION_OPTIONS}
    if current is not None and math.isfinite(current) and current > 0:
        options.add(round(float(current), 4))
    return sorted(options)


def snap_duration(value: Any, options: list[float], default: float) -> float:
    """Nearest allowed duration (URL values may be anything)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    if not math.isfinite(number) or number <= 0:
        return default
    return min(options, key=lambda o: abs(math.log(o) - math.log(number)))


def clamp_draws(value: Any, default: int = DEFAULT_DRAWS) -> int:
    try:
        number = int(float(value))
    except (TypeError, ValueError):
        return default
    return max(MIN_DRAWS, min(MAX_DRAWS, number))


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
    from .scenario import scenario_from_dict

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
    from .scenario import load_scenario_text

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


def error_text(exc: BaseException) -> str:
    """One line for the user (InputErrors carry file, field and allowed range)."""
    if isinstance(exc, InputError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


# -- parameter table -----------------------------------------------------------------------------
_URL = re.compile(r"https?://[^\s,;)\]]+")


def source_link(source: str) -> str | None:
    match = _URL.search(source or "")
    return match.group(0).rstrip(".") if match else None


def parameter_frame(params: Any, defaults: Mapping[str, float] | None = None) -> pd.DataFrame:
    """One row per parameter: name, value, default, low, high, unit, year, status, source."""
    rows = []
    for p in params:
        rows.append(
            {
                "name": p.name,
                "value": float(p.central),
                "default": float(defaults.get(p.name, p.central)) if defaults else float(p.central),
                "low": float(p.low),
                "high": float(p.high),
                "unit": p.unit,
                "year": str(p.year),
                "status": p.status,
                "source": p.source,
                "link": source_link(p.source),
                "note": p.note,
            }
        )
    return pd.DataFrame(rows)


def overrides_from_edits(frame: pd.DataFrame, defaults: Mapping[str, float]) -> dict[str, float]:
    """Parameters whose edited value differs from the library's default."""
    out = {}
    for name, value in zip(frame["name"], frame["value"]):
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if (
            name in defaults
            and math.isfinite(number)
            and not math.isclose(number, defaults[name], rel_tol=1e-12, abs_tol=1e-15)
        ):
            out[str(name)] = number
    return out


# -- flows for the Sankey ------------------------------------------------------------------------
def service_sector_flows(ctx: Any) -> pd.DataFrame:
    """Value added per day (USD) of each sector that runs through each service.

    flow[i, s] = W_is × d_i × v_i / 365 with W = ``ctx.weights`` and d the central dependence.
    """
    economy = ctx.economy
    central = {p.name: p.central for p in ctx.space.params}
    dependence = np.array([central.get(f"{s}.dependence", np.nan) for s in economy.sectors])
    if np.isnan(dependence).any():
        dependence = np.asarray(economy.sector_param("dependence"), float)
    va_day = np.asarray(economy.value_added_usd, float) / 365.0
    flows = np.asarray(ctx.weights, float) * (dependence * va_day)[:, None]
    rows = []
    for i, sector in enumerate(economy.sectors):
        for s, service in enumerate(ctx.network.service_names):
            if flows[i, s] > 0:
                rows.append(
                    {
                        "service": service,
                        "sector": sector,
                        "sector_name": economy.sector_names[i],
                        "value_usd_per_day": float(flows[i, s]),
                    }
                )
    return pd.DataFrame(rows, columns=["service", "sector", "sector_name", "value_usd_per_day"])


# -- exports -------------------------------------------------------------------------------------
def result_json(result: Any) -> bytes:
    return json.dumps(
        result.to_dict(), ensure_ascii=False, indent=1, allow_nan=False, default=str
    ).encode("utf-8")


def png_export_available() -> bool:
    return importlib.util.find_spec("kaleido") is not None


def brief_builder() -> Any:
    """The report's HTML brief function if the report module provides one, else None.

    ``render_brief_html(result, sensitivity, lang, params=...)`` is the report's public API.
    """
    candidates = (
        ("shutdown_sim.report", "render_brief_html"),
        ("shutdown_sim.report", "build_brief_html"),
        ("shutdown_sim.report.brief", "build_brief_html"),
        ("shutdown_sim.report", "brief_html"),
        ("shutdown_sim.report.brief", "brief_html"),
        ("shutdown_sim.report", "render_html"),
    )
    for module_name, attr in candidates:
        try:
            module = importlib.import_module(module_name)
        except Exception:  # absent or half-finished module: no brief
            continue
        func = getattr(module, attr, None)
        if callable(func):
            return func
    return None


def share_query(scenario: str, duration_days: float, lang: str, draws: int) -> dict[str, str]:
    return {
        "scenario": scenario,
        "duration_days": f"{duration_days:g}",
        "lang": lang,
        "draws": str(int(draws)),
    }


def country_options() -> dict[str, str]:
    """ISO3 -> name of every country with GDP data (for the published-methods comparison)."""
    from .params.countries import load_countries

    table = load_countries().reset_index()
    table = table[table["gdp_usd"].notna()]
    latest = table.sort_values("year").groupby("iso3")["country"].last()
    return dict(sorted(latest.items(), key=lambda kv: kv[1]))


def latest_year(iso3: str) -> int:
    """Latest year with GDP data for ``iso3``."""
    from .params.countries import years_with_data

    return int(years_with_data(iso3, "gdp_usd")[-1])


def baselines_for_country(iso3: str, year: int, days: float, kind: str) -> pd.DataFrame:
    """Every published method for any country: one row per method (USD)."""
    from .baselines import METHODS, error_entry, make_input, run_all

    try:
        results = run_all(make_input(days=float(days), country=iso3, year=int(year), kind=kind))
    except InputError as err:  # no data for that country-year: every row says why
        results = {method: error_entry(method, err) for method in METHODS}
    frame = pd.DataFrame(
        [
            {
                "method": method,
                "cost_usd": res["cost_usd"],
                "cost_usd_per_day": res["cost_usd_per_day"],
                "note": res.get("error", ""),
            }
            for method, res in results.items()
        ]
    )
    for column in ("cost_usd", "cost_usd_per_day"):  # None (method could not run) -> NaN
        frame[column] = pd.to_numeric(frame[column])
    return frame
