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
