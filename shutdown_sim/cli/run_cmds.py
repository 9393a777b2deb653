"""``run`` and ``validate``: the structural model from the command line."""

from __future__ import annotations

import argparse
import sys

from ..limits import DRAWS_ALLOWED, MAX_DRAWS, check_run_size
from ..output import dumps_json
from ..report.messages import money
from ..scenario import DEFAULT_SCENARIO, load_scenario

DEFAULT_DRAWS = 1000
DRAWS_RANGE = DRAWS_ALLOWED
SEED_RANGE = "integer in [0, 2**63)"


# argparse turns ValueError (and so InputError) raised by a type= function into a generic
# "invalid ... value" without the allowed range; ArgumentTypeError keeps our message.
def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an integer; allowed: {DRAWS_RANGE}"
        ) from None
    if not 1 <= value <= MAX_DRAWS:
        raise argparse.ArgumentTypeError(f"{value} out of range; allowed: {DRAWS_RANGE}")
    return value


def seed_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an integer; allowed: {SEED_RANGE}"
        ) from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"{value} out of range; allowed: {SEED_RANGE}")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    run = subparsers.add_parser(
        "run",
        help="simulate a scenario (default: Hong Kong, 1-day full "
        "shutdown) and report the loss range",
    )
    # scenario, --draws and --seed default to None so that --reproduce (which takes them from
    # the saved result) can refuse them instead of ignoring them; cmd_run fills in the defaults
    run.add_argument(
        "scenario",
        nargs="?",
        default=None,
        help=f"scenario name or YAML path (default: {DEFAULT_SCENARIO})",
    )
    run.add_argument(
        "--draws",
        type=positive_int,
        default=None,
        help=f"Monte Carlo draws (default: {DEFAULT_DRAWS})",
    )
    run.add_argument("--seed", type=seed_int, default=None, help="random seed (default: 0)")
    run.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    run.add_argument("--out", metavar="DIR", help="write result.json and CSVs into DIR")
    run.add_argument("--force", action="store_true", help="replace an existing --out folder")
    run.add_argument(
        "--reproduce",
        metavar="RESULT_JSON",
        help="rerun a saved result.json and confirm identical numbers",
    )
    country = run.add_argument_group(
        "a shutdown happening now (no YAML; any World Bank economy with data)"
    )
    country.add_argument(
        "--country", metavar="ISO3", help="ISO3 code, e.g. IND (instead of SCENARIO)"
    )
    country.add_argument(
        "--year", type=int, help="year (default: latest with GDP; nearest data used)"
    )
    country.add_argument("--kind", choices=("full", "mobile", "apps"), help="default: full")
    country.add_argument("--days", type=float, help="length in days, fractional ok (default: 1)")
    country.add_argument("--share", type=float, help="share of users under the order (default: 1)")
    country.add_argument("--apps", metavar="A,B", help="blocked apps for --kind apps")
    real = run.add_argument_group("what actually happened (docs/outages.md)")
    real.add_argument(
        "--measured",
        metavar="FILE",
        help="with --country: access follows a measured connectivity curve "
        "(instead of --kind/--days)",
    )
    real.add_argument("--signal", help="the file's signal to use (default: the only one)")
    real.add_argument("--normal", type=float, help="the signal's normal level (default: baselines)")
    real.add_argument(
        "--event",
        metavar="ID",
        help="price one record of past shutdowns (see: shutdown-sim events)",
    )
    run.set_defaults(func=cmd_run)

    validate = subparsers.add_parser("validate", help="check a scenario file and say what it does")
    validate.add_argument("scenario")
    validate.add_argument("--json", action="store_true")
    validate.set_defaults(func=cmd_validate)


def _progress(args) -> object:
    if args.json or not sys.stderr.isatty():
        return None

    def show(fraction: float) -> None:
        bar = "#" * int(fraction * 30)
        print(f"\r[{bar:<30}] {fraction:4.0%}", end="" if fraction < 1 else "\n", file=sys.stderr)

    return show


