"""Build ``parameters/countries.csv`` from local extracts of the World Bank WDI series.

Run: ``.venv/bin/python parameters/build/build_countries.py [REFERENCE_DATA_DIR]``. The directory
holds CSV extracts of the three series as republished by github.com/datasets/gdp and
github.com/datasets/population and the ITU-based WDI internet-user series (file names in
``FILES``; default: the project's development data folder). Output: one row per (iso3, year)
present in any of GDP (NY.GDP.MKTP.CD, current USD), population (SP.POP.TOTL, persons) and
internet users (IT.NET.USER.ZS, % of population, stored as a share in [0, 1]); empty cells where a
series has no value. Country names: GDP file first, then population, then internet file. Also
rewrites the year coverage in ``parameters/countries_sources.csv``. Only codes of three capital
letters are kept (WDI aggregates such as ``WLD`` have such codes and are kept too).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

PARAMETERS_DIR = Path(__file__).resolve().parents[1]
DEFAULT_REF = Path(__file__).resolve().parents[3] / "shared" / "reference" / "data"
FILES = {
    "gdp_usd": "world_bank_gdp_current_usd.csv",
    "population": "world_bank_population.csv",
    "internet_users_share": "world_bank_internet_users_pct.csv",
}
ISO3 = re.compile(r"^[A-Z]{3}$")


def _read(path: Path) -> tuple[dict[tuple[str, int], float], dict[str, str]]:
    values: dict[tuple[str, int], float] = {}
    names: dict[str, str] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["Country Code"].strip()
            if not ISO3.match(code):
                continue
            names.setdefault(code, row["Country Name"].strip())
            text = row["Value"].strip()
            if text:
                values[(code, int(row["Year"]))] = float(text)
    return values, names


def _fmt(value: float | None, column: str) -> str:
    if value is None:
        return ""
    if column == "population":
        return str(round(value))
    if column == "gdp_usd":
        return f"{value:.0f}"
    return f"{value / 100.0:.10g}"  # internet users: % -> share


def build(ref_dir: Path = DEFAULT_REF, out_dir: Path = PARAMETERS_DIR) -> Path:
    """Write ``countries.csv`` (and refresh year coverage in ``countries_sources.csv``)."""
    series: dict[str, dict[tuple[str, int], float]] = {}
    names: dict[str, str] = {}
    for column, fname in FILES.items():
        values, col_names = _read(ref_dir / fname)
        series[column] = values
        for code, name in col_names.items():
            names.setdefault(code, name)
    keys = sorted(set().union(*(s.keys() for s in series.values())))
    out = out_dir / "countries.csv"
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["iso3", "country", "year", *FILES])
        for code, year in keys:
            writer.writerow(
                [code, names[code], year, *(_fmt(series[c].get((code, year)), c) for c in FILES)]
            )
    _update_coverage(series, out_dir / "countries_sources.csv")
    return out


def _update_coverage(series: dict[str, dict[tuple[str, int], float]], path: Path) -> None:
    if not path.is_file():
        return
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        values = series.get(row["column"])
        if values:
            years = [y for _, y in values]
            row["years"] = f"{min(years)}-{max(years)}"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    ref = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_REF
    print(build(ref))
