"""Internet Society Pulse NetLoss headline coefficient (Tagat, Phokeer, Kreitem 2024).

Formula (DERIVED from the abstract; NOT the calculator's algorithm, methods.md 4)::

    cost_usd = 86.58 x population x share_affected x days x kind_factor

VERIFIED: "every additional day of an Internet shutdown costs $86.58 per person on average"
(abstract, doi:10.1145/3659466), a panel average over 92 countries. ASSUMPTION: applying the panel
average to any country, and the kind handling: the abstract gives one coefficient for internet
shutdowns, so mobile-only and app blocks are scaled by the shared kind factors
(``kind_factor.mobile`` / ``kind_factor.app.<app>``) exactly as in west2016. NetLoss outputs are
vintage-dependent (recalculated 22 Jul 2025); its regression was not read.
"""

from __future__ import annotations

from .base import BaselineInput, BaselineResult, Used, const, result, source_of
from .base import kind_factor as _kind_factor

NAME = "netloss"
LABEL = "ISOC NetLoss headline: USD 86.58 per person per shutdown day"
VERSION = "netloss (Tagat et al. 2024 abstract coefficient; not the Pulse calculator)"
OPTIONS: tuple[str, ...] = ()


def compute(inp: BaselineInput) -> BaselineResult:
    """NetLoss-headline cost (USD) over ``inp.days``."""
    used = Used(inp)
    pop = used.add("population", inp.population, inp.source("population"))
    c = const("netloss.usd_per_person_day")
    coef = used.add("usd_per_person_day", c.central, source_of(c, "baseline_constants.csv"))
    k = _kind_factor(inp, used)
    per_day = coef * pop * inp.share_affected * k
    notes = [
        "panel-average coefficient, not country-specific; not the calculator's algorithm",
        "does not distinguish national from regional shutdowns (ISOC caveat)",
    ]
    if inp.kind != "full":
        notes.append("mobile/app scaling by the shared kind factor is an ASSUMPTION")
    return result(NAME, per_day, inp, used, notes, VERSION)
