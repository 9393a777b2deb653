"""Documented limits on the work one command may ask for, checked before any work starts.

- ``MAX_DRAWS``: Monte Carlo draws per run (``--draws``).
- ``MAX_RESULT_BYTES``: estimated memory of one run's per-draw arrays. A run keeps, per draw,
  about ``BYTES_PER_DRAW_DAY`` bytes for every simulated day (daily losses, their cumulative sums
  and percentiles) plus ``BYTES_PER_DRAW`` (per-sector and per-outcome values). Measured on the
  bundled permanent firewall (395 simulated days): 20,000 draws take about 420 MB more than 500
  draws, i.e. about 55 bytes per draw-day.
- ``MAX_SWEEP_JOBS``: scenarios × durations in one ``sweep``.
- ``MAX_RESULT_FILE_BYTES``: size of a ``result.json`` given to ``run --reproduce``.

Each check raises InputError naming the limit (the CLI prints one line and exits 2).
"""

from __future__ import annotations

import math

from .errors import InputError

MAX_DRAWS = 1_000_000
MAX_RESULT_BYTES = 2 * 1024**3  # 2 GiB
BYTES_PER_DRAW_DAY = 64
BYTES_PER_DRAW = 2048
MAX_SWEEP_JOBS = 1000  # every country (about 205) x a few durations
MAX_RESULT_FILE_BYTES = 20 * 1024**2  # a result.json for --reproduce (3 simulated years: < 1 MB)

DRAWS_ALLOWED = f"integer in [1, {MAX_DRAWS}]"


def result_bytes(draws: int, horizon_days: float) -> int:
    """Estimated bytes of one run's per-draw arrays (``draws`` × simulated days)."""
    days = max(1, math.ceil(horizon_days))
    return int(draws) * (days * BYTES_PER_DRAW_DAY + BYTES_PER_DRAW)


def max_draws_for(horizon_days: float) -> int:
    """The most draws a run of ``horizon_days`` simulated days may use."""
    days = max(1, math.ceil(horizon_days))
    return max(1, min(MAX_DRAWS, MAX_RESULT_BYTES // (days * BYTES_PER_DRAW_DAY + BYTES_PER_DRAW)))


def _gib(n_bytes: float) -> str:
    return f"{n_bytes / 1024**3:.1f} GiB"


def check_draws(draws: object, *, field: str = "--draws") -> int:
    """``draws`` as an int in [1, MAX_DRAWS] (not a bool, not a float, not inf)."""
    if isinstance(draws, bool) or not isinstance(draws, int) or not 1 <= draws <= MAX_DRAWS:
        raise InputError(
            f"{draws!r} is not a valid number of draws", field=field, allowed=DRAWS_ALLOWED
        )
    return draws


def check_run_size(
    draws: int, horizon_days: float, *, field: str = "--draws", what: str = "the scenario"
) -> None:
    """Refuse a run whose per-draw arrays would exceed ``MAX_RESULT_BYTES``."""
    check_draws(draws, field=field)
    need = result_bytes(draws, horizon_days)
    if need > MAX_RESULT_BYTES:
        days = max(1, math.ceil(horizon_days))
        raise InputError(
            f"{draws:,} draws × {days:,} simulated days of {what} need about {_gib(need)} "
            f"(memory limit {_gib(MAX_RESULT_BYTES)})",
            field=field,
            allowed=f"at most {max_draws_for(horizon_days):,} draws for {days:,} simulated days",
        )


def check_sweep_jobs(n_jobs: int, *, field: str = "SCENARIO/--durations") -> None:
    """Refuse a sweep of more than ``MAX_SWEEP_JOBS`` runs."""
    if n_jobs > MAX_SWEEP_JOBS:
        raise InputError(
            f"{n_jobs:,} runs (scenarios × durations)",
            field=field,
            allowed=f"at most {MAX_SWEEP_JOBS} runs per sweep (split it into several)",
        )