def cmd_run(args) -> int:
    from ..model import simulate

    if args.reproduce is not None:  # --reproduce "" is an error, not "no --reproduce"
        from ..errors import InputError
        from ..reproduce import reproduce

        given = [
            name
            for name, value in (
                ("SCENARIO", args.scenario),
                ("--draws", args.draws),
                ("--seed", args.seed),
                ("--out", args.out),
                ("--force", args.force or None),
                ("--country", args.country),
                *((f"--{o}", getattr(args, o)) for o in COUNTRY_OPTIONS),
                *((f"--{o}", getattr(args, o)) for o in REAL_OPTIONS),
            )
            if value is not None
        ]
        if given:  # the saved result fixes all of them; ignoring one would mislead
            raise InputError(
                f"{', '.join(given)} cannot be combined with --reproduce",
                field="--reproduce",
                allowed="run --reproduce RESULT_JSON [--json]",
            )
        return reproduce(args.reproduce, as_json=args.json)
    args.draws = DEFAULT_DRAWS if args.draws is None else args.draws
    args.seed = 0 if args.seed is None else args.seed
    scenario = _record_scenario(args) or _country_scenario(args)
    if scenario is None:
        args.scenario = DEFAULT_SCENARIO if args.scenario is None else args.scenario
        scenario = load_scenario(args.scenario)
    check_run_size(args.draws, scenario.horizon_h / 24, what=scenario.name)  # before any work
    if args.out is not None:  # --out "" is an error, not "no --out"
        from ..output import check_out_dir

        check_out_dir(args.out, force=args.force)  # refuse a bad target before simulating
    print(f"shutdown-sim: {scenario.name}: {args.draws} draws, seed {args.seed}", file=sys.stderr)
    result = simulate(scenario, draws=args.draws, seed=args.seed, progress=_progress(args))
    if args.out is not None:
        from ..output import write_atomically, write_result_files

        write_atomically(
            args.out, lambda folder: write_result_files(result, folder), force=args.force
        )
        print(f"shutdown-sim: wrote {args.out}", file=sys.stderr)
    if args.json:
        print(dumps_json(result.to_dict(), ensure_ascii=False))
    else:
        print(format_result(result))
    return 0


COUNTRY_OPTIONS = ("year", "kind", "days", "share", "apps")
REAL_OPTIONS = ("measured", "signal", "normal", "event")


def _record_scenario(args):
    """The scenario of ``--event ID`` or ``--country ISO3 --measured FILE`` (else None)."""
    from ..errors import InputError

    event, measured = getattr(args, "event", None), getattr(args, "measured", None)
    if event is None and measured is None:
        extra = [f"--{o}" for o in ("signal", "normal") if getattr(args, o, None) is not None]
        if extra:
            raise InputError(
                f"{', '.join(extra)} need --measured", field=extra[0], allowed="--measured FILE"
            )
        return None
    levers = [f"--{o}" for o in ("kind", "days", "share", "apps") if getattr(args, o) is not None]
    if args.scenario is not None or levers or (event is not None and measured is not None):
        given = ["SCENARIO"] * (args.scenario is not None) + levers
        given += ["--measured"] * (event is not None and measured is not None)
        raise InputError(
            f"{', '.join(given)} cannot be combined with {'--event' if event else '--measured'}",
            field="--event" if event else "--measured",
            allowed="run --event ID | run --country ISO3 --measured FILE [--signal S] [--normal X]",
        )
    if event is not None:
        if args.country is not None or args.year is not None:
            raise InputError(
                "--country/--year come from the record", field="--event", allowed="run --event ID"
            )
        from ..outages.pricing import find_record, record_scenario

        return record_scenario(find_record(event))
    if args.country is None:
        raise InputError("--measured needs --country", field="--measured", allowed="--country ISO3")
    from ..outages.measured import measured_scenario

    return measured_scenario(
        args.country, measured, signal=args.signal, normal=args.normal, year=args.year
    )


def _country_scenario(args):
    """The scenario of ``--country`` (None without it); its options refused without it."""
    from ..errors import InputError

    extra = [f"--{o}" for o in COUNTRY_OPTIONS if getattr(args, o, None) is not None]
    if getattr(args, "country", None) is None:
        if extra:
            raise InputError(
                f"{', '.join(extra)} need --country", field=extra[0], allowed="--country ISO3"
            )
        return None
    if args.scenario is not None:
        raise InputError(
            "SCENARIO cannot be combined with --country",
            field="--country",
            allowed="run SCENARIO or run --country ISO3",
        )
    from ..country_run import country_scenario

    apps = () if args.apps is None else tuple(a.strip() for a in args.apps.split(",") if a.strip())
    if args.apps is not None and not apps:
        raise InputError(f"{args.apps!r} names no app", field="--apps", allowed="A,B")
    return country_scenario(
        args.country,
        year=args.year,
        kind=args.kind or ("apps" if apps else "full"),
        days=1.0 if args.days is None else args.days,
        share=1.0 if args.share is None else args.share,
        apps=apps,
    )


