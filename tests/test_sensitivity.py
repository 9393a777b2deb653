"""Sensitivity: SALib Morris and Sobol over quantiles, grouped or single, and the tornado."""

import pytest

from shutdown_sim.model import prepare
from shutdown_sim.scenario import load_scenario
from shutdown_sim.sensitivity import run_sensitivity, tornado


@pytest.fixture(scope="module")
def ctx():
    return prepare(load_scenario("hk-2019-mobile-data-1d"))


def test_tornado_is_sorted_and_brackets_the_central_loss(ctx):
    central, rows = tornado(ctx)
    swings = [r["swing_usd"] for r in rows]
    assert swings == sorted(swings, reverse=True) and swings[0] > 0
    top = rows[0]
    assert min(top["loss_at_low_usd"], top["loss_at_high_usd"]) <= central + 1e-6
    assert max(top["loss_at_low_usd"], top["loss_at_high_usd"]) >= central - 1e-6
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))


@pytest.mark.slow
def test_sobol_by_family_ranks_dependence_high(ctx):
    res = run_sensitivity(ctx, "sobol", seed=1, sobol_n=32)
    families = [row["parameter"] for row in res.indices]
    assert len(families) == len(set(families))
    assert "dependence" in families[:3]
    assert res.to_dict()["factors"] == "group"


def test_unknown_grouping_is_refused(ctx):
    from shutdown_sim.errors import InputError

    with pytest.raises(InputError, match="--by"):
        run_sensitivity(ctx, "morris", by="sector")
