"""Find a Chrome/Chromium and drive it headless: print HTML to PDF, screenshot HTML to PNG.

The PDF brief, the social card and the PNG charts are all drawn by a real browser (plotly's
kaleido ≥ 1 drives one too), so text shaping and CJK fonts are the browser's. Where no browser
is found, callers skip those files and say so with :data:`NO_BROWSER_HINT`.

Order of search: ``BROWSER_PATH`` (when set it is the only candidate, as for kaleido), a Chrome
fetched by ``plotly_get_chrome`` / ``kaleido_get_chrome`` and the usual install locations
(choreographer's search), then ``chromium``, ``chromium-browser``, ``google-chrome`` on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
TIMEOUT_S = 180.0
NO_BROWSER_HINT = (
    "no Chrome/Chromium found: install one (Debian/Ubuntu: apt-get install chromium "
    "fonts-noto-cjk; elsewhere: plotly_get_chrome) or set BROWSER_PATH"
)
FLAGS = (
    "--headless",
    "--no-sandbox",  # runs as root in containers; we only render our own local files
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
    "--hide-scrollbars",
    "--mute-audio",
    "--font-render-hinting=none",
)


class BrowserError(RuntimeError):
    """The browser could not be started or did not produce its file."""


def _executable(path: str | os.PathLike | None) -> str | None:
    if not path:
        return None
    p = Path(path)
    return str(p) if p.is_file() and os.access(p, os.X_OK) else None


def find_browser() -> str | None:
    """Path of a Chrome/Chromium executable, or None (never downloads anything)."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        return _executable(explicit)
    try:
        from choreographer.browsers.chromium import Chromium

        found = _executable(Chromium.find_browser(skip_local=False))
        if found:
            return found
    except Exception:  # noqa: BLE001 - choreographer missing or its search failed: go on
        pass
    for name in NAMES:
        found = _executable(shutil.which(name))
        if found:
            return found
    return None


def run_headless(browser: str, args: list[str], *, timeout_s: float = TIMEOUT_S) -> None:
    """Run ``browser`` headless with ``args`` and a throw-away profile; raise BrowserError."""
    with tempfile.TemporaryDirectory(prefix="shutdown-sim-chromium-") as profile:
        cmd = [browser, *FLAGS, f"--user-data-dir={profile}", *args]
        try:
            proc = subprocess.run(  # noqa: S603 - fixed executable and arguments, no shell
                cmd,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout_s,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise BrowserError(f"{Path(browser).name}: {exc}") from exc
    if proc.returncode != 0:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise BrowserError(f"{Path(browser).name} exited with {proc.returncode}: {' '.join(tail)}")


def _render(browser: str, html_path: Path, out_path: Path, args: list[str]) -> Path:
    """Load ``html_path`` headless with ``args`` (which name ``out_path``); check the file."""
    out_path = Path(out_path)
    run_headless(
        browser,
        [*args, "--run-all-compositor-stages-before-draw", Path(html_path).resolve().as_uri()],
    )
    if not out_path.is_file() or out_path.stat().st_size == 0:
        raise BrowserError(f"the browser did not write {out_path.name}")
    return out_path


def print_pdf(browser: str, html_path: Path, pdf_path: Path, *, wait_ms: int = 15000) -> Path:
    """Print ``html_path`` to ``pdf_path`` (page size from the page's CSS ``@page``, e.g. A4).

    ``wait_ms`` of virtual time let scripts (plotly charts) draw before printing; no header or
    footer lines are added.
    """
    return _render(
        browser,
        html_path,
        pdf_path,
        [
            "--no-pdf-header-footer",
            f"--virtual-time-budget={wait_ms}",
            f"--print-to-pdf={pdf_path}",
        ],
    )


def screenshot(
    browser: str, html_path: Path, png_path: Path, *, width: int, height: int, wait_ms: int = 3000
) -> Path:
    """A ``width`` × ``height`` px PNG screenshot of ``html_path`` (1 CSS px = 1 image px)."""
    return _render(
        browser,
        html_path,
        png_path,
        [
            f"--window-size={width},{height}",
            "--force-device-scale-factor=1",
            f"--virtual-time-budget={wait_ms}",
            f"--screenshot={png_path}",
        ],
    )
