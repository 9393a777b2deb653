"""``shutdown``: an order to switch internet access off (national or regional; full, mobile-only
or fixed-only), applied by ISPs over a compliance ramp and lifted in restoration stages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .base import BaselineMapping, Choice, EventKind, EventModel, Hours, Share, end_of

if TYPE_CHECKING:
    from ..timeline import World


class RestorationStage(BaseModel):
    """A restoration step after an order ends: ``share_restored`` (cumulative) ``after_h``."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    after_h: Hours = Field(description="hours after the end of the order")
    share_restored: Share = Field(description="cumulative share of affected users restored")


class Shutdown(EventModel):
    """A shutdown order: national or regional, full, mobile-only or fixed-only access."""

    kind: Literal["shutdown"] = "shutdown"
    duration_h: Hours | None = Field(default=None, description="null = to the horizon")
    scope: Literal["full", "mobile", "fixed"] = "full"
    share_affected: Share = Field(default=1.0, description="share of users under the order")
    restoration: tuple[RestorationStage, ...] = Field(default=(), max_length=20)
    compliance_ramp_h: Hours | None = Field(
        default=None, description="hours until all ISPs comply (null = behaviour default)"
    )
    private_networks: Literal["spared", "cut"] | None = Field(
        default=None,
        description="leased lines and enterprise networks: spared (left up, as orders usually "
        "do) or cut; null = the model's structural choice (spared unless changed)",
    )
    cuts_external_links: bool | None = Field(
        default=None,
        description="also cut external gateways (hosted services and transit "
        "for users abroad); null = yes for a full national order (share_affected = 1)",
    )

    @model_validator(mode="after")
    def _stages_increase(self) -> Shutdown:
        after = [s.after_h for s in self.restoration]
        shares = [s.share_restored for s in self.restoration]
        if after != sorted(after) or shares != sorted(shares):
            raise ValueError("restoration stages must increase in after_h and share_restored")
        if self.restoration and shares[-1] < 1.0:
            raise ValueError("the last restoration stage must restore share 1.0")
        return self

    @property
    def external_cut(self) -> bool:
        if self.cuts_external_links is not None:
            return self.cuts_external_links
        return self.scope == "full" and self.share_affected >= 1.0

    def summary(self) -> str:
        who = "all users" if self.share_affected >= 1 else f"{self.share_affected:.0%} of users"
        stages = f", restored in {len(self.restoration)} stages" if self.restoration else ""
        return (
            f"{self.scope} shutdown ({who}) from hour {self.start_h:g} "
            f"{self._until(self.duration_h)}{stages}; private networks {self.private_choice()}"
        )

    def private_choice(self, default: str | None = None) -> str:
        """``spared`` or ``cut``: this order's field, else ``default`` (the model's choice)."""
        if self.private_networks is not None:
            return self.private_networks
        if default is not None:
            return default
        from ..structure import StructuralChoices

        return StructuralChoices().private_networks


def shutdown_order(world: World, key: str, e: Shutdown, horizon_h: float):
    """Wait for the order, switch access off (ISPs comply over a ramp), restore in stages."""
    s = world.state
    yield world.until(e.start_h)
    loss = (
        e.share_affected if e.scope in ("full", "fixed") else 0.0,
        e.share_affected if e.scope in ("full", "mobile") else 0.0,
    )
    world.active.add(key)
    if e.private_choice(world.private_networks) == "spared":
        world.spared.add(key)  # leased lines and enterprise networks stay up
    world.note("shutdown", e.summary())
    ramp_h = (
        e.compliance_ramp_h if e.compliance_ramp_h is not None else world.p("isp_compliance_ramp_h")
    )
    end_h = end_of(e, horizon_h)
    if ramp_h > 0:
        s.access_loss[key] = (loss[0] / 2, loss[1] / 2)
        world.changed()
        yield world.env.timeout(min(ramp_h, max(0.0, end_h - world.env.now)))
    if world.env.now < end_h:
        s.access_loss[key] = loss
        if e.scope == "full":
            s.full_shutdown.add(key)
        if e.external_cut:
            s.external_cut[key] = e.share_affected
            world.env.process(world.failover(key, tuple(world.network.dc_clusters)))
            world.note(
                "shutdown",
                "external gateways cut: hosted services and transit unreachable from abroad",
            )
        world.changed()
        world.note("shutdown", "all ISPs comply")
    if e.duration_h is None:
        return
    yield world.until(end_h)
    s.full_shutdown.discard(key)
    s.external_cut.pop(key, None)
    world.fail_back(key)
    world.active.discard(key)
    yield from _restore(world, key, e, loss, end_h)


def _restore(world: World, key: str, e: Shutdown, loss: tuple[float, float], end_h: float):
    """Give access back stage by stage after the order ends, then fully."""
    s = world.state
    for stage in e.restoration:
        yield world.until(end_h + stage.after_h)
        remaining = 1.0 - stage.share_restored
        s.access_loss[key] = (loss[0] * remaining, loss[1] * remaining)
        world.changed()
        world.note("restoration", f"{stage.share_restored:.0%} of affected users restored")
    s.access_loss.pop(key, None)
    world.changed()
    world.note("restoration", "shutdown order lifted: access restored")


def baseline(e: Shutdown) -> BaselineMapping:
    """Full or mobile-only; days = duration plus each restoration stage's length times the share
    still cut off (7 days, then 60 % cut for a day and 30 % for a day = 7.9 days)."""
    days = None
    if e.duration_h is not None:
        hours = float(e.duration_h)
        stages = list(e.restoration)
        for stage, following in zip(stages, stages[1:]):
            hours += (following.after_h - stage.after_h) * (1.0 - stage.share_restored)
        days = hours / 24.0
    kind = "mobile" if e.scope == "mobile" else "full"
    return BaselineMapping(kind, share_affected=float(e.share_affected), days=days)


SPEC = EventKind(
    model=Shutdown,
    process=shutdown_order,
    label={"en": "Internet shutdown", "zh-Hant": "斷網"},
    baseline=baseline,
    phrase={"en": "internet shutdown", "zh-Hant": "斷網"},
    choices={
        "full": Choice(
            {"scope": "full"},
            {"en": "Full internet shutdown", "zh-Hant": "全面斷網"},
            {"en": "full internet shutdown", "zh-Hant": "全面斷網"},
        ),
        "mobile": Choice(
            {"scope": "mobile"},
            {"en": "Mobile data shutdown", "zh-Hant": "流動數據斷網"},
            {"en": "mobile-data shutdown", "zh-Hant": "流動數據斷網"},
        ),
        "fixed": Choice(
            {"scope": "fixed"},
            {"en": "Fixed broadband shutdown", "zh-Hant": "固網寬頻斷網"},
            {"en": "fixed-broadband shutdown", "zh-Hant": "固網寬頻斷網"},
        ),
    },
    examples=(
        {"kind": "shutdown", "start_h": 0, "duration_h": 24, "scope": "full"},
        {
            "kind": "shutdown",
            "start_h": 6,
            "duration_h": 48,
            "scope": "mobile",
            "share_affected": 0.3,
            "restoration": [
                {"after_h": 0, "share_restored": 0.5},
                {"after_h": 12, "share_restored": 1.0},
            ],
        },
    ),
)
