"""Safe YAML: plain scalars read as YAML 1.2 (no base-60 numbers, no yes/no booleans)."""

from __future__ import annotations

import pytest

from shutdown_sim.errors import InputError
from shutdown_sim.safe_yaml import bool_as_number, parse_yaml_text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("24:00", "24:00"),  # YAML 1.1: 1440
        ("1:30:00.5", "1:30:00.5"),  # YAML 1.1: 5400.5
        ("yes", "yes"),  # YAML 1.1: True
        ("off", "off"),  # YAML 1.1: False
        ("010", "010"),  # YAML 1.1: 8 (octal)
        ("0o10", 8),
        ("0x1F", 31),
        ("24", 24),
        ("-3", -3),
        ("1_000", 1000),
        ("2.5", 2.5),
        ("1e3", 1000.0),
        ("true", True),
        ("False", False),
        ("~", None),
    ],
)
def test_plain_scalars_follow_yaml_1_2(text, value):
    assert parse_yaml_text(f"v: {text}\n", source="t")["v"] == value


def test_dates_stay_text():
    assert parse_yaml_text("d: 2019-10-04\n", source="t")["d"] == "2019-10-04"


def test_bool_as_number_finds_the_path():
    raw = {"year": 2019, "events": [{"duration_h": True, "circumvention": False}]}
    validated = {"year": 2019, "events": [{"duration_h": 1.0, "circumvention": False}]}
    assert bool_as_number(raw, validated) == ("events", 0, "duration_h")
    assert bool_as_number({"a": True}, {"a": True}) is None
    assert bool_as_number({"a": 1}, {"a": 1.0}) is None


def test_still_refuses_aliases():
    with pytest.raises(InputError, match="aliases"):
        parse_yaml_text("a: &x 1\nb: *x\n", source="t")
