"""Price past shutdowns from the record: one record -> one scenario; a year -> totals by country.

A record becomes a scenario by the mapping table of :mod:`.records` (docs/outages.md): its kind
and duration, and the share of users of its geographic level at that share's central value (the
share's range is in ``parameters/outages/record_share.csv``; it is a lever here, not sampled).
App blocks are national in the model whatever the record's level (the event kind has no share):
said in the scenario's description. Records without a duration are not priced.

The yearly report sums, per country, the Monte Carlo draws of every priced record draw by draw
(never the percentiles). Every record runs with the same seed, so draw *i* of each record uses
the same values of the uncertain parameters: the country's unknowns are the same unknowns for
all of its shutdowns of the year, and the sum's range is their joint range.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from .records import Record, load_records, select, share_of

MIN_DURATION_H = 1.0


def record_events(record: Record) -> list[dict[str, Any]]:
    """The scenario events of one record (see the module docstring)."""
    if record.duration_h is None or not math.isfinite(record.duration_h):
        raise InputError(
            f"record {record.id} has no duration (ongoing or no end date)",
            field="--event",
            allowed="a record with a duration",
        )
    hours = max(MIN_DURATION_H, float(record.duration_h))
    share = share_of(record.level).central
    if record.kind == "apps":
        return [{"kind": "app_block", "start_h": 0, "duration_h": hours, "apps": list(record.apps)}]
    scope = {"full": "full", "mobile": "mobile", "fixed": "fixed", "throttle": "mobile"}.get(
        record.kind, "full"
    )
    return [
        {
            "kind": "shutdown",
            "start_h": 0,
            "duration_h": hours,
            "scope": scope,
            "share_affected": share,
        }
    ]


def record_scenario(record: Record):
    """The record as a validated Scenario (region = its country, year = its start year)."""
    from ..scenario import scenario_from_dict

    how = {
        "apps": "block of " + ", ".join(record.apps) + " (national in the model)",
        "throttle": "throttling priced as a mobile-data shutdown (upper bound)",
        "outage": "outage priced as a full shutdown",
    }.get(record.kind, f"{record.kind} shutdown")
    data = {
        "name": f"record-{record.id}",
        "description": (
            f"{record.source.upper()} record {record.id}: {record.iso3}, {record.start} "
            f"to {record.end or '?'}, {record.area or 'area not named'}; {how}; level "
            f"{record.level} (share {share_of(record.level).central:g})"
        )[:5000],
        "source": "Access Now #KeepItOn STOP data"
        if record.source == "kio"
        else "IODA curated outages (Bischof et al., SIGCOMM 2023)",
        "region": record.iso3,
        "year": record.year,
        "events": record_events(record),
    }
    return scenario_from_dict(data, source=f"record {record.id}")


def find_record(record_id: str, folder: str | Path | None = None) -> Record:
    """One record by id (``kio2019-17``, ``ioda-5A446C2E``)."""
    sources = ("ioda",) if record_id.startswith("ioda-") else ("kio",)
    for r in load_records(folder, sources=sources):
        if r.id == record_id:
            return r
    raise InputError(
        f"no record {record_id!r}", field="--event", allowed="an id listed by shutdown-sim events"
    )


def spread(draws: np.ndarray) -> dict[str, float]:
    """Mean, p5, p50, p95 of summed draws (USD)."""
    p5, p50, p95 = np.percentile(draws, [5, 50, 95])
    return {"mean": float(draws.mean()), "p5": float(p5), "p50": float(p50), "p95": float(p95)}


@dataclass
class CountryYear:
    """One country's priced shutdowns of a year: draws summed record by record."""

    iso3: str
    year: int
    records: int = 0
    priced: int = 0
    hours: float = 0.0
    draws_usd: np.ndarray | None = None  # (S,) net GDP loss summed over records
    baselines_usd: dict[str, float] = field(default_factory=dict)
    baselines_na: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    def add(self, record: Record, result: Any) -> None:
        draws = np.asarray(result.outcomes["gdp_loss_usd"], dtype=float)
        self.draws_usd = draws.copy() if self.draws_usd is None else self.draws_usd + draws
        self.priced += 1
        self.hours += float(record.duration_h or 0.0)
        for method, info in result.baselines.items():
            value = info.get("cost_usd")
            if value is None or not math.isfinite(value):
                self.baselines_na[method] = self.baselines_na.get(method, 0) + 1
            else:
                self.baselines_usd[method] = self.baselines_usd.get(method, 0.0) + float(value)

    def summary(self) -> dict[str, Any]:
        d = self.draws_usd if self.draws_usd is not None else np.zeros(1)
        return {
            "iso3": self.iso3,
            "year": self.year,
            "records": self.records,
            "priced": self.priced,
            "hours": self.hours,
            "model_usd": spread(d),
            "baselines_usd": dict(self.baselines_usd),
            "baselines_na": dict(self.baselines_na),
            "failed": dict(self.failed),
        }


