"""The structural model end to end: scenario -> timeline -> shock -> cascade -> accounting.

``prepare`` gathers everything a scenario needs (economy, network, uncertainty space);
``evaluate`` runs the model for a batch of parameter draws (arrays with a leading draw axis);
``simulate`` is the public Monte Carlo entry point returning a :class:`~shutdown_sim.result.Result`.

Draws share their event timeline by *group*: parameters that change the timeline, the shock
profile or the dynamics (timeline behaviour, sector buffers, mobile shares, recovery times and the
recovery-speed multiplier) are sampled once per group, and every draw of a group reuses that
group's SimPy run and cascade responses. Economic parameters (dependence, recapture, catch-up
capacity, recapture window, spill-over values) vary draw by draw. Within a group the cascade is
linear in the dependence unless inoperability reaches 1, so sums come from n unit responses and
one matrix product; draws where clipping could bind are run through the exact clipped engine.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .accounting import daily_recapture, sector_losses
from .cascade import propagate_piecewise, resilience_k
from .montecarlo import UncertaintySpace, apply_overrides
from .network import load_network
from .params.economy import Economy, load_economy
from .params.table import UncertainParameter
from .scenario import Scenario
from .shock import service_weights, shock_profile
from .timeline import Timeline, build_timeline

GROUP_LEVEL_SECTOR_PARAMS = ("buffer_h", "mobile_share", "recovery_days")
GROUP_LEVEL_PARAMS = ("recovery_speed_multiplier",)
DEFAULT_GROUPS = 16


@dataclass
class ModelContext:
    """Everything fixed for one scenario (+ parameter overrides)."""

    scenario: Scenario
    economy: Economy
    network: Any
    space: UncertaintySpace
    weights: np.ndarray  # (n_sectors, n_services)
    horizon_h: int
    group_names: tuple[str, ...]
    timeline_names: tuple[str, ...]
    steady_map: np.ndarray  # G = (I − A*)⁻¹ A*: steady indirect inoperability per unit c*
    _timelines: dict = field(default_factory=dict, repr=False)

    @property
    def n_days(self) -> int:
        return int(math.ceil(self.horizon_h / 24))

    def timeline(self, behaviour: Mapping[str, float]) -> Timeline:
        key = tuple(round(float(behaviour[n]), 12) for n in self.timeline_names)
        cached = self._timelines.get(key)
        if cached is None:
            cached = build_timeline(self.scenario, self.network, dict(behaviour), self.horizon_h)
            if len(self._timelines) > 512:
                self._timelines.clear()
            self._timelines[key] = cached
        return cached

    def central_timeline(self) -> Timeline:
        return self.timeline(
            {p.name: p.central for p in self.space.params if p.name in self.timeline_names}
        )


def _family(name: str) -> str:
    return name.split(".", 1)[1] if "." in name else name


def prepare(scenario: Scenario, overrides: Mapping[str, float] | None = None) -> ModelContext:
    """Load the economy and network the scenario names and build its uncertainty space."""
    economy = load_economy(scenario.region, scenario.year)
    network = load_network(scenario.region, scenario.infrastructure)
    params: dict[str, UncertainParameter] = {}
    groups: dict[str, str] = {}
    for source in (economy.sector_params, economy.behaviour, network.behaviour):
        for name, param in source.items():
            if name in params:
                raise ValueError(f"parameter name {name!r} defined twice")
            params[name] = param
            groups[name] = _family(name)
    merged = dict(scenario.overrides)
    merged.update(overrides or {})
    if merged:
        params = apply_overrides(params, merged, source=f"scenario {scenario.name} overrides")
    names = tuple(params)
    space = UncertaintySpace(tuple(params[n] for n in names), tuple(groups[n] for n in names))
    timeline_names = tuple(network.behaviour)
    group_names = (
        timeline_names
        + GROUP_LEVEL_PARAMS
        + tuple(n for n in names if "." in n and _family(n) in GROUP_LEVEL_SECTOR_PARAMS)
    )
    weights = service_weights(
        economy.channel_weights, network.service_category, network.service_weight
    )
    a_star = economy.a_star
    steady_map = np.linalg.solve(np.eye(len(a_star)) - a_star, a_star)
    return ModelContext(
        scenario=scenario,
        economy=economy,
        network=network,
        space=space,
        weights=weights,
        horizon_h=scenario.horizon_h,
        group_names=group_names,
        timeline_names=timeline_names,
        steady_map=steady_map,
    )


@dataclass(frozen=True)
class Outcomes:
    """Per-draw results of :func:`evaluate` (USD of GDP unless named otherwise)."""

    gross_gdp_usd: np.ndarray  # (S,)
    direct_gdp_usd: np.ndarray
    recaptured_gdp_usd: np.ndarray
    spillover_usd: np.ndarray
    gross_output_usd: np.ndarray
    sector_gross_gdp_usd: np.ndarray  # (S, n)
    sector_direct_gdp_usd: np.ndarray
    sector_recaptured_gdp_usd: np.ndarray
    daily_gross_gdp_usd: np.ndarray | None  # (S, days)
    daily_direct_gdp_usd: np.ndarray | None
    daily_recaptured_gdp_usd: np.ndarray | None
    group_of_draw: np.ndarray  # (S,) index into ``timelines``
    timelines: tuple[Timeline, ...]
    exact_share: float = 0.0  # share of draws run through the exact clipped engine

    @property
    def indirect_gdp_usd(self) -> np.ndarray:
        return self.gross_gdp_usd - self.direct_gdp_usd

    @property
    def net_gdp_usd(self) -> np.ndarray:
        return self.gross_gdp_usd - self.recaptured_gdp_usd


def _sector_array(
    ctx: ModelContext, values: Mapping[str, np.ndarray], param: str, rows: np.ndarray
) -> np.ndarray:
    out = np.empty((len(rows), len(ctx.economy.sectors)))
    for j, sector in enumerate(ctx.economy.sectors):
        out[:, j] = np.asarray(values[f"{sector}.{param}"])[rows]
    return out


def _transit_scale(
    gvals: Mapping[str, float], values: Mapping[str, np.ndarray], draws: np.ndarray
) -> np.ndarray | float:
    share = gvals.get("mainland_transit_via_hk_share")
    if share is None or "spillover_transit_reference_share" not in values:
        return 1.0
    reference = np.asarray(values["spillover_transit_reference_share"], float)[draws]
    return float(share) / np.maximum(reference, 1e-9)


def _group_rows(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows (in order of first appearance) and each row's index among them."""
    first: dict[bytes, int] = {}
    group_of_row = np.fromiter(
        (first.setdefault(row.tobytes(), len(first)) for row in np.ascontiguousarray(matrix)),
        dtype=np.int64,
        count=len(matrix),
    )
    _, starts = np.unique(group_of_row, return_index=True)
    return matrix[starts], group_of_row


