"""The reader layer of a network: its tables from a region folder (or memory), schema-validated.

Which files hold the infrastructure of each variant ("verified", "claimed", ...), the app list
and the timeline behaviour is said in the region's ``region.yaml`` under ``files:``
(``infrastructure.<variant>.nodes|cables|capacity``, ``apps``, ``timeline_behaviour``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ..errors import ParameterError
from ..params.region import RegionFolder
from ..params.table import load_schema, read_table, validate_frame

#: table -> schema name (parameters/schema/<schema>.csv)
INFRASTRUCTURE_TABLES = {
    "nodes": "infra_nodes",
    "cables": "infra_cables",
    "capacity": "uncertain_parameters",
}
REGION_TABLES = {"apps": "infra_apps", "timeline_behaviour": "timeline_behaviour"}


@dataclass(frozen=True)
class NetworkTables:
    """Validated tables of one network variant (``attrs["source"]`` names each one's origin)."""

    nodes: pd.DataFrame
    cables: pd.DataFrame
    capacity: pd.DataFrame  # uncertain capacity parameters
    apps: pd.DataFrame
    behaviour: pd.DataFrame  # timeline behaviour


def read_network_tables(folder: RegionFolder, variant: str) -> NetworkTables:
    """Read the tables of ``variant`` that the region folder's ``region.yaml`` names."""
    variants = folder.options("infrastructure")
    if variant not in variants:
        raise ParameterError(
            f"unknown infrastructure variant {variant!r}",
            file=folder.meta.source,
            field="infrastructure",
            allowed=" | ".join(variants) or "files.infrastructure.<variant> in region.yaml",
        )
    frames = {
        name: read_table(folder.file(f"infrastructure.{variant}.{name}"), schema)
        for name, schema in INFRASTRUCTURE_TABLES.items()
    }
    apps = read_table(folder.file("apps"), REGION_TABLES["apps"])
    behaviour = read_table(folder.file("timeline_behaviour"), REGION_TABLES["timeline_behaviour"])
    return NetworkTables(apps=apps, behaviour=behaviour, **frames)


def network_tables(
    frames: Mapping[str, pd.DataFrame], source: str = "in-memory tables"
) -> NetworkTables:
    """Validate network tables held in memory (keys: nodes, cables, capacity, apps,
    timeline_behaviour)."""
    schemas = {**INFRASTRUCTURE_TABLES, **REGION_TABLES}
    valid = {
        key: validate_frame(
            frames[key].astype(object).where(frames[key].notna(), "").astype(str),
            load_schema(schema),
            f"{source}: {key}",
        )
        for key, schema in schemas.items()
    }
    behaviour = valid.pop("timeline_behaviour")
    return NetworkTables(behaviour=behaviour, **valid)
