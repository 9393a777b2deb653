"""``data_centre_outage``: a data-centre cluster goes down; tenants with offshore disaster
recovery fail over after a delay and fail back when it returns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from .base import NOT_COVERED, EventKind, EventModel, Hours, Name, check_name, end_of

if TYPE_CHECKING:
    from ..timeline import World


class DataCentreOutage(EventModel):
    """A data-centre cluster down; tenants with offshore DR fail over after a delay."""

    kind: Literal["data_centre_outage"] = "data_centre_outage"
    cluster: Name
    duration_h: Hours | None = None

    def summary(self) -> str:
        return (
            f"data-centre cluster {self.cluster} down from hour {self.start_h:g} "
            f"{self._until(self.duration_h)}"
        )


def data_centre_outage(world: World, key: str, e: DataCentreOutage, horizon_h: float):
    """A data-centre cluster goes down; tenants with offshore DR fail over after a delay."""
    s = world.state
    yield world.until(e.start_h)
    world.active.add(key)
    s.dc_down[e.cluster] = s.dc_down.get(e.cluster, 0) + 1
    world.changed()
    world.note("data_centre_outage", e.summary())
    world.env.process(world.failover(key, (e.cluster,)))
    if e.duration_h is None:
        return
    yield world.until(end_of(e, horizon_h))
    world.active.discard(key)
    s.dc_down[e.cluster] -= 1
    world.fail_back(key)
    world.changed()
    world.note("data_centre_outage", f"cluster {e.cluster} restored; tenants fail back")


def check_names(e: DataCentreOutage, network: Any, at: str) -> None:
    check_name(e.cluster, network.dc_clusters, f"{at}.cluster")


SPEC = EventKind(
    model=DataCentreOutage,
    process=data_centre_outage,
    label={"en": "Data-centre outage", "zh-Hant": "數據中心故障"},
    baseline=lambda e: NOT_COVERED,
    check_names=check_names,
    examples=({"kind": "data_centre_outage", "start_h": 0, "cluster": "dc_rest", "duration_h": 6},),
)