def _usd(value: float) -> str:
    return money(value, "USD")


def _beyond_lines(result) -> list[str]:
    """People cut off, worker-days and tax lost, on their own lines (never in the headline)."""
    from ..report.beyond import beyond_lines
    from ..report.messages import Messages

    lines = beyond_lines(result)
    if not lines:
        return []
    return ["", Messages.for_lang("en").t("beyond_heading_cli"), *(f"  {x}" for x in lines)]


def format_result(result) -> str:
    """A short readable report for the terminal."""
    s = result.summary()
    head = result.headline()
    lines = [
        f"{result.scenario_name} — {result.region_name}, {result.year}, "
        f"{result.duration_days:g} day(s) of disruption; {result.draws} draws, seed {result.seed}",
        "",
        f"Net GDP loss (headline, median of the draws): {_usd(head['p50'])}, "
        f"range {_usd(head['p5'])} – {_usd(head['p95'])} (p5–p95)",
        f"  = {money(head['p50'] * result.local_per_usd, result.currency)} median; "
        f"{_usd(head['central'])} with every assumption at its central value",
        "",
        f"{'outcome':<20}{'central':>16}{'p5':>16}{'p50':>16}{'p95':>16}",
    ]
    for name, row in s.iterrows():
        lines.append(
            f"{name:<20}{_usd(row['central']):>16}{_usd(row['p5']):>16}"
            f"{_usd(row['p50']):>16}{_usd(row['p95']):>16}"
        )
    lines += _beyond_lines(result)
    if result.baselines:
        lines += [
            "",
            f"Published methods (same country, year and events; kind {result.baseline_kind}):",
        ]
        from ..baselines import METHODS

        for method, info in result.baselines.items():
            value = info["cost_usd"]
            amount = _usd(value) if value == value else "n/a"  # NaN: the method cannot price it
            mod = METHODS.get(method)
            what = f"  {mod.COUNTS}; {mod.VINTAGE}" if mod else ""
            lines.append(f"  {method:<14}{amount:>18}{what}")
    top = result.by_sector.sort_values("gdp_loss_usd_mean", ascending=False).head(5)
    lines += ["", "Largest sector losses (net GDP, mean):"]
    for _code, row in top.iterrows():
        lines.append(f"  {row['name'][:40]:<42}{_usd(row['gdp_loss_usd_mean']):>18}")
    if len(result.events):
        lines += ["", "Events:"]
        for e in result.events.head(12).to_dict("records"):
            lines.append(f"  h{e['time_h']:>7.1f}  {e['kind']:<22}{e['detail']}")
    for note in result.notes:
        lines += ["", f"Note: {note}"]
    return "\n".join(lines)


def cmd_validate(args) -> int:
    from ..model import prepare

    scenario = load_scenario(args.scenario)
    prepare(scenario)  # what run checks before simulating: overrides, the region's data
    open_ended = scenario.disruption_end_h() is None
    info = {
        "scenario": scenario.name,
        "valid": True,
        "region": scenario.region,
        "year": scenario.year,
        # None: open-ended events (cable cuts end when repaired, exits are permanent); `run`
        # reports the simulated length
        "duration_days": None if open_ended else scenario.duration_days,
        "horizon_days": scenario.horizon_h / 24,
        "events": [e.summary() for e in scenario.events],
    }
    if args.json:
        print(dumps_json(info, ensure_ascii=False))
    else:
        length = "open-ended" if open_ended else f"{scenario.duration_days:g} days"
        print(
            f"{scenario.name}: valid ({scenario.region} {scenario.year}, "
            f"{length}, horizon {scenario.horizon_h / 24:g} days)"
        )
        for line in info["events"]:
            print(f"  - {line}")
    return 0
