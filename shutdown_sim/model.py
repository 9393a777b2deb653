"""The structural model end to end: scenario -> timeline -> shock -> cascade -> accounting.

``prepare`` gathers everything a scenario needs (economy, network, uncertainty space);
``evaluate`` runs the model for a batch of parameter draws (arrays with a leading draw axis);
``simulate`` is the public Monte Carlo entry point returning a :class:`~shutdown_sim.result.Result`
(the published baselines and the provenance are computed beside it).

``evaluate`` is one loop over timeline groups, one stage per line, each stage in its module:

    inputs.GroupInput      the group's parameter values (the one input object)
    timeline.build_timeline service availability a(t) (SimPy; cached per group)
    shock.direct_shock     c* = d · f(t)
    cascade.cascade        inoperability q(t), summed per day
    accounting.account     direct, indirect, recaptured, net losses; spill-over abroad

Draws share their event timeline by *group*: parameters that change the timeline, the shock
profile or the dynamics (timeline behaviour, sector buffers, mobile shares, recovery times and the
recovery-speed multiplier: level ``timeline`` or ``group`` in ``parameters/parameter_families.csv``)
are sampled once per group, and every draw of a group reuses that
group's SimPy run and cascade responses. Economic parameters (dependence, recapture, catch-up
capacity, recapture window, spill-over values) vary draw by draw. The default capacity-or-demand
cascade steps a group's draws together (:mod:`.rationing`); with the additive rule the cascade is
linear in the dependence unless inoperability reaches 1, so sums come from n unit responses and
one matrix product, and draws where clipping could bind run through the exact clipped engine.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .accounting import GroupAccount, account
from .cascade import cascade, dynamics, steady_map
from .constants import HOURS_PER_DAY
from .errors import ParameterError
from .inputs import split_groups
from .montecarlo import UncertaintySpace, apply_overrides
from .network import load_network
from .params.economy import Economy, load_economy
from .params.families import family_of, load_families
from .params.table import UncertainParameter
from .rationing import cascade_groups, supply_coefficients
from .scenario import Scenario
from .shock import direct_shock, service_weights
from .structure import StructuralChoices
from .timeline import Timeline, build_timeline

DEFAULT_GROUPS = 16
#: Horizons (hours) up to which the capacity-or-demand cascade steps all groups in one batch.
#: Longer horizons have long constant stretches where each group jumps to its own fixed point as
#: soon as it has converged; batched, the slowest group would hold every draw back. Speed only:
#: both paths give the same numbers (to the engine's fixed-point tolerance).
BATCH_GROUPS_MAX_H = 60 * 24


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
    structure: StructuralChoices = field(default_factory=StructuralChoices)
    _timelines: dict = field(default_factory=dict, repr=False)

    @property
    def a_tech(self) -> np.ndarray:
        """Technical coefficients a_ji = z_ji / x_i of the economy's (domestic) table."""
        return supply_coefficients(self.economy.a_star, self.economy.gross_output_usd)

    @property
    def n_days(self) -> int:
        return int(math.ceil(self.horizon_h / HOURS_PER_DAY))

    def timeline(self, behaviour: Mapping[str, float]) -> Timeline:
        key = tuple(round(float(behaviour[n]), 12) for n in self.timeline_names)
        cached = self._timelines.get(key)
        if cached is None:
            cached = build_timeline(
                self.scenario,
                self.network,
                dict(behaviour),
                self.horizon_h,
                private_networks=self.structure.private_networks,
                throttle_headroom=self.structure.throttle_headroom,
            )
            if len(self._timelines) > 512:
                self._timelines.clear()
            self._timelines[key] = cached
        return cached

    def central_timeline(self) -> Timeline:
        return self.timeline(
            {p.name: p.central for p in self.space.params if p.name in self.timeline_names}
        )


