"""Scenario events (the levers): pydantic models, one per kind, and the ``Event`` union.

Times are hours from the start of the simulation (``start_h``); ``duration_h: null`` means "to
the end of the horizon". Names of apps, cables, landing stations and data-centre clusters are
checked against a region's network by :func:`validate_against` (the scenario loader calls it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .errors import ScenarioError

Hours = Annotated[float, Field(ge=0, le=3 * 366 * 24)]
Share = Annotated[float, Field(ge=0, le=1)]
Name = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_:\-]+$")]


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    start_h: Hours = Field(description="hour the event starts (from the start of the simulation)")

    def _until(self, duration_h: float | None) -> str:
        return "to the horizon" if duration_h is None else f"for {duration_h:g} h"


class RestorationStage(BaseModel):
    """A restoration step after an order ends: ``share_restored`` (cumulative) ``after_h``."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    after_h: Hours = Field(description="hours after the end of the order")
    share_restored: Share = Field(description="cumulative share of affected users restored")


class Shutdown(_Event):
    """A shutdown order: national or regional, full, mobile-only or fixed-only access."""

    kind: Literal["shutdown"] = "shutdown"
    duration_h: Hours | None = Field(default=None, description="null = to the horizon")
    scope: Literal["full", "mobile", "fixed"] = "full"
    share_affected: Share = Field(default=1.0, description="share of users under the order")
    restoration: tuple[RestorationStage, ...] = Field(default=(), max_length=20)
    compliance_ramp_h: Hours | None = Field(
        default=None, description="hours until all ISPs comply (null = behaviour default)"
    )
    cuts_external_links: bool | None = Field(
        default=None,
        description="also cut external gateways (hosted services and transit "
        "for users abroad); null = yes for a full national order (share_affected = 1)",
    )

    @model_validator(mode="after")
    def _stages_increase(self) -> Shutdown:
        after = [s.after_h for s in self.restoration]
        shares = [s.share_restored for s in self.restoration]
        if after != sorted(after) or shares != sorted(shares):
            raise ValueError("restoration stages must increase in after_h and share_restored")
        if self.restoration and shares[-1] < 1.0:
            raise ValueError("the last restoration stage must restore share 1.0")
        return self

    @property
    def external_cut(self) -> bool:
        if self.cuts_external_links is not None:
            return self.cuts_external_links
        return self.scope == "full" and self.share_affected >= 1.0

    def summary(self) -> str:
        who = "national" if self.share_affected >= 1 else f"{self.share_affected:.0%} of users"
        stages = f", restored in {len(self.restoration)} stages" if self.restoration else ""
        return (
            f"{self.scope} shutdown ({who}) from hour {self.start_h:g} "
            f"{self._until(self.duration_h)}{stages}"
        )


