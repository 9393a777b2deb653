"""``sensitivity`` and ``sweep``: uncertainty analysis and many-scenario runs."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import InputError
from ..limits import check_run_size, check_sweep_jobs
from ..output import dumps_json, json_ready
from ..report.messages import money
from .run_cmds import positive_int, seed_int


def register(subparsers: argparse._SubParsersAction) -> None:
    sens = subparsers.add_parser(
        "sensitivity",
        help="rank the assumptions that drive the loss "
        "(SALib Morris/Sobol) and print a tornado table",
    )
    sens.add_argument("scenario")
    sens.add_argument("--method", choices=("morris", "sobol"), default=None)
    sens.add_argument(
        "--by",
        choices=("group", "parameter"),
        default=None,
        help="rank parameter families (default) or every parameter on its own",
    )
    sens.add_argument(
        "--structural",
        action="store_true",
        help="rerun the scenario under each alternative structural choice (input-output table, "
        "rationing rule, recapture, private networks, throttle headroom) and print the headline "
        "under each",
    )
    sens.add_argument(
        "--draws",
        type=positive_int,
        default=None,
        help="draws per structural run (only with --structural; default 500)",
    )
    sens.add_argument("--seed", type=seed_int, default=0)
    sens.add_argument("--top", type=positive_int, default=15, help="tornado rows to print")
    sens.add_argument("--json", action="store_true")
    sens.set_defaults(func=cmd_sensitivity)

    sweep = subparsers.add_parser(
        "sweep",
        help="run many scenarios (optionally over durations), "
        "locally or on a dask.distributed cluster",
    )
    sweep.add_argument("scenarios", nargs="*", metavar="SCENARIO")
    sweep.add_argument(
        "--countries",
        metavar="ISO3,...|all",
        help="one-day (or --durations) shutdowns of these countries (run --country), "
        "beside or instead of SCENARIOs",
    )
    sweep.add_argument(
        "--kind", choices=("full", "mobile"), default="full", help="with --countries"
    )
    sweep.add_argument("--share", type=float, default=1.0, help="with --countries (default: 1)")
    sweep.add_argument("--year", type=int, help="with --countries (default: latest with GDP)")
    sweep.add_argument("--draws", type=positive_int, default=1000)
    sweep.add_argument("--seed", type=seed_int, default=0)
    sweep.add_argument("--durations", metavar="D1,D2", help="grid of durations in days")
    sweep.add_argument("--scheduler", metavar="ADDRESS", help="tcp://host:port of a dask scheduler")
    sweep.add_argument("--json", action="store_true")
    sweep.set_defaults(func=cmd_sweep)


def cmd_sensitivity(args) -> int:
    from ..model import prepare
    from ..scenario import load_scenario
    from ..sensitivity import run_sensitivity

    if args.structural:
        return cmd_structural(args)
    if args.draws is not None:
        raise InputError(
            "--draws without --structural", field="--draws", allowed="use it with --structural"
        )
    args.method = args.method or "morris"
    args.by = args.by or "group"
    scenario = load_scenario(args.scenario)
    print(f"shutdown-sim: sensitivity of {scenario.name} ({args.method})", file=sys.stderr)
    result = run_sensitivity(prepare(scenario), args.method, seed=args.seed, by=args.by)
    if args.json:
        print(dumps_json({"scenario": scenario.name, **result.to_dict()}))
        return 0
    key = "mu_star" if args.method == "morris" else "ST"
    print(f"{scenario.name}: net GDP loss at central values {money(result.central_usd)}")
    what = "parameter families" if args.by == "group" else "single parameters"
    print(f"\nGlobal sensitivity ({args.method}, {what}; {key}):")
    for row in result.indices:
        print(f"  {row['rank']:>2}. {row['parameter']:<36}{row[key]:>14.4g}")
    print("\nTornado (net GDP loss with the parameter at its p5 / p95, others central):")
    print(f"  {'parameter':<40}{'at p5':>14}{'at p95':>14}{'swing':>14}")
    for row in result.tornado[: args.top]:
        print(
            f"  {row['parameter']:<40}{money(row['loss_at_low_usd']):>14}"
            f"{money(row['loss_at_high_usd']):>14}{money(row['swing_usd']):>14}"
        )
    return 0


def cmd_structural(args) -> int:
    """``sensitivity SCENARIO --structural``: the headline under each structural choice."""
    from ..scenario import load_scenario
    from ..sensitivity import STRUCTURAL_DRAWS, structural_sensitivity

    for flag, value in (("--method", args.method), ("--by", args.by)):
        if value is not None:
            raise InputError(
                f"{flag} with --structural", field=flag, allowed="leave it out with --structural"
            )
    draws = args.draws or STRUCTURAL_DRAWS
    scenario = load_scenario(args.scenario)
    check_run_size(draws, scenario.horizon_h / 24, what=scenario.name)
    print(f"shutdown-sim: structural sensitivity of {scenario.name}", file=sys.stderr)
    result = structural_sensitivity(scenario, draws=draws, seed=args.seed)
    if args.json:
        print(dumps_json(result.to_dict()))
        return 0
    print(
        f"{scenario.name}: net GDP loss under each structural choice "
        f"({draws} draws, seed {args.seed}; one choice changed at a time)"
    )
    print(f"  {'choice':<34}{'median':>14}{'p5':>14}{'p95':>14}{'central':>14}")
    base = result.rows[0]["p50"]
    for row in result.rows:
        change = "" if row is result.rows[0] or not base else f"  ({row['p50'] / base - 1:+.0%})"
        print(
            f"  {row['label']:<34}{money(row['p50']):>14}{money(row['p5']):>14}"
            f"{money(row['p95']):>14}{money(row['central']):>14}{change}"
        )
    return 0


def _durations(text: str | None) -> list[float] | None:
    if text is None:
        return None
    allowed = "comma-separated days, e.g. 1,7,30"
    parts = [x.strip() for x in text.split(",")]
    if not text.strip() or any(not x for x in parts):  # --durations "" or "1,,2": not ignored
        raise InputError(f"{text!r} has an empty entry", field="--durations", allowed=allowed)
    try:
        values = [float(x) for x in parts]
    except ValueError:
        raise InputError(
            f"{text!r} is not a list of numbers", field="--durations", allowed=allowed
        ) from None
    if any(not (0 < v <= 1098) for v in values):
        raise InputError(f"{text!r}", field="--durations", allowed="days in (0, 1098]")
    return values


def _countries(args) -> list[str]:
    """ISO3 codes of ``--countries`` (empty without it); a sweep needs scenarios or countries."""
    from ..country_run import country_codes

    if args.countries is None:
        if not args.scenarios:
            raise InputError(
                "nothing to sweep", field="SCENARIO", allowed="SCENARIO ... and/or --countries"
            )
        return []
    return country_codes(args.countries)


def _country_scenarios(args, countries: list[str]) -> list:
    from ..country_run import country_scenario

    return [
        country_scenario(c, year=args.year, kind=args.kind, share=args.share) for c in countries
    ]


def cmd_sweep(args) -> int:
    from ..scenario import load_scenario
    from ..sweep import check_scheduler, make_jobs, run_sweep

    if args.scheduler is not None:
        check_scheduler(args.scheduler)  # before loading anything
    durations = _durations(args.durations)
    countries = _countries(args)
    check_sweep_jobs((len(args.scenarios) + len(countries)) * len(durations or [None]))
    scenarios = [load_scenario(s) for s in args.scenarios] + _country_scenarios(args, countries)
    jobs = make_jobs(scenarios, durations, args.draws, args.seed)
    for scenario in scenarios:
        for days in durations or [None]:
            sized = scenario if days is None else scenario.with_duration(days)
            check_run_size(args.draws, sized.horizon_h / 24, what=sized.name)
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if tty:
            bar = "#" * int(30 * done / total)
            print(
                f"\r[{bar:<30}] {done}/{total}", end="" if done < total else "\n", file=sys.stderr
            )

    results = run_sweep(jobs, args.scheduler, progress)
    if args.json:
        print(json.dumps([json_ready(r) for r in results], allow_nan=False))
        return 0
    print(f"{'scenario':<34}{'days':>7}{'net p5':>14}{'net p50':>14}{'net p95':>14}")
    for r in results:
        g = r["gdp_loss_usd"]
        print(
            f"{r['scenario']:<34}{r['duration_days']:>7.1f}{money(g['p5']):>14}"
            f"{money(g['p50']):>14}{money(g['p95']):>14}"
        )
    return 0
