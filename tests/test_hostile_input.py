"""Hostile and broken input: refused with exit 2 and one line naming file, field and range.

Nothing here may crash (exit 1), execute code, hang, or print a traceback.
"""

from __future__ import annotations

import copy
import json
import math
import os
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from shutdown_sim.cli import main
from shutdown_sim.errors import ParameterError
from shutdown_sim.params.table import read_table

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "shutdown-sim"
BASE = yaml.safe_load((ROOT / "scenarios" / "hk-2019-full-shutdown-1d.yaml").read_text("utf-8"))
REGION = ROOT / "parameters" / "regions" / "HKG"


def scenario_text(**changes) -> str:
    """The bundled 1-day shutdown with top-level ``changes`` and ``ev`` (first-event) changes."""
    data = copy.deepcopy(BASE)
    data["events"][0].update(changes.pop("ev", {}))
    data.update(changes)
    return yaml.safe_dump(data, sort_keys=False)


def assert_refused(code: int, err: str, *needles: str) -> None:
    """Exit 2; the last stderr line is the only error line; it names what it must."""
    assert code == 2, err
    assert "Traceback" not in err
    lines = [ln for ln in err.strip().splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith("shutdown-sim: error:")]
    assert len(errors) == 1 and lines[-1] == errors[0], err
    for needle in needles:
        assert needle in errors[0], (needle, errors[0])


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- scenario files -------------------------------------------------------------------------

MARKER = "PWNED_MARKER"
BOMB = (
    "\n".join(
        [f"a0: &a0 [{', '.join(['lol'] * 9)}]"]
        + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    )
    + "\n"
)

# (id, file content (str or bytes), substrings the error line must contain)
SCENARIO_CASES: list[tuple[str, str | bytes, tuple[str, ...]]] = [
    ("empty", b"", ("file is empty", "allowed: a YAML mapping")),
    ("whitespace", b"   \n\n   \n", ("empty", "allowed: a YAML mapping")),
    ("comments-only", "# nothing here\n", ("no content", "allowed: a YAML mapping")),
    ("top-list", "- 1\n- 2\n", ("(top level)", "top level is list", "allowed: a mapping")),
    ("top-scalar", "just a string\n", ("(top level)", "top level is str", "allowed:")),
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
    (
        "nan-duration",
        scenario_text().replace("duration_h: 24", "duration_h: .nan"),
        ("events[0].duration_h", "not a finite number", "allowed: a finite number"),
    ),
    (
        "inf-share",
        scenario_text().replace("share_affected: 1.0", "share_affected: .inf"),
        ("events[0].share_affected", "not a finite number"),
    ),
    (
        "negative-duration",
        scenario_text(ev={"duration_h": -24}),
        ("duration_h", "allowed: number in [0, 26352"),
    ),
    (
        "absurd-duration",
        scenario_text(ev={"duration_h": 1e9}),
        ("duration_h", "allowed: number in [0, 26352"),
    ),
    ("negative-start", scenario_text(ev={"start_h": -1}), ("start_h", "number in [0,")),
    (
        "share-above-1",
        scenario_text(ev={"share_affected": 1.5}),
        ("share_affected", "allowed: number in [0, 1]"),
    ),
    (
        "share-below-0",
        scenario_text(ev={"share_affected": -0.1}),
        ("share_affected", "allowed: number in [0, 1]"),
    ),
    ("string-duration", scenario_text(ev={"duration_h": "a day"}), ("duration_h", "number")),
    ("unknown-kind", scenario_text(ev={"kind": "nuke"}), ("events[0]", "'nuke'", "'shutdown'")),
    (
        "missing-kind",
        yaml.safe_dump({"name": "x", "events": [{"start_h": 0}]}),
        ("events[0]", "kind"),
    ),
    ("unknown-top-field", scenario_text(bogus=1), ("bogus", "Extra inputs")),
    ("unknown-event-field", scenario_text(ev={"bogus": 1}), ("events[0]", "bogus")),
    ("unknown-region", scenario_text(region="XYZ"), ("region", "'XYZ'", "allowed: HKG")),
    ("region-traversal", scenario_text(region="../../etc"), ("region", "pattern")),
    ("name-traversal", scenario_text(name="../../x"), ("name", "pattern")),
    ("year-too-early", scenario_text(year=1800), ("year", "number in [1990, 2100]")),
    ("year-string", scenario_text(year="next year"), ("year", "integer")),
    (
        "unknown-infrastructure",
        scenario_text(infrastructure="imagined"),
        ("infrastructure", "'verified' or 'claimed'"),
    ),
    ("no-events", scenario_text(events=[]), ("events", "at least 1")),
    ("events-not-list", scenario_text(events="shutdown"), ("events",)),
    ("horizon-zero", scenario_text(horizon_days=0), ("horizon_days", "(0, 1098]")),
    ("horizon-huge", scenario_text(horizon_days=1e6), ("horizon_days", "(0, 1098]")),
    (
        "start-after-horizon",
        scenario_text(horizon_days=2, ev={"start_h": 100}),
        ("events[0].start_h", "after the horizon", "horizon (48 h)"),
    ),
    (
        "end-after-horizon",
        scenario_text(horizon_days=2, ev={"start_h": 40, "duration_h": 100}),
        ("events[0].duration_h", "after the horizon"),
    ),
    (
        "restoration-not-final",
        scenario_text(ev={"restoration": [{"after_h": 5, "share_restored": 0.5}]}),
        ("events[0]", "restore share 1.0"),
    ),
    (
        "unknown-app",
        scenario_text(events=[{"kind": "app_block", "start_h": 0, "apps": ["myspace"]}]),
        ("events[0].apps[0]", "'myspace'", "telegram"),
    ),
    (
        "unknown-escalation-app",
        scenario_text(
            events=[
                {
                    "kind": "app_block",
                    "start_h": 0,
                    "apps": ["telegram"],
                    "escalation": {"apps": ["friendster"]},
                }
            ]
        ),
        ("events[0].escalation.apps[0]", "'friendster'"),
    ),
    (
        "unknown-cable",
        scenario_text(events=[{"kind": "cable_cut", "start_h": 0, "cables": ["NOPE"]}]),
        ("events[0].cables[0]", "'NOPE'", "allowed:"),
    ),
    (
        "cable-and-group",
        scenario_text(
            events=[{"kind": "cable_cut", "start_h": 0, "cables": ["apg"], "group": "x"}]
        ),
        ("events[0]", "either cables"),
    ),
    (
        "unknown-station",
        scenario_text(
            events=[{"kind": "landing_station_outage", "start_h": 0, "station": "atlantis"}]
        ),
        ("events[0].station", "'atlantis'"),
    ),
    (
        "unknown-cluster",
        scenario_text(events=[{"kind": "data_centre_outage", "start_h": 0, "cluster": "moonbase"}]),
        ("events[0].cluster", "'moonbase'"),
    ),
    (
        "unknown-ddos-target",
        scenario_text(events=[{"kind": "ddos", "start_h": 0, "target": "pentagon"}]),
        ("events[0].target", "'pentagon'"),
    ),
    (
        "nan-override",
        scenario_text(overrides={"alpha_max": float("nan")}),
        ("overrides.alpha_max", "not a finite number"),
    ),
]


