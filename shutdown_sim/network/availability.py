"""Service availability from node states: a pure function of (state, network, parameters).

International capacity is counted in shares of normal total capacity C0 in three classes
(submarine cables, overland links, satellite). With demand u = normal utilisation, surviving
capacity S and reroute efficiency eta (share of spare capacity rerouted traffic can use):

    A(S) = S + min(1 - S, eta * S * (1 - u) / u)      (eta = 1:  A = min(1, S / u))

after rerouting; before the reroute delay has passed, only traffic already on surviving systems
gets through: class k carries A(R) * S_k / R_k with R the capacity routing was set up for.
Usability is availability ** gamma (docs/infrastructure.md). A landing-station loss removes every
cable (share) landing there; an IXP loss sends its domestic traffic over transit headroom (hairpin).
Blocks: a = a_path * (1 - b (1 - v)) plus substitution sigma of the blocked activity to the best
unblocked app (b = block intensity after ISP compliance, v = circumvention share); a platform that
leaves the market has a = 0 plus the same substitution of the activity it served.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .model import Network

CLASSES = ("submarine", "overland", "satellite")


@dataclass
class NetworkState:
    """What is up and what is ordered, mutated by the timeline's processes.

    Effects that several events can cause at once are keyed by the event that causes them, so
    overlapping events combine and each removes only its own effect.
    """

    cable_cut: set[str] = field(default_factory=set)
    station_down: dict[str, int] = field(default_factory=dict)
    ixp_down: dict[str, int] = field(default_factory=dict)
    dc_down: dict[str, int] = field(default_factory=dict)
    dr_active: dict[str, int] = field(default_factory=dict)
    overland_up: float = 1.0
    satellite_up: float = 1.0
    transit_up: float = 1.0
    routed: dict[str, float] | None = None  # capacity per class routing is set up for
    access_loss: dict[str, tuple[float, float]] = field(default_factory=dict)
    access_throttle: dict[str, tuple[float, float]] = field(default_factory=dict)
    intl_throttle: dict[str, float] = field(default_factory=dict)
    external_cut: dict[str, float] = field(default_factory=dict)
    full_shutdown: set[str] = field(default_factory=set)
    block: dict[str, dict[str, float]] = field(default_factory=dict)  # key -> service -> b
    vpn: dict[str, float] = field(default_factory=dict)  # key -> circumvention share
    substitution: dict[str, float] = field(default_factory=dict)  # service -> sigma
    ddos: dict[str, tuple[str, float]] = field(default_factory=dict)  # key -> (service, sev)
    exited: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Availability:
    """One instant: services (n,) for users in the region, access (2,), foreign views."""

    services: np.ndarray
    access: np.ndarray
    foreign_cloud: float
    foreign_transit: float
    # services before users move to substitutes (consumer welfare: willingness-to-accept values
    # already net out the substitutes); None = the same as ``services``
    unsubstituted: np.ndarray | None = None


def param(network: Network, values: Mapping[str, float], name: str) -> float:
    """A behaviour value: the sampled one if given, else the central value."""
    if name in values:
        return float(values[name])
    return float(network.behaviour[name].central)


def class_capacity(
    state: NetworkState, network: Network, values: Mapping[str, float]
) -> dict[str, float]:
    """Surviving capacity per class, in shares of normal total international capacity."""
    ov = param(network, values, "overland_capacity_share")
    sat = param(network, values, "satellite_capacity_share")
    sub = max(0.0, 1.0 - ov - sat)
    cables = 0.0
    for cable, weight in network.cable_weight.items():
        if cable in state.cable_cut:
            continue
        stations = network.cable_stations[cable]
        if stations:
            up = sum(1 for s in stations if not state.station_down.get(s)) / len(stations)
        else:
            up = 1.0
        cables += weight * up
    return {
        "submarine": sub * cables,
        "overland": ov * state.overland_up,
        "satellite": sat * state.satellite_up,
    }


def normal_capacity(network: Network, values: Mapping[str, float]) -> dict[str, float]:
    return class_capacity(NetworkState(), network, values)


def rerouted(surviving: float, utilisation: float, efficiency: float) -> float:
    """A(S): share of normal traffic carried after rerouting over surviving capacity S."""
    if surviving <= 0:
        return 0.0
    spare = efficiency * surviving * (1.0 - utilisation) / utilisation
    return min(1.0, surviving + min(1.0 - surviving, spare))


def class_availability(
    state: NetworkState, network: Network, values: Mapping[str, float]
) -> dict[str, float]:
    """Share of each class's normal traffic that gets through (before gamma and throttles)."""
    u = param(network, values, "normal_utilisation_share")
    eta = param(network, values, "reroute_efficiency_share")
    now = class_capacity(state, network, values)
    routed = dict(state.routed) if state.routed is not None else normal_capacity(network, values)
    routed = {k: max(routed[k], now[k]) for k in CLASSES}  # gains are used at once
    pending = any(now[k] < routed[k] - 1e-12 for k in CLASSES)
    if not pending:
        a = rerouted(sum(now.values()), u, eta)
        return {k: a for k in CLASSES}
    a_routed = rerouted(sum(routed.values()), u, eta)
    return {k: a_routed * (now[k] / routed[k] if routed[k] > 0 else 1.0) for k in CLASSES}


