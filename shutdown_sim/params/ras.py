"""RAS (biproportional) balancing of a non-negative matrix to row and column targets.

Pure function: arrays in, arrays out, no I/O. Standard method (Stone 1961; Miller & Blair,
*Input-Output Analysis*, 2nd ed., section 7.4): find r, s with Z = diag(r) Z0 diag(s) whose row
sums equal ``row_targets`` and column sums equal ``col_targets``, by alternately scaling rows and
columns.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..errors import ShutdownSimError


class RasError(ShutdownSimError, ArithmeticError):
    """RAS could not balance the matrix (bad inputs or no convergence)."""


class RasResult(NamedTuple):
    z: np.ndarray  # balanced matrix
    r: np.ndarray  # row multipliers (z = diag(r) z0 diag(s))
    s: np.ndarray  # column multipliers
    iterations: int  # number of row+column scaling sweeps
    max_residual: float  # max relative deviation of row/column sums from targets


def _relative_residual(z: np.ndarray, u: np.ndarray, v: np.ndarray) -> float:
    scale = max(float(u.sum()), 1e-300)
    return float(max(np.abs(z.sum(axis=1) - u).max(), np.abs(z.sum(axis=0) - v).max()) / scale)


def ras(
    z0: np.ndarray,
    row_targets: np.ndarray,
    col_targets: np.ndarray,
    *,
    tol: float = 1e-10,
    max_iter: int = 10_000,
) -> RasResult:
    """Balance ``z0`` so that its row sums are ``row_targets`` and column sums ``col_targets``.

    Parameters
    ----------
    z0 : (m, n) non-negative array (the prior).
    row_targets : (m,) non-negative; col_targets : (n,) non-negative; both must have the same
        total (relative difference <= 1e-9), otherwise no solution exists.
    tol : convergence tolerance on the largest absolute deviation of any row or column sum from
        its target, relative to the grand total.
    max_iter : maximum number of sweeps (one sweep = scale rows, then scale columns).

    Returns
    -------
    RasResult(z, r, s, iterations, max_residual).

    Raises
    ------
    RasError
        negative or non-finite input, shape mismatch, unequal totals, a zero row/column of
        ``z0`` with a positive target, or no convergence within ``max_iter`` sweeps.
    """
    z0 = np.asarray(z0, dtype=float)
    u = np.asarray(row_targets, dtype=float)
    v = np.asarray(col_targets, dtype=float)
    if z0.ndim != 2 or u.shape != (z0.shape[0],) or v.shape != (z0.shape[1],):
        raise RasError(f"shape mismatch: z0 {z0.shape}, rows {u.shape}, columns {v.shape}")
    for label, arr in (("z0", z0), ("row_targets", u), ("col_targets", v)):
        if not np.all(np.isfinite(arr)) or np.any(arr < 0):
            raise RasError(f"{label} must be finite and non-negative")
    if abs(u.sum() - v.sum()) > 1e-9 * max(u.sum(), v.sum(), 1e-300):
        raise RasError(
            f"row and column targets have different totals ({u.sum():.6g} vs {v.sum():.6g})"
        )
    if np.any((z0.sum(axis=1) == 0) & (u > 0)) or np.any((z0.sum(axis=0) == 0) & (v > 0)):
        raise RasError("a zero row or column of z0 has a positive target")
    r = np.ones(z0.shape[0])
    s = np.ones(z0.shape[1])
    z = z0.copy()
    residual = _relative_residual(z, u, v)
    for it in range(1, max_iter + 1):
        rows = (z0 * s).sum(axis=1)
        r = np.divide(u, rows, out=np.zeros_like(u), where=rows > 0)
        cols = (r[:, None] * z0).sum(axis=0)
        s = np.divide(v, cols, out=np.zeros_like(v), where=cols > 0)
        z = r[:, None] * z0 * s[None, :]
        residual = _relative_residual(z, u, v)
        if residual <= tol:
            return RasResult(z, r, s, it, residual)
    raise RasError(
        f"RAS did not converge in {max_iter} sweeps (max relative residual "
        f"{residual:.3g} > tol {tol:.3g})"
    )
