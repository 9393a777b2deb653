"""Citations a reader can follow (issue 14, item 0; issue 10, item 5).

Every source/note cell in ``parameters/`` and every string in ``scenarios/`` must cite a primary
source or a document inside this repository, never a research note or path that a clone does not
have (``reference/cascade.md``, ``seeds/001``, ``shared/...``). The same holds for the docstrings,
strings and comments of ``shutdown_sim/``. Links to ``docs/*.md#anchor`` must resolve to a heading.
"""

from __future__ import annotations

import ast
import csv
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

# Names of notes and folders that exist only outside the repository.
FORBIDDEN = re.compile(
    r"(?<![\w.-])(?:\.\./)*(?:shared|reference|seeds?)/"  # shared/..., reference/..., seeds/...
    r"|/work/"
    r"|\bseed\s*0\d\d\b"
    r"|\bthe (?:research )?notes\b"
    r"|參考資料",
    re.IGNORECASE,
)
# A token that looks like a file name; it must exist in the repository unless the text cites an
# external repository (github.com/...), whose files are named by their own paths.
FILE_TOKEN = re.compile(
    r"(?<![\w/.-])([\w./-]*[\w-]\.(?:md|txt|csv|yaml|yml|rst|py|json))(#[\w-]+)?\b"
)
DOC_LINK = re.compile(r"\b(docs/[\w./-]+\.md)#([\w-]+)")

# Files that the code writes (named in docstrings, not notes to open).
OUTPUT_NAMES = {"brief.md"}

REPO_BASENAMES = {p.name for p in ROOT.rglob("*") if p.is_file() and ".git" not in p.parts}


def _heading_anchors(doc: Path) -> set[str]:
    """GitHub-style anchors of a Markdown file's headings."""
    anchors = set()
    for line in doc.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^#{1,6}\s+(.*?)\s*$", line)
        if m:
            text = re.sub(r"[^\w\- ]", "", m.group(1).lower())
            anchors.add(text.replace(" ", "-"))
    return anchors


def problems(text: str, where: Path) -> list[str]:
    """Why ``text`` (found in file ``where``) names something a reader cannot open."""
    found = [f"internal note: {m.group(0)!r}" for m in FORBIDDEN.finditer(text)]
    for m in FILE_TOKEN.finditer(text):
        token = m.group(1)
        if "github.com/" in text or token.startswith(("http", "www.")):
            continue
        if token in OUTPUT_NAMES or (ROOT / token).is_file() or (where.parent / token).is_file():
            continue
        # notes must be named by their path; data files may be named by their base name
        if token.endswith((".md", ".txt")) or Path(token).name not in REPO_BASENAMES:
            found.append(f"file not in the repository: {token!r}")
    for m in DOC_LINK.finditer(text):
        doc = ROOT / m.group(1)
        if not doc.is_file():
            found.append(f"missing doc {m.group(1)}")
        elif m.group(2) not in _heading_anchors(doc):
            found.append(f"no heading for anchor {m.group(1)}#{m.group(2)}")
    return found


def _yaml_strings(obj: object) -> Iterator[str]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _yaml_strings(k)
            yield from _yaml_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _yaml_strings(v)
    elif isinstance(obj, str):
        yield obj


def _data_files() -> list[Path]:
    files = [*(ROOT / "parameters").rglob("*.csv"), *(ROOT / "parameters").rglob("*.yaml")]
    files += (ROOT / "scenarios").glob("*.yaml")
    return sorted(files)


def _rel(p: Path) -> str:
    return p.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", _data_files(), ids=_rel)
def test_data_cells_cite_what_a_reader_can_open(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".csv":
        cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    else:
        cells = list(_yaml_strings(yaml.safe_load(text)))
    bad = {c[:120]: problems(c, path) for c in cells if problems(c, path)}
    assert not bad, f"{_rel(path)}: {bad}"


def _code_texts(path: Path) -> Iterator[tuple[int, str]]:
    """String constants (docstrings included) and comments of a Python file, with line numbers."""
    src = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.COMMENT:
            yield tok.start[0], tok.string


@pytest.mark.parametrize(
    "path",
    [*sorted((ROOT / "shutdown_sim").rglob("*.py")), ROOT / "app.py"],
    ids=_rel,
)
def test_code_cites_what_a_reader_can_open(path: Path) -> None:
    bad = [
        f"line {line}: {p}"
        for line, text in _code_texts(path)
        for p in problems(text, path)
        # code names the data files it reads and writes; only notes (.md, .txt) must exist
        if not p.startswith("file not in the repository") or p.endswith((".md'", ".txt'"))
    ]
    assert not bad, f"{_rel(path)}: {bad}"


@pytest.mark.parametrize(
    "path",
    [
        ROOT / "README.md",
        *sorted((ROOT / "docs").glob("*.md")),
        *sorted((ROOT / "parameters").rglob("*.md")),
    ],
    ids=_rel,
)
def test_docs_link_inside_the_repository(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    bad = [
        p
        for p in problems(text, path)
        if not p.startswith("file not in the repository") or p.endswith((".md'", ".txt'"))
    ]
    assert not bad, f"{_rel(path)}: {bad}"


def test_checker_catches_internal_notes() -> None:
    here = ROOT / "parameters" / "x.csv"
    assert problems("via shared/reference/cascade.md 4.3", here)
    assert problems("HKISPA statement (reference/seeds/000_0a1c.txt)", here)
    assert problems("#KeepItOn letter (seed 001)", here)
    assert problems("see cascade.md 8", here)
    assert problems("see docs/assumptions.md#no-such-heading", here)
    assert not problems("see docs/assumptions.md#buffers", here)
    assert not problems("BoARIO docs (tutorials/model-params.rst, github.com/spjuhel/BoARIO)", here)
