"""Uncertainty space: distributions, seeding, SALib problem."""

import numpy as np
import pytest

from shutdown_sim.errors import ParameterError
from shutdown_sim.montecarlo import UncertaintySpace, apply_overrides, ppf, summarise
from shutdown_sim.params.table import UncertainParameter


def P(name, c, lo, hi, dist, unit="share"):
    return UncertainParameter(name, c, lo, hi, unit, dist, "2019", "ASSUMPTION", "test")


@pytest.mark.parametrize("dist", ["triangular", "beta", "uniform"])
def test_bounded_distributions_stay_in_range(dist):
    u = np.linspace(0, 1, 101)
    v = ppf(P("x", 0.3, 0.1, 0.8, dist), u)
    assert v.min() >= 0.1 - 1e-12 and v.max() <= 0.8 + 1e-12
    assert np.all(np.diff(v) >= -1e-12)


def test_lognormal_median_and_percentiles():
    p = P("t", 4.0, 1.0, 16.0, "lognormal", unit="hours")
    assert ppf(p, np.array([0.5]))[0] == pytest.approx(4.0)
    assert ppf(p, np.array([0.95]))[0] == pytest.approx(16.0, rel=1e-6)
    assert ppf(p, np.array([0.05]))[0] == pytest.approx(1.0, rel=1e-6)


def test_fixed_and_seeded_sampling():
    space = UncertaintySpace(
        (P("a", 0.5, 0.1, 0.9, "beta"), P("b", 2, 2, 2, "fixed", "x")), ("a", "b")
    )
    s1 = space.sample(100, np.random.default_rng(7))
    s2 = space.sample(100, np.random.default_rng(7))
    s3 = space.sample(100, np.random.default_rng(8))
    assert np.array_equal(s1["a"], s2["a"]) and not np.array_equal(s1["a"], s3["a"])
    assert np.all(s1["b"] == 2)
    assert space.salib_problem()["names"] == ["a"]


def test_overrides_validate_names_and_ranges():
    params = {"a": P("a", 0.5, 0.1, 0.9, "beta")}
    assert apply_overrides(params, {"a": 0.95})["a"].high == 0.95
    with pytest.raises(ParameterError, match="unknown parameter"):
        apply_overrides(params, {"nope": 1.0})
    with pytest.raises(ParameterError, match="share in"):
        apply_overrides(params, {"a": 1.5})


def test_summarise_orders_percentiles():
    s = summarise(np.arange(101.0))
    assert s["p5"] == 5 and s["p50"] == 50 and s["p95"] == 95 and s["mean"] == 50


def _family_space(rho: float) -> UncertaintySpace:
    params = tuple(P(f"S{i}.dependence", 0.5, 0.2, 0.8, "beta") for i in range(6))
    return UncertaintySpace(params, ("dependence",) * 6, {"dependence": rho} if rho else {})


def _rank_correlation(x: np.ndarray, y: np.ndarray) -> float:
    rx, ry = np.argsort(np.argsort(x)), np.argsort(np.argsort(y))
    return float(np.corrcoef(rx, ry)[0, 1])


@pytest.mark.parametrize("rho", [0.0, 0.5, 0.9])
def test_family_copula_gives_the_declared_correlation(rho):
    """Spearman's rho of a Gaussian copula is (6/pi) asin(rho/2); the margins stay the law's."""
    s = _family_space(rho).sample(20000, np.random.default_rng(3))
    r = _rank_correlation(s["S0.dependence"], s["S4.dependence"])
    assert r == pytest.approx(6 / np.pi * np.arcsin(rho / 2), abs=0.03)
    p = P("x", 0.5, 0.2, 0.8, "beta")
    expected = ppf(p, np.array([0.05, 0.5, 0.95]))
    got = np.percentile(s["S2.dependence"], [5, 50, 95])
    assert np.allclose(got, expected, atol=0.01)


def test_correlation_widens_the_range_of_a_sum():
    """Errors that move together do not cancel: the sum's p5-p95 width grows with rho."""
    widths = []
    for rho in (0.0, 0.5, 1.0):
        s = _family_space(rho).sample(20000, np.random.default_rng(5))
        total = sum(s.values())
        widths.append(np.percentile(total, 95) - np.percentile(total, 5))
    assert widths[0] < widths[1] < widths[2]