@dataclass(frozen=True)
class Priced:
    """One record's outcome: the net-loss draws and the methods' costs, or why it failed."""

    record: Record
    draws_usd: np.ndarray | None
    baselines: dict[str, dict[str, Any]]
    error: str = ""

    @property
    def outcomes(self) -> dict[str, np.ndarray]:  # the slice of a Result that CountryYear reads
        return {"gdp_loss_usd": self.draws_usd}


def price_record(record: Record, draws: int, seed: int) -> Priced:
    """Simulate one record (also what a dask worker runs)."""
    from ..model import simulate

    try:
        result = simulate(record_scenario(record), draws=draws, seed=seed)
    except InputError as err:
        return Priced(record, None, {}, str(err))
    costs = {m: {"cost_usd": b.get("cost_usd")} for m, b in result.baselines.items()}
    return Priced(record, np.asarray(result.outcomes["gdp_loss_usd"], dtype=float), costs)


def _price_all(records, draws, seed, scheduler, progress):
    """Every record priced, locally or on the dask cluster at ``scheduler``; in input order."""
    if scheduler is None:
        out = []
        for i, record in enumerate(records):
            if progress is not None:
                progress(i, len(records), record.id)
            out.append(price_record(record, draws, seed))
        return out
    from dask.distributed import as_completed

    from ..sweep import connect

    client = connect(scheduler)
    try:
        futures = client.map(price_record, records, draws=draws, seed=seed, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        out: list[Priced | None] = [None] * len(records)
        for done, future in enumerate(as_completed(futures)):
            out[index[future.key]] = future.result()
            if progress is not None:
                progress(done, len(records), "")
        return [p for p in out if p is not None]
    finally:
        client.close()


def annual_report(
    year: int,
    countries: Sequence[str] | None = None,
    *,
    draws: int = 1000,
    seed: int = 0,
    folder: str | Path | None = None,
    scheduler: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[CountryYear]:
    """Price every #KeepItOn record of ``year`` (optionally only ``countries``) once, locally or
    on a dask cluster; per country sum the draws (see the module docstring). Countries in
    descending order of the median."""
    records = select(load_records(folder), year=year)
    if countries:
        wanted = {c.upper() for c in countries}
        records = [r for r in records if r.iso3 in wanted]
    out: dict[str, CountryYear] = {}
    for priced in _price_all(records, draws, seed, scheduler, progress):
        record = priced.record
        row = out.setdefault(record.iso3, CountryYear(record.iso3, year))
        row.records += 1
        if priced.draws_usd is None:
            row.failed[record.id] = priced.error
            continue
        row.add(record, priced)
    if progress is not None:
        progress(len(records), len(records), "")
    return sorted(
        out.values(),
        key=lambda c: -(np.median(c.draws_usd) if c.draws_usd is not None else 0.0),
    )


def top10vpn_annual(year: int) -> dict[str, dict[str, Any]]:
    """Top10VPN's published figures for ``year`` by country (parameters/outages/)."""
    from ..params.table import read_table
    from ..paths import PARAMETERS_DIR

    frame = read_table(PARAMETERS_DIR / "outages" / "top10vpn_annual.csv", "top10vpn_annual")
    rows = frame[frame["year"] == year]
    return {str(r["iso3"]): r.to_dict() for _, r in rows.iterrows()}


def annual_table(
    year: int,
    countries: Sequence[str] | None = None,
    *,
    draws: int = 1000,
    seed: int = 0,
    folder: str | Path | None = None,
    scheduler: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> dict[str, Any]:
    """:func:`annual_report` as the ``annual --json`` object, with Top10VPN's figures beside."""
    rows = annual_report(
        year,
        countries,
        draws=draws,
        seed=seed,
        folder=folder,
        scheduler=scheduler,
        progress=progress,
    )
    published = top10vpn_annual(year)
    out = []
    for row in rows:
        entry = row.summary()
        t10 = published.get(row.iso3)
        entry["top10vpn_usd"] = float(t10["usd"]) if t10 else None
        entry["top10vpn_source"] = str(t10["source"]) if t10 else None
        out.append(entry)
    summed = [r.draws_usd for r in rows if r.draws_usd is not None]
    total = np.sum(summed, axis=0) if summed else np.zeros(1)
    return {
        "year": year,
        "draws": draws,
        "seed": seed,
        "outcome": "gdp_loss_usd (net GDP loss), draws summed per country and in total",
        "countries": out,
        "total": {
            "records": sum(r.records for r in rows),
            "priced": sum(r.priced for r in rows),
            "hours": sum(r.hours for r in rows),
            "model_usd": spread(total),
        },
        "notes": [
            "Each record priced once with the same seed: draw i of every record shares the "
            "uncertain parameters, so sums are taken draw by draw (the joint range).",
            "Regional and local shares are labelled assumptions (parameters/outages/"
            "record_share.csv); #KeepItOn durations from dates are upper bounds; records "
            "without a duration are not priced.",
            "Top10VPN counts only 'major' shutdowns and prices them with NetBlocks COST (direct "
            "losses only); its country figures are not the same set of events.",
        ],
    }
