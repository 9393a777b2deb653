"""Consumer welfare: what people lose as users of the internet and its apps, on its own line.

``consumer_welfare_usd`` is valued from published willingness-to-accept studies (what users would
need to be paid to give up a service for a month; ``parameters/welfare_values.csv``), never added
to the GDP headline: most online services are free at the point of use, so their loss is a loss
of consumer surplus, not of output. Per draw s (USD):

    W = N · k · [V_int · E_int + Σ_a u_a · V_a · E_a] / H_month

- N internet users of the region (World Bank share of population; :mod:`.beyond_gdp`), u_a the
  share of them using app a (the region's apps table), H_month = 730.5 hours;
- E_int = Σ_t (1 − ā(t)) user-hours without access, ā = m · a_mobile + (1 − m) · a_fixed with m
  the share of people's own time online on mobile data (``consumer_mobile_share``);
- E_a = Σ_t ā(t) · (1 − a_a(t)) hours in which a user with access cannot use app a, with a_a the
  app's availability *before* users move to substitutes (the studies asked about giving up one
  app while the others stayed, so their values already net the substitutes out);
- k = GDP per person of the region in the scenario's year ÷ GDP per person of the study's country
  in the study's year (current USD, World Bank): income elasticity 1 (the stated conversion rule).

Values are drawn from their own stream (seeded from the run's seed), so this line never changes
the GDP outcomes' draws. 0 where nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from .montecarlo import sample_one, summarise
from .params.table import UncertainParameter, read_table, uncertain_parameters
from .paths import PARAMETERS_DIR

WELFARE_FILE = PARAMETERS_DIR / "welfare_values.csv"
HOURS_PER_MONTH = 365.25 * 24 / 12
#: Offset of the welfare values' random stream from the run's seed (keeps GDP draws unchanged).
STREAM = 11


@dataclass(frozen=True)
class WelfareValues:
    """Willingness-to-accept values (USD per user per month, study country/year) and the split."""

    params: dict[str, UncertainParameter]
    study_country: dict[str, str]
    source: str = str(WELFARE_FILE)

    def app_key(self, app: str) -> str:
        return f"app:{app}" if f"app:{app}" in self.params else "app:other"


@lru_cache(maxsize=2)
def load_welfare_values(path=WELFARE_FILE) -> WelfareValues:
    """Read and validate ``parameters/welfare_values.csv`` (cached)."""
    frame = read_table(path, "welfare_values")
    params = uncertain_parameters(frame)
    country = {str(r["name"]): str(r.get("study_country") or "") for r in frame.to_dict("records")}
    return WelfareValues(params, country, str(path))


def _gdp_per_person(region: str, year: int) -> float | None:
    from .errors import ParameterError
    from .params.countries import country_facts, known_iso3, years_with_data

    if region not in known_iso3():
        return None
    years = years_with_data(region, "gdp_usd")
    if not years:
        return None
    used = min(years, key=lambda y: (abs(y - year), y))
    try:
        facts = country_facts(region, used)
    except ParameterError:
        return None
    if not facts.gdp_usd or not facts.population:
        return None
    return float(facts.gdp_usd) / float(facts.population)


def conversion(economy, values: WelfareValues, key: str) -> float:
    """k: region GDP per person over the study country's in the study year (1 if unknown)."""
    p = values.params[key]
    country = values.study_country.get(key) or ""
    study = _gdp_per_person(country, int(float(p.year))) if country else None
    region = float(economy.gdp_usd) / float(economy.population) if economy.population else None
    if not study or not region:
        return 1.0
    return region / study


@dataclass(frozen=True)
class Exposure:
    """Hours of one timeline: without access (split by access kind) and app by app."""

    no_fixed_h: float  # Σ_t (1 − a_fixed)
    no_mobile_h: float  # Σ_t (1 − a_mobile)
    app_fixed_h: dict[str, float]  # Σ_t a_fixed (1 − a_app)
    app_mobile_h: dict[str, float]  # Σ_t a_mobile (1 − a_app)


