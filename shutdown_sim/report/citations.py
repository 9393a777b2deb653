"""Citations as a reader of a brief can follow them.

Parameter sources lead with the primary citation (author or body, title, year, URL or DOI) and
may go on with pointers into the project's own documentation (``docs/assumptions.md#buffers``)
or working notes. A reader of a PDF cannot open a path: :func:`reader_text` names our documents
instead and drops note paths; :func:`short_citation` keeps the lead citation only, for the
two-page brief (the appendix has the full text).
"""

from __future__ import annotations

import re

# a path a reader of a brief cannot open: project docs, working notes, local folders
_DOC = re.compile(r"\bdocs/(?P<name>[\w-]+)\.md(?:#(?P<anchor>[\w-]+))?")
_NOTE = re.compile(
    r"(?:\b(?:via|see|in)\s+)?(?:\.\./)?(?:shared[/])?(?:reference[/])?"
    r"\b[\w-]+\.md\b(?:\s+\d+[a-z]?(?:\.\d+)*(?:(?:,\s*|\s+and\s+)\d+[a-z]?(?:\.\d+)*)*)?"
)
_LOCAL = re.compile(
    r"(?:\.\./)?\bshared[/]reference[/][\w./-]*|(?:\.\./)+[\w./-]+|[/]work[/][\w./-]*"
)
INTERNAL_PATH = re.compile(
    r"shared[/]reference|reference[/]seeds|[/]work[/]|\.\./|\bdocs/[\w-]+\.md|\b[\w-]+\.md\b"
)
_DOC_TITLES = {
    "assumptions": "assumptions",
    "domestic_io": "domestic input-output table",
    "infrastructure": "infrastructure",
    "methods": "published methods",
    "model": "model",
}


def _doc_name(match: re.Match) -> str:
    title = _DOC_TITLES.get(match.group("name"), match.group("name").replace("_", " "))
    anchor = match.group("anchor")
    section = f", “{anchor.replace('-', ' ')}”" if anchor else ""
    return f"shutdown-sim documentation: {title}{section}"


def reader_text(text: str) -> str:
    """``text`` with our documents named instead of pathed and note paths dropped."""
    out = _DOC.sub(_doc_name, str(text))
    out = _NOTE.sub("", out)
    out = _LOCAL.sub("", out)
    out = re.sub(r"\s*\band\s*(?=[;,)\]]|$)", "", out)  # "and" left by two dropped notes
    out = re.sub(r"\(\s*[;,]?\s*\)", "", out)  # brackets left empty
    out = re.sub(r"\s*([;,])(\s*[;,])+", r"\1", out)  # doubled separators
    out = re.sub(r"[;,]\s*(?=[)\]\"]|$)", "", out)  # separator before a closing mark or the end
    out = re.sub(r"(?<=[(\[])\s*[;,]\s*", "", out)
    out = re.sub(r"\s+([;,])", r"\1", out)
    return re.sub(r"\s{2,}", " ", out).strip(" ;,")


def short_citation(text: str, limit: int = 140) -> str:
    """The lead citation of a source text (up to the first ``;``), at most ``limit`` characters."""
    lead = reader_text(text).split(";")[0].strip()
    if lead.lower().startswith("expert judgement") and ":" in lead:
        head, _, rest = lead.partition(":")
        lead = f"{head}: {rest.strip()}" if len(head) + len(rest) < limit else head
    if len(lead) <= limit:
        return lead
    cut = lead[: limit - 1].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + "…"
