"""``app_block``: an order to block named apps; users find VPNs and move to other apps, and the
authority may chase them (escalation)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .base import (
    BaselineMapping,
    Choice,
    EventKind,
    EventModel,
    Hours,
    Name,
    Share,
    check_name,
    end_of,
)

if TYPE_CHECKING:
    from ..timeline import World


class Escalation(BaseModel):
    """The chase: after a reaction lag, block the app users moved to, in this order."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    apps: tuple[Name, ...] = Field(min_length=1, max_length=20)
    reaction_lag_h: Hours | None = Field(default=None, description="null = behaviour default")


class AppBlock(EventModel):
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


def app_block(world: World, key: str, e: AppBlock, horizon_h: float):
    """Block apps; users find VPNs and move to other apps; the authority chases them."""
    yield world.until(e.start_h)
    net = world.network
    end_h = end_of(e, horizon_h)
    world.active.add(key)
    world.note("app_block", e.summary())
    services = {net.service_of(a): e.compliance for a in e.apps}
    world.block_with_circumvention(key, services, e.circumvention, "vpn_cap_app_block_share")
    if e.escalation:
        world.env.process(escalate(world, key, e, end_h))
    if e.duration_h is None:
        return
    yield world.until(end_h)
    world.lift_blocks(key)
    world.note("app_block", f"block of {', '.join(world.blocked_log.pop(key, e.apps))} lifted")


def escalate(world: World, key: str, e: AppBlock, end_h: float):
    """The chase never ends: after a reaction lag, block the app users moved to."""
    if e.escalation is None:
        return
    lag_h = e.escalation.reaction_lag_h
    if lag_h is None:
        lag_h = world.p("escalation_reaction_lag_days") * 24.0
    moved_from = list(e.apps)
    for app in e.escalation.apps:
        yield world.env.timeout(lag_h)
        if key not in world.active or world.env.now >= end_h:
            return
        world.note(
            "escalation", f"users moved from {', '.join(moved_from)}: block {app} after {lag_h:g} h"
        )
        world.blocked_log.setdefault(key, tuple(e.apps))
        world.blocked_log[key] += (app,)
        services = {world.network.service_of(app): e.compliance}
        world.env.process(world.block_services(key, services, world.env.now, True))
        moved_from = [app]


def check_names(e: AppBlock, network: Any, at: str) -> None:
    for j, app in enumerate(e.apps):
        check_name(app, network.apps, f"{at}.apps[{j}]")
    if e.escalation:
        for j, app in enumerate(e.escalation.apps):
            check_name(app, network.apps, f"{at}.escalation.apps[{j}]")


def blocked_apps(e: AppBlock) -> tuple[str, ...]:
    return tuple(e.apps) + (tuple(e.escalation.apps) if e.escalation else ())


def baseline(e: AppBlock) -> BaselineMapping:
    """The methods' app-block kind over every app the scenario blocks; days = the block's."""
    days = None if e.duration_h is None else float(e.duration_h) / 24.0
    return BaselineMapping("apps", days=days)


LABEL = {"en": "Block apps", "zh-Hant": "封鎖應用程式"}
SPEC = EventKind(
    model=AppBlock,
    process=app_block,
    label=LABEL,
    baseline=baseline,
    check_names=check_names,
    blocked_apps=blocked_apps,
    phrase={"en": "block of apps ({apps})", "zh-Hant": "封鎖應用程式（{apps}）"},
    choices={"apps": Choice({}, LABEL)},
    examples=(
        {
            "kind": "app_block",
            "start_h": 0,
            "duration_h": 240,
            "apps": ["telegram"],
            "compliance": 0.9,
            "escalation": {"apps": ["whatsapp"], "reaction_lag_h": 48},
        },
    ),
)
