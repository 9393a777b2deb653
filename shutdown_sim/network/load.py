"""Build a :class:`Network` from a region's parameter tables (verified or claimed variant)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..errors import ParameterError
from ..params.table import uncertain_parameters
from .model import CORE_SERVICES, Network
from .tables import read_apps, read_behaviour, read_infrastructure


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def _split(value) -> tuple[str, ...]:
    return tuple(p.strip() for p in _text(value).split("|") if p.strip())


@lru_cache(maxsize=16)
def load_network(region: str = "HKG", variant: str = "verified") -> Network:
    """Load the infrastructure network, app list and timeline behaviour of a region.

    Parameters
    ----------
    region : parameter set under ``parameters/regions/<region>/``
    variant : "verified" (regulator and sourced figures) or "claimed" (the seed documents'
        claims: 18 cable systems, 100+ data centres, 80%+ of mainland transit)
    """
    tables = read_infrastructure(region, variant)
    nodes, cables_t, capacity = tables["nodes"], tables["cables"], tables["capacity"]
    source = f"parameters/regions/{region}"

    kinds = dict(zip(nodes["node"], nodes["kind"], strict=True))
    labels = dict(zip(nodes["node"], nodes["label"], strict=True))
    stations = tuple(n for n, k in kinds.items() if k == "landing_station")
    areas: dict[str, tuple[str, ...]] = {}
    for _, row in nodes.iterrows():
        if row["kind"] == "landing_station" and _text(row["area"]):
            areas.setdefault(row["area"], ())
            areas[row["area"]] += (row["node"],)
    ixps = {r["node"]: float(r["share"]) for _, r in nodes.iterrows() if r["kind"] in ("ixp",)}
    dcs = {r["node"]: float(r["share"]) for _, r in nodes.iterrows() if r["kind"] == "dc_cluster"}
    total_dc = sum(dcs.values())
    if total_dc <= 0:
        raise ParameterError(
            "data-centre shares sum to 0", file=f"{source}/nodes.csv", field="share", allowed="> 0"
        )
    dcs = {k: v / total_dc for k, v in dcs.items()}

    cables = tuple(cables_t["cable"])
    weights = np.array(cables_t["capacity_weight"], dtype=float)
    if weights.sum() <= 0:
        raise ParameterError(
            "capacity weights sum to 0",
            file=f"{source}/cables.csv",
            field="capacity_weight",
            allowed="> 0",
        )
    cable_weight = dict(zip(cables, weights / weights.sum(), strict=True))
    cable_stations: dict[str, tuple[str, ...]] = {}
    groups: dict[str, tuple[str, ...]] = {}
    for i, row in cables_t.iterrows():
        st = _split(row["landing_stations"])
        unknown = [s for s in st if s not in stations]
        if unknown:
            raise ParameterError(
                f"unknown landing station(s) {unknown}",
                file=f"{source}/{variant}/cables.csv",
                field=f"row {i + 2} / landing_stations",
                allowed=", ".join(stations),
            )
        cable_stations[row["cable"]] = st
        for g in _split(row["groups"]):
            groups[g] = groups.get(g, ()) + (row["cable"],)
        labels[row["cable"]] = row["label"]

    apps_t = read_apps(region)
    apps = tuple(apps_t["app"])
    use = np.array(apps_t["central"], dtype=float)
    hosting = dict(zip(apps, apps_t["hosting"], strict=True))
    labels.update(dict(zip(apps, apps_t["label"], strict=True)))

    names = CORE_SERVICES + tuple(f"app:{a}" for a in apps)
    category = CORE_SERVICES + ("messaging_social",) * len(apps)
    weight = np.concatenate([np.ones(len(CORE_SERVICES)), use / use.sum()])

    behaviour = uncertain_parameters(read_behaviour(region))
    for name, p in uncertain_parameters(capacity).items():
        if name in behaviour:
            raise ParameterError(
                f"parameter {name!r} defined twice",
                file=f"{source}",
                field=name,
                allowed="unique names",
            )
        behaviour[name] = p
    return Network(
        region=region,
        variant=variant,
        service_names=names,
        service_category=category,
        service_weight=weight,
        apps=apps,
        behaviour=behaviour,
        app_hosting=hosting,
        cables=cables,
        cable_weight=cable_weight,
        cable_stations=cable_stations,
        cable_groups=groups,
        stations=stations,
        station_areas=areas,
        ixps=ixps,
        dc_clusters=dcs,
        labels=labels,
    )