def prepare(
    scenario: Scenario,
    overrides: Mapping[str, float] | None = None,
    structure: StructuralChoices | None = None,
    correlations: Mapping[str, float] | None = None,
) -> ModelContext:
    """Load the economy and network the scenario names and build its uncertainty space.

    ``structure`` selects the structural alternatives (:mod:`shutdown_sim.structure`); None = the
    model's defaults.

    Which parameters are drawn once per timeline group (and which of those feed the SimPy
    timeline) is the ``level`` column of ``parameters/parameter_families.csv``; how strongly a
    family's parameters move together is its ``correlation`` column (``correlations`` replaces
    it for some families, e.g. ``{"dependence": 0.0}`` to draw them independently).
    """
    structure = structure or StructuralChoices()
    economy = load_economy(scenario.region, scenario.year, io_table=structure.io_table)
    network = load_network(scenario.region, scenario.infrastructure, year=scenario.year)
    families = load_families()
    params: dict[str, UncertainParameter] = {}
    for source in (economy.sector_params, economy.behaviour, network.behaviour):
        for name, param in source.items():
            if name in params:
                raise ValueError(f"parameter name {name!r} defined twice")
            params[name] = param
    merged = dict(scenario.overrides)
    merged.update(overrides or {})
    if merged:
        params = apply_overrides(params, merged, source=f"scenario {scenario.name} overrides")
    names = tuple(params)
    correlation = families.correlations()
    correlation.update(correlations or {})
    space = UncertaintySpace(
        tuple(params.values()), tuple(family_of(n) for n in names), correlation
    )
    timeline_names = families.at_level(names, "timeline")
    group_names = families.at_level(names, "timeline", "group")
    transit = economy.transit_share_parameter
    if transit is not None and transit not in group_names:
        raise ParameterError(
            f"spillover.transit_share_parameter {transit!r}",
            file=f"parameters/regions/{economy.region}/region.yaml",
            field="spillover.transit_share_parameter",
            allowed=", ".join(families.at_level(names, "timeline")),
        )
    weights = service_weights(
        economy.channel_weights, network.service_category, network.service_weight
    )
    return ModelContext(
        scenario=scenario,
        economy=economy,
        network=network,
        space=space,
        weights=weights,
        horizon_h=scenario.horizon_h,
        group_names=group_names,
        timeline_names=timeline_names,
        steady_map=steady_map(economy.a_star),
        structure=structure,
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


class _Collector:
    """Gathers the groups' accounts into the batch's :class:`Outcomes`."""

    _SECTOR = ("gross", "direct", "recaptured")

    def __init__(self, n_draws: int, n: int, n_days: int, daily: bool):
        self.n_draws = n_draws
        self.total = {k: np.zeros(n_draws) for k in ("spill", "output")}
        self.sector = {k: np.zeros((n_draws, n)) for k in self._SECTOR}
        self.days = {k: np.zeros((n_draws, n_days)) for k in self._SECTOR} if daily else None
        self.timelines: list[Timeline] = []
        self.exact_draws = 0

    def add(self, draws: np.ndarray, timeline: Timeline, acc: GroupAccount, exact_share: float):
        losses = acc.losses
        self.sector["gross"][draws] = losses.gross_gdp_usd
        self.sector["direct"][draws] = losses.direct_gdp_usd
        self.sector["recaptured"][draws] = losses.recaptured_gdp_usd
        self.total["output"][draws] = losses.gross_output_usd.sum(axis=1)
        self.total["spill"][draws] = acc.spillover_usd
        if self.days is not None:
            self.days["gross"][draws] = acc.daily_gross_gdp_usd
            self.days["direct"][draws] = acc.daily_direct_gdp_usd
            self.days["recaptured"][draws] = acc.daily_recaptured_gdp_usd
        self.timelines.append(timeline)
        self.exact_draws += round(exact_share * draws.size)

    def outcomes(self, group_of_draw: np.ndarray) -> Outcomes:
        sec, days = self.sector, self.days or {}
        return Outcomes(
            gross_gdp_usd=sec["gross"].sum(axis=1),
            direct_gdp_usd=sec["direct"].sum(axis=1),
            recaptured_gdp_usd=sec["recaptured"].sum(axis=1),
            spillover_usd=self.total["spill"],
            gross_output_usd=self.total["output"],
            sector_gross_gdp_usd=sec["gross"],
            sector_direct_gdp_usd=sec["direct"],
            sector_recaptured_gdp_usd=sec["recaptured"],
            daily_gross_gdp_usd=days.get("gross"),
            daily_direct_gdp_usd=days.get("direct"),
            daily_recaptured_gdp_usd=days.get("recaptured"),
            group_of_draw=group_of_draw,
            timelines=tuple(self.timelines),
            exact_share=self.exact_draws / max(self.n_draws, 1),
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

    One pass per timeline group: timeline -> shock -> cascade -> accounting. ``force_exact``
    runs every draw through the clipped engine (for tests of the fast path).
    """
    economy = ctx.economy
    group_of_draw, groups = split_groups(
        values,
        ctx.group_names,
        economy.sectors,
        ctx.timeline_names,
        economy.transit_share_parameter,
    )
    out = _Collector(len(group_of_draw), economy.n, ctx.n_days, daily)
    staged = []
    for inp in groups:
        timeline = ctx.timeline(inp.behaviour)
        shock = direct_shock(
            timeline,
            ctx.weights,
            inp.dependence,
            inp.mobile_share,
            inp.buffer_h,
            inp.transaction_share,
            inp.private_share,
        )
        a_star, G = demand_matrix(ctx, inp.transaction_share)
        dyn = dynamics(
            a_star,
            G,
            inp.recovery_h,
            inp.recovery_speed,
            rationing=ctx.structure.rationing,
            a_tech=ctx.a_tech,
            buffer_h=inp.buffer_h,
            a_star_base=economy.a_star,
            row_scale=inp.transaction_share,
        )
        staged.append((inp, timeline, shock, dyn))
    if (
        ctx.structure.rationing == "capacity_or_demand"
        and not force_exact
        and ctx.horizon_h <= BATCH_GROUPS_MAX_H
    ):
        # every group's draws stepped together (one batched run, see rationing.cascade_groups)
        inops = cascade_groups([s[2] for s in staged], [s[3] for s in staged])
    else:
        inops = [cascade(shock, dyn, force_exact=force_exact) for _, _, shock, dyn in staged]
    for g, ((inp, timeline, shock, _), inop) in enumerate(zip(staged, inops)):
        acc = account(
            economy,
            timeline,
            shock,
            inop,
            inp,
            horizon_h=ctx.horizon_h,
            daily=daily,
            recapture=ctx.structure.recapture,
        )
        out.add(inp.draws, timeline, acc, inop.exact_share)
        if progress is not None:
            progress((g + 1) / len(groups))
    return out.outcomes(group_of_draw)


def demand_matrix(
    ctx: ModelContext, transaction_share: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(A*, G) with each supplier's row scaled by its transaction share tau_i.

    A customer's lower activity cuts only the part of a supplier's sales that needs transactions
    now: rents and interest margins keep accruing (issue 11 item 3). Rows of sectors with tau = 1
    are unchanged; when every tau is 1 the context's matrices are returned as they are.
    """
    tau = np.asarray(transaction_share, dtype=float)
    if np.all(tau == 1.0):
        return ctx.economy.a_star, ctx.steady_map
    a_star = ctx.economy.a_star * tau[:, None]
    return a_star, steady_map(a_star)


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
    structure: StructuralChoices | None = None,
    correlations: Mapping[str, float] | None = None,
):
    """Monte Carlo estimate of a scenario's losses.

    Parameters
    ----------
    scenario : Scenario, bundled scenario name or path to a YAML file
    draws : number of parameter draws (1 = central values only)
    seed : seed of the single numpy Generator (same seed, same numbers)
    overrides : parameter name -> central value (user edits)
    structure : structural alternatives (None = the model's defaults; :mod:`.structure`)
    correlations : family -> latent within-family correlation, replacing the families table's
    """
    from .comparison import compare_baselines
    from .errors import InputError
    from .provenance import hash_values, provenance_record
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
    ctx = prepare(scenario, overrides, structure, correlations)
    values = draw_values(ctx, int(draws), int(seed), n_groups)
    outcomes = evaluate(ctx, values, progress=progress)
    central_outcomes = outcomes if draws == 1 else evaluate(ctx, ctx.space.central(), daily=False)
    comparison = compare_baselines(
        scenario, ctx.economy, ctx.central_timeline(), run=with_baselines
    )
    provenance = provenance_record(
        scenario_hash=scenario.content_hash(),
        region=ctx.economy.region,
        parameter_values_hash=hash_values({p.name: p.central for p in ctx.space.params}),
        seed=int(seed),
        draws=int(draws),
        overrides=dict(overrides or {}),
    )
    return Result.from_outcomes(
        ctx, outcomes, central_outcomes, comparison, provenance, draws=int(draws), seed=int(seed)
    )
