"""Many scenarios × draws: in-process by default, on dask.distributed when a scheduler is given.

Every job is a plain (scenario definition, duration, draws, seed) tuple and returns the
``run``-shaped dict without timing fields, so a cluster run equals a local run with the same seed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SweepJob:
    scenario: dict[str, Any]  # Scenario.model_dump(mode="json")
    duration_days: float | None
    draws: int
    seed: int


def run_job(job: SweepJob) -> dict[str, Any]:
    """Run one job (also what a dask worker executes)."""
    from .model import simulate
    from .scenario import scenario_from_dict

    scenario = scenario_from_dict(job.scenario, source=f"sweep:{job.scenario.get('name')}")
    if job.duration_days is not None:
        scenario = scenario.with_duration(job.duration_days)
    out = simulate(scenario, draws=job.draws, seed=job.seed).to_dict()
    out["provenance"].pop("created_utc", None)  # timing field: would differ between runs
    out["sweep_duration_days"] = job.duration_days
    return out


def make_jobs(
    scenarios: Sequence[Any], durations: Sequence[float] | None, draws: int, seed: int
) -> list[SweepJob]:
    """Scenario × duration grid (durations None = each scenario's own)."""
    jobs = []
    for scenario in scenarios:
        for duration in durations or [None]:
            jobs.append(SweepJob(scenario.model_dump(mode="json"), duration, draws, seed))
    return jobs


SCHEDULER_SCHEMES = ("tcp", "tls", "ws", "wss")
SCHEDULER_ALLOWED = "tcp://HOST:PORT (or tls://, ws://, wss://) of a running dask scheduler"


def check_scheduler(address: str) -> str:
    """Refuse anything but ``SCHEME://HOST:PORT`` with a dask scheme (before any work)."""
    from urllib.parse import urlsplit

    from .errors import InputError

    def bad(why: str) -> InputError:
        return InputError(f"{address!r}: {why}", field="--scheduler", allowed=SCHEDULER_ALLOWED)

    try:
        parts = urlsplit(address.strip())
        port = parts.port
    except ValueError as exc:
        raise bad(str(exc)) from None
    if parts.scheme not in SCHEDULER_SCHEMES:
        raise bad(f"scheme {parts.scheme or '(none)'!r} is not a dask scheduler address")
    if not parts.hostname or port is None:
        raise bad("needs a host and a port")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise bad("has a path or query")
    return address.strip()


def connect(scheduler: str):
    """A dask ``Client`` for a checked scheduler address; InputError when it cannot be reached."""
    from dask.distributed import Client

    from .errors import InputError

    address = check_scheduler(scheduler)
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(
            f"cannot reach dask scheduler: {exc}",
            field="--scheduler",
            allowed=SCHEDULER_ALLOWED,
        ) from None


def run_sweep(
    jobs: list[SweepJob],
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[dict[str, Any]]:
    """Run jobs locally or on the dask.distributed cluster at ``scheduler`` (tcp://host:port)."""
    if scheduler is None:
        results = []
        for i, job in enumerate(jobs):
            results.append(run_job(job))
            if progress:
                progress(i + 1, len(jobs))
        return results
    from dask.distributed import as_completed

    client = connect(scheduler)
    try:
        futures = client.map(run_job, jobs, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        results: list[dict[str, Any] | None] = [None] * len(jobs)
        for done, future in enumerate(as_completed(futures), 1):
            results[index[future.key]] = future.result()
            if progress:
                progress(done, len(jobs))
        return [r for r in results if r is not None]
    finally:
        client.close()