@pytest.mark.parametrize(
    "content,needles", [c[1:] for c in SCENARIO_CASES], ids=[c[0] for c in SCENARIO_CASES]
)
def test_hostile_scenario_file_refused(tmp_path, capsys, monkeypatch, content, needles):
    monkeypatch.chdir(tmp_path)  # a marker file would land here if any code ran
    path = tmp_path / "scenario.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    start = time.perf_counter()
    code, out, err = cli(capsys, "validate", str(path))
    assert time.perf_counter() - start < 10
    assert_refused(code, err, str(path), *needles)
    assert out == ""
    assert not (tmp_path / MARKER).exists()


@pytest.mark.parametrize(
    "overrides,needles",
    [
        ({"no.such.param": 1.0}, ("unknown parameter 'no.such.param'", "allowed:")),
        ({"FINANCE.dependence": 1.5}, ("FINANCE.dependence", "share in [0, 1]")),
        ({"alpha_max": -2.0}, ("alpha_max", ">= 1")),
    ],
    ids=["unknown", "share-1.5", "negative"],
)
def test_bad_scenario_overrides_refused_by_run(tmp_path, capsys, overrides, needles):
    path = tmp_path / "scenario.yaml"
    path.write_text(scenario_text(overrides=overrides), encoding="utf-8")
    code, out, err = cli(capsys, "run", str(path), "--draws", "2")
    assert_refused(code, err, *needles)
    assert out == ""


def test_missing_and_directory_scenario(tmp_path, capsys):
    code, _, err = cli(capsys, "run", str(tmp_path / "nope.yaml"))
    assert_refused(code, err, "nope.yaml", "file not found")
    code, _, err = cli(capsys, "run", "no-such-scenario")
    assert_refused(code, err, "SCENARIO", "hk-2019-full-shutdown-1d")
    code, _, err = cli(capsys, "validate", str(tmp_path))
    assert_refused(code, err, str(tmp_path))


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


