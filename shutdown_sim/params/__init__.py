"""Parameter tables, their schemas and the region loaders."""

from .economy import Economy, available_regions, load_economy
from .table import UncertainParameter, read_table, uncertain_parameters

__all__ = [
    "Economy",
    "UncertainParameter",
    "available_regions",
    "load_economy",
    "read_table",
    "uncertain_parameters",
]
