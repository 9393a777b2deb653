"""Message catalogues (one YAML file per language, same keys) and locale-aware number formats.

English money reads "USD 1.23 billion"; Traditional Chinese (Hong Kong usage) groups by 萬 (1e4),
億 (1e8) and 萬億 (1e12): "4.57 億美元", "35.6 億港元". The scales, word order and currency names
are themselves catalogue entries, so adding a language is adding a file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import InputError

MESSAGES_DIR = Path(__file__).resolve().parent / "messages"
LANGS = ("en", "zh-Hant")
DEFAULT_LANG = "en"


def check_lang(lang: str) -> str:
    """Return ``lang`` if a catalogue exists for it, else raise InputError (exit 2 in the CLI)."""
    if lang not in LANGS:
        raise InputError(f"unknown language {lang!r}", field="--lang", allowed=" | ".join(LANGS))
    return lang


@lru_cache(maxsize=8)
def load_catalogue(lang: str) -> dict[str, str]:
    """The flat ``{key: text}`` catalogue of ``lang`` (cached; read-only use)."""
    check_lang(lang)
    path = MESSAGES_DIR / f"{lang}.yaml"
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise InputError("catalogue is not a mapping", file=str(path))
    return {str(k): str(v) for k, v in data.items()}


SIGNIFICANT = 3


def _significant(value: float, digits: int = SIGNIFICANT) -> float:
    """``value`` rounded to ``digits`` significant figures (191.46e6 -> 191e6)."""
    return float(f"{value:.{digits}g}") if value else 0.0


def _amount(x: float, digits: int = SIGNIFICANT) -> str:
    """``x`` (already rounded) with the decimals that show ``digits`` significant figures:
    1.91, 14.9, 191, 7,450, 6.50."""
    if x == 0:
        return "0"
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(x)) + 1e-12))
    return f"{x:,.{decimals}f}"


@dataclass(frozen=True)
class Messages:
    """Fixed text and number formats of one language."""

    lang: str
    table: dict[str, str]

    @classmethod
    def for_lang(cls, lang: str) -> Messages:
        return cls(lang, load_catalogue(lang))

    def t(self, key: str, **values: object) -> str:
        """The text for ``key`` with ``{placeholders}`` filled."""
        text = self.table[key]
        return text.format(**values) if values else text

    def get(self, key: str, default: str) -> str:
        return self.table.get(key, default)

    # -- names ----------------------------------------------------------------------------------
    def currency(self, code: str) -> str:
        return self.get(f"currency.{code}", code)

    def region(self, code: str, default: str) -> str:
        return self.get(f"region.{code}", default)

    def sector(self, code: str, default: str) -> str:
        return self.get(f"sector.{code}", default)

    def unit(self, unit: str) -> str:
        return self.get(f"unit.{unit}", unit)

    def distribution(self, name: str) -> str:
        return self.get(f"dist.{name}", name)

    def parameter(self, name: str, sector_names: dict[str, str]) -> str:
        """Readable label of a parameter name such as ``FINANCE.dependence``."""
        prefix, _, family = name.rpartition(".")
        label = self.get(f"param.{family}", family)
        if not prefix:
            return label
        if prefix in sector_names:
            return self.t(
                "param_in_sector", param=label, sector=self.sector(prefix, sector_names[prefix])
            )
        return self.t("param_with_key", param=label, key=prefix)

    # -- numbers --------------------------------------------------------------------------------
    def scales(self, short: bool = False) -> list[tuple[float, str]]:
        """(factor, word) pairs, largest first: "million" (long) or "M" (short)."""
        out = []
        for item in self.table["number_scales_short" if short else "number_scales"].split("|"):
            factor, _, word = item.partition(":")
            out.append((float(factor), word))
        return sorted(out, reverse=True)

    def money(self, value: float, currency: str = "USD", *, short: bool = False) -> str:
        """``value`` (already in ``currency``) in words of this language, 3 significant figures.

        The project's one money formatter: the brief uses the long form ("USD 1.23 billion"),
        the app and the command line the short one ("USD 1.23 bn"); both come from the catalogue.
        """
        if value is None or not math.isfinite(value):
            return "–"
        name = self.currency(currency)
        template = "money_format_short" if short else "money_format"
        value = _significant(float(value))  # the same three figures in every language
        for factor, word in self.scales(short):
            if abs(value) >= factor:
                amount = _amount(value / factor)
                return self.t(template, currency=name, amount=amount, scale=word).strip()
        return self.t("money_format_plain", currency=name, amount=_amount(value))

    def count(self, value: float, *, short: bool = False) -> str:
        """A count of people or worker-days, 3 significant figures: "6.89 million", "689萬"."""
        if value is None or not math.isfinite(value):
            return "–"
        value = _significant(float(value))
        for factor, word in self.scales(short):
            if abs(value) >= factor:
                return self.t("count_format", amount=_amount(value / factor), scale=word).strip()
        return f"{value:,.0f}"

    def percent(self, share: float, digits: int = 1) -> str:
        if share is None or not math.isfinite(share):
            return "–"
        if 0 < abs(share) < 0.01:
            digits += 1
        return self.t("percent_format", value=f"{share * 100:.{digits}f}")

    def number(self, value: float) -> str:
        """A parameter value: compact, no unit (3 significant digits below 1,000)."""
        if value is None or not math.isfinite(value):
            return "–"
        if abs(value) >= 1000 or float(value).is_integer():
            return f"{value:,.0f}"
        return f"{value:.3g}"

    def duration(self, days: float) -> str:
        if days < 1 and days > 0:
            return self.t("duration_hours", n=f"{days * 24:g}")
        n = f"{days:g}"
        return self.t("duration_one" if days == 1 else "duration_many", n=n)

    def scale_for(
        self, value: float, currency: str = "USD", *, short: bool = False
    ) -> tuple[float, str]:
        """(factor, unit label) to show amounts up to ``value`` in one unit, e.g. "USD million"."""
        for factor, word in self.scales(short):
            if abs(value) >= factor:
                template = "money_format_short" if short else "money_format"
                text = self.t(template, currency=self.currency(currency), amount="", scale=word)
                return factor, " ".join(text.split())
        return 1.0, self.currency(currency)

    def baseline_label(self, method: str) -> str:
        """Short display name of a published method (the one place these labels live)."""
        return self.get(f"baseline.{method}.label", method)


def money(
    value: float, currency: str = "USD", lang: str = DEFAULT_LANG, *, short: bool = True
) -> str:
    """Shorthand for :meth:`Messages.money` (short form by default: app and command line)."""
    return Messages.for_lang(lang).money(value, currency, short=short)


def money_from_usd(
    usd: float, currency: str = "USD", local_per_usd: float = 1.0, lang: str = DEFAULT_LANG
) -> str:
    """An amount given in USD, shown in ``currency`` (converted unless it is USD), short form."""
    value = float(usd) * (1.0 if currency == "USD" else float(local_per_usd))
    return money(value, currency, lang, short=True)