# --- command-line arguments -----------------------------------------------------------------

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
    (
        ["baseline", "--method", "netloss", "--country", "HKG", "--year", "2019", "--days", "-1"],
        ("days", "-1.0", "allowed: finite number in [0, "),
    ),
    (
        ["baseline", "--method", "netloss", "--country", "HKG", "--year", "2019", "--days", "nan"],
        ("days", "allowed: finite number in [0, "),
    ),
    (
        ["baseline", "--method", "netloss", "--country", "HKG", "--year", "2019", "--days", "inf"],
        ("days", "allowed: finite number in [0, "),
    ),
    (
        ["baseline", "--method", "netloss", "--country", "HKG", "--year", "2019", "--days", "x"],
        ("--days", "'x' is not a number"),
    ),
    (
        [
            "baseline",
            "--method",
            "netloss",
            "--country",
            "HKG",
            "--year",
            "2019",
            "--days",
            "1",
            "--affected",
            "2",
        ],
        ("share_affected", "allowed: number in [0, 1]"),
    ),
    (
        ["baseline", "--method", "bogus", "--country", "HKG", "--year", "2019", "--days", "1"],
        ("method", "'bogus'", "west2016"),
    ),
    (
        ["baseline", "--method", "netloss", "--country", "XXX", "--year", "2019", "--days", "1"],
        ("countries.csv", "country", "'XXX'", "allowed: an ISO3 code"),
    ),
    (
        ["baseline", "--method", "netloss", "--country", "HKG", "--year", "1900", "--days", "1"],
        ("countries.csv", "year", "no data for HKG in 1900", "allowed: 1960-"),
    ),
    (
        ["baseline", "--method", "netloss", "--country", "HKG", "--days", "1"],
        ("year", "--country needs --year"),
    ),
    (["baseline", "--method", "netloss", "--days", "1"], ("country", "--gdp-usd")),
    (
        [
            "baseline",
            "--method",
            "west2016",
            "--gdp-usd",
            "-5",
            "--population",
            "7e6",
            "--days",
            "1",
        ],
        ("gdp_usd", "finite number in [0, "),
    ),
    (
        [
            "baseline",
            "--method",
            "netloss",
            "--country",
            "HKG",
            "--year",
            "2019",
            "--days",
            "1",
            "--internet-share",
            "1.5",
        ],
        ("internet_share", "[0, 1]"),
    ),
    (
        [
            "baseline",
            "--method",
            "netloss",
            "--country",
            "HKG",
            "--year",
            "2019",
            "--days",
            "1",
            "--kind",
            "weird",
        ],
        ("kind", "'weird'", "full | mobile | apps"),
    ),
    (
        [
            "baseline",
            "--method",
            "cost",
            "--country",
            "HKG",
            "--year",
            "2019",
            "--days",
            "1",
            "--kind",
            "apps",
            "--apps",
            "nosuchapp",
        ],
        ("apps", "'nosuchapp'", "telegram"),
    ),
    (
        ["compare", "--country", "HKG", "--year", "2019", "--days", "-3"],
        ("days", "finite number in [0, "),
    ),
    (["compare", "--country", "ZZZ", "--year", "2019", "--days", "1"], ("country", "'ZZZ'")),
]


@pytest.mark.parametrize("args,needles", ARG_CASES, ids=[" ".join(a) for a, _ in ARG_CASES])
def test_bad_arguments_refused(capsys, args, needles):
    code, out, err = cli(capsys, *args)
    assert_refused(code, err, *needles)
    assert out == ""


def test_absurd_baseline_days_refused(capsys):
    code, _, err = cli(
        capsys,
        "baseline",
        "--method",
        "netloss",
        "--country",
        "HKG",
        "--year",
        "2019",
        "--days",
        "1e300",
    )
    assert_refused(code, err, "days")


# --- parameter tables (read_table on temporary copies) --------------------------------------

EB = (REGION / "economy_behaviour.csv").read_text("utf-8")
CW = (REGION / "channel_weights.csv").read_text("utf-8")
ALPHA = "alpha_max,1.25,1.1,1.5"


def _drop_column(text: str, column: str) -> str:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    i = rows[0].index(column)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([r[:i] + r[i + 1 :] for r in rows])
    return buf.getvalue()


