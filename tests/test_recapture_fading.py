"""Fading recapture (issue 11 item 5): the share made up afterwards does not rise with duration."""

from __future__ import annotations

import numpy as np
import pytest

from shutdown_sim.accounting import fading_weights
from shutdown_sim.model import evaluate, prepare
from shutdown_sim.scenario import load_scenario_text
from shutdown_sim.structure import StructuralChoices
from tests.helpers import scenario_text


def test_weights_halve_every_half_life_and_spare_losses_after_restoration():
    w = fading_weights(
        restoration_h=24 * 5 + 12, half_life_h=np.array([48.0]), n_days=8, mode="fading"
    )
    # day 5's middle is restoration itself; day 3's middle is 2 days (one half-life) earlier
    assert w[0, 5] == pytest.approx(1.0) and w[0, 3] == pytest.approx(0.5)
    assert w[0, 1] == pytest.approx(0.25)
    np.testing.assert_allclose(w[0, 6:], 1.0)
    assert fading_weights(12.0, np.array([48.0]), 3, "flat") is None


def _recaptured_share(days: int, recapture: str) -> float:
    scenario = load_scenario_text(scenario_text(ev={"duration_h": 24 * days}))
    ctx = prepare(scenario, structure=StructuralChoices(recapture=recapture))
    out = evaluate(ctx, ctx.space.central(), daily=False)
    return float(out.recaptured_gdp_usd[0] / out.gross_gdp_usd[0])


def test_recaptured_share_of_gross_does_not_rise_with_duration():
    one, seven, thirty = (_recaptured_share(d, "fading") for d in (1, 7, 30))
    assert one >= seven >= thirty > 0
    assert _recaptured_share(7, "off") == 0.0
    # fading never credits more than the flat share of the rule before issue 11
    assert seven <= _recaptured_share(7, "flat")
