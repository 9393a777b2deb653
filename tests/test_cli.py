"""The ``shutdown-sim`` entry point itself (shutdown_sim/cli/__init__.py)."""

from __future__ import annotations

import sys

import shutdown_sim.cli as cli


def test_broken_command_module_fails_loudly(monkeypatch, capsys) -> None:
    # A command module that cannot be imported used to be skipped: `report` silently vanished.
    monkeypatch.delattr(cli, "report_cmds", raising=False)
    monkeypatch.setitem(sys.modules, "shutdown_sim.cli.report_cmds", None)
    assert cli.main(["methods"]) == 1
    assert "report_cmds" in capsys.readouterr().err


def test_every_command_is_registered() -> None:
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    expected = {"run", "validate", "baseline", "compare", "methods", "sensitivity", "sweep"}
    assert expected | {"report"} <= set(commands)