CSV_CASES: list[tuple[str, str, str | bytes, tuple[str, ...]]] = [
    (
        "unknown-column",
        "economy_behaviour",
        EB.replace("name,central", "name,bogus,central", 1).replace(
            ALPHA, "alpha_max,9,1.25,1.1,1.5"
        ),
        ("header", "unknown column(s) ['bogus']", "allowed: name, central"),
    ),
    (
        "missing-column",
        "economy_behaviour",
        _drop_column(EB, "central"),
        ("header", "missing column(s) ['central']"),
    ),
    (
        "duplicate-column",
        "economy_behaviour",
        EB.replace("name,central", "name,central,central", 1),
        ("header",),
    ),
    (
        "empty-required",
        "economy_behaviour",
        EB.replace(ALPHA, "alpha_max,,1.1,1.5"),
        ("row 2 / central", "value is empty", "allowed: float"),
    ),
    (
        "low-above-high",
        "economy_behaviour",
        EB.replace(ALPHA, "alpha_max,1.25,1.5,1.1"),
        ("row 2 / low,central,high", "allowed: low <= central <= high"),
    ),
    (
        "central-outside",
        "economy_behaviour",
        EB.replace(ALPHA, "alpha_max,2.0,1.1,1.5"),
        ("row 2 / low,central,high",),
    ),
    (
        "non-numeric",
        "economy_behaviour",
        EB.replace(ALPHA, "alpha_max,abc,1.1,1.5"),
        ("row 2 / central", "'abc' is not a number"),
    ),
    (
        "inf",
        "economy_behaviour",
        EB.replace(ALPHA, "alpha_max,inf,1.1,1.5"),
        ("row 2 / central", "not finite"),
    ),
    (
        "nan",
        "economy_behaviour",
        EB.replace(ALPHA, "alpha_max,NaN,1.1,1.5"),
        ("row 2 / central", "not finite"),
    ),
    (
        "overflow",
        "economy_behaviour",
        EB.replace(ALPHA, "alpha_max,1e400,1.1,1.5"),
        ("row 2 / central", "not finite"),
    ),
    (
        "bad-distribution",
        "economy_behaviour",
        EB.replace("triangular", "gaussian", 1),
        ("row 2 / distribution", "'gaussian'", "triangular"),
    ),
    (
        "bad-status",
        "economy_behaviour",
        EB.replace("VERIFIED", "TRUSTME", 1),
        ("row 2 / status", "ASSUMPTION"),
    ),
    (
        "share-1.5",
        "channel_weights",
        CW.replace("AGR,0.2", "AGR,1.5", 1),
        ("row 2 / domestic", "1.5 out of range", "share in [0, 1]"),
    ),
    (
        "share-negative",
        "channel_weights",
        CW.replace("AGR,0.2", "AGR,-0.1", 1),
        ("row 2 / domestic", "share in [0, 1]"),
    ),
    (
        "lognormal-zero-low",
        "economy_behaviour",
        EB.replace("recapture_window_days,30,7,90", "recapture_window_days,30,0,90"),
        ("row 3 / low", "lognormal"),
    ),
    (
        "ragged-row",
        "economy_behaviour",
        EB + "x,1,2,3,4,5,6,7,8,9,10,11,12\n",
        ("not a valid CSV table", "allowed: a UTF-8 CSV"),
    ),
    (
        "not-utf8",
        "economy_behaviour",
        EB.replace("alpha_max", "alpha_m\u00e4x").encode("latin-1"),
        ("not UTF-8", "allowed: a UTF-8 CSV"),
    ),
    ("nul-bytes", "economy_behaviour", EB.replace("alpha_max", "alpha\x00max"), ("NUL",)),
    ("empty-file", "economy_behaviour", b"", ("file is empty", "allowed:")),
    ("whitespace-file", "economy_behaviour", "   \n\n", ("not a valid CSV table",)),
    ("header-only", "economy_behaviour", EB.splitlines()[0] + "\n", ("no data rows",)),
]


@pytest.mark.parametrize(
    "schema,content,needles", [c[1:] for c in CSV_CASES], ids=[c[0] for c in CSV_CASES]
)
def test_broken_parameter_table_refused(tmp_path, schema, content, needles):
    path = tmp_path / f"{schema}.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ParameterError) as info:
        read_table(path, schema)
    text = str(info.value)
    assert "\n" not in text and str(path) in text and "allowed:" in text, text
    for needle in needles:
        assert needle in text, (needle, text)


