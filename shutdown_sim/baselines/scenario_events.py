"""Published methods priced over every event of a scenario, never beyond its horizon.

Each event the methods cover becomes one priced piece, as its kind's module maps it
(``events.REGISTRY``: a shutdown is full or mobile with its share of users and restoration stages
weighted by the share still cut off; app blocks, firewalls and platform exits are app blocks of
their apps, escalation apps from the start; open-ended events run to the horizon). Every piece is
clipped to the horizon. A method's total is the sum of its pieces; if
it cannot price one piece, its total is n/a with the reason. Events no method covers (cable cuts,
outages, DDoS, throttling) are priced, only when the scenario holds nothing else, as a full
shutdown of the same length, labelled as a reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from . import METHODS, make_input, run


@dataclass(frozen=True)
class Piece:
    """One priced piece: event index, kind, apps, share affected, full-equivalent days."""

    event: int
    kind: str
    apps: tuple[str, ...]
    share: float
    days: float
    clipped: bool


def _restoration_hours(event: Any, horizon_h: float) -> tuple[float, bool]:
    """Full-equivalent hours of an order with restoration stages, within the horizon."""
    start, order_end = float(event.start_h), float(event.start_h) + float(event.duration_h)
    stages = list(event.restoration)
    bounds = [start, order_end, *(order_end + s.after_h for s in stages)]
    cut = [1.0, 1.0, *(1.0 - s.share_restored for s in stages)]
    hours = sum(
        max(0.0, min(hi, horizon_h) - min(lo, horizon_h)) * share
        for lo, hi, share in zip(bounds, bounds[1:], cut)
    )
    return hours, bounds[-1] > horizon_h


def pieces(scenario: Any, horizon_h: float) -> list[Piece]:
    """The events a published method covers, as priced pieces (each kind's module says how,
    ``events.REGISTRY``); empty if none is covered."""
    from ..events import spec_of

    out: list[Piece] = []
    for i, e in enumerate(scenario.events):
        spec = spec_of(e)
        mapping = spec.baseline(e)
        if not mapping.covered:
            continue
        window_h = max(0.0, horizon_h - float(e.start_h))
        if getattr(e, "restoration", None) and getattr(e, "duration_h", None) is not None:
            hours, clipped = _restoration_hours(e, horizon_h)
        elif mapping.days is None:  # open-ended: to the horizon
            hours, clipped = window_h, False
        else:
            hours, clipped = min(mapping.days * 24.0, window_h), mapping.days * 24.0 > window_h
        apps = tuple(dict.fromkeys(spec.blocked_apps(e))) if mapping.kind == "apps" else ()
        out.append(Piece(i, mapping.kind, apps, mapping.share_affected, hours / 24.0, clipped))
    return out


def _na(method: str, reason: str) -> dict[str, Any]:
    return {
        "method": method,
        "error": reason,
        "cost_usd": None,
        "cost_usd_per_day": None,
        "inputs": {},
        "notes": [],
        "events": [],
    }


def scenario_baselines(
    scenario: Any, iso3: str, horizon_h: float, reference_days: float
) -> tuple[dict[str, dict[str, Any]], str, float, list[str]]:
    """Every method over every covered event: ``(results, kind label, days, notes)``.

    ``results[method]`` has ``cost_usd`` (sum over pieces, None = n/a), ``cost_usd_per_day``
    (per full-equivalent day), ``inputs`` and ``notes`` of the first piece, and ``events``
    (one entry per piece). ``reference_days`` prices a reference full shutdown when no event
    is covered.
    """
    parts = pieces(scenario, horizon_h)
    notes: list[str] = []
    if not parts:
        parts = [Piece(0, "full", (), 1.0, max(0.0, reference_days), False)]
        notes.append(
            "No published method covers these events; the baselines are for a full shutdown "
            "of the same length, as a reference."
        )
    else:
        priced = {p.event for p in parts}
        skipped = [e.kind for i, e in enumerate(scenario.events) if i not in priced]
        if skipped:
            notes.append(
                f"Events no published method covers are not priced by them: {', '.join(skipped)}."
            )
    if any(p.clipped for p in parts):
        notes.append("Published methods priced only up to the end of the horizon.")
    results: dict[str, dict[str, Any]] = {}
    for method in METHODS:
        total, entries, first = 0.0, [], None
        for p in parts:
            try:
                inp = make_input(
                    days=p.days,
                    country=iso3,
                    year=scenario.year,
                    share_affected=p.share,
                    kind=p.kind,
                    apps=list(p.apps),
                )
                res = run(method, inp).to_dict()
            except InputError as err:
                results[method] = _na(method, f"event {p.event + 1} ({p.kind}): {err}")
                break
            total += res["cost_usd"]
            first = first or res
            entries.append(
                {"event": p.event, "kind": p.kind, "days": p.days, "cost_usd": res["cost_usd"]}
            )
        else:
            days = sum(p.days for p in parts)
            assert first is not None
            results[method] = {
                **first,
                "cost_usd": total,
                "cost_usd_per_day": total / days if days > 0 else 0.0,
                "events": entries,
            }
    kinds = list(
        dict.fromkeys(p.kind if p.kind != "apps" else f"apps ({', '.join(p.apps)})" for p in parts)
    )
    label = kinds[0] if len(kinds) == 1 else "mixed: " + "; ".join(kinds)
    failed = [r["error"] for r in results.values() if r.get("error")]
    if failed and len(failed) == len(results):
        notes.append(f"No published method can price this scenario: {failed[0]}")
    for res in results.values():
        for note in res.get("notes", []):
            if "another year" in note and note not in notes:
                notes.append(note)
    return results, label, sum(p.days for p in parts), notes
