"""Capacity-or-demand (rationing) cascade: exact fast engine, invariants, static-IIM limits and
the finance-only case of issue 11 item 1."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shutdown_sim.cascade import resilience_k, static_iim
from shutdown_sim.model import evaluate, prepare
from shutdown_sim.rationing import (
    capacity_loss,
    propagate_rationed,
    propagate_rationed_hourly,
    supply_coefficients,
)
from shutdown_sim.scenario import load_scenario
from shutdown_sim.structure import StructuralChoices
from tests.test_cascade import piecewise_profile, random_a_star


def _economy(rng: np.random.Generator, n: int):
    """A*, technical coefficients (columns sum below 1, as in any real table), k0 per hour."""
    A = random_a_star(rng, n)
    x = rng.uniform(0.5, 2.0, n)
    tech = supply_coefficients(A, x)
    scale = np.maximum(tech.sum(axis=0) / 0.8, 1.0)  # keep domestic input shares below 0.8
    A = A / scale[None, :]
    k0 = np.asarray(resilience_k(rng.uniform(12, 240, n), np.diag(A)))
    return A, supply_coefficients(A, x), k0


def _assert_same(a, b) -> None:
    for key in ("total_q_hours", "direct_q_hours", "daily_q_hours", "p_end"):
        np.testing.assert_allclose(getattr(a, key), getattr(b, key), rtol=1e-8, atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 7), T=st.integers(2, 400))
def test_fast_engine_equals_the_hourly_kernel(seed: int, n: int, T: int) -> None:
    """Fixed-point jumps and the closed-form linear tail give the hourly recursion's sums."""
    rng = np.random.default_rng(seed)
    A, tech, k0 = _economy(rng, n)
    f = piecewise_profile(rng, T, n, min(T, int(rng.integers(1, 6))))
    D = rng.random((6, n))
    buf = rng.uniform(0, 30, n)
    m = rng.uniform(0.3, 1.0, 6)
    _assert_same(
        propagate_rationed_hourly(A, tech, k0, m, D, f, buf, day_h=10),
        propagate_rationed(A, tech, k0, m, D, f, buf, day_h=10),
    )


def test_long_constant_forcing_is_not_stepped_hour_by_hour() -> None:
    rng = np.random.default_rng(3)
    A, tech, k0 = _economy(rng, 6)
    f = np.zeros((24 * 365, 6))
    f[:] = rng.random(6) * 0.5
    D = rng.random((4, 6))
    fast = propagate_rationed(A, tech, k0, 1.0, D, f, np.full(6, 24.0))
    _assert_same(propagate_rationed_hourly(A, tech, k0, 1.0, D, f, np.full(6, 24.0)), fast)
    assert fast.stepped_share < 0.5


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 6))
def test_indirect_loss_is_never_negative_and_q_stays_in_unit_interval(seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    A, tech, k0 = _economy(rng, n)
    f = piecewise_profile(rng, 120, n, 4)
    D = rng.random((5, n))
    res = propagate_rationed(A, tech, k0, 1.0, D, f, rng.uniform(0, 12, n), day_h=24)
    assert np.all(res.total_q_hours - res.direct_q_hours >= -1e-9)
    assert np.all(res.daily_q_hours <= 24.0 + 1e-9)  # q <= 1 in every hour


def _steady(A, tech, k0, c, buf=1e9, hours=24 * 400):
    f = np.repeat(c[None, :], hours, axis=0)
    res = propagate_rationed_hourly(A, tech, k0, 1.0, np.ones((1, c.size)), f, buf)
    return res.daily_q_hours[0, -1] / 24.0  # q in the last day (constant by then)


def test_without_double_counting_the_steady_state_is_the_static_iim() -> None:
    """Shocked sectors that sell to no one: the only channel left is the demand-side IIM, and a
    shocked sector's loss is its capacity loss alone, so the rationing steady state must be
    exactly the static IIM q = (I - A*)^-1 c* (Haimes & Jiang 2001) of that perturbation."""
    rng = np.random.default_rng(11)
    n = 6
    A, tech, k0 = _economy(rng, n)
    shocked = np.array([0, 2])
    A[shocked] = 0.0  # rows = sales: the shocked sectors sell nothing to other businesses
    tech = supply_coefficients(A, np.ones(n))
    c = np.zeros(n)
    c[shocked] = [0.4, 0.7]
    np.testing.assert_allclose(_steady(A, tech, k0, c, buf=0.0), static_iim(A, c), atol=1e-9)


def test_an_unshocked_sector_obeys_its_static_iim_row() -> None:
    """With no direct shock and no missing inputs (buffers outlast the horizon), a sector's steady
    state is demand-driven only: q_i = sum_j a*_ij q_j, the static IIM's row i."""
    rng = np.random.default_rng(5)
    n = 7
    A, tech, k0 = _economy(rng, n)
    c = np.zeros(n)
    c[[1, 4]] = [0.6, 0.3]
    q = _steady(A, tech, k0, c)
    free = np.setdiff1d(np.arange(n), [1, 4])
    np.testing.assert_allclose(q[free], (A @ q)[free], atol=1e-9)
    assert np.all(q[[1, 4]] >= c[[1, 4]] - 1e-12)


def test_missing_inputs_bind_after_the_buffer() -> None:
    """A sector without its own loss stops only when its supplier's stock of inputs runs out."""
    A = np.array([[0.0, 0.5], [0.0, 0.0]])  # sector 0 sells half its output to sector 1
    tech = supply_coefficients(A, np.array([1.0, 1.0]))  # a_01 = 0.5
    f = np.zeros((10, 2))
    f[:, 0] = 1.0
    res = propagate_rationed_hourly(
        A, tech, np.array([0.5, 0.5]), 1.0, np.array([[1.0, 0.0]]), f, [0.0, 3.0], day_h=1
    )
    q1 = res.daily_q_hours[0, :, 1]
    np.testing.assert_allclose(q1[:3], 0.0)  # buffer of 3 hours
    np.testing.assert_allclose(q1[3:], 0.5)  # then half its inputs are missing
    kappa = capacity_loss(np.array([[1.0, 0.0]]), tech, np.ones((1, 2)))
    np.testing.assert_allclose(kappa, [[1.0, 0.5]])


@pytest.mark.parametrize("io_table", ["default", "total_use"])
def test_finance_alone_is_not_charged_twice(io_table: str) -> None:
    """Issue 11 item 1: every other sector's dependence 0, the 1-day full shutdown: finance's
    indirect loss (its customers' lower demand while it recovers) is a few % of its direct loss;
    under the additive rule it was about a quarter."""
    ctx = prepare(
        load_scenario("hk-2019-full-shutdown-1d"),
        structure=StructuralChoices(rationing="capacity_or_demand", io_table=io_table),
    )
    values = ctx.space.central()
    for s in ctx.economy.sectors:
        if s != "FINANCE":
            values[f"{s}.dependence"] = values[f"{s}.dependence"] * 0.0
    out = evaluate(ctx, values)
    i = ctx.economy.sectors.index("FINANCE")
    direct = out.sector_direct_gdp_usd[0, i]
    indirect = out.sector_gross_gdp_usd[0, i] - direct
    assert direct > 0
    assert 0 <= indirect <= 0.07 * direct
