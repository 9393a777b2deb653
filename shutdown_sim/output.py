"""Writing results: all-or-nothing folders, spreadsheet-safe CSV cells and strict JSON.

- ``write_atomically`` fills a temporary folder, then renames it into place; every folder it
  writes carries the marker file ``.shutdown-sim-result`` listing the files it wrote.
- ``--force`` (``force=True``) replaces only such a folder, and only while it holds nothing but
  those files; never the data folder, the working folder, the home folder or a folder above
  them, and never anything inside ``parameters/``.
- ``spreadsheet_safe`` / ``write_csv`` / ``csv_text``: text cells that a spreadsheet would run as
  a formula (starting with ``=``, ``+``, ``-``, ``@``, tab, carriage return or line feed) get a
  leading apostrophe, as spreadsheet-safe CSV writers do.
- ``json_safe`` / ``dumps_json``: NaN and infinities become ``null``; output always parses with a
  strict JSON parser.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import InputError

RESULT_MARKER = ".shutdown-sim-result"
RESULT_FILES_CSV = (
    "summary.csv",
    "by_sector.csv",
    "timeline.csv",
    "availability_hourly.csv",
    "events.csv",
)
MARKER_TOOL = "shutdown-sim"

# -- spreadsheet-safe CSV ----------------------------------------------------------------------
# Cells a spreadsheet (Excel, LibreOffice, Sheets) may evaluate as a formula; full-width forms
# are evaluated by some spreadsheet locales too.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe_cell(value: Any) -> Any:
    """``value`` unchanged unless it is text that a spreadsheet would run as a formula; then the
    text with a leading apostrophe (shown as text, never evaluated). Carriage returns become line
    feeds: the CSV writer quotes cells holding a line feed but not a lone carriage return, which
    a reader would take as the start of a new row (whose first cell could be a formula)."""
    if not isinstance(value, str):
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _safe_labels(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index.set_levels([_safe_labels(level) for level in index.levels]).set_names(
            [spreadsheet_safe_cell(n) for n in index.names]
        )
    if index.dtype == object or isinstance(index.dtype, pd.StringDtype):
        index = index.map(spreadsheet_safe_cell)
    return index.set_names(spreadsheet_safe_cell(index.name))


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells, column names and index labels cannot run as
    spreadsheet formulas (numbers are left alone: ``-5.0`` stays a number)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or isinstance(out[column].dtype, pd.StringDtype):
            out[column] = out[column].map(spreadsheet_safe_cell)
    out.columns = _safe_labels(out.columns)
    out.index = _safe_labels(out.index)
    return out


def csv_text(frame: pd.DataFrame, *, index: bool = True) -> str:
    """``frame`` as spreadsheet-safe CSV text (for downloads)."""
    return spreadsheet_safe(frame).to_csv(index=index)


def write_csv(frame: pd.DataFrame, path: str | Path, *, index: bool = True) -> None:
    """Write ``frame`` to ``path`` as spreadsheet-safe CSV (UTF-8)."""
    spreadsheet_safe(frame).to_csv(path, index=index)


# -- strict JSON -------------------------------------------------------------------------------
def json_safe(obj: Any, *, nulls: list[str] | None = None, _path: str = "") -> Any:
    """A copy of ``obj`` that strict JSON accepts: NaN/inf -> None, numpy scalars -> Python,
    tuples -> lists. The paths of replaced numbers are appended to ``nulls`` when given."""
    if isinstance(obj, bool | np.bool_):
        return bool(obj)
    if isinstance(obj, float | np.floating):
        value = float(obj)
        if math.isfinite(value):
            return value
        if nulls is not None:
            nulls.append(_path or "(value)")
        return None
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, dict):
        return {
            str(k): json_safe(v, nulls=nulls, _path=f"{_path}.{k}" if _path else str(k))
            for k, v in obj.items()
        }
    if isinstance(obj, list | tuple | np.ndarray):
        return [json_safe(v, nulls=nulls, _path=f"{_path}[{i}]") for i, v in enumerate(obj)]
    return obj


def null_note(nulls: list[str]) -> str:
    """The note added to a JSON object in which numbers were not available."""
    shown = ", ".join(nulls[:10]) + (f" and {len(nulls) - 10} more" if len(nulls) > 10 else "")
    return f"Not available (not a finite number), written as null: {shown}."


def json_ready(obj: Any, *, note: bool = True) -> Any:
    """``json_safe(obj)``; with ``note``, a dict that had non-finite numbers gets a note naming
    them (appended to its ``notes`` list, created if missing)."""
    nulls: list[str] = []
    clean = json_safe(obj, nulls=nulls)
    if nulls and note and isinstance(clean, dict):
        notes = clean.get("notes")
        clean["notes"] = [*(notes if isinstance(notes, list) else []), null_note(nulls)]
    return clean


def dumps_json(obj: Any, *, note: bool = True, **kwargs: Any) -> str:
    """Strict JSON text of ``obj`` (never bare NaN/Infinity; see ``json_ready``)."""
    return json.dumps(json_ready(obj, note=note), allow_nan=False, **kwargs)


# -- result folders ----------------------------------------------------------------------------
def _refuse(message: str, target: str | Path, allowed: str) -> InputError:
    return InputError(message, field="--out", file=str(target), allowed=allowed)


def _marker_files(folder: Path) -> list[str] | None:
    """The file names listed in ``folder``'s marker, or None if it has no valid marker."""
    marker = folder / RESULT_MARKER
    if marker.is_symlink() or not marker.is_file() or marker.stat().st_size > 100_000:
        return None
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("tool") != MARKER_TOOL:
        return None
    files = data.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return files


