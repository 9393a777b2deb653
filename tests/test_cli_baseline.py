"""CLI subcommands methods / baseline / compare, via a throwaway argparse driver."""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import assert_refused, cli

from shutdown_sim.cli.baseline_cmds import register
from shutdown_sim.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "parameters"
DRIVER = """
import argparse, sys
from shutdown_sim.cli.baseline_cmds import register
from shutdown_sim.errors import InputError
p = argparse.ArgumentParser(prog="shutdown-sim")
sp = p.add_subparsers(dest="cmd", required=True)
register(sp)
a = p.parse_args(sys.argv[1:])
try:
    sys.exit(a.func(a))
except InputError as e:
    print(e, file=sys.stderr)
    sys.exit(2)
"""


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="shutdown-sim")
    register(p.add_subparsers(dest="cmd", required=True))
    return p.parse_args(argv)


def call(argv: list[str], capsys) -> tuple[int, str]:
    args = parse(argv)
    code = args.func(args)
    return code, capsys.readouterr().out


def test_methods(capsys):
    code, out = call(["methods"], capsys)
    heads = [ln.split()[0] for ln in out.strip().splitlines() if not ln.startswith(" ")]
    assert code == 0
    assert heads == ["west2016", "deloitte2016", "cost", "netloss", "cipesa2017"]
    for word in ("counts", "vintage", "inputs", "branch"):
        assert out.count(f"  {word}") >= 4
    assert "cipesa2017  n/a" in out


def test_methods_validation(capsys):
    code, out = call(["methods", "--validation"], capsys)
    assert code == 0 and out.startswith("| case |") and "NL-PAK-2023-05" in out
    code, out = call(["methods", "--validation", "--json"], capsys)
    cases = json.loads(out)["cases"]
    assert {c["case_id"] for c in cases} >= {"NL-GIN-2023-06", "COST-USA-2023"}


def test_method_that_cannot_price_exits_2_with_one_line():
    py = sys.executable
    argv = ["baseline", "--method", "netloss", "--country", "HKG", "--year", "2019"]
    bad = subprocess.run(
        [py, "-c", DRIVER, *argv, "--days", "1", "--kind", "mobile"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert len(bad.stderr.strip().splitlines()) == 1 and "mobile" in bad.stderr


def test_baseline_json_is_one_object(capsys):
    code, out = call(
        [
            "baseline",
            "--method",
            "west2016",
            "--gdp-usd",
            "18.438e12",
            "--population",
            "3.2e8",
            "--internet-share",
            "0.06",
            "--days",
            "2",
            "--json",
        ],
        capsys,
    )
    assert code == 0
    obj = json.loads(out)
    assert obj["method"] == "west2016"
    assert obj["cost_usd_per_day"] == pytest.approx(3.03e9, abs=0.005e9)
    assert obj["cost_usd"] == pytest.approx(2 * obj["cost_usd_per_day"])
    assert obj["inputs"]["internet_share"] == {"value": 0.06, "source": "user input"}


def test_baseline_country_text(capsys):
    code, out = call(
        [
            "baseline",
            "--method",
            "deloitte2016",
            "--country",
            "HKG",
            "--year",
            "2019",
            "--days",
            "1",
            "--affected",
            "0.5",
        ],
        capsys,
    )
    assert code == 0 and "cost_usd" in out and "tier" in out


def test_baseline_apps(capsys):
    code, out = call(
        [
            "baseline",
            "--method",
            "cost",
            "--country",
            "NGA",
            "--year",
            "2021",
            "--days",
            "1",
            "--kind",
            "apps",
            "--apps",
            "twitter,whatsapp",
            "--json",
        ],
        capsys,
    )
    obj = json.loads(out)
    assert obj["inputs"]["apps"]["value"] == ["twitter", "whatsapp"]
    assert obj["cost_usd"] > 0


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (
            ["baseline", "--method", "nope", "--country", "HKG", "--year", "2019", "--days", "1"],
            "method",
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
                "-1",
            ],
            "days",
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
            "share_affected",
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
                "sms",
            ],
            "kind",
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
                "apps",
                "--apps",
                "orkut",
            ],
            "apps",
        ),
        (
            [
                "baseline",
                "--method",
                "netloss",
                "--country",
                "XXX",
                "--year",
                "2019",
                "--days",
                "1",
            ],
            "country",
        ),
        (["baseline", "--method", "netloss", "--days", "1"], "country"),
        (["compare", "--country", "HKG", "--year", "1900", "--days", "1"], "year"),
    ],
)
def test_errors_raise_input_error(argv, field):
    args = parse(argv)
    with pytest.raises(InputError) as err:
        args.func(args)
    assert err.value.field == field


