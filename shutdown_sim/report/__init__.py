"""Publishable brief (HTML, Markdown, CSV) in English and Traditional Chinese.

Public API: ``build_brief``, ``write_brief``, ``render_brief_html``, ``render_brief_markdown``,
``Brief``, ``LANGS``. Importing this package has no side effects (plotly and the model load on
first use).
"""

from __future__ import annotations

from .messages import LANGS, Messages, load_catalogue

__all__ = [
    "LANGS",
    "Brief",
    "Messages",
    "build_brief",
    "load_catalogue",
    "render_brief_html",
    "render_brief_markdown",
    "results_frame",
    "write_brief",
    "write_brief_files",
]


def __getattr__(name: str):
    if name in (
        "Brief",
        "build_brief",
        "render_brief_html",
        "render_brief_markdown",
        "results_frame",
        "write_brief",
        "write_brief_files",
    ):
        from . import brief

        return getattr(brief, name)
    raise AttributeError(f"module 'shutdown_sim.report' has no attribute {name!r}")
