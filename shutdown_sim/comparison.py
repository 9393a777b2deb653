"""What a model result is shown beside: the published methods' baselines for the same disruption.

:func:`compare_baselines` runs every closed-form method (``shutdown_sim.baselines``) over every
event of the scenario (country, year, kind, full-shutdown-equivalent days within the horizon);
``simulate`` puts the comparison next to the model's numbers in the Result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .constants import HOURS_PER_DAY


@dataclass(frozen=True)
class BaselineComparison:
    """The published methods' costs for the disruption a model result describes."""

    days: float  # length of the disruption, days (repairs included)
    baseline_days: float  # full-shutdown-equivalent days given to the published methods
    kind_label: str  # "full", "mobile" or "apps (telegram, ...)"
    baselines: dict[str, dict[str, Any]]  # method -> {cost_usd, cost_usd_per_day, inputs, ...}
    notes: list[str] = field(default_factory=list)


def disruption_days(scenario, timeline) -> float:
    """Days from the first event to the end of the disruption (e.g. when cable repairs end)."""
    days = scenario.duration_days
    if timeline.restoration_h is not None:
        days = max(0.0, (timeline.restoration_h - scenario.disruption_start_h) / HOURS_PER_DAY)
    return days


def compare_baselines(scenario, economy, timeline, *, run: bool = True) -> BaselineComparison:
    """Baselines for ``scenario`` on ``economy`` (``timeline``: the central one); ``run=False``
    leaves the methods out (faster, e.g. inside sweeps)."""
    days = disruption_days(scenario, timeline)
    if not run:
        kind, apps, _ = scenario.baseline_kind()
        label = kind if kind != "apps" else f"apps ({', '.join(apps)})"
        return BaselineComparison(days, float(scenario.baseline_days() or days), label, {})
    baselines, label, baseline_days, notes = published_baselines(scenario, economy, days)
    return BaselineComparison(
        days=days,
        baseline_days=float(baseline_days),
        kind_label=label,
        baselines=baselines,
        notes=notes,
    )


def published_baselines(scenario, economy, days: float):
    """Every published method over every event of ``scenario``, within its horizon
    (:func:`shutdown_sim.baselines.scenario_events.scenario_baselines`):
    ``(results, kind label, full-equivalent days, notes)``."""
    from .baselines.scenario_events import scenario_baselines

    iso3 = getattr(economy, "iso3", economy.region)
    results, label, baseline_days, notes = scenario_baselines(
        scenario, iso3, float(scenario.horizon_h), days
    )
    # In memory amounts are floats (NaN = not available) so tables and charts need no None checks;
    # to_dict turns NaN back into JSON null.
    nan = float("nan")
    for res in results.values():
        for key in ("cost_usd", "cost_usd_per_day"):
            res[key] = nan if res[key] is None else res[key]
    return results, label, baseline_days, notes
