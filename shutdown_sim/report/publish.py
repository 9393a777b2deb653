"""Everything ``report`` writes, all or nothing: the brief's text files plus the browser-made ones.

Text files (``brief.html``, ``brief.md``, ``results.csv`` and the assumptions appendix) never
need a browser. ``brief.pdf``, ``card.png`` and the PNG charts do: each group is made in the
temporary output folder and either complete or absent, and the folder is moved into place only
at the end (``output.write_atomically``). What could not be made is reported, never half made.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .browser import NO_BROWSER_HINT, BrowserError, find_browser
from .card import FILE as CARD_FILE
from .card import write_card
from .export_png import CHART_FILES, write_chart_pngs
from .pdf import FILE as PDF_FILE
from .pdf import write_pdf

AUTO = "auto"


@dataclass
class Publication:
    """What a report wrote (``paths``) and which browser-made files it could not make, and why."""

    out_dir: Path
    paths: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def missing_line(self) -> str | None:
        """One line naming the files not made and how to get them, or None."""
        if not self.missing:
            return None
        why = "; ".join(dict.fromkeys(self.reasons))
        return f"could not make {', '.join(self.missing)}: {why}"


def browser_file_names(brief) -> list[str]:
    """Names of the files that need a browser, in the order they are made."""
    charts = [n for n in CHART_FILES if brief.drivers or n != "chart_drivers.png"]
    return [PDF_FILE, CARD_FILE, *charts]


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def write_browser_files(brief, folder: Path, browser: str | None) -> tuple[list[Path], list, list]:
    """Make the PDF, the card and the PNG charts in ``folder`` with ``browser``.

    Returns (written paths, names not made, reasons). A group that fails leaves no file.
    """
    names = browser_file_names(brief)
    if not browser:
        return [], names, [NO_BROWSER_HINT]
    written: list[Path] = []
    missing: list[str] = []
    reasons: list[str] = []
    steps = (
        ([PDF_FILE], lambda: [write_pdf(brief, folder, browser)]),
        ([CARD_FILE], lambda: [write_card(brief, folder, browser)]),
        (
            [n for n in names if n.startswith("chart_")],
            lambda: write_chart_pngs(brief, folder, browser),
        ),
    )
    for group, make in steps:
        try:
            written += make()
        except (BrowserError, OSError, RuntimeError, ValueError) as exc:
            missing += group
            reasons.append(_reason(exc))
    return written, missing, reasons


def write_publication(
    brief, out_dir, *, force: bool = False, browser: str | None = AUTO
) -> Publication:
    """Write the brief's text files and (with a browser) its PDF, card and PNG charts.

    ``browser``: ``"auto"`` finds one (``browser.find_browser``), a path uses that executable,
    None writes the text files only (nothing is reported missing then).
    """
    from ..output import write_atomically
    from .brief import write_brief_texts

    pub = Publication(Path(out_dir))
    use = find_browser() if browser == AUTO else browser

    def write(folder: Path) -> None:
        texts = write_brief_texts(brief, folder)
        pub.paths = [pub.out_dir / p.name for p in texts]
        if browser is None:
            return
        made, pub.missing, pub.reasons = write_browser_files(brief, folder, use)
        pub.paths += [pub.out_dir / p.name for p in made]

    write_atomically(out_dir, write, force=force)
    return pub


def _made_in_tmp(brief, make, browser: str | None) -> bytes | None:
    use = find_browser() if browser == AUTO else browser
    if not use:
        return None
    with tempfile.TemporaryDirectory(prefix="shutdown-sim-share-") as tmp:
        return Path(make(Path(tmp), use)).read_bytes()


def brief_pdf_bytes(brief, browser: str | None = AUTO) -> bytes | None:
    """``brief.pdf`` as bytes (for a download button), or None without a browser."""
    from .brief import write_brief_texts

    def make(folder: Path, use: str) -> Path:
        write_brief_texts(brief, folder)
        return write_pdf(brief, folder, use)

    return _made_in_tmp(brief, make, browser)


def card_png_bytes(brief, browser: str | None = AUTO) -> bytes | None:
    """``card.png`` as bytes, or None without a browser."""
    return _made_in_tmp(brief, lambda folder, use: write_card(brief, folder, use), browser)
