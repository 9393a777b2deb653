"""The infrastructure network of a region: nodes, cables, services and which depends on which.

Services (docs/contracts.md): "domestic", "international", "cloud", "payments" and one
"app:<name>" per app. :data:`SERVICE_PATHS` is the explicit dependency graph: each service is
reachable over any of its paths, a path being the kinds of infrastructure (the ``kind`` column of
a region's nodes table) it crosses in order. The capacity
arithmetic on top of it lives in :mod:`.availability`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..params.table import UncertainParameter

CORE_SERVICES = ("domestic", "international", "cloud", "payments")
ACCESS = ("fixed", "mobile")

# service -> paths (alternatives); a path lists the layers crossed from the user outwards.
# "access" = fixed or mobile access; "cables" = submarine systems via their landing stations.
SERVICE_PATHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "domestic": (
        ("access", "ixp"),
        ("access", "private_peering"),
        ("access", "transit"),
    ),  # last = hairpin via transit when an IXP fails
    "international": (
        ("access", "transit", "cables"),
        ("access", "transit", "overland"),
        ("access", "transit", "satellite"),
    ),
    "cloud": (
        ("access", "domestic", "dc_cluster"),
        ("access", "international", "offshore_dr"),
    ),  # tenants with offshore DR
    "payments": (("cloud", "international"),),  # local systems + card/cross-border share abroad
}
HOSTING_PATHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "abroad": (
        ("access", "transit", "cables"),
        ("access", "transit", "overland"),
        ("access", "transit", "satellite"),
    ),
    "mainland": (("access", "transit", "overland"), ("access", "transit", "cables")),
    "local": (("access", "domestic", "dc_cluster"),),
}


@dataclass(frozen=True)
class Network:
    """A region's infrastructure and service list (docs/contracts.md "Network and timeline")."""

    region: str
    variant: str
    service_names: tuple[str, ...]
    service_category: tuple[str, ...]
    service_weight: np.ndarray
    apps: tuple[str, ...]
    behaviour: dict[str, UncertainParameter]
    app_hosting: dict[str, str]
    cables: tuple[str, ...]
    cable_weight: dict[str, float]  # share of submarine capacity, sums to 1
    cable_stations: dict[str, tuple[str, ...]]
    cable_groups: dict[str, tuple[str, ...]]
    stations: tuple[str, ...]
    station_areas: dict[str, tuple[str, ...]]  # area -> stations (shared-risk groups)
    ixps: dict[str, float]  # share of domestic traffic exchanged there
    dc_clusters: dict[str, float]  # share of hosting capacity
    labels: dict[str, str] = field(default_factory=dict)
    app_users_share: dict[str, float] = field(default_factory=dict)  # app -> share of users

    @property
    def n_services(self) -> int:
        return len(self.service_names)

    def service_index(self, name: str) -> int:
        return self.service_names.index(name)

    def service_of(self, name: str) -> str:
        """``telegram`` or ``app:telegram`` or ``cloud`` -> the service name."""
        if name in self.service_names:
            return name
        if f"app:{name}" in self.service_names:
            return f"app:{name}"
        raise KeyError(name)

    def targets(self) -> tuple[str, ...]:
        """Names an event may target: apps and services."""
        return self.apps + tuple(self.service_names)

    def station_names(self) -> tuple[str, ...]:
        """Stations and landing areas (an area stands for all its stations)."""
        return self.stations + tuple(self.station_areas)

    def stations_of(self, name: str) -> tuple[str, ...]:
        return self.station_areas.get(name, (name,))

    def paths(self, service: str) -> tuple[tuple[str, ...], ...]:
        """The dependency paths of a service (the small explicit graph)."""
        if service.startswith("app:"):
            return HOSTING_PATHS[self.app_hosting[service[4:]]]
        return SERVICE_PATHS[service]

    def graph_edges(self) -> list[tuple[str, str]]:
        """(service, node) edges: which layer or node each service depends on."""
        edges = []
        for s in self.service_names:
            for path in self.paths(s):
                for layer in path:
                    if (s, layer) not in edges:
                        edges.append((s, layer))
        for c in self.cables:
            edges += [(c, st) for st in self.cable_stations[c]]
        return edges
