"""Scenario events (the levers): one module per kind, the ``Event`` union and the registry.

Each kind's module holds its pydantic model, its SimPy process, its labels, how the published
methods see it and its name checks against the network, gathered in one
:class:`~shutdown_sim.events.base.EventKind` (``SPEC``). ``REGISTRY`` maps the kind's name to it;
the rest of the package asks the registry instead of testing kinds itself. Adding a kind is
adding a module and its line in ``_KIND_MODULES`` (see docs/adding-an-event-kind.md).

Times are hours from the start of the simulation (``start_h``); ``duration_h: null`` means "to
the end of the horizon". Names of apps, cables, landing stations and data-centre clusters are
checked against a region's network by :func:`validate_against` (the scenario loader calls it).
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Field

from . import (
    app_block,
    cable_cut,
    data_centre_outage,
    ddos,
    firewall,
    ixp_outage,
    landing_station_outage,
    measured,
    platform_exit,
    power_outage,
    shutdown,
    throttle,
)
from .app_block import AppBlock, Escalation
from .base import LANGS, BaselineMapping, Choice, EventKind, EventModel
from .cable_cut import CableCut
from .data_centre_outage import DataCentreOutage
from .ddos import Ddos
from .firewall import Firewall
from .ixp_outage import IxpOutage
from .landing_station_outage import LandingStationOutage
from .measured import Measured
from .platform_exit import PlatformExit
from .power_outage import PowerOutage
from .shutdown import RestorationStage, Shutdown
from .throttle import Throttle

# The order is the order of the union (error messages list the kinds in it) and of the app's
# choices.
_KIND_MODULES = (
    shutdown,
    app_block,
    throttle,
    cable_cut,
    landing_station_outage,
    data_centre_outage,
    ixp_outage,
    ddos,
    platform_exit,
    firewall,
    power_outage,
    measured,
)
REGISTRY: dict[str, EventKind] = {m.SPEC.kind: m.SPEC for m in _KIND_MODULES}
EVENT_KINDS: tuple[str, ...] = tuple(REGISTRY)
Event = Annotated[
    Union[tuple(spec.model for spec in REGISTRY.values())],  # noqa: UP007 - built at run time
    Field(discriminator="kind"),
]


def spec_of(event: Any) -> EventKind:
    """The registry entry of an event (a model or a mapping with ``kind``)."""
    kind = event.get("kind") if isinstance(event, dict) else getattr(event, "kind", None)
    return REGISTRY[str(kind)]


def choices() -> dict[str, tuple[EventKind, Choice]]:
    """Every kind's presets offered as their own choice: name -> (kind spec, choice)."""
    return {name: (spec, c) for spec in REGISTRY.values() for name, c in spec.choices.items()}


def validate_against(events: Any, network: Any) -> None:
    """Check every name an event uses against the network; raise ScenarioError naming the field.

    ``events`` is a list of events or anything with ``.events`` (a Scenario).
    """
    events = getattr(events, "events", events)
    for i, e in enumerate(events):
        REGISTRY[e.kind].check_names(e, network, f"events[{i}]")


__all__ = [
    "EVENT_KINDS",
    "LANGS",
    "REGISTRY",
    "AppBlock",
    "BaselineMapping",
    "CableCut",
    "Choice",
    "DataCentreOutage",
    "Ddos",
    "Escalation",
    "Event",
    "EventKind",
    "EventModel",
    "Firewall",
    "IxpOutage",
    "LandingStationOutage",
    "Measured",
    "PlatformExit",
    "PowerOutage",
    "RestorationStage",
    "Shutdown",
    "Throttle",
    "choices",
    "spec_of",
    "validate_against",
]
