"""Global sensitivity (SALib Morris / Sobol) and a one-at-a-time tornado.

Factors are the uncertain parameters on their quantile scale (bounds [0, 1]); parameters of one
family (e.g. every sector's ``dependence``) form one SALib group, so the ranking reads
"dependence, recovery_days, alpha_max, ...". The outcome is the net GDP loss (USD).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import ModelContext, evaluate

TORNADO_QUANTILES = (0.05, 0.95)
# SALib samples factors in [0, 1]; we read them as quantiles within the plausible p5–p95 range so
# that unbounded laws (lognormal) are not evaluated at their extreme tails.
QUANTILE_RANGE = (0.05, 0.95)


def _to_quantiles(X: np.ndarray) -> np.ndarray:
    lo, hi = QUANTILE_RANGE
    return lo + (hi - lo) * np.asarray(X, dtype=float)


@dataclass(frozen=True)
class SensitivityResult:
    method: str
    outcome: str
    central_usd: float
    indices: list[dict]  # one per factor group: index values and rank (1 = most important)
    tornado: list[dict]  # one per parameter: loss at p5 and p95 of it, others central
    factors: str = "group"  # what ``indices`` ranks: parameter families or single parameters

    def to_dict(self) -> dict:
        return {
            "method": self.method,
            "factors": self.factors,
            "outcome": self.outcome,
            "central_usd": self.central_usd,
            "indices": self.indices,
            "tornado": self.tornado,
        }


def _net_loss(ctx: ModelContext, values: dict[str, np.ndarray]) -> np.ndarray:
    return evaluate(ctx, values, daily=False).net_gdp_usd


def tornado(ctx: ModelContext, top: int | None = None) -> tuple[float, list[dict]]:
    """Loss with each uncertain parameter at its 5th and 95th percentile, others central."""
    names = ctx.space.uncertain_names()
    k = len(names)
    u = np.full((2 * k, k), np.nan)
    for j in range(k):
        u[2 * j, :] = 0.5
        u[2 * j + 1, :] = 0.5
        u[2 * j, j], u[2 * j + 1, j] = TORNADO_QUANTILES
    values = ctx.space.values_from_partial_quantiles(names, u)
    # Others at their central value (not the median): overwrite every non-varied column.
    params = {p.name: p for p in ctx.space.params}
    for j, name in enumerate(names):
        col = values[name]
        others = np.ones(2 * k, bool)
        others[[2 * j, 2 * j + 1]] = False
        col[others] = params[name].central
    central = float(_net_loss(ctx, ctx.space.central())[0])
    loss = _net_loss(ctx, values)
    rows = []
    for j, name in enumerate(names):
        low, high = float(loss[2 * j]), float(loss[2 * j + 1])
        p = params[name]
        rows.append(
            {
                "parameter": name,
                "unit": p.unit,
                "status": p.status,
                "source": p.source,
                "value_low": float(values[name][2 * j]),
                "value_high": float(values[name][2 * j + 1]),
                "loss_at_low_usd": low,
                "loss_at_high_usd": high,
                "swing_usd": abs(high - low),
            }
        )
    rows.sort(key=lambda r: r["swing_usd"], reverse=True)
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    return central, rows[:top] if top else rows


def run_sensitivity(
    ctx: ModelContext,
    method: str = "morris",
    *,
    seed: int = 0,
    trajectories: int = 12,
    sobol_n: int = 64,
    by: str = "group",
) -> SensitivityResult:
    """Rank the uncertain parameters with SALib and compute the tornado.

    ``by="group"`` ranks parameter families (every sector's ``dependence`` is one factor; fast);
    ``by="parameter"`` ranks every uncertain parameter on its own (one factor each; slower).
    """
    from SALib.analyze import morris as morris_analyze
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import morris as morris_sample
    from SALib.sample import sobol as sobol_sample

    if by not in ("group", "parameter"):
        from .errors import InputError

        raise InputError(f"unknown value {by!r}", field="--by", allowed="group, parameter")
    problem = ctx.space.salib_problem(by_group=by == "group")
    names = problem["names"]
    if method == "morris":
        X = morris_sample.sample(problem, N=trajectories, num_levels=4, seed=seed)
        y = _net_loss(ctx, ctx.space.values_from_partial_quantiles(names, _to_quantiles(X)))
        res = morris_analyze.analyze(problem, X, y, num_levels=4, seed=seed)
        groups = list(res["names"])
        indices = [
            {"parameter": g, "mu_star": float(ms), "sigma": float(sd), "mu_star_conf": float(c)}
            for g, ms, sd, c in zip(groups, res["mu_star"], res["sigma"], res["mu_star_conf"])
        ]
        key = "mu_star"
    elif method == "sobol":
        X = sobol_sample.sample(problem, sobol_n, calc_second_order=False, seed=seed)
        y = _net_loss(ctx, ctx.space.values_from_partial_quantiles(names, _to_quantiles(X)))
        res = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=seed)
        factors = problem.get("groups") or names
        groups = list(res.get("names") or sorted(set(factors), key=factors.index))
        indices = [
            {"parameter": g, "S1": float(s1), "ST": float(st), "ST_conf": float(c)}
            for g, s1, st, c in zip(groups, res["S1"], res["ST"], res["ST_conf"])
        ]
        key = "ST"
    else:
        from .errors import InputError

        raise InputError(f"unknown method {method!r}", field="--method", allowed="morris, sobol")
    indices.sort(key=lambda r: np.nan_to_num(r[key], nan=-1.0), reverse=True)
    for rank, row in enumerate(indices, 1):
        row["rank"] = rank
    central, rows = tornado(ctx)
    return SensitivityResult(
        method=method,
        outcome="gdp_loss_usd",
        central_usd=central,
        indices=indices,
        tornado=rows,
        factors=by,
    )


# -- structural sensitivity ---------------------------------------------------------------------
STRUCTURAL_DRAWS = 500


def io_table_choices(region: str) -> tuple[str, ...]:
    """The interdependency tables a region offers (``default`` only for built countries)."""
    from .errors import ParameterError
    from .params.economy_tables import io_table_options
    from .params.region import region_folder

    try:
        return io_table_options(region_folder(region))
    except (ParameterError, FileNotFoundError, KeyError):
        return ("default",)


@dataclass(frozen=True)
class StructuralResult:
    """The headline under the model as shipped and under each single structural departure."""

    scenario: str
    draws: int
    seed: int
    base: dict
    rows: list[dict]  # label, structure (the changed fields), mean, p5, p50, p95, central (USD)

    def to_dict(self) -> dict:
        return {
            "scenario": self.scenario,
            "outcome": "gdp_loss_usd",
            "headline_statistic": "p50",
            "draws": self.draws,
            "seed": self.seed,
            "base": self.base,
            "rows": self.rows,
        }


def structural_sensitivity(
    scenario, draws: int = STRUCTURAL_DRAWS, seed: int = 0, base=None
) -> StructuralResult:
    """Rerun ``scenario`` under each alternative structural choice (one field changed at a time:
    input-output table, rationing rule, recapture, private networks, throttle headroom) with the
    same draws and seed, and return the net GDP loss (median, p5, p95, central) of each run."""
    from .model import simulate
    from .montecarlo import summarise
    from .structure import StructuralChoices

    base = base or StructuralChoices()
    runs = [("model as shipped", base)]
    runs += base.alternatives(io_tables=io_table_choices(scenario.region))
    rows = []
    for label, choices in runs:
        result = simulate(scenario, draws=draws, seed=seed, structure=choices, with_baselines=False)
        stats = summarise(result.outcomes["gdp_loss_usd"])
        rows.append(
            {
                "label": label,
                "structure": choices.differences(base),
                **stats,
                "central": float(result.central["gdp_loss_usd"]),
            }
        )
    return StructuralResult(scenario.name, int(draws), int(seed), base.as_dict(), rows)