@dataclass(frozen=True)
class GroupInoperability:
    """Inoperability-hours of one group's draws (see :func:`group_inoperability`)."""

    total_q_hours: np.ndarray  # (S, n)
    direct_q_hours: np.ndarray  # (S, n)
    q_hours_in_window: np.ndarray  # (S, n) inside the recapture window
    daily_gross_gdp_usd: np.ndarray | None  # (S, days)
    daily_direct_gdp_usd: np.ndarray | None  # (S, days)
    exact_share: float  # share of draws that needed the exact (clipped) engine


_UNIT = 1e-3  # unit-shock size for the linear responses (small so clipping never binds)


def _window_days(rest_h: float, window_h: np.ndarray, n_days: int) -> tuple[int, np.ndarray]:
    """First day of the recapture window and each draw's last day inside it."""
    first = int(math.floor(rest_h / 24.0))
    last = np.ceil((rest_h + window_h) / 24.0).astype(int) - 1
    return first, np.clip(last, first - 1, n_days - 1)


def group_inoperability(
    A: np.ndarray,
    G: np.ndarray,
    k0: np.ndarray,
    m: float,
    D: np.ndarray,
    f: np.ndarray,
    va_per_q_hour: np.ndarray,
    rest_h: float,
    window_h: np.ndarray,
    n_days: int,
    daily: bool,
    force_exact: bool = False,
) -> GroupInoperability:
    """Σ_t q for every draw of a group sharing the shock profile f and the dynamics (k0, m).

    Without clipping the model is linear in the dependence D, so the response to a small unit
    shock of each sector (n propagations, exact, via :func:`propagate_piecewise`) gives every
    draw's sums by one matrix product. A draw whose peak inoperability could reach 1 — bound:
    c*_max + (I − A*)⁻¹A* c*_max, valid because the DIIM map is monotone — is run through the
    exact clipped engine instead.
    """
    S, n = D.shape
    fsum = f.sum(axis=0)
    direct = D * fsum
    first_day, last_day = _window_days(rest_h, window_h, n_days)
    day_of_hour = np.arange(f.shape[0]) // 24
    f_daily = np.zeros((n_days, n))
    np.add.at(f_daily, np.minimum(day_of_hour, n_days - 1), f)
    c_max = D * f.max(axis=0)
    clip_may_bind = ((c_max + c_max @ G.T) > 1.0 - 1e-9).any(axis=1)
    linear = ~clip_may_bind & (not force_exact)
    total = np.empty((S, n))
    in_window = np.zeros((S, n))
    daily_gross = np.zeros((S, n_days)) if daily else None
    daily_direct = (D * va_per_q_hour) @ f_daily.T if daily else None
    lin = np.flatnonzero(linear)
    if lin.size:
        unit = propagate_piecewise(A, k0, np.full(n, m), _UNIT * np.eye(n), f, daily=True)
        R_total = unit.total_q_hours / _UNIT  # (n_j, n_i): q-hours of i per unit D_j
        R_daily = unit.daily_q_hours[:, :n_days, :] / _UNIT  # (n_j, days, n_i)
        total[lin] = D[lin] @ R_total
        if daily:
            daily_gross[lin] = D[lin] @ (R_daily @ va_per_q_hour)
        cum = np.zeros_like(R_daily)
        if first_day < n_days:
            cum[:, first_day:, :] = np.cumsum(R_daily[:, first_day:, :], axis=1)
        has = last_day[lin] >= first_day
        if has.any():
            rows = lin[has]
            picked = cum[:, last_day[rows], :]  # (n_j, S_lin, n_i)
            in_window[rows] = np.einsum("sj,jsi->si", D[rows], picked)
    ex = np.flatnonzero(~linear)
    if ex.size:
        prop = propagate_piecewise(A, k0, np.full(ex.size, m), D[ex], f, daily=True)
        total[ex] = prop.total_q_hours
        q_daily = prop.daily_q_hours[:, :n_days, :]
        if daily:
            daily_gross[ex] = q_daily @ va_per_q_hour
        cum = np.zeros_like(q_daily)
        if first_day < n_days:
            cum[:, first_day:, :] = np.cumsum(q_daily[:, first_day:, :], axis=1)
        has = last_day[ex] >= first_day
        in_window[ex[has]] = cum[np.flatnonzero(has), last_day[ex[has]], :]
    return GroupInoperability(
        total, np.minimum(direct, total), in_window, daily_gross, daily_direct, ex.size / max(S, 1)
    )


