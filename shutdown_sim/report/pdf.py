"""``brief.pdf``: the brief's own HTML printed to A4 by headless Chromium, with provenance.

The page size and margins are the HTML's ``@page`` rule (A4), so the PDF and a reader's own
"Print" of ``brief.html`` give the same pages. The document information dictionary carries the
title, the headline sentence, and the run's provenance (``stamp.pdf_set_info``).
"""

from __future__ import annotations

from pathlib import Path

from .browser import print_pdf
from .stamp import PDF_PROVENANCE_KEY, pdf_set_info, provenance_json, provenance_line

FILE = "brief.pdf"


def pdf_info(brief) -> dict[str, str]:
    """The PDF's metadata: title, subject (headline), author, keywords and provenance."""
    from .brief import _View

    v = _View(brief)
    r = brief.result
    version = (r.provenance or {}).get("version", "")
    return {
        "Title": v.title(),
        "Subject": v.headline_sentence(),
        "Author": "shutdown-sim",
        "Keywords": provenance_line(r),
        "Creator": f"shutdown-sim {version} (headless Chromium print to PDF)",
        "Producer": "shutdown-sim",
        PDF_PROVENANCE_KEY: provenance_json(r),
    }


def write_pdf(brief, folder: Path, browser: str, html_name: str = "brief.html") -> Path:
    """Print ``folder/html_name`` to ``folder/brief.pdf``; nothing is left behind on failure."""
    folder = Path(folder)
    part = folder / f".{FILE}.part"
    path = folder / FILE
    try:
        print_pdf(browser, folder / html_name, part)
        pdf_set_info(part, pdf_info(brief))
        part.replace(path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return path
