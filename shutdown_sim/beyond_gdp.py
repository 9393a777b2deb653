"""Outcomes beyond GDP, each on its own line and never added to the headline.

- ``people_affected`` (persons): people whose connectivity the scenario cuts — internet users ×
  share affected × scope (mobile internet users for a mobile cut, an app's users for an app
  block, users in scope for a throttle; for infrastructure failures the worst-hour share of
  connectivity lost in the central timeline). Several events: the largest (events mostly hit the
  same people, so this is a lower bound of their union).
- ``worker_days_lost`` (worker-days, per draw): Σ_i employment_i × lost value added_i / daily
  value added_i, i.e. employment × inoperability over time when value added per worker is even
  within a sector. Gross of catch-up afterwards; not jobs lost for good.
- ``tax_revenue_loss_usd`` (USD, per draw): net GDP loss × tax revenue as a share of GDP, a
  first-order ratio (not a fiscal model: no timing of collection, no tax-base detail).

The ratio: a region's own ``macro.tax_revenue_share_gdp`` in ``region.yaml`` (Hong Kong: its
government accounts), else the World Bank ratio of the nearest year, else the income-group median
(:func:`shutdown_sim.params.world.indicators`), each with source, year and status.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .constants import HOURS_PER_DAY, HOURS_PER_YEAR

DAYS_PER_YEAR = HOURS_PER_YEAR / HOURS_PER_DAY
CORE = ("domestic", "international", "cloud", "payments")


@dataclass(frozen=True)
class Ratio:
    """A sourced number with its year and status (low/high where known)."""

    value: float | None
    year: int | None
    status: str
    source: str
    unit: str = ""
    low: float | None = None
    high: float | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "year": self.year,
            "status": self.status,
            "source": self.source,
            "note": self.note,
        }


@dataclass(frozen=True)
class BeyondGdp:
    """The three outcomes of one run (per-draw arrays, central values, inputs)."""

    worker_days: np.ndarray  # (S,) worker-days
    sector_worker_days: np.ndarray  # (S, n)
    tax_usd: np.ndarray  # (S,) USD
    central: dict[str, float]  # worker_days_lost, tax_revenue_loss_usd at central values
    people_affected: float  # persons
    people_inputs: dict[str, Any] = field(default_factory=dict)
    tax_ratio: Ratio | None = None
    worker_days_inputs: dict[str, Any] = field(default_factory=dict)


# --- region facts -------------------------------------------------------------------------------


def _region_macro(region: str) -> dict[str, Any]:
    """``macro`` of the region's ``region.yaml`` (empty for regions without a folder)."""
    from .errors import ParameterError
    from .params.region import region_folder

    try:
        return dict(region_folder(region).meta.macro)
    except (ParameterError, OSError, KeyError, ValueError):
        return {}


def _macro_ratio(block: dict[str, Any], year: int) -> Ratio | None:
    values = block.get("values") if isinstance(block, dict) else None
    if not isinstance(values, dict) or not values:
        return None
    used = min(values, key=lambda y: (abs(int(y) - year), int(y)))

    def opt(key: str) -> float | None:
        v = block.get(key)
        return None if v is None else float(v)

    return Ratio(
        float(values[used]), int(used), str(block.get("status", "")),
        " ".join(str(block.get("source", "")).split()), str(block.get("unit", "")),
        opt("low"), opt("high"), " ".join(str(block.get("note", "")).split()),
    )  # fmt: skip


def tax_ratio(region: str, year: int) -> Ratio:
    """Tax revenue as a share of GDP: the region's own accounts, else World Bank (nearest year),
    else the income-group median (labelled); value None when nothing is known."""
    own = _macro_ratio(_region_macro(region).get("tax_revenue_share_gdp", {}), year)
    if own is not None:
        return own
    from .errors import ParameterError
    from .params.world import indicators

    try:
        ind = indicators(region, year)["tax_revenue_share_gdp"]
    except (ParameterError, KeyError, FileNotFoundError):
        return Ratio(None, None, "ASSUMPTION", "", "share of GDP", note="no tax ratio known")
    return Ratio(ind.value, ind.year, ind.status, ind.source, ind.unit, note=ind.note)


