"""Writing results to a folder: all or nothing (temporary folder, then one rename)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import InputError


def check_out_dir(out_dir: str | Path, *, force: bool = False) -> Path:
    """Refuse an ``--out`` target that cannot be written (call before the expensive work)."""
    target = Path(out_dir)
    if target.exists() and not target.is_dir():
        raise InputError(
            "exists and is not a folder",
            field="--out",
            file=str(target),
            allowed="a new or existing folder",
        )
    if target.exists() and any(target.iterdir()) and not force:
        raise InputError(
            "folder exists and is not empty",
            field="--out",
            file=str(target),
            allowed="a new folder, or --force to replace it",
        )
    resolved, cwd = target.resolve(), Path.cwd().resolve()
    if target.exists() and (
        resolved == cwd or resolved in cwd.parents or resolved == Path.home().resolve()
    ):
        # --force would move this folder away and delete it: never the working or home folder
        raise InputError(
            "refusing to replace the current folder, a parent of it or the home folder",
            field="--out",
            file=str(target),
            allowed="a new folder or a previous result folder",
        )
    parent = resolved.parent
    if not parent.is_dir():
        raise InputError(
            "parent folder does not exist",
            field="--out",
            file=str(parent),
            allowed="a folder inside an existing folder",
        )
    return target


def write_atomically(
    out_dir: str | Path, write: Callable[[Path], None], *, force: bool = False
) -> Path:
    """Call ``write(tmp)`` to fill a temporary folder, then move it to ``out_dir``.

    An error leaves ``out_dir`` untouched; an existing ``out_dir`` is replaced only with
    ``force`` (and then only after everything was written).
    """
    target = check_out_dir(out_dir, force=force)
    parent = target.resolve().parent
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes 0700; results are ordinary folders
    try:
        write(tmp)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=parent))
            os.replace(target, old / "x")
            try:
                os.replace(tmp, target)
            except BaseException:
                os.replace(old / "x", target)  # put the previous result back
                shutil.rmtree(old, ignore_errors=True)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def write_result_files(result, folder: Path) -> None:
    """The ``run --out`` content: result.json plus tidy CSVs."""
    (folder / "result.json").write_text(
        json.dumps(result.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8"
    )
    from .provenance import with_provenance

    prov = result.provenance
    with_provenance(result.summary(), prov).to_csv(folder / "summary.csv")
    with_provenance(result.by_sector, prov).to_csv(folder / "by_sector.csv")
    with_provenance(result.timeline, prov).to_csv(folder / "timeline.csv", index=False)
    with_provenance(result.availability, prov).to_csv(
        folder / "availability_hourly.csv", index=False
    )
    with_provenance(result.events, prov).to_csv(folder / "events.csv", index=False)
