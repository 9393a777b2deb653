"""Scenario: what happens (the levers), validated from YAML into a frozen object.

A scenario names a region parameter set (``parameters/regions/<region>/``), a year and a list of
events (see :mod:`shutdown_sim.events`). Files are parsed safely (no code execution, no aliases)
and every error names the file, the field path and the allowed range.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import InputError, ScenarioError
from .events import BaselineMapping, Event, spec_of
from .paths import SCENARIOS_DIR
from .published import PublishedEstimate, RealEvent
from .safe_yaml import bool_as_number, parse_yaml_text, read_yaml_file

DEFAULT_SCENARIO = "hk-2019-full-shutdown-1d"
MAX_HORIZON_DAYS = 3 * 366
DEFAULT_TAIL_DAYS = 30.0
EVENTS_SUBDIR = "events"  # scenarios/events/: real shutdowns (hindcast), listed apart
# blocks the model never reads; left out of the content hash when absent (hashes stay stable)
_RECORD_FIELDS = ("real_event", "published")


class Scenario(BaseModel):
    """A validated, frozen scenario (levers only; uncertainties live in ``parameters/``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=120, pattern=r"^[A-Za-z0-9_.\-]+$")
    description: str = Field(default="", max_length=5000)
    description_zh: str = Field(default="", max_length=5000)  # Traditional Chinese (zh-Hant)
    source: str = Field(default="", max_length=2000)
    region: str = Field(default="HKG", min_length=2, max_length=40, pattern=r"^[A-Za-z0-9_\-]+$")
    year: int = Field(default=2019, ge=1990, le=2100)
    infrastructure: Literal["verified", "claimed"] = "verified"
    horizon_days: float | None = Field(default=None, gt=0, le=MAX_HORIZON_DAYS)
    events: tuple[Event, ...] = Field(min_length=1, max_length=200)
    overrides: dict[str, float] = Field(default_factory=dict)
    # hindcast scenarios only (shutdown_sim.published): the real event and its published costs
    real_event: RealEvent | None = None
    published: tuple[PublishedEstimate, ...] = Field(default=(), max_length=50)

    @model_validator(mode="after")
    def _record_matches_region(self) -> Scenario:
        if self.real_event is not None and self.real_event.country != self.region:
            raise ValueError(
                f"real_event.country {self.real_event.country!r} differs from region "
                f"{self.region!r}"
            )
        if self.published and self.real_event is None:
            raise ValueError("a published: list needs the real_event: it prices")
        return self

    @field_validator("overrides")
    @classmethod
    def _finite_overrides(cls, value: dict[str, float]) -> dict[str, float]:
        for key, number in value.items():
            if not math.isfinite(number):
                raise ValueError(f"override {key!r} must be a finite number")
        return value

    # -- derived views -------------------------------------------------------------------------
    @property
    def disruption_start_h(self) -> float:
        return min(e.start_h for e in self.events)

    def disruption_end_h(self) -> float | None:
        """Hour the last event's direct effect ends (None: lasts indefinitely)."""
        ends = [e.end_h() for e in self.events]
        return None if any(end is None for end in ends) else max(ends)

    @property
    def duration_days(self) -> float:
        """Length of the disruption in days (start of first event to end of last)."""
        end = self.disruption_end_h()
        if end is None:
            end = self.horizon_h
        return max(0.0, (end - self.disruption_start_h) / 24.0)

    @property
    def horizon_h(self) -> int:
        """Simulated hours: the given horizon, else the disruption plus a recovery tail."""
        if self.horizon_days is not None:
            return int(math.ceil(self.horizon_days * 24))
        end = self.disruption_end_h()
        if end is None:
            end = 365 * 24.0
        return int(math.ceil(end + DEFAULT_TAIL_DAYS * 24))

    @property
    def main_event(self) -> Event:
        """The event a duration control acts on: the first one."""
        return self.events[0]

    def baseline_mapping(self) -> BaselineMapping:
        """How the published methods see the first event (see ``events.BaselineMapping``)."""
        return spec_of(self.main_event).baseline(self.main_event)

    def baseline_kind(self) -> tuple[str, tuple[str, ...], float]:
        """(kind, apps, share_affected) for the closed-form baselines.

        Each event kind's module says how it maps (shutdowns to full/mobile; app blocks,
        firewalls and exits to apps, collected over every event; events no published method
        covers to a full shutdown of the same length, labelled as a reference in the result).
        """
        mapping = self.baseline_mapping()
        if mapping.kind != "apps":
            return mapping.kind, (), mapping.share_affected
        apps = [app for e in self.events for app in spec_of(e).blocked_apps(e)]
        return "apps", tuple(dict.fromkeys(apps)), mapping.share_affected

    def baseline_days(self) -> float | None:
        """Full-shutdown-equivalent days for the published methods, or None if not defined.

        The first event's kind defines them (a shutdown's staged restoration counts each stage's
        length times the share still cut off); None: use the simulated length.
        """
        return self.baseline_mapping().days

    def with_duration(self, days: float) -> Scenario:
        """A copy whose first event lasts ``days`` (the app's and sweeps' duration lever)."""
        if not (math.isfinite(days) and 0 < days <= MAX_HORIZON_DAYS):
            raise ScenarioError(
                f"duration {days!r} days",
                field="duration_days",
                allowed=f"0 < days <= {MAX_HORIZON_DAYS}",
            )
        first = self.events[0]
        if not hasattr(first, "duration_h"):
            raise ScenarioError(
                f"event kind {first.kind!r} has no duration",
                field="events[0]",
                allowed="an event with duration_h",
            )
        events = (first.model_copy(update={"duration_h": days * 24.0}),) + self.events[1:]
        data = self.model_dump()
        data["events"] = [e.model_dump() for e in events]
        if self.horizon_days is not None:
            data["horizon_days"] = max(self.horizon_days, days + DEFAULT_TAIL_DAYS)
        return scenario_from_dict(data, source=f"{self.name} (duration {days:g} d)")

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON of this scenario (provenance)."""
        data = self.model_dump(mode="json")
        for key in _RECORD_FIELDS:
            if not data.get(key):
                data.pop(key, None)
        text = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


def _format_loc(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(top level)"


_OPS = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<"}


def _check_finite(value: Any, loc: tuple[Any, ...], source: str) -> None:
    """Refuse NaN/inf anywhere (pydantic would report them as a misleading range error)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ScenarioError(
            f"{value!r} is not a finite number",
            file=source,
            field=_format_loc(loc),
            allowed="a finite number",
        )
    if isinstance(value, dict):
        for key, item in value.items():
            _check_finite(item, (*loc, key), source)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _check_finite(item, (*loc, i), source)


