"""Finance and real estate (issue 11 item 3): transaction part of value added, private networks."""

from __future__ import annotations

import numpy as np
import pytest

from shutdown_sim.model import demand_matrix, draw_values, evaluate, prepare
from shutdown_sim.scenario import load_scenario, scenario_from_dict
from shutdown_sim.shock import direct_shock
from shutdown_sim.structure import StructuralChoices

FULL_1D = "hk-2019-full-shutdown-1d"


def _central(ctx):
    return evaluate(ctx, draw_values(ctx, 1, 0), daily=False)


def _sector(ctx, outcomes, attr: str, sector: str) -> float:
    return float(getattr(outcomes, attr)[0, ctx.economy.sectors.index(sector)])


def test_transaction_share_scales_the_direct_shock_exactly():
    ctx = prepare(load_scenario(FULL_1D))
    tl = ctx.central_timeline()
    n = ctx.economy.n
    d = np.full((1, n), 0.5)
    m, b = np.full(n, 0.3), np.zeros(n)
    tau = np.linspace(0.1, 1.0, n)
    full = direct_shock(tl, ctx.weights, d, m, b)
    part = direct_shock(tl, ctx.weights, d, m, b, transaction_share=tau)
    assert np.allclose(part.profile, full.profile * tau[None, :])


def test_accruing_income_takes_no_demand_loss():
    """A supplier whose value added all accrues (tau -> 0) loses nothing when customers stop."""
    ctx = prepare(load_scenario(FULL_1D))
    tau = np.ones(ctx.economy.n)
    i = ctx.economy.sectors.index("REAL_ESTATE")
    tau[i] = 0.0
    a_star, G = demand_matrix(ctx, tau)
    assert np.all(a_star[i] == 0) and np.allclose(G[i], 0)
    others = np.arange(ctx.economy.n) != i
    assert np.allclose(a_star[others], ctx.economy.a_star[others])
    assert demand_matrix(ctx, np.ones(ctx.economy.n))[1] is ctx.steady_map


def test_finance_direct_loss_follows_its_transaction_share():
    """Halving finance's transaction share halves its direct loss (dependence applies to it)."""
    sc = load_scenario(FULL_1D)
    cut = StructuralChoices().with_(private_networks="cut")
    lo = _central(prepare(sc, {"FINANCE.transaction_share": 0.2}, cut))
    hi = _central(prepare(sc, {"FINANCE.transaction_share": 0.4}, cut))
    ctx = prepare(sc, structure=cut)
    a = _sector(ctx, lo, "sector_direct_gdp_usd", "FINANCE")
    b = _sector(ctx, hi, "sector_direct_gdp_usd", "FINANCE")
    assert a > 0 and b == pytest.approx(2 * a, rel=1e-9)


def _shutdown(private: str | None) -> object:
    event = {"kind": "shutdown", "start_h": 0, "duration_h": 24, "scope": "full"}
    if private is not None:
        event["private_networks"] = private
    return scenario_from_dict(
        {"name": f"pn-{private}", "region": "HKG", "year": 2019, "events": [event]}
    )


def test_sparing_private_networks_lowers_the_loss_and_only_by_their_share():
    spared = _central(prepare(_shutdown("spared")))
    cut = _central(prepare(_shutdown("cut")))
    assert 0 < spared.net_gdp_usd[0] < cut.net_gdp_usd[0]
    # with no sector on private networks the choice makes no difference
    zero = {f"{s}.private_network_share": 0.0 for s in prepare(_shutdown(None)).economy.sectors}
    a = _central(prepare(_shutdown("spared"), zero)).net_gdp_usd[0]
    b = _central(prepare(_shutdown("cut"), zero)).net_gdp_usd[0]
    assert a == pytest.approx(b, rel=1e-12)


def test_event_field_wins_over_the_structural_choice_and_none_follows_it():
    cut = StructuralChoices().with_(private_networks="cut")
    spared = StructuralChoices().with_(private_networks="spared")
    by_field = _central(prepare(_shutdown("spared"), structure=cut)).net_gdp_usd[0]
    by_choice = _central(prepare(_shutdown(None), structure=spared)).net_gdp_usd[0]
    cut_choice = _central(prepare(_shutdown(None), structure=cut)).net_gdp_usd[0]
    assert by_field == pytest.approx(by_choice, rel=1e-12)
    assert cut_choice > by_choice


def test_private_networks_do_not_escape_a_cable_cut():
    """Only shutdown orders spare private networks: a cable cut's timeline has no private view."""
    ctx = prepare(load_scenario("hk-2006-cable-cut"))
    assert ctx.central_timeline().private_services is None
    full = prepare(load_scenario(FULL_1D)).central_timeline()
    assert full.private_services is not None and full.private_services.min() == 1.0


def test_validate_text_names_the_private_network_choice():
    sc = _shutdown(None)
    assert "private networks spared" in sc.events[0].summary()
    assert "private networks cut" in _shutdown("cut").events[0].summary()
