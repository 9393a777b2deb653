"""The effect of each issue-11 fix on the headlines, one fix at a time (``python -m`` this module).

Each fix is a field of :class:`~shutdown_sim.structure.StructuralChoices`. The table starts from
the model before issue 11 (:data:`BEFORE`), switches each fix on alone, then all of them (the
model's defaults), and reports the net GDP loss (median, p5, p95 over the draws, USD) of the
1-day and 7-day full shutdowns and the year of filtering.
"""

from __future__ import annotations

import argparse
from dataclasses import fields

import numpy as np

from .model import draw_values, evaluate, prepare
from .scenario import load_scenario
from .structure import StructuralChoices

#: The model's structural rules before issue 11 (Hong Kong: the total-use input-output table).
BEFORE = StructuralChoices(
    io_table="total_use",
    rationing="additive",
    recapture="flat",
    private_networks="cut",
    throttle_headroom=False,
)
HEADLINES = (
    ("1 day", "hk-2019-full-shutdown-1d"),
    ("7 days", "hk-2019-full-shutdown-7d"),
    ("firewall, 1 year", "hk-firewall-permanent"),
)


def configurations(
    before: StructuralChoices = BEFORE, after: StructuralChoices | None = None
) -> list[tuple[str, StructuralChoices]]:
    """[(label, choices)]: before, each field of ``after`` switched on alone, all of them."""
    after = after or StructuralChoices()
    rows = [("before issue 11", before)]
    for f in fields(StructuralChoices):
        new = getattr(after, f.name)
        if getattr(before, f.name) != new:
            rows.append((f"+ {f.name}={new}", before.with_(**{f.name: new})))
    rows.append(("all fixes (model default)", after))
    return rows


def headline(scenario: str, choices: StructuralChoices, draws: int, seed: int) -> np.ndarray:
    """(p50, p5, p95) of the net GDP loss in USD."""
    ctx = prepare(load_scenario(scenario), structure=choices)
    net = evaluate(ctx, draw_values(ctx, draws, seed), daily=False).net_gdp_usd
    return np.percentile(net, [50, 5, 95])


def table(draws: int = 1000, seed: int = 0) -> str:
    """Markdown table: one row per configuration, median (p5-p95) in USD M per headline."""
    head = "| configuration | " + " | ".join(f"{h}: median (p5-p95), USD M" for h, _ in HEADLINES)
    lines = [head + " |", "|---" * (len(HEADLINES) + 1) + "|"]
    for label, choices in configurations():
        cells = []
        for _, scenario in HEADLINES:
            p50, p5, p95 = headline(scenario, choices, draws, seed) / 1e6
            cells.append(f"{p50:,.0f} ({p5:,.0f}-{p95:,.0f})")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    print(table(args.draws, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
