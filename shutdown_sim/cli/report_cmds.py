"""``report``: the publishable brief (brief.html, brief.md, results.csv) in en or zh-Hant."""

from __future__ import annotations

import argparse
import sys

from .run_cmds import DEFAULT_DRAWS, positive_int, seed_int

LANG_CHOICES = ("en", "zh-Hant")


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser(
        "report", help="write a sourced one-page brief (HTML, Markdown, CSV) for a scenario"
    )
    report.add_argument("scenario", help="scenario name or YAML path")
    report.add_argument(
        "--lang",
        choices=LANG_CHOICES,
        default="en",
        help="language of the brief: en | zh-Hant (default: %(default)s)",
    )
    report.add_argument(
        "--draws",
        type=positive_int,
        default=DEFAULT_DRAWS,
        help="Monte Carlo draws (default: %(default)s)",
    )
    report.add_argument("--seed", type=seed_int, default=0, help="random seed (default: 0)")
    report.add_argument(
        "--out",
        metavar="DIR",
        required=True,
        help="folder to write brief.html, brief.md and results.csv into",
    )
    report.add_argument("--force", action="store_true", help="replace an existing --out folder")
    report.set_defaults(func=cmd_report)


def cmd_report(args) -> int:
    from ..report import write_brief
    from ..scenario import load_scenario

    scenario = load_scenario(args.scenario)
    print(
        f"shutdown-sim: {scenario.name}: {args.draws} draws, seed {args.seed}, "
        f"language {args.lang}",
        file=sys.stderr,
    )
    brief, paths = write_brief(
        args.out, scenario, lang=args.lang, draws=args.draws, seed=args.seed, force=args.force
    )
    for path in paths:
        print(f"shutdown-sim: wrote {path}", file=sys.stderr)
    print(brief.headline())
    return 0
