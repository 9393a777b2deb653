"""Speed of the yearly report (issue 16 item 4): every #KeepItOn record of a year priced once.

    .venv/bin/python benchmarks/bench_annual.py [--year 2019] [--draws 1000] [--workers 2]
        [--records DIR]

Times ``annual_report`` in one process and on a local dask cluster of ``--workers``
single-thread workers (the path ``annual --scheduler`` takes), checks that both give the same
per-country draws, and prints each wall time beside the 60 s target and their ratio. The record
files are not shipped (Access Now's terms): give ``--records`` or set ``SHUTDOWN_SIM_RECORDS``
(docs/outages.md).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from shutdown_sim.outages.pricing import annual_report
from shutdown_sim.outages.records import load_records, records_dir, select

TARGET_S = 60.0


def _timed(**kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    rows = annual_report(**kwargs)
    return rows, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2019)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--records", default=None)
    args = parser.parse_args()
    folder = records_dir(args.records)
    n = len(select(load_records(folder), year=args.year))
    common = dict(year=args.year, draws=args.draws, seed=0, folder=folder)
    print(f"annual {args.year}: {n} records, {args.draws} draws each")

    local, local_wall, local_cpu = _timed(**common)

    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        dask_rows, dask_wall, _ = _timed(scheduler=cluster.scheduler_address, **common)

    same = len(local) == len(dask_rows) and all(
        a.iso3 == b.iso3
        and (a.draws_usd is None) == (b.draws_usd is None)
        and (a.draws_usd is None or np.array_equal(a.draws_usd, b.draws_usd))
        for a, b in zip(local, dask_rows, strict=True)
    )
    print(f"{'path':<28}{'wall s':>9}{'/ 60 s target':>15}")
    print(f"{'one process':<28}{local_wall:>9.1f}{local_wall / TARGET_S:>15.2f}")
    print(f"{f'dask, {args.workers} workers':<28}{dask_wall:>9.1f}{dask_wall / TARGET_S:>15.2f}")
    print(f"one process CPU {local_cpu:.1f} s; dask / one process = {dask_wall / local_wall:.2f}")
    print(f"identical per-country draws: {same}")


if __name__ == "__main__":
    main()
