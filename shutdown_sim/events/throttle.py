"""``throttle``: users get a share of normal speed (all access, mobile, fixed or international)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from .base import NOT_COVERED, EventKind, EventModel, Hours, Share, end_of

if TYPE_CHECKING:
    from ..timeline import World


class Throttle(EventModel):
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


def throttle(world: World, key: str, e: Throttle, horizon_h: float):
    """Throttle access or international traffic to a share of normal speed."""
    s = world.state
    yield world.until(e.start_h)
    world.note("throttle", e.summary())
    theta = e.capacity_share
    if e.scope == "international":
        s.intl_throttle[key] = theta
    else:
        s.access_throttle[key] = (
            theta if e.scope in ("all", "fixed") else 1.0,
            theta if e.scope in ("all", "mobile") else 1.0,
        )
    world.changed()
    if e.duration_h is None:
        return
    yield world.until(end_of(e, horizon_h))
    s.intl_throttle.pop(key, None)
    s.access_throttle.pop(key, None)
    world.changed()
    world.note("throttle", "throttling lifted")


SPEC = EventKind(
    model=Throttle,
    process=throttle,
    label={"en": "Throttling", "zh-Hant": "網絡限速"},
    baseline=lambda e: NOT_COVERED,
    examples=(
        {"kind": "throttle", "start_h": 0, "duration_h": 72, "scope": "mobile"},
        {"kind": "throttle", "start_h": 0, "scope": "international", "capacity_share": 0.3},
    ),
)
