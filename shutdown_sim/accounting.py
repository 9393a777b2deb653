"""Losses from inoperability: direct, indirect, gross, recaptured, net (GDP and output), spill-over.

The last stage of the pipeline: :func:`account` turns a group's shock and inoperability into
money. Pure functions on arrays with a leading draw axis S. Output loss of sector i is
x_i Σ_t q_i(t) Δt (x_i per hour); GDP loss uses value added per unit output v_i / x_i.
Recapture (after restoration): a share r_i of the lost output is made up within a window, at most
at (α_max − 1) × normal hourly output over the hours the sector is operable (docs/model.md;
BoARIO overproduction). Net = gross − recaptured; resilience R = 1 − net / gross.
Spill-over (losses of users abroad while the region's hosting or transit is unreachable) is a
separate line, never part of the headline.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .constants import HOURS_PER_DAY, HOURS_PER_YEAR

if TYPE_CHECKING:
    from .cascade import Inoperability
    from .inputs import GroupInput
    from .shock import Shock


@dataclass(frozen=True)
class SectorLosses:
    """Per-draw, per-sector losses in USD of value added (GDP) unless named ``output``."""

    gross_output_usd: np.ndarray  # (S, n)
    direct_gdp_usd: np.ndarray  # (S, n)
    gross_gdp_usd: np.ndarray  # (S, n)
    recaptured_gdp_usd: np.ndarray  # (S, n)
    recapture_hours: np.ndarray  # (S, n) hours of catch-up production after restoration

    @property
    def indirect_gdp_usd(self) -> np.ndarray:
        return self.gross_gdp_usd - self.direct_gdp_usd

    @property
    def net_gdp_usd(self) -> np.ndarray:
        return self.gross_gdp_usd - self.recaptured_gdp_usd


def sector_losses(
    gross_output_usd_per_year: np.ndarray,
    value_added_usd_per_year: np.ndarray,
    total_q_hours: np.ndarray,
    direct_q_hours: np.ndarray,
    recapture_share: np.ndarray,
    alpha_max: np.ndarray,
    window_h: np.ndarray,
    q_hours_in_window: np.ndarray,
    restored: bool,
) -> SectorLosses:
    """Account one batch of draws.

    Parameters
    ----------
    gross_output_usd_per_year, value_added_usd_per_year : (n,) USD per year
    total_q_hours, direct_q_hours : (S, n) Σ_t q_i(t) and Σ_t c*_i(t), in hours
    recapture_share : (S, n) share r_i of lost output that can be made up, in [0, 1]
    alpha_max : (S,) catch-up capacity as a multiple of normal output (>= 1)
    window_h : (S,) hours after restoration in which catch-up counts
    q_hours_in_window : (S, n) inoperability-hours inside that window (capacity not available)
    restored : False if the disruption lasts to the horizon (no recapture)
    """
    x_h = np.asarray(gross_output_usd_per_year, float) / HOURS_PER_YEAR
    va_ratio = np.divide(
        value_added_usd_per_year,
        gross_output_usd_per_year,
        out=np.zeros_like(x_h),
        where=np.asarray(gross_output_usd_per_year) > 0,
    )
    direct_q = np.minimum(direct_q_hours, total_q_hours)
    gross_output = x_h * total_q_hours
    if restored:
        spare_h = np.clip(window_h[:, None] - q_hours_in_window, 0.0, None)
        cap_output = (alpha_max[:, None] - 1.0) * x_h * spare_h
        recaptured_output = np.minimum(recapture_share * gross_output, cap_output)
        rate = (alpha_max[:, None] - 1.0) * x_h
        recapture_hours = np.divide(
            recaptured_output, rate, out=np.zeros_like(recaptured_output), where=rate > 0
        )
    else:
        recaptured_output = np.zeros_like(gross_output)
        recapture_hours = np.zeros_like(gross_output)
    return SectorLosses(
        gross_output_usd=gross_output,
        direct_gdp_usd=va_ratio * x_h * direct_q,
        gross_gdp_usd=va_ratio * gross_output,
        recaptured_gdp_usd=va_ratio * recaptured_output,
        recapture_hours=recapture_hours,
    )


def daily_recapture(
    recaptured_gdp_usd: np.ndarray, recapture_hours: np.ndarray, restoration_h: float, n_days: int
) -> np.ndarray:
    """(S, n_days) recaptured GDP per day: catch-up runs at full rate from restoration."""
    S = recaptured_gdp_usd.shape[0]
    out = np.zeros((S, n_days))
    if n_days == 0:
        return out
    start = restoration_h
    end = restoration_h + recapture_hours  # (S, n)
    rate = np.divide(
        recaptured_gdp_usd,
        recapture_hours,
        out=np.zeros_like(recapture_hours),
        where=recapture_hours > 0,
    )
    for day in range(int(start // 24), n_days):
        lo, hi = day * 24.0, (day + 1) * 24.0
        overlap = np.clip(np.minimum(end, hi) - max(start, lo), 0.0, 24.0)
        if not overlap.any():
            if lo > end.max():
                break
            continue
        out[:, day] = (rate * overlap).sum(axis=1)
    # Whatever lies beyond the horizon is booked on the last day so totals stay consistent.
    out[:, -1] += recaptured_gdp_usd.sum(axis=1) - out.sum(axis=1)
    return out


def resilience(net_usd: np.ndarray, gross_usd: np.ndarray) -> np.ndarray:
    """Static resilience R = 1 − net/gross in [0, 1] (1 where nothing was lost)."""
    return np.where(
        gross_usd > 0,
        1.0 - np.divide(net_usd, gross_usd, out=np.zeros_like(net_usd), where=gross_usd > 0),
        1.0,
    )


def spillover_usd(timeline, inp: GroupInput) -> np.ndarray:
    """(S,) losses abroad: value per day of the region's hosting and transit × days unreachable.

    The transit value refers to a reference share of a neighbour's traffic carried through the
    region; it scales with the group's own share when the region models one.
    """
    cloud_down_h = float(np.sum(1.0 - timeline.foreign["cloud"])) * timeline.step_h
    transit_down_h = float(np.sum(1.0 - timeline.foreign["transit"])) * timeline.step_h
    scale: np.ndarray | float = 1.0
    if inp.transit_share is not None and inp.transit_reference_share is not None:
        scale = float(inp.transit_share) / np.maximum(inp.transit_reference_share, 1e-9)
    return (
        inp.spillover_cloud_usd_per_day * cloud_down_h
        + inp.spillover_transit_usd_per_day * scale * transit_down_h
    ) / HOURS_PER_DAY


def fading_weights(
    restoration_h: float, half_life_h: np.ndarray | None, n_days: int, mode: str
) -> np.ndarray | None:
    """(S, n_days) share of a loss in day d still recapturable at restoration (None = all).

    ``mode`` "fading": 2^(-age / half-life), age = hours from the middle of day d to restoration
    (0 for days after it); "flat" (or no half-life given): None, every loss keeps the share r_i.
    """
    if mode != "fading" or half_life_h is None:
        return None
    h = np.asarray(half_life_h, dtype=float)
    mid = np.arange(n_days) * HOURS_PER_DAY + HOURS_PER_DAY / 2.0
    age = np.clip(restoration_h - mid, 0.0, None)
    return np.exp2(-age[None, :] / h[:, None])


def recapture_window_days(
    restoration_h: float, window_h: np.ndarray, n_days: int
) -> tuple[int, np.ndarray]:
    """First day of the recapture window and each draw's last day inside it (clipped)."""
    first = int(math.floor(restoration_h / HOURS_PER_DAY))
    last = np.ceil((restoration_h + window_h) / HOURS_PER_DAY).astype(int) - 1
    return first, np.clip(last, first - 1, n_days - 1)