def test_duplicate_parameter_row_refused(tmp_path):
    from shutdown_sim.params.table import uncertain_parameters

    path = tmp_path / "economy_behaviour.csv"
    path.write_text(EB + EB.splitlines()[1] + "\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="'alpha_max' appears twice") as info:
        uncertain_parameters(read_table(path, "economy_behaviour"))
    assert str(path) in str(info.value)


def test_bundled_tables_still_valid():
    for schema, name in (
        ("economy_behaviour", "economy_behaviour.csv"),
        ("channel_weights", "channel_weights.csv"),
        ("timeline_behaviour", "timeline_behaviour.csv"),
    ):
        frame = read_table(REGION / name, schema)
        assert len(frame) > 0
        assert (
            all(math.isfinite(v) for v in frame["central"] if isinstance(v, float))
            if "central" in frame
            else True
        )


# --- --out and --reproduce targets ----------------------------------------------------------


def test_out_is_a_file(tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("keep me")
    code, _, err = cli(capsys, "run", "--draws", "2", "--out", str(target))
    assert_refused(code, err, str(target), "--out", "not a folder")
    assert target.read_text() == "keep me"


def test_out_non_empty_without_force(tmp_path, capsys):
    target = tmp_path / "res"
    target.mkdir()
    (target / "mine.txt").write_text("keep me")
    code, _, err = cli(capsys, "run", "--draws", "2", "--out", str(target))
    assert_refused(code, err, str(target), "--out", "--force")
    assert (target / "mine.txt").read_text() == "keep me"


def test_out_parent_missing(tmp_path, capsys):
    code, _, err = cli(capsys, "run", "--draws", "2", "--out", str(tmp_path / "a" / "b"))
    assert_refused(code, err, "--out", "parent folder does not exist")


def test_force_never_replaces_working_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "precious.txt").write_text("keep me")
    for target in (".", str(tmp_path), ".."):
        code, _, err = cli(capsys, "run", "--draws", "2", "--out", target, "--force")
        assert_refused(code, err, "--out", "refusing to replace")
    assert (tmp_path / "precious.txt").read_text() == "keep me"


@pytest.fixture(scope="module")
def saved_result(tmp_path_factory) -> dict:
    from shutdown_sim.model import simulate

    return simulate("hk-2019-full-shutdown-1d", draws=4, seed=3).to_dict()


def _tamper(data: dict, path: tuple, value) -> dict:
    data = copy.deepcopy(data)
    node = data
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


REPRODUCE_CASES = [
    ("missing-key", ("gdp_loss_usd",), KeyError, ("missing key 'gdp_loss_usd'",)),
    ("draws-string", ("draws",), "many", ("draws", "integer in [1, 1000000]")),
    ("draws-zero", ("draws",), 0, ("draws", "integer in [1")),
    ("seed-negative", ("seed",), -4, ("seed",)),
    ("seed-float", ("seed",), 1.5, ("seed",)),
    ("outcome-not-object", ("gdp_loss_usd",), [1, 2], ("gdp_loss_usd", "JSON object")),
    ("overrides-junk", ("provenance", "overrides"), {"alpha_max": "x"}, ("provenance.overrides",)),
    (
        "scenario-share-1.5",
        ("scenario_definition", "events", 0, "share_affected"),
        1.5,
        ("scenario_definition", "share_affected", "[0, 1]"),
    ),
    (
        "scenario-python-kind",
        ("scenario_definition", "events", 0, "kind"),
        "os.system",
        ("scenario_definition", "events[0]"),
    ),
]


@pytest.mark.parametrize(
    "path,value,needles", [c[1:] for c in REPRODUCE_CASES], ids=[c[0] for c in REPRODUCE_CASES]
)
def test_bad_reproduce_file(tmp_path, capsys, saved_result, path, value, needles):
    file = tmp_path / "result.json"
    file.write_text(json.dumps(_tamper(saved_result, path, value)), encoding="utf-8")
    code, out, err = cli(capsys, "run", "--reproduce", str(file))
    assert_refused(code, err, str(file), *needles)


@pytest.mark.parametrize(
    "content,needle",
    [
        (b"", "not a result JSON"),
        (b"{not json", "not a result JSON"),
        (b"\xff\xfe\x00garbage", "not a result JSON"),
        (b"[1, 2, 3]", "missing key"),
        (b"[" * 100_000 + b"]" * 100_000, "not a result JSON"),
        (b"null", "missing key"),
    ],
    ids=["empty", "syntax", "binary", "list", "deep", "null"],
)
def test_unreadable_reproduce_file(tmp_path, capsys, content, needle):
    file = tmp_path / "result.json"
    file.write_bytes(content)
    code, _, err = cli(capsys, "run", "--reproduce", str(file))
    assert_refused(code, err, str(file), needle, "allowed:")


def test_reproduce_file_missing(tmp_path, capsys):
    code, _, err = cli(capsys, "run", "--reproduce", str(tmp_path / "nope.json"))
    assert_refused(code, err, "nope.json", "file not found")


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
