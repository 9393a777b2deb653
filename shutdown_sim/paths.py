"""Where the data live: ``parameters/`` and ``scenarios/`` next to the package (a checkout).

Set ``SHUTDOWN_SIM_DATA`` to a folder holding ``parameters/`` and ``scenarios/`` to use another
copy (e.g. an edited parameter set, or when the package was installed without ``-e``); otherwise the
checkout the package lives in is used, then the current folder. A ``SHUTDOWN_SIM_DATA`` that
cannot be used (``~nosuchuser``, a missing folder, one without ``parameters/``) is reported by
``check_data_root`` as one line naming the variable.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError

ENV_VAR = "SHUTDOWN_SIM_DATA"
MAX_NAME_BYTES = 255  # longest file name (one path component) common file systems accept
MAX_PATH_BYTES = 4095  # PATH_MAX - 1 on Linux


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def check_path_text(text: str | os.PathLike, *, field: str, allowed: str = "a path") -> Path:
    """Refuse a path the operating system cannot take (empty, NUL byte, a name over 255 bytes,
    a path over 4095 bytes) before anything uses it; returns it as a Path."""
    raw = os.fspath(text)
    if not raw.strip():
        raise InputError("is empty", field=field, allowed=allowed)
    if "\x00" in raw:
        raise InputError(
            "contains a NUL byte", file=_short(repr(raw)), field=field, allowed=allowed
        )
    encoded = os.fsencode(raw)
    if len(encoded) > MAX_PATH_BYTES:
        raise InputError(
            f"path is {len(encoded)} bytes long",
            file=_short(raw),
            field=field,
            allowed=f"paths of at most {MAX_PATH_BYTES} bytes",
        )
    for part in Path(raw).parts:
        size = len(os.fsencode(part))
        if size > MAX_NAME_BYTES:
            raise InputError(
                f"a file name in the path is {size} bytes long",
                file=_short(raw),
                field=field,
                allowed=f"file names of at most {MAX_NAME_BYTES} bytes",
            )
    return Path(raw)


def _configured_root(configured: str) -> Path:
    expanded = os.path.expanduser(configured)
    if expanded.startswith("~"):  # expanduser leaves "~name" alone when there is no such user
        user = expanded[1:].split("/", 1)[0] or "(current user)"
        raise InputError(
            f"{configured!r}: unknown user {user!r} (no home folder to expand ~ to)",
            field=ENV_VAR,
            allowed="a folder holding parameters/ and scenarios/",
        )
    return Path(expanded).resolve()


def data_root() -> Path:
    """The folder that holds ``parameters/`` and ``scenarios/`` (never raises; see
    ``check_data_root``)."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        try:
            return _configured_root(configured)
        except (InputError, RuntimeError, OSError, ValueError):
            return Path(configured)  # check_data_root() reports it
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "parameters").is_dir():
        return checkout
    if (Path.cwd() / "parameters").is_dir():
        return Path.cwd().resolve()
    return checkout  # errors will name the missing files and this folder


def check_data_root() -> None:
    """Raise InputError (one line naming ``SHUTDOWN_SIM_DATA``) if the variable is set to a
    folder that cannot be used; nothing when it is unset."""
    configured = os.environ.get(ENV_VAR)
    if configured is None:
        return
    allowed = "a folder holding parameters/ and scenarios/"
    if not configured.strip():
        raise InputError("is set but empty", field=ENV_VAR, allowed=allowed)
    check_path_text(configured, field=ENV_VAR, allowed=allowed)
    try:
        root = _configured_root(configured)
    except (RuntimeError, OSError) as exc:
        raise InputError(f"{configured!r}: {exc}", field=ENV_VAR, allowed=allowed) from None
    if not root.is_dir():
        raise InputError(f"{configured!r}: no such folder", field=ENV_VAR, allowed=allowed)
    if not (root / "parameters").is_dir():
        raise InputError(
            f"{configured!r}: folder has no parameters/", field=ENV_VAR, allowed=allowed
        )


DATA_ROOT = data_root()
PARAMETERS_DIR = DATA_ROOT / "parameters"
SCENARIOS_DIR = DATA_ROOT / "scenarios"
