"""The effect of each issue-11 fix on the headlines, one fix at a time (``python -m`` this module).

Most fixes are fields of :class:`~shutdown_sim.structure.StructuralChoices`; correlated draws and
transaction shares are parameters (:class:`Configuration`). The table starts from the model before
issue 11 (:data:`BEFORE`, independent draws, whole value added exposed), switches each fix on
alone, then all of them (the model's defaults), and reports the net GDP loss (median, p5, p95
over the draws, USD) of the 1-day and 7-day full shutdowns and the year of filtering.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, fields

import numpy as np

from .model import draw_values, evaluate, prepare
from .params.families import load_families
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


@dataclass(frozen=True)
class Configuration:
    """One row of the table: structural choices, correlated draws on/off, transaction shares."""

    label: str
    choices: StructuralChoices
    correlated: bool = True
    transaction_shares: bool = True


def configurations(
    before: StructuralChoices = BEFORE, after: StructuralChoices | None = None
) -> list[Configuration]:
    """Before issue 11, each fix switched on alone, then all fixes (the model's defaults).

    Besides the structural choices, two fixes are parameters: correlated expert-judgement draws
    (off = every family drawn independently) and the transaction shares of value added (off =
    every sector's share 1, the whole value added exposed).
    """
    after = after or StructuralChoices()
    rows = [Configuration("before issue 11", before, correlated=False, transaction_shares=False)]
    for f in fields(StructuralChoices):
        new = getattr(after, f.name)
        if getattr(before, f.name) != new:
            label = f"+ {f.name}={str(new).lower() if isinstance(new, bool) else new}"
            rows.append(Configuration(label, before.with_(**{f.name: new}), False, False))
    rows.append(Configuration("+ correlated draws", before, True, False))
    rows.append(Configuration("+ transaction shares", before, False, True))
    rows.append(Configuration("all fixes (model default)", after))
    return rows


def headline(scenario: str, config: Configuration, draws: int, seed: int) -> np.ndarray:
    """(p50, p5, p95) of the net GDP loss in USD."""
    correlations = None
    if not config.correlated:
        correlations = {name: 0.0 for name in load_families().correlations()}
    ctx = prepare(load_scenario(scenario), structure=config.choices, correlations=correlations)
    values = draw_values(ctx, draws, seed)
    if not config.transaction_shares:
        for name in values:
            if name.endswith(".transaction_share"):
                values[name] = np.ones_like(values[name])
    net = evaluate(ctx, values, daily=False).net_gdp_usd
    return np.percentile(net, [50, 5, 95])


def table(draws: int = 1000, seed: int = 0) -> str:
    """Markdown table: one row per configuration, median (p5-p95) in USD M per headline."""
    head = "| configuration | " + " | ".join(f"{h}: median (p5-p95), USD M" for h, _ in HEADLINES)
    lines = [head + " |", "|---" * (len(HEADLINES) + 1) + "|"]
    for config in configurations():
        cells = []
        for _, scenario in HEADLINES:
            p50, p5, p95 = headline(scenario, config, draws, seed) / 1e6
            cells.append(f"{p50:,.0f} ({p5:,.0f}-{p95:,.0f})")
        lines.append(f"| {config.label} | " + " | ".join(cells) + " |")
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
