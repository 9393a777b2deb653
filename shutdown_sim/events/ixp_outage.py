"""``ixp_outage``: an internet exchange goes down; its domestic traffic hairpins via transit,
which has limited headroom."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from .base import NOT_COVERED, EventKind, EventModel, Hours, Name, check_name, end_of

if TYPE_CHECKING:
    from ..timeline import World


class IxpOutage(EventModel):
    """An internet exchange down: its domestic traffic hairpins via transit headroom."""

    kind: Literal["ixp_outage"] = "ixp_outage"
    ixp: Name
    duration_h: Hours | None = None

    def summary(self) -> str:
        return f"IXP {self.ixp} down from hour {self.start_h:g} {self._until(self.duration_h)}"


def ixp_outage(world: World, key: str, e: IxpOutage, horizon_h: float):
    """An IXP goes down: domestic traffic hairpins via transit with limited headroom."""
    s = world.state
    yield world.until(e.start_h)
    s.ixp_down[e.ixp] = s.ixp_down.get(e.ixp, 0) + 1
    world.changed()
    world.note("ixp_outage", e.summary())
    if e.duration_h is None:
        return
    yield world.until(end_of(e, horizon_h))
    s.ixp_down[e.ixp] -= 1
    world.changed()
    world.note("ixp_outage", f"IXP {e.ixp} restored")


def check_names(e: IxpOutage, network: Any, at: str) -> None:
    check_name(e.ixp, network.ixps, f"{at}.ixp")


SPEC = EventKind(
    model=IxpOutage,
    process=ixp_outage,
    label={"en": "Internet exchange outage", "zh-Hant": "互聯網交換中心故障"},
    baseline=lambda e: NOT_COVERED,
    check_names=check_names,
    examples=({"kind": "ixp_outage", "start_h": 0, "ixp": "hkix", "duration_h": 8},),
)
