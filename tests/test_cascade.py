"""Tests for shutdown_sim.cascade: literature cases, invariants and the exact fast engine."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.linalg import expm

from shutdown_sim.cascade import (
    PropagationResult,
    diim,
    interdependency_matrix,
    leontief_inverse,
    propagate_hourly,
    propagate_piecewise,
    resilience_k,
    spectral_radius,
    static_iim,
    technical_coefficients,
)
from shutdown_sim.errors import ParameterError

HJ2001_A = np.array([[0.0, 0.8], [0.2, 0.0]])
CASE3_A = np.array([[0.0, 0.0, 0.3], [0.4, 0.0, 0.0], [0.2, 0.6, 0.0]])


def random_a_star(rng: np.random.Generator, n: int, max_row: float = 0.6) -> np.ndarray:
    """Sparse-ish nonnegative A* with row sums in (0.05, max_row) (so rho < 1)."""
    A = rng.random((n, n)) * (rng.random((n, n)) < 0.5)
    A += 1e-3
    return A / A.sum(axis=1, keepdims=True) * rng.uniform(0.05, max_row, (n, 1))


def piecewise_profile(rng: np.random.Generator, T: int, n: int, n_seg: int) -> np.ndarray:
    """(T, n) piecewise-constant shock profile in [0, 1] with n_seg segments."""
    cuts = np.sort(rng.choice(np.arange(1, T), n_seg - 1, replace=False))
    bounds = np.concatenate([[0], cuts, [T]])
    f = np.zeros((T, n))
    for a, b in zip(bounds[:-1], bounds[1:]):
        if rng.random() < 0.85:  # some segments without shock (restoration)
            f[a:b] = rng.random(n) * (rng.random(n) < 0.8)
    return f


# ---------------------------------------------------- literature (docs/model.md, References)
def test_static_iim_haimes_jiang_2001_two_sector() -> None:
    q = static_iim(HJ2001_A, [0.0, 0.6])
    np.testing.assert_allclose(q, [0.5714, 0.7143], atol=5e-5)
    np.testing.assert_allclose(q, [0.6 * 0.8 / 0.84, 0.6 / 0.84], rtol=1e-12)


def test_static_iim_three_sector_case() -> None:
    q = static_iim(CASE3_A, [0.0, 0.0, 0.12])
    np.testing.assert_allclose(q, [0.04147, 0.01659, 0.13825], atol=5e-6)


def test_static_iim_clips_and_batches() -> None:
    c = np.array([[0.0, 0.6], [0.0, 0.0], [0.9, 0.9]])
    q = static_iim(HJ2001_A, c)
    assert q.shape == (3, 2)
    np.testing.assert_allclose(q[0], static_iim(HJ2001_A, c[0]))
    np.testing.assert_array_equal(q[1], 0.0)
    np.testing.assert_array_equal(q[2], 1.0)
    assert static_iim(HJ2001_A, c[2], clip=False).max() > 1.0


def test_io_helpers_consistent() -> None:
    Z = np.array([[10.0, 20.0], [5.0, 0.0]])
    x = np.array([100.0, 50.0])
    A = technical_coefficients(Z, x)
    A_star = interdependency_matrix(Z, x)
    np.testing.assert_allclose(A_star, np.diag(1 / x) @ A @ np.diag(x))
    assert spectral_radius(A_star) == pytest.approx(spectral_radius(A))
    np.testing.assert_allclose(
        leontief_inverse(A_star) @ (np.eye(2) - A_star), np.eye(2), atol=1e-12
    )


def test_resilience_k_formula() -> None:
    assert resilience_k(10.0, 0.2) == pytest.approx(np.log(100) / (10 * 0.8))
    k = resilience_k(np.array([24.0, 48.0]), np.array([0.0, 0.5]), reduction=0.05)
    np.testing.assert_allclose(k, np.log(20) / (np.array([24.0, 48.0]) * [1.0, 0.5]))
    with pytest.raises(ParameterError):
        resilience_k(0.0, 0.1)


@given(
    T=st.floats(0.5, 1e4),
    a=st.floats(0.0, 0.95),
    red=st.floats(1e-4, 0.9),
)
def test_resilience_k_recovers_target(T: float, a: float, red: float) -> None:
    """A single sector (n = 1) decays as exp(-k (1 - a) t): q(T) / q(0) = reduction."""
    k = resilience_k(T, a, reduction=red)
    assert k == pytest.approx(np.log(1 / red) / (T * (1 - a)))
    assert np.exp(-k * (1 - a) * T) == pytest.approx(red, rel=1e-9)


# ------------------------------------------------------------------ DIIM
def test_diim_converges_to_static_iim() -> None:
    k = resilience_k(np.array([10.0, 20.0, 15.0]), np.diag(CASE3_A))
    c = np.tile([0.0, 0.05, 0.12], (800, 1))
    q = diim(CASE3_A, k, c)
    assert q.shape == (801, 3)
    np.testing.assert_array_equal(q[0], 0.0)
    np.testing.assert_allclose(q[-1], static_iim(CASE3_A, c[0]), rtol=1e-9)


def test_diim_recovery_equals_matrix_power_and_expm() -> None:
    A = CASE3_A
    k = np.array([0.1, 0.05, 0.2])
    q0 = np.array([0.5, 0.3, 0.8])
    T = 40
    q = diim(A, k, np.zeros((T, 3)), q0=q0)
    M = np.eye(3) - np.diag(k) @ (np.eye(3) - A)
    for t in (0, 1, 7, T):
        np.testing.assert_allclose(q[t], np.linalg.matrix_power(M, t) @ q0, rtol=1e-12)
    # continuous solution exp(-K (I - A*) t) q0 (Lian & Haimes 2006 eq. 26) via small steps
    dt, t_end = 1e-3, 5.0
    steps = int(round(t_end / dt))
    q_fine = diim(A, k * dt, np.zeros((steps, 3)), q0=q0)[-1]
    exact = expm(-np.diag(k) @ (np.eye(3) - A) * t_end) @ q0
    np.testing.assert_allclose(q_fine, exact, rtol=1e-3)


def test_diim_batched_equals_single() -> None:
    rng = np.random.default_rng(3)
    A = random_a_star(rng, 6)
    k = rng.uniform(0.05, 0.5, (4, 6))
    c = rng.random((4, 30, 6))
    q0 = rng.random((4, 6))
    qb = diim(A, k, c, q0=q0)
    assert qb.shape == (4, 31, 6)
    for s in range(4):
        np.testing.assert_allclose(qb[s], diim(A, k[s], c[s], q0=q0[s]), rtol=1e-13, atol=1e-15)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 6), T=st.integers(1, 30), seed=st.integers(0, 2**32 - 1))
def test_diim_no_shock_gives_zero(n: int, T: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    q = diim(random_a_star(rng, n), rng.uniform(0.01, 1, n), np.zeros((T, n)))
    np.testing.assert_array_equal(q, 0.0)
    res = propagate_piecewise(
        random_a_star(rng, n), rng.uniform(0.01, 1, n), [1.0], np.ones(n), np.zeros((T, n))
    )
    np.testing.assert_array_equal(res.total_q_hours, 0.0)


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
    scale=st.floats(0.0, 3.0),
)
def test_static_iim_linear_before_clipping(n: int, seed: int, scale: float) -> None:
    rng = np.random.default_rng(seed)
    A = random_a_star(rng, n)
    c = rng.random(n) * 0.1
    q = static_iim(A, c, clip=False)
    np.testing.assert_allclose(static_iim(A, scale * c, clip=False), scale * q, atol=1e-14)
    if scale * q.max() <= 1.0:
        np.testing.assert_allclose(static_iim(A, scale * c), scale * q, atol=1e-14)
    assert np.all(q >= 0)


@settings(max_examples=30, deadline=None)
@given(
    c=arrays(np.float64, (12, 4), elements=st.floats(0.0, 1.0)),
    k=arrays(np.float64, 4, elements=st.floats(0.0, 1.0)),
    q0=arrays(np.float64, 4, elements=st.floats(0.0, 1.0)),
    seed=st.integers(0, 2**32 - 1),
)
def test_diim_bounded(c: np.ndarray, k: np.ndarray, q0: np.ndarray, seed: int) -> None:
    A = random_a_star(np.random.default_rng(seed), 4, max_row=0.99)
    q = diim(A, k, c, q0=q0)
    assert np.all((q >= 0) & (q <= 1))


# ------------------------------------------------------------------ fast engine
def _assert_same(a: PropagationResult, b: PropagationResult) -> None:
    for name in ("total_q_hours", "direct_q_hours", "daily_q_hours", "daily_direct_hours", "p_end"):
        x, y = getattr(a, name), getattr(b, name)
        assert x.shape == y.shape, name
        scale = max(1.0, float(np.max(np.abs(x))))
        assert np.max(np.abs(x - y)) <= 1e-9 * scale, name


CASES = [
    # seed, n, T, segments, D scale, q0 scale, multiplier spread, day_h
    (0, 15, 720, 30, 0.5, 0.0, 0.3, 24),
    (1, 20, 720, 5, 1.0, 0.0, 0.5, 24),  # large D: clipping binds
    (2, 17, 500, 40, 0.3, 0.3, 0.3, 24),  # q0 != 0, T not a multiple of a day
    (3, 16, 300, 12, 1.0, 0.5, 1.5, 7),  # wide multiplier spread (M not nonnegative)
    (4, 18, 240, 20, 0.8, 0.2, 0.2, 24),
    (5, 15, 400, 8, 0.1, 0.9, 0.2, 48),
]


@pytest.mark.parametrize(("seed", "n", "T", "n_seg", "d", "q0s", "ms", "day_h"), CASES)
def test_piecewise_equals_hourly(
    seed: int, n: int, T: int, n_seg: int, d: float, q0s: float, ms: float, day_h: int
) -> None:
    rng = np.random.default_rng(seed)
    S = 64
    A = random_a_star(rng, n)
    k0 = resilience_k(rng.uniform(6, 240, n), np.diag(A))
    # explicit hourly stepping is stable only for m k0 (1 - a*_ii) < ~2: cap like the model does
    m = np.minimum(rng.lognormal(0.0, ms, S), 1.5 / np.max(k0 * (1 - np.diag(A))))
    D = rng.random((S, n)) * d
    f = piecewise_profile(rng, T, n, n_seg)
    q0 = rng.random((S, n)) * q0s if q0s else None
    ref = propagate_hourly(A, k0, m, D, f, day_h=day_h, q0=q0)
    fast = propagate_piecewise(A, k0, m, D, f, day_h=day_h, q0=q0, chunk=23)
    _assert_same(ref, fast)
    assert 0.0 <= fast.stepped_share <= 1.0
    assert np.all(fast.total_q_hours <= T + 1e-9)
    assert np.all(fast.indirect_q_hours >= -1e-9)
    np.testing.assert_allclose(fast.daily_q_hours.sum(axis=1), fast.total_q_hours, rtol=1e-12)


def test_piecewise_clipping_case_is_mixed_and_exact() -> None:
    """Large D forces hourly fallback for some draws/pieces; closed form for the others."""
    rng = np.random.default_rng(11)
    n, S, T = 15, 40, 480
    A = random_a_star(rng, n, max_row=0.9)
    k0 = resilience_k(rng.uniform(12, 120, n), np.diag(A))
    D = np.where(np.arange(S)[:, None] < S // 2, 1.0, 0.05) * rng.uniform(0.7, 1.0, (S, n))
    f = piecewise_profile(rng, T, n, 10)
    f[:240] = 1.0  # full outage for 10 days, then partial
    m = rng.lognormal(0, 0.2, S)
    ref = propagate_hourly(A, k0, m, D, f)
    fast = propagate_piecewise(A, k0, m, D, f)
    _assert_same(ref, fast)
    assert 0.0 < fast.stepped_share < 1.0
    # clipping really binds: the unclipped linear recursion gives a larger total
    p, lin = np.zeros((S, n)), np.zeros((S, n))
    K = m[:, None] * k0
    for t in range(T):
        q = D * f[t] + p
        lin += q
        p = p + K * (q @ A.T - p)
    assert np.max(lin - ref.total_q_hours) > 1.0


def test_piecewise_steady_state_is_static_iim() -> None:
    rng = np.random.default_rng(5)
    n = 12
    A = random_a_star(rng, n)
    k0 = np.full(n, 0.2)
    c = rng.random(n) * 0.2
    res = propagate_piecewise(A, k0, [1.0, 2.0], np.ones(n), np.tile(c, (2000, 1)))
    q_end = c + res.p_end
    np.testing.assert_allclose(q_end, np.tile(static_iim(A, c), (2, 1)), rtol=1e-10)
    assert res.stepped_share == 0.0


def test_piecewise_shapes_and_options() -> None:
    rng = np.random.default_rng(9)
    n, T = 5, 50
    A = random_a_star(rng, n)
    k0 = np.full(n, 0.05)
    f = piecewise_profile(rng, T, n, 4)
    res = propagate_piecewise(A, k0, np.ones(3), rng.random(n), f, day_h=24, daily=False)
    assert res.total_q_hours.shape == (3, n) and res.daily_q_hours is None
    full = propagate_piecewise(A, k0, np.ones(3), rng.random(n), f, day_h=24)
    assert full.daily_q_hours.shape == (3, 3, n)
    with pytest.raises(ParameterError):
        propagate_piecewise(A, k0, np.ones(3), -np.ones(n), f)
    with pytest.raises(ParameterError):
        propagate_piecewise(A, k0[:-1], np.ones(3), np.ones(n), f)


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 8),
    T=st.integers(1, 100),
    n_seg=st.integers(1, 10),
    d=st.floats(0.0, 1.0),
)
def test_piecewise_equals_hourly_property(seed: int, n: int, T: int, n_seg: int, d: float) -> None:
    rng = np.random.default_rng(seed)
    A = random_a_star(rng, n, max_row=0.95)
    k0 = rng.uniform(0.005, 0.9, n)
    m = rng.lognormal(0.0, 0.5, 5)
    D = rng.random((5, n)) * d
    f = piecewise_profile(rng, T, n, min(n_seg, T))
    q0 = rng.random((5, n)) * 0.5
    _assert_same(
        propagate_hourly(A, k0, m, D, f, day_h=10, q0=q0),
        propagate_piecewise(A, k0, m, D, f, day_h=10, q0=q0, chunk=3),
    )


def test_cascade_stage_unit_responses_equal_the_hourly_recursion():
    """The pipeline's cascade stage (linear draws via unit responses, the rest exact) gives the
    same sums as stepping every draw hour by hour, including the clipped draws."""
    from shutdown_sim.cascade import cascade, dynamics, steady_map
    from shutdown_sim.shock import Shock

    rng = np.random.default_rng(7)
    n, T = 5, 24 * 4
    A = random_a_star(rng, n)
    f = piecewise_profile(rng, T, n, 6)
    D = rng.uniform(0.0, 1.0, (40, n))
    D[:5] = 1.0  # these draws can reach full inoperability: exact engine
    dyn = dynamics(A, steady_map(A), rng.uniform(24, 240, n), 1.3)
    inop = cascade(Shock(D, f), dyn)
    ref = propagate_hourly(A, dyn.k0, np.full(len(D), dyn.speed), D, f)
    assert 0 < inop.exact_share < 1
    assert np.allclose(inop.total_q_hours, ref.total_q_hours, rtol=1e-9, atol=1e-9)
    w = rng.random(n)
    assert np.allclose(inop.daily_weighted(w, 4), ref.daily_q_hours @ w, rtol=1e-9, atol=1e-9)
    last = np.full(len(D), 2)
    assert np.allclose(
        inop.window_q_hours(1, last), ref.daily_q_hours[:, 1:3].sum(axis=1), rtol=1e-9, atol=1e-9
    )
