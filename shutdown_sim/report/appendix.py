"""The brief's appendix: every assumption with its range, status and full source.

Kept out of the two-page brief (which links to it) as ``assumptions.html`` (a standalone page
in the brief's language, prints to A4 landscape) and ``assumptions.csv`` (one row per parameter,
machine-readable, with the run's ``provenance_*`` columns).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .citations import reader_text

HTML_FILE = "assumptions.html"
CSV_FILE = "assumptions.csv"
FILES = (HTML_FILE, CSV_FILE)

_CSS = """
@page { size: A4 landscape; margin: 12mm; }
table.assumptions { font-size: 8pt; }
table.assumptions td.num { white-space: nowrap; }
table.assumptions td:first-child { min-width: 45mm; }
table.assumptions td:last-child { overflow-wrap: anywhere; }
body { max-width: 277mm; }
"""


def assumptions_frame(brief) -> pd.DataFrame:
    """One row per uncertain parameter: name, label, central/low/high, unit, distribution,
    status, year and the full source text (units as in ``parameters/``)."""
    from .beyond import beyond_inputs
    from .brief import _View

    v = _View(brief)
    rows = [
        {
            "parameter": p.name,
            "label": v.param_label(p.name),
            "central": p.central,
            "low": p.low,
            "high": p.high,
            "unit": p.unit,
            "distribution": p.distribution,
            "status": p.status,
            "year": p.year,
            "source": reader_text(str(p.source)),
        }
        for p in (*brief.params, *beyond_inputs(brief.result))
    ]
    columns = [
        "parameter",
        "label",
        "central",
        "low",
        "high",
        "unit",
        "distribution",
        "status",
        "year",
        "source",
    ]
    return pd.DataFrame(rows, columns=columns)


def assumptions_html(brief) -> str:
    """The full assumptions table as a standalone page in the brief's language."""
    from .brief import _e, _table_html, _View
    from .brief_html import CSS as BRIEF_CSS

    v = _View(brief)
    m = v.m
    header, rows, sources = v.assumptions()
    title = f"{m.t('assumptions_heading')} · {v.title()}"
    body = (
        f"<header><h1>{_e(m.t('assumptions_heading'))}</h1>"
        f"<p class=subtitle>{_e(v.title())} · {_e(v.subtitle())}</p></header>"
        f"<p>{_e(m.t('assumptions_intro'))}</p>"
        + _table_html(header, rows, numeric=(1, 2, 3), cls="assumptions", raw_last=sources)
        + f"<p class=note>{_e(m.t('status_legend'))}</p>"
        + f"<footer class=small>{_e(v.footer())}</footer>"
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(m.t("html_lang"))}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{BRIEF_CSS}{_CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def write_appendix(brief, folder: Path) -> list[Path]:
    """Write ``assumptions.html`` and ``assumptions.csv`` into ``folder``."""
    from ..output import write_csv
    from ..provenance import with_provenance

    folder = Path(folder)
    (folder / HTML_FILE).write_text(assumptions_html(brief), encoding="utf-8")
    frame = with_provenance(assumptions_frame(brief), brief.result.provenance)
    write_csv(frame, folder / CSV_FILE, index=False)
    return [folder / name for name in FILES]
