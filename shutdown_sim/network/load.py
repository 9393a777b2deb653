"""Build a :class:`Network` from a region's tables (one infrastructure variant).

:func:`build_network` takes validated :class:`~.tables.NetworkTables` (from a region folder or
from memory); :func:`load_network` reads them from ``parameters/regions/<region>/`` as its
``region.yaml`` names them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..params.families import Families, load_families
from ..params.region import region_folder
from ..params.table import UncertainParameter, uncertain_parameters
from .model import CORE_SERVICES, Network
from .tables import NetworkTables, read_network_tables


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def _split(value) -> tuple[str, ...]:
    return tuple(p.strip() for p in _text(value).split("|") if p.strip())


@lru_cache(maxsize=16)
def load_network(
    region: str = "HKG",
    variant: str = "verified",
    parameters_dir: str | Path | None = None,
    year: int | None = None,
) -> Network:
    """Load the infrastructure network, app list and timeline behaviour of a region.

    Parameters
    ----------
    region : parameter set under ``parameters/regions/<region>/``
    variant : an infrastructure variant named in its ``region.yaml`` (for Hong Kong "verified":
        regulator and sourced figures; "claimed": the seed documents' claims)
    """
    from ..params.country import is_country

    if parameters_dir is None and is_country(region):
        from ..params.country import default_year
        from .country import load_country_network

        return load_country_network(region, default_year(region) if year is None else year, variant)
    folder = region_folder(region, parameters_dir)
    return build_network(read_network_tables(folder, variant), region, variant)


def build_network(
    tables: NetworkTables, region: str, variant: str, families: Families | None = None
) -> Network:
    """A :class:`Network` from validated tables."""
    nodes = _nodes(tables.nodes)
    cables = _cables(tables.cables, nodes["stations"])
    apps_t = tables.apps
    apps = tuple(apps_t["app"])
    use = np.array(apps_t["central"], dtype=float)
    labels = {
        **nodes["labels"],
        **cables["labels"],
        **dict(zip(apps, apps_t["label"], strict=True)),
    }
    return Network(
        region=region,
        variant=variant,
        service_names=CORE_SERVICES + tuple(f"app:{a}" for a in apps),
        service_category=CORE_SERVICES + ("messaging_social",) * len(apps),
        service_weight=np.concatenate([np.ones(len(CORE_SERVICES)), use / use.sum()]),
        apps=apps,
        behaviour=_behaviour(tables, families or load_families()),
        app_hosting=dict(zip(apps, apps_t["hosting"], strict=True)),
        cables=cables["names"],
        cable_weight=cables["weight"],
        cable_stations=cables["stations"],
        cable_groups=cables["groups"],
        stations=nodes["stations"],
        station_areas=nodes["areas"],
        ixps=nodes["ixps"],
        dc_clusters=nodes["dcs"],
        labels=labels,
        app_users_share=dict(zip(apps, (float(u) for u in use), strict=True)),
    )


def _nodes(nodes: pd.DataFrame) -> dict:
    """Landing stations and areas, internet exchanges and data-centre clusters (shares)."""
    kinds = dict(zip(nodes["node"], nodes["kind"], strict=True))
    stations = tuple(n for n, k in kinds.items() if k == "landing_station")
    areas: dict[str, tuple[str, ...]] = {}
    for _, row in nodes.iterrows():
        if row["kind"] == "landing_station" and _text(row["area"]):
            areas[row["area"]] = areas.get(row["area"], ()) + (row["node"],)
    ixps = {r["node"]: float(r["share"]) for _, r in nodes.iterrows() if r["kind"] == "ixp"}
    dcs = {r["node"]: float(r["share"]) for _, r in nodes.iterrows() if r["kind"] == "dc_cluster"}
    total_dc = sum(dcs.values())
    if total_dc <= 0:
        raise ParameterError(
            "data-centre shares sum to 0",
            file=nodes.attrs.get("source"),
            field="share",
            allowed="> 0",
        )
    return {
        "stations": stations,
        "areas": areas,
        "ixps": ixps,
        "dcs": {k: v / total_dc for k, v in dcs.items()},
        "labels": dict(zip(nodes["node"], nodes["label"], strict=True)),
    }


def _cables(cables_t: pd.DataFrame, stations: tuple[str, ...]) -> dict:
    """Cable systems: capacity weights (sum 1), landing stations and shared-risk groups."""
    source = cables_t.attrs.get("source")
    names = tuple(cables_t["cable"])
    weights = np.array(cables_t["capacity_weight"], dtype=float)
    if len(weights) and weights.sum() <= 0:  # no cable at all is fine (landlocked)
        raise ParameterError(
            "capacity weights sum to 0", file=source, field="capacity_weight", allowed="> 0"
        )
    cable_stations: dict[str, tuple[str, ...]] = {}
    groups: dict[str, tuple[str, ...]] = {}
    for i, row in cables_t.iterrows():
        st = _split(row["landing_stations"])
        unknown = [s for s in st if s not in stations]
        if unknown:
            raise ParameterError(
                f"unknown landing station(s) {unknown}",
                file=source,
                field=f"row {i + 2} / landing_stations",
                allowed=", ".join(stations),
            )
        cable_stations[row["cable"]] = st
        for g in _split(row["groups"]):
            groups[g] = groups.get(g, ()) + (row["cable"],)
    return {
        "names": names,
        "weight": dict(zip(names, weights / max(weights.sum(), 1e-300), strict=True)),
        "stations": cable_stations,
        "groups": groups,
        "labels": dict(zip(names, cables_t["label"], strict=True)),
    }


def _behaviour(tables: NetworkTables, families: Families) -> dict[str, UncertainParameter]:
    """Timeline behaviour and capacity parameters, each checked against its family."""
    families.check_rows(tables.behaviour, "timeline_behaviour")
    families.check_rows(tables.capacity, "infrastructure_capacity")
    behaviour = uncertain_parameters(tables.behaviour)
    for name, p in uncertain_parameters(tables.capacity).items():
        if name in behaviour:
            raise ParameterError(
                f"parameter {name!r} defined twice",
                file=tables.capacity.attrs.get("source"),
                field=name,
                allowed="unique names",
            )
        behaviour[name] = p
    return behaviour