def _range_hint(loc: tuple[Any, ...]) -> str | None:
    """Both bounds of a numeric field (pydantic only reports the violated one), from the schema."""
    try:
        schema = Scenario.model_json_schema()
    except Exception:  # noqa: BLE001 - a hint only
        return None
    defs = schema.get("$defs", {})

    def deref(node: dict) -> dict:
        while isinstance(node, dict) and "$ref" in node:
            node = defs.get(node["$ref"].rsplit("/", 1)[-1], {})
        return node

    node: dict = schema
    for part in loc:
        node = deref(node)
        options = [deref(o) for o in node.get("anyOf", [])] or [node]
        nxt = None
        for option in options:
            if isinstance(part, int) and option.get("type") == "array":
                nxt = option.get("items", {})
            elif part in option.get("properties", {}):
                nxt = option["properties"][part]
            elif part in option.get("discriminator", {}).get("mapping", {}):
                nxt = {"$ref": option["discriminator"]["mapping"][part]}
            if nxt is not None:
                break
        if nxt is None:
            return None
        node = nxt
    for option in [deref(o) for o in deref(node).get("anyOf", [])] or [deref(node)]:
        lo = option.get("minimum", option.get("exclusiveMinimum"))
        hi = option.get("maximum", option.get("exclusiveMaximum"))
        if lo is not None or hi is not None:
            left = "(" if "exclusiveMinimum" in option else "["
            right = ")" if "exclusiveMaximum" in option else "]"
            return (
                f"number in {left}{lo if lo is not None else '-inf'}, "
                f"{hi if hi is not None else 'inf'}{right}"
            )
    return None


def _check_horizon(scenario: Scenario, source: str) -> None:
    """Every event must start, and every fixed-length event end, within the horizon."""
    horizon_h = scenario.horizon_h
    allowed = (
        f"0 <= start_h < horizon ({horizon_h} h) and start_h + duration_h <= horizon"
        if scenario.horizon_days is not None
        else f"start_h < horizon ({horizon_h} h)"
    )
    for i, event in enumerate(scenario.events):
        if event.start_h >= horizon_h:
            raise ScenarioError(
                f"starts at hour {event.start_h:g}, after the horizon",
                file=source,
                field=f"events[{i}].start_h",
                allowed=allowed,
            )
        end = event.end_h()
        if scenario.horizon_days is not None and end is not None and end > horizon_h:
            raise ScenarioError(
                f"ends at hour {end:g}, after the horizon",
                file=source,
                field=f"events[{i}].duration_h",
                allowed=allowed,
            )


