"""Internet Society Pulse NetLoss calculator (launched Jun 2023), reconstructed from its outputs.

Paper: Tagat, Phokeer, Kreitem (2024), "Net Loss: An econometric method to measure the impact of
Internet shutdowns", ACM J. Computing & Sustainable Societies, doi:10.1145/3659466: a panel of
92 countries in which shutdown days enter regressions of GDP, unemployment and FDI (VERIFIED,
abstract). The calculator's inputs are country, dates and type (whole internet or specific
services); it does not distinguish national from regional shutdowns (VERIFIED, calculator page).
Its coefficients are not published and are re-estimated every year (release notes 22 Jul 2025,
01 Jun 2026), so the unknowns are fitted to its published outputs (DERIVED)::

    cost_usd = theta_vintage x gdp_usd / 365 x days x share_affected x k
    theta_2023 = 0.414 % of daily GDP per day   (Pakistan May 2023; checked on Sudan Apr 2023)
    theta_2026 = 0.091 %                        (Iran, release notes 1 Jun 2026)
    k = 1 (whole internet) | 0.30 (specific services, Guinea Jun 2023) ; mobile-only: n/a

ASSUMPTION: cost proportional to GDP x days (the form of a GDP regression on shutdown days);
scaling by share affected (NetLoss itself would price a regional cut as national). Jobs and FDI:
published only for Sudan (560 jobs); not reproduced. The abstract's "USD 86.58 per person per
day" is not a per-day cost: the calculator's own output for Pakistan is about 1/5,000 of it
(USD 17 M vs 85.7 bn), and it would price one day above a whole economy's daily output wherever
GDP per person per day is below USD 86.58 (e.g. Rwanda, Mauritania, Brazil).
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

NAME = "netloss"
LABEL = "ISOC NetLoss (reconstructed): 0.41 % of daily GDP per shutdown day (2023 outputs)"
VERSION = "netloss (Pulse NetLoss calculator reconstructed from its 2023 outputs; paper 2024)"
COUNTS = "regression-based GDP effect (econometric panel, economy-wide)"
VINTAGE = "NetLoss outputs of Jun 2023 (option vintage=2026: Jun 2026 release notes)"
BRANCHES = ("whole internet: theta x daily GDP", "specific services: 0.30 x that", "mobile: n/a")
INPUTS = "GDP (WDI), days, share affected, type (full | apps)"
OPTIONS = ("vintage",)
VINTAGES = ("2023", "2026")


def compute(inp: BaselineInput, vintage: str = "2023") -> BaselineResult:
    """NetLoss-like GDP loss (USD) over ``inp.days``."""
    vintage = str(vintage)
    if vintage not in VINTAGES:
        raise ParameterError(
            f"unknown vintage {vintage!r}", field="vintage", allowed=" | ".join(VINTAGES)
        )
    if inp.kind == "mobile" and inp.kind_factor is None:
        raise NotPriceable(
            "netloss has no mobile-only type (whole internet or specific services only)",
            field="kind",
            allowed="full | apps",
        )
    used = Used(inp)
    gdp = used.add("gdp_usd", inp.gdp_usd, inp.source("gdp_usd"))
    theta = const(f"netloss.daily_gdp_share_per_day.{vintage}")
    share = used.add(
        "daily_gdp_share_per_day", theta.central, source_of(theta, "baseline_constants.csv")
    )
    if inp.kind_factor is not None:
        k = used.add("kind_factor", inp.kind_factor, inp.source("kind_factor"))
    elif inp.kind == "apps":
        p = const("netloss.services_factor")
        k = used.add("kind_factor", p.central, source_of(p, "baseline_constants.csv"))
    else:
        k = used.add("kind_factor", 1.0, "whole-internet shutdown")
    coef = const("netloss.usd_per_person_day")
    per_day = gdp / DAYS_PER_YEAR * share * inp.share_affected * k
    notes = [
        f"fitted to NetLoss outputs (vintage {vintage}); coefficients unpublished",
        "NetLoss does not distinguish national from regional shutdowns (ISOC caveat)",
        f"the paper's USD {coef.central:g} per person per day is not used (not a per-day cost)",
    ]
    return result(NAME, per_day, inp, used, notes, VERSION)
