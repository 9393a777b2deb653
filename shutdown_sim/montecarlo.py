"""Uncertainty space: the uncertain parameters, their distributions, seeded sampling.

Every uncertain parameter is sampled on the quantile scale u in [0, 1] and mapped through its
inverse CDF (``ppf``): triangular (default), PERT-beta for shares, lognormal for times (central =
median, low/high = 5th/95th percentiles), uniform, or fixed. The same mapping serves Monte Carlo
(``sample``) and SALib (``salib_problem``: every factor is a quantile in [0, 1]).

Expert-judgement families (every sector's ``dependence``, ``buffer_h``, ...) are drawn jointly
through a one-factor Gaussian copula: parameter j of family F gets the quantile
u_j = Phi(sqrt(rho_F) Z_F + sqrt(1 - rho_F) e_j) with one common Z_F per draw and its own e_j, so
the team's errors move together to the degree rho_F (``parameters/parameter_families.csv``,
column ``correlation``) instead of cancelling across sectors.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from .params.table import UncertainParameter

_Z95 = 1.6448536269514722  # standard-normal 95th percentile


def ppf(param: UncertainParameter, u: np.ndarray) -> np.ndarray:
    """Map quantiles ``u`` in [0, 1] to values of ``param`` (its inverse CDF)."""
    u = np.asarray(u, dtype=float)
    lo, mid, hi = param.low, param.central, param.high
    if not param.is_uncertain:
        return np.full_like(u, mid)
    dist = param.distribution
    if dist == "triangular":
        c = (mid - lo) / (hi - lo)
        return stats.triang.ppf(u, c, loc=lo, scale=hi - lo)
    if dist == "beta":  # PERT: mode = central, support [low, high]
        a = 1.0 + 4.0 * (mid - lo) / (hi - lo)
        b = 1.0 + 4.0 * (hi - mid) / (hi - lo)
        return lo + (hi - lo) * stats.beta.ppf(u, a, b)
    if dist == "lognormal":  # median = central; low/high ~ 5th/95th percentiles
        sigma = max(np.log(hi / mid), np.log(mid / lo)) / _Z95
        uc = np.clip(u, 1e-12, 1 - 1e-12)
        return mid * np.exp(sigma * stats.norm.ppf(uc))
    if dist == "uniform":
        return lo + (hi - lo) * u
    raise ValueError(f"unknown distribution {dist!r} for {param.name}")


def sample_one(param: UncertainParameter, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` draws of ``param`` with numpy's direct samplers (same laws as :func:`ppf`)."""
    lo, mid, hi = param.low, param.central, param.high
    if not param.is_uncertain:
        return np.full(n, mid)
    dist = param.distribution
    if dist == "triangular":
        return rng.triangular(lo, mid, hi, n)
    if dist == "beta":
        a = 1.0 + 4.0 * (mid - lo) / (hi - lo)
        b = 1.0 + 4.0 * (hi - mid) / (hi - lo)
        return lo + (hi - lo) * rng.beta(a, b, n)
    if dist == "lognormal":
        sigma = max(np.log(hi / mid), np.log(mid / lo)) / _Z95
        return mid * np.exp(sigma * rng.standard_normal(n))
    if dist == "uniform":
        return rng.uniform(lo, hi, n)
    raise ValueError(f"unknown distribution {dist!r} for {param.name}")


