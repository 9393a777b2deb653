"""Input-output cascade algebra: static IIM, dynamic IIM (DIIM) and the fast exact engine.

Small pure functions named after the textbook symbols (pymrio ``iomath`` style): arrays in,
arrays out, no I/O. Inoperability q is a share of planned output in [0, 1]; time steps are
hours unless stated otherwise.

Literature (see ``docs/model.md``, "Dynamic inoperability"):

- interdependency matrix ``A* = z_ij / x_i`` (row i = supplier), rows sum to < 1;
- static IIM (Haimes & Jiang 2001): ``q = (I - A*)^-1 c*``, clipped to [0, 1];
- DIIM (Lian & Haimes 2006): ``q(t+1) = q(t) + K [A* q(t) + c*(t) - q(t)]``, clipped to [0, 1];
- resilience coefficients ``k_i = ln(1/lambda) / (T_i (1 - a*_ii))`` with lambda = 0.01.

Model engine (``docs/model.md``, "Dynamic inoperability"). The simulator splits total
inoperability into the direct forcing ``c*(t) = D_s * f(t)`` and a propagated part ``p``::

    q(t)   = clip(c*(t) + p(t), 0, 1)
    p(t+1) = p(t) + K_s [A* q(t) - p(t)],      K_s = m_s diag(k0)

with the same steady state as the static IIM. :func:`propagate_piecewise` exploits that the
forcing is piecewise constant in time: with ``N = diag(k0) (I - A*) = V diag(lambda) V^-1``
(decomposed once), the one-step map of draw s is ``M_s = I - m_s N = V diag(1 - m_s lambda) V^-1``,
so a segment of L constant hours is advanced, and its hourly sum accumulated, in closed form per
mode. Whenever the clip at 1 could bind on a segment (a rigorous bound is checked per draw and per
segment), those draws are stepped hour by hour instead, so the result equals the hourly
recursion :func:`propagate_hourly` to rounding error.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from shutdown_sim.errors import ParameterError

__all__ = [
    "Dynamics",
    "Inoperability",
    "PropagationResult",
    "cascade",
    "dynamics",
    "diim",
    "interdependency_matrix",
    "leontief_inverse",
    "propagate_hourly",
    "propagate_piecewise",
    "resilience_k",
    "spectral_radius",
    "static_iim",
    "steady_map",
    "technical_coefficients",
]

FloatArray = NDArray[np.float64]

#: Largest condition number of the eigenvector matrix V for which the modal engine is trusted.
MAX_EIGVEC_COND = 1e8


# --------------------------------------------------------------------------------------------
# Textbook algebra
# --------------------------------------------------------------------------------------------
def technical_coefficients(Z: ArrayLike, x: ArrayLike) -> FloatArray:
    """Leontief technical coefficients ``A = Z diag(x)^-1`` (a_ij = z_ij / x_j).

    Parameters
    ----------
    Z : (n, n) intermediate flows, row i = supplier, column j = buyer (currency per period).
    x : (n,) gross output (same currency per period). Sectors with x_j = 0 get a zero column.
    """
    Z = np.asarray(Z, dtype=float)
    x = np.asarray(x, dtype=float)
    inv = np.divide(1.0, x, out=np.zeros_like(x), where=x != 0)
    return Z * inv[None, :]


def interdependency_matrix(Z: ArrayLike, x: ArrayLike) -> FloatArray:
    """Interdependency matrix ``A* = diag(x)^-1 Z`` (a*_ij = z_ij / x_i; = diag(x)^-1 A diag(x)).

    Parameters
    ----------
    Z : (n, n) intermediate flows, row i = supplier (currency per period).
    x : (n,) gross output (same unit). Sectors with x_i = 0 get a zero row.
    """
    Z = np.asarray(Z, dtype=float)
    x = np.asarray(x, dtype=float)
    inv = np.divide(1.0, x, out=np.zeros_like(x), where=x != 0)
    return Z * inv[:, None]


def spectral_radius(A: ArrayLike) -> float:
    """Spectral radius ``max |eig(A)|``; an IIM/DIIM is stable iff ``rho(A*) < 1``."""
    return float(np.max(np.abs(np.linalg.eigvals(np.asarray(A, dtype=float)))))


def leontief_inverse(A_star: ArrayLike) -> FloatArray:
    """Inoperability (Leontief-type) inverse ``S = (I - A*)^-1``."""
    A = _square(A_star, "A_star")
    return np.linalg.inv(np.eye(A.shape[0]) - A)


def static_iim(A_star: ArrayLike, c_star: ArrayLike, clip: bool = True) -> FloatArray:
    """Static inoperability input-output model ``q = (I - A*)^-1 c*`` (Haimes & Jiang 2001).

    Parameters
    ----------
    A_star : (n, n) interdependency matrix, a*_ij = z_ij / x_i.
    c_star : (n,) or (S, n) demand-side perturbation (share of planned output, in [0, 1]).
    clip : clip q to [0, 1] (entries above 1 mean the sector is fully inoperable).

    Returns
    -------
    q : same shape as ``c_star``, inoperability (share of planned output).
    """
    A = _square(A_star, "A_star")
    c = np.asarray(c_star, dtype=float)
    n = A.shape[0]
    if c.shape[-1] != n or c.ndim not in (1, 2):
        raise ParameterError(
            f"c_star has shape {c.shape}", field="c_star", allowed=f"(n,) or (S, n) with n={n}"
        )
    q = np.linalg.solve(np.eye(n) - A, c.T).T
    return np.clip(q, 0.0, 1.0) if clip else q


def resilience_k(
    T: ArrayLike, a_star_diag: ArrayLike, reduction: float = 0.01
) -> FloatArray | float:
    """Resilience coefficient ``k_i = ln(1/reduction) / (T_i (1 - a*_ii))`` (Lian & Haimes 2006).

    Parameters
    ----------
    T : recovery time(s) in steps (e.g. hours), in which q falls to ``reduction`` of its start.
    a_star_diag : diagonal of A* (shares).
    reduction : remaining share of inoperability after T (0.01 = 99 % recovered).

    Returns
    -------
    k : per step (1/hours if T is in hours); a float when both inputs are scalars.
    """
    if not 0.0 < reduction < 1.0:
        raise ParameterError(f"reduction={reduction}", field="reduction", allowed="(0, 1)")
    T_arr = np.asarray(T, dtype=float)
    a = np.asarray(a_star_diag, dtype=float)
    if np.any(T_arr <= 0):
        raise ParameterError("recovery time must be positive", field="T", allowed="> 0")
    if np.any(a >= 1):
        raise ParameterError("a*_ii must be below 1", field="a_star_diag", allowed="[0, 1)")
    k = np.log(1.0 / reduction) / (T_arr * (1.0 - a))
    return float(k) if k.ndim == 0 else k


def diim(
    A_star: ArrayLike, k: ArrayLike, c_star_t: ArrayLike, q0: ArrayLike | None = None
) -> FloatArray:
    """Dynamic IIM ``q(t+1) = clip(q(t) + k * (A* q(t) + c*(t) - q(t)), 0, 1)``.

    Batched over draws: one matrix product per step for all draws.

    Parameters
    ----------
    A_star : (n, n) interdependency matrix.
    k : (n,) or (S, n) resilience coefficients per step (see :func:`resilience_k`).
    c_star_t : (T, n) or (S, T, n) perturbation per step (shares in [0, 1]).
    q0 : (n,) or (S, n) initial inoperability; zeros by default.

    Returns
    -------
    q : (T+1, n) or (S, T+1, n); ``q[0] = q0`` and ``q[t+1]`` follows step t.
    """
    A = _square(A_star, "A_star")
    n = A.shape[0]
    c = np.asarray(c_star_t, dtype=float)
    if c.ndim not in (2, 3) or c.shape[-1] != n:
        raise ParameterError(
            f"c_star_t has shape {c.shape}", field="c_star_t", allowed=f"(T, n) or (S, T, n), n={n}"
        )
    single = c.ndim == 2
    cb = c[None] if single else c
    S, T = cb.shape[0], cb.shape[1]
    kk = np.broadcast_to(np.asarray(k, dtype=float), (S, n))
    q = np.zeros((S, n)) if q0 is None else np.broadcast_to(np.asarray(q0, float), (S, n)).copy()
    out = np.empty((S, T + 1, n))
    out[:, 0] = q
    At = A.T
    for t in range(T):
        q = q + kk * (q @ At + cb[:, t] - q)
        np.clip(q, 0.0, 1.0, out=q)
        out[:, t + 1] = q
    return out[0] if single else out


# --------------------------------------------------------------------------------------------
# Model engine
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PropagationResult:
    """Hourly-integrated inoperability per draw (all values in inoperability-hours).

    Attributes
    ----------
    total_q_hours : (S, n) ``sum_t q(t)``, q = clip(c* + p, 0, 1) (hours at full loss).
    direct_q_hours : (S, n) ``sum_t c*(t)``.
    daily_q_hours : (S, n_days, n) per-day sums of q, or None when ``daily=False``.
    daily_direct_hours : (S, n_days, n) per-day sums of c*, or None when ``daily=False``.
    p_end : (S, n) propagated part p after the last hour (p(T)).
    stepped_share : share of draw-hours that had to be stepped hour by hour (clip could bind
        or the modal map was not applicable); a diagnostic, 0 when fully closed form.
    day_h : hours per day used for the daily sums (the last day may be shorter).
    """

    total_q_hours: FloatArray
    direct_q_hours: FloatArray
    daily_q_hours: FloatArray | None
    daily_direct_hours: FloatArray | None
    p_end: FloatArray
    stepped_share: float
    day_h: int

    @property
    def indirect_q_hours(self) -> FloatArray:
        """(S, n) ``total - direct`` (inoperability-hours caused by propagation)."""
        return self.total_q_hours - self.direct_q_hours


def _square(A: ArrayLike, field: str) -> FloatArray:
    arr = np.asarray(A, dtype=float)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise ParameterError(f"shape {arr.shape} is not square", field=field, allowed="(n, n)")
    return arr


def _check_engine_inputs(
    A_star: ArrayLike,
    k0: ArrayLike,
    m: ArrayLike,
    D: ArrayLike,
    f: ArrayLike,
    day_h: int,
    q0: ArrayLike | None,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    A = _square(A_star, "A_star")
    n = A.shape[0]
    k0a = np.asarray(k0, dtype=float).reshape(-1)
    ma = np.asarray(m, dtype=float).reshape(-1)
    Da = np.asarray(D, dtype=float)
    fa = np.asarray(f, dtype=float)
    if k0a.shape != (n,) or np.any(k0a <= 0):
        raise ParameterError("k0 must be positive, one per sector", field="k0", allowed=f"(n={n},)")
    S = ma.shape[0]
    if np.any(ma <= 0):
        raise ParameterError("multiplier must be positive", field="m", allowed="> 0")
    if Da.ndim == 1:
        Da = np.broadcast_to(Da, (S, n))
    if Da.shape != (S, n):
        raise ParameterError(f"D has shape {Da.shape}", field="D", allowed=f"({S}, {n})")
    if fa.ndim != 2 or fa.shape[1] != n or fa.shape[0] < 1:
        raise ParameterError(f"f has shape {fa.shape}", field="f", allowed=f"(T, {n})")
    if np.any(A < 0) or np.any(Da < 0) or np.any(fa < 0):
        raise ParameterError("A_star, D and f must be nonnegative", field="D/f", allowed=">= 0")
    if int(day_h) != day_h or day_h < 1:
        raise ParameterError(f"day_h={day_h}", field="day_h", allowed="integer >= 1")
    if q0 is None:
        p0 = np.zeros((S, n))
    else:
        p0 = np.broadcast_to(np.asarray(q0, dtype=float), (S, n)).copy()
        if np.any(p0 < 0):
            raise ParameterError("initial p must be nonnegative", field="q0", allowed=">= 0")
    return A, k0a, ma, np.ascontiguousarray(Da), fa, p0


def _day_bins(T: int, day_h: int) -> FloatArray:
    """(n_days, T) 0/1 matrix that sums hourly rows into days."""
    n_days = -(-T // day_h)
    bins = np.zeros((n_days, T))
    bins[np.arange(T) // day_h, np.arange(T)] = 1.0
    return bins


def propagate_hourly(
    A_star: ArrayLike,
    k0: ArrayLike,
    m: ArrayLike,
    D: ArrayLike,
    f: ArrayLike,
    day_h: int = 24,
    q0: ArrayLike | None = None,
    *,
    daily: bool = True,
) -> PropagationResult:
    """Reference engine: bare hour-by-hour stepping, batched over draws (one matmul per hour).

    Same inputs and output as :func:`propagate_piecewise`::

        c*(t) = D_s * f(t);  q(t) = clip(c*(t) + p(t), 0, 1)
        p(t+1) = p(t) + m_s k0 * (A* q(t) - p(t))
    """
    A, k0a, ma, Da, fa, p = _check_engine_inputs(A_star, k0, m, D, f, day_h, q0)
    S, n = Da.shape
    T = fa.shape[0]
    n_days = -(-T // day_h)
    K = ma[:, None] * k0a[None, :]
    At = A.T
    total = np.zeros((S, n))
    dq = np.zeros((S, n_days, n)) if daily else None
    q = np.empty((S, n))
    for t in range(T):
        c = Da * fa[t]
        np.add(c, p, out=q)
        np.clip(q, 0.0, 1.0, out=q)
        total += q
        if dq is not None:
            dq[:, t // day_h] += q
        p += K * (q @ At - p)
    direct = Da * fa.sum(axis=0)
    dd = Da[:, None, :] * (_day_bins(T, day_h) @ fa)[None] if daily else None
    return PropagationResult(total, direct, dq, dd, p, 1.0, int(day_h))


@dataclass(frozen=True)
class _Modes:
    """Eigen-decomposition of N = diag(k0) (I - A*) and the steady-state map G = (I - A*)^-1 A*.

    Complex products are done as real matrix products on interleaved (re, im) columns, so that
    ``(e @ W_in).view(complex) = e @ V^-1^T`` and ``z.view(float) @ W_out = Re(z @ V^T)``.
    """

    lam: NDArray[np.complex128]  # (n,)
    W_in: FloatArray  # (n, 2n) interleaved [Re, Im] of V^-1^T
    W_out: FloatArray  # (2n, n) interleaved rows [Re V^T; -Im V^T]
    GT: FloatArray  # (n, n)


def _modes(A: FloatArray, k0: FloatArray) -> _Modes | None:
    n = A.shape[0]
    I_minus_A = np.eye(n) - A
    N = k0[:, None] * I_minus_A
    lam, V = np.linalg.eig(N)
    if not np.all(np.isfinite(lam)) or np.linalg.cond(V) > MAX_EIGVEC_COND:
        return None  # (nearly) defective: the modal formulas would lose accuracy
    V = V.astype(complex)
    VinvT = np.linalg.inv(V).T
    W_in = np.empty((n, 2 * n))
    W_in[:, 0::2], W_in[:, 1::2] = VinvT.real, VinvT.imag
    W_out = np.empty((2 * n, n))
    W_out[0::2], W_out[1::2] = V.T.real, -V.T.imag
    return _Modes(
        lam=lam.astype(complex),
        W_in=W_in,
        W_out=W_out,
        GT=np.ascontiguousarray(np.linalg.solve(I_minus_A, A).T),
    )


def _mode_factors(
    mlam: NDArray[np.complex128], lengths: set[int]
) -> dict[int, tuple[NDArray[np.complex128], NDArray[np.complex128]]]:
    """``L -> (mu^L, sum_{tau<L} mu^tau)`` with ``mu = 1 - m lambda``, per draw and mode.

    Short lengths use the stable recursions ``mu^L = mu mu^(L-1)``, ``g_L = 1 + mu g_(L-1)``;
    long ones ``1 - mu^L = -expm1(L log1p(-m lambda))`` (no cancellation for small m lambda).
    """
    out: dict[int, tuple[NDArray[np.complex128], NDArray[np.complex128]]] = {}
    short = sorted(L for L in lengths if L <= 48)
    if short:
        mu = 1.0 - mlam
        muL, gL = mu.copy(), np.ones_like(mu)
        for L in range(1, short[-1] + 1):
            if L > 1:
                gL = 1.0 + mu * gL
                muL = muL * mu
            if L in lengths:
                out[L] = (muL, gL)
    long = [L for L in lengths if L > 48]
    if long:
        log_mu = np.log1p(-mlam)
        for L in long:
            one_minus = -np.expm1(L * log_mu)
            out[L] = (1.0 - one_minus, one_minus / mlam)
    return out


def _pieces(f: FloatArray, day_h: int) -> list[tuple[int, int, int]]:
    """Split hours into (start, length, segment id) pieces: constant f and within one day."""
    T = f.shape[0]
    changes = np.flatnonzero(np.any(f[1:] != f[:-1], axis=1)) + 1
    seg_starts = np.concatenate([[0], changes])
    cuts = np.union1d(seg_starts, np.arange(0, T, day_h))
    cuts = np.append(cuts, T)
    seg_id = np.searchsorted(seg_starts, cuts[:-1], side="right") - 1
    return [(int(a), int(b - a), int(g)) for a, b, g in zip(cuts[:-1], cuts[1:], seg_id)]


def _step_hours(
    A_T: FloatArray,
    K: FloatArray,
    c: FloatArray,
    p: FloatArray,
    L: int,
) -> tuple[FloatArray, FloatArray]:
    """Advance p by L hours under constant c with clipping; return (p_end, sum of q)."""
    qsum = np.zeros_like(p)
    q = np.empty_like(p)
    for _ in range(L):
        np.add(c, p, out=q)
        np.clip(q, 0.0, 1.0, out=q)
        qsum += q
        p = p + K * (q @ A_T - p)
    return p, qsum


def propagate_piecewise(
    A_star: ArrayLike,
    k0: ArrayLike,
    m: ArrayLike,
    D: ArrayLike,
    f: ArrayLike,
    day_h: int = 24,
    q0: ArrayLike | None = None,
    *,
    daily: bool = True,
    chunk: int = 2048,
) -> PropagationResult:
    """Exact DIIM propagation for piecewise-constant forcing, batched over draws.

    Model (hourly steps, draw s)::

        c*(t) = D_s * f(t)                       # direct inoperability, shares
        q(t)  = clip(c*(t) + p(t), 0, 1)         # total inoperability
        p(t+1) = p(t) + m_s k0 * (A* q(t) - p(t))

    On a segment of constant f the unclipped map is affine, ``p -> p_ss + M_s (p - p_ss)`` with
    ``p_ss = (I - A*)^-1 A* c*`` and ``M_s = V diag(mu) V^-1``, ``mu = 1 - m_s lambda``. In modal
    coordinates ``em = V^-1 (p - p_ss)`` each piece of L hours (segments are cut at day
    boundaries) is ``em <- mu^L em`` and contributes ``Re(V [g_L em])`` to the hourly sum of p,
    ``g_L = (1 - mu^L) / (m_s lambda)``; the ``sum (c* + p_ss)`` part is linear in the daily
    sums of c* and is added once at the end. Cost O(S n^2) per segment and O(S n) per piece,
    instead of O(S n^2) per hour.

    The closed form is used for a draw only while clipping provably cannot bind: if
    ``m_s k0_i (1 - a*_ii) <= 1`` for all i and the rows of A* sum to <= 1, M_s is nonnegative
    with row sums <= 1, hence ``p(t) <= p_ss + max_j (e0_j)^+`` for the rest of the segment
    (``e0 = p - p_ss`` at the check), and we require ``c* + p_ss + max_j (e0_j)^+ <= 1``.
    Otherwise the draw is stepped hour by hour (clip included) piece by piece and re-checked at
    each piece boundary, so the result equals :func:`propagate_hourly` to rounding error.
    ``stepped_share`` in the result reports how much had to be stepped.

    Parameters
    ----------
    A_star : (n, n) interdependency matrix (nonnegative, spectral radius < 1).
    k0 : (n,) base resilience coefficients per hour (1/hours), shared by all draws.
    m : (S,) positive per-draw multiplier of k0 (dimensionless).
    D : (S, n) or (n,) per-draw dependence scaling (share).
    f : (T, n) shock profile per hour (share), piecewise constant in time.
    day_h : hours per day for the daily sums.
    q0 : (n,) or (S, n) initial propagated part p(0) (share); zeros by default.
    daily : also return the (S, n_days, n) daily sums (memory: 16 S n_days n bytes).
    chunk : draws processed together (bounds working memory; reduced automatically so that
        the per-chunk modal buffer stays within about 64 MiB).

    Returns
    -------
    PropagationResult
    """
    A, k0a, ma, Da, fa, p_all = _check_engine_inputs(A_star, k0, m, D, f, day_h, q0)
    S, n = Da.shape
    T = fa.shape[0]
    n_days = -(-T // day_h)
    nb = n_days if daily else 1  # accumulation buckets (days, or one for the whole horizon)
    modes = _modes(A, k0a)
    rows_ok = bool(np.all(A.sum(axis=1) <= 1.0))
    diag_gap = 1.0 - np.diag(A)
    At = np.ascontiguousarray(A.T)
    GT = (
        modes.GT if modes is not None else np.ascontiguousarray(np.linalg.solve(np.eye(n) - A, A).T)
    )
    ST = np.ascontiguousarray(np.linalg.inv(np.eye(n) - A).T)  # (I - A*)^-1: c -> c + p_ss
    bins = _day_bins(T, day_h) if daily else np.ones((1, T))
    Fb = bins @ fa  # (nb, n) hourly sums of f per bucket

    pieces = _pieces(fa, day_h)
    segments: list[tuple[int, list[tuple[int, int]]]] = []  # (first hour, [(L, bucket)])
    for start, L, g in pieces:
        if not segments or g != len(segments) - 1:
            segments.append((start, []))
        segments[-1][1].append((L, start // day_h if daily else 0))
    lengths = {L for _, L, _ in pieces}

    total = np.empty((S, n))
    dq = np.empty((S, n_days, n)) if daily else None
    p_end = np.empty((S, n))
    stepped_hours = 0
    # keep the per-chunk modal buffer (Sc, nb, n) complex within ~64 MiB
    chunk = max(16, min(int(chunk), (64 << 20) // (24 * nb * n)))

    Y_buf = np.empty((nb, min(chunk, S), n), dtype=np.complex128)
    C_buf = np.empty((min(chunk, S), nb, n))
    M_buf = np.empty((min(chunk, S) * nb, n))
    tmp_buf = np.empty((min(chunk, S), n), dtype=np.complex128)
    for lo in range(0, S, chunk):
        hi = min(S, lo + chunk)
        Dc, mc, p = Da[lo:hi], ma[lo:hi], p_all[lo:hi].copy()
        Sc = hi - lo
        K = mc[:, None] * k0a[None, :]
        # draws whose one-step map M_s is elementwise nonnegative (needed for the clip bound)
        fast = rows_ok & np.all(K * diag_gap[None, :] <= 1.0, axis=1) & (modes is not None)
        factors = _mode_factors(mc[:, None] * modes.lam, lengths) if fast.any() else {}
        # sum_t q = sum_t (c + p_ss) + Re(V sum_t em) on closed-form pieces: the first part is
        # linear in the bucket sums of c (added at the end); Y collects the modal part and R the
        # correction (stepped q sum - L (c + p_ss)) of pieces that had to be stepped.
        Y = Y_buf[:, :Sc]  # (nb, Sc, n): bucket-major so that Y[b] is contiguous
        Y.fill(0.0)
        R: FloatArray | None = None
        tmp = tmp_buf[:Sc]
        for seg_start, seg_pieces in segments:
            c = Dc * fa[seg_start]
            p_ss = c @ GT
            cps = c + p_ss
            cps_max = cps.max(axis=1)
            ok = fast & (cps_max + np.maximum((p - p_ss).max(axis=1), 0.0) <= 1.0)
            all_ok = bool(ok.all())
            em = np.zeros((Sc, n), dtype=np.complex128)
            if all_ok:
                em = ((p - p_ss) @ modes.W_in).view(np.complex128)
            elif ok.any():
                em[ok] = ((p[ok] - p_ss[ok]) @ modes.W_in).view(np.complex128)
            for L, b in seg_pieces:
                if all_ok:
                    muL, gL = factors[L]
                    np.multiply(em, gL, out=tmp)
                    Y[b] += tmp
                    em *= muL
                    continue
                if ok.any():
                    muL, gL = factors[L]
                    Y[b, ok] += em[ok] * gL[ok]
                    em[ok] *= muL[ok]
                bad = ~ok
                n_bad = int(np.count_nonzero(bad))
                pb, qb = _step_hours(At, K[bad], c[bad], p[bad], L)
                p[bad] = pb
                if R is None:
                    R = np.zeros((Sc, nb, n))
                R[bad, b] += qb - L * cps[bad]
                stepped_hours += L * n_bad
                # stepped draws rejoin the closed form once the bound holds again
                rejoin = bad & fast
                if factors and rejoin.any():
                    e0 = p[rejoin] - p_ss[rejoin]
                    good = cps_max[rejoin] + np.maximum(e0.max(axis=1), 0.0) <= 1.0
                    if good.any():
                        idx = np.flatnonzero(rejoin)[good]
                        em[idx] = (e0[good] @ modes.W_in).view(np.complex128)
                        ok[idx] = True
                        all_ok = bool(ok.all())
            # back to real coordinates at the end of the segment
            if all_ok:
                p = p_ss + em.view(np.float64) @ modes.W_out
            elif ok.any():
                p[ok] = p_ss[ok] + em[ok].view(np.float64) @ modes.W_out
        Cb = np.multiply(Dc[:, None, :], Fb[None], out=C_buf[:Sc])  # bucket sums of c*
        qb_sum = dq[lo:hi] if dq is not None else np.empty((Sc, nb, n))
        np.matmul(Cb, ST, out=qb_sum)  # sum of (c + p_ss)
        if modes is not None:
            Mb = M_buf[: Sc * nb]
            np.matmul(Y.reshape(nb * Sc, n).view(np.float64), modes.W_out, out=Mb)
            qb_sum += Mb.reshape(nb, Sc, n).transpose(1, 0, 2)
        if R is not None:
            qb_sum += R
        qb_sum.sum(axis=1, out=total[lo:hi])
        p_end[lo:hi] = p

    direct = Da * fa.sum(axis=0)
    dd = Da[:, None, :] * Fb[None] if daily else None
    return PropagationResult(total, direct, dq, dd, p_end, stepped_hours / float(S * T), int(day_h))


# --------------------------------------------------------------------------------------------
# Pipeline stage: a group's shock -> its inoperability
# --------------------------------------------------------------------------------------------
_UNIT = 1e-3  # unit-shock size for the linear responses (small so clipping never binds)


@dataclass(frozen=True)
class Dynamics:
    """DIIM dynamics shared by the draws of a timeline group.

    ``k0`` (1/hours) from the sectors' recovery times; ``speed`` the common multiplier m,
    capped so that an hourly step never overshoots: m k0_i (1 - a*_ii) <= 1.
    """

    a_star: FloatArray  # (n, n)
    steady_map: FloatArray  # G = (I - A*)^-1 A*: steady propagated inoperability per unit c*
    k0: FloatArray  # (n,) 1/hours
    speed: float
    rationing: str = "additive"  # or "capacity_or_demand" (shutdown_sim.rationing)
    a_tech: FloatArray | None = None  # (n, n) technical coefficients a_ji = z_ji / x_i
    buffer_h: FloatArray | None = None  # (n,) hours a buyer rides through missing inputs
    a_star_base: FloatArray | None = None  # A* before scaling rows by row_scale (rationing)
    row_scale: FloatArray | None = None  # (n,) supplier-row scaling tau of a_star, or None


def steady_map(A_star: ArrayLike) -> FloatArray:
    """G = (I - A*)^-1 A*: the steady propagated inoperability p_ss = G c* per unit c*."""
    A = _square(A_star, "A_star")
    return np.linalg.solve(np.eye(A.shape[0]) - A, A)


def dynamics(
    A_star: FloatArray,
    G: FloatArray,
    recovery_h: ArrayLike,
    speed: float,
    *,
    rationing: str = "additive",
    a_tech: FloatArray | None = None,
    buffer_h: ArrayLike | None = None,
    a_star_base: FloatArray | None = None,
    row_scale: ArrayLike | None = None,
) -> Dynamics:
    """:class:`Dynamics` from recovery times (hours, per sector) and the speed multiplier.

    ``rationing="capacity_or_demand"`` also needs the technical coefficients ``a_tech`` and the
    sectors' buffers ``buffer_h`` (hours) for the supply-side shortage; when ``A_star`` is
    ``a_star_base`` with rows scaled by ``row_scale`` (transaction shares), passing both lets
    groups with different scalings run in one batch (:func:`shutdown_sim.rationing.cascade_groups`).
    """
    a_diag = np.diag(A_star)
    k0 = np.asarray(resilience_k(recovery_h, a_diag), dtype=float)
    # Recovery within the hour is the fastest the hourly grid can represent.
    m = min(float(speed), 1.0 / float(np.max(k0 * (1 - a_diag))))
    if rationing != "additive":
        # the rationing engine also needs m k0_i <= 1 (no overshoot of p's own term)
        m = min(m, 1.0 / float(np.max(k0)))
        if a_tech is None or buffer_h is None:
            raise ParameterError(
                "capacity_or_demand needs a_tech and buffer_h", field="rationing", allowed="both"
            )
    buf = None if buffer_h is None else np.asarray(buffer_h, dtype=float)
    scale = None if row_scale is None else np.asarray(row_scale, dtype=float)
    return Dynamics(A_star, G, k0, m, rationing, a_tech, buf, a_star_base, scale)


@dataclass(frozen=True)
class Inoperability:
    """Inoperability-hours of a group's S draws (cascade output, read by accounting).

    Draws where the clip at 1 cannot bind are kept in factored form: their dependence times the
    daily unit responses R (n_j, n_days, n_i); the others hold their own daily sums.
    """

    total_q_hours: FloatArray  # (S, n) Σ_t q
    direct_q_hours: FloatArray  # (S, n) Σ_t c*, at most the total
    linear: NDArray[np.intp]  # draws in factored form
    linear_dependence: FloatArray  # (S_lin, n)
    unit_daily: FloatArray | None  # (n_j, n_days, n_i) q-hours of i per day per unit d_j
    exact: NDArray[np.intp]  # draws run through the clipped engine
    exact_daily: FloatArray | None  # (S_ex, n_days, n)

    @property
    def n_draws(self) -> int:
        return self.total_q_hours.shape[0]

    @property
    def exact_share(self) -> float:
        """Share of draws that needed the exact (clipped) engine."""
        return self.exact.size / max(self.n_draws, 1)

    def daily_weighted(self, weights: FloatArray, n_days: int) -> FloatArray:
        """(S, n_days) Σ_i w_i · (q-hours of sector i in the day)."""
        out = np.zeros((self.n_draws, n_days))
        if self.linear.size:
            out[self.linear] = self.linear_dependence @ (self.unit_daily[:, :n_days, :] @ weights)
        if self.exact.size:
            out[self.exact] = self.exact_daily[:, :n_days, :] @ weights
        return out

    def day_weighted_q_hours(self, day_weights: FloatArray) -> FloatArray:
        """(S, n) Σ_d w_{s,d} · (q-hours of sector i in day d), ``day_weights`` (S, n_days)."""
        out = np.zeros_like(self.total_q_hours)
        w = np.asarray(day_weights, dtype=float)
        if self.linear.size:
            nd = min(w.shape[1], self.unit_daily.shape[1])
            out[self.linear] = np.einsum(
                "sj,jdi,sd->si",
                self.linear_dependence,
                self.unit_daily[:, :nd],
                w[self.linear, :nd],
                optimize=True,
            )
        if self.exact.size:
            nd = min(w.shape[1], self.exact_daily.shape[1])
            out[self.exact] = np.einsum("sdi,sd->si", self.exact_daily[:, :nd], w[self.exact, :nd])
        return out

    def window_q_hours(self, first_day: int, last_day: NDArray[np.intp]) -> FloatArray:
        """(S, n) q-hours from day ``first_day`` to each draw's ``last_day`` (inclusive)."""
        out = np.zeros_like(self.total_q_hours)
        for rows, daily, dep in (
            (self.linear, self.unit_daily, self.linear_dependence),
            (self.exact, self.exact_daily, None),
        ):
            if not rows.size:
                continue
            n_days = daily.shape[1]
            cum = np.zeros_like(daily)
            if first_day < n_days:
                cum[:, first_day:, :] = np.cumsum(daily[:, first_day:, :], axis=1)
            has = last_day[rows] >= first_day
            if not has.any():
                continue
            if dep is None:
                out[rows[has]] = cum[np.flatnonzero(has), last_day[rows[has]], :]
            else:
                picked = cum[:, last_day[rows[has]], :]  # (n_j, S_has, n_i)
                out[rows[has]] = np.einsum("sj,jsi->si", dep[has], picked)
        return out


