"""Provenance: what exactly produced a number (version, content hashes, seed, draws, date)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from . import __version__
from .params.table import PARAMETERS_DIR


def hash_parameter_files(region: str, parameters_dir: Path = PARAMETERS_DIR) -> str:
    """SHA-256 over the bytes of every parameter file a run of ``region`` can read."""
    digest = hashlib.sha256()
    paths = (
        sorted(p for p in parameters_dir.glob("*.csv"))
        + sorted(p for p in (parameters_dir / "regions" / region).rglob("*") if p.is_file())
        + sorted((parameters_dir / "schema").glob("*.csv"))
    )
    for path in paths:
        digest.update(str(path.relative_to(parameters_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def hash_values(values: dict) -> str:
    """SHA-256 of the parameter values actually used (after user edits)."""
    canon = json.dumps(
        {k: [float(x) for x in np.atleast_1d(v)] for k, v in sorted(values.items())},
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canon.encode()).hexdigest()


def provenance_record(
    *,
    scenario_hash: str,
    region: str,
    parameter_values_hash: str,
    seed: int,
    draws: int,
    overrides: dict,
) -> dict:
    """The record every result carries (JSON-safe)."""
    return {
        "package": "shutdown-sim",
        "version": __version__,
        "scenario_sha256": scenario_hash,
        "parameter_files_sha256": hash_parameter_files(region),
        "parameter_values_sha256": parameter_values_hash,
        "overrides": {k: float(v) for k, v in sorted(overrides.items())},
        "seed": int(seed),
        "draws": int(draws),
        "created_utc": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


PROVENANCE_COLUMNS = (
    "version",
    "scenario_sha256",
    "parameter_files_sha256",
    "parameter_values_sha256",
    "seed",
    "draws",
    "created_utc",
)


def with_provenance(frame, provenance: dict):
    """A copy of a results table with the provenance as trailing ``provenance_*`` columns.

    Every CSV a result is exported to carries them, so a table that travels alone (attached to
    an e-mail, pasted into a spreadsheet) can still be traced to the exact run.
    """
    out = frame.copy()
    for key in PROVENANCE_COLUMNS:
        out[f"provenance_{key}"] = provenance.get(key)
    return out
