"""Cached access to the model for the app: one run per scenario hash + overrides + seed + draws.

Streamlit caches are process-wide, so every session reuses a run with the same inputs; the
scenario object itself is passed as ``_scenario`` (not hashed) and keyed by its content hash.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from ..scenario import load_bundled_scenarios
from . import tables

SEED = 0


def _folder_signature() -> tuple:
    """Names, sizes and mtimes of the scenario files: an edited or added file reloads them."""
    from .. import scenario as scenario_module

    folder = scenario_module.SCENARIOS_DIR
    items = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            stat = path.stat()
        except OSError:
            continue
        items.append((path.name, stat.st_size, stat.st_mtime_ns))
    return (str(folder), tuple(items))


@st.cache_resource(show_spinner=False, max_entries=4)
def _bundled(signature: tuple) -> tuple[dict, dict]:
    return load_bundled_scenarios()


def bundled_scenarios() -> tuple[dict, dict[str, str]]:
    """(name -> Scenario, name -> error) of the scenarios folder; broken files are skipped."""
    return _bundled(_folder_signature())


@st.cache_data(max_entries=96, show_spinner=False)
def run_model(scenario_hash: str, overrides: tuple, seed: int, draws: int, _scenario):
    """Monte Carlo result (cached; ``_scenario`` is keyed by its content hash)."""
    from ..model import simulate

    return simulate(_scenario, draws=draws, seed=seed, overrides=dict(overrides))


@st.cache_resource(max_entries=32, show_spinner=False)
def model_context(scenario_hash: str, overrides: tuple, _scenario):
    from ..model import prepare

    return prepare(_scenario, dict(overrides))


@st.cache_data(max_entries=32, show_spinner=False)
def tornado_data(scenario_hash: str, overrides: tuple, _scenario):
    from ..sensitivity import tornado

    return tornado(model_context(scenario_hash, overrides, _scenario))


@st.cache_data(max_entries=32, show_spinner=False)
def flows_data(scenario_hash: str, overrides: tuple, _scenario):
    return tables.service_sector_flows(model_context(scenario_hash, overrides, _scenario))


@st.cache_data(max_entries=32, show_spinner=False)
def parameter_defaults(scenario_hash: str, _scenario):
    ctx = model_context(scenario_hash, (), _scenario)
    return tables.parameter_frame(ctx.space.params)


@st.cache_data(show_spinner=False)
def country_choices() -> dict[str, str]:
    return tables.country_options()


@st.cache_resource(show_spinner=False)
def _prewarm_lock() -> threading.Lock:
    return threading.Lock()


def prewarm(scenarios: Sequence[Any], overrides: tuple, draws: int) -> None:
    """Run the neighbouring slider positions in the background so the next change is cached.

    One warm-up at a time per server; a user's own change waits on the same cache entry
    instead of computing it twice.
    """
    if os.environ.get("SHUTDOWN_SIM_APP_PREWARM", "1") == "0" or not scenarios:
        return
    lock = _prewarm_lock()
    run: Callable = run_model

    def work() -> None:
        if not lock.acquire(blocking=False):
            return
        try:
            for item in scenarios:
                run(item.content_hash(), overrides, SEED, draws, item)
        except Exception:  # a warm-up failure must never surface; the real run reports it
            pass
        finally:
            lock.release()

    threading.Thread(target=work, name="shutdown-sim-prewarm", daemon=True).start()
