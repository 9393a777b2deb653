"""Parameter tables, their schemas, the parameter families and the region loaders."""

from .economy import Economy, available_regions, build_economy, load_economy
from .families import load_families
from .region import region_folder
from .table import UncertainParameter, read_table, uncertain_parameters

__all__ = [
    "Economy",
    "UncertainParameter",
    "available_regions",
    "build_economy",
    "load_economy",
    "load_families",
    "read_table",
    "region_folder",
    "uncertain_parameters",
]
