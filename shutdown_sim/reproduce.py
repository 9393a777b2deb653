"""``run --reproduce RESULT.json``: rerun a saved result and confirm an identical result.

Every field of the saved result is compared with the rerun (numbers exactly, text, lists and
nested objects alike); any difference (a tampered figure, sector row, timeline day, baseline,
description, year, region ...) is listed and the exit code is 1. Only the creation time is
ignored; a different package version or parameter-file hash is reported as context.
"""

from __future__ import annotations

import hashlib
import json
import sys
from typing import Any

from .errors import InputError
from .limits import MAX_DRAWS, MAX_RESULT_FILE_BYTES, check_run_size
from .output import dumps_json, json_safe, null_note
from .result import OUTCOMES

MAX_RESULT_BYTES = MAX_RESULT_FILE_BYTES


def _load(path: str) -> dict:
    from .paths import check_path_text

    file = check_path_text(path, field="--reproduce", allowed="an existing result.json")
    try:
        if not file.is_file():
            raise InputError(
                "file not found", file=path, field="--reproduce", allowed="an existing result.json"
            )
        if file.stat().st_size > MAX_RESULT_BYTES:
            raise InputError(
                "file too large",
                file=path,
                field="--reproduce",
                allowed=f"<= {MAX_RESULT_BYTES} bytes",
            )
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot read: {exc.strerror or exc}", file=path, field="--reproduce"
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not a result JSON: not UTF-8 text (byte {exc.start})",
            file=path,
            field="--reproduce",
            allowed="a result.json written by `shutdown-sim run --json/--out`",
        ) from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError: ValueError
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
    for key, lo, hi in (("draws", 1, MAX_DRAWS), ("seed", 0, 2**63 - 1)):
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


# Fields that describe the run rather than its result: a difference is reported, not a failure.
CONTEXT_FIELDS = ("provenance.version", "provenance.parameter_files_sha256")
IGNORED_FIELDS = ("provenance.created_utc",)  # the clock, different on every run
MAX_PRINTED = 100
MISSING = "(missing)"


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b  # exact: JSON keeps every bit of a float
    return type(a) is type(b) and a == b


def compare(saved: Any, rerun: Any, path: str = "") -> list[dict[str, Any]]:
    """Every difference between two JSON values, as ``{field, saved, rerun}`` with the path of
    the field (``by_sector[3].gdp_loss_usd_mean``); missing keys show as ``"(missing)"``."""
    if isinstance(saved, dict) and isinstance(rerun, dict):
        diffs = []
        for key in sorted({*saved, *rerun}, key=str):
            sub = f"{path}.{key}" if path else str(key)
            if sub in IGNORED_FIELDS:
                continue
            if key not in saved or key not in rerun:
                diffs.append(
                    {
                        "field": sub,
                        "saved": saved.get(key, MISSING),
                        "rerun": rerun.get(key, MISSING),
                    }
                )
            else:
                diffs += compare(saved[key], rerun[key], sub)
        return diffs
    if isinstance(saved, list) and isinstance(rerun, list):
        if len(saved) != len(rerun):
            return [{"field": f"{path} (length)", "saved": len(saved), "rerun": len(rerun)}]
        diffs = []
        for i, (a, b) in enumerate(zip(saved, rerun, strict=True)):
            diffs += compare(a, b, f"{path}[{i}]")
        return diffs
    return [] if _same(saved, rerun) else [{"field": path, "saved": saved, "rerun": rerun}]


def _comparable(obj: Any) -> Any:
    """Both sides as strict JSON would carry them (NaN -> null), without the note that says so."""
    clean = json_safe(obj)
    if isinstance(clean, dict) and isinstance(clean.get("notes"), list):
        prefix = null_note([]).split(":")[0]
        clean["notes"] = [n for n in clean["notes"] if not str(n).startswith(prefix)]
    return clean


def _split_field(field: str) -> tuple[str, str]:
    """``gdp_loss_usd.p50`` -> (``gdp_loss_usd``, ``p50``): the old outcome/stat keys."""
    head = field.split(".", 1)[0].split("[", 1)[0].split(" ", 1)[0]
    return head, field[len(head) :].lstrip(".") or head


def reproduce(path: str, *, as_json: bool = False) -> int:
    """Rerun; compare every field of the saved result with the rerun (numbers exactly); print
    each difference; exit 0 if identical, 1 if anything differs."""
    from .model import simulate
    from .provenance import hash_parameter_files
    from .scenario import scenario_from_dict

    saved = _load(path)
    scenario = scenario_from_dict(
        saved["scenario_definition"], source=f"{path}:scenario_definition"
    )
    prov = saved["provenance"]
    check_run_size(
        int(saved["draws"]), scenario.horizon_h / 24, field="draws", what=f"{path}"
    )  # before any work
    result = simulate(
        scenario,
        draws=int(saved["draws"]),
        seed=int(saved["seed"]),
        overrides=prov.get("overrides") or {},
    )
    new = _comparable(result.to_dict())
    all_diffs = compare(_comparable(saved), new)
    context = [d for d in all_diffs if d["field"] in CONTEXT_FIELDS]
    diffs = [
        {**dict(zip(("outcome", "stat"), _split_field(d["field"]), strict=True)), **d}
        for d in all_diffs
        if d["field"] not in CONTEXT_FIELDS
    ]
    same_params = prov.get("parameter_files_sha256") == new["provenance"]["parameter_files_sha256"]
    report = {
        "reproduced": not diffs,
        "differences": diffs,
        "context_differences": context,
        "parameter_files_unchanged": same_params,
        "saved_version": prov.get("version"),
        "current_version": new["provenance"]["version"],
        "current_parameter_files_sha256": hash_parameter_files(scenario.region),
        "result_sha256": _digest(new),
    }
    if as_json:
        print(dumps_json(report, note=False))
    else:
        status = "identical numbers and fields" if not diffs else f"{len(diffs)} values differ"
        print(
            f"reproduce {path}: {status}; parameter files "
            f"{'unchanged' if same_params else 'CHANGED since the saved run'}"
        )
        for d in diffs[:MAX_PRINTED]:
            print(f"  {d['field']}: saved {_show(d['saved'])} rerun {_show(d['rerun'])}")
        if len(diffs) > MAX_PRINTED:
            print(f"  ... and {len(diffs) - MAX_PRINTED} more (all of them with --json)")
    if diffs:
        print("shutdown-sim: reproduction found differences", file=sys.stderr)
    return 0 if not diffs else 1


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, float) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:79] + "…"


def _digest(obj: Any) -> str:
    """SHA-256 of the canonical JSON of the rerun result (without its creation time)."""
    obj = {k: v for k, v in obj.items() if k != "provenance"} | {
        "provenance": {k: v for k, v in obj["provenance"].items() if k != "created_utc"}
    }
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()
