"""End-to-end Monte Carlo benchmark of the structural model (run by hand; prints a table).

    .venv/bin/python benchmarks/bench_model.py [--quick]

For the Hong Kong 30-day app-block scenario (and the 1-day full shutdown) it times the vectorised
Monte Carlo (``evaluate``: timelines, shock, cascade, accounting) at 1k / 10k / 100k draws and, in
the same process, compares it with
  (a) a plain per-draw loop of the same model: one SimPy run and one hour-by-hour DIIM per draw
      (timed on a subset of draws and scaled linearly, as said in the output), and
  (b) the bare numpy hourly kernel of the model's cascade rule (capacity or demand, issue 11) of
      the same size: every hour stepped for all draws at once
      (``rationing.propagate_rationed_hourly``), the cascade alone without timelines or accounting.
The year of filtering (long constant forcing) is timed too.
Ratios are measured in one run, so machine load affects both sides alike.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from shutdown_sim.cascade import resilience_k
from shutdown_sim.constants import HOURS_PER_YEAR
from shutdown_sim.model import draw_values, evaluate, prepare
from shutdown_sim.rationing import propagate_rationed_hourly
from shutdown_sim.scenario import load_scenario
from shutdown_sim.shock import shock_profile
from shutdown_sim.timeline import build_timeline


def _timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _sector_array(ctx, values, family: str, rows: np.ndarray) -> np.ndarray:  # noqa: ANN001
    """(len(rows), n) values of ``<sector>.<family>``."""
    return np.stack([values[f"{s}.{family}"][rows] for s in ctx.economy.sectors], axis=1)


def per_draw_loop(ctx, values, draws: np.ndarray) -> float:
    """The naive model: for each draw its own SimPy timeline and the hourly cascade kernel."""
    a_star = ctx.economy.a_star
    a_diag = np.diag(a_star)
    va_h = ctx.economy.value_added_usd / HOURS_PER_YEAR
    t0 = time.perf_counter()
    for s in draws:
        behaviour = {n: float(values[n][s]) for n in ctx.timeline_names}
        tl = build_timeline(ctx.scenario, ctx.network, behaviour, ctx.horizon_h)
        one = np.array([s])
        f = shock_profile(
            tl.services,
            tl.access,
            ctx.weights,
            _sector_array(ctx, values, "mobile_share", one)[0],
            _sector_array(ctx, values, "buffer_h", one)[0],
        )
        k = resilience_k(_sector_array(ctx, values, "recovery_days", one)[0] * 24.0, a_diag)
        k = k * min(float(values["recovery_speed_multiplier"][s]), 1.0 / float(np.max(k)))
        d = _sector_array(ctx, values, "dependence", one)
        buf = _sector_array(ctx, values, "buffer_h", one)[0]
        res = propagate_rationed_hourly(a_star, ctx.a_tech, k, 1.0, d, f, buf, daily=False)
        float(res.total_q_hours[0] @ va_h)
    return time.perf_counter() - t0


def bare_kernel(ctx, values, n_draws: int) -> float:
    """One batched matmul per hour for all draws (the cascade alone)."""
    tl = ctx.central_timeline()
    rows = np.arange(n_draws)
    f = shock_profile(
        tl.services,
        tl.access,
        ctx.weights,
        _sector_array(ctx, values, "mobile_share", rows[:1])[0],
        _sector_array(ctx, values, "buffer_h", rows[:1])[0],
    )
    k0 = resilience_k(
        _sector_array(ctx, values, "recovery_days", rows[:1])[0] * 24.0, np.diag(ctx.economy.a_star)
    )
    D = _sector_array(ctx, values, "dependence", rows)
    buf = _sector_array(ctx, values, "buffer_h", rows[:1])[0]
    return _timed(
        lambda: propagate_rationed_hourly(
            ctx.economy.a_star, ctx.a_tech, k0, 1.0, D, f, buf, daily=False
        ),
        1,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100k-draw rows")
    args = parser.parse_args()
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    print(
        f"{'scenario':<30}{'sectors':>8}{'hours':>7}{'draws':>9}{'model s':>10}"
        f"{'per-draw loop s':>17}{'x loop':>9}{'bare hourly kernel s':>22}{'x kernel':>10}"
    )
    for name in (
        "hk-2019-app-block-escalation",
        "hk-2019-full-shutdown-1d",
        "hk-firewall-permanent",
    ):
        ctx = prepare(load_scenario(name))
        n, hours = len(ctx.economy.sectors), ctx.horizon_h
        loop_per_draw = None
        for size in sizes:
            values = draw_values(ctx, size, seed=1)
            evaluate(ctx, values, daily=True)  # warm-up (imports, allocations)

            def run(ctx=ctx, values=values) -> None:
                ctx._timelines.clear()  # every timed run rebuilds its 16 SimPy timelines
                evaluate(ctx, values, daily=True)

            model_s = _timed(run, 1 if size > 10_000 else 3)
            if loop_per_draw is None:
                subset = np.arange(20)
                loop_per_draw = per_draw_loop(ctx, values, subset) / len(subset)
            loop_s = loop_per_draw * size
            kernel_s = bare_kernel(ctx, values, size) if size <= 10_000 else float("nan")
            print(
                f"{name:<30}{n:>8}{hours:>7}{size:>9,}{model_s:>10.3f}"
                f"{loop_s:>14.1f} (*){loop_s / model_s:>9.0f}"
                f"{kernel_s:>22.3f}{kernel_s / model_s:>10.1f}"
            )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\n(*) per-draw loop timed on 20 draws and scaled linearly. 'model s' includes the"
        f" SimPy timelines (cache cleared), shock, cascade and accounting with daily series."
        f"\nPeak resident memory of this process: {peak_mib:,.0f} MiB"
    )


if __name__ == "__main__":
    main()
