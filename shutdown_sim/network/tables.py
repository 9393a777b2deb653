"""Read a region's infrastructure, app and timeline-behaviour tables (CSV, schema-validated)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import ParameterError
from ..params.table import PARAMETERS_DIR, read_table

VARIANT_DIRS = {"verified": "infrastructure", "claimed": "infrastructure_claimed"}

# file -> schema name (parameters/schema/<schema>.csv)
INFRASTRUCTURE_TABLES = {
    "nodes.csv": "infra_nodes",
    "cables.csv": "infra_cables",
    "capacity.csv": "uncertain_parameters",
}


def region_dir(region: str) -> Path:
    path = PARAMETERS_DIR / "regions" / region
    if not path.is_dir():
        known = sorted(p.name for p in (PARAMETERS_DIR / "regions").iterdir() if p.is_dir())
        raise ParameterError(
            f"no parameter set for region {region!r}",
            file=str(path),
            field="region",
            allowed=", ".join(known),
        )
    return path


def read_infrastructure(region: str, variant: str) -> dict[str, pd.DataFrame]:
    """``{"nodes": ..., "cables": ..., "capacity": ...}`` for a variant ("verified"|"claimed")."""
    if variant not in VARIANT_DIRS:
        raise ParameterError(
            f"unknown infrastructure variant {variant!r}",
            field="infrastructure",
            allowed=" | ".join(VARIANT_DIRS),
        )
    folder = region_dir(region) / VARIANT_DIRS[variant]
    return {
        name.removesuffix(".csv"): read_table(folder / name, schema)
        for name, schema in INFRASTRUCTURE_TABLES.items()
    }


def read_apps(region: str) -> pd.DataFrame:
    return read_table(region_dir(region) / "apps.csv", "infra_apps")


def read_behaviour(region: str) -> pd.DataFrame:
    return read_table(region_dir(region) / "timeline_behaviour.csv", "timeline_behaviour")