def cascade(shock, dyn: Dynamics, *, force_exact: bool = False) -> Inoperability:
    """Propagate a group's :class:`~shutdown_sim.shock.Shock` through the DIIM.

    Without clipping the model is linear in the dependence d, so the response to a small unit
    shock of each sector (n propagations, exact, via :func:`propagate_piecewise`) gives every
    draw's sums by one matrix product. A draw whose peak inoperability could reach 1 — bound:
    c*_max + G c*_max, valid because the DIIM map is monotone — is run through the exact clipped
    engine instead (as is every draw with ``force_exact``, for tests of the fast path).
    """
    D, f = shock.dependence, shock.profile
    S, n = D.shape
    if dyn.rationing == "capacity_or_demand":
        return _cascade_rationed(shock, dyn)
    c_max = shock.peak()
    clip_may_bind = ((c_max + c_max @ dyn.steady_map.T) > 1.0 - 1e-9).any(axis=1)
    linear = ~clip_may_bind & (not force_exact)
    lin, ex = np.flatnonzero(linear), np.flatnonzero(~linear)
    total = np.empty((S, n))
    unit_daily = exact_daily = None
    if lin.size:
        unit = propagate_piecewise(
            dyn.a_star, dyn.k0, np.full(n, dyn.speed), _UNIT * np.eye(n), f, daily=True
        )
        total[lin] = D[lin] @ (unit.total_q_hours / _UNIT)  # (n_j, n_i) per unit d_j
        unit_daily = unit.daily_q_hours / _UNIT
    if ex.size:
        prop = propagate_piecewise(
            dyn.a_star, dyn.k0, np.full(ex.size, dyn.speed), D[ex], f, daily=True
        )
        total[ex] = prop.total_q_hours
        exact_daily = prop.daily_q_hours
    direct = np.minimum(shock.q_hours(), total)
    return Inoperability(total, direct, lin, D[lin], unit_daily, ex, exact_daily)


def _cascade_rationed(shock, dyn: Dynamics) -> Inoperability:
    """Capacity-or-demand cascade (:mod:`shutdown_sim.rationing`): every draw stepped exactly."""
    from .rationing import cascade_groups

    return cascade_groups([shock], [dyn])[0]
