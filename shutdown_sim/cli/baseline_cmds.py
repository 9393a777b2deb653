"""CLI subcommands ``methods``, ``baseline`` and ``compare`` (closed-form published baselines).

``register(subparsers)`` adds them; each sets ``func`` (handler(args) -> exit code). Bad input
raises :class:`~shutdown_sim.errors.InputError` subclasses; ``main()`` prints one line, exits 2.
With ``--json`` stdout is exactly one JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from ..baselines import METHODS, NOT_IMPLEMENTED, list_methods, make_input, run, run_all
from ..baselines.base import KINDS
from ..errors import ParameterError


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    return value


def register(subparsers: Any) -> None:
    """Add ``methods``, ``baseline`` and ``compare`` to an argparse subparsers object."""
    p = subparsers.add_parser(
        "methods", help="list the published methods: branches, inputs, vintage, what they count"
    )
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.add_argument(
        "--validation",
        action="store_true",
        help="published outputs of the tools vs the reconstructions (Markdown table)",
    )
    p.set_defaults(func=cmd_methods)

    p = subparsers.add_parser("baseline", help="cost of a shutdown with one published method")
    p.add_argument("--method", required=True, help=" | ".join(METHODS))
    p.add_argument("--country", help="ISO3 code (with --year)")
    p.add_argument("--year", type=int, help="year of the World Bank data")
    p.add_argument("--gdp-usd", type=_share, help="GDP, USD per year (without --country)")
    p.add_argument("--population", type=_share, help="persons (without --country)")
    p.add_argument(
        "--internet-share",
        type=_share,
        help="internet-economy share of GDP in [0, 1] (default: published/fallback)",
    )
    p.add_argument(
        "--internet-users",
        type=_share,
        help="share of population using the internet in [0, 1] (overrides data)",
    )
    p.add_argument("--days", type=_share, required=True, help="duration in days (hours / 24)")
    p.add_argument("--affected", type=_share, default=1.0, help="share affected in [0, 1]")
    p.add_argument("--kind", default="full", help=" | ".join(KINDS))
    p.add_argument("--apps", default=None, help="comma-separated apps (with --kind apps)")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(func=cmd_baseline)

    p = subparsers.add_parser("compare", help="every baseline side by side for a country")
    p.add_argument("--country", required=True, help="ISO3 code")
    p.add_argument("--year", type=int, required=True, help="year of the World Bank data")
    p.add_argument("--days", type=_share, required=True, help="duration in days (hours / 24)")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(func=cmd_compare)


def _clean(obj: Any) -> Any:
    """JSON-safe: NaN/inf -> None."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_clean(v) for v in obj]
    return obj


def _dump(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(_clean(obj), allow_nan=False) + "\n")


def cmd_methods(args: argparse.Namespace) -> int:
    rows = list_methods()
    if getattr(args, "validation", False):
        from ..baselines.validation import reproduce_all, residual_table

        cases = reproduce_all()
        if getattr(args, "json", False):
            _dump({"cases": cases})
        else:
            print(residual_table(cases))
        return 0
    if getattr(args, "json", False):
        _dump({"methods": rows, "not_implemented": NOT_IMPLEMENTED})
        return 0
    for r in rows:
        print(f"{r['method']}  {r['label']}")
        print(f"  counts    {r['counts']}")
        print(f"  vintage   {r['vintage']}")
        print(f"  inputs    {r['inputs']}")
        for b in r["branches"]:
            print(f"  branch    {b}")
        if r["options"]:
            print(f"  options   {', '.join(r['options'])}")
    for name, why in NOT_IMPLEMENTED.items():
        print(f"{name}  n/a: {why}")
    return 0


def cmd_baseline(args: argparse.Namespace) -> int:
    if args.country is None and (args.gdp_usd is None or args.population is None):
        raise ParameterError(
            "give --country and --year, or --gdp-usd and --population",
            field="country",
            allowed="--country ISO3 --year Y | --gdp-usd X --population P",
        )
    if args.country is not None and args.year is None:
        raise ParameterError("--country needs --year", field="year", allowed="a year")
    inp = make_input(
        days=args.days,
        country=args.country,
        year=args.year,
        gdp_usd=args.gdp_usd,
        population=args.population,
        internet_users_share=args.internet_users,
        internet_share=args.internet_share,
        share_affected=args.affected,
        kind=args.kind,
        apps=args.apps,
    )
    res = run(args.method, inp)
    out = res.to_dict()
    out.update(country=inp.region, year=inp.year, days=inp.days)
    if args.json:
        _dump(out)
        return 0
    print(f"method       {res.method}  ({res.method_version})")
    print(f"cost_usd     {res.cost_usd:,.0f}  over {inp.days:g} days")
    print(f"per day      {res.cost_usd_per_day:,.0f} USD/day")
    for name, item in res.inputs.items():
        print(f"  {name:<24} {item['value']!s:<22} {item['source'][:90]}")
    for note in res.notes:
        print(f"  note: {note}")
    return 0


def compare(country: str, year: int, days: float) -> dict[str, Any]:
    """Every baseline for one country-year with default options (JSON-safe dict)."""
    inp = make_input(days=days, country=country, year=year)
    rows = list(run_all(inp).values())
    return {"country": inp.region, "year": inp.year, "days": inp.days, "baselines": rows}


def cmd_compare(args: argparse.Namespace) -> int:
    out = compare(args.country, args.year, args.days)
    if args.json:
        _dump(out)
        return 0
    print(f"{out['country']} {out['year']}, {out['days']:g} day(s), full shutdown")
    print(f"{'method':<14}{'cost_usd':>20}{'usd_per_day':>20}  counts; vintage")
    for row in out["baselines"]:
        if row.get("error"):
            print(f"{row['method']:<14}{'n/a':>20}{'n/a':>20}  {row['error']}")
            continue
        print(
            f"{row['method']:<14}{row['cost_usd']:>20,.0f}{row['cost_usd_per_day']:>20,.0f}  "
            f"{METHODS[row['method']].COUNTS}; {METHODS[row['method']].VINTAGE}"
        )
    return 0
