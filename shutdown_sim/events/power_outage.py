"""``power_outage``: a power cut takes down the access networks of the users without power.

Home routers and fibre terminals need mains power, so fixed access goes at once; cell sites keep
serving on backup batteries for a few hours (``mobile_backup_h``, the user's choice: the FCC's
2007 rule of 8 hours at US cell sites after Hurricane Katrina never came into force; Light
Reading, "Sandy: The Case for Better Cell Site Backup?", 2012). Data centres, landing stations
and exchanges are taken to stay up on their own generators (add ``data_centre_outage`` events if
they do not). Only the internet's part of the loss is modelled, not the power cut's direct cost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from .base import NOT_COVERED, EventKind, EventModel, Hours, Share, end_of

if TYPE_CHECKING:
    from ..timeline import World


class PowerOutage(EventModel):
    """A power cut: access of the users without power goes down (mobile once cell-site batteries
    run out); only the internet's part of the loss is modelled."""

    kind: Literal["power_outage"] = "power_outage"
    duration_h: Hours | None = Field(default=None, description="null = to the horizon")
    share_affected: Share = Field(default=1.0, description="share of users without power")
    mobile_backup_h: Hours = Field(
        default=0.0, description="hours cell sites keep serving on backup batteries (0 = none)"
    )

    def summary(self) -> str:
        who = "all users" if self.share_affected >= 1 else f"{self.share_affected:.0%} of users"
        return (
            f"power outage ({who}, cell-site batteries {self.mobile_backup_h:g} h) from hour "
            f"{self.start_h:g} {self._until(self.duration_h)}"
        )


def power_outage(world: World, key: str, e: PowerOutage, horizon_h: float):
    """Fixed access goes with the power; mobile access once the cell sites' batteries run out."""
    s = world.state
    yield world.until(e.start_h)
    end_h = end_of(e, horizon_h)
    world.note("power_outage", e.summary())
    s.access_loss[key] = (e.share_affected, 0.0)
    world.changed()
    yield world.until(min(end_h, e.start_h + e.mobile_backup_h))
    if world.env.now < end_h:
        s.access_loss[key] = (e.share_affected, e.share_affected)
        world.changed()
        world.note("power_outage", "cell-site backup batteries exhausted: mobile access down")
    if e.duration_h is None:
        return
    yield world.until(end_h)
    s.access_loss.pop(key, None)
    world.changed()
    world.note("power_outage", "power restored: access back")


SPEC = EventKind(
    model=PowerOutage,
    process=power_outage,
    label={"en": "Power outage", "zh-Hant": "停電"},
    baseline=lambda e: NOT_COVERED,  # no published method prices a power cut's internet part
    examples=(
        {
            "kind": "power_outage",
            "start_h": 0,
            "duration_h": 24,
            "share_affected": 0.5,
            "mobile_backup_h": 4,
        },
    ),
)
