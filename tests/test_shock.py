"""Shock: availability -> direct inoperability profile."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from shutdown_sim.shock import CATEGORIES, buffer_ramp, service_weights, shock_profile


def test_service_weights_split_category_by_service_weight():
    channel = np.array([[0.2, 0.3, 0.1, 0.1, 0.3]])
    cats = ("domestic", "international", "messaging_social", "messaging_social")
    W = service_weights(channel, cats, np.array([1.0, 1.0, 0.75, 0.25]))
    assert np.allclose(W, [[0.2, 0.3, 0.225, 0.075]])
    assert len(CATEGORIES) == 5


def test_buffer_ramp_waits_for_buffer_hours_and_resets():
    raw = np.array([0, 1, 1, 1, 1, 0, 1, 1], float)[:, None]
    h = buffer_ramp(raw, np.array([2.0]))
    # third hour of each run onwards (elapsed before the hour >= 2 h)
    assert h[:, 0].tolist() == [0, 0, 0, 1, 1, 0, 0, 0]
    assert buffer_ramp(raw, np.array([0.0]))[:, 0].tolist() == raw[:, 0].tolist()


def test_full_outage_gives_weight_sum_and_mobile_only_hits_mobile_share():
    T = 4
    W = np.array([[0.5, 0.5], [0.2, 0.3]])
    services = np.ones((T, 2))
    access = np.ones((T, 2))
    access[1:3, :] = 0.0  # full outage in hours 1-2
    f = shock_profile(services, access, W, np.array([0.3, 0.6]), np.zeros(2))
    assert np.allclose(f[1], [1.0, 0.5]) and np.allclose(f[0], 0) and np.allclose(f[3], 0)
    access = np.ones((T, 2))
    access[:, 1] = 0.0  # mobile only
    f = shock_profile(services, access, W, np.array([0.3, 0.6]), np.zeros(2))
    assert np.allclose(f[0], [0.3 * 1.0, 0.6 * 0.5])


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 6), st.integers(1, 5), st.integers(0, 2**31 - 1))
def test_profile_bounded_and_monotone_in_availability(n, ns, seed):
    rng = np.random.default_rng(seed)
    W = rng.random((n, ns))
    W /= W.sum(axis=1, keepdims=True) * rng.uniform(1, 2)
    services = rng.random((10, ns))
    access = rng.random((10, 2))
    m, b = rng.random(n), np.zeros(n)
    f = shock_profile(services, access, W, m, b)
    assert (f >= 0).all() and (f <= 1 + 1e-12).all()
    worse = shock_profile(services * 0.5, access, W, m, b)
    assert (worse >= f - 1e-12).all()


def test_direct_shock_is_dependence_times_profile():
    from types import SimpleNamespace

    from shutdown_sim.shock import direct_shock

    T, W = 30, np.array([[0.5, 0.5], [0.2, 0.3]])
    access = np.ones((T, 2))
    access[2:27] = 0.0  # a full outage from hour 2 to 26
    timeline = SimpleNamespace(services=np.ones((T, 2)), access=access, step_h=1.0)
    d = np.array([[0.4, 0.9], [1.0, 0.1]])
    shock = direct_shock(timeline, W, d, np.array([0.3, 0.6]), np.zeros(2))
    c = shock.c_star()
    assert c.shape == (2, T, 2)
    assert np.allclose(c[:, 5], d * np.array([1.0, 0.5]))  # c* = d · Σ_s W_is during the outage
    assert np.allclose(shock.q_hours(), c.sum(axis=1))
    per_day = np.stack([c[:, :24].sum(axis=(1, 2)), c[:, 24:].sum(axis=(1, 2))], axis=1)
    assert np.allclose(shock.daily_weighted(np.ones(2), 2), per_day)
