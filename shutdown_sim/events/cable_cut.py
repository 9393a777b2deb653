"""``cable_cut``: submarine cables break (listed, or a named group); traffic is rerouted and
repair ships (a shared, scarce resource) fix the cables one by one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from .base import NOT_COVERED, Choice, EventKind, EventModel, Name, check_name

if TYPE_CHECKING:
    from ..timeline import World


class CableCut(EventModel):
    """Submarine cables cut (listed, or a named group); repair ships fix them one by one."""

    kind: Literal["cable_cut"] = "cable_cut"
    cables: tuple[Name, ...] = Field(default=(), max_length=50)
    group: Name | None = None
    repair: bool = Field(default=True, description="false = never repaired within the horizon")

    @model_validator(mode="after")
    def _one_of(self) -> CableCut:
        if bool(self.cables) == bool(self.group):
            raise ValueError("give either cables (a list) or group (a name), not both")
        return self

    def summary(self) -> str:
        what = f"group {self.group}" if self.group else ", ".join(self.cables)
        return f"cable cut ({what}) at hour {self.start_h:g}"


def cable_cut(world: World, key: str, e: CableCut, horizon_h: float):
    """Cables break; traffic is rerouted; each cable waits for a repair ship."""
    s = world.state
    yield world.until(e.start_h)
    cables = e.cables or world.network.cable_groups[e.group]
    new = [c for c in cables if c not in s.cable_cut]
    s.cable_cut.update(new)
    world.note("cable_cut", f"{e.summary()}: {', '.join(new)} down")
    world.capacity_lost()
    if e.repair:
        for c in new:
            world.env.process(repair(world, c))


def repair(world: World, cable: str):
    """A cable joins the queue for a repair ship (a simpy.Resource) and is fixed in turn."""
    with world.ships.request() as ship:
        yield ship
        world.note("repair", f"repair ship assigned to cable {cable}")
        yield world.env.timeout(world.p("cable_repair_days") * 24.0)
        world.state.cable_cut.discard(cable)
        world.changed()
        world.note("repair", f"cable {cable} repaired at hour {world.env.now:g}")


def check_names(e: CableCut, network: Any, at: str) -> None:
    if e.group:
        check_name(e.group, network.cable_groups, f"{at}.group")
    for j, cable in enumerate(e.cables):
        check_name(cable, network.cables, f"{at}.cables[{j}]")


LABEL = {"en": "Submarine cable cut", "zh-Hant": "海底電纜中斷"}
SPEC = EventKind(
    model=CableCut,
    process=cable_cut,
    label=LABEL,
    baseline=lambda e: NOT_COVERED,
    check_names=check_names,
    choices={"cable": Choice({}, LABEL)},
    examples=(
        {"kind": "cable_cut", "start_h": 0, "cables": ["apg", "aag"]},
        {"kind": "cable_cut", "start_h": 12, "group": "west", "repair": False},
    ),
)
