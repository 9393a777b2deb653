"""App display names come from the regions' apps tables, not from code."""

from __future__ import annotations

import csv

from shutdown_sim.paths import PARAMETERS_DIR
from shutdown_sim.report.brands import brand


def test_every_bundled_app_is_named_by_its_table_label():
    with (PARAMETERS_DIR / "regions" / "HKG" / "apps.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        assert brand(row["app"]) == row["label"]
        assert brand(row["app"].upper()) == row["label"]


def test_an_app_without_a_label_is_capitalised():
    assert brand("nosuchapp") == "Nosuchapp"