def _row(path: Path, **match: str) -> dict[str, str]:
    with path.open(newline="") as fh:
        return next(r for r in csv.DictReader(fh) if all(r[k] == v for k, v in match.items()))


def test_compare_hkg_2019_equals_hand_calculation(capsys):
    """Hand check from the parameter files (no package code)."""
    c = _row(PARAMS / "countries.csv", iso3="HKG", year="2019")
    gdp, pop, users = float(c["gdp_usd"]), float(c["population"]), float(c["internet_users_share"])
    share = float(
        _row(PARAMS / "internet_economy_share.csv", iso3="HKG", name="bcg_internet_economy_share")[
            "central"
        ]
    )
    k = {
        r["name"]: float(r["central"])
        for r in csv.DictReader((PARAMS / "baseline_constants.csv").open(newline=""))
    }
    assert users >= k["deloitte2016.tier_threshold.high"]
    expected = {
        "west2016": gdp / 365 * share,
        "deloitte2016": pop / 1e7 * k["deloitte2016.loss_usd_per_day_per_10m_people.high"],
        # Hong Kong is not in the G20: COST's other-countries branch, extent from internet use
        "cost": gdp / 365 * k["cost.extent_per_internet_user_share.other"] * users,
        "netloss": gdp / 365 * k["netloss.daily_gdp_share_per_day.2023"],
    }
    code, out = call(
        ["compare", "--country", "HKG", "--year", "2019", "--days", "1", "--json"], capsys
    )
    obj = json.loads(out)
    assert code == 0
    assert (obj["country"], obj["year"], obj["days"]) == ("HKG", 2019, 1.0)
    got = {b["method"]: b["cost_usd"] for b in obj["baselines"]}
    assert got == pytest.approx(expected, rel=1e-12)
    # rough magnitudes recorded in the reference (methods.md 2.2, 4, 7)
    assert got["west2016"] == pytest.approx(71e6, rel=0.02)
    assert got["deloitte2016"] == pytest.approx(17.6e6, rel=0.02)
    assert got["netloss"] < got["deloitte2016"] < got["west2016"] < got["cost"] < gdp / 365


def test_compare_text(capsys):
    code, out = call(["compare", "--country", "HKG", "--year", "2019", "--days", "1"], capsys)
    assert code == 0 and all(m in out for m in ("west2016", "deloitte2016", "cost", "netloss"))


def test_subprocess_json_and_exit_codes():
    py = sys.executable
    ok = subprocess.run(
        [
            py,
            "-c",
            DRIVER,
            "baseline",
            "--method",
            "netloss",
            "--country",
            "HKG",
            "--year",
            "2019",
            "--days",
            "1",
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["cost_usd"] == pytest.approx(
        3.630745e11 / 365 * 0.004139, rel=1e-6
    )
    bad = subprocess.run(
        [
            py,
            "-c",
            DRIVER,
            "baseline",
            "--method",
            "netloss",
            "--country",
            "HKG",
            "--year",
            "2019",
            "--days",
            "-3",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert len(bad.stderr.strip().splitlines()) == 1 and "days" in bad.stderr


# --- hostile and broken arguments ---------------------------------------------------------------

BAD_ARG_CASES = [
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


@pytest.mark.parametrize("args,needles", BAD_ARG_CASES, ids=[" ".join(a) for a, _ in BAD_ARG_CASES])
def test_bad_baseline_arguments_refused(capsys, args, needles):
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
