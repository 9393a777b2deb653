"""UI text of the Streamlit app: keys ``app.*`` of the one catalogue shared with the brief.

The catalogue is ``shutdown_sim/report/messages/<lang>.yaml`` (English and Traditional Chinese);
amounts use its short money format (:meth:`~shutdown_sim.report.messages.Messages.money`).
Text that comes from users (file names, field values, scenario descriptions) goes through
:func:`plain` before it reaches a Streamlit element that renders Markdown.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..events import choices
from ..report.messages import Messages, money_from_usd

LANG_LABELS = {"English": "en", "繁體中文": "zh-Hant"}
LANG_CODES = {code: label for label, code in LANG_LABELS.items()}


def lang_code(value: str | None) -> str:
    """'English' / '繁體中文' / 'en' / 'zh-Hant' -> catalogue code (default English)."""
    if value in LANG_CODES:
        return str(value)
    return LANG_LABELS.get(str(value), "en")


money = money_from_usd  # the app's amounts: the catalogue's short money format


def msgs(lang: str) -> Messages:
    return Messages.for_lang(lang_code(lang))


def text(key: str, lang: str = "en", **fields: object) -> str:
    """The message ``app.<key>`` in ``lang`` with ``fields`` filled in."""
    return msgs(lang).t(f"app.{key}", **fields)


def choice_label(name: str, lang: str = "en") -> str:
    """Title of a builder choice (full, mobile, apps, ...), worded in its event kind's module."""
    return choices()[name][1].label[lang_code(lang)]


def currency_name(code: str, lang: str = "en") -> str:
    """Display name of a currency code in labels (USD / 美元)."""
    return msgs(lang).currency(code)


def duration_text(days: float, lang: str = "en") -> str:
    return msgs(lang).duration(float(days))


def plain(value: object) -> str:
    """``value`` as literal text inside Markdown: one line in a code span.

    Streamlit renders messages as Markdown, so an uploaded file named ``![p](http://…)`` would
    make the viewer's browser fetch an outside address. Inside a code span nothing is
    interpreted (no image, link, emphasis or formula); the fence is longer than any run of
    backticks in the text, so the text cannot close it.
    """
    line = " ".join(str(value).split())
    if not line:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", line)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {line} {fence}"


def error_text(exc: BaseException) -> str:
    """One line for the user (InputErrors carry file, field and allowed range)."""
    if isinstance(exc, InputError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"
