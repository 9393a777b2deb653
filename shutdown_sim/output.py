"""Writing results to a folder: all or nothing (temporary folder, then one rename)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import InputError


def write_atomically(out_dir: str | Path, write: Callable[[Path], None], *, force: bool = False
                     ) -> Path:
    """Call ``write(tmp)`` to fill a temporary folder, then move it to ``out_dir``.

    An error leaves ``out_dir`` untouched; an existing ``out_dir`` is replaced only with
    ``force`` (and then only after everything was written).
    """
    target = Path(out_dir)
    if target.exists() and not target.is_dir():
        raise InputError("exists and is not a folder", field="--out", file=str(target),
                         allowed="a new or existing folder")
    if target.exists() and any(target.iterdir()) and not force:
        raise InputError("folder exists and is not empty", field="--out", file=str(target),
                         allowed="a new folder, or --force to replace it")
    parent = target.resolve().parent
    if not parent.exists():
        raise InputError("parent folder does not exist", field="--out", file=str(parent))
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    try:
        write(tmp)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=parent))
            os.replace(target, old / "x")
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def write_result_files(result, folder: Path) -> None:
    """The ``run --out`` content: result.json plus tidy CSVs."""
    (folder / "result.json").write_text(json.dumps(result.to_dict(), indent=2, ensure_ascii=False),
                                        encoding="utf-8")
    result.summary().to_csv(folder / "summary.csv")
    result.by_sector.to_csv(folder / "by_sector.csv")
    result.timeline.to_csv(folder / "timeline.csv", index=False)
    result.availability.to_csv(folder / "availability_hourly.csv", index=False)
    result.events.to_csv(folder / "events.csv", index=False)