def evaluate(
    ctx: ModelContext,
    values: Mapping[str, np.ndarray],
    *,
    daily: bool = True,
    progress: Callable[[float], None] | None = None,
    force_exact: bool = False,
) -> Outcomes:
    """Run the model for S draws given as ``{parameter name: (S,) values}``.

    ``force_exact`` runs every draw through the clipped engine (for tests of the fast path).
    """
    economy = ctx.economy
    n_draws = len(next(iter(values.values())))
    n, n_days = len(economy.sectors), ctx.n_days
    unique_rows, group_of_draw = _group_rows(
        np.stack([np.asarray(values[name], float) for name in ctx.group_names], axis=1)
    )

    out = {key: np.zeros(n_draws) for key in ("gross", "direct", "recaptured", "spill", "output")}
    sec = {key: np.zeros((n_draws, n)) for key in ("gross", "direct", "recaptured")}
    days = (
        {key: np.zeros((n_draws, n_days)) for key in ("gross", "direct", "recaptured")}
        if daily
        else None
    )
    timelines: list[Timeline] = []
    x_year = economy.gross_output_usd
    va_year = economy.value_added_usd
    va_per_q_hour = va_year / 8760.0  # USD of GDP per inoperability-hour of each sector
    a_diag = np.diag(economy.a_star)
    exact_draws = 0

    for g, row in enumerate(unique_rows):
        draws = np.flatnonzero(group_of_draw == g)
        gvals = dict(zip(ctx.group_names, row))
        timeline = ctx.timeline({n_: gvals[n_] for n_ in ctx.timeline_names})
        timelines.append(timeline)
        first = draws[:1]
        mobile = _sector_array(ctx, values, "mobile_share", first)[0]
        buffer_h = _sector_array(ctx, values, "buffer_h", first)[0]
        recovery_h = _sector_array(ctx, values, "recovery_days", first)[0] * 24.0
        f = shock_profile(
            timeline.services, timeline.access, ctx.weights, mobile, buffer_h, timeline.step_h
        )
        k0 = resilience_k(recovery_h, a_diag)
        # An hourly DIIM step must not overshoot: m k0_i (1 - a*_ii) <= 1 (recovery within the
        # hour is the fastest the hourly grid can represent).
        m = min(float(gvals["recovery_speed_multiplier"]), 1.0 / float(np.max(k0 * (1 - a_diag))))
        D = _sector_array(ctx, values, "dependence", draws)

        restored = timeline.restoration_h is not None
        rest_h = timeline.restoration_h if restored else float(ctx.horizon_h)
        window_h = np.asarray(values["recapture_window_days"], float)[draws] * 24.0
        inop = group_inoperability(
            economy.a_star,
            ctx.steady_map,
            k0,
            m,
            D,
            f,
            va_per_q_hour,
            rest_h,
            window_h,
            n_days,
            daily,
            force_exact,
        )
        exact_draws += round(inop.exact_share * draws.size)
        losses = sector_losses(
            x_year,
            va_year,
            inop.total_q_hours,
            inop.direct_q_hours,
            _sector_array(ctx, values, "recapture_share", draws),
            np.asarray(values["alpha_max"], float)[draws],
            window_h,
            inop.q_hours_in_window,
            restored,
        )
        out["gross"][draws] = losses.gross_gdp_usd.sum(axis=1)
        out["direct"][draws] = losses.direct_gdp_usd.sum(axis=1)
        out["recaptured"][draws] = losses.recaptured_gdp_usd.sum(axis=1)
        out["output"][draws] = losses.gross_output_usd.sum(axis=1)
        sec["gross"][draws] = losses.gross_gdp_usd
        sec["direct"][draws] = losses.direct_gdp_usd
        sec["recaptured"][draws] = losses.recaptured_gdp_usd
        cloud_down_h = float(np.sum(1.0 - timeline.foreign["cloud"])) * timeline.step_h
        # transit value abroad scales with the share of mainland traffic the region carries
        transit_scale = _transit_scale(gvals, values, draws)
        transit_down_h = float(np.sum(1.0 - timeline.foreign["transit"])) * timeline.step_h
        out["spill"][draws] = (
            np.asarray(values["spillover_cloud_value_usd_per_day"], float)[draws] * cloud_down_h
            + np.asarray(values["spillover_transit_value_usd_per_day"], float)[draws]
            * transit_scale
            * transit_down_h
        ) / 24.0
        if days is not None:
            days["gross"][draws] = inop.daily_gross_gdp_usd
            days["direct"][draws] = np.minimum(inop.daily_direct_gdp_usd, inop.daily_gross_gdp_usd)
            if restored:
                days["recaptured"][draws] = daily_recapture(
                    losses.recaptured_gdp_usd, losses.recapture_hours, rest_h, n_days
                )
        if progress is not None:
            progress((g + 1) / len(unique_rows))

    return Outcomes(
        gross_gdp_usd=out["gross"],
        direct_gdp_usd=out["direct"],
        recaptured_gdp_usd=out["recaptured"],
        spillover_usd=out["spill"],
        gross_output_usd=out["output"],
        sector_gross_gdp_usd=sec["gross"],
        sector_direct_gdp_usd=sec["direct"],
        sector_recaptured_gdp_usd=sec["recaptured"],
        daily_gross_gdp_usd=None if days is None else days["gross"],
        daily_direct_gdp_usd=None if days is None else days["direct"],
        daily_recaptured_gdp_usd=None if days is None else days["recaptured"],
        group_of_draw=group_of_draw,
        timelines=tuple(timelines),
        exact_share=exact_draws / max(n_draws, 1),
    )