class Escalation(BaseModel):
    """The chase: after a reaction lag, block the app users moved to, in this order."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    apps: tuple[Name, ...] = Field(min_length=1, max_length=20)
    reaction_lag_h: Hours | None = Field(default=None, description="null = behaviour default")


class AppBlock(_Event):
    """An order to block named apps, applied by ISPs with some compliance."""

    kind: Literal["app_block"] = "app_block"
    duration_h: Hours | None = None
    apps: tuple[Name, ...] = Field(min_length=1, max_length=20)
    compliance: Share = Field(default=1.0, description="share of traffic ISPs actually block")
    circumvention: bool = Field(default=True, description="users may circumvent (VPN)")
    escalation: Escalation | None = None

    def summary(self) -> str:
        chase = f", escalating to {', '.join(self.escalation.apps)}" if self.escalation else ""
        return (
            f"block {', '.join(self.apps)} (compliance {self.compliance:.0%}) from hour "
            f"{self.start_h:g} {self._until(self.duration_h)}{chase}"
        )


class Throttle(_Event):
    """Throttling: users get ``capacity_share`` of normal speed (usability share ** gamma)."""

    kind: Literal["throttle"] = "throttle"
    duration_h: Hours | None = None
    scope: Literal["all", "international", "mobile", "fixed"] = "all"
    capacity_share: Share = 0.5

    def summary(self) -> str:
        return (
            f"throttle {self.scope} to {self.capacity_share:.0%} from hour {self.start_h:g} "
            f"{self._until(self.duration_h)}"
        )


class CableCut(_Event):
    """Submarine cables cut (listed, or a named group); repair ships fix them one by one."""

    kind: Literal["cable_cut"] = "cable_cut"
    cables: tuple[Name, ...] = Field(default=(), max_length=50)
    group: Name | None = None
    repair: bool = Field(default=True, description="false = never repaired within the horizon")

    @model_validator(mode="after")
    def _one_of(self) -> CableCut:
        if bool(self.cables) == bool(self.group):
            raise ValueError("give either cables (a list) or group (a name), not both")
        return self

    def summary(self) -> str:
        what = f"group {self.group}" if self.group else ", ".join(self.cables)
        return f"cable cut ({what}) at hour {self.start_h:g}"


class LandingStationOutage(_Event):
    """A landing station (or a whole landing area) lost: every cable landing there is down."""

    kind: Literal["landing_station_outage"] = "landing_station_outage"
    station: Name
    duration_h: Hours | None = Field(
        default=None, description="null = restored by failover after the failover delay"
    )

    def summary(self) -> str:
        until = "until failover" if self.duration_h is None else f"for {self.duration_h:g} h"
        return f"landing station {self.station} down at hour {self.start_h:g} {until}"


class DataCentreOutage(_Event):
    """A data-centre cluster down; tenants with offshore DR fail over after a delay."""

    kind: Literal["data_centre_outage"] = "data_centre_outage"
    cluster: Name
    duration_h: Hours | None = None

    def summary(self) -> str:
        return (
            f"data-centre cluster {self.cluster} down from hour {self.start_h:g} "
            f"{self._until(self.duration_h)}"
        )


class IxpOutage(_Event):
    """An internet exchange down: its domestic traffic hairpins via transit headroom."""

    kind: Literal["ixp_outage"] = "ixp_outage"
    ixp: Name
    duration_h: Hours | None = None

    def summary(self) -> str:
        return f"IXP {self.ixp} down from hour {self.start_h:g} {self._until(self.duration_h)}"


class Ddos(_Event):
    """A DDoS on a platform or service until it is mitigated."""

    kind: Literal["ddos"] = "ddos"
    target: Name = Field(description="an app (telegram) or a service (cloud, app:lihkg)")
    severity_share: Share = Field(default=1.0, description="share of the service knocked out")
    mitigation_h: Hours | None = Field(default=None, description="null = behaviour default")

    def summary(self) -> str:
        return f"DDoS on {self.target} ({self.severity_share:.0%}) at hour {self.start_h:g}"


class PlatformExit(_Event):
    """A platform leaves the market (e.g. stops serving users in the region)."""

    kind: Literal["platform_exit"] = "platform_exit"
    app: Name
    permanent: bool = True
    duration_h: Hours | None = Field(default=None, description="only when permanent is false")

    @model_validator(mode="after")
    def _duration(self) -> PlatformExit:
        if self.permanent and self.duration_h is not None:
            raise ValueError("a permanent exit has no duration_h")
        if not self.permanent and self.duration_h is None:
            raise ValueError("a temporary exit needs duration_h")
        return self

    def summary(self) -> str:
        how = "permanently" if self.permanent else f"for {self.duration_h:g} h"
        return f"{self.app} exits the market {how} at hour {self.start_h:g}"


class Firewall(_Event):
    """National filtering: listed apps/services blocked, international traffic throttled."""

    kind: Literal["firewall"] = "firewall"
    duration_h: Hours | None = None
    blocked: tuple[Name, ...] = Field(default=(), max_length=50)
    international_throttle_share: Share = Field(
        default=1.0, description="share of normal international speed (1 = no throttle)"
    )
    compliance: Share = 1.0
    circumvention: bool = True

    @property
    def apps(self) -> tuple[str, ...]:
        """The blocked names that are apps (services such as "international" left out)."""
        core = ("domestic", "international", "cloud", "payments")
        return tuple(n.removeprefix("app:") for n in self.blocked if n not in core)

    def summary(self) -> str:
        thr = (
            f", international at {self.international_throttle_share:.0%}"
            if self.international_throttle_share < 1
            else ""
        )
        return (
            f"firewall blocking {', '.join(self.blocked) or 'nothing'}{thr} from hour "
            f"{self.start_h:g} {self._until(self.duration_h)}"
        )


Event = Annotated[
    Shutdown
    | AppBlock
    | Throttle
    | CableCut
    | LandingStationOutage
    | DataCentreOutage
    | IxpOutage
    | Ddos
    | PlatformExit
    | Firewall,
    Field(discriminator="kind"),
]
EVENT_KINDS = (
    "shutdown",
    "app_block",
    "throttle",
    "cable_cut",
    "landing_station_outage",
    "data_centre_outage",
    "ixp_outage",
    "ddos",
    "platform_exit",
    "firewall",
)


def _check(name: str, allowed: Iterable[str], field: str) -> None:
    allowed = tuple(allowed)
    if name not in allowed:
        raise ScenarioError(f"unknown name {name!r}", field=field, allowed=", ".join(allowed))


def validate_against(events: Any, network: Any) -> None:
    """Check every name an event uses against the network; raise ScenarioError naming the field.

    ``events`` is a list of events or anything with ``.events`` (a Scenario).
    """
    events = getattr(events, "events", events)
    apps = tuple(network.apps)
    targets = apps + tuple(network.service_names)
    for i, e in enumerate(events):
        at = f"events[{i}]"
        if e.kind == "app_block":
            for j, app in enumerate(e.apps):
                _check(app, apps, f"{at}.apps[{j}]")
            if e.escalation:
                for j, app in enumerate(e.escalation.apps):
                    _check(app, apps, f"{at}.escalation.apps[{j}]")
        elif e.kind == "firewall":
            for j, name in enumerate(e.blocked):
                _check(name, targets, f"{at}.blocked[{j}]")
        elif e.kind == "platform_exit":
            _check(e.app, apps, f"{at}.app")
        elif e.kind == "ddos":
            _check(e.target, targets, f"{at}.target")
        elif e.kind == "cable_cut":
            if e.group:
                _check(e.group, network.cable_groups, f"{at}.group")
            for j, cable in enumerate(e.cables):
                _check(cable, network.cables, f"{at}.cables[{j}]")
        elif e.kind == "landing_station_outage":
            _check(e.station, network.station_names(), f"{at}.station")
        elif e.kind == "data_centre_outage":
            _check(e.cluster, network.dc_clusters, f"{at}.cluster")
        elif e.kind == "ixp_outage":
            _check(e.ixp, network.ixps, f"{at}.ixp")
