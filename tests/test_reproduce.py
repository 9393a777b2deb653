"""``run --reproduce``: any change to a saved result is found and listed (tamper-evident)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from helpers import assert_refused, cli

from shutdown_sim.cli import main
from shutdown_sim.reproduce import compare

SCENARIO = "hk-2019-full-shutdown-1d"


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("repro") / "res"
    assert main(["run", SCENARIO, "--draws", "6", "--seed", "2", "--out", str(out)]) == 0
    return json.loads((out / "result.json").read_text("utf-8"))


def _bump(value):
    return value * 1.5 + 1 if isinstance(value, int | float) and value is not None else 12345.0


def _edit(data: dict, case: str) -> tuple[dict, str]:
    """Tamper with one field as the issue lists them; returns the data and the field path."""
    data = copy.deepcopy(data)
    if case == "baselines":
        method = sorted(data["baselines"])[0]
        data["baselines"][method] = _bump(data["baselines"][method])
        return data, f"baselines.{method}"
    if case == "by_sector":
        data["by_sector"][2]["gdp_loss_usd_mean"] *= 0.5
        return data, "by_sector[2].gdp_loss_usd_mean"
    if case == "by_sector-name":
        data["by_sector"][0]["name"] = "Something else"
        return data, "by_sector[0].name"
    if case == "timeline":
        data["timeline"][0]["cumulative_gdp_loss_usd_p95"] *= 2
        return data, "timeline[0].cumulative_gdp_loss_usd_p95"
    if case == "timeline-row-dropped":
        data["timeline"].append(dict(data["timeline"][-1]))
        return data, "timeline (length)"
    if case == "resilience":
        data["resilience"]["mean"] = 0.99
        return data, "resilience.mean"
    if case == "extra-key":
        data["verified_by"] = "an auditor"
        return data, "verified_by"
    key = case
    data[key] = {
        "year": 2020,
        "region": "SGP",
        "description": "A different story",
        "duration_days": 30.0,
        "local_per_usd": 7.0,
        "gdp_loss_share_of_daily_gdp": 0.01,
    }[key]
    return data, key


TAMPER_CASES = [
    "baselines",
    "by_sector",
    "by_sector-name",
    "timeline",
    "timeline-row-dropped",
    "resilience",
    "gdp_loss_share_of_daily_gdp",
    "year",
    "region",
    "description",
    "duration_days",
    "local_per_usd",
    "extra-key",
]


@pytest.mark.parametrize("case", TAMPER_CASES)
def test_tampered_field_is_found_and_listed(saved, tmp_path, capsys, case):
    data, field = _edit(saved, case)
    file = tmp_path / "result.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    code = main(["run", "--reproduce", str(file), "--json"])
    out, err = capsys.readouterr()
    assert code == 1, err
    report = json.loads(out)
    assert report["reproduced"] is False
    fields = [d["field"] for d in report["differences"]]
    assert fields == [field], fields
    code = main(["run", "--reproduce", str(file)])
    out, _ = capsys.readouterr()
    assert code == 1 and f"  {field}: saved" in out


def test_untouched_result_reproduces_exactly(saved, tmp_path, capsys):
    file = tmp_path / "result.json"
    file.write_text(json.dumps(saved), encoding="utf-8")
    assert main(["run", "--reproduce", str(file), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["differences"] == [] and len(report["result_sha256"]) == 64


def test_many_differences_are_all_in_json_and_counted_in_text(saved, tmp_path, capsys):
    data = copy.deepcopy(saved)
    for row in data["timeline"]:
        row["gdp_loss_usd_mean"] += 1.0
    file = tmp_path / "result.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    assert main(["run", "--reproduce", str(file), "--json"]) == 1
    assert len(json.loads(capsys.readouterr().out)["differences"]) == len(data["timeline"])
    assert main(["run", "--reproduce", str(file)]) == 1
    out = capsys.readouterr().out
    assert f"{len(data['timeline'])} values differ" in out


def test_compare_is_exact_and_type_aware():
    assert compare({"a": 1.0, "b": [1, 2]}, {"a": 1.0, "b": [1, 2]}) == []
    assert compare({"a": 1}, {"a": 1.0}) == []  # the same number
    assert [d["field"] for d in compare({"a": True}, {"a": 1})] == ["a"]
    assert [d["field"] for d in compare({"a": 0.1 + 0.2}, {"a": 0.3})] == ["a"]
    assert compare({"x": {"y": None}}, {"x": {}})[0]["rerun"] == "(missing)"


def test_reproduce_path_empty_or_too_long(capsys, tmp_path):
    for path, needle in (("", "is empty"), (str(tmp_path / ("r" * 300)), "255 bytes")):
        code = main(["run", "--reproduce", path])
        err = capsys.readouterr().err
        assert code == 2 and "--reproduce" in err and needle in err, err
        assert err.count("shutdown-sim: error:") == 1


def test_created_time_is_ignored(saved, tmp_path, capsys):
    data = copy.deepcopy(saved)
    data["provenance"]["created_utc"] = "1999-01-01T00:00:00Z"
    file = Path(tmp_path / "result.json")
    file.write_text(json.dumps(data), encoding="utf-8")
    assert main(["run", "--reproduce", str(file)]) == 0, capsys.readouterr().err


# --- unreadable or invalid --reproduce files -------------------------------------------------


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
