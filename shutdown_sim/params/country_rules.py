"""How Hong Kong's sector defaults are adjusted for another country (docs/country.md).

The team's sector defaults (``parameters/regions/HKG/sector_assumptions.csv``) were set for Hong
Kong in 2019, where about 92 % of people use the internet and fixed broadband is common. Three
rules carry them to a country, each an ASSUMPTION whose reasoning is written into the ``note`` of
every derived row:

- dependence d_i: scaled by r = min(1, u / u_HK), the country's internet users share relative to
  Hong Kong's (less use, a smaller share of output that stops); the high end scales by
  min(1, 2r), because firms adopt the internet ahead of households (up to twice as far);
- mobile share m_i: the fixed part (1 - m_i) scaled by rho = min(1, phi / phi_HK), with phi the
  fixed broadband subscriptions per internet user (where fixed access is rare, firms are online
  over mobile); the low end uses min(1, 2 rho), because business lines are not all counted as
  retail broadband;
- buffer b_i: multiplied by 1 + (1 - r) (at most x2, the width of Hong Kong's own range): where
  fewer people are online, more work has an offline fallback (cash, paper, phone calls).

Pure functions: numbers in, numbers out.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Access:
    """Internet use and access of one economy (shares, per-100 counts) and the source text."""

    internet_users_share: float
    fixed_per100: float
    mobile_per100: float
    years: str  # e.g. "internet users 2020, fixed 2023, mobile 2023"
    source: str


@dataclass(frozen=True)
class Factors:
    """The adjustment factors of one country relative to Hong Kong (all in (0, 1] or [1, 2])."""

    use_ratio: float  # r = min(1, u / u_HK)
    fixed_ratio: float  # rho = min(1, phi / phi_HK)
    buffer_factor: float  # 1 + (1 - r)


def fixed_per_user(access: Access) -> float:
    """phi: fixed broadband subscriptions per internet user (per person online)."""
    return access.fixed_per100 / 100.0 / max(access.internet_users_share, 1e-9)


def factors(country: Access, reference: Access) -> Factors:
    """r, rho and the buffer factor of ``country`` relative to ``reference`` (Hong Kong)."""
    r = min(1.0, country.internet_users_share / reference.internet_users_share)
    rho = min(1.0, fixed_per_user(country) / fixed_per_user(reference))
    r, rho = max(r, 1e-6), max(rho, 1e-6)
    return Factors(use_ratio=r, fixed_ratio=rho, buffer_factor=1.0 + (1.0 - r))


def dependence(central: float, low: float, high: float, f: Factors) -> tuple[float, float, float]:
    """(central, low, high) share: central and low x r, high x min(1, 2r)."""
    r = f.use_ratio
    return central * r, low * r, min(1.0, max(high * min(1.0, 2 * r), central * r))


def mobile_share(central: float, low: float, high: float, f: Factors) -> tuple[float, float, float]:
    """(central, low, high) share: 1 - (1 - m) x rho; the low end with min(1, 2 rho)."""
    rho = f.fixed_ratio
    c = 1.0 - (1.0 - central) * rho
    lo = min(c, 1.0 - (1.0 - low) * min(1.0, 2 * rho))
    hi = max(c, 1.0 - (1.0 - high) * rho)
    return c, lo, hi


def buffer_h(central: float, low: float, high: float, f: Factors) -> tuple[float, float, float]:
    """(central, low, high) hours, each x (1 + (1 - r))."""
    k = f.buffer_factor
    return central * k, low * k, high * k


RULES = {"dependence": dependence, "mobile_share": mobile_share, "buffer_h": buffer_h}

RULE_TEXT = {
    "dependence": "x r (high end x min(1, 2r)), r = min(1, internet users share / Hong Kong's)",
    "mobile_share": "1 - (1 - m_HK) x rho (low end with min(1, 2 rho)), "
    "rho = min(1, fixed broadband per internet user / Hong Kong's)",
    "buffer_h": "x (1 + (1 - r)), r = min(1, internet users share / Hong Kong's)",
}