def exposure(timeline, apps: tuple[str, ...]) -> Exposure:
    """The exposure terms of ``timeline``; E is linear in the mobile share m."""
    step = float(timeline.step_h)
    a_fix, a_mob = timeline.access[:, 0], timeline.access[:, 1]
    services = getattr(timeline, "unsubstituted", None)
    services = timeline.services if services is None else services
    names = list(timeline.service_names)
    fixed, mobile = {}, {}
    for app in apps:
        col = names.index(f"app:{app}") if f"app:{app}" in names else None
        if col is None:
            continue
        lost = 1.0 - services[:, col]
        fixed[app] = float(np.sum(a_fix * lost)) * step
        mobile[app] = float(np.sum(a_mob * lost)) * step
    return Exposure(
        float(np.sum(1.0 - a_fix)) * step, float(np.sum(1.0 - a_mob)) * step, fixed, mobile
    )


@dataclass
class Welfare:
    """Consumer welfare lost per draw (USD) and at central values, with what it was built from."""

    draws_usd: np.ndarray
    central_usd: float
    inputs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**summarise(self.draws_usd), "central": float(self.central_usd)}


def _welfare(e: Exposure, users: float, share: dict, v: dict, k: dict, m) -> np.ndarray:
    """W for arrays of values ``v`` (key -> (S,)) and mobile shares ``m`` (S,)."""
    internet = (
        (m * e.no_mobile_h + (1 - m) * e.no_fixed_h) * v["internet_bundle"] * k["internet_bundle"]
    )
    apps = 0.0
    for app, fixed_h in e.app_fixed_h.items():
        key = f"app:{app}" if f"app:{app}" in v else "app:other"
        hours = m * e.app_mobile_h[app] + (1 - m) * fixed_h
        apps = apps + share.get(app, 0.0) * v[key] * k[key] * hours
    return users * (internet + apps) / HOURS_PER_MONTH


def consumer_welfare(ctx, outcomes, central_timeline, seed: int) -> Welfare:
    """The ``consumer_welfare_usd`` line of a run (see the module docstring)."""
    from .beyond_gdp import internet_users

    economy, network = ctx.economy, ctx.network
    values = load_welfare_values()
    users = internet_users(economy.region, int(ctx.scenario.year), float(economy.population))
    n_draws = int(len(outcomes.group_of_draw))
    if users.value is None:
        zero = np.zeros(n_draws)
        return Welfare(zero, 0.0, {"internet_users": users.to_dict(), "note": "users unknown"})
    apps = tuple(network.apps)
    share = dict(getattr(network, "app_users_share", {}) or {})
    keys = [name for name in values.params if name != "consumer_mobile_share"]
    k = {key: conversion(economy, values, key) for key in keys}
    rng = np.random.default_rng([int(seed), STREAM])
    drawn = {name: sample_one(p, n_draws, rng) for name, p in values.params.items()}
    if n_draws == 1:
        drawn = {name: np.array([p.central]) for name, p in values.params.items()}
    out = np.zeros(n_draws)
    for g, tl in enumerate(outcomes.timelines):
        rows = np.flatnonzero(outcomes.group_of_draw == g)
        if rows.size == 0:
            continue
        v = {key: drawn[key][rows] for key in keys}
        m = drawn["consumer_mobile_share"][rows]
        out[rows] = _welfare(exposure(tl, apps), float(users.value), share, v, k, m)
    central_v = {key: np.array([values.params[key].central]) for key in keys}
    m0 = np.array([values.params["consumer_mobile_share"].central])
    central = float(
        _welfare(exposure(central_timeline, apps), float(users.value), share, central_v, k, m0)[0]
    )
    inputs = {
        "internet_users": users.to_dict(),
        "conversion_rule": "x GDP per person of the region (scenario year) / GDP per person of "
        "the study's country (study year), current USD (income elasticity 1)",
        "conversion": {key: float(k[key]) for key in keys},
        "values_usd_per_user_month": {key: float(values.params[key].central) for key in keys},
        "source": "parameters/welfare_values.csv",
    }
    return Welfare(np.maximum(out, 0.0), max(central, 0.0), inputs)
