"""The social card: ``card.png``, 1200 × 675 px, in the brief's language.

It says, large enough to read on a phone (no text under 26 px at full size, i.e. about 8 px on a
360 px wide phone screen, the headline 104 px): the median net GDP loss and its p5–p95 range,
the place, the kind and length of the disruption, the date of the run, the project's name and one
line on the method. Drawn as HTML by headless Chromium (real text shaping and the machine's CJK
font), then stamped with the run's provenance (PNG text chunks).
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from .browser import screenshot
from .export_png import png_fields
from .stamp import png_add_text

WIDTH_PX, HEIGHT_PX = 1200, 675
FILE = "card.png"
FONT_STACK = (
    "'Noto Sans CJK HK', 'Noto Sans CJK TC', 'PingFang HK', 'Microsoft JhengHei', "
    "'Noto Sans', 'Liberation Sans', 'DejaVu Sans', system-ui, sans-serif"
)


def card_date(created_utc: str, msgs) -> str:
    """The run's date in the card's language: ``2 December 2026`` / ``2026年12月2日``."""
    try:
        d = date.fromisoformat(str(created_utc)[:10])
    except ValueError:
        d = date.today()
    months = msgs.t("card_months").split("|")
    return msgs.t(
        "card_date", year=d.year, month=d.month, day=d.day, month_name=months[d.month - 1]
    )


def card_texts(brief) -> dict[str, str]:
    """Every line of the card, in the brief's language (pure function of the brief)."""
    from .brief import _View

    v = _View(brief)
    m, r, h = v.m, v.r, v.head
    costs = [float(info["cost_usd"]) for info in (r.baselines or {}).values()]
    sectors = f"{len(r.by_sector):,}"
    draws = f"{r.draws:,}"
    if costs:
        method = m.t(
            "card_method",
            sectors=sectors,
            draws=draws,
            low=v.usd(min(costs)),
            high=v.usd(max(costs)),
            n=len(costs),
        )
    else:
        method = m.t("card_method_no_baselines", sectors=sectors, draws=draws)
    return {
        "lang": m.t("html_lang"),
        "project": m.t("card_project"),
        "date": card_date((r.provenance or {}).get("created_utc", ""), m),
        "context": m.t(
            "card_context", region=v.region(), kind=v.kind(), duration=m.duration(v.days)
        ),
        "label": m.t("card_label"),
        "headline": v.usd(h["p50"]),
        "range": m.t("card_range", p5=v.usd(h["p5"]), p95=v.usd(h["p95"])),
        "local": "" if r.currency == "USD" else m.t("card_local", local=v.local(h["p50"])),
        "method": method,
        "footer": m.t("card_footer", scenario=r.scenario_name),
    }


_CSS = """
* { box-sizing: border-box; margin: 0; padding: 0; }
html, body { width: 1200px; height: 675px; overflow: hidden; }
body { font-family: FONTS; background: #10233b; color: #ffffff;
  display: flex; flex-direction: column; padding: 40px 56px 34px; }
.top { display: flex; justify-content: space-between; align-items: baseline;
  font-size: 30px; color: #b9c9dc; }
.top .project { font-weight: 700; color: #ffffff; letter-spacing: 0.01em; }
.bar { height: 6px; width: 120px; background: #e4572e; margin: 18px 0 22px; }
.context { font-size: 40px; font-weight: 600; line-height: 1.2; }
.label { font-size: 32px; color: #b9c9dc; margin-top: 26px; }
.headline { font-size: 104px; font-weight: 800; line-height: 1.08; color: #ffd166;
  white-space: nowrap; }
.range { font-size: 36px; line-height: 1.25; margin-top: 6px; }
.range .local { display: block; color: #b9c9dc; }
.method { font-size: 26px; line-height: 1.35; color: #d4dde8; margin-top: auto; }
.footer { font-size: 26px; color: #8fa6bf; margin-top: 12px; }
"""


def card_html(brief) -> str:
    """The card as one self-contained HTML page (no network, no scripts)."""
    t = {k: html.escape(v, quote=True) for k, v in card_texts(brief).items()}
    css = _CSS.replace("FONTS", FONT_STACK)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{t["lang"]}"><head><meta charset="utf-8"><title>{t["project"]}</title>'
        f"<style>{css}</style></head><body>"
        f'<div class="top"><span class="project">{t["project"]}</span>'
        f'<span class="date">{t["date"]}</span></div>'
        '<div class="bar"></div>'
        f'<div class="context">{t["context"]}</div>'
        f'<div class="label">{t["label"]}</div>'
        f'<div class="headline" id="headline">{t["headline"]}</div>'
        f'<div class="range">{t["range"]}<span class="local">{t["local"]}</span></div>'
        f'<div class="method">{t["method"]}</div>'
        f'<div class="footer">{t["footer"]}</div>'
        "</body></html>\n"
    )


def write_card(brief, folder: Path, browser: str) -> Path:
    """Render ``card.png`` into ``folder`` with ``browser`` and stamp its provenance."""
    folder = Path(folder)
    page = folder / ".card.html"
    path = folder / FILE
    try:
        page.write_text(card_html(brief), encoding="utf-8")
        screenshot(browser, page, path, width=WIDTH_PX, height=HEIGHT_PX)
        texts = card_texts(brief)
        fields = png_fields(brief.result, f"{texts['context']}: {texts['headline']}")
        fields["Description"] = (
            f"{texts['label']} {texts['headline']}; {texts['range']}. {texts['method']}"
        )
        png_add_text(path, fields)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    finally:
        page.unlink(missing_ok=True)
    return path
