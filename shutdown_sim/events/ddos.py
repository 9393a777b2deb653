"""``ddos``: a distributed denial-of-service attack knocks out a share of a platform or service
until it is mitigated."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from .base import NOT_COVERED, EventKind, EventModel, Hours, Name, Share, check_name

if TYPE_CHECKING:
    from ..timeline import World


class Ddos(EventModel):
    """A DDoS on a platform or service until it is mitigated."""

    kind: Literal["ddos"] = "ddos"
    target: Name = Field(description="an app (telegram) or a service (cloud, app:NAME)")
    severity_share: Share = Field(default=1.0, description="share of the service knocked out")
    mitigation_h: Hours | None = Field(default=None, description="null = behaviour default")

    def summary(self) -> str:
        return f"DDoS on {self.target} ({self.severity_share:.0%}) at hour {self.start_h:g}"


def ddos(world: World, key: str, e: Ddos, horizon_h: float):
    """A DDoS knocks out a share of a platform until it is mitigated."""
    yield world.until(e.start_h)
    service = world.network.service_of(e.target)
    world.state.ddos[key] = (service, e.severity_share)
    world.changed()
    world.note("ddos", e.summary())
    mitigation = e.mitigation_h if e.mitigation_h is not None else world.p("ddos_mitigation_h")
    yield world.until(min(horizon_h, e.start_h + mitigation))
    world.state.ddos.pop(key, None)
    world.changed()
    world.note("ddos", f"DDoS on {e.target} mitigated")


def check_names(e: Ddos, network: Any, at: str) -> None:
    check_name(e.target, tuple(network.apps) + tuple(network.service_names), f"{at}.target")


SPEC = EventKind(
    model=Ddos,
    process=ddos,
    label={"en": "DDoS attack", "zh-Hant": "分散式阻斷服務（DDoS）攻擊"},
    baseline=lambda e: NOT_COVERED,
    check_names=check_names,
    examples=({"kind": "ddos", "start_h": 2, "target": "payments", "severity_share": 0.5},),
)
