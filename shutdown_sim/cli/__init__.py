"""The ``shutdown-sim`` command: one entry point, thin subcommands over the Python API.

Exit codes: 0 ok, 2 bad input (one line on stderr naming file, field and allowed range),
1 internal error. With ``--json`` the only thing on stdout is one JSON object (a list for
``sweep``); progress and logs go to stderr.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import sys
from collections.abc import Sequence

from ..errors import InputError

# Each command module exposes register(subparsers). A module that fails to import is an
# internal error of the whole command (exit 1 naming it), never a command that silently vanishes.
_COMMAND_MODULES = (
    "run_cmds",
    "baseline_cmds",
    "analysis_cmds",
    "report_cmds",
    "hindcast_cmds",
    "record_cmds",
)
# OSErrors that mean "this path cannot exist" (a user's typo or hostile input), not a fault
_BAD_PATH_ERRNOS = (errno.ENAMETOOLONG, errno.ELOOP, errno.ENOTDIR)


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as InputError (exit 2, one line)."""

    def error(self, message: str):  # type: ignore[override]
        # Argument types state their own range as "...; allowed: X"; otherwise show the usage.
        message, _, allowed = message.partition("; allowed: ")
        raise InputError(
            message, field="command line", allowed=allowed or " ".join(self.format_usage().split())
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="shutdown-sim",
        description="Economic impact of internet shutdowns and selective blocking.",
    )
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"shutdown-sim {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in _COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (also used as the console-script entry point)."""
    try:
        from ..paths import check_data_root

        # first: modules read parameter files as they load (SHUTDOWN_SIM_DATA=~nosuchuser must
        # give one line naming the variable, exit 2)
        check_data_root()
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return 2
        return int(args.func(args) or 0)
    except InputError as err:
        print(f"shutdown-sim: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("shutdown-sim: interrupted", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if exc.errno not in _BAD_PATH_ERRNOS:
            print(f"shutdown-sim: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        # a path given on the command line that the operating system refuses (bad input)
        name = str(exc.filename or "")
        name = name if len(name) <= 60 else name[:59] + "…"
        print(f"shutdown-sim: error: {name}: {exc.strerror}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - last-resort guard: one line, exit 1
        print(f"shutdown-sim: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
