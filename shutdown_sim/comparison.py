"""What a model result is shown beside: the published methods' baselines for the same disruption.

:func:`compare_baselines` runs every closed-form method (``shutdown_sim.baselines``) for the
scenario's country, year, kind and full-shutdown-equivalent duration; ``simulate`` puts the
comparison next to the model's numbers in the :class:`~shutdown_sim.result.Result`.
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
    kind, apps, share = scenario.baseline_kind()
    days = disruption_days(scenario, timeline)
    baseline_days = scenario.baseline_days()
    if baseline_days is None:
        baseline_days = days
    notes = []
    if not scenario.baseline_mapping().covered:  # each kind's module says (events.REGISTRY)
        notes.append(
            "No published method covers this kind of event; the baselines shown "
            "are for a full shutdown of the same length, as a reference."
        )
    return BaselineComparison(
        days=days,
        baseline_days=float(baseline_days),
        kind_label=kind if kind != "apps" else f"apps ({', '.join(apps)})",
        baselines=(
            published_baselines(economy, scenario.year, baseline_days, kind, apps, share)
            if run
            else {}
        ),
        notes=notes,
    )


def published_baselines(
    economy, year: int, days: float, kind: str, apps: tuple[str, ...], share: float
) -> dict[str, dict[str, Any]]:
    """Every published method for the same country, year, duration and kind."""
    from .baselines import METHODS, error_entry, make_input, run_all
    from .errors import InputError

    iso3 = getattr(economy, "iso3", economy.region)
    try:
        inp = make_input(
            days=days, country=iso3, year=year, share_affected=share, kind=kind, apps=list(apps)
        )
    except InputError as err:  # e.g. an app no method has a value for
        results = {method: error_entry(method, err) for method in METHODS}
    else:
        results = run_all(inp)
    # In memory amounts are floats (NaN = not available) so tables and charts need no None checks;
    # to_dict turns NaN back into JSON null.
    nan = float("nan")
    return {
        method: {
            **res,
            "cost_usd": nan if res["cost_usd"] is None else res["cost_usd"],
            "cost_usd_per_day": nan if res["cost_usd_per_day"] is None else res["cost_usd_per_day"],
        }
        for method, res in results.items()
    }
