"""Hindcast: the model and the published methods run on real shutdowns, set beside the costs
others published for the same events.

Each file in ``scenarios/events/`` is a scenario (the levers the model runs) with a
``real_event:`` record and a ``published:`` list (``shutdown_sim.published``). For every
published figure the table gives the model's net GDP loss (p5/p50/p95 over the Monte Carlo
draws), each closed-form baseline on the same events, and the ratios model/published and
baseline/published. A figure given per day is compared over the scenario's length (figure x
days).

This is a check, never a calibration: nothing here feeds back into ``parameters/``. Published
figures are estimates themselves (mostly NetBlocks COST via Top10VPN, direct losses only), so a
ratio of 1 is agreement with another model, not with the truth.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError, ScenarioError
from .scenario import Scenario, list_events, load_scenario


@dataclass(frozen=True)
class HindcastRow:
    """One published figure beside the model and the baselines for the same event."""

    scenario: str
    event_id: str
    country: str
    start: str | None
    end: str | None
    what: str
    days: float
    estimator: str
    published_usd: float  # compared amount (per-day figures x days)
    published_per: str
    published_figure_usd: float  # as published
    scope: str
    counts: str
    status: str
    source: str
    model_p5_usd: float
    model_p50_usd: float
    model_p95_usd: float
    model_direct_p50_usd: float
    baselines_usd: dict[str, float | None]

    @property
    def ratio(self) -> float:
        """Model median / published figure."""
        return self.model_p50_usd / self.published_usd

    def baseline_ratios(self) -> dict[str, float | None]:
        return {
            m: (None if v is None else v / self.published_usd)
            for m, v in self.baselines_usd.items()
        }

    @property
    def within_range(self) -> bool:
        """The published figure lies inside the model's p5-p95 range."""
        return self.model_p5_usd <= self.published_usd <= self.model_p95_usd

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "event_id": self.event_id,
            "country": self.country,
            "start": self.start,
            "end": self.end,
            "what": self.what,
            "days": self.days,
            "estimator": self.estimator,
            "published_usd": self.published_usd,
            "published_per": self.published_per,
            "published_figure_usd": self.published_figure_usd,
            "scope": self.scope,
            "counts": self.counts,
            "status": self.status,
            "source": self.source,
            "model_usd": {
                "p5": self.model_p5_usd,
                "p50": self.model_p50_usd,
                "p95": self.model_p95_usd,
            },
            "model_direct_p50_usd": self.model_direct_p50_usd,
            "ratio_model_to_published": self.ratio,
            "published_within_model_range": self.within_range,
            "baselines_usd": self.baselines_usd,
            "ratio_baseline_to_published": self.baseline_ratios(),
        }


@dataclass
class HindcastTable:
    """Every row, with the events that could not be run (name -> one error line)."""

    rows: list[HindcastRow]
    draws: int
    seed: int
    failed: dict[str, str] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """Median ratio and how many figures the model lies within x2 / x10 of (log scale)."""
        ratios = [r.ratio for r in self.rows if r.ratio > 0]
        if not ratios:
            return {"figures": 0}
        logs = sorted(math.log10(x) for x in ratios)
        mid = len(logs) // 2
        median = logs[mid] if len(logs) % 2 else (logs[mid - 1] + logs[mid]) / 2
        return {
            "figures": len(self.rows),
            "events": len({r.event_id for r in self.rows}),
            "median_ratio_model_to_published": 10**median,
            "within_factor_2": sum(abs(x) <= math.log10(2) for x in logs),
            "within_factor_10": sum(abs(x) <= 1 for x in logs),
            "model_higher": sum(x > 0 for x in logs),
            "published_within_model_range": sum(r.within_range for r in self.rows),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "draws": self.draws,
            "seed": self.seed,
            "outcome": "gdp_loss_usd (net GDP loss, the model's headline)",
            "rows": [r.to_dict() for r in self.rows],
            "summary": self.summary(),
            "failed": dict(self.failed),
        }


def load_events(
    names: Sequence[str] | None = None,
) -> tuple[dict[str, Scenario], dict[str, str]]:
    """The real-event scenarios that load (name -> Scenario) and one error line for each that
    does not (one broken file never hides the others). ``names``: a subset (default all)."""
    known = list_events()
    wanted = list(names) if names else known
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise InputError(
            f"no real event named {unknown[0]!r}",
            field="EVENT",
            allowed=", ".join(known) or "(none bundled)",
        )
    loaded: dict[str, Scenario] = {}
    failed: dict[str, str] = {}
    for name in wanted:
        try:
            scenario = load_scenario(name)
        except (InputError, OSError, ValueError) as err:
            failed[name] = str(err)
            continue
        if scenario.real_event is None or not scenario.published:
            failed[name] = f"{name}: no real_event: record or no published: figure"
            continue
        loaded[name] = scenario
    return loaded, failed


def rows_for(scenario: Scenario, result: Any) -> list[HindcastRow]:
    """The hindcast rows of one simulated event (``result``: a ``Result``)."""
    record = scenario.real_event
    if record is None:
        raise ScenarioError("no real_event: record", field="real_event")
    head = result.to_dict()
    days = float(scenario.duration_days)
    baselines = {
        m: (None if v is None or not math.isfinite(v) else float(v))
        for m, v in ((m, b.get("cost_usd")) for m, b in result.baselines.items())
    }
    rows = []
    for fig in scenario.published:
        compared = fig.usd * days if fig.per == "day" else fig.usd
        rows.append(
            HindcastRow(
                scenario=scenario.name,
                event_id=record.id,
                country=record.country,
                start=record.start,
                end=record.end,
                what=record.what,
                days=days,
                estimator=fig.estimator,
                published_usd=compared,
                published_per=fig.per,
                published_figure_usd=fig.usd,
                scope=fig.scope,
                counts=fig.counts,
                status=fig.status,
                source=fig.source,
                model_p5_usd=float(head["gdp_loss_usd"]["p5"]),
                model_p50_usd=float(head["gdp_loss_usd"]["p50"]),
                model_p95_usd=float(head["gdp_loss_usd"]["p95"]),
                model_direct_p50_usd=float(head["direct_loss_usd"]["p50"]),
                baselines_usd=baselines,
            )
        )
    return rows


def run_hindcast(
    names: Sequence[str] | None = None,
    *,
    draws: int = 1000,
    seed: int = 0,
    progress: Callable[[int, int, str], None] | None = None,
) -> HindcastTable:
    """Simulate every real event (or ``names``) and tabulate it against its published figures.

    An event whose region cannot be built (no data for the country) is listed in ``failed``.
    """
    from .model import simulate

    loaded, failed = load_events(names)
    rows: list[HindcastRow] = []
    for i, (name, scenario) in enumerate(sorted(loaded.items())):
        if progress is not None:
            progress(i, len(loaded), name)
        try:
            result = simulate(scenario, draws=draws, seed=seed)
        except InputError as err:
            failed[name] = str(err)
            continue
        rows.extend(rows_for(scenario, result))
    if progress is not None:
        progress(len(loaded), len(loaded), "")
    return HindcastTable(rows=rows, draws=draws, seed=seed, failed=failed)
