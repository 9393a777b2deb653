"""Speed of the every-country model (run by hand; prints two tables).

    .venv/bin/python benchmarks/bench_country.py [--skip-map] [--country IND] [--workers 2]

1. A 35-sector economy: the country's 20 model sectors split along the ADB MRIO 35-sector
   concordance (``parameters/world/sectors.csv``: e.g. other manufacturing into its 13 ADB
   sectors), each part an equal share of its sector's output, so the split A* has the same row
   sums and spectral radius (a*_(I,a),(J,b) = a*_IJ / k_J). Benchmark-only: the model itself runs
   on 20 sectors. The whole vectorised Monte Carlo (``evaluate``: SimPy timelines with the cache
   cleared, shock, cascade, accounting with daily series) for a 30-day hourly horizon at 1,000 and
   10,000 draws is timed beside the bare numpy hourly DIIM kernel of the same size
   (``cascade.propagate_hourly``: one batched matmul per hour for all draws), in one process.
2. The world map: a one-day full shutdown in every economy with data, 1,000 draws each
   (``shutdown_sim.worldmap.world_table``), on ``--workers`` processes.
"""

from __future__ import annotations

import argparse
import os
import time
from unittest import mock

import numpy as np
import pandas as pd
from bench_model import _sector_array, _timed  # same folder: run as a script

from shutdown_sim.cascade import propagate_hourly, resilience_k
from shutdown_sim.model import draw_values, evaluate, prepare
from shutdown_sim.params import world
from shutdown_sim.params.country import country_build
from shutdown_sim.params.economy import build_economy
from shutdown_sim.params.economy_tables import economy_tables
from shutdown_sim.scenario import scenario_from_dict
from shutdown_sim.shock import shock_profile


def split_35(iso3: str, year: int):
    """The country's economy on the ADB-35 sectors (equal split within each model sector)."""
    build = country_build(iso3, year)
    t = build.tables
    conc = world._table("sectors.csv", None)
    parts: dict[str, list[str]] = {}
    for _, row in conc.iterrows():
        for code in str(row["adb35_codes"]).split("+"):
            parts.setdefault(row["model_sector"], []).append(code)
    sectors = list(t.io_matrix.index)
    new = [f"{s}_{c}" for s in sectors for c in parts[s]]
    k = {s: len(parts[s]) for s in sectors}
    owner = {f"{s}_{c}": s for s in sectors for c in parts[s]}
    a = np.array([[t.io_matrix.loc[owner[i], owner[j]] / k[owner[j]] for j in new] for i in new])
    money = ["gross_output_usd", "value_added_usd", "intermediate_inputs_usd",
             "intermediate_sales_usd"]  # fmt: skip

    def split(frame: pd.DataFrame, money_cols=()) -> pd.DataFrame:
        rows = []
        for _, r in frame.iterrows():
            for c in parts[r["sector"]]:
                rec = r.to_dict()
                rec["sector"] = f"{r['sector']}_{c}"
                for m in money_cols:
                    rec[m] = float(r[m]) / k[r["sector"]]
                rows.append(rec)
        return pd.DataFrame(rows)

    def text(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.astype(object).where(frame.notna(), "")

    frames = {
        "sectors": text(split(t.sectors, money)),
        "employment": text(split(t.employment, ["employment_persons"])),
        "sector_assumptions": text(split(t.sector_assumptions)),
        "channel_weights": text(split(t.channel_weights)),
        "behaviour": text(t.behaviour),
        "io_matrix": pd.DataFrame(a, index=new, columns=new),
    }
    meta = {
        "iso3": iso3, "name": t.meta.name, "currency": "USD", "local_per_usd": 1.0,
        "default_year": year, "macro": t.meta.macro,
    }  # fmt: skip
    return build_economy(economy_tables(meta, frames, source=f"{iso3} split to 35"), year)


def bench_35(iso3: str) -> None:
    year = 2022
    economy = split_35(iso3, year)
    scenarios = {
        "20-day app block + escalation": {
            "kind": "app_block", "start_h": 2, "duration_h": 480, "apps": ["whatsapp"],
            "escalation": {"apps": ["telegram", "signal"], "reaction_lag_h": 120},
        },
        "3-day full shutdown": {"kind": "shutdown", "start_h": 0, "duration_h": 72},
    }  # fmt: skip
    print(f"\n35-sector economy ({iso3} {year} split along ADB-35), 30-day hourly horizon")
    print(f"{'scenario':<32}{'sectors':>8}{'hours':>7}{'draws':>8}{'model s':>10}"
          f"{'bare hourly kernel s':>22}{'model / kernel':>16}")  # fmt: skip
    for label, event in scenarios.items():
        scenario = scenario_from_dict(
            {"name": "bench35", "region": iso3, "year": year, "horizon_days": 30,
             "events": [event]}
        )  # fmt: skip
        with mock.patch("shutdown_sim.model.load_economy", lambda *a, **k: economy):
            ctx = prepare(scenario)
        for size in (1_000, 10_000):
            values = draw_values(ctx, size, seed=1)
            evaluate(ctx, values, daily=True)  # warm-up

            def run(ctx=ctx, values=values) -> None:
                ctx._timelines.clear()  # every timed run rebuilds its SimPy timelines
                evaluate(ctx, values, daily=True)

            model_s = _timed(run)
            tl = ctx.central_timeline()
            one, rows = np.arange(1), np.arange(size)
            f = shock_profile(tl.services, tl.access, ctx.weights,
                              _sector_array(ctx, values, "mobile_share", one)[0],
                              _sector_array(ctx, values, "buffer_h", one)[0])  # fmt: skip
            a = ctx.economy.a_star
            k0 = resilience_k(
                _sector_array(ctx, values, "recovery_days", one)[0] * 24.0, np.diag(a)
            )
            dep = _sector_array(ctx, values, "dependence", rows)
            kernel_s = _timed(
                lambda a=a, k0=k0, dep=dep, f=f: propagate_hourly(
                    a, k0, np.ones(len(dep)), dep, f, daily=False
                )
            )
            print(f"{label:<32}{ctx.economy.n:>8}{ctx.horizon_h:>7}{size:>8,}{model_s:>10.3f}"
                  f"{kernel_s:>22.3f}{model_s / kernel_s:>16.2f}")  # fmt: skip


def bench_map(workers: int) -> None:
    from shutdown_sim.worldmap import world_table

    print(f"\nWorld map: one-day full shutdown, every economy with data, 1,000 draws, "
          f"{workers} worker processes (os.cpu_count() = {os.cpu_count()})")  # fmt: skip
    t0 = time.perf_counter()
    frame = world_table(1000, 0, workers=workers)
    wall = time.perf_counter() - t0
    failed = int((frame["error"].fillna("") != "").sum())
    print(f"{len(frame)} economies ({failed} failed) in {wall:.1f} s wall "
          f"({wall / len(frame) * workers:.2f} s per economy per worker)")  # fmt: skip
    load = os.getloadavg()
    print(f"load average after the run: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--country", default="IND")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-map", action="store_true")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    bench_35(args.country)
    if not args.skip_map:
        bench_map(args.workers)


if __name__ == "__main__":
    main()