def internet_users(region: str, year: int, population: float) -> Ratio:
    """Internet users (persons): World Bank share of population (nearest year) × population."""
    from .errors import ParameterError
    from .params.countries import country_facts, country_sources, known_iso3, years_with_data

    unit = "persons"
    if region not in known_iso3() or not years_with_data(region, "internet_users_share"):
        return Ratio(None, None, "ASSUMPTION", "", unit, note="no internet-use share known")
    years = years_with_data(region, "internet_users_share")
    used = min(years, key=lambda y: (abs(y - year), y))
    try:
        share = country_facts(region, used).internet_users_share
    except ParameterError:
        share = None
    src = country_sources().get("internet_users_share", "World Bank WDI IT.NET.USER.ZS")
    if share is None:
        return Ratio(None, None, "ASSUMPTION", src, unit, note="no internet-use share known")
    return Ratio(
        share * population, used, "VERIFIED", src, unit,
        note=f"share {share:.4f} of population {population:,.0f}",
    )  # fmt: skip


def mobile_internet_users(region: str, year: int, users: float) -> Ratio:
    """Mobile internet users: the region's own count, else all internet users (an upper bound)."""
    own = _macro_ratio(_region_macro(region).get("mobile_internet_users", {}), year)
    if own is not None and own.value is not None:
        return Ratio(
            min(own.value, users), own.year, own.status, own.source, own.unit, note=own.note
        )
    return Ratio(
        users, None, "ASSUMPTION", "", "persons",
        note="no count of mobile internet users: every internet user counted (an upper bound; "
        "mobile is the main access in most economies with shutdowns)",
    )  # fmt: skip


# --- people affected ----------------------------------------------------------------------------


def _union(shares: list[float]) -> float:
    """Share using at least one of several apps, uses taken as independent (ASSUMPTION)."""
    return 1.0 - math.prod(1.0 - min(max(s, 0.0), 1.0) for s in shares)


def _event_people(e: Any, base: dict[str, float], app_users: dict[str, float], timeline):
    """(persons, rule) of one event."""
    from .events import spec_of

    kind = str(getattr(e, "kind", ""))
    scope = str(getattr(e, "scope", "all"))
    users = base["internet"]
    pool = {"mobile": base["mobile"], "fixed": users}.get(scope, users)
    if kind == "shutdown":
        share = float(getattr(e, "share_affected", 1.0))
        return pool * share, f"{scope} shutdown: users in scope × share affected {share:g}"
    if kind == "throttle":
        cap = float(getattr(e, "capacity_share", 1.0))
        return pool, f"throttle ({scope}): every user in scope, at {cap:.0%} of normal speed"
    apps = list(spec_of(e).blocked_apps(e))
    escalation = getattr(e, "escalation", None)
    if kind == "app_block" and escalation is not None:
        # escalation apps only once the central timeline has blocked them (within the horizon)
        apps = list(e.apps) + [a for a in escalation.apps if _escalated(a, timeline)]
    if kind == "platform_exit":
        apps = [str(e.app)]
    if kind == "ddos":
        target = str(e.target).removeprefix("app:")
        if target in app_users:
            sev = float(e.severity_share)
            return users * app_users[target] * sev, f"DDoS: {target}'s users × severity {sev:g}"
    if apps:
        shares = [app_users.get(a, 0.0) for a in apps]
        comp = float(getattr(e, "compliance", 1.0))
        persons = users * _union(shares) * comp
        rule = f"app users of {', '.join(apps)} (union, uses independent) × compliance {comp:g}"
        if kind == "firewall" and float(e.international_throttle_share) < 1:
            return users, "firewall with an international throttle: every internet user"
        return persons, rule
    lost = _measured_share(timeline)
    return users * lost, f"{kind}: users × worst-hour share of connectivity lost ({lost:.3f})"


def _escalated(app: str, timeline) -> bool:
    """True if the timeline's log records the escalation that blocks ``app``."""
    return any(
        ev.kind == "escalation" and f"block {app} after" in ev.detail for ev in timeline.events
    )


def _measured_share(timeline) -> float:
    """Largest share of access or of a core service lost in any hour of the timeline."""
    cols = [i for i, n in enumerate(timeline.service_names) if n in CORE]
    lost = [1.0 - timeline.access.min(initial=1.0)]
    if cols:
        lost.append(1.0 - float(timeline.services[:, cols].min(initial=1.0)))
    return float(min(max(max(lost), 0.0), 1.0))


