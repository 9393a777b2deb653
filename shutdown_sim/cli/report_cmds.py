"""``report``: the publishable brief in en or zh-Hant.

Always brief.html, brief.md and results.csv; with a Chrome/Chromium also brief.pdf (A4),
card.png (1200 × 675) and PNG charts. Without a browser, one line on stderr names the files it
could not make and how to get a browser; the exit code stays 0.
"""

from __future__ import annotations

import argparse
import sys

from ..limits import check_run_size
from .run_cmds import DEFAULT_DRAWS, positive_int, seed_int

LANG_CHOICES = ("en", "zh-Hant")


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser(
        "report",
        help="write a sourced brief for a scenario (HTML, Markdown, CSV; with a browser also "
        "PDF, social card and PNG charts)",
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
        help="folder to write the brief into (brief.html, brief.md, results.csv, brief.pdf, "
        "card.png, chart_*.png)",
    )
    report.add_argument("--force", action="store_true", help="replace an existing --out folder")
    report.add_argument(
        "--no-browser",
        action="store_true",
        help="write only the files that need no browser (HTML, Markdown, CSV)",
    )
    report.set_defaults(func=cmd_report)


def cmd_report(args) -> int:
    from ..output import check_out_dir
    from ..report.brief import build_brief
    from ..report.publish import AUTO, write_publication
    from ..scenario import load_scenario

    check_out_dir(args.out, force=args.force)  # fail before the (slower) simulation
    scenario = load_scenario(args.scenario)
    check_run_size(args.draws, scenario.horizon_h / 24, what=scenario.name)  # before any work
    print(
        f"shutdown-sim: {scenario.name}: {args.draws} draws, seed {args.seed}, "
        f"language {args.lang}",
        file=sys.stderr,
    )
    brief = build_brief(scenario, draws=args.draws, seed=args.seed, lang=args.lang)
    pub = write_publication(
        brief, args.out, force=args.force, browser=None if args.no_browser else AUTO
    )
    for path in pub.paths:
        print(f"shutdown-sim: wrote {path}", file=sys.stderr)
    if pub.missing_line():
        print(f"shutdown-sim: {pub.missing_line()}", file=sys.stderr)
    print(brief.headline())
    return 0
