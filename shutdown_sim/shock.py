"""Service availability -> direct sector inoperability c*(t).

c*_i(t) = d_i · f_i(t), with the shock profile
f_i(t) = h_i(t) · Σ_s W_is (1 − a_s(t) · access_i(t)),
access_i = m_i · a_mobile + (1 − m_i) · a_fixed, W_is = channel_weights[i, category(s)] ·
service_weight[s], and h_i the buffer ramp: 0 until the sector's current outage has lasted
``buffer_h`` hours, then 1 (ARIO-inventory analogue; see reference/cascade.md §6.2).
"""

from __future__ import annotations

import numpy as np

CATEGORIES = ("domestic", "international", "cloud", "payments", "messaging_social")


def service_weights(
    channel_weights: np.ndarray, service_category: tuple[str, ...], service_weight: np.ndarray
) -> np.ndarray:
    """W (n_sectors, n_services): a sector's channel share carried by each service."""
    cat_index = np.array([CATEGORIES.index(c) for c in service_category])
    return channel_weights[:, cat_index] * np.asarray(service_weight)[None, :]


def buffer_ramp(raw: np.ndarray, buffer_h: np.ndarray, step_h: float = 1.0) -> np.ndarray:
    """h (T, n): 1 where the current run of positive ``raw`` has lasted at least buffer_h hours.

    Hour t counts as outage hour number k (1-based) of its run; the sector is hit from the hour
    whose start is at least ``buffer_h`` after the run began, i.e. k > buffer_h / step_h.
    """
    hit = raw > 1e-12
    T, n = hit.shape
    # Run length so far: cumulative count that resets where hit is False.
    counts = np.cumsum(hit, axis=0)
    resets = np.where(~hit, counts, 0)
    last_reset = np.maximum.accumulate(resets, axis=0)
    run_len = counts - last_reset  # hours in the current run including this one
    elapsed_before_h = (run_len - 1) * step_h
    return (hit & (elapsed_before_h >= np.asarray(buffer_h)[None, :] - 1e-9)).astype(float)


def shock_profile(
    services: np.ndarray,
    access: np.ndarray,
    W: np.ndarray,
    mobile_share: np.ndarray,
    buffer_h: np.ndarray,
    step_h: float = 1.0,
) -> np.ndarray:
    """f (T, n): the direct inoperability per unit of dependence d_i.

    Parameters
    ----------
    services : (T, n_services) availability in [0, 1]
    access : (T, 2) availability of (fixed, mobile) access in [0, 1]
    W : (n, n_services) service weights (rows sum <= 1)
    mobile_share : (n,) share of each sector's use that goes over mobile access
    buffer_h : (n,) hours a sector rides through an outage
    """
    mobile_share = np.asarray(mobile_share, dtype=float)
    acc = access[:, 1:2] * mobile_share[None, :] + access[:, 0:1] * (1.0 - mobile_share[None, :])
    raw = W.sum(axis=1)[None, :] - (services @ W.T) * acc
    raw = np.clip(raw, 0.0, 1.0)
    return raw * buffer_ramp(raw, buffer_h, step_h)