def people_affected(scenario, economy, network, timeline) -> tuple[float, dict[str, Any]]:
    """Persons cut off (the largest over the scenario's events) and the inputs used."""
    region, year, population = economy.region, int(scenario.year), float(economy.population)
    users = internet_users(region, year, population)
    if users.value is None:
        return float("nan"), {"internet_users": users.to_dict(), "events": []}
    mobile = mobile_internet_users(region, year, users.value)
    base = {"internet": float(users.value), "mobile": float(mobile.value or users.value)}
    app_users = dict(getattr(network, "app_users_share", {}) or {})
    events = []
    for i, e in enumerate(scenario.events):
        persons, rule = _event_people(e, base, app_users, timeline)
        events.append({"event": i, "kind": str(e.kind), "persons": persons, "rule": rule})
    persons = min(max((ev["persons"] for ev in events), default=0.0), population)
    inputs = {
        "population": population,
        "internet_users": users.to_dict(),
        "mobile_internet_users": mobile.to_dict(),
        "app_users_share": {
            a: app_users[a] for a in sorted({a for a in app_users if _named(a, scenario)})
        },
        "events": events,
        "combination": "largest over events (events mostly hit the same people)",
    }
    return float(persons), inputs


def _named(app: str, scenario) -> bool:
    from .events import spec_of

    for e in scenario.events:
        names = set(spec_of(e).blocked_apps(e))
        names |= {str(getattr(e, "app", "")), str(getattr(e, "target", "")).removeprefix("app:")}
        if app in names:
            return True
    return False


# --- worker-days and tax ------------------------------------------------------------------------


def sector_worker_days(
    sector_gross_gdp_usd: np.ndarray, value_added_usd: np.ndarray, employment: np.ndarray
) -> np.ndarray:
    """(S, n) worker-days: employment_i × gross value added lost_i / value added per day_i.

    Sectors without employment data (NaN) or value added count 0.
    """
    va_day = np.asarray(value_added_usd, float) / DAYS_PER_YEAR
    emp = np.nan_to_num(np.asarray(employment, float), nan=0.0)
    per_usd = np.divide(emp, va_day, out=np.zeros_like(emp), where=va_day > 0)
    return np.asarray(sector_gross_gdp_usd, float) * per_usd


def tax_loss_usd(net_gdp_usd: np.ndarray, ratio: float | None) -> np.ndarray:
    """Net GDP loss × tax share of GDP (NaN when no ratio is known)."""
    net = np.asarray(net_gdp_usd, float)
    return net * (float("nan") if ratio is None else float(ratio))


def beyond_gdp(ctx, outcomes, central_outcomes) -> BeyondGdp:
    """All three outcomes of a model run (``ctx``: the model context)."""
    economy = ctx.economy
    year = int(ctx.scenario.year)
    wd = sector_worker_days(
        outcomes.sector_gross_gdp_usd, economy.value_added_usd, economy.employment
    )
    wd_central = sector_worker_days(
        central_outcomes.sector_gross_gdp_usd, economy.value_added_usd, economy.employment
    )
    ratio = tax_ratio(economy.region, year)
    people, people_inputs = people_affected(
        ctx.scenario, economy, ctx.network, ctx.central_timeline()
    )
    missing = [s for s, v in zip(economy.sectors, economy.employment, strict=True) if np.isnan(v)]
    return BeyondGdp(
        worker_days=wd.sum(axis=1),
        sector_worker_days=wd,
        tax_usd=tax_loss_usd(outcomes.net_gdp_usd, ratio.value),
        central={
            "worker_days_lost": float(wd_central.sum(axis=1)[0]),
            "tax_revenue_loss_usd": float(
                tax_loss_usd(central_outcomes.net_gdp_usd, ratio.value)[0]
            ),
        },
        people_affected=people,
        people_inputs=people_inputs,
        tax_ratio=ratio,
        worker_days_inputs={
            "employment_persons": float(np.nansum(economy.employment)),
            "employment_source": economy.sources.get("employment", ""),
            "sectors_without_employment": missing,
            "rule": "employment × share of the sector's value added lost, per day (gross of "
            "catch-up afterwards); sectors without employment data count 0",
        },
    )
