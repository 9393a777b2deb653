"""Service availability -> direct sector inoperability c*(t) (the shock stage).

c*_{s,i}(t) = d_{s,i} · f_i(t) for draw s and sector i, with the shock profile
f_i(t) = h_i(t) · Σ_s W_is (1 − a_s(t) · access_i(t)),
access_i = m_i · a_mobile + (1 − m_i) · a_fixed, W_is = channel_weights[i, category(s)] ·
service_weight[s], and h_i the buffer ramp: 0 until the sector's current outage has lasted
``buffer_h`` hours, then 1 (ARIO-inventory analogue; docs/model.md).

Two refinements (issue 11 item 3): only the transaction part tau_i of a sector's output can stop
(interest margins, premiums and rents accrue), so f_i is scaled by tau_i; and where a shutdown order
spares leased lines and enterprise networks, the share p_i of the sector's use on them sees the
timeline's private availability instead: f_i = tau_i [(1 - p_i) f_i^public + p_i f_i^private].

:func:`direct_shock` returns c* as a :class:`Shock`: the draws' dependence d (S, n) times one
profile f (T, n) shared by the draws of a timeline group. Keeping c* in this factored form is
what lets the cascade use linearity in d (n unit responses instead of S propagations).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .constants import CATEGORIES, HOURS_PER_DAY

__all__ = ["CATEGORIES", "Shock", "buffer_ramp", "direct_shock", "service_weights", "shock_profile"]


@dataclass(frozen=True)
class Shock:
    """Direct inoperability c*_{s,i}(t) = dependence[s, i] · profile[t, i] (shares, hourly)."""

    dependence: np.ndarray  # (S, n) d, share
    profile: np.ndarray  # (T, n) f, direct inoperability per unit of dependence

    def c_star(self) -> np.ndarray:
        """(S, T, n) c* written out (for checks and small batches)."""
        return self.dependence[:, None, :] * self.profile[None, :, :]

    def peak(self) -> np.ndarray:
        """(S, n) max_t c*_i(t)."""
        return self.dependence * self.profile.max(axis=0)

    def q_hours(self) -> np.ndarray:
        """(S, n) Σ_t c*_i(t): direct inoperability-hours."""
        return self.dependence * self.profile.sum(axis=0)

    def daily_weighted(self, weights: np.ndarray, n_days: int) -> np.ndarray:
        """(S, n_days) Σ_i w_i Σ_{t in day} c*_i(t); hours past ``n_days`` go to the last day."""
        day_of_hour = np.arange(self.profile.shape[0]) // int(HOURS_PER_DAY)
        f_daily = np.zeros((n_days, self.profile.shape[1]))
        np.add.at(f_daily, np.minimum(day_of_hour, n_days - 1), self.profile)
        return (self.dependence * weights) @ f_daily.T


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


def direct_shock(
    timeline,
    W: np.ndarray,
    dependence: np.ndarray,
    mobile_share: np.ndarray,
    buffer_h: np.ndarray,
    transaction_share: np.ndarray | None = None,
    private_share: np.ndarray | None = None,
) -> Shock:
    """c* of a group's draws on ``timeline`` (a :class:`~shutdown_sim.timeline.Timeline`).

    Parameters
    ----------
    W : (n, n_services) service weights (:func:`service_weights`)
    dependence : (S, n) internet dependence d of each draw (share)
    mobile_share, buffer_h : (n,) shared by the group (share; hours)
    transaction_share : (n,) share tau of output that needs transactions now (None = 1)
    private_share : (n,) share p of use on private networks spared by shutdown orders
        (None = 0; used only where ``timeline.private_services`` is given)
    """
    f = shock_profile(
        timeline.services, timeline.access, W, mobile_share, buffer_h, timeline.step_h
    )
    private = getattr(timeline, "private_services", None)
    if private is not None and private_share is not None:
        p = np.asarray(private_share, dtype=float)[None, :]
        f_private = shock_profile(
            private, timeline.private_access, W, mobile_share, buffer_h, timeline.step_h
        )
        f = (1.0 - p) * f + p * f_private
    if transaction_share is not None:
        f = f * np.asarray(transaction_share, dtype=float)[None, :]
    return Shock(np.asarray(dependence, dtype=float), f)
