"""What every event kind shares: field types, the model base class and the kind's spec.

A kind's module defines a pydantic model (derived from :class:`EventModel`), its SimPy process
and one :class:`EventKind` (``SPEC``) that names them together with its labels, the published
methods' view of it (:class:`BaselineMapping`) and its name checks against the network.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Generator, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import ScenarioError

if TYPE_CHECKING:
    from ..timeline import World

Hours = Annotated[float, Field(ge=0, le=3 * 366 * 24)]
Share = Annotated[float, Field(ge=0, le=1)]
Name = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_:\-]+$")]
LANGS = ("en", "zh-Hant")
Text = Mapping[str, str]  # language code (LANGS) -> text
Process = Callable[["World", str, Any, float], Generator[Any, Any, None]]


class EventModel(BaseModel):
    """Base of every event: frozen, no unknown fields, a start hour."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start_h: Hours = Field(description="hour the event starts (from the start of the simulation)")

    def _until(self, duration_h: float | None) -> str:
        return "to the horizon" if duration_h is None else f"for {duration_h:g} h"

    def end_h(self) -> float | None:
        """Hour the event's direct effect ends (None: to the horizon or open-ended)."""
        duration = getattr(self, "duration_h", None)
        return None if duration is None else float(self.start_h) + float(duration)

    def summary(self) -> str:
        """The event in plain words (``validate`` and the event log)."""
        raise NotImplementedError


@dataclass(frozen=True)
class BaselineMapping:
    """How the published closed-form methods see one event.

    kind : ``full`` | ``mobile`` | ``apps`` (see :mod:`shutdown_sim.baselines`).
    share_affected : share of users under the event, in [0, 1].
    days : full-shutdown-equivalent days; None = the simulated length of the disruption.
    covered : False when no published method covers the kind; the full-shutdown figures of the
        same length are then shown as a reference, and the result says so.
    """

    kind: Literal["full", "mobile", "apps"] = "full"
    share_affected: float = 1.0
    days: float | None = None
    covered: bool = True


NOT_COVERED = BaselineMapping("full", covered=False)


@dataclass(frozen=True)
class Choice:
    """A preset of a kind offered as its own choice (the app's builder, the brief's wording).

    fields : event fields the preset sets (e.g. ``{"scope": "mobile"}``).
    label : title in each language ("Mobile data shutdown").
    phrase : the same inside a sentence ("mobile-data shutdown"); None = the kind's phrase.
    """

    fields: Mapping[str, Any]
    label: Text
    phrase: Text | None = None


def check_name(name: str, allowed: Iterable[str], field: str) -> None:
    """Raise ScenarioError naming ``field`` unless ``name`` is one of ``allowed``."""
    allowed = tuple(allowed)
    if name not in allowed:
        raise ScenarioError(f"unknown name {name!r}", field=field, allowed=", ".join(allowed))


def no_names(event: Any, network: Any, at: str) -> None:
    """Name check of kinds that name nothing in the network."""


def no_apps(event: Any) -> tuple[str, ...]:
    """Apps blocked by kinds that block none."""
    return ()


@dataclass(frozen=True)
class EventKind:
    """Everything the rest of the package knows about one kind of event.

    model : the pydantic model (its ``kind`` literal is the key; its docstring's first line is
        the kind's description).
    process : SimPy generator ``process(world, key, event, horizon_h)`` (see :mod:`..timeline`).
    label : the kind's name in each language of ``LANGS``.
    baseline : event -> :class:`BaselineMapping`.
    check_names : ``check_names(event, network, at)`` raises ScenarioError for an unknown name;
        ``at`` is the event's field path (``events[3]``).
    blocked_apps : event -> apps it blocks (the published methods' ``apps`` kind collects them).
    phrase : the kind inside a sentence ("block of apps ({apps})"); None = a generic wording.
    choices : presets offered as their own choice, keyed by a short name unique across kinds.
    examples : valid events (mappings) for the bundled Hong Kong network (tests, docs).
    """

    model: type[EventModel]
    process: Process
    label: Text
    baseline: Callable[[Any], BaselineMapping]
    check_names: Callable[[Any, Any, str], None] = no_names
    blocked_apps: Callable[[Any], tuple[str, ...]] = no_apps
    phrase: Text | None = None
    choices: Mapping[str, Choice] = field(default_factory=dict)
    examples: tuple[Mapping[str, Any], ...] = ()

    @property
    def kind(self) -> str:
        return str(self.model.model_fields["kind"].default)

    @property
    def description(self) -> str:
        """The kind in plain words: the first paragraph of the model's docstring, on one line."""
        first = (inspect.getdoc(self.model) or "").split("\n\n")[0]
        return " ".join(first.split())

    def phrase_of(self, event: Any) -> Text | None:
        """The wording of ``event`` inside a sentence: its choice's phrase, else the kind's."""
        name = self.choice_of(event)
        choice = self.choices.get(name) if name else None
        return choice.phrase if choice and choice.phrase else self.phrase

    def choice_of(self, event: Any) -> str | None:
        """Name of the first choice whose fields ``event`` (model or mapping) has, else None."""
        get = event.get if isinstance(event, Mapping) else lambda k: getattr(event, k, None)
        for name, choice in self.choices.items():
            if all(get(k) == v for k, v in choice.fields.items()):
                return name
        return None


def end_of(event: Any, horizon_h: float) -> float:
    """Hour ``event`` ends, capped at the horizon (the horizon when it has no duration)."""
    duration = getattr(event, "duration_h", None)
    return horizon_h if duration is None else min(horizon_h, event.start_h + duration)
