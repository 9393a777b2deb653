"""CLI contract for run / validate / sensitivity: JSON keys, exit codes, --out files."""

import json

import pytest

from shutdown_sim.cli import main

OUTCOME_KEYS = (
    "gdp_loss_usd",
    "gross_loss_usd",
    "direct_loss_usd",
    "indirect_loss_usd",
    "recaptured_usd",
    "spillover_usd",
)


def run_json(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_run_default_is_hong_kong_full_shutdown_json_contract(capsys):
    data = run_json(capsys, "run", "--draws", "50", "--json")
    assert data["scenario"] == "hk-2019-full-shutdown-1d"
    assert data["draws"] == 50 and data["seed"] == 0 and data["currency"] == "USD"
    for key in OUTCOME_KEYS:
        assert set(data[key]) >= {"mean", "p5", "p50", "p95"}
    assert set(data["baselines"]) == {"west2016", "deloitte2016", "cost", "netloss"}
    assert all(isinstance(v, float) for v in data["baselines"].values())
    assert data["by_sector"] and "gdp_loss_usd_mean" in data["by_sector"][0]
    assert isinstance(data["events"], list) and data["events"]
    assert data["provenance"]["seed"] == 0
    # the headline is the median of the draws; the all-central run stays in the JSON
    assert data["headline_statistic"] == "p50"
    assert "central" in data["gdp_loss_usd"]


def test_run_seed_changes_range_and_repeats(capsys):
    a = run_json(capsys, "run", "--draws", "60", "--seed", "1", "--json")
    b = run_json(capsys, "run", "--draws", "60", "--seed", "1", "--json")
    c = run_json(capsys, "run", "--draws", "60", "--seed", "2", "--json")
    assert a["gdp_loss_usd"] == b["gdp_loss_usd"]
    assert a["gdp_loss_usd"]["p95"] != c["gdp_loss_usd"]["p95"]


def test_run_text_and_out_folder(tmp_path, capsys):
    out = tmp_path / "res"
    assert main(["run", "hk-2019-mobile-data-1d", "--draws", "30", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Net GDP loss" in text and "deloitte2016" in text
    for name in ("result.json", "summary.csv", "by_sector.csv", "timeline.csv", "events.csv"):
        assert (out / name).is_file()
    assert main(["run", "hk-2019-mobile-data-1d", "--draws", "30", "--out", str(out)]) == 2


@pytest.mark.parametrize(
    "args",
    [
        ["run", "--draws", "0"],
        ["run", "--seed", "-1"],
        ["run", "no-such-scenario"],
        ["validate", "no-such-scenario.yaml"],
        ["frobnicate"],
    ],
)
def test_bad_input_exit_2_one_line(capsys, args):
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("shutdown-sim: error:") and "\n" not in err


def test_validate(capsys):
    data = run_json(capsys, "validate", "hk-2019-app-block-escalation", "--json")
    assert data["valid"] and data["duration_days"] == pytest.approx(30, abs=1)


@pytest.mark.slow
def test_sensitivity_json_ranks(capsys):
    data = run_json(capsys, "sensitivity", "hk-2019-full-shutdown-1d", "--json")
    assert data["method"] == "morris"
    ranks = [row["rank"] for row in data["indices"]]
    assert ranks == list(range(1, len(ranks) + 1))
    assert data["tornado"][0]["swing_usd"] >= data["tornado"][-1]["swing_usd"]
    families = {row["parameter"] for row in data["indices"]}
    assert "dependence" in families


@pytest.mark.slow
def test_sensitivity_by_single_parameter(capsys):
    data = run_json(capsys, "sensitivity", "hk-2019-mobile-data-1d", "--by", "parameter", "--json")
    assert data["factors"] == "parameter"
    names = [row["parameter"] for row in data["indices"]]
    assert any(name.endswith(".dependence") for name in names[:10])
    assert len(names) == len(set(names)) >= 30


# --- strict JSON (issue 17, class 6) ----------------------------------------------------------


def strict_loads(text: str):
    """json.loads that refuses the non-standard NaN, Infinity and -Infinity."""

    def refuse(name):
        raise ValueError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def year_2100(tmp_path_factory):
    """The 1-day shutdown in a year without World Bank data for the published methods."""
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[1]
    data = yaml.safe_load((root / "scenarios" / "hk-2019-full-shutdown-1d.yaml").read_text("utf-8"))
    data["year"] = 2100
    path = tmp_path_factory.mktemp("y2100") / "y2100.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


def test_every_json_output_parses_strictly(capsys, tmp_path, year_2100):
    outputs = {}
    for name, args in {
        "run": ["run", year_2100, "--draws", "5", "--json"],
        "validate": ["validate", year_2100, "--json"],
        "sensitivity": ["sensitivity", "hk-2019-full-shutdown-1d", "--json"],
        "sweep": ["sweep", year_2100, "--draws", "3", "--durations", "1,2", "--json"],
        "compare": ["compare", "--country", "HKG", "--year", "2100", "--days", "1", "--json"],
        "methods": ["methods", "--json"],
    }.items():
        code = main(args)
        out, err = capsys.readouterr()
        assert code in (0, 2), err
        if code == 0:
            outputs[name] = strict_loads(out)
    assert {"run", "validate", "sensitivity", "sweep"} <= set(outputs)
    out_dir = tmp_path / "res"
    assert main(["run", year_2100, "--draws", "5", "--out", str(out_dir)]) == 0
    capsys.readouterr()
    saved = strict_loads((out_dir / "result.json").read_text("utf-8"))
    assert main(["run", "--reproduce", str(out_dir / "result.json"), "--json"]) == 0
    report = strict_loads(capsys.readouterr().out)
    assert report["reproduced"] is True, report["differences"][:3]
    # numbers that are not available are null, and a note says which
    run = outputs["run"]
    missing = [m for m, v in run["baselines"].items() if v is None]
    assert missing == [m for m, v in saved["baselines"].items() if v is None]
    note = " ".join(n for n in run["notes"] if n.startswith("Not available"))
    for method, details in run["baseline_details"].items():
        if details.get("cost_usd") is None and note:
            assert f"baseline_details.{method}.cost_usd" in note


def test_sensitivity_sigma_nan_becomes_null_with_a_note(capsys):
    assert main(["sensitivity", "hk-2019-full-shutdown-1d", "--json"]) == 0
    data = strict_loads(capsys.readouterr().out)
    sigmas = [row.get("sigma") for row in data["indices"]]
    if any(s is None for s in sigmas):
        assert any("sigma" in n for n in data["notes"])


# --- bad input: exit 2 and one precise line (issue 17, class 9) -------------------------------


def _scenario_file(tmp_path, *, top: str = "", event: str = "") -> str:
    """The bundled 1-day shutdown with text substitutions (``old=>new``) applied."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    text = (root / "scenarios" / "hk-2019-full-shutdown-1d.yaml").read_text("utf-8")
    for change in (top, event):
        if change:
            old, new = change.split("=>")
            assert old in text
            text = text.replace(old, new)
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def one_error_line(capsys, *args) -> str:
    code = main(list(args))
    _, err = capsys.readouterr()
    errors = [ln for ln in err.splitlines() if ln.startswith("shutdown-sim: error:")]
    assert code == 2 and len(errors) == 1 and "Traceback" not in err, err
    return errors[0]


@pytest.mark.parametrize(
    ("change", "needles"),
    [
        (
            "duration_h: 24=>duration_h: 24:00",
            ("events[0]", "duration_h", "'24:00'", "not a number"),
        ),
        ("duration_h: 24=>duration_h: true", ("events[0].duration_h", "true/false")),
        ("duration_h: 24=>duration_h: yes", ("duration_h", "'yes'")),
        ("year: 2019=>year: true", ("year", "yes/no value", "a number")),
        ("share_affected: 1.0=>share_affected: false", ("share_affected",)),
    ],
    ids=["sexagesimal", "bool-duration", "yes-duration", "bool-year", "bool-share"],
)
def test_yaml_1_1_quirks_are_refused(tmp_path, capsys, change, needles):
    path = _scenario_file(tmp_path, event=change)
    for command in ("validate", "run"):
        line = one_error_line(
            capsys, command, path, *(["--draws", "2"] if command == "run" else [])
        )
        for needle in needles:
            assert needle in line, (needle, line)


def test_unknown_override_names_the_valid_forms(tmp_path, capsys):
    path = _scenario_file(tmp_path)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("overrides:\n  NOPE.x: 1\n")
    line = one_error_line(capsys, "run", path, "--draws", "2")
    assert "unknown parameter 'NOPE.x'" in line
    assert "(allowed: alpha_max)" not in line and "SECTOR.PARAMETER" in line
    assert "dependence" in line and "FINANCE" in line


def test_close_override_name_is_suggested(tmp_path, capsys):
    path = _scenario_file(tmp_path)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("overrides:\n  alpha_mx: 1.2\n")
    assert "did you mean alpha_max" in one_error_line(capsys, "validate", path)


@pytest.mark.parametrize("override", ["NOPE.x: 1", "alpha_max: -5", "FINANCE.dependence: 2"])
def test_validate_refuses_what_run_refuses(tmp_path, capsys, override):
    path = _scenario_file(tmp_path)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"overrides:\n  {override}\n")
    run_line = one_error_line(capsys, "run", path, "--draws", "2")
    validate_line = one_error_line(capsys, "validate", path)
    assert run_line == validate_line


def test_scenario_path_over_255_bytes(capsys):
    for name in ("a" * 300 + ".yaml", "b" * 300):
        line = one_error_line(capsys, "validate", name)
        assert "255" in line or "too long" in line


def test_out_empty_is_not_ignored(capsys):
    line = one_error_line(capsys, "run", "--draws", "2", "--out", "")
    assert "--out" in line and "empty" in line


def test_scheduler_must_be_a_dask_address(capsys):
    for address in ("http://localhost:8786", "localhost", "tcp://", "tcp://host:notaport"):
        line = one_error_line(capsys, "sweep", "hk-2019-full-shutdown-1d", "--scheduler", address)
        assert "--scheduler" in line and "tcp://" in line


@pytest.mark.parametrize(
    ("path", "needle"),
    [("", "is a folder"), ("/dev/null", "not a regular file"), ("/tmp", "is a folder")],
)
def test_scenario_path_that_is_not_a_file(capsys, path, needle):
    if not __import__("os").path.exists(path or "."):
        pytest.skip(f"no {path}")
    assert needle in one_error_line(capsys, "validate", path)


@pytest.mark.parametrize(
    "extra",
    [["--out", "x"], ["--draws", "5"], ["--seed", "1"], ["--force"], ["hk-2019-full-shutdown-7d"]],
)
def test_reproduce_refuses_options_it_would_ignore(tmp_path, capsys, extra):
    file = tmp_path / "result.json"
    file.write_text("{}")
    line = one_error_line(capsys, "run", "--reproduce", str(file), *extra)
    assert "cannot be combined with --reproduce" in line
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("grid", ["", " ", "1,,2", "1,"])
def test_sweep_durations_with_empty_entries_are_not_ignored(capsys, grid):
    line = one_error_line(capsys, "sweep", "hk-2019-full-shutdown-1d", "--durations", grid)
    assert "--durations" in line and "empty entry" in line
