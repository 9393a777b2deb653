"""SimPy timeline: events -> piecewise-constant availability per service on an hourly grid.

Each event kind is a short process that reads like its story (an order is issued, ISPs comply,
users find VPNs, the authority escalates, ships repair cables one by one); it lives in the kind's
module under :mod:`shutdown_sim.events` and is looked up in ``events.REGISTRY``. Here: the shared
:class:`World` (state, repair ships, recorder, log) with the sub-processes several kinds share.
Processes change a shared :class:`~shutdown_sim.network.NetworkState`; after every change the
recorder evaluates the pure availability function, and :func:`build_timeline` turns those records
into hourly arrays (exact hourly means of a step function). Deterministic: no randomness here;
every behaviour value comes from ``behaviour`` (sampled outside) or its central value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import simpy

from .events import REGISTRY
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
    """Availability on an hourly grid (see docs/contracts.md "Network and timeline")."""

    step_h: float
    service_names: tuple[str, ...]
    services: np.ndarray  # (T, n_services)
    access: np.ndarray  # (T, 2): fixed, mobile
    foreign: dict[str, np.ndarray]  # "cloud", "transit" -> (T,)
    disrupted: np.ndarray  # (T,) bool
    restoration_h: float | None
    events: tuple[LogEvent, ...]
    # What leased lines and enterprise networks see (None: the same as everyone, i.e. no
    # shutdown order that spares private networks): services (T, n_services), access (T, 2).
    private_services: np.ndarray | None = None
    private_access: np.ndarray | None = None
    # services before users move to substitutes (T, n_services); None = the same as services
    unsubstituted: np.ndarray | None = None


class World:
    """The shared state, the repair ships, the recorder, the log and the shared sub-processes.

    Event processes (one per kind, in :mod:`shutdown_sim.events`) change ``state`` and call
    :meth:`changed` after every change; the sub-processes here are the behaviours several kinds
    share: VPN and substitution uptake (:meth:`ramp`), rerouting after lost capacity, failover
    of data-centre tenants, and blocking services under an order.
    """

    def __init__(
        self,
        env: simpy.Environment,
        network: Any,
        values: Mapping[str, float],
        private_networks: str = "spared",
        throttle_headroom: bool = True,
    ):
        self.env = env
        self.network = network
        self.values = values
        self.throttle_headroom = throttle_headroom
        self.state = NetworkState()
        self.private_networks = private_networks  # the model's choice for orders that leave it
        self.spared: set[str] = set()  # keys of shutdown orders that spare private networks
        self.records: list[tuple[float, Availability]] = []
        self.private_records: list[tuple[float, Availability]] = []
        self.log: list[LogEvent] = []
        self.active: set[str] = set()
        self.dr_applied: dict[str, tuple[str, ...]] = {}
        self.blocked_log: dict[str, tuple[str, ...]] = {}
        ships = max(1, int(round(self.p("repair_ships"))))
        self.ships = simpy.Resource(env, capacity=ships)
        self.changed()

    def p(self, name: str) -> float:
        """A behaviour value: the sampled one if given, else the network's central value."""
        if name in self.values:
            return float(self.values[name])
        return float(self.network.behaviour[name].central)

    def _evaluate(self, state: NetworkState) -> Availability:
        return evaluate(state, self.network, self.values, throttle_headroom=self.throttle_headroom)

    def changed(self) -> None:
        """Record the availability of the current state (one record per instant), and what
        private networks see: the same state without the orders that spare them."""
        av = self._evaluate(self.state)
        private = self._evaluate(self._private_state()) if self.spared else av
        now = float(self.env.now)
        for records, value in ((self.records, av), (self.private_records, private)):
            if records and records[-1][0] == now:
                records[-1] = (now, value)
            else:
                records.append((now, value))

    def _private_state(self) -> NetworkState:
        s, spared = self.state, self.spared
        return replace(
            s,
            access_loss={k: v for k, v in s.access_loss.items() if k not in spared},
            external_cut={k: v for k, v in s.external_cut.items() if k not in spared},
            full_shutdown=s.full_shutdown - spared,
        )

    def note(self, kind: str, detail: str) -> None:
        self.log.append(LogEvent(float(self.env.now), kind, detail))

    def until(self, t_h: float):
        """A timeout that ends at hour ``t_h`` (now if it has passed)."""
        return self.env.timeout(max(0.0, t_h - self.env.now))

    # -- shared sub-processes -------------------------------------------------------------------
    def ramp(self, key: str, t0_h: float, cap: float, half_days: float, set_value: Callable):
        """Logistic uptake (VPN or substitution) updated every ramp_step_h while ``key`` lasts."""
        step = max(self.p("ramp_step_h"), 0.25)
        width = self.p("vpn_logistic_width_days")
        while key in self.active:
            value = _logistic(self.env.now, t0_h, cap, half_days, width)
            done = cap - value <= CONVERGED * max(cap, 1e-12)
            set_value(cap if done else value)
            self.changed()
            if done:
                return
            yield self.env.timeout(step)

    def _reroute(self, target: dict[str, float]):
        """After the reroute delay, carriers move traffic onto the capacity left at the loss."""
        yield self.env.timeout(self.p("reroute_delay_h"))
        now = class_capacity(self.state, self.network, self.values)
        self.state.routed = {k: max(target[k], now[k]) for k in now}
        self.changed()
        self.note(
            "reroute",
            f"traffic rerouted over surviving capacity "
            f"({sum(now.values()):.0%} of normal international capacity)",
        )

    def capacity_lost(self) -> None:
        """Record a loss of international capacity and start rerouting around it."""
        self.changed()
        target = class_capacity(self.state, self.network, self.values)
        self.env.process(self._reroute(target))

    def failover(self, key: str, clusters: tuple[str, ...]):
        """Tenants with offshore DR fail over after the failover delay (while ``key`` lasts)."""
        yield self.env.timeout(self.p("failover_delay_h"))
        if key not in self.active:
            return
        for c in clusters:
            self.state.dr_active[c] = self.state.dr_active.get(c, 0) + 1
        self.dr_applied[key] = clusters
        self.changed()
        self.note(
            "failover",
            f"tenants with offshore DR ({self.p('dr_offshore_share'):.0%}) "
            f"of {', '.join(clusters)} failed over",
        )

    def fail_back(self, key: str) -> None:
        """Tenants that failed over for ``key`` return home (the caller records the change)."""
        for c in self.dr_applied.pop(key, ()):
            self.state.dr_active[c] -= 1

    def block_services(
        self, key: str, services: dict[str, float], t_block_h: float, substitution: bool
    ):
        """Apply blocks (half at once, the rest after the ISP compliance ramp); substitution."""
        block = self.state.block.setdefault(key, {})
        ramp_h = self.p("isp_compliance_ramp_h")
        for service, b in services.items():
            block[service] = b / 2 if ramp_h > 0 else b
        self.changed()
        if substitution:
            for service in services:
                self.env.process(
                    self.ramp(
                        key,
                        t_block_h,
                        self.p("substitution_cap_share"),
                        self.p("substitution_half_time_days"),
                        lambda v, sv=service: self.state.substitution.__setitem__(sv, v),
                    )
                )
        if ramp_h > 0:
            yield self.env.timeout(ramp_h)
            if key in self.active:
                for service, b in services.items():
                    block[service] = b
                self.changed()

    def block_with_circumvention(
        self, key: str, services: dict[str, float], circumvention: bool, vpn_cap: str
    ) -> None:
        """Start blocking ``services`` now and, if users circumvent, their VPN uptake (capped)."""
        self.env.process(self.block_services(key, services, self.env.now, True))
        if circumvention:
            self.env.process(
                self.ramp(
                    key,
                    self.env.now,
                    self.p(vpn_cap),
                    self.p("vpn_half_time_days"),
                    lambda v: self.state.vpn.__setitem__(key, v),
                )
            )

    def lift_blocks(self, key: str) -> None:
        """End ``key``'s blocks, its VPN uptake and throttling; substitution ends with the block."""
        s = self.state
        self.active.discard(key)
        for service in s.block.pop(key, {}):
            if not any(service in b for b in s.block.values()):
                s.substitution.pop(service, None)
        s.vpn.pop(key, None)
        s.intl_throttle.pop(key, None)
        self.changed()


