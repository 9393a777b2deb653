"""Deloitte for GNI / Facebook (Oct 2016), "The economic impact of disruptions to Internet
connectivity".

Formula (published result as tiers, docs/methods.md)::

    basis "population" (default): cost_usd = population / 1e7 x R_tier x days x share_affected x k
    basis "gdp":                  cost_usd = gdp_usd / 365 x p_tier x days x share_affected x k

VERIFIED: R = 23.6 / 6.6 / 0.6 M USD per day per 10 M people (Deloitte report page) and
p = 1.9 / 1.0 / 0.4 % of daily GDP (GNI launch note) for high / medium / low connectivity.
ASSUMPTION: the tier is chosen from internet penetration with thresholds
``deloitte2016.tier_threshold.high/medium`` (Deloitte's tier definitions were not read; thresholds
derived from WDI data, see ``baseline_constants.csv``). Deloitte priced only a shutdown of the
internet and all its services; its partial factors were not published, so mobile-only cuts and
app blocks are "n/a" (an explicit ``kind_factor`` still scales the full figure).
"""

from __future__ import annotations

from ..errors import ParameterError
from .base import (
    DAYS_PER_YEAR,
    BaselineInput,
    BaselineResult,
    NotPriceable,
    Used,
    const,
    result,
    source_of,
)
from .base import kind_factor as _kind_factor

NAME = "deloitte2016"
LABEL = "Deloitte / GNI (2016): per 10 M people (or % of daily GDP) by connectivity tier"
VERSION = "deloitte2016 (Deloitte for GNI, Oct 2016; tiers VERIFIED, tier thresholds ASSUMPTION)"
COUNTS = "economy-wide GDP effect per day for archetype countries (derivation not read)"
VINTAGE = "Deloitte for GNI, Oct 2016 (2015 archetypes)"
BRANCHES = ("high / medium / low connectivity tier", "basis population | gdp")
INPUTS = "population or GDP (WDI), internet users (tier), days, share affected; full only"
OPTIONS = ("basis", "tier")
TIERS = ("high", "medium", "low")
BASES = ("population", "gdp")
PEOPLE_UNIT = 1e7


def tier_for(internet_users_share: float) -> str:
    """Connectivity tier from the share of the population using the internet (ASSUMPTION)."""
    if internet_users_share >= const("deloitte2016.tier_threshold.high").central:
        return "high"
    if internet_users_share >= const("deloitte2016.tier_threshold.medium").central:
        return "medium"
    return "low"


def compute(
    inp: BaselineInput, basis: str = "population", tier: str | None = None
) -> BaselineResult:
    """Deloitte tier cost (USD) over ``inp.days``; ``basis`` population | gdp."""
    if basis not in BASES:
        raise ParameterError(f"unknown basis {basis!r}", field="basis", allowed=" | ".join(BASES))
    if inp.kind != "full" and inp.kind_factor is None:
        raise NotPriceable(
            f"deloitte2016 prices only full shutdowns; no published factor for {inp.kind!r}",
            field="kind",
            allowed="full",
        )
    used = Used(inp)
    if tier is None:
        if inp.internet_users_share is None:
            raise ParameterError(
                "the connectivity tier needs the internet users share",
                field="internet_users_share",
                allowed="share in [0, 1], a country, or tier high|medium|low",
            )
        users = used.add(
            "internet_users_share", inp.internet_users_share, inp.source("internet_users_share")
        )
        tier = tier_for(users)
        hi = const("deloitte2016.tier_threshold.high")
        med = const("deloitte2016.tier_threshold.medium")
        used.add(
            "tier",
            tier,
            f"internet users share vs thresholds high >= {hi.central:g}, "
            f"medium >= {med.central:g} (ASSUMPTION; baseline_constants.csv)",
        )
    elif tier not in TIERS:
        raise ParameterError(f"unknown tier {tier!r}", field="tier", allowed=" | ".join(TIERS))
    else:
        used.add("tier", tier, "user input")
    k = _kind_factor(inp, used)
    scale = inp.share_affected * k
    r = const(f"deloitte2016.loss_usd_per_day_per_10m_people.{tier}")
    p = const(f"deloitte2016.daily_gdp_share.{tier}")
    by_pop = inp.population / PEOPLE_UNIT * r.central * scale
    by_gdp = inp.gdp_usd / DAYS_PER_YEAR * p.central * scale
    used.add("basis", basis, "option (population = per 10 M people; gdp = % of daily GDP)")
    if basis == "population":
        used.add("population", inp.population, inp.source("population"))
        used.add(
            "loss_usd_per_day_per_10m_people", r.central, source_of(r, "baseline_constants.csv")
        )
        per_day, other = by_pop, f"%-of-daily-GDP variant: USD {by_gdp:,.0f} per day"
    else:
        used.add("gdp_usd", inp.gdp_usd, inp.source("gdp_usd"))
        used.add("daily_gdp_share", p.central, source_of(p, "baseline_constants.csv"))
        per_day, other = by_gdp, f"per-10-M-people variant: USD {by_pop:,.0f} per day"
    notes = [other, "tier thresholds on internet penetration are an ASSUMPTION"]
    return result(NAME, per_day, inp, used, notes, VERSION)
