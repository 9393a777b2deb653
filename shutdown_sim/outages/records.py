"""The record of past shutdowns: Access Now's #KeepItOn STOP sheets and IODA's curated outage list.

Readers for the layouts a user downloads (docs/outages.md): ``kio_*.csv`` (one file per
published sheet; the 2016-18, 2019 and 2020-22 sheets differ) and
``ioda_investigated_outages*.csv``, each with ``iso3``, ISO dates and ``duration_h`` added
(KIO durations are inclusive whole days x 24: upper bounds). Later KIO sheets repeat events that
were still ongoing; :func:`load_records` keeps one row per (country, start date, area, kind),
from the latest sheet.

Every record maps to the model's levers by one table (docs/outages.md, "From a record to
levers"): full network -> a full ``shutdown`` (mobile-only -> mobile, broadband-only -> fixed),
service-based -> an ``app_block`` of the services flagged (the four main social apps when none
is named: ASSUMPTION), throttling -> ``throttle``; the geographic level -> ``share_affected``
from ``parameters/outages/record_share.csv`` (labelled assumptions, except national = 1).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError
from ..paths import PARAMETERS_DIR

ENV_VAR = "SHUTDOWN_SIM_RECORDS"
SOCIAL_APPS = ("facebook", "whatsapp", "instagram", "twitter")
FLAGGED_APPS = ("facebook", "twitter", "whatsapp", "instagram", "telegram")
LEVELS = ("national", "multi_regional", "regional", "local")
_NATIONAL_WORDS = re.compile(
    r"\b(nation(al|wide)?|countrywide|whole country|entire country)\b", re.I
)


@dataclass(frozen=True)
class Record:
    """One past shutdown as the record lists it, and the levers it maps to."""

    id: str
    source: str  # "kio" (Access Now #KeepItOn) | "ioda"
    iso3: str
    start: str  # ISO date
    end: str | None
    duration_h: float | None  # KIO: inclusive days x 24 (upper bound); None = unknown/ongoing
    kind: str  # full | mobile | fixed | apps | throttle | outage
    level: str  # one of LEVELS
    area: str
    apps: tuple[str, ...] = ()
    cause: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def year(self) -> int:
        return int(self.start[:4])

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "iso3": self.iso3,
            "start": self.start,
            "end": self.end,
            "duration_h": self.duration_h,
            "kind": self.kind,
            "level": self.level,
            "area": self.area,
            "apps": list(self.apps),
            "cause": self.cause,
            "share_affected": share_of(self.level).central,
            "notes": list(self.notes),
        }


def records_dir(given: str | Path | None = None) -> Path:
    """The folder of record files: ``given``, else $SHUTDOWN_SIM_RECORDS, else the research
    extracts' outage events folder found above the checkout (docs/outages.md)."""
    if given is None:
        given = os.environ.get(ENV_VAR) or None
    if given is not None:
        path = Path(given).expanduser()
        if not path.is_dir():
            raise InputError("no such folder", file=str(path), field="--records")
        return path
    extracts = Path("shared", "reference", "data", "outages", "events")
    for parent in Path(__file__).resolve().parents:
        cand = parent / extracts
        if cand.is_dir():
            return cand
    raise InputError(
        "no record files found",
        field="--records",
        allowed=f"a folder with kio_*.csv / ioda_*.csv (or ${ENV_VAR}); see docs/outages.md",
    )


@lru_cache(maxsize=1)
def _shares() -> dict[str, Any]:
    from ..params.table import read_table, uncertain_parameters

    frame = read_table(PARAMETERS_DIR / "outages" / "record_share.csv", "uncertain_parameters")
    params = uncertain_parameters(frame)
    return {name.removeprefix("share_affected_"): p for name, p in params.items()}


def share_of(level: str):
    """The ``UncertainParameter`` of users affected at a geographic level."""
    return _shares()[level]


def _text(value: Any) -> str:
    return "" if value is None or value != value else str(value).strip()


def _yes(value: Any) -> bool:
    return _text(value).lower() in ("yes", "1", "1.0", "true")


def _network_kind(network: str) -> str:
    n = network.lower()
    mobile, broadband = "mobile" in n, "broadband" in n
    if mobile and not broadband:
        return "mobile"
    if broadband and not mobile:
        return "fixed"
    return "full"


def _level_kio(geo: str, area: str, country: str) -> str:
    g = geo.lower()
    if (
        g in ("national", "level 3")
        or _NATIONAL_WORDS.search(area)
        or (area and country and area.lower() == country.lower())
    ):
        return "national"
    if "more than one state" in g or g == "multi-regional":
        return "multi_regional"
    if g in ("regional", "level 2") or "same state" in g:
        return "regional"
    return "local"


def _apps(row: pd.Series, columns: dict[str, str]) -> tuple[str, ...]:
    named = tuple(app for app in FLAGGED_APPS if app in columns and _yes(row[columns[app]]))
    return named or SOCIAL_APPS