def data_folders() -> tuple[Path, Path]:
    """The data folder in use and its ``parameters/`` folder (never replaced or written into)."""
    from .paths import DATA_ROOT, PARAMETERS_DIR

    return DATA_ROOT, PARAMETERS_DIR


def _protected() -> list[tuple[Path, str]]:
    data_root = data_folders()[0]
    out = [(Path.cwd().resolve(), "the working folder"), (data_root.resolve(), "the data folder")]
    try:
        out.append((Path.home().resolve(), "the home folder"))
    except (RuntimeError, KeyError, OSError):  # no home folder (e.g. a service account)
        pass
    return out


def _check_not_protected(target: Path, resolved: Path) -> None:
    """Refuse the working, data or home folder and any folder above them."""
    for folder, label in _protected():
        if resolved == folder or resolved in folder.parents:
            raise _refuse(
                f"refusing to replace {label} or a folder above it",
                target,
                "a new folder or a previous result folder",
            )


def _check_replaceable(target: Path) -> None:
    """Refuse to replace a folder that is not a previous result of this tool (``--force``)."""
    files = _marker_files(target)
    if files is None:
        raise _refuse(
            f"folder was not written by shutdown-sim (no valid {RESULT_MARKER} marker); "
            "--force replaces only a previous result folder",
            target,
            "a new folder or a previous result folder",
        )
    extra = sorted(p.name for p in target.iterdir() if p.name not in {*files, RESULT_MARKER})
    if extra:
        raise _refuse(
            f"folder holds files shutdown-sim did not write ({', '.join(extra[:5])}); "
            "move them away first",
            target,
            "a new folder or a previous result folder holding only its own files",
        )
    if any((target / f).is_dir() and not (target / f).is_symlink() for f in files):
        raise _refuse(
            "previous result folder holds sub-folders", target, "a previous result folder"
        )


def _check_parent_writable(parent: Path, target: Path) -> None:
    """Create and remove a folder in ``parent`` to prove the result can be written there."""
    try:
        probe = tempfile.mkdtemp(prefix=f".{target.name[:40]}.check.", dir=parent)
    except OSError as exc:
        raise _refuse(
            f"cannot create a folder in {parent}: {exc.strerror or exc}",
            target,
            "a folder inside a writable folder",
        ) from None
    os.rmdir(probe)


