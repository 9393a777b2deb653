"""PNG charts of a run with plotly's own exporter (kaleido ≥ 1 drives a Chrome/Chromium).

The same figures as the app (``report.charts``), in the brief's language, 1200 px wide at 2×
scale for print. Each PNG carries the run's provenance twice: a grey line under the title
(survives re-posting) and ``iTXt`` text chunks (``stamp.png_add_text``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import plotly.graph_objects as go

from .browser import BrowserError
from .stamp import PROVENANCE_KEY, png_add_text, png_with_text, provenance_json, provenance_line

WIDTH_PX = 1200
SCALE = 2
CAPTION_PX = 26  # extra top margin for the provenance line under the title
LEGEND_PX = 30  # and for a legend row between that line and the plot
CHART_FILES = ("chart_fan.png", "chart_sectors.png", "chart_methods.png", "chart_drivers.png")


def chart_figures(brief) -> dict[str, go.Figure]:
    """File name → figure: cumulative-loss fan, losses by sector, methods side by side, drivers."""
    from .charts import baselines_figure, fan_figure, sectors_figure, tornado_figure

    r, lang = brief.result, brief.lang
    figures = {
        "chart_fan.png": fan_figure(r, lang, height=560),
        "chart_sectors.png": sectors_figure(r, lang, height=680),
        "chart_methods.png": baselines_figure(r, lang, height=480),
    }
    if brief.drivers:
        figures["chart_drivers.png"] = tornado_figure(
            brief.central_usd, list(brief.drivers), lang, height=560
        )
    return figures


def with_caption(fig: go.Figure, caption: str) -> go.Figure:
    """A copy of ``fig`` with ``caption`` in small grey type under its title (white paper)."""
    out = go.Figure(fig)
    top = int(out.layout.margin.t or 56) + CAPTION_PX + (LEGEND_PX if _has_legend(out) else 0)
    out.update_layout(
        margin={"t": top, "l": 24, "r": 24},
        paper_bgcolor="white",
        title={
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 14},
            "subtitle": {"text": caption, "font": {"size": 13, "color": "#666"}},
        },
    )
    return out


def _has_legend(fig: go.Figure) -> bool:
    if fig.layout.showlegend is False:
        return False
    return sum(1 for t in fig.data if t.showlegend is not False and t.name) > 1


@contextmanager
def browser_path(browser: str) -> Iterator[None]:
    """Point kaleido (choreographer) at ``browser`` for the duration of the block."""
    old = os.environ.get("BROWSER_PATH")
    os.environ["BROWSER_PATH"] = browser
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("BROWSER_PATH", None)
        else:
            os.environ["BROWSER_PATH"] = old


def png_fields(result, title: str) -> dict[str, str]:
    """The text chunks every PNG of a run carries: title, software, provenance."""
    return {
        "Title": str(title),
        "Software": f"shutdown-sim {(result.provenance or {}).get('version', '')}",
        "Source": provenance_line(result),
        PROVENANCE_KEY: provenance_json(result),
    }


def figure_png(fig: go.Figure, result, browser: str, *, width: int = WIDTH_PX) -> bytes:
    """One figure as PNG bytes (provenance under the title and in text chunks), for downloads."""
    import plotly.io as pio

    try:
        with browser_path(browser):
            data = pio.to_image(
                with_caption(fig, provenance_line(result)),
                format="png",
                width=width,
                height=int(fig.layout.height or 500) + CAPTION_PX + LEGEND_PX,
                scale=SCALE,
            )
    except Exception as exc:  # kaleido/choreographer raise their own types
        raise BrowserError(f"PNG export failed: {type(exc).__name__}: {exc}") from exc
    return png_with_text(data, png_fields(result, fig.layout.title.text or ""))


def write_chart_pngs(brief, folder: Path, browser: str) -> list[Path]:
    """Write every chart of ``brief`` as PNG into ``folder``; all of them or none (BrowserError).

    One kaleido session renders all figures (much faster than one browser per image).
    """
    import plotly.io as pio

    folder = Path(folder)
    figures = chart_figures(brief)
    caption = provenance_line(brief.result)
    paths = [folder / name for name in figures]
    try:
        with browser_path(browser):
            pio.write_images(
                [with_caption(fig, caption) for fig in figures.values()],
                paths,
                width=WIDTH_PX,
                height=[
                    int(fig.layout.height or 500) + CAPTION_PX + LEGEND_PX
                    for fig in figures.values()
                ],
                scale=SCALE,
            )
        for path, fig in zip(paths, figures.values()):
            png_add_text(path, png_fields(brief.result, fig.layout.title.text or path.stem))
    except Exception as exc:  # kaleido/choreographer raise their own types; never leave halves
        for path in paths:
            path.unlink(missing_ok=True)
        if isinstance(exc, BrowserError):
            raise
        raise BrowserError(f"PNG export failed: {type(exc).__name__}: {exc}") from exc
    return paths
