"""Throttling through the capacity-and-demand logic of cuts (issue 11 item 4)."""

from __future__ import annotations

import pytest
import yaml

from shutdown_sim.model import evaluate, prepare
from shutdown_sim.network.availability import rerouted
from shutdown_sim.scenario import load_scenario, load_scenario_text
from shutdown_sim.structure import StructuralChoices
from tests.helpers import scenario_text


def _net_loss(theta: float, headroom: bool = True) -> float:
    data = yaml.safe_load(scenario_text())
    data["events"] = [
        {
            "kind": "throttle",
            "start_h": 0,
            "duration_h": 168,
            "scope": "international",
            "capacity_share": theta,
        }
    ]
    ctx = prepare(
        load_scenario_text(yaml.safe_dump(data)),
        structure=StructuralChoices(throttle_headroom=headroom),
    )
    return float(evaluate(ctx, ctx.space.central(), daily=False).net_gdp_usd[0])


def test_throttle_carries_demand_up_to_the_throttled_capacity():
    """Demand is u of capacity: a throttle to theta carries min(1, theta / u) of it."""
    for u in (0.5, 0.6, 0.7):
        for theta in (0.2, 0.5, 0.8):
            assert rerouted(theta, u, 1.0) == pytest.approx(min(1.0, theta / u))


def test_a_throttle_above_normal_utilisation_costs_a_small_fraction_of_one_below():
    above, below = _net_loss(0.8), _net_loss(0.4)
    assert below > 0
    assert above <= 0.05 * below
    # without headroom the same throttle costs a sizeable share (the rule before issue 11)
    assert _net_loss(0.8, headroom=False) > 0.2 * below


def test_a_year_of_filtering_is_within_a_few_percent_of_gdp():
    ctx = prepare(load_scenario("hk-firewall-permanent"))
    loss = float(evaluate(ctx, ctx.space.central(), daily=False).net_gdp_usd[0])
    assert 0 < loss < 0.05 * ctx.economy.gdp_usd