@dataclass(frozen=True)
class GroupAccount:
    """Accounting of one group's draws (USD of GDP unless named otherwise)."""

    losses: SectorLosses
    spillover_usd: np.ndarray  # (S,)
    daily_gross_gdp_usd: np.ndarray | None  # (S, n_days)
    daily_direct_gdp_usd: np.ndarray | None
    daily_recaptured_gdp_usd: np.ndarray | None


def account(
    economy,
    timeline,
    shock: Shock,
    inop: Inoperability,
    inp: GroupInput,
    *,
    horizon_h: float,
    daily: bool = True,
    recapture: str = "flat",
) -> GroupAccount:
    """Money of a group: sector losses, recapture after restoration, spill-over, daily series.

    ``economy`` gives ``gross_output_usd`` and ``value_added_usd`` (n,) per year; a disruption
    that lasts to ``horizon_h`` is not restored, so nothing is recaptured. ``recapture`` is the
    structural choice (:func:`fading_weights`): with "fading" the share r_i applies to each day's
    loss times 2^(-age / half-life), so the effective share is r_i Σ_d w_d q_d / Σ_d q_d.
    """
    n_days = int(math.ceil(horizon_h / HOURS_PER_DAY))
    restored = timeline.restoration_h is not None
    rest_h = timeline.restoration_h if restored else float(horizon_h)
    first_day, last_day = recapture_window_days(rest_h, inp.recapture_window_h, n_days)
    share = inp.recapture_share if recapture != "off" else np.zeros_like(inp.recapture_share)
    weights = fading_weights(rest_h, inp.recapture_half_life_h, n_days, recapture)
    if weights is not None:
        aged = inop.day_weighted_q_hours(weights)
        kept = np.divide(
            aged, inop.total_q_hours, out=np.zeros_like(aged), where=inop.total_q_hours > 0
        )
        share = share * np.clip(kept, 0.0, 1.0)
    losses = sector_losses(
        economy.gross_output_usd,
        economy.value_added_usd,
        inop.total_q_hours,
        inop.direct_q_hours,
        share,
        inp.alpha_max,
        inp.recapture_window_h,
        inop.window_q_hours(first_day, last_day),
        restored,
    )
    gross = direct = recaptured = None
    if daily:
        va_per_q_hour = economy.value_added_usd / HOURS_PER_YEAR  # USD per inoperability-hour
        gross = inop.daily_weighted(va_per_q_hour, n_days)
        direct = np.minimum(shock.daily_weighted(va_per_q_hour, n_days), gross)
        recaptured = (
            daily_recapture(losses.recaptured_gdp_usd, losses.recapture_hours, rest_h, n_days)
            if restored
            else np.zeros_like(gross)
        )
    return GroupAccount(losses, spillover_usd(timeline, inp), gross, direct, recaptured)
