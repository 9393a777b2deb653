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

    from .run_cmds import positive_int, seed_int

    an = subparsers.add_parser(
        "annual",
        help="price every #KeepItOn record of a year once and sum per country (with ranges), "
        "beside the published methods' totals and Top10VPN's figures",
    )
    an.add_argument("--year", type=int, required=True)
    an.add_argument("--countries", metavar="ISO3,...", help="only these countries")
    an.add_argument("--draws", type=positive_int, default=1000)
    an.add_argument("--seed", type=seed_int, default=0)
    an.add_argument("--records", metavar="DIR", help="folder of kio_*.csv files")
    an.add_argument("--scheduler", metavar="ADDRESS", help="tcp://host:port of a dask scheduler")
    an.add_argument("--json", action="store_true")
    an.set_defaults(func=cmd_annual)


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


def cmd_annual(args) -> int:
    import sys

    from ..baselines import METHODS
    from ..outages.pricing import annual_table
    from ..report.messages import money

    if args.scheduler is not None:
        from ..sweep import check_scheduler

        check_scheduler(args.scheduler)  # before reading anything
    countries = [c.strip().upper() for c in args.countries.split(",")] if args.countries else None
    tty = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int, name: str) -> None:
        if tty:
            print(
                f"\r[{done}/{total}] {name:<20}", end="" if done < total else "\n", file=sys.stderr
            )

    table = annual_table(
        args.year,
        countries,
        draws=args.draws,
        seed=args.seed,
        folder=args.records,
        scheduler=args.scheduler,
        progress=progress,
    )
    if args.json:
        print(dumps_json(table, ensure_ascii=False))
        return 0
    methods = tuple(METHODS)
    print(
        f"Shutdowns of {args.year} (Access Now #KeepItOn record), net GDP loss summed per "
        f"country over the draws ({args.draws} draws, seed {args.seed}):"
    )
    print(
        f"{'country':<8}{'records':>8}{'priced':>7}{'hours':>8}{'model p50':>12}{'p5-p95':>24}"
        + "".join(f"{m[:10]:>12}" for m in methods)
        + f"{'Top10VPN':>12}{'model/T10':>10}"
    )
    for row in table["countries"]:
        m = row["model_usd"]
        t10 = row.get("top10vpn_usd")
        line = (
            f"{row['iso3']:<8}{row['records']:>8}{row['priced']:>7}{row['hours']:>8.0f}"
            f"{money(m['p50']):>12}{money(m['p5']) + '-' + money(m['p95']):>24}"
        )
        for method in methods:
            value = row["baselines_usd"].get(method)
            line += f"{(money(value) if value is not None else 'n/a'):>12}"
        ratio = f"{m['p50'] / t10:.2g}" if t10 else "-"
        line += f"{(money(t10) if t10 else '-'):>12}{ratio:>10}"
        print(line)
    total = table["total"]["model_usd"]
    print(
        f"{'all':<8}{table['total']['records']:>8}{table['total']['priced']:>7}"
        f"{table['total']['hours']:>8.0f}{money(total['p50']):>12}"
        f"{money(total['p5']) + '-' + money(total['p95']):>24}"
    )
    for note in table["notes"]:
        print(f"Note: {note}")
    return 0
