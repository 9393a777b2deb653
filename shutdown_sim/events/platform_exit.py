"""``platform_exit``: a platform stops serving users in the region, for good or for a while."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from .base import BaselineMapping, EventKind, EventModel, Hours, Name, check_name, end_of

if TYPE_CHECKING:
    from ..timeline import World


class PlatformExit(EventModel):
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

    def end_h(self) -> float | None:
        """None: an exit counts as open-ended for the scenario's length and horizon."""
        return None

    def summary(self) -> str:
        how = "permanently" if self.permanent else f"for {self.duration_h:g} h"
        return f"{self.app} exits the market {how} at hour {self.start_h:g}"


def platform_exit(world: World, key: str, e: PlatformExit, horizon_h: float):
    """A platform stops serving the region (for good, unless temporary); its users move part of
    their activity to the best app still served (the substitution ramp of app blocks)."""
    yield world.until(e.start_h)
    service = world.network.service_of(e.app)
    world.state.exited.add(service)
    world.active.add(key)
    world.changed()
    world.note("platform_exit", e.summary())
    world.env.process(
        world.ramp(
            key,
            world.env.now,
            world.p("substitution_cap_share"),
            world.p("substitution_half_time_days"),
            lambda v: world.state.substitution.__setitem__(service, v),
        )
    )
    if e.permanent:
        return
    yield world.until(end_of(e, horizon_h))
    world.active.discard(key)
    world.state.exited.discard(service)
    world.state.substitution.pop(service, None)
    world.changed()
    world.note("platform_exit", f"{e.app} returns")


def check_names(e: PlatformExit, network: Any, at: str) -> None:
    check_name(e.app, network.apps, f"{at}.app")


SPEC = EventKind(
    model=PlatformExit,
    process=platform_exit,
    label={"en": "Platform leaves the market", "zh-Hant": "平台退出市場"},
    baseline=lambda e: BaselineMapping("apps"),
    check_names=check_names,
    blocked_apps=lambda e: (e.app,),
    examples=(
        {"kind": "platform_exit", "start_h": 0, "app": "tiktok"},
        {
            "kind": "platform_exit",
            "start_h": 0,
            "app": "youtube",
            "permanent": False,
            "duration_h": 48,
        },
    ),
)
