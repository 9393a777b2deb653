"""``hindcast``: the model on real shutdowns, beside the costs others published for them."""

from __future__ import annotations

import argparse
import sys

from ..output import dumps_json
from ..report.messages import money
from .run_cmds import positive_int, seed_int


def register(subparsers: argparse._SubParsersAction) -> None:
    hind = subparsers.add_parser(
        "hindcast",
        help="run the model and the published methods on real shutdowns (scenarios/events/) "
        "and set them beside the published cost figures",
    )
    hind.add_argument(
        "events", nargs="*", metavar="EVENT", help="event scenario names (default: all)"
    )
    hind.add_argument("--draws", type=positive_int, default=1000)
    hind.add_argument("--seed", type=seed_int, default=0)
    hind.add_argument("--list", action="store_true", help="list the real events and stop")
    hind.add_argument("--json", action="store_true")
    hind.set_defaults(func=cmd_hindcast)


def _ratio(value: float | None) -> str:
    if value is None or value != value:
        return "n/a"
    return f"{value:.2g}" if value < 10 else f"{value:.0f}"


def cmd_hindcast(args) -> int:
    from ..baselines import METHODS
    from ..hindcast import load_events, run_hindcast

    if args.list:
        loaded, failed = load_events(args.events or None)
        if args.json:
            listing = [
                {
                    "scenario": name,
                    **s.real_event.model_dump(mode="json", include={"id", "country", "start"}),
                    "published": len(s.published),
                }
                for name, s in loaded.items()
                if s.real_event is not None
            ]
            print(dumps_json({"events": listing, "failed": failed}))
            return 0
        for name, s in loaded.items():
            rec = s.real_event
            if rec is not None:
                print(f"{name:<40}{rec.country}  {rec.start or 'hypothetical':<12}  {rec.what}")
        for name, line in failed.items():
            print(f"{name:<40}FAILED: {line}")
        return 0

    tty = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int, name: str) -> None:
        if tty:
            print(
                f"\r[{done}/{total}] {name:<50}", end="" if done < total else "\n", file=sys.stderr
            )

    table = run_hindcast(args.events or None, draws=args.draws, seed=args.seed, progress=progress)
    if args.json:
        print(dumps_json(table.to_dict(), ensure_ascii=False))
        return 0
    print(format_table(table, tuple(METHODS)))
    return 0


def format_table(table, methods: tuple[str, ...]) -> str:
    """The hindcast table for the terminal: one line per published figure."""
    head = (
        f"{'event':<24}{'days':>7}  {'estimator':<16}{'published':>12}"
        f"{'model p50':>12}{'p5-p95':>22}{'model/pub':>10}"
        + "".join(f"{m[:9]:>10}" for m in methods)
    )
    lines = [
        f"Hindcast: net GDP loss from the model ({table.draws} draws, seed {table.seed}) and the "
        "published methods on the same events, beside published figures.",
        "Ratios are x/published (1 = same figure). Published figures are estimates too.",
        "",
        head,
    ]
    for r in table.rows:
        span = f"{money(r.model_p5_usd)}-{money(r.model_p95_usd)}"
        ratios = r.baseline_ratios()
        lines.append(
            f"{r.event_id[:23]:<24}{r.days:>7.3g}  {r.estimator[:15]:<16}"
            f"{money(r.published_usd):>12}{money(r.model_p50_usd):>12}{span:>22}"
            f"{_ratio(r.ratio):>10}" + "".join(f"{_ratio(ratios.get(m)):>10}" for m in methods)
        )
    s = table.summary()
    if s.get("figures"):
        lines += [
            "",
            f"{s['figures']} published figures on {s['events']} events: median model/published "
            f"{s['median_ratio_model_to_published']:.2g}; within x2: {s['within_factor_2']}, "
            f"within x10: {s['within_factor_10']}; model higher: {s['model_higher']}; published "
            f"figure inside the model's p5-p95: {s['published_within_model_range']}.",
        ]
    for name, line in table.failed.items():
        lines.append(f"not run: {name}: {line}")
    return "\n".join(lines)
