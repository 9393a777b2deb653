"""Capacity-or-demand (rationing) cascade engine (issue 11 item 1; docs/model.md).

A sector produces the lower of what it can produce and what its customers ask for (the rationing
rule of ARIO-type models, Hallegatte 2008), so its inoperability is the binding constraint, not
the sum of a capacity loss and a demand loss::

    q_i(t)     = max(kappa_i(t), p_i(t))                   # total inoperability
    kappa_i(t) = max(c*_i(t), sigma_i(t))                  # capacity loss
    sigma_i(t) = h_i(t) * sum_j a_ji kappa_j(t)            # inputs that did not arrive
    p(t+1)     = p(t) + K [A* q(t) - p(t)]                 # demand side: DIIM dynamics

c* is the direct loss from the sector's own internet dependence; sigma the supply-side shortage:
the value of the domestic inputs its suppliers could not deliver per unit of its output
(technical coefficients a_ji = z_ji / x_i; the supply-side, Ghosh-type inoperability model of
Leung, Haimes & Santos 2007), which binds only after the sector's buffer h_i (0 until its
suppliers have been short for ``buffer_h`` hours, then 1: the same ramp as the direct shock).
kappa is the smallest solution of its fixed-point equation (suppliers' shortages pass down the
chain within the hour). p is the demand-side inoperability of the dynamic IIM (Lian & Haimes
2006) driven by customers' lower purchases; it needs no clip (p <= A* q <= row sums < 1).

Engines. :func:`propagate_rationed_hourly` is the bare hour-by-hour kernel (batched over draws).
:func:`propagate_rationed` gives the same numbers faster: it steps hour by hour only while some
capacity loss is on; inside a segment of constant forcing it stops stepping once kappa is fixed
and p has reached its fixed point (to ``1e-10`` in inoperability) and books the rest of the
segment at that point; once every capacity loss is over for good the system is the linear DIIM
(q = p) and the rest of the horizon is done in closed form per mode
(:func:`shutdown_sim.cascade.propagate_piecewise`'s modal algebra).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .cascade import PropagationResult, _day_bins, _mode_factors, _modes
from .errors import ParameterError

__all__ = [
    "capacity_loss",
    "propagate_rationed",
    "propagate_rationed_hourly",
    "supply_coefficients",
]

FloatArray = NDArray[np.float64]

#: Largest change of inoperability (share) treated as "no change" in the fixed-point checks.
FIXED_POINT_TOL = 1e-10
#: A supply shortfall below this share counts as none (starts no buffer clock).
SHORT_EPS = 1e-12
_MAX_KAPPA_ITER = 200


def supply_coefficients(A_star: ArrayLike, gross_output: ArrayLike) -> FloatArray:
    """Technical coefficients ``a_ji = z_ji / x_i`` from ``A*`` and gross output ``x``.

    With ``z_ji = a*_ji x_j``: ``a_ji = a*_ji x_j / x_i`` (share of i's output that is input from
    j). Sectors with x_i = 0 get a zero column. Returned as (n, n), row j = supplier, column i.
    """
    A = np.asarray(A_star, dtype=float)
    x = np.asarray(gross_output, dtype=float)
    inv = np.divide(1.0, x, out=np.zeros_like(x), where=x > 0)
    return A * x[:, None] * inv[None, :]


def capacity_loss(
    c: FloatArray, A_tech: FloatArray, ramp: FloatArray, start: FloatArray | None = None
) -> FloatArray:
    """kappa = min(1, max(c*, ramp * (kappa @ A_tech))), iterated from ``start`` (default c*).

    Domestic input shares are below 1 (every column of A_tech sums to less than 1), so the map
    is a contraction and its fixed point is unique: any start converges to it, and a warm start
    from the previous hour's kappa needs few iterations.

    Parameters
    ----------
    c : (S, n) direct inoperability c* (share)
    A_tech : (n, n) technical coefficients, row = supplier
    ramp : (S, n) 1 where the buyer's buffer against missing inputs has run out, else 0
    start : (S, n) first guess (e.g. the previous hour's kappa)
    """
    kappa = np.array(c, dtype=float)
    active = np.flatnonzero(ramp.any(axis=1))  # draws where a shortage can bind
    if start is not None and active.size:
        kappa[active] = np.maximum(start[active], c[active])
    for _ in range(_MAX_KAPPA_ITER):
        if not active.size:
            break
        old = kappa[active]
        new = np.minimum(np.maximum(c[active], ramp[active] * (old @ A_tech)), 1.0)
        kappa[active] = new
        active = active[np.abs(new - old).max(axis=1) > 1e-14]  # converged draws drop out
    return kappa


def _check(A_star, A_tech, k0, m, D, f, buffer_h, day_h):
    A = np.asarray(A_star, dtype=float)
    n = A.shape[0]
    At = np.asarray(A_tech, dtype=float)
    Da = np.asarray(D, dtype=float)
    fa = np.asarray(f, dtype=float)
    if Da.ndim == 1:
        Da = Da[None, :]
    S = Da.shape[0]
    ma = np.broadcast_to(np.asarray(m, dtype=float).reshape(-1), (S,))
    k0a = np.asarray(k0, dtype=float).reshape(-1)
    buf = np.broadcast_to(np.asarray(buffer_h, dtype=float), (n,))
    shapes_ok = (
        A.shape == (n, n)
        and At.shape == (n, n)
        and Da.shape == (S, n)
        and fa.ndim == 2
        and fa.shape[1] == n
        and k0a.shape == (n,)
    )
    if not shapes_ok:
        raise ParameterError(
            "inconsistent shapes", field="A_star/A_tech/D/f/k0", allowed=f"n = {n} sectors"
        )
    if np.any(A < 0) or np.any(At < 0) or np.any(Da < 0) or np.any(fa < 0) or np.any(buf < 0):
        raise ParameterError("inputs must be nonnegative", field="A/D/f/buffer", allowed=">= 0")
    if np.any(A.sum(axis=1) >= 1.0):
        raise ParameterError("rows of A* must sum below 1", field="A_star", allowed="< 1")
    if int(day_h) != day_h or day_h < 1:
        raise ParameterError(f"day_h={day_h}", field="day_h", allowed="integer >= 1")
    K = ma[:, None] * k0a[None, :]
    if np.any(K <= 0) or np.any(K > 1.0):
        raise ParameterError("m k0 must lie in (0, 1]", field="k0/m", allowed="(0, 1] per hour")
    return A, At, k0a, ma, np.ascontiguousarray(Da), fa, np.asarray(buf), K


class _Stepper:
    """State of the hourly recursion for S draws in G groups (shared by both engines).

    Group g has its own forcing row, resilience K, buffers and transaction shares tau (the demand
    a supplier loses is tau_i (A* q)_i); draw s belongs to group ``group[s]``.
    """

    def __init__(self, A, A_tech, K, D, buffer_h, tau, group):
        self.At = np.ascontiguousarray(A.T)
        self.A_tech = A_tech
        self.K = K  # (S, n)
        self.D = D
        self.buffer_h = buffer_h  # (S, n)
        self.tau = None if np.all(tau == 1.0) else tau[group]  # (S, n) or None
        self.group = group
        S, n = D.shape
        self.p = np.zeros((S, n))
        self.kappa = np.zeros((S, n))
        self.run = np.zeros((S, n))  # hours the buyer's suppliers have been short so far
        self.ramp = np.zeros((S, n))
        self._last_f: FloatArray | None = None

    def kappa_at(self, f_t: FloatArray) -> tuple[FloatArray, bool]:
        """Capacity loss for forcing rows ``f_t`` (G, n); also whether buffer clocks settled."""
        c = self.D * f_t[self.group]
        short = (np.maximum(c, self.kappa) @ self.A_tech) > SHORT_EPS
        self.run = np.where(short, self.run + 1.0, 0.0)
        ramp = (short & ((self.run - 1.0) >= self.buffer_h - 1e-9)).astype(float)
        same = self._last_f is not None and np.array_equal(f_t, self._last_f)
        if not (same and np.array_equal(ramp, self.ramp)):
            # warm start from the last hour's kappa (unchanged inputs: same kappa, no work)
            self.kappa = capacity_loss(c, self.A_tech, ramp, start=self.kappa)
        self.ramp = ramp
        self._last_f = f_t
        settled = bool(np.all(~short | (ramp > 0)))
        return self.kappa, settled

    def step(self) -> FloatArray:
        """q(t) = max(kappa, p); advance p to t + 1; return q(t)."""
        q = np.maximum(self.kappa, self.p)
        demand = q @ self.At
        if self.tau is not None:
            demand *= self.tau
        self.p = self.p + self.K * (demand - self.p)
        return q


def propagate_rationed_hourly(
    A_star: ArrayLike,
    A_tech: ArrayLike,
    k0: ArrayLike,
    m: ArrayLike,
    D: ArrayLike,
    f: ArrayLike,
    buffer_h: ArrayLike,
    day_h: int = 24,
    *,
    daily: bool = True,
) -> PropagationResult:
    """Reference engine: the rationing recursion stepped hour by hour for every hour.

    Parameters
    ----------
    A_star : (n, n) interdependency matrix a*_ij = z_ij / x_i (row = supplier)
    A_tech : (n, n) technical coefficients a_ji = z_ji / x_i (row = supplier, column = buyer)
    k0 : (n,) base resilience coefficients (1/hours); m : (S,) or scalar multiplier
    D : (S, n) dependence (share); f : (T, n) shock profile per hour (c* = D f)
    buffer_h : (n,) hours a buyer rides through missing inputs
    """
    return propagate_rationed(A_star, A_tech, k0, m, D, f, buffer_h, day_h, daily=daily, fast=False)


def _add_constant(dq, total, q, start: int, stop: int, day_h: int) -> None:
    """Book ``q`` (S, n) for every hour in [start, stop) into the totals and day buckets."""
    total += (stop - start) * q
    if dq is None:
        return
    t = start
    while t < stop:
        end = min(stop, (t // day_h + 1) * day_h)
        dq[:, t // day_h] += (end - t) * q
        t = end


def _linear_tail(A, k0, m, p, start: int, T: int, day_h: int, dq, total):
    """Closed-form sums of the linear DIIM q = p, p <- p + m k0 (A* p - p), hours [start, T).

    Returns p(T), or None when the modal decomposition is not trusted (caller steps instead).
    """
    modes = _modes(A, k0)
    if modes is None:
        return None
    cuts = sorted(set(range((start // day_h + 1) * day_h, T, day_h)) | {start, T})
    pieces = [(a, b - a) for a, b in zip(cuts[:-1], cuts[1:]) if b > a]
    factors = _mode_factors(m[:, None] * modes.lam[None, :], {L for _, L in pieces})
    em = (p @ modes.W_in).view(np.complex128)
    for a, L in pieces:
        muL, gL = factors[L]
        s = (em * gL).view(np.float64) @ modes.W_out
        total += s
        if dq is not None:
            dq[:, a // day_h] += s
        em = em * muL
    return em.view(np.float64) @ modes.W_out


def propagate_rationed(
    A_star: ArrayLike,
    A_tech: ArrayLike,
    k0: ArrayLike,
    m: ArrayLike,
    D: ArrayLike,
    f: ArrayLike,
    buffer_h: ArrayLike,
    day_h: int = 24,
    *,
    daily: bool = True,
    fast: bool = True,
) -> PropagationResult:
    """Same model and result as :func:`propagate_rationed_hourly`, without stepping idle hours.

    Three regimes: (1) while some capacity loss is on, hour by hour; (2) inside a constant
    forcing segment, once the buffer clocks have settled, kappa is fixed and p has converged
    (max hourly change below ``FIXED_POINT_TOL`` times the slowest contraction rate, so p is
    within ``FIXED_POINT_TOL`` of its fixed point), the rest of the segment is booked at the
    fixed point; (3) once the forcing is over for good and kappa = 0, q = p is the linear DIIM
    and the remaining hours are summed in closed form per mode. ``stepped_share`` reports the
    share of hours that were stepped. ``fast=False`` steps every hour (the reference kernel).
    """
    A, At, k0a, ma, Da, fa, buf, K = _check(A_star, A_tech, k0, m, D, f, buffer_h, day_h)
    S, n = Da.shape
    return _engine(
        A,
        np.ones((1, n)),
        At,
        k0a[None, :],
        ma,
        Da,
        fa[None],
        buf[None, :],
        np.zeros(S, dtype=np.intp),
        int(day_h),
        daily,
        fast,
    )


def _engine(A, tau, A_tech, k0, m, D, f, buf, group, day_h: int, daily: bool, fast: bool):
    """The recursion for S draws in G groups (see :func:`propagate_rationed`).

    A (n, n) and A_tech (n, n) shared; tau, k0, buf (G, n) per group; m (S,) per draw (a group's
    draws share it in the model, but only K = m k0 matters); D (S, n); f (G, T, n); group (S,).
    """
    S, n = D.shape
    T = f.shape[1]
    K = m[:, None] * k0[group]
    st = _Stepper(A, A_tech, K, D, buf[group], tau, group)
    total = np.zeros((S, n))
    dq = np.zeros((S, -(-T // day_h), n)) if daily else None
    forced = np.flatnonzero(f.max(axis=(0, 2)) > 0)
    last_forced = int(forced[-1]) if forced.size else -1
    changes = np.flatnonzero(np.any(f[:, 1:] != f[:, :-1], axis=(0, 2))) + 1
    seg_end = np.searchsorted(changes, np.arange(T), side="right")
    seg_stop = np.append(changes, T)[seg_end]  # first hour after each hour's constant segment
    # max-norm contraction of p -> p + K (tau A* max(kappa, p) - p): 1 - min K_i (1 - rowsum_i)
    rows = A.sum(axis=1)[None, :] * tau[group]
    rate = float(np.min(K * (1.0 - rows)))
    tol = FIXED_POINT_TOL * rate
    stepped = 0
    t = 0
    while t < T:
        if fast and t > last_forced and not st.kappa.any():
            if _linear_tails(A, tau, k0, m, group, st, t, T, day_h, dq, total):
                break
        _, settled = st.kappa_at(f[:, t])
        p_before = st.p
        q = st.step()
        stepped += 1
        total += q
        if dq is not None:
            dq[:, t // day_h] += q
        stop = int(seg_stop[t])
        if fast and settled and stop - t > 1 and np.max(np.abs(st.p - p_before)) <= tol:
            q_fix = np.maximum(st.kappa, st.p)
            _add_constant(dq, total, q_fix, t + 1, stop, day_h)
            short = st.run > 0
            st.run = np.where(short, st.run + (stop - t - 1), 0.0)
            t = stop
            continue
        t += 1
    fsum = f.sum(axis=1)  # (G, n)
    direct = D * fsum[group]
    dd = None
    if daily:
        fd = np.einsum("dt,gtn->gdn", _day_bins(T, day_h), f)  # (G, n_days, n)
        dd = D[:, None, :] * fd[group]
    return PropagationResult(total, direct, dq, dd, st.p, stepped / float(max(T, 1)), int(day_h))


def _linear_tails(A, tau, k0, m, group, st, t, T, day_h, dq, total) -> bool:
    """Closed-form tail of every group (their own A* = tau A* and k0); False if not possible."""
    parts = []
    for g in range(tau.shape[0]):
        rows = np.flatnonzero(group == g)
        if not rows.size:
            continue
        tot_g = np.zeros((rows.size, A.shape[0]))
        dq_g = np.zeros((rows.size,) + dq.shape[1:]) if dq is not None else None
        p_end = _linear_tail(
            A * tau[g][:, None], k0[g], m[rows], st.p[rows], t, T, day_h, dq_g, tot_g
        )
        if p_end is None:
            return False
        parts.append((rows, tot_g, dq_g, p_end))
    for rows, tot_g, dq_g, p_end in parts:
        total[rows] += tot_g
        if dq is not None:
            dq[rows] += dq_g
        st.p[rows] = p_end
    return True


def cascade_groups(shocks, dyns) -> list:
    """Capacity-or-demand cascade of several timeline groups in one batched run.

    ``shocks`` and ``dyns`` (one :class:`~shutdown_sim.shock.Shock` and one
    :class:`~shutdown_sim.cascade.Dynamics` per group; each group's A* is the economy's with its
    rows scaled by the group's transaction shares) -> one
    :class:`~shutdown_sim.cascade.Inoperability` per group. Stepping all draws together instead
    of group by group keeps the per-hour Python overhead once per run.
    """
    from .cascade import Inoperability

    base = dyns[0].a_star_base if dyns[0].a_star_base is not None else dyns[0].a_star
    sizes = [sh.dependence.shape[0] for sh in shocks]
    group = np.repeat(np.arange(len(shocks)), sizes)
    D = np.concatenate([sh.dependence for sh in shocks])
    f = np.stack([sh.profile for sh in shocks])
    tau = np.stack(
        [dy.row_scale if dy.row_scale is not None else np.ones(D.shape[1]) for dy in dyns]
    )
    k0 = np.stack([dy.k0 for dy in dyns])
    m = np.concatenate([np.full(n, dy.speed) for n, dy in zip(sizes, dyns)])
    buf = np.stack([dy.buffer_h for dy in dyns])
    res = _engine(
        np.asarray(base, dtype=float),
        tau,
        np.asarray(dyns[0].a_tech, dtype=float),
        k0,
        m,
        D,
        f,
        buf,
        group,
        24,
        True,
        True,
    )
    out = []
    start = 0
    for sh, n in zip(shocks, sizes):
        rows = slice(start, start + n)
        start += n
        total = res.total_q_hours[rows]
        out.append(
            Inoperability(
                total,
                np.minimum(sh.q_hours(), total),
                np.zeros(0, dtype=np.intp),
                np.zeros((0, D.shape[1])),
                None,
                np.arange(n),
                res.daily_q_hours[rows],
            )
        )
    return out