@dataclass(frozen=True)
class UncertaintySpace:
    """The uncertainties of one model run, in a fixed order.

    ``groups`` tags each parameter with a family (e.g. ``dependence`` for all sectors'
    dependence) so sensitivity analysis can rank families as well as single parameters.
    """

    params: tuple[UncertainParameter, ...]
    groups: tuple[str, ...]
    correlation: Mapping[str, float] = field(default_factory=dict)  # family -> latent rho

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def central(self) -> dict[str, np.ndarray]:
        return {p.name: np.array([p.central]) for p in self.params}

    def values_from_quantiles(self, u: np.ndarray) -> dict[str, np.ndarray]:
        """(N, k) quantiles -> {name: (N,) values}."""
        u = np.atleast_2d(u)
        return {p.name: ppf(p, u[:, j]) for j, p in enumerate(self.params)}

    def sample(
        self, n: int, rng: np.random.Generator, rows: dict[str, int] | None = None
    ) -> dict[str, np.ndarray]:
        """Draws from one Generator in a fixed parameter order (reproducible).

        Parameters of a family with a correlation (``self.correlation``) share a common normal
        factor per draw (see the module docstring); the others are drawn independently.
        ``rows`` may give a smaller number of draws for some parameters (e.g. one per timeline
        group); the others get ``n``.
        """
        rows = rows or {}
        factors: dict[tuple[str, int], np.ndarray] = {}
        out = {}
        for p, family in zip(self.params, self.groups):
            size = rows.get(p.name, n)
            rho = float(self.correlation.get(family, 0.0))
            if rho <= 0.0 or not p.is_uncertain:
                out[p.name] = sample_one(p, size, rng)
                continue
            common = factors.get((family, size))
            if common is None:
                common = factors[family, size] = rng.standard_normal(size)
            z = math.sqrt(rho) * common + math.sqrt(1.0 - rho) * rng.standard_normal(size)
            out[p.name] = ppf(p, stats.norm.cdf(z))
        return out

    def uncertain_names(self) -> list[str]:
        return [p.name for p in self.params if p.is_uncertain]

    def salib_problem(self, by_group: bool = True) -> dict:
        """SALib problem over the uncertain parameters' quantiles (bounds [0, 1])."""
        names = [p.name for p in self.params if p.is_uncertain]
        groups = [g for p, g in zip(self.params, self.groups) if p.is_uncertain]
        problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
        if by_group:
            problem["groups"] = groups
        return problem

    def values_from_partial_quantiles(
        self, names: list[str], u: np.ndarray
    ) -> dict[str, np.ndarray]:
        """Values where ``names`` take quantiles ``u`` (N, len(names)); others stay central."""
        n = u.shape[0]
        index = {name: j for j, name in enumerate(names)}
        out = {}
        for p in self.params:
            if p.name in index:
                out[p.name] = ppf(p, u[:, index[p.name]])
            else:
                out[p.name] = np.full(n, p.central)
        return out


def summarise(values: np.ndarray) -> dict[str, float]:
    """Mean and 5th/50th/95th percentiles of a 1-D sample (USD or shares)."""
    values = np.asarray(values, dtype=float)
    p5, p50, p95 = np.percentile(values, [5, 50, 95])
    return {"mean": float(values.mean()), "p5": float(p5), "p50": float(p50), "p95": float(p95)}


def _names_hint(name: str, known: Mapping[str, object]) -> str:
    """What ``allowed`` says for an unknown parameter name: close matches first, else the
    valid forms (``SECTOR.family`` with the sectors and families, and the plain names)."""
    import difflib

    close = difflib.get_close_matches(str(name), list(known), n=5, cutoff=0.75)
    if close:
        return "did you mean " + ", ".join(close)
    sectors = sorted({k.split(".", 1)[0] for k in known if "." in k})
    families = sorted({k.split(".", 1)[1] for k in known if "." in k})
    plain = sorted(k for k in known if "." not in k)
    return (
        f"SECTOR.PARAMETER with SECTOR in {', '.join(sectors)} and PARAMETER in "
        f"{', '.join(families)}; or one of {', '.join(plain)}"
    )


def apply_overrides(
    params: Mapping[str, UncertainParameter],
    overrides: Mapping[str, float],
    *,
    source: str = "overrides",
) -> dict[str, UncertainParameter]:
    """Copy of ``params`` with central values replaced (user edits). Unknown names are errors.

    Each value must lie in its family's range (``parameters/parameter_families.csv``; parameters
    outside the table: shares in [0, 1], anything else >= 0).
    """
    from .errors import ParameterError
    from .params.families import load_families

    families = load_families()
    out = dict(params)
    for name, value in overrides.items():
        if name not in out:
            raise ParameterError(
                f"unknown parameter {name!r}",
                file=source,
                field=name,
                allowed=_names_hint(name, out),
            )
        param = out[name]
        family = families.of(name, param.unit)
        if not family.admits(float(value)):
            raise ParameterError(
                f"{value!r} out of range", file=source, field=name, allowed=family.allowed()
            )
        out[name] = param.with_value(float(value))
    return out
