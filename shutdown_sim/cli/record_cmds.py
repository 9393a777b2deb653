"""``events``: the record of past shutdowns (#KeepItOn, IODA) for a country and year."""

from __future__ import annotations

import argparse

from ..output import dumps_json


def register(subparsers: argparse._SubParsersAction) -> None:
    ev = subparsers.add_parser(
        "events",
        help="list past shutdowns from the #KeepItOn and IODA records (files: docs/outages.md)",
    )
    ev.add_argument("--country", metavar="ISO3", type=str.upper)
    ev.add_argument("--year", type=int)
    ev.add_argument("--source", choices=("kio", "ioda", "all"), default="kio")
    ev.add_argument("--records", metavar="DIR", help="folder of kio_*.csv / ioda_*.csv files")
    ev.add_argument("--json", action="store_true")
    ev.set_defaults(func=cmd_events)


def cmd_events(args) -> int:
    from ..outages.records import load_records, select

    sources = ("kio", "ioda") if args.source == "all" else (args.source,)
    records = select(load_records(args.records, sources=sources), args.country, args.year)
    if args.json:
        print(dumps_json({"records": [r.to_dict() for r in records]}, ensure_ascii=False))
        return 0
    print(f"{'id':<16}{'start':<12}{'end':<12}{'hours':>7}  {'kind':<9}{'level':<15}area")
    for r in records:
        hours = "?" if r.duration_h is None else f"{r.duration_h:g}"
        apps = f" [{', '.join(r.apps)}]" if r.apps else ""
        print(
            f"{r.id:<16}{r.start:<12}{r.end or '-':<12}{hours:>7}  {r.kind:<9}{r.level:<15}"
            f"{r.area[:60]}{apps}"
        )
    print(f"{len(records)} records")
    return 0
