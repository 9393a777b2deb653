"""NetBlocks COST (Cost of Shutdown Tool, Dec 2018, with the Internet Society): three branches.

COST's formula is not published. VERIFIED (NetBlocks project page and change log of 9 Nov 2021,
https://netblocks.org/projects/cost): COST follows the Brookings method; G20 countries use the
Brookings/BCG digital-economy extent with a 10 % annual escalator; other countries get an extent
estimated from ICT indicators; sub-Saharan Africa uses CIPESA's framework (Annex 1 figures, with a
20 % annual escalator from Nov 2021). Reconstruction (each branch's unknowns fitted to published
COST outputs, see ``parameters/baseline_published_outputs.csv``)::

    cost_usd = gdp_usd / 365 x extent x days x share_affected x kind_factor
    G20:    extent = bcg_share x 1.10 ** (year - 2012)        (INFERRED form; BCG shares RECALLED
                                                               except UK/Indonesia VERIFIED)
    SSA:    extent = k_ssa x internet_users_share              (k_ssa DERIVED: fitted to Nigeria,
                                                               Zimbabwe, DR Congo, Gabon)
    other:  extent = k_other x internet_users_share            (k_other DERIVED: Iran, Algeria)
    apps:   kind_factor = 0.0448 x number of apps              (DERIVED from COST's Nigeria figures)
    mobile: kind_factor = kind_factor.mobile                   (ASSUMPTION, shared)

G20 takes precedence over SSA (South Africa). A G20 member without a recorded BCG share is priced
with the other-countries branch (said in its result). The SSA 20 %/yr escalator is not applied:
the post-2021 output found does not show it (see the constant's note). Linear in hours (SECONDARY
check: Nigeria's 2021 Twitter block, USD 250,600/h, USD 6,014,390/day). Counts direct losses only.
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
    country_groups,
    published_shares,
    result,
    source_of,
)
from .base import kind_factor as _kind_factor

NAME = "cost"
LABEL = "NetBlocks COST (reconstructed): G20 BCG share x 1.10^(year-2012); others from internet use"
VERSION = (
    "cost (NetBlocks COST reconstructed: 3 branches per the 9 Nov 2021 change log; "
    "fitted to COST outputs 2019-2023)"
)
COUNTS = "direct losses only (internet economy's share of GDP)"
VINTAGE = "COST 2018-2023 outputs (G20: Nov 2023 one-day figures; others: 2019-2021)"
BRANCHES = (
    "g20: BCG 2016 share x 1.10^(year-2012)",
    "ssa: 0.245 x internet users share (CIPESA-based branch, fitted)",
    "other: 0.210 x internet users share (ICT-indicator branch, fitted)",
)
INPUTS = "GDP (WDI), internet users (WDI/ITU), BCG share (G20), year, days, share affected, kind"
OPTIONS: tuple[str, ...] = ()
BCG = "bcg_internet_economy_share"


def escalator(year: int) -> float:
    """G20 yearly uplift 1.10 ** (year - 2012) (INFERRED form)."""
    rate = const("cost.escalator_per_year").central
    base = const("cost.escalator_base_year").central
    return (1.0 + rate) ** (year - base)


def branch(region: str | None) -> str:
    """``g20`` | ``ssa`` | ``other`` for a country (None = a custom economy: ``other``)."""
    groups = country_groups()
    if region in groups.get("g20", ()):
        return "g20"
    if region in groups.get("ssa", ()):
        return "ssa"
    return "other"


def _g20_extent(inp: BaselineInput, used: Used) -> float:
    if inp.year is None:
        raise ParameterError(
            "the G20 escalator needs the year", field="year", allowed="a year (report year)"
        )
    p = published_shares()[f"{inp.region}.{BCG}"]
    share = used.add("internet_share", p.central, source_of(p, "internet_economy_share.csv"))
    rate = const("cost.escalator_per_year")
    base = const("cost.escalator_base_year")
    used.add("escalator_per_year", rate.central, source_of(rate, "baseline_constants.csv"))
    used.add("escalator_base_year", base.central, source_of(base, "baseline_constants.csv"))
    factor = used.add("escalator", escalator(inp.year), "1.10 ** (year - 2012) (INFERRED)")
    return share * factor


def _ict_extent(inp: BaselineInput, used: Used, which: str) -> float:
    if inp.internet_users_share is None:
        raise NotPriceable(
            f"cost ({which} branch) needs the internet users share, which has no value here",
            field="internet_users_share",
            allowed="a country/year with internet users data, or --internet-users",
        )
    k = const(f"cost.extent_per_internet_user_share.{which}")
    users = used.add(
        "internet_users_share", inp.internet_users_share, inp.source("internet_users_share")
    )
    used.add("extent_per_internet_user_share", k.central, source_of(k, "baseline_constants.csv"))
    return k.central * users


def _cost_kind_factor(inp: BaselineInput, used: Used) -> float:
    if inp.kind != "apps" or inp.kind_factor is not None:
        return _kind_factor(inp, used)
    p = const("cost.kind_factor.app")
    value = p.central * len(inp.apps)
    return used.add(
        "kind_factor",
        value,
        f"{len(inp.apps)} app(s) x {p.central:g}; " + source_of(p, "baseline_constants.csv"),
    )


def compute(inp: BaselineInput) -> BaselineResult:
    """COST cost (USD) over ``inp.days``."""
    used = Used(inp)
    gdp = used.add("gdp_usd", inp.gdp_usd, inp.source("gdp_usd"))
    notes = ["formula reconstructed (COST does not publish it); counts direct losses only"]
    which = branch(inp.region)
    if inp.internet_share is not None:
        used.add("internet_share", inp.internet_share, inp.source("internet_share"))
        extent, which = inp.internet_share, "user"
    elif which == "g20" and f"{inp.region}.{BCG}" in published_shares():
        extent = _g20_extent(inp, used)
    else:
        if which == "g20":
            notes.append("G20 member without a recorded BCG share: priced with the other branch")
            which = "other"
        extent = _ict_extent(inp, used, which)
    used.add("branch", which, "parameters/baseline_country_groups.csv (g20 | ssa | other)")
    extent = used.add("digital_economy_extent", extent, f"{which} branch")
    k = _cost_kind_factor(inp, used)
    per_day = gdp / DAYS_PER_YEAR * extent * inp.share_affected * k
    if inp.kind == "mobile":
        notes.append("mobile factor is a shared ASSUMPTION (COST's is unpublished)")
    return result(NAME, per_day, inp, used, notes, VERSION)
