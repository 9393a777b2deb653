"""Refactoring guard: every bundled scenario gives the model numbers stored in the snapshot."""

from __future__ import annotations

import json
import math

import pytest
from model_snapshot import SNAPSHOT, current_numbers


def _differences(expected, actual, path="") -> list[str]:
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = [f"{path}.{k}: missing" for k in expected.keys() - actual.keys()]
        out += [f"{path}.{k}: new" for k in actual.keys() - expected.keys()]
        for key in expected.keys() & actual.keys():
            out += _differences(expected[key], actual[key], f"{path}.{key}")
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{path}: length {len(expected)} -> {len(actual)}"]
        return [
            d
            for i, (e, a) in enumerate(zip(expected, actual))
            for d in _differences(e, a, f"{path}[{i}]")
        ]
    both_numbers = all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in (expected, actual)
    )
    if both_numbers:
        if math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-6):
            return []
    elif expected == actual:
        return []
    return [f"{path}: {expected!r} -> {actual!r}"]


@pytest.mark.slow
def test_bundled_scenarios_match_the_snapshot():
    expected = json.loads(SNAPSHOT.read_text())
    differences = _differences(expected, current_numbers())
    assert not differences, "\n".join(differences[:30])
