"""``firewall``: national filtering; listed apps and services blocked, international traffic
throttled, users taking up VPNs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

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


class Firewall(EventModel):
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


def firewall(world: World, key: str, e: Firewall, horizon_h: float):
    """National filtering: blocked apps/services, throttled international traffic, VPN uptake."""
    yield world.until(e.start_h)
    end_h = end_of(e, horizon_h)
    world.active.add(key)
    world.note("firewall", e.summary())
    if e.international_throttle_share < 1:
        world.state.intl_throttle[key] = e.international_throttle_share
    services = {world.network.service_of(n): e.compliance for n in e.blocked}
    world.block_with_circumvention(key, services, e.circumvention, "vpn_cap_firewall_share")
    world.changed()
    if e.duration_h is None:
        return
    yield world.until(end_h)
    world.lift_blocks(key)
    world.note("firewall", "firewall lifted")


def check_names(e: Firewall, network: Any, at: str) -> None:
    targets = tuple(network.apps) + tuple(network.service_names)
    for j, name in enumerate(e.blocked):
        check_name(name, targets, f"{at}.blocked[{j}]")


def baseline(e: Firewall) -> BaselineMapping:
    """The methods' app-block kind over the blocked apps; days = the firewall's."""
    days = None if e.duration_h is None else float(e.duration_h) / 24.0
    return BaselineMapping("apps", days=days)


LABEL = {"en": "National firewall", "zh-Hant": "國家防火牆"}
SPEC = EventKind(
    model=Firewall,
    process=firewall,
    label=LABEL,
    baseline=baseline,
    check_names=check_names,
    blocked_apps=lambda e: e.apps,
    choices={"firewall": Choice({}, LABEL)},
    examples=(
        {
            "kind": "firewall",
            "start_h": 0,
            "duration_h": 720,
            "blocked": ["telegram", "youtube"],
            "international_throttle_share": 0.7,
        },
    ),
)