def _logistic(t_h: float, t0_h: float, cap: float, half_days: float, width_days: float) -> float:
    width_h = max(width_days * 24.0, 1e-6)
    x = -(t_h - t0_h - half_days * 24.0) / width_h
    return cap / (1.0 + math.exp(min(x, 700.0)))


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


def _rows(records: list[tuple[float, Availability]]) -> np.ndarray:
    return np.array(
        [
            np.concatenate([av.services, av.access, [av.foreign_cloud, av.foreign_transit]])
            for _, av in records
        ]
    )


def build_timeline(
    scenario: Any,
    network: Any,
    behaviour: Mapping[str, float],
    horizon_h: int,
    private_networks: str = "spared",
    throttle_headroom: bool | None = None,
) -> Timeline:
    """Run the scenario's events as SimPy processes; return hourly availability and the log.

    Parameters
    ----------
    scenario : anything with ``.events`` (list of :mod:`shutdown_sim.events` models)
    network : :class:`~shutdown_sim.network.Network`
    behaviour : behaviour parameter name -> value (missing names use the central value)
    horizon_h : number of hourly steps
    private_networks : ``spared`` or ``cut``, for shutdown orders that do not say
        (:class:`~shutdown_sim.structure.StructuralChoices`)
    throttle_headroom : structural choice (:class:`~shutdown_sim.structure.StructuralChoices`);
        None = its default
    """
    from .structure import StructuralChoices

    horizon_h = int(horizon_h)
    if horizon_h < 1:
        raise ValueError("horizon_h must be >= 1")
    if throttle_headroom is None:
        throttle_headroom = StructuralChoices().throttle_headroom
    env = simpy.Environment()
    world = World(env, network, behaviour, private_networks, throttle_headroom)
    for i, event in enumerate(scenario.events):
        process = REGISTRY[event.kind].process
        env.process(process(world, f"{i}:{event.kind}", event, float(horizon_h)))
    env.run(until=horizon_h)

    times = np.array([t for t, _ in world.records], dtype=float)
    hourly = _hourly_means(times, _rows(world.records), horizon_h)
    n = len(network.service_names)
    unsub = [
        av.unsubstituted if av.unsubstituted is not None else av.services for _, av in world.records
    ]
    unsubstituted = _hourly_means(times, np.array(unsub), horizon_h)
    private = (
        _hourly_means(times, _rows(world.private_records), horizon_h) if world.spared else None
    )
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
        private_services=None if private is None else private[:, :n],
        private_access=None if private is None else private[:, n : n + 2],
        unsubstituted=unsubstituted,
    )
