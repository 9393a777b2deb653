"""Brookings / Darrell West (Oct 2016), "Internet shutdowns cost countries $2.4 billion last year".

Formula (reconstruction, INFERRED: the methodology section was not read; docs/methods.md)::

    cost_usd = gdp_usd / 365 x internet_share x days x share_affected x kind_factor

VERIFIED (secondary, docs/methods.md): West used 2014 World Bank GDP, BCG 2016 projections of the
internet-economy share of GDP (12.4 % UK to 1.4 % Indonesia), World Bank mobile-subscription data
for mobile shutdowns and MIT research on the value of individual apps. West's US example: GDP
USD 18.438 tn, "six percent of which is derived from the internet sector" (SECONDARY, Boing Boing
verbatim), i.e. 18.438e12 x 0.06 / 365 = USD 3.03 bn per day (DERIVED).

INFERRED / ASSUMPTION here: the share for countries without a published share (fallback rule in
``baseline_constants.csv``), the kind factors for mobile-only (``kind_factor.mobile``) and app
blocks (``kind_factor.app.<app>``), and charging by hours (days = hours / 24). Known gap: West's
Iraq row (22 exam-time cuts of ~3 h, USD 209.6 M) is ~12 % of daily GDP and is not reproduced by
this formula (docs/methods.md); see the xfail test.
"""

from __future__ import annotations

from .base import DAYS_PER_YEAR, BaselineInput, BaselineResult, Used, internet_economy_share, result
from .base import kind_factor as _kind_factor

NAME = "west2016"
LABEL = "Brookings / West (2016): GDP/365 x internet-economy share"
VERSION = "west2016 (Brookings Oct 2016; formula INFERRED, docs/methods.md)"
COUNTS = "direct losses only (internet economy's share of GDP)"
VINTAGE = "Brookings Oct 2016 (2014 GDP, BCG 2016 shares); here GDP of the given year"
BRANCHES = (
    "published share (West's own, else BCG 2016)",
    "no published share: 0.0616 x internet users share (ASSUMPTION)",
)
INPUTS = "GDP (WDI), BCG share or internet users (WDI/ITU), days, share affected, kind"
OPTIONS: tuple[str, ...] = ()
PREFER = ("west2016_internet_economy_share", "bcg_internet_economy_share")


def compute(inp: BaselineInput) -> BaselineResult:
    """Brookings-style cost (USD) over ``inp.days``."""
    used = Used(inp)
    gdp = used.add("gdp_usd", inp.gdp_usd, inp.source("gdp_usd"))
    share, origin = internet_economy_share(inp, used, PREFER)
    k = _kind_factor(inp, used)
    per_day = gdp / DAYS_PER_YEAR * share * inp.share_affected * k
    notes = [
        "formula INFERRED (West's methodology text not read)",
        "West used 2014 GDP; here GDP of the given year",
    ]
    if origin == "fallback":
        notes.append(
            f"no published internet-economy share for {inp.region or 'this economy'}: share = "
            "fallback ratio x internet users share (ASSUMPTION, calibrated on BCG shares)"
        )
    if inp.kind != "full":
        notes.append(f"kind factor for {inp.kind} is an INFERRED/ASSUMPTION parameter")
    return result(NAME, per_day, inp, used, notes, VERSION)
