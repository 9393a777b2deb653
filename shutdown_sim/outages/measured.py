"""Measured connectivity -> hourly availability for the ``measured`` event kind.

Layout read: the normalised long table ``event_id, iso3, region, time_utc, signal, value`` (one
row per region, hour and signal; a blank region is the national series), with the normal level
of each series in a ``series_baselines.csv`` beside the file (``pre_event_median``, else
``normal_nominal``) or given as ``normal``. Availability = value / normal, clipped to [0, 1].
Regional series are each divided by their own normal and averaged with equal weights (no
population or output by region is in the project: labelled so in the note); the national series
is used when the file has no regional rows or ``regions="national"``.

The curve is cut to the event so that the measurement noise of the normal days before and after
(a county's index moving between 90 and 100) is not priced as an outage: the core is the first
to the last hour below ``CORE_SHARE`` (50 % of normal), widened on both sides while availability
stays below ``threshold`` (default 90 %); a curve that never falls below 50 % keeps the first to
the last hour below ``threshold``.

Other layouts (IODA signal exports, Cloudflare Radar) are refused with one line naming the
columns this reader needs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import InputError

COLUMNS = ("event_id", "iso3", "region", "time_utc", "signal", "value")
BASELINES_FILE = "series_baselines.csv"
DEFAULT_THRESHOLD = 0.9
CORE_SHARE = 0.5
MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class MeasuredCurve:
    """Hourly availability of one event, ready for a ``measured`` event."""

    iso3: str
    event_id: str
    signal: str
    start_utc: str  # first hour of ``availability``
    availability: tuple[float, ...]  # share of normal, one value per hour
    normal: str  # how the normal level was chosen
    weights: str  # how regions were combined
    source: str

    def event(self, start_h: float = 0.0, scope: str = "full") -> dict:
        """The ``measured`` scenario event for this curve."""
        return {
            "kind": "measured",
            "start_h": start_h,
            "availability": [round(a, 4) for a in self.availability],
            "scope": scope,
            "source": self.source[:500],
        }


def _refuse(path: Path, message: str, allowed: str) -> InputError:
    return InputError(message, file=str(path), field="--measured", allowed=allowed)


def _read(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise _refuse(path, "no such file", "a CSV file in the normalised measurement layout")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise _refuse(path, "file too large", f"at most {MAX_FILE_BYTES // 2**20} MiB")
    try:
        frame = pd.read_csv(path, dtype={"region": str}, keep_default_na=False, na_values=[""])
    except (ValueError, UnicodeDecodeError) as exc:
        raise _refuse(path, f"not a readable CSV ({exc})", "a UTF-8 CSV") from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise _refuse(
            path,
            f"layout not recognised (missing {', '.join(missing)})",
            "columns " + ", ".join(COLUMNS) + " (IODA and Cloudflare Radar exports: not read)",
        )
    frame["region"] = frame["region"].fillna("")
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    frame["time"] = pd.to_datetime(frame["time_utc"], utc=True, errors="coerce")
    if frame["time"].isna().any() or frame["value"].isna().any():
        raise _refuse(path, "a time or value is not readable", "ISO 8601 times, numeric values")
    return frame


def _normals(path: Path, frame: pd.DataFrame, normal: float | None) -> tuple[dict, str]:
    """(region -> normal level) and how it was chosen."""
    if normal is not None:
        if not (math.isfinite(normal) and normal > 0):
            raise InputError(f"{normal!r}", field="--normal", allowed="a number > 0")
        return {r: normal for r in frame["region"].unique()}, f"given: {normal:g}"
    table = path.parent / BASELINES_FILE
    if not table.is_file():
        raise _refuse(path, f"no {BASELINES_FILE} beside the file", "give --normal X")
    base = pd.read_csv(table, dtype={"region": str}, keep_default_na=False, na_values=[""])
    base["region"] = base["region"].fillna("")
    ids, signal = set(frame["event_id"]), frame["signal"].iloc[0]
    base = base[base["event_id"].isin(ids) & (base["signal"] == signal)]
    out = {}
    for region, row in base.set_index("region").iterrows():
        level = row.get("pre_event_median")
        if level is None or not (level == level) or level <= 0:
            level = row.get("normal_nominal")
        if level is not None and level == level and level > 0:
            out[region] = float(level)
    missing = [r for r in frame["region"].unique() if r not in out]
    if missing:
        raise _refuse(path, f"no normal level for {missing[0]!r}", "give --normal X")
    return out, f"each series' pre-event median ({BASELINES_FILE}), else its nominal normal"


def _window(curve: np.ndarray, threshold: float) -> tuple[int, int]:
    """First and last index of the event (see the module docstring)."""
    core = np.flatnonzero(curve < min(CORE_SHARE, threshold))
    if core.size == 0:
        below = np.flatnonzero(curve < threshold)
        return int(below[0]), int(below[-1])
    first, last = int(core[0]), int(core[-1])
    while first > 0 and curve[first - 1] < threshold:
        first -= 1
    while last < len(curve) - 1 and curve[last + 1] < threshold:
        last += 1
    return first, last


def read_measured(
    path: str | Path,
    *,
    signal: str | None = None,
    normal: float | None = None,
    regions: Literal["auto", "national", "equal"] = "auto",
    threshold: float = DEFAULT_THRESHOLD,
) -> MeasuredCurve:
    """Read a measurement file into an hourly availability curve (see the module docstring)."""
    path = Path(path)
    frame = _read(path)
    signals = sorted(frame["signal"].unique())
    if signal is None:
        # a file with a regional signal and its national mean: take the regional one
        signal = signals[0] if len(signals) == 1 else None
        regional = frame[frame["region"] != ""]["signal"].unique()
        if signal is None and len(regional) == 1:
            signal = str(regional[0])
        if signal is None:
            raise InputError(
                f"{len(signals)} signals in the file",
                file=str(path),
                field="--signal",
                allowed=", ".join(signals),
            )
    if signal not in signals:
        raise InputError(
            f"{signal!r}", file=str(path), field="--signal", allowed=", ".join(signals)
        )
    rows = frame[frame["signal"] == signal]
    has_regions = (rows["region"] != "").any()
    if regions == "national" or (regions == "auto" and not has_regions):
        rows = rows[rows["region"] == ""]
        if rows.empty:  # only regional rows: the national series is their equal-weight mean
            rows = frame[(frame["signal"] == signal) & (frame["region"] != "")]
    else:
        rows = rows[rows["region"] != ""] if has_regions else rows
    if rows.empty:
        raise InputError("no rows for the signal", file=str(path), field="--signal")
    levels, normal_note = _normals(path, rows, normal)
    rows = rows.assign(share=(rows["value"] / rows["region"].map(levels)).clip(0.0, 1.0))
    # one hourly grid: hours are floored; a missing hour keeps the last value (noted)
    rows = rows.assign(hour=rows["time"].dt.floor("h"))
    wide = rows.pivot_table(index="hour", columns="region", values="share", aggfunc="mean")
    grid = pd.date_range(wide.index.min(), wide.index.max(), freq="h")
    filled = int(len(grid) - len(wide))
    wide = wide.reindex(grid).ffill()
    n_regions = wide.shape[1]
    curve = wide.mean(axis=1).to_numpy()
    weights = (
        f"{n_regions} regions, equal weights (no population or output by region in the project: "
        "ASSUMPTION)"
        if n_regions > 1
        else "one series"
    )
    below = np.flatnonzero(curve < threshold)
    if below.size == 0:
        raise InputError(
            f"the curve never falls below {threshold:.0%} of normal",
            file=str(path),
            field="--measured",
            allowed="a file covering an outage",
        )
    first, last = _window(curve, threshold)
    cut = curve[first : last + 1]
    note = f"; {filled} missing hours carried forward" if filled else ""
    return MeasuredCurve(
        iso3=str(rows["iso3"].iloc[0]),
        event_id=str(rows["event_id"].iloc[0]),
        signal=signal,
        start_utc=grid[first].strftime("%Y-%m-%dT%H:%MZ"),
        availability=tuple(float(x) for x in cut),
        normal=normal_note,
        weights=weights + note,
        source=f"{path.name}: signal {signal}, {weights}; normal: {normal_note}",
    )


def measured_scenario(
    iso3: str,
    path: str | Path,
    *,
    signal: str | None = None,
    normal: float | None = None,
    year: int | None = None,
):
    """``run --country ISO3 --measured FILE``: the country's model driven by the measured curve.

    The year defaults to the curve's; a file measured in another country is refused.
    """
    from ..params import world
    from ..scenario import scenario_from_dict

    code = world.check_iso3(iso3)
    curve = read_measured(path, signal=signal, normal=normal)
    if curve.iso3 and curve.iso3 != code:
        raise InputError(
            f"the file measures {curve.iso3}, not {code}",
            file=str(path),
            field="--country",
            allowed=curve.iso3,
        )
    year = int(curve.start_utc[:4]) if year is None else int(year)
    data = {
        "name": f"{code.lower()}-measured-{curve.event_id.lower()}"[:120],
        "description": (
            f"Measured outage in {code} from {curve.start_utc}, {len(curve.availability)} h "
            f"({curve.weights}; normal: {curve.normal}); built by run --measured"
        ),
        "source": curve.source[:2000],
        "region": code,
        "year": year,
        "events": [curve.event()],
    }
    return scenario_from_dict(data, source=f"--measured {Path(path).name}")
