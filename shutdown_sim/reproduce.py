"""``run --reproduce RESULT.json``: rerun a saved result and confirm identical numbers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .errors import InputError
from .result import OUTCOMES

MAX_RESULT_BYTES = 200 * 1024 * 1024


def _load(path: str) -> dict:
    file = Path(path)
    if not file.is_file():
        raise InputError(
            "file not found", file=path, field="--reproduce", allowed="an existing result.json"
        )
    if file.stat().st_size > MAX_RESULT_BYTES:
        raise InputError(
            "file too large", file=path, field="--reproduce", allowed=f"<= {MAX_RESULT_BYTES} bytes"
        )
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # JSONDecodeError: ValueError
        raise InputError(
            f"not a result JSON: {type(exc).__name__}: {exc}",
            file=path,
            field="--reproduce",
            allowed="a result.json written by `shutdown-sim run --json/--out`",
        ) from None
    allowed = "a result.json written by `shutdown-sim run --json/--out`"
    for key in ("scenario_definition", "seed", "draws", "provenance", *OUTCOMES):
        if not isinstance(data, dict) or key not in data:
            raise InputError(f"missing key {key!r}", file=path, field=key, allowed=allowed)
    for key, lo, hi in (("draws", 1, 1_000_000), ("seed", 0, 2**63 - 1)):
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise InputError(
                f"{value!r} is not a valid {key}",
                file=path,
                field=key,
                allowed=f"integer in [{lo}, {hi}]",
            )
    for key in ("provenance", *OUTCOMES):
        if not isinstance(data[key], dict):
            raise InputError(
                f"is a {type(data[key]).__name__}", file=path, field=key, allowed="a JSON object"
            )
    overrides = data["provenance"].get("overrides") or {}
    if not isinstance(overrides, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in overrides.values()
    ):
        raise InputError(
            "not a mapping of names to numbers",
            file=path,
            field="provenance.overrides",
            allowed="{parameter name: number}",
        )
    return data


def reproduce(path: str, *, as_json: bool = False) -> int:
    """Rerun; print the comparison; exit 0 if identical, 1 if any number differs."""
    from .model import simulate
    from .provenance import hash_parameter_files
    from .scenario import scenario_from_dict

    saved = _load(path)
    scenario = scenario_from_dict(
        saved["scenario_definition"], source=f"{path}:scenario_definition"
    )
    prov = saved["provenance"]
    result = simulate(
        scenario,
        draws=int(saved["draws"]),
        seed=int(saved["seed"]),
        overrides=prov.get("overrides") or {},
    )
    new = result.to_dict()
    diffs = []
    for key in ("scenario_sha256", "parameter_values_sha256"):
        if prov.get(key) != new["provenance"][key]:  # e.g. an edited scenario_definition
            diffs.append(
                {
                    "outcome": "provenance",
                    "stat": key,
                    "saved": prov.get(key),
                    "rerun": new["provenance"][key],
                }
            )
    for name in OUTCOMES:
        for stat in ("mean", "p5", "p50", "p95", "central"):
            a, b = saved[name].get(stat), new[name].get(stat)
            if a != b:
                diffs.append({"outcome": name, "stat": stat, "saved": a, "rerun": b})
    same_params = prov.get("parameter_files_sha256") == new["provenance"]["parameter_files_sha256"]
    report = {
        "reproduced": not diffs,
        "differences": diffs,
        "parameter_files_unchanged": same_params,
        "saved_version": prov.get("version"),
        "current_version": new["provenance"]["version"],
        "current_parameter_files_sha256": hash_parameter_files(scenario.region),
    }
    if as_json:
        print(json.dumps(report))
    else:
        status = "identical numbers" if not diffs else f"{len(diffs)} numbers differ"
        print(
            f"reproduce {path}: {status}; parameter files "
            f"{'unchanged' if same_params else 'CHANGED since the saved run'}"
        )
        for d in diffs[:20]:
            print(f"  {d['outcome']}.{d['stat']}: saved {d['saved']} rerun {d['rerun']}")
    if diffs:
        print("shutdown-sim: reproduction found differences", file=sys.stderr)
    return 0 if not diffs else 1
