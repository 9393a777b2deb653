"""StructuralChoices: validation, single-field alternatives, carried by the model context."""

from __future__ import annotations

import pytest

from shutdown_sim.errors import InputError
from shutdown_sim.model import prepare
from shutdown_sim.scenario import load_scenario
from shutdown_sim.structure import CHOICES, StructuralChoices


@pytest.mark.parametrize(
    "change",
    [
        {"rationing": "sum"},
        {"recapture": "on"},
        {"private_networks": "yes"},
        {"throttle_headroom": 1},
        {"io_table": "../etc"},
        {"io_table": 3},
    ],
)
def test_unknown_values_are_refused_naming_the_field(change):
    name = next(iter(change))
    with pytest.raises(InputError, match=f"structure.{name}"):
        StructuralChoices(**change)


def test_alternatives_change_exactly_one_field():
    base = StructuralChoices()
    alts = base.alternatives(io_tables=("default", "total_use"))
    n_expected = 1 + sum(len(v) - 1 for v in CHOICES.values())
    assert len(alts) == n_expected
    labels = [label for label, _ in alts]
    assert len(set(labels)) == len(labels)
    for label, alt in alts:
        diff = alt.differences(base)
        assert len(diff) == 1, label
        assert label.startswith(next(iter(diff)) + "=")


def test_context_carries_the_choices():
    scenario = load_scenario("hk-2019-full-shutdown-1d")
    assert prepare(scenario).structure == StructuralChoices()
    choice = StructuralChoices().with_(recapture="off")
    assert prepare(scenario, structure=choice).structure.recapture == "off"


def test_fix_effects_switch_one_fix_at_a_time():
    from shutdown_sim.fix_effects import BEFORE, configurations

    rows = configurations()
    assert rows[0].choices == BEFORE and rows[-1].choices == StructuralChoices()
    for row in rows[1:-1]:
        changed = len(row.choices.differences(BEFORE)) + row.correlated + row.transaction_shares
        assert changed == 1, row.label
