"""Accounting: direct/indirect/gross/recaptured/net and resilience."""

import numpy as np

from shutdown_sim.accounting import daily_recapture, resilience, sector_losses


def _losses(recapture=0.5, alpha=1.25, window_h=720.0, restored=True, total=10.0, direct=6.0):
    x = np.array([8760.0, 17520.0])  # 1 and 2 USD of output per hour
    va = np.array([4380.0, 17520.0])  # VA ratios 0.5 and 1.0
    S = 3
    return sector_losses(
        x,
        va,
        np.full((S, 2), total),
        np.full((S, 2), direct),
        np.full((S, 2), recapture),
        np.full(S, alpha),
        np.full(S, window_h),
        np.zeros((S, 2)),
        restored,
    )


def test_conservation_and_units():
    L = _losses()
    assert np.allclose(L.gross_output_usd[0], [10.0, 20.0])
    assert np.allclose(L.gross_gdp_usd[0], [5.0, 20.0])
    assert np.allclose(L.direct_gdp_usd[0], [3.0, 12.0])
    assert np.allclose(L.direct_gdp_usd + L.indirect_gdp_usd, L.gross_gdp_usd)
    assert np.allclose(L.recaptured_gdp_usd[0], [2.5, 10.0])  # half, capacity not binding
    assert (L.net_gdp_usd >= 0).all()


def test_recapture_capped_by_spare_capacity_and_zero_without_restoration():
    tight = _losses(recapture=1.0, alpha=1.25, window_h=8.0)  # 0.25 * x_h * 8 h
    assert np.allclose(tight.recaptured_gdp_usd[0], [0.5 * 0.25 * 1 * 8, 1.0 * 0.25 * 2 * 8])
    assert np.allclose(_losses(restored=False).recaptured_gdp_usd, 0.0)


def test_daily_recapture_sums_to_total():
    L = _losses()
    daily = daily_recapture(L.recaptured_gdp_usd, L.recapture_hours, restoration_h=24.0, n_days=5)
    assert np.allclose(daily.sum(axis=1), L.recaptured_gdp_usd.sum(axis=1))
    assert np.allclose(daily[:, 0], 0.0)


def test_resilience_bounds():
    r = resilience(np.array([0.0, 5.0, 10.0]), np.array([0.0, 10.0, 10.0]))
    assert r.tolist() == [1.0, 0.5, 0.0]
