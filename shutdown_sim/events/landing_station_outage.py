"""``landing_station_outage``: a cable landing station (or a whole landing area) is lost, and
with it every cable landing there, until it is restored or traffic fails over."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from .base import NOT_COVERED, EventKind, EventModel, Hours, Name, check_name

if TYPE_CHECKING:
    from ..timeline import World


class LandingStationOutage(EventModel):
    """A landing station (or a whole landing area) lost: every cable landing there is down."""

    kind: Literal["landing_station_outage"] = "landing_station_outage"
    station: Name
    duration_h: Hours | None = Field(
        default=None, description="null = restored by failover after the failover delay"
    )

    def summary(self) -> str:
        until = "until failover" if self.duration_h is None else f"for {self.duration_h:g} h"
        return f"landing station {self.station} down at hour {self.start_h:g} {until}"


def landing_station_outage(world: World, key: str, e: LandingStationOutage, horizon_h: float):
    """A landing station (or area) goes down: every cable landing there loses that landing."""
    s = world.state
    yield world.until(e.start_h)
    stations = world.network.stations_of(e.station)
    for st in stations:
        s.station_down[st] = s.station_down.get(st, 0) + 1
    hit = [c for c, sts in world.network.cable_stations.items() if set(sts) & set(stations)]
    world.note("landing_station_outage", f"{e.summary()}: cables {', '.join(hit) or 'none'}")
    world.capacity_lost()
    duration = e.duration_h if e.duration_h is not None else world.p("failover_delay_h")
    yield world.until(min(horizon_h, e.start_h + duration))
    for st in stations:
        s.station_down[st] -= 1
    world.changed()
    world.note("landing_station_outage", f"landing station {e.station} back in service")


def check_names(e: LandingStationOutage, network: Any, at: str) -> None:
    check_name(e.station, network.station_names(), f"{at}.station")


SPEC = EventKind(
    model=LandingStationOutage,
    process=landing_station_outage,
    label={"en": "Landing station outage", "zh-Hant": "海纜登陸站故障"},
    baseline=lambda e: NOT_COVERED,
    check_names=check_names,
    examples=({"kind": "landing_station_outage", "start_h": 0, "station": "chung_hom_kok"},),
)
