"""Domestic-only interdependency matrix from a proxy and an economy's totals (pure functions).

Used by ``parameters/build/build_world.py`` (the stored tables) and by
:func:`shutdown_sim.params.world.domestic_io` (alternative proxies at run time), so both give the
same numbers. Method: docs/domestic_io.md. Arrays in, arrays out, no I/O.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .ras import RasResult, ras


class DomesticBalance(NamedTuple):
    z: np.ndarray  # (n, n) balanced domestic flows on the build sectors (money per year)
    a_star: np.ndarray  # (m, m) model-sector a*_ij = z_ij / x_i (row = supplier)
    ras: RasResult
    spectral_radius: float


def column_targets(total_inputs: np.ndarray, dshare: np.ndarray, grand: float) -> np.ndarray:
    """Domestic intermediate inputs by user j (the ADB totals give sales by supplier only).

    v_j = total_inputs_j x dshare_j, rescaled so that sum(v) = ``grand`` (the economy's domestic
    intermediate sales), and capped at total_inputs_j with the excess spread pro rata over the
    other users. ``dshare`` is the proxy's domestic share of each user's inputs.
    """
    total_inputs = np.asarray(total_inputs, dtype=float)
    v = total_inputs * np.asarray(dshare, dtype=float)
    capped = np.zeros(len(v), dtype=bool)
    for _ in range(len(v) + 1):
        free = grand - v[capped].sum()
        v = np.where(capped, v, v * free / v[~capped].sum())
        over = (~capped) & (v > total_inputs)
        if not over.any():
            break
        capped |= over
        v = np.where(capped, total_inputs, v)
    return v


def aggregate(z: np.ndarray, groups: np.ndarray, m: int) -> np.ndarray:
    """Sum the rows and columns of an (n, n) matrix (or an (n,) vector) into ``m`` groups;
    ``groups[k]`` is the model index of build sector k."""
    s = np.zeros((m, len(groups)))
    s[np.asarray(groups), np.arange(len(groups))] = 1.0
    return s @ z @ s.T if np.ndim(z) == 2 else s @ z


def domestic_a_star(
    a_dom: np.ndarray,
    x: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    groups: np.ndarray,
    m: int,
) -> DomesticBalance:
    """RAS the prior Z0 = a_dom diag(x) to domestic row and column targets, then A*.

    Parameters
    ----------
    a_dom : (n, n) proxy domestic input coefficients z^d_ij / x_j on the build sectors.
    x : (n,) the economy's gross output; rows : (n,) domestic intermediate sales;
    cols : (n,) domestic intermediate inputs (same total as rows), all in one money unit.
    groups, m : build sector -> model sector index, number of model sectors.

    Raises RasError (from :func:`ras`) if the targets cannot be met.
    """
    z0 = np.asarray(a_dom, dtype=float) * np.asarray(x, dtype=float)[None, :]
    res = ras(z0, rows, cols, tol=1e-10, max_iter=20_000)
    zm = aggregate(res.z, groups, m)
    xm = aggregate(np.asarray(x, dtype=float), groups, m)
    a_star = np.divide(zm, xm[:, None], out=np.zeros_like(zm), where=xm[:, None] > 0)
    rho = float(np.max(np.abs(np.linalg.eigvals(a_star))))
    return DomesticBalance(res.z, a_star, res, rho)


def wdi_structure(
    broad_of_gdp: np.ndarray,
    broad_index: np.ndarray,
    proxy_va: np.ndarray,
    proxy_x: np.ndarray,
    sales_ratio: np.ndarray,
    input_ratio: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sector structure of an economy known only by World Bank broad value-added shares.

    Each broad group's share of GDP (agr, ind_other, mfg, srv; ``broad_index[k]`` is the group
    of build sector k) is split by the proxy's value-added mix within the group; output =
    value added x the proxy's output/value-added ratio; domestic intermediate sales (rows) and
    inputs (columns) are the proxy's ratios to output, the columns rescaled to the rows' total.
    Returns x, va, rows, cols as shares of GDP.
    """
    pva = np.clip(np.asarray(proxy_va, dtype=float), 0, None)
    va = np.zeros(len(pva))
    for g, share in enumerate(broad_of_gdp):
        idx = np.asarray(broad_index) == g
        va[idx] = share * pva[idx] / pva[idx].sum()
    ratio = np.divide(proxy_x, proxy_va, out=np.zeros(len(pva)), where=np.asarray(proxy_va) > 0)
    x = va * ratio
    rows = x * np.asarray(sales_ratio, dtype=float)
    cols = x * np.asarray(input_ratio, dtype=float)
    return x, va, rows, cols * rows.sum() / cols.sum()
