"""Losses from inoperability: direct, indirect, gross, recaptured, net (GDP and output).

Pure functions on arrays with a leading draw axis S. Output loss of sector i is
x_i Σ_t q_i(t) Δt (x_i per hour); GDP loss uses value added per unit output v_i / x_i.
Recapture (after restoration): a share r_i of the lost output is made up within a window, at most
at (α_max − 1) × normal hourly output over the hours the sector is operable (reference/cascade.md
§2.3, BoARIO overproduction). Net = gross − recaptured; resilience R = 1 − net / gross.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

HOURS_PER_YEAR = 8760.0


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