def scenario_from_dict(data: Any, *, source: str = "<scenario>") -> Scenario:
    """Validate a mapping into a Scenario; raise ScenarioError naming the field path."""
    if not isinstance(data, dict):
        raise ScenarioError(
            f"top level is {type(data).__name__}",
            file=source,
            field="(top level)",
            allowed="a mapping with name, region, year, events",
        )
    _check_finite(data, (), source)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = _format_loc(tuple(first.get("loc", ())))
        if isinstance(first.get("input"), bool) and not first.get("type", "").startswith("bool"):
            raise ScenarioError(  # e.g. year: true, which a lax schema reads as 1
                f"{str(first['input']).lower()} is a yes/no value",
                file=source,
                field=loc,
                allowed="a number",
            ) from None
        if isinstance(first.get("input"), str) and first.get("type") in (
            "float_parsing",
            "int_parsing",
        ):  # e.g. duration_h: 24:00 (YAML 1.1 would have read 1440)
            raise ScenarioError(
                f"{first['input']!r} is text, not a number",
                file=source,
                field=loc,
                allowed="an integer" if first["type"] == "int_parsing" else "a number",
            ) from None
        msg = first.get("msg", "invalid value")
        ctx = first.get("ctx") or {}
        allowed = ", ".join(f"{_OPS.get(k, k)} {v}" for k, v in ctx.items() if k != "error") or None
        if first.get("type") in (
            "greater_than",
            "greater_than_equal",
            "less_than",
            "less_than_equal",
        ):
            allowed = _range_hint(tuple(first.get("loc", ()))) or allowed
        if first.get("type") == "union_tag_invalid":
            allowed = str(ctx.get("expected_tags", allowed))
        raise ScenarioError(msg, file=source, field=loc, allowed=allowed) from None
    where = bool_as_number(data, scenario.model_dump())
    if where is not None:  # duration_h: true would otherwise be 1 hour
        raise ScenarioError(
            "true/false where a number belongs",
            file=source,
            field=_format_loc(where),
            allowed="a number",
        )
    _check_horizon(scenario, source)
    _validate_against_network(scenario, source)
    return scenario


def _validate_against_network(scenario: Scenario, source: str) -> None:
    """Check names (apps, cables, stations, clusters) against the region's network."""
    from .events import validate_against
    from .network import load_network
    from .params.country import is_country
    from .params.economy import available_regions

    regions = available_regions()
    if scenario.region not in regions and not is_country(scenario.region):
        raise ScenarioError(
            f"unknown region {scenario.region!r}",
            file=source,
            field="region",
            allowed=", ".join(regions) + " or an ISO3 code in parameters/world/economies.csv",
        )
    network = load_network(scenario.region, scenario.infrastructure, year=scenario.year)
    try:
        validate_against(scenario.events, network)
    except ScenarioError as err:
        if err.file is None:
            err.file = source
        raise ScenarioError(
            err.message, file=source, field=err.field, allowed=err.allowed
        ) from None


def scenario_path(name_or_path: str | Path) -> Path:
    """Resolve a scenario name (``hk-2019-full-shutdown-1d``) or a path to a file."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    for folder in (SCENARIOS_DIR, SCENARIOS_DIR / EVENTS_SUBDIR):
        candidate = folder / f"{name_or_path}.yaml"
        if candidate.is_file():
            return candidate
    raise ScenarioError(
        f"no scenario named {str(name_or_path)!r}",
        field="SCENARIO",
        allowed=", ".join(list_scenarios())
        + ", a real event (shutdown-sim hindcast --list) or a path to a .yaml file",
    )


def list_scenarios() -> list[str]:
    """Names of the bundled scenarios (top level of ``scenarios/``; real events are apart)."""
    return sorted(p.stem for p in SCENARIOS_DIR.glob("*.yaml"))


def list_events() -> list[str]:
    """Names of the bundled real-event (hindcast) scenarios in ``scenarios/events/``."""
    return sorted(p.stem for p in (SCENARIOS_DIR / EVENTS_SUBDIR).glob("*.yaml"))


def load_bundled_scenarios() -> tuple[dict[str, Scenario], dict[str, str]]:
    """Every bundled scenario that loads, and one error line for each that does not.

    One broken file in the folder must not take the others down (the app lists the errors).
    """
    loaded: dict[str, Scenario] = {}
    failed: dict[str, str] = {}
    for name in list_scenarios():
        try:
            loaded[name] = load_scenario(name)
        except (InputError, OSError, ValueError) as err:  # ValueError: e.g. not UTF-8
            failed[name] = str(err)
    return loaded, failed


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario file (or bundled scenario name)."""
    resolved = scenario_path(path)
    data = read_yaml_file(resolved, error=ScenarioError)
    return scenario_from_dict(data, source=str(resolved))


def load_scenario_text(text: str, *, source: str = "<upload>") -> Scenario:
    """Validate scenario YAML given as text (app uploads)."""
    return scenario_from_dict(
        parse_yaml_text(text, source=source, error=ScenarioError), source=source
    )
