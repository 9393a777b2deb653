"""One glossary for the app and the brief: the word each language uses for a concept.

``glossary.csv`` (beside this module) has one row per concept: the English and the Traditional
Chinese (Hong Kong) term, the Chinese variants to avoid (regular expressions, ``|``-separated)
and why. The message catalogues use these terms; ``avoided_in`` finds a variant in any text, so a
test keeps every Chinese page, catalogue entry and scenario description on the glossary.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GLOSSARY_FILE = Path(__file__).resolve().parent / "glossary.csv"

# Latin-script words a Chinese page may show: proper names (organisations, publications, apps,
# people cited), established abbreviations, and the names of the files beside the brief.
PROPER_NAMES = frozenset(
    """
    ADB BCG Brookings C&SD CNET COST Chrome Chromium Debian Ubuntu DDoS Deloitte Facebook GNI
    Google HKMA ISOC ITU Instagram
    JLL KeepItOn Kelly LIHKG MRIO MediaNama NetBlocks NetLoss OECD OFCA PERT Peerenboom RAS
    Rinaldi Telegram TikTok Twitter VPN WeChat West WhatsApp YouTube shutdown-sim
    assumptions.html assumptions.csv results.csv A4 CSV HTML JSON PDF PNG YAML
    """.split()
)
_URL = re.compile(
    r"https?://\S+|doi:\S+|\b(?:[\w-]+\.)+(?:com|org|net|gov|hk|io|edu|int|info)\S*", re.I
)
_FOREIGN = re.compile(r'<(\w+)\b[^>]*\blang="en"[^>]*>.*?</\1>', re.S)


def chinese_page_text(page_html: str) -> str:
    """What a reader of a Chinese page reads as Chinese text: scripts, styles, elements marked
    ``lang="en"`` (cited titles, commands) and ``<code>`` removed, tags stripped."""
    import html as html_lib

    text = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", " ", page_html, flags=re.S | re.I)
    for _ in range(3):  # nested marked elements
        text = _FOREIGN.sub(" ", text)
    text = re.sub(r"<code\b[^>]*>.*?</code>", " ", text, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", "\n", text))


def english_words(text: str, allowed: frozenset[str] = PROPER_NAMES) -> list[str]:
    """Latin-script words in ``text`` that are not allowed proper names (URLs and DOIs ignored);
    internal IDs (``dc_tseung_kwan_o``, ``hk-2019-...``) are caught as words too."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9&'._-]*[A-Za-z0-9]|[A-Za-z]", _URL.sub(" ", text))
    return [w for w in words if w not in allowed]


@dataclass(frozen=True)
class Term:
    concept: str
    en: str
    zh: str
    avoid: re.Pattern | None
    reason: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh-Hant" else self.en


@lru_cache(maxsize=1)
def glossary() -> dict[str, Term]:
    """Concept → Term, read once from ``glossary.csv``."""
    out = {}
    with GLOSSARY_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            avoid = row["avoid_zh"].strip()
            out[row["concept"]] = Term(
                concept=row["concept"],
                en=row["en"],
                zh=row["zh-Hant"],
                avoid=re.compile(avoid) if avoid else None,
                reason=row["reason"],
            )
    return out


def term(concept: str, lang: str) -> str:
    """The glossary's word for ``concept`` in ``lang`` (KeyError for an unknown concept)."""
    return glossary()[concept].get(lang)


def status_label(status: str, lang: str) -> str:
    """A parameter's status (VERIFIED, ASSUMPTION, ...) in words of ``lang``."""
    entry = glossary().get(f"status_{status.strip().lower()}")
    return entry.get(lang) if entry else status


def avoided_in(text: str) -> list[tuple[str, str, str]]:
    """Every avoided Chinese variant in ``text``: (concept, the matched text, some context)."""
    found = []
    for t in glossary().values():
        if t.avoid is None:
            continue
        for match in t.avoid.finditer(text):
            a, b = max(0, match.start() - 12), match.end() + 12
            found.append((t.concept, match.group(0), text[a:b]))
    return found