def _kio_row(sheet: str, i: int, row: pd.Series) -> Record:
    """One KIO row in any of the three sheet layouts."""
    cols = {c.lower().removesuffix("_affected"): c for c in row.index}
    country, area = _text(row.get("country")), _text(row.get("area_name"))
    geo = _text(row.get("geo_scope"))
    notes = []
    if "shutdown_type_group" in row.index:  # 2016-18
        group = _text(row["shutdown_type_group"]).lower()
        kind = {
            "full network": "full",
            "mobile internet": "mobile",
            "broadband internet": "fixed",
            "service-based": "apps",
            "throttling": "throttle",
        }.get(group, "full")
    elif "full or service-based" in row.index:  # 2019
        extent = _text(row["full or service-based"]).lower()
        kind = (
            "apps" if extent == "service-based" else _network_kind(_text(row["affected_network"]))
        )
        if _text(row.get("shutdown_type_new")).lower() == "throttle":
            kind = "throttle"
    else:  # 2020-22
        extent = _text(row.get("shutdown_extent")).lower()
        kind = (
            "apps" if extent == "service-based" else _network_kind(_text(row["affected_network"]))
        )
        if _text(row.get("shutdown_type")).lower() == "throttle":
            kind = "throttle"
    apps = _apps(row, cols) if kind == "apps" else ()
    if kind == "apps" and not any(a in cols and _yes(row[cols[a]]) for a in FLAGGED_APPS):
        notes.append("no service flagged: the four main social apps assumed")
    duration = row.get("duration_h")
    duration = None if duration is None or duration != duration else float(duration)
    if duration is not None and _text(row.get("duration_h_basis")) == "dates_inclusive_days_x24":
        notes.append("duration from inclusive dates x 24 h (upper bound)")
    return Record(
        id=f"kio{sheet}-{i + 1}",
        source="kio",
        iso3=_text(row.get("iso3")),
        start=_text(row.get("start_date_iso"))[:10],
        end=_text(row.get("end_date_iso"))[:10] or None,
        duration_h=duration,
        kind=kind,
        level=_level_kio(geo, area, country),
        area=area,
        apps=apps,
        cause=_text(row.get("actual_cause")),
        notes=tuple(notes),
    )


def read_kio(path: Path) -> list[Record]:
    """Every row of one #KeepItOn sheet export (``kio_<sheet>.csv``)."""
    sheet = path.stem.removeprefix("kio_")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "iso3" not in frame.columns or "start_date_iso" not in frame.columns:
        raise InputError(
            "layout not recognised", file=str(path), allowed="a kio_*.csv with iso3, start_date_iso"
        )
    frame["duration_h"] = pd.to_numeric(frame.get("duration_h"), errors="coerce")
    return [
        _kio_row(sheet, i, row)
        for i, row in frame.iterrows()
        if _text(row.get("start_date_iso")) and _text(row.get("iso3"))
    ]


def read_ioda(path: Path) -> list[Record]:
    """IODA's curated outage list (every cause; ``cause`` says which were ordered)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["duration_h"] = pd.to_numeric(frame.get("duration_h"), errors="coerce")
    scope_col = next((c for c in frame.columns if c.startswith("Scope")), None)
    out = []
    for _, row in frame.iterrows():
        start = _text(row.get("start_utc"))
        if not start or not _text(row.get("iso3")):
            continue
        scope = _text(row.get(scope_col)) if scope_col else ""
        level = "national" if scope.lower().startswith("country") else "regional"
        duration = row.get("duration_h")
        out.append(
            Record(
                id=f"ioda-{_text(row.get('ID'))}",
                source="ioda",
                iso3=_text(row["iso3"]),
                start=start[:10],
                end=_text(row.get("end_utc"))[:10] or None,
                duration_h=None if duration != duration else float(duration),
                kind="outage",
                level=level,
                area=scope,
                cause=_text(row.get("Cause")),
            )
        )
    return out


def _dedupe(records: list[Record]) -> list[Record]:
    """Later sheets repeat ongoing events: keep the last sheet's row per event."""
    kept: dict[tuple, Record] = {}
    for r in records:  # files are read in sheet order, so later sheets overwrite
        key = (r.iso3, r.start, re.sub(r"\W+", " ", r.area.lower()).strip()[:60], r.kind)
        kept[key] = r
    return sorted(kept.values(), key=lambda r: (r.start, r.iso3, r.id))


def load_records(
    folder: str | Path | None = None, *, sources: tuple[str, ...] = ("kio",)
) -> list[Record]:
    """Every record in ``folder`` (see :func:`records_dir`), de-duplicated, in date order."""
    root = records_dir(folder)
    out: list[Record] = []
    if "kio" in sources:
        kio: list[Record] = []
        for path in sorted(root.glob("kio_*.csv")):
            kio.extend(read_kio(path))
        out.extend(_dedupe(kio))
    if "ioda" in sources:
        for path in sorted(root.glob("ioda_*.csv")):
            out.extend(read_ioda(path))
    if not out:
        raise InputError("no records read", file=str(root), allowed="kio_*.csv or ioda_*.csv")
    return sorted(out, key=lambda r: (r.start, r.iso3, r.id))


def select(records: list[Record], country: str | None = None, year: int | None = None):
    """Records of one country (ISO3) and/or year (by start date)."""
    return [
        r
        for r in records
        if (country is None or r.iso3 == country) and (year is None or r.year == year)
    ]
