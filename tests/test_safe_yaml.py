"""Safe YAML (shutdown_sim/safe_yaml.py): plain scalars read as YAML 1.2 (no base-60 numbers, no
yes/no booleans); no tags, no aliases, bounded size and depth, UTF-8 only.

Broken or hostile scenario files are refused by ``validate`` with exit 2 and one line naming the
file and what is wrong; nothing may run code, hang or print a traceback.
"""

from __future__ import annotations

import time

import pytest
from helpers import BOMB, MARKER, assert_scenario_file_refused, scenario_text

from shutdown_sim.errors import InputError
from shutdown_sim.safe_yaml import bool_as_number, parse_yaml_text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("24:00", "24:00"),  # YAML 1.1: 1440
        ("1:30:00.5", "1:30:00.5"),  # YAML 1.1: 5400.5
        ("yes", "yes"),  # YAML 1.1: True
        ("off", "off"),  # YAML 1.1: False
        ("010", "010"),  # YAML 1.1: 8 (octal)
        ("0o10", 8),
        ("0x1F", 31),
        ("24", 24),
        ("-3", -3),
        ("1_000", 1000),
        ("2.5", 2.5),
        ("1e3", 1000.0),
        ("true", True),
        ("False", False),
        ("~", None),
    ],
)
def test_plain_scalars_follow_yaml_1_2(text, value):
    assert parse_yaml_text(f"v: {text}\n", source="t")["v"] == value


def test_dates_stay_text():
    assert parse_yaml_text("d: 2019-10-04\n", source="t")["d"] == "2019-10-04"


def test_bool_as_number_finds_the_path():
    raw = {"year": 2019, "events": [{"duration_h": True, "circumvention": False}]}
    validated = {"year": 2019, "events": [{"duration_h": 1.0, "circumvention": False}]}
    assert bool_as_number(raw, validated) == ("events", 0, "duration_h")
    assert bool_as_number({"a": True}, {"a": True}) is None
    assert bool_as_number({"a": 1}, {"a": 1.0}) is None


def test_still_refuses_aliases():
    with pytest.raises(InputError, match="aliases"):
        parse_yaml_text("a: &x 1\nb: *x\n", source="t")


# -- hostile and broken files through ``validate`` -------------------------------------------------

# (id, file content (str or bytes), substrings the error line must contain)
YAML_CASES: list[tuple[str, str | bytes, tuple[str, ...]]] = [
    ("empty", b"", ("file is empty", "allowed: a YAML mapping")),
    ("whitespace", b"   \n\n   \n", ("empty", "allowed: a YAML mapping")),
    ("comments-only", "# nothing here\n", ("no content", "allowed: a YAML mapping")),
    ("syntax-bracket", "name: [unclosed\nevents: x\n", ("invalid YAML", "line ", "allowed:")),
    ("syntax-tab", "name: x\nevents:\n\t- kind: shutdown\n", ("invalid YAML", "line 3")),
    ("syntax-colon", "name: a: b: c\n", ("invalid YAML", "line 1")),
    ("not-utf8", b"name: caf\xe9\nevents: []\n", ("not UTF-8", "allowed: UTF-8")),
    ("utf16", "name: x\n".encode("utf-16"), ("not UTF-8",)),
    ("nul-bytes", b"name: x\x00y\nevents: []\n", ("NUL", "allowed: UTF-8")),
    (
        "python-apply",
        f"!!python/object/apply:os.system ['touch {MARKER}']\n",
        ("python/object/apply:os.system", "no tags"),
    ),
    (
        "python-apply-nested",
        f"name: x\nevents:\n  - !!python/object/apply:os.system ['touch {MARKER}']\n",
        ("python/object/apply", "line 3"),
    ),
    (
        "python-new",
        f"name: !!python/object/new:os.system ['touch {MARKER}']\n",
        ("python/object/new",),
    ),
    ("python-name", "name: !!python/name:os.system\n", ("python/name",)),
    (
        "python-subprocess",
        f"!!python/object/apply:subprocess.check_output [['touch', '{MARKER}']]\n",
        ("subprocess",),
    ),
    ("custom-tag", "name: !shell 'touch x'\n", ("'!shell'", "no tags")),
    ("binary-tag", "name: !!binary aGVsbG8=\n", ("binary", "not allowed")),
    ("set-tag", "name: !!set {a, b}\n", ("set", "not allowed")),
    ("billion-laughs", BOMB, ("aliases", "not allowed", "no aliases")),
    ("simple-alias", "x: &e {kind: shutdown, start_h: 0}\nname: a\nevents: [*e]\n", ("aliases",)),
    ("huge-file", "name: x\ndescription: '" + "A" * 1_100_000 + "'\n", ("at most 1000000",)),
    ("deep-flow", "events: " + "[" * 5000 + "]" * 5000 + "\n", ("nested deeper than",)),
    (
        "deep-block",
        "name: x\nevents:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 80)),
        ("nested deeper than",),
    ),
    ("duplicate-key", scenario_text() + "name: again\n", ("duplicate key 'name'",)),
    (
        "giant-integer",
        scenario_text(year=0).replace("year: 0", "year: " + "9" * 5000),
        ("invalid YAML value",),
    ),
]


@pytest.mark.parametrize(
    "content,needles", [c[1:] for c in YAML_CASES], ids=[c[0] for c in YAML_CASES]
)
def test_unsafe_or_broken_yaml_refused(tmp_path, capsys, monkeypatch, content, needles):
    assert_scenario_file_refused(tmp_path, capsys, monkeypatch, content, needles)


def test_billion_laughs_is_fast():
    from shutdown_sim.errors import ScenarioError
    from shutdown_sim.scenario import load_scenario_text

    start = time.perf_counter()
    with pytest.raises(ScenarioError, match="aliases"):
        load_scenario_text(BOMB, source="<upload>")
    assert time.perf_counter() - start < 1.0


def test_python_tag_through_upload_api_runs_nothing(tmp_path, monkeypatch):
    from shutdown_sim.errors import ScenarioError
    from shutdown_sim.scenario import load_scenario_text

    monkeypatch.chdir(tmp_path)
    with pytest.raises(ScenarioError, match="<upload>"):
        load_scenario_text(f"!!python/object/apply:os.system ['touch {MARKER}']", source="<upload>")
    assert not (tmp_path / MARKER).exists()
