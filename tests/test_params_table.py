"""Parameter tables (shutdown_sim/params/table.py): broken CSVs are refused with a ParameterError
naming the file, the row and column, and the allowed values; the bundled tables pass."""

from __future__ import annotations

import math

import pytest
from helpers import ROOT

from shutdown_sim.errors import ParameterError
from shutdown_sim.params.table import read_table

REGION = ROOT / "parameters" / "regions" / "HKG"
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
