"""Infrastructure model: nodes, services, capacity -> availability.

``load_network(region, variant)`` reads the region's tables; ``evaluate(state, network, values)``
is the pure availability function the timeline calls at every state change.
"""

from ..constants import CATEGORIES
from .availability import Availability, NetworkState, evaluate
from .load import load_network
from .model import HOSTING_PATHS, SERVICE_PATHS, Network

__all__ = [
    "CATEGORIES",
    "HOSTING_PATHS",
    "SERVICE_PATHS",
    "Availability",
    "Network",
    "NetworkState",
    "evaluate",
    "load_network",
]