def _product(values) -> float:
    out = 1.0
    for v in values:
        out *= v
    return out


def _usable(x: float, gamma: float) -> float:
    return float(min(1.0, max(0.0, x)) ** gamma)


def intl_throttle_share(
    state: NetworkState, network: Network, values: Mapping[str, float], headroom: bool
) -> float:
    """Share of normal international traffic that gets through the throttles.

    With ``headroom`` a throttle to a share theta of capacity goes through the capacity-and-demand
    logic of :func:`rerouted` (traffic stays on its path: efficiency 1): demand is the normal
    utilisation u of capacity, so the carried share is min(1, theta / u) and a throttle above u
    costs nothing. Without it the carried share is theta (the rule before issue 11).
    """
    theta = _product(state.intl_throttle.values())
    if not headroom or theta >= 1.0:
        return theta
    return rerouted(theta, param(network, values, "normal_utilisation_share"), 1.0)


def evaluate(
    state: NetworkState,
    network: Network,
    values: Mapping[str, float],
    *,
    throttle_headroom: bool = True,
) -> Availability:
    """Availability of every service, of access, and of HK-hosted services seen from abroad.

    ``throttle_headroom``: structural choice (:func:`intl_throttle_share`).
    """
    gamma = param(network, values, "congestion_gamma")
    ov = param(network, values, "overland_capacity_share")
    sat = param(network, values, "satellite_capacity_share")
    shares = {"submarine": max(0.0, 1.0 - ov - sat), "overland": ov, "satellite": sat}
    cls = class_availability(state, network, values)
    gate = state.transit_up * _product(1.0 - s for s in state.external_cut.values())
    throttle = intl_throttle_share(state, network, values, throttle_headroom)
    intl_capacity = sum(shares[k] * cls[k] for k in CLASSES) * gate
    a_intl = _usable(intl_capacity * throttle, gamma)
    a_abroad = _usable(
        (shares["submarine"] * cls["submarine"] + sat * cls["satellite"])
        / max(shares["submarine"] + sat, 1e-12)
        * gate
        * throttle,
        gamma,
    )
    a_mainland = _usable(cls["overland"] * gate * throttle, gamma)

    lost = sum(share for ixp, share in network.ixps.items() if state.ixp_down.get(ixp))
    headroom = param(network, values, "transit_hairpin_headroom_share") * state.transit_up
    a_dom = _usable(1.0 - lost * (1.0 - min(1.0, headroom)), gamma) if lost else 1.0

    dr = param(network, values, "dr_offshore_share")
    cloud = 0.0
    cloud_foreign = 0.0
    for cluster, w in network.dc_clusters.items():
        up = 0.0 if state.dc_down.get(cluster) else 1.0
        dr_k = dr if state.dr_active.get(cluster) else 0.0
        cloud += w * (up * a_dom + (1.0 - up) * dr_k * a_intl)
        reach = up * _usable(intl_capacity, gamma)
        cloud_foreign += w * (reach + (1.0 - reach) * dr_k)
    p_intl = param(network, values, "payments_international_share")
    path = {
        "domestic": a_dom,
        "international": a_intl,
        "cloud": cloud,
        "payments": cloud * (1.0 - p_intl * (1.0 - a_intl)),
    }
    hosting = {"abroad": a_abroad, "mainland": a_mainland, "local": cloud}
    for app in network.apps:
        path[f"app:{app}"] = hosting[network.app_hosting[app]]
    for _, (service, severity) in state.ddos.items():
        path[service] *= 1.0 - severity
    served = {service: path[service] for service in state.exited}  # before the exit
    for service in state.exited:
        path[service] = 0.0

    v = max(state.vpn.values(), default=0.0)
    if state.full_shutdown:
        v = min(v, param(network, values, "vpn_cap_full_shutdown_share"))
    blocked: dict[str, float] = {}
    for effects in state.block.values():
        for service, b in effects.items():
            blocked[service] = 1.0 - (1.0 - blocked.get(service, 0.0)) * (1.0 - b)
    direct = {s: a * (1.0 - blocked.get(s, 0.0) * (1.0 - v)) for s, a in path.items()}
    best_substitute = {}
    app_services = [f"app:{a}" for a in network.apps]
    for s in app_services:
        others = [direct[o] for o in app_services if o != s and blocked.get(o, 0.0) < 1e-12]
        best_substitute[s] = max(others, default=0.0)
    final = dict(direct)
    for s, sigma in state.substitution.items():
        if s in served and s in best_substitute:  # a platform that left: users move on
            final[s] = direct[s] + sigma * served[s] * best_substitute[s]
        elif s in blocked and s in best_substitute:
            lost_to_block = path[s] * blocked[s] * (1.0 - v)
            final[s] = direct[s] + sigma * lost_to_block * best_substitute[s]

    fixed_loss = _product(1.0 - f for f, _ in state.access_loss.values())
    mobile_loss = _product(1.0 - m for _, m in state.access_loss.values())
    fixed_thr = _product(f for f, _ in state.access_throttle.values())
    mobile_thr = _product(m for _, m in state.access_throttle.values())
    access = np.array(
        [fixed_loss * _usable(fixed_thr, gamma), mobile_loss * _usable(mobile_thr, gamma)]
    )
    services = np.array([final[s] for s in network.service_names], dtype=float)
    unsubstituted = np.array([direct[s] for s in network.service_names], dtype=float)
    if access.max() <= 0.0:
        services[:] = 0.0  # nobody in the region can reach anything
        unsubstituted[:] = 0.0
    return Availability(
        services=_snap(services),
        access=_snap(access),
        foreign_cloud=float(_snap(np.array([cloud_foreign]))[0]),
        foreign_transit=float(_snap(np.array([_usable(intl_capacity, gamma)]))[0]),
        unsubstituted=_snap(unsubstituted),
    )


def _snap(x: np.ndarray) -> np.ndarray:
    """Clip to [0, 1] and remove rounding noise next to 0 and 1 (keeps segments constant)."""
    x = np.clip(np.asarray(x, dtype=float), 0.0, 1.0)
    x[np.abs(x - 1.0) < 1e-9] = 1.0
    x[x < 1e-12] = 0.0
    return x


def is_normal(av: Availability) -> bool:
    return bool(
        np.all(av.services >= 1 - 1e-9)
        and np.all(av.access >= 1 - 1e-9)
        and av.foreign_cloud >= 1 - 1e-9
        and av.foreign_transit >= 1 - 1e-9
    )


__all__ = [
    "Availability",
    "NetworkState",
    "class_availability",
    "evaluate",
    "is_normal",
    "param",
    "rerouted",
]