def draw_values(
    ctx: ModelContext, draws: int, seed: int, n_groups: int = DEFAULT_GROUPS
) -> dict[str, np.ndarray]:
    """Sample ``draws`` parameter sets from one seeded Generator.

    ``draws == 1`` gives the central values. Group-level parameters take one of ``n_groups``
    sampled values (draw s uses group s mod G) so draws can share a SimPy timeline.
    """
    if draws == 1:
        return {name: value.copy() for name, value in ctx.space.central().items()}
    rng = np.random.default_rng(seed)
    n_groups = max(1, min(n_groups, draws))
    values = ctx.space.sample(draws, rng, rows={name: n_groups for name in ctx.group_names})
    group_of_draw = np.arange(draws) % n_groups
    for name in ctx.group_names:
        values[name] = values[name][group_of_draw]
    return values


def simulate(
    scenario: Scenario | str,
    draws: int = 1000,
    seed: int = 0,
    *,
    overrides: Mapping[str, float] | None = None,
    n_groups: int = DEFAULT_GROUPS,
    progress: Callable[[float], None] | None = None,
    with_baselines: bool = True,
):
    """Monte Carlo estimate of a scenario's losses.

    Parameters
    ----------
    scenario : Scenario, bundled scenario name or path to a YAML file
    draws : number of parameter draws (1 = central values only)
    seed : seed of the single numpy Generator (same seed, same numbers)
    overrides : parameter name -> central value (user edits)
    """
    from .errors import InputError
    from .result import Result
    from .scenario import load_scenario

    if isinstance(scenario, str):
        scenario = load_scenario(scenario)
    if (
        isinstance(draws, bool)
        or not isinstance(draws, int | np.integer)
        or not (1 <= draws <= 1_000_000)
    ):
        raise InputError(f"draws = {draws!r}", field="draws", allowed="integer in [1, 1000000]")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or not (0 <= seed < 2**63):
        raise InputError(f"seed = {seed!r}", field="seed", allowed="integer in [0, 2**63)")
    ctx = prepare(scenario, overrides)
    values = draw_values(ctx, int(draws), int(seed), n_groups)
    outcomes = evaluate(ctx, values, progress=progress)
    central_outcomes = outcomes if draws == 1 else evaluate(ctx, ctx.space.central(), daily=False)
    return Result.from_outcomes(
        ctx,
        outcomes,
        central_outcomes,
        draws=int(draws),
        seed=int(seed),
        overrides=dict(overrides or {}),
        with_baselines=with_baselines,
    )
