"""Result of a simulation: tidy pandas through a few accessors, JSON-safe via ``to_dict``.

Outcome names (EMA Workbench's *outcomes*): ``gdp_loss_usd`` (net GDP loss, the headline),
``gross_loss_usd`` (direct + indirect), ``direct_loss_usd``, ``indirect_loss_usd``,
``recaptured_usd``, ``spillover_usd`` (losses of users abroad; never in the headline).
Beyond GDP, on their own lines (:mod:`shutdown_sim.beyond_gdp`): ``people_affected``,
``worker_days_lost``, ``tax_revenue_loss_usd``; and ``consumer_welfare_usd`` (users' lost consumer
surplus valued from willingness-to-accept studies, :mod:`shutdown_sim.welfare`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .accounting import resilience
from .beyond_gdp import BeyondGdp, beyond_gdp
from .comparison import BaselineComparison
from .montecarlo import summarise
from .welfare import Welfare, consumer_welfare

#: Which statistic of the draws is the headline (``run --json`` key ``headline_statistic``).
HEADLINE_STATISTIC = "p50"

OUTCOMES = (
    "gdp_loss_usd",
    "gross_loss_usd",
    "direct_loss_usd",
    "indirect_loss_usd",
    "recaptured_usd",
    "spillover_usd",
)


@dataclass
class Result:
    """One scenario's Monte Carlo result."""

    scenario_name: str
    description: str
    region: str
    region_name: str
    year: int
    duration_days: float
    horizon_days: float
    currency: str
    local_per_usd: float
    draws: int
    seed: int
    outcomes: dict[str, np.ndarray]  # outcome -> (S,) USD
    central: dict[str, float]  # outcome -> USD at central parameter values
    by_sector: pd.DataFrame
    timeline: pd.DataFrame  # one row per day
    availability: pd.DataFrame  # one row per hour (central timeline)
    events: pd.DataFrame  # event log (central timeline)
    baselines: dict[str, dict[str, Any]]
    baseline_kind: str
    provenance: dict[str, Any]
    gdp_usd: float
    population: float
    notes: list[str] = field(default_factory=list)
    scenario_definition: dict[str, Any] = field(default_factory=dict)
    baseline_days: float = 0.0  # full-shutdown-equivalent days given to the published methods
    beyond: BeyondGdp | None = None  # people affected, worker-days, tax (never in the headline)
    region_tier: str = "hand-built"  # data tier of the region (hand-built, adb_mrio, wdi_shares)
    welfare: Welfare | None = None  # consumer welfare lost (never in the headline)

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def from_outcomes(
        cls,
        ctx,
        outcomes,
        central_outcomes,
        comparison: BaselineComparison,
        provenance: dict[str, Any],
        *,
        draws: int,
        seed: int,
    ) -> Result:
        """Tabulate a model run; the baselines and provenance are computed beside it."""
        scenario, economy = ctx.scenario, ctx.economy
        central_tl = ctx.central_timeline()
        beyond = beyond_gdp(ctx, outcomes, central_outcomes)
        by_sector = _by_sector_frame(economy, outcomes)
        by_sector["worker_days_lost_mean"] = beyond.sector_worker_days.mean(axis=0)
        return cls(
            scenario_name=scenario.name,
            description=scenario.description,
            region=economy.region,
            region_name=economy.name,
            year=scenario.year,
            duration_days=comparison.days,
            horizon_days=ctx.horizon_h / 24.0,
            currency=economy.currency,
            local_per_usd=float(economy.local_per_usd),
            draws=draws,
            seed=seed,
            outcomes=_outcome_arrays(outcomes),
            central={k: float(v[0]) for k, v in _outcome_arrays(central_outcomes).items()},
            by_sector=by_sector,
            timeline=_daily_frame(outcomes),
            availability=_availability_frame(central_tl),
            events=pd.DataFrame(
                [
                    {"time_h": e.time_h, "kind": e.kind, "detail": e.detail}
                    for e in central_tl.events
                ],
                columns=["time_h", "kind", "detail"],
            ),
            baselines=comparison.baselines,
            baseline_kind=comparison.kind_label,
            provenance=provenance,
            gdp_usd=float(economy.gdp_usd),
            population=float(economy.population),
            notes=list(getattr(economy, "notes", ())) + list(comparison.notes),
            region_tier=getattr(economy, "region_tier", "hand-built"),
            scenario_definition=scenario.model_dump(mode="json"),
            baseline_days=comparison.baseline_days,
            beyond=beyond,
            welfare=consumer_welfare(ctx, outcomes, central_tl, seed),
        )

    # -- accessors ----------------------------------------------------------------------------
    def summary(self) -> pd.DataFrame:
        """One row per outcome: central, mean, p5, p50, p95 (USD) and the local-currency mean."""
        rows = []
        for name in OUTCOMES:
            stats = summarise(self.outcomes[name])
            rows.append(
                {
                    "outcome": name,
                    "central": self.central[name],
                    **stats,
                    f"mean_{self.currency.lower()}": stats["mean"] * self.local_per_usd,
                }
            )
        frame = pd.DataFrame(rows).set_index("outcome")
        return frame

    @property
    def resilience(self) -> np.ndarray:
        """R = 1 − net/gross per draw."""
        return resilience(self.outcomes["gdp_loss_usd"], self.outcomes["gross_loss_usd"])

    def headline(self) -> dict[str, float]:
        """Net GDP loss (USD): mean, p5, p50, p95 of the draws and the central run.

        The headline figure is ``p50`` (:data:`HEADLINE_STATISTIC`): the median of the draws,
        not the run with every assumption central (which can sit far from the middle when, for
        example, a buffer equals the outage length).
        """
        s = summarise(self.outcomes["gdp_loss_usd"])
        return {"central": self.central["gdp_loss_usd"], **s}

    def beyond_gdp_dict(self) -> dict[str, Any]:
        """``people_affected`` (persons) with its inputs, ``worker_days_lost`` and
        ``tax_revenue_loss_usd`` (mean, p5, p50, p95, central) with the tax ratio; {} if absent."""
        b = self.beyond
        if b is None:
            return {}
        out: dict[str, Any] = {
            "people_affected": _num(b.people_affected),
            "people_affected_inputs": _json_safe(b.people_inputs),
        }
        for key, values in (
            ("worker_days_lost", b.worker_days),
            ("tax_revenue_loss_usd", b.tax_usd),
        ):
            stats = summarise(values) if np.isfinite(values).all() else {}
            out[key] = {
                **{k: _num(stats.get(k, float("nan"))) for k in ("mean", "p5", "p50", "p95")},
                "central": _num(b.central[key]),
            }
        out["worker_days_lost_inputs"] = _json_safe(b.worker_days_inputs)
        out["tax_revenue_share_gdp"] = _json_safe(b.tax_ratio.to_dict() if b.tax_ratio else {})
        return out

    def draws_frame(self) -> pd.DataFrame:
        """One row per draw with every outcome (USD)."""
        return pd.DataFrame(self.outcomes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dictionary (the ``run --json`` object)."""
        out: dict[str, Any] = {
            "scenario": self.scenario_name,
            "description": self.description,
            "region": self.region,
            "region_tier": self.region_tier,
            "year": self.year,
            "duration_days": _num(self.duration_days),
            "horizon_days": _num(self.horizon_days),
            "draws": self.draws,
            "seed": self.seed,
            "currency": "USD",
            "local_currency": self.currency,
            "local_per_usd": _num(self.local_per_usd),
            "headline_statistic": HEADLINE_STATISTIC,
        }
        for name in OUTCOMES:
            out[name] = {
                **{k: _num(v) for k, v in summarise(self.outcomes[name]).items()},
                "central": _num(self.central[name]),
            }
        r = self.resilience
        out["resilience"] = {k: _num(v) for k, v in summarise(r).items()}
        out["gdp_loss_share_of_daily_gdp"] = _num(
            self.central["gdp_loss_usd"] / max(self.duration_days, 1e-9) / (self.gdp_usd / 365)
        )
        out.update(self.beyond_gdp_dict())
        if self.welfare is not None:
            out["consumer_welfare_usd"] = {k: _num(v) for k, v in self.welfare.to_dict().items()}
            out["consumer_welfare_inputs"] = _json_safe(self.welfare.inputs)
        out["baselines"] = {m: _num(b["cost_usd"]) for m, b in self.baselines.items()}
        out["baseline_details"] = _json_safe(self.baselines)  # NaN (n/a) -> null
        out["baseline_kind"] = self.baseline_kind
        out["baseline_days"] = _num(self.baseline_days)
        out["by_sector"] = [
            {k: (_num(v) if isinstance(v, float | np.floating) else v) for k, v in row.items()}
            for row in self.by_sector.reset_index().to_dict("records")
        ]
        out["events"] = [
            {"time_h": _num(e["time_h"]), "kind": e["kind"], "detail": e["detail"]}
            for e in self.events.to_dict("records")
        ]
        out["timeline"] = [
            {k: (_num(v) if isinstance(v, float | np.floating) else int(v)) for k, v in row.items()}
            for row in self.timeline.to_dict("records")
        ]
        out["notes"] = list(self.notes)
        out["provenance"] = dict(self.provenance)
        out["scenario_definition"] = self.scenario_definition
        return out


def _json_safe(value: Any) -> Any:
    """NaN/inf -> None anywhere in nested dicts/lists (strict JSON)."""
    if isinstance(value, float | np.floating):
        return _num(value)
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def _num(value: Any) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def _outcome_arrays(o) -> dict[str, np.ndarray]:
    return {
        "gdp_loss_usd": o.net_gdp_usd,
        "gross_loss_usd": o.gross_gdp_usd,
        "direct_loss_usd": o.direct_gdp_usd,
        "indirect_loss_usd": o.indirect_gdp_usd,
        "recaptured_usd": o.recaptured_gdp_usd,
        "spillover_usd": o.spillover_usd,
    }


def _by_sector_frame(economy, o) -> pd.DataFrame:
    net = o.sector_gross_gdp_usd - o.sector_recaptured_gdp_usd
    indirect = o.sector_gross_gdp_usd - o.sector_direct_gdp_usd
    frame = pd.DataFrame(
        {
            "sector": list(economy.sectors),
            "name": list(economy.sector_names),
            "gdp_loss_usd_mean": net.mean(axis=0),
            "gdp_loss_usd_p5": np.percentile(net, 5, axis=0),
            "gdp_loss_usd_p95": np.percentile(net, 95, axis=0),
            "direct_loss_usd_mean": o.sector_direct_gdp_usd.mean(axis=0),
            "indirect_loss_usd_mean": indirect.mean(axis=0),
            "gross_loss_usd_mean": o.sector_gross_gdp_usd.mean(axis=0),
            "recaptured_usd_mean": o.sector_recaptured_gdp_usd.mean(axis=0),
            "value_added_usd_per_day": economy.value_added_usd / 365.0,
        }
    )
    return frame.set_index("sector")


def _availability_frame(tl) -> pd.DataFrame:
    """One row per hour of a timeline: each service's availability and fixed/mobile access."""
    frame = pd.DataFrame(tl.services, columns=list(tl.service_names))
    frame.insert(0, "hour", np.arange(len(frame)) * tl.step_h)
    frame["access_fixed"] = tl.access[:, 0]
    frame["access_mobile"] = tl.access[:, 1]
    return frame


def _daily_frame(o) -> pd.DataFrame:
    if o.daily_gross_gdp_usd is None:
        return pd.DataFrame(columns=["day"])
    net_daily = o.daily_gross_gdp_usd - o.daily_recaptured_gdp_usd
    cum = np.cumsum(net_daily, axis=1)
    frame = pd.DataFrame(
        {
            "day": np.arange(1, net_daily.shape[1] + 1),
            "gross_loss_usd_mean": o.daily_gross_gdp_usd.mean(axis=0),
            "direct_loss_usd_mean": o.daily_direct_gdp_usd.mean(axis=0),
            "indirect_loss_usd_mean": (o.daily_gross_gdp_usd - o.daily_direct_gdp_usd).mean(axis=0),
            "recaptured_usd_mean": o.daily_recaptured_gdp_usd.mean(axis=0),
            "gdp_loss_usd_mean": net_daily.mean(axis=0),
            "cumulative_gdp_loss_usd_mean": cum.mean(axis=0),
            "cumulative_gdp_loss_usd_p5": np.percentile(cum, 5, axis=0),
            "cumulative_gdp_loss_usd_p50": np.percentile(cum, 50, axis=0),
            "cumulative_gdp_loss_usd_p95": np.percentile(cum, 95, axis=0),
        }
    )
    return frame
