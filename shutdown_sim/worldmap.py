"""The cost of a one-day full shutdown in every economy with data (the app's world map).

:func:`world_table` runs ``run --country ISO3 --kind full --days 1`` for every economy (or the
codes given) and returns one row per economy: the model's p5/p50/p95 net GDP loss (USD), the
published methods' figures for the same event, the data tier and GDP. Economies are spread over
``workers`` processes (one economy per task); the numbers do not depend on the number of workers
(each economy has its own seeded run).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from typing import Any

import pandas as pd

COLUMNS = ("iso3", "name", "region_tier", "gdp_usd", "p5", "p50", "p95", "error")


def country_day(iso3: str, draws: int = 1000, seed: int = 0) -> dict[str, Any]:
    """One economy's row: model net GDP loss of a one-day full shutdown and the baselines.

    The same draws as ``run --country ISO3 --draws N --seed S`` (``model.simulate``), without
    the daily series and the result tables a map does not show.
    """
    import numpy as np

    from .comparison import compare_baselines
    from .country_run import country_scenario
    from .model import draw_values, evaluate, prepare
    from .params import world

    eco = world.economies()
    name = str(eco.loc[iso3, "name"]) if iso3 in eco.index else iso3
    try:
        scenario = country_scenario(iso3, days=1.0)
        ctx = prepare(scenario)
        net = evaluate(ctx, draw_values(ctx, int(draws), int(seed)), daily=False).net_gdp_usd
        comparison = compare_baselines(scenario, ctx.economy, ctx.central_timeline())
    except Exception as exc:  # noqa: BLE001 - one economy's missing table must not stop the map
        return {"iso3": iso3, "name": name, "error": f"{type(exc).__name__}: {exc}"}
    p5, p50, p95 = (float(x) for x in np.percentile(net, [5, 50, 95]))
    row: dict[str, Any] = {
        "iso3": iso3, "name": name, "region_tier": ctx.economy.region_tier,
        "gdp_usd": ctx.economy.gdp_usd, "p5": p5, "p50": p50, "p95": p95, "error": "",
    }  # fmt: skip
    for method, info in comparison.baselines.items():
        value = info["cost_usd"]
        missing = value is None or (isinstance(value, float) and math.isnan(value))
        row[method] = None if missing else value
    return row


def _job(args: tuple[str, int, int]) -> dict[str, Any]:
    return country_day(*args)


def world_table(
    draws: int = 1000,
    seed: int = 0,
    *,
    workers: int = 2,
    codes: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """One row per economy (see the module docstring), sorted by ISO3 code."""
    from .country_run import country_codes

    codes = list(codes) if codes is not None else country_codes("all")
    jobs = [(c, int(draws), int(seed)) for c in codes]
    rows: list[dict[str, Any]] = []
    if workers <= 1:
        for i, job in enumerate(jobs, 1):
            rows.append(_job(job))
            if progress:
                progress(i, len(jobs))
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            futures = [pool.submit(_job, job) for job in jobs]
            for i, future in enumerate(as_completed(futures), 1):
                rows.append(future.result())
                if progress:
                    progress(i, len(jobs))
    frame = pd.DataFrame(rows)
    for column in COLUMNS:
        if column not in frame:
            frame[column] = None
    return frame.sort_values("iso3").reset_index(drop=True)
