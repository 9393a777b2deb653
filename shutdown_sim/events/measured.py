"""``measured``: access follows a measured connectivity curve instead of a stylised order.

Real shutdowns are ragged (Iran, Nov 2019: down to about 15 % of normal within hours, back region
by region over days; Myanmar 2021: nightly cuts). A measurement project's hourly signal divided
by its normal level is the share of users with access in each hour; this kind applies that share
to fixed and mobile access (or one of them) from ``start_h`` on, hour by hour, and the rest of the
model (buffers, cascade, recapture) runs as usual. The curve is written into the event itself
(``availability``), so a scenario stays self-contained and its hash covers the curve;
:mod:`shutdown_sim.outages.measured` turns a measurement file into it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from .base import BaselineMapping, EventKind, EventModel, Share

if TYPE_CHECKING:
    from ..timeline import World

MAX_POINTS = 3 * 366 * 24
# Availability changes smaller than this are not new timeline segments (the engine's cost grows
# with the number of segments; 0.5 % of users is below any measurement's resolution here).
STEP_SHARE = 0.005


class Measured(EventModel):
    """Access follows a measured curve: each value is the share of normal connectivity in one
    step (value / normal level of a measurement signal)."""

    kind: Literal["measured"] = "measured"
    availability: tuple[Share, ...] = Field(min_length=1, max_length=MAX_POINTS)
    step_h: float = Field(default=1.0, gt=0, le=24, description="hours per value")
    scope: Literal["full", "mobile", "fixed"] = "full"
    source: str = Field(default="", max_length=500, description="where the curve comes from")

    @property
    def length_h(self) -> float:
        """Hours the curve covers (no ``duration_h``: the app's duration control leaves the
        curve alone)."""
        return len(self.availability) * self.step_h

    def end_h(self) -> float:
        return float(self.start_h) + self.length_h

    @property
    def lost_share_hours(self) -> float:
        """Hours of full outage the curve amounts to: sum of (1 - availability) x step."""
        return sum(1.0 - a for a in self.availability) * self.step_h

    def summary(self) -> str:
        low = min(self.availability)
        return (
            f"measured {self.scope} access from hour {self.start_h:g} for {self.length_h:g} h "
            f"(lowest {low:.0%} of normal; {self.lost_share_hours:.0f} full-outage hours)"
        )


def measured_access(world: World, key: str, e: Measured, horizon_h: float):
    """Set access to the measured share, step by step; drop the event when the curve ends."""
    s = world.state
    yield world.until(e.start_h)
    world.active.add(key)
    world.note("measured", e.summary())
    current = None
    for i, value in enumerate(e.availability):
        at = e.start_h + i * e.step_h
        if at >= horizon_h:
            break
        loss = round((1.0 - value) / STEP_SHARE) * STEP_SHARE
        if loss != current:
            yield world.until(at)
            current = loss
            s.access_loss[key] = (
                loss if e.scope in ("full", "fixed") else 0.0,
                loss if e.scope in ("full", "mobile") else 0.0,
            )
            world.changed()
    yield world.until(min(horizon_h, e.start_h + e.length_h))
    s.access_loss.pop(key, None)
    world.active.discard(key)
    world.changed()
    world.note("measured", "end of the measured curve: access back to normal")


def baseline(e: Measured) -> BaselineMapping:
    """Full (or mobile) shutdown of the curve's full-outage-equivalent days."""
    kind = "mobile" if e.scope == "mobile" else "full"
    return BaselineMapping(kind, share_affected=1.0, days=e.lost_share_hours / 24.0)


SPEC = EventKind(
    model=Measured,
    process=measured_access,
    label={"en": "Measured outage", "zh-Hant": "實測斷網"},
    baseline=baseline,
    phrase={"en": "measured outage", "zh-Hant": "實測斷網"},
    examples=(
        {
            "kind": "measured",
            "start_h": 0,
            "availability": [1.0, 0.5, 0.1, 0.05, 0.05, 0.3, 0.8, 1.0],
            "source": "made-up example curve",
        },
    ),
)
