"""Structural sensitivity (issue 11 item 6): the headline under each structural choice."""

from __future__ import annotations

import json

import pytest

from shutdown_sim.cli import main
from shutdown_sim.structure import CHOICES, StructuralChoices


@pytest.fixture(scope="module")
def structural(tmp_path_factory):
    from shutdown_sim.scenario import load_scenario
    from shutdown_sim.sensitivity import structural_sensitivity

    return structural_sensitivity(load_scenario("hk-2019-full-shutdown-1d"), draws=60, seed=1)


def test_one_row_per_single_departure_from_the_shipped_model(structural):
    rows = structural.rows
    assert rows[0]["label"] == "model as shipped" and rows[0]["structure"] == {}
    changed = [tuple(r["structure"]) for r in rows[1:]]
    assert all(len(c) == 1 for c in changed)  # one choice at a time
    fields = {c[0] for c in changed}
    assert set(CHOICES) <= fields and "io_table" in fields  # HKG offers a second IO table
    assert structural.base == StructuralChoices().as_dict()
    for r in rows:
        assert r["p5"] <= r["p50"] <= r["p95"]


def test_cutting_private_networks_costs_more_than_sparing_them(structural):
    by_label = {r["label"]: r for r in structural.rows}
    assert by_label["private_networks=cut"]["p50"] > by_label["model as shipped"]["p50"]


def test_cli_structural_json_and_text(capsys):
    assert main(["sensitivity", "hk-2019-mobile-data-1d", "--structural", "--draws", "20",
                 "--json"]) == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["headline_statistic"] == "p50" and data["rows"][0]["label"] == "model as shipped"
    assert main(["sensitivity", "hk-2019-mobile-data-1d", "--structural", "--draws", "20"]) == 0
    out = capsys.readouterr().out
    assert "median" in out and "rationing=additive" in out


@pytest.mark.parametrize(
    "args",
    [
        ["--structural", "--method", "sobol"],
        ["--structural", "--by", "parameter"],
        ["--draws", "50"],
    ],
)
def test_options_that_would_be_ignored_exit_2(capsys, args):
    assert main(["sensitivity", "hk-2019-full-shutdown-1d", *args]) == 2
    assert capsys.readouterr().err.strip()
