"""SimPy timeline: events -> piecewise-constant availability per service on an hourly grid.

Each event kind is a short process that reads like its story (an order is issued, ISPs comply,
users find VPNs, the authority escalates, ships repair cables one by one). Processes change a
shared :class:`~shutdown_sim.network.NetworkState`; after every change the recorder evaluates the
pure availability function, and :func:`build_timeline` turns those records into hourly arrays
(exact hourly means of a step function). Deterministic: no randomness here; every behaviour value
comes from ``behaviour`` (sampled outside) or its central value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import simpy

from .network import NetworkState, evaluate
from .network.availability import Availability, class_capacity, is_normal

ACCESS_NAMES = ("fixed", "mobile")
CONVERGED = 1e-3  # a ramp stops once it is this close to its cap (relative)


@dataclass(frozen=True)
class LogEvent:
    """One line of the event log."""

    time_h: float
    kind: str
    detail: str


@dataclass(frozen=True)
class Timeline:
    """Availability on an hourly grid (see CONTRACTS.md "Network and timeline")."""

    step_h: float
    service_names: tuple[str, ...]
    services: np.ndarray  # (T, n_services)
    access: np.ndarray  # (T, 2): fixed, mobile
    foreign: dict[str, np.ndarray]  # "cloud", "transit" -> (T,)
    disrupted: np.ndarray  # (T,) bool
    restoration_h: float | None
    events: tuple[LogEvent, ...]


class _World:
    """The shared state, the repair ships, the recorder and the log of one run."""

    def __init__(self, env: simpy.Environment, network: Any, values: Mapping[str, float]):
        self.env = env
        self.network = network
        self.values = values
        self.state = NetworkState()
        self.records: list[tuple[float, Availability]] = []
        self.log: list[LogEvent] = []
        self.active: set[str] = set()
        self.dr_applied: dict[str, tuple[str, ...]] = {}
        self.blocked_log: dict[str, tuple[str, ...]] = {}
        ships = max(1, int(round(self.p("repair_ships"))))
        self.ships = simpy.Resource(env, capacity=ships)
        self.changed()

    def p(self, name: str) -> float:
        if name in self.values:
            return float(self.values[name])
        return float(self.network.behaviour[name].central)

    def changed(self) -> None:
        av = evaluate(self.state, self.network, self.values)
        now = float(self.env.now)
        if self.records and self.records[-1][0] == now:
            self.records[-1] = (now, av)
        else:
            self.records.append((now, av))

    def note(self, kind: str, detail: str) -> None:
        self.log.append(LogEvent(float(self.env.now), kind, detail))

    def until(self, t_h: float):
        return self.env.timeout(max(0.0, t_h - self.env.now))


# -- shared sub-processes ---------------------------------------------------------------------


def _logistic(t_h: float, t0_h: float, cap: float, half_days: float, width_days: float) -> float:
    width_h = max(width_days * 24.0, 1e-6)
    x = -(t_h - t0_h - half_days * 24.0) / width_h
    return cap / (1.0 + math.exp(min(x, 700.0)))


def ramp(
    world: _World,
    key: str,
    t0_h: float,
    cap: float,
    half_days: float,
    set_value: Callable[[float], None],
):
    """Logistic uptake (VPN or substitution) updated every ramp_step_h while ``key`` is active."""
    step = max(world.p("ramp_step_h"), 0.25)
    width = world.p("vpn_logistic_width_days")
    while key in world.active:
        value = _logistic(world.env.now, t0_h, cap, half_days, width)
        done = cap - value <= CONVERGED * max(cap, 1e-12)
        set_value(cap if done else value)
        world.changed()
        if done:
            return
        yield world.env.timeout(step)


def reroute(world: _World, target: dict[str, float]):
    """After the reroute delay, carriers move traffic onto the capacity left at the loss."""
    yield world.env.timeout(world.p("reroute_delay_h"))
    now = class_capacity(world.state, world.network, world.values)
    world.state.routed = {k: max(target[k], now[k]) for k in now}
    world.changed()
    world.note(
        "reroute",
        f"traffic rerouted over surviving capacity "
        f"({sum(now.values()):.0%} of normal international capacity)",
    )


def capacity_lost(world: _World) -> None:
    world.changed()
    target = class_capacity(world.state, world.network, world.values)
    world.env.process(reroute(world, target))


def failover(world: _World, key: str, clusters: tuple[str, ...]):
    """Tenants with offshore DR fail over after the failover delay (while ``key`` lasts)."""
    yield world.env.timeout(world.p("failover_delay_h"))
    if key not in world.active:
        return
    for c in clusters:
        world.state.dr_active[c] = world.state.dr_active.get(c, 0) + 1
    world.dr_applied[key] = clusters
    world.changed()
    world.note(
        "failover",
        f"tenants with offshore DR ({world.p('dr_offshore_share'):.0%}) "
        f"of {', '.join(clusters)} failed over",
    )


def fail_back(world: _World, key: str) -> None:
    for c in world.dr_applied.pop(key, ()):
        world.state.dr_active[c] -= 1


def _end_of(event: Any, horizon_h: float) -> float:
    duration = getattr(event, "duration_h", None)
    return horizon_h if duration is None else min(horizon_h, event.start_h + duration)


# -- one process per event kind ---------------------------------------------------------------


def shutdown_order(world: _World, key: str, e: Any, horizon_h: float):
    """Wait for the order, switch access off (ISPs comply over a ramp), restore in stages."""
    s = world.state
    yield world.until(e.start_h)
    loss = (
        e.share_affected if e.scope in ("full", "fixed") else 0.0,
        e.share_affected if e.scope in ("full", "mobile") else 0.0,
    )
    world.active.add(key)
    world.note("shutdown", e.summary())
    ramp_h = (
        e.compliance_ramp_h if e.compliance_ramp_h is not None else world.p("isp_compliance_ramp_h")
    )
    end_h = _end_of(e, horizon_h)
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
            world.env.process(failover(world, key, tuple(world.network.dc_clusters)))
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
    fail_back(world, key)
    world.active.discard(key)
    restored = 0.0
    for stage in e.restoration:
        yield world.until(end_h + stage.after_h)
        restored = stage.share_restored
        remaining = 1.0 - restored
        s.access_loss[key] = (loss[0] * remaining, loss[1] * remaining)
        world.changed()
        world.note("restoration", f"{restored:.0%} of affected users restored")
    s.access_loss.pop(key, None)
    world.changed()
    world.note("restoration", "shutdown order lifted: access restored")


def _block_apps(
    world: _World, key: str, services: dict[str, float], t_block_h: float, substitution: bool
):
    """Apply blocks (half at once, the rest after the ISP compliance ramp); start substitution."""
    block = world.state.block.setdefault(key, {})
    ramp_h = world.p("isp_compliance_ramp_h")
    for service, b in services.items():
        block[service] = b / 2 if ramp_h > 0 else b
    world.changed()
    if substitution:
        for service in services:
            world.env.process(
                ramp(
                    world,
                    key,
                    t_block_h,
                    world.p("substitution_cap_share"),
                    world.p("substitution_half_time_days"),
                    lambda v, sv=service: world.state.substitution.__setitem__(sv, v),
                )
            )
    if ramp_h > 0:
        yield world.env.timeout(ramp_h)
        if key in world.active:
            for service, b in services.items():
                block[service] = b
            world.changed()


def app_block(world: _World, key: str, e: Any, horizon_h: float):
    """Block apps; users find VPNs and move to other apps; the authority chases them."""
    yield world.until(e.start_h)
    net = world.network
    end_h = _end_of(e, horizon_h)
    world.active.add(key)
    world.note("app_block", e.summary())
    services = {net.service_of(a): e.compliance for a in e.apps}
    _block_with_circumvention(world, key, services, e.circumvention, "vpn_cap_app_block_share")
    if e.escalation:
        world.env.process(escalate(world, key, e, end_h))
    if e.duration_h is None:
        return
    yield world.until(end_h)
    _lift_blocks(world, key)
    world.note("app_block", f"block of {', '.join(world.blocked_log.pop(key, e.apps))} lifted")


def _block_with_circumvention(
    world: _World, key: str, services: dict[str, float], circumvention: bool, vpn_cap: str
) -> None:
    """Start blocking ``services`` now and, if users circumvent, their VPN uptake (capped)."""
    world.env.process(_block_apps(world, key, services, world.env.now, True))
    if circumvention:
        world.env.process(
            ramp(
                world,
                key,
                world.env.now,
                world.p(vpn_cap),
                world.p("vpn_half_time_days"),
                lambda v: world.state.vpn.__setitem__(key, v),
            )
        )


def escalate(world: _World, key: str, e: Any, end_h: float):
    """The chase never ends: after a reaction lag, block the app users moved to."""
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
        world.env.process(
            _block_apps(
                world, key, {world.network.service_of(app): e.compliance}, world.env.now, True
            )
        )
        moved_from = [app]


def _lift_blocks(world: _World, key: str) -> None:
    s = world.state
    world.active.discard(key)
    for service in s.block.pop(key, {}):
        if not any(service in b for b in s.block.values()):
            s.substitution.pop(service, None)
    s.vpn.pop(key, None)
    s.intl_throttle.pop(key, None)
    world.changed()


def throttle(world: _World, key: str, e: Any, horizon_h: float):
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
    yield world.until(_end_of(e, horizon_h))
    s.intl_throttle.pop(key, None)
    s.access_throttle.pop(key, None)
    world.changed()
    world.note("throttle", "throttling lifted")


def cable_cut(world: _World, key: str, e: Any, horizon_h: float):
    """Cables break; traffic is rerouted; each cable waits for a repair ship."""
    s = world.state
    yield world.until(e.start_h)
    cables = e.cables or world.network.cable_groups[e.group]
    new = [c for c in cables if c not in s.cable_cut]
    s.cable_cut.update(new)
    world.note("cable_cut", f"{e.summary()}: {', '.join(new)} down")
    capacity_lost(world)
    if e.repair:
        for c in new:
            world.env.process(repair(world, c))


def repair(world: _World, cable: str):
    """A cable joins the queue for a repair ship (a simpy.Resource) and is fixed in turn."""
    with world.ships.request() as ship:
        yield ship
        world.note("repair", f"repair ship assigned to cable {cable}")
        yield world.env.timeout(world.p("cable_repair_days") * 24.0)
        world.state.cable_cut.discard(cable)
        world.changed()
        world.note("repair", f"cable {cable} repaired at hour {world.env.now:g}")


def landing_station_outage(world: _World, key: str, e: Any, horizon_h: float):
    """A landing station (or area) goes down: every cable landing there loses that landing."""
    s = world.state
    yield world.until(e.start_h)
    stations = world.network.stations_of(e.station)
    for st in stations:
        s.station_down[st] = s.station_down.get(st, 0) + 1
    hit = [c for c, sts in world.network.cable_stations.items() if set(sts) & set(stations)]
    world.note("landing_station_outage", f"{e.summary()}: cables {', '.join(hit) or 'none'}")
    capacity_lost(world)
    duration = e.duration_h if e.duration_h is not None else world.p("failover_delay_h")
    yield world.until(min(horizon_h, e.start_h + duration))
    for st in stations:
        s.station_down[st] -= 1
    world.changed()
    world.note("landing_station_outage", f"landing station {e.station} back in service")


def data_centre_outage(world: _World, key: str, e: Any, horizon_h: float):
    """A data-centre cluster goes down; tenants with offshore DR fail over after a delay."""
    s = world.state
    yield world.until(e.start_h)
    world.active.add(key)
    s.dc_down[e.cluster] = s.dc_down.get(e.cluster, 0) + 1
    world.changed()
    world.note("data_centre_outage", e.summary())
    world.env.process(failover(world, key, (e.cluster,)))
    if e.duration_h is None:
        return
    yield world.until(_end_of(e, horizon_h))
    world.active.discard(key)
    s.dc_down[e.cluster] -= 1
    fail_back(world, key)
    world.changed()
    world.note("data_centre_outage", f"cluster {e.cluster} restored; tenants fail back")


def ixp_outage(world: _World, key: str, e: Any, horizon_h: float):
    """An IXP goes down: domestic traffic hairpins via transit with limited headroom."""
    s = world.state
    yield world.until(e.start_h)
    s.ixp_down[e.ixp] = s.ixp_down.get(e.ixp, 0) + 1
    world.changed()
    world.note("ixp_outage", e.summary())
    if e.duration_h is None:
        return
    yield world.until(_end_of(e, horizon_h))
    s.ixp_down[e.ixp] -= 1
    world.changed()
    world.note("ixp_outage", f"IXP {e.ixp} restored")


def ddos(world: _World, key: str, e: Any, horizon_h: float):
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


def platform_exit(world: _World, key: str, e: Any, horizon_h: float):
    """A platform stops serving the region (for good, unless temporary)."""
    yield world.until(e.start_h)
    service = world.network.service_of(e.app)
    world.state.exited.add(service)
    world.changed()
    world.note("platform_exit", e.summary())
    if e.permanent:
        return
    yield world.until(_end_of(e, horizon_h))
    world.state.exited.discard(service)
    world.changed()
    world.note("platform_exit", f"{e.app} returns")


def firewall(world: _World, key: str, e: Any, horizon_h: float):
    """National filtering: blocked apps/services, throttled international traffic, VPN uptake."""
    yield world.until(e.start_h)
    end_h = _end_of(e, horizon_h)
    world.active.add(key)
    world.note("firewall", e.summary())
    if e.international_throttle_share < 1:
        world.state.intl_throttle[key] = e.international_throttle_share
    services = {world.network.service_of(n): e.compliance for n in e.blocked}
    _block_with_circumvention(world, key, services, e.circumvention, "vpn_cap_firewall_share")
    world.changed()
    if e.duration_h is None:
        return
    yield world.until(end_h)
    _lift_blocks(world, key)
    world.note("firewall", "firewall lifted")


PROCESSES = {
    "shutdown": shutdown_order,
    "app_block": app_block,
    "throttle": throttle,
    "cable_cut": cable_cut,
    "landing_station_outage": landing_station_outage,
    "data_centre_outage": data_centre_outage,
    "ixp_outage": ixp_outage,
    "ddos": ddos,
    "platform_exit": platform_exit,
    "firewall": firewall,
}


# -- recorder -> hourly arrays -----------------------------------------------------------------


def _hourly_means(times: np.ndarray, values: np.ndarray, horizon_h: int) -> np.ndarray:
    """Exact mean over each hour [h, h+1) of the step function values[k] on [times[k], ...)."""
    dt = np.diff(np.append(times, max(float(horizon_h), times[-1])))
    cum = np.concatenate([np.zeros((1, values.shape[1])), np.cumsum(values * dt[:, None], 0)])
    grid = np.arange(horizon_h + 1, dtype=float)
    idx = np.searchsorted(times, grid, side="right") - 1
    integral = cum[idx] + values[idx] * (grid - times[idx])[:, None]
    means = np.diff(integral, axis=0)
    # Hours inside one segment take its value exactly, so equal rows stay bit-identical.
    first = idx[:-1]
    last = np.searchsorted(times, grid[1:], side="left") - 1
    inside = first == last
    means[inside] = values[first[inside]]
    return np.clip(means, 0.0, 1.0)


def build_timeline(
    scenario: Any, network: Any, behaviour: Mapping[str, float], horizon_h: int
) -> Timeline:
    """Run the scenario's events as SimPy processes; return hourly availability and the log.

    Parameters
    ----------
    scenario : anything with ``.events`` (list of :mod:`shutdown_sim.events` models)
    network : :class:`~shutdown_sim.network.Network`
    behaviour : behaviour parameter name -> value (missing names use the central value)
    horizon_h : number of hourly steps
    """
    horizon_h = int(horizon_h)
    if horizon_h < 1:
        raise ValueError("horizon_h must be >= 1")
    env = simpy.Environment()
    world = _World(env, network, behaviour)
    for i, event in enumerate(scenario.events):
        env.process(PROCESSES[event.kind](world, f"{i}:{event.kind}", event, float(horizon_h)))
    env.run(until=horizon_h)

    times = np.array([t for t, _ in world.records], dtype=float)
    rows = np.array(
        [
            np.concatenate([av.services, av.access, [av.foreign_cloud, av.foreign_transit]])
            for _, av in world.records
        ]
    )
    hourly = _hourly_means(times, rows, horizon_h)
    n = len(network.service_names)
    normal = [is_normal(av) for _, av in world.records]
    if all(normal):
        restoration_h: float | None = 0.0
    elif not normal[-1]:
        restoration_h = None
    else:
        last_bad = max(k for k, ok in enumerate(normal) if not ok)
        restoration_h = float(times[last_bad + 1])
    return Timeline(
        step_h=1.0,
        service_names=tuple(network.service_names),
        services=hourly[:, :n],
        access=hourly[:, n : n + 2],
        foreign={"cloud": hourly[:, n + 2], "transit": hourly[:, n + 3]},
        disrupted=np.any(hourly < 1.0 - 1e-9, axis=1),
        restoration_h=restoration_h,
        events=tuple(sorted(world.log, key=lambda ev: ev.time_h)),
    )
