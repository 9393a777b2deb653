"""Model numbers of every bundled scenario, for the refactoring snapshot (tests/data/).

Run ``python tests/model_snapshot.py`` to rewrite the snapshot; only do so when a change to the
model's numbers is intended, and say why in the commit message.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SNAPSHOT = Path(__file__).parent / "data" / "model_snapshot.json"
DRAWS, SEED = 200, 0
# Text, provenance hashes and the published methods change for reasons of their own.
SKIPPED_KEYS = {
    "baselines",
    "baseline_details",
    "provenance",
    "scenario_definition",
    "description",
    "notes",
    "detail",
    "name",
    # sources and rules in words beside the beyond-GDP lines (their numbers stay guarded)
    "source",
    "employment_source",
    "note",
    "rule",
}


def model_numbers(value):
    """The numeric leaves of a result dict (strings kept only as identifiers)."""
    if isinstance(value, dict):
        return {k: model_numbers(v) for k, v in value.items() if k not in SKIPPED_KEYS}
    if isinstance(value, list):
        return [model_numbers(v) for v in value]
    return value


def current_numbers() -> dict:
    from shutdown_sim.model import simulate
    from shutdown_sim.scenario import list_scenarios

    return {
        name: model_numbers(simulate(name, draws=DRAWS, seed=SEED).to_dict())
        for name in list_scenarios()
    }


if __name__ == "__main__":
    SNAPSHOT.write_text(json.dumps(current_numbers(), indent=1, sort_keys=True) + "\n")
    print(f"wrote {SNAPSHOT}", file=sys.stderr)
