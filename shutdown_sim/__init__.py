"""shutdown-sim: what an internet shutdown or app block costs an economy.

Public API (everything else is implementation):

- ``load_scenario(path) -> Scenario``
- ``simulate(scenario, draws=..., seed=...) -> Result``
- ``baseline(method, **inputs) -> BaselineResult``
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "baseline", "load_scenario", "simulate", "Result", "Scenario"]


def __getattr__(name: str):
    # Lazy imports keep `shutdown-sim --help` and `import shutdown_sim` fast.
    if name == "baseline":
        from .baselines import baseline

        return baseline
    if name in ("load_scenario", "Scenario"):
        from . import scenario

        return getattr(scenario, name)
    if name == "simulate":
        from .model import simulate

        return simulate
    if name == "Result":
        from .result import Result

        return Result
    raise AttributeError(f"module 'shutdown_sim' has no attribute {name!r}")
