"""NetBlocks COST-like baseline (Cost of Shutdown Tool, launched Dec 2018).

Formula (INFERRED, methods.md 3.2; COST's formula is not published)::

    cost_usd = gdp_usd / 365 x extent x days x share_affected x kind_factor
    extent   = bcg_share x (1 + 0.10) ** (year - 2012)   if a BCG share is published
             = fallback share (no escalator)             otherwise

VERIFIED (methods.md 0, 3.1): COST "follows the Brookings Institution method most closely"; change
log 9 Nov 2021 added a 10 % annual escalator on Brookings digital-economy extent figures for G20
countries; for other countries the extent is estimated from ICT indicators (formula unpublished).
INFERRED: the form above and base year 2012 (it fits published 2023 COST values for the US, China
and the UK within a few percent, not Japan's). The US/China shares are RECALLED. Hong Kong's share
is from a different (2011, non-G20) BCG study; COST may treat HK as non-G20. Cost is linear in
hours (SECONDARY check: Nigeria's 2021 Twitter block, USD 250,600/h, USD 6,014,390/day).
Known gap: the Access Now USD 425 M/day figure for Hong Kong (2019) is not reproduced
(methods.md 7).
"""

from __future__ import annotations

from ..errors import ParameterError
from .base import (
    DAYS_PER_YEAR,
    BaselineInput,
    BaselineResult,
    Used,
    const,
    internet_economy_share,
    result,
    source_of,
)
from .base import kind_factor as _kind_factor

NAME = "cost"
LABEL = "NetBlocks COST-like (INFERRED): BCG share x 1.10^(year-2012)"
VERSION = "cost (COST-like, formula INFERRED per reference methods.md 3.2; escalator from 2021 log)"
OPTIONS: tuple[str, ...] = ()


def escalator(year: int) -> float:
    """COST-like yearly uplift 1.10 ** (year - 2012) (INFERRED form)."""
    rate = const("cost.escalator_per_year").central
    base = const("cost.escalator_base_year").central
    return (1.0 + rate) ** (year - base)


def compute(inp: BaselineInput) -> BaselineResult:
    """COST-like cost (USD) over ``inp.days``."""
    used = Used(inp)
    gdp = used.add("gdp_usd", inp.gdp_usd, inp.source("gdp_usd"))
    share, origin = internet_economy_share(inp, used, ("bcg_internet_economy_share",))
    notes = ["formula INFERRED (COST does not publish it)", "linear in hours"]
    if origin == "published":
        if inp.year is None:
            raise ParameterError(
                "the escalator needs the year", field="year", allowed="a year (report year)"
            )
        rate = const("cost.escalator_per_year")
        base = const("cost.escalator_base_year")
        used.add("escalator_per_year", rate.central, source_of(rate, "baseline_constants.csv"))
        used.add("escalator_base_year", base.central, source_of(base, "baseline_constants.csv"))
        factor = used.add(
            "escalator", escalator(inp.year), "1.10 ** (year - 2012) (INFERRED, methods.md 3.2)"
        )
    else:
        factor = used.add("escalator", 1.0, f"no escalator: share is {origin}, not a BCG figure")
        if origin == "fallback":
            notes.append(
                "COST's non-G20 extent formula is unpublished; fallback share (ASSUMPTION)"
            )
    extent = used.add(
        "digital_economy_extent", min(1.0, share * factor), "internet_share x escalator"
    )
    k = _kind_factor(inp, used)
    per_day = gdp / DAYS_PER_YEAR * extent * inp.share_affected * k
    if inp.kind != "full":
        notes.append(f"kind factor for {inp.kind} is an INFERRED/ASSUMPTION parameter")
    return result(NAME, per_day, inp, used, notes, VERSION)