def check_out_dir(out_dir: str | Path, *, force: bool = False) -> Path:
    """Refuse an ``--out`` target that cannot or must not be written (call before the expensive
    work): empty or over-long names, symbolic links, files, non-empty folders without ``force``,
    and with ``force`` anything but a previous result folder (see the module docstring)."""
    from .paths import check_path_text

    target = check_path_text(out_dir, field="--out", allowed="a new folder path")
    try:
        return _check_out_dir(target, force=force)
    except OSError as exc:  # e.g. permission denied on a parent
        raise _refuse(
            exc.strerror or str(exc), target, "a new folder inside a writable folder"
        ) from None
    except RuntimeError as exc:  # Path.resolve() on a symbolic-link loop (Python < 3.13)
        raise _refuse(str(exc), target, "a path without symbolic-link loops") from None


def _check_out_dir(target: Path, *, force: bool) -> Path:
    if target.is_symlink():
        raise _refuse(
            "is a symbolic link" + ("" if target.exists() else " to nothing (dangling)"),
            target,
            "a real folder path, not a link",
        )
    if target.exists() and not target.is_dir():
        raise _refuse("exists and is not a folder", target, "a new or existing folder")
    resolved = target.resolve()
    params = data_folders()[1].resolve()
    if resolved == params or params in resolved.parents:
        raise _refuse(
            "refusing to write into the parameter folder", target, "a folder outside parameters/"
        )
    if target.exists():
        _check_not_protected(target, resolved)
        if any(target.iterdir()):
            if not force:
                raise _refuse(
                    "folder exists and is not empty",
                    target,
                    "a new folder, or --force to replace a previous result folder",
                )
            _check_replaceable(target)
    parent = resolved.parent
    if not parent.is_dir():
        raise _refuse("parent folder does not exist", parent, "a folder inside an existing folder")
    _check_parent_writable(parent, target)
    return target


def _write_marker(folder: Path) -> None:
    files = sorted(p.name for p in folder.iterdir() if p.name != RESULT_MARKER)
    from . import __version__

    (folder / RESULT_MARKER).write_text(
        json.dumps({"tool": MARKER_TOOL, "version": __version__, "files": files}, indent=1) + "\n",
        encoding="utf-8",
    )


def write_atomically(
    out_dir: str | Path, write: Callable[[Path], None], *, force: bool = False
) -> Path:
    """Call ``write(tmp)`` to fill a temporary folder, then move it to ``out_dir``.

    An error leaves ``out_dir`` untouched; an existing ``out_dir`` is replaced only with
    ``force``, only if it is a previous result folder (see ``check_out_dir``), and then only
    after everything was written. The folder gets the ``RESULT_MARKER`` file.
    """
    target = check_out_dir(out_dir, force=force)
    parent = target.resolve().parent
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name[:40]}.", dir=parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes 0700; results are ordinary folders
    try:
        write(tmp)
        _write_marker(tmp)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name[:40]}.old.", dir=parent))
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
    """The ``run --out`` content: result.json (strict JSON) plus spreadsheet-safe CSVs."""
    (folder / "result.json").write_text(
        dumps_json(result.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8"
    )
    from .provenance import with_provenance

    prov = result.provenance
    write_csv(with_provenance(result.summary(), prov), folder / "summary.csv")
    write_csv(with_provenance(result.by_sector, prov), folder / "by_sector.csv")
    write_csv(with_provenance(result.timeline, prov), folder / "timeline.csv", index=False)
    write_csv(
        with_provenance(result.availability, prov),
        folder / "availability_hourly.csv",
        index=False,
    )
    write_csv(with_provenance(result.events, prov), folder / "events.csv", index=False)
