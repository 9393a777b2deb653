"""The ``shutdown-sim`` entry point itself (shutdown_sim/cli/__init__.py): every command module is
registered and a broken one fails loudly; bad arguments exit 2 with one line naming the flag and
its allowed values; the installed executable never prints a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers import BOMB, CLI, MARKER, assert_refused
from helpers import cli as call_cli

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


# -- bad arguments --------------------------------------------------------------------------------

ARG_CASES = [
    (["run", "--draws", "0"], ("--draws", "integer in [1, 1000000]")),
    (["run", "--draws", "-5"], ("--draws", "integer in [1, 1000000]")),
    (["run", "--draws", "1e9"], ("--draws", "not an integer", "integer in [1, 1000000]")),
    (["run", "--draws", "2000000"], ("--draws", "integer in [1, 1000000]")),
    (["run", "--draws", "ten"], ("--draws", "integer in [1, 1000000]")),
    (["run", "--seed", "-1"], ("--seed", "integer in [0, 2**63)")),
    (["run", "--seed", str(2**63)], ("--seed", "integer in [0, 2**63)")),
    (["run", "--seed", "nan"], ("--seed", "not an integer")),
    (["frobnicate"], ("command line", "invalid choice", "allowed: usage")),
    (["run", "--bogus"], ("unrecognized arguments", "allowed: usage")),
    (["sweep", "hk-2019-full-shutdown-1d", "--draws", "0"], ("--draws", "[1, 1000000]")),
    # baseline / compare (closed-form methods)
]


@pytest.mark.parametrize("args,needles", ARG_CASES, ids=[" ".join(a) for a, _ in ARG_CASES])
def test_bad_arguments_refused(capsys, args, needles):
    code, out, err = call_cli(capsys, *args)
    assert_refused(code, err, *needles)
    assert out == ""


# --- the real executable: exit code 2, one line, never a traceback ---------------------------

SUBPROCESS_CASES = [
    ("python-tag", f"!!python/object/apply:os.system ['touch {MARKER}']\n".encode()),
    ("billion-laughs", BOMB.encode()),
    ("not-utf8", b"name: \xff\xfe\n"),
]


@pytest.mark.skipif(not CLI.exists(), reason="console script not installed in .venv")
@pytest.mark.parametrize(
    "content", [c[1] for c in SUBPROCESS_CASES], ids=[c[0] for c in SUBPROCESS_CASES]
)
def test_executable_never_prints_traceback(tmp_path, content):
    path = tmp_path / "s.yaml"
    path.write_bytes(content)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run(
        [str(CLI), "run", str(path), "--draws", "2"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env=env,
    )
    assert_refused(proc.returncode, proc.stderr, str(path))
    assert proc.stdout == ""
    assert not (tmp_path / MARKER).exists()


@pytest.mark.skipif(not CLI.exists(), reason="console script not installed in .venv")
def test_executable_bad_draws(tmp_path):
    proc = subprocess.run(
        [str(CLI), "run", "--draws", "-5"], capture_output=True, text=True, timeout=60
    )
    assert_refused(proc.returncode, proc.stderr, "--draws", "integer in [1, 1000000]")
