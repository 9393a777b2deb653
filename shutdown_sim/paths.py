"""Where the data live: ``parameters/`` and ``scenarios/`` next to the package (a checkout).

Set ``SHUTDOWN_SIM_DATA`` to a folder holding ``parameters/`` and ``scenarios/`` to use another
copy (e.g. an edited parameter set, or when the package was installed without ``-e``); otherwise the
checkout the package lives in is used, then the current folder.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "SHUTDOWN_SIM_DATA"


def data_root() -> Path:
    """The folder that holds ``parameters/`` and ``scenarios/``."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured).expanduser().resolve()
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "parameters").is_dir():
        return checkout
    if (Path.cwd() / "parameters").is_dir():
        return Path.cwd().resolve()
    return checkout  # errors will name the missing files and this folder


DATA_ROOT = data_root()
PARAMETERS_DIR = DATA_ROOT / "parameters"
SCENARIOS_DIR = DATA_ROOT / "scenarios"
