"""Provenance inside downloads: PNG text chunks and PDF document metadata.

A chart or a PDF that travels alone (posted, attached to a letter) still says which run made it,
as the CSVs do with their ``provenance_*`` columns: the package version, the scenario, the
content hashes, seed, draws and date. Both writers edit files in place without re-encoding them:
PNG gets ``iTXt`` chunks before ``IEND``; PDF gets an incremental update with a new document
information dictionary (the original bytes stay untouched in front of it).
"""

from __future__ import annotations

import json
import re
import struct
import unicodedata
import zlib
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PROVENANCE_KEY = "shutdown-sim provenance"
PDF_PROVENANCE_KEY = "ShutdownSimProvenance"


def provenance_json(result) -> str:
    """The run's provenance record (plus scenario name) as one line of JSON."""
    record = {"scenario": result.scenario_name, **dict(result.provenance or {})}
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def provenance_line(result) -> str:
    """One human-readable line: version, scenario, seed, draws, date, short hashes."""
    p = result.provenance or {}
    return (
        f"shutdown-sim {p.get('version', '')} · {result.scenario_name} · seed {p.get('seed', '')}"
        f" · {p.get('draws', '')} draws · {p.get('created_utc', '')}"
        f" · scenario {str(p.get('scenario_sha256', ''))[:12]}"
        f" · parameters {str(p.get('parameter_values_sha256', ''))[:12]}"
    )


# -- PNG ----------------------------------------------------------------------------------------
def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _itxt(keyword: str, text: str) -> bytes:
    key = keyword.encode("latin-1")[:79]
    return _chunk(b"iTXt", key + b"\x00\x00\x00" + b"\x00" + b"\x00" + text.encode("utf-8"))


def png_with_text(data: bytes, fields: dict[str, str]) -> bytes:
    """PNG bytes with ``fields`` added as iTXt chunks (UTF-8) just before ``IEND``."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG file")
    end = data.rfind(b"IEND")
    if end < 12:
        raise ValueError("PNG without an IEND chunk")
    start = end - 4  # the IEND chunk's length field
    return data[:start] + b"".join(_itxt(k, v) for k, v in fields.items()) + data[start:]


def png_add_text(path: Path, fields: dict[str, str]) -> None:
    """Insert ``fields`` as iTXt chunks into the PNG file at ``path`` (replaced atomically)."""
    path = Path(path)
    try:
        data = png_with_text(path.read_bytes(), fields)
    except ValueError as exc:
        raise ValueError(f"{path.name}: {exc}") from None
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def png_text(path: Path) -> dict[str, str]:
    """The tEXt/iTXt fields of a PNG file (for tests and for reading a card back)."""
    return png_text_of(Path(path).read_bytes())


def png_text_of(data: bytes) -> dict[str, str]:
    """The tEXt/iTXt fields of PNG bytes."""
    out, pos = {}, len(PNG_SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"tEXt":
            key, _, value = body.partition(b"\x00")
            out[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\x00")
            rest = rest[2:]  # compression flag and method (we never compress)
            _lang, _, rest = rest.partition(b"\x00")
            _tkey, _, value = rest.partition(b"\x00")
            out[key.decode("latin-1")] = value.decode("utf-8")
        pos += 12 + length
    return out


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) in pixels from the PNG header."""
    data = Path(path).read_bytes()[:24]
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError(f"{Path(path).name} is not a PNG file")
    return struct.unpack(">II", data[16:24])


# -- PDF ----------------------------------------------------------------------------------------
def _pdf_text(text: str) -> bytes:
    """A PDF text string: UTF-16BE with byte-order mark, hex encoded (any script)."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _pdf_name(key: str) -> bytes:
    return b"/" + re.sub(r"[^A-Za-z0-9]", "", key).encode("ascii")


_RADICAL = re.compile("[\u2e80-\u2fdf]")
_BFCHAR = re.compile(rb"^(\s*<[0-9A-Fa-f]+>\s+(?:<[0-9A-Fa-f]+>\s+)?)<([0-9A-Fa-f]+)>(\s*)$", re.M)


# CJK Radicals Supplement characters with no compatibility decomposition whose glyph Noto CJK
# shares with a unified ideograph (NFKC handles the Kangxi radicals and the rest).
_RADICAL_TO_IDEOGRAPH = str.maketrans(
    {
        "\u2ea0": "\u6c11",  # ⺠ 民
        "\u2ec4": "\u897f",  # ⻄ 西
        "\u2ec7": "\u89d2",  # ⻇ 角
        "\u2ed1": "\u9577",  # ⻑ 長
        "\u2ed8": "\u9752",  # ⻘ 青
        "\u2edd": "\u98df",  # ⻝ 食
        "\u2ee3": "\u9aa8",  # ⻣ 骨
        "\u2ee4": "\u9b3c",  # ⻤ 鬼
        "\u2ee9": "\u9ec4",  # ⻩ 黄
    }
)


def _unified(hex_code: bytes) -> bytes:
    """A ToUnicode target with Kangxi/CJK radicals replaced by the unified ideographs."""
    try:
        text = bytes.fromhex(hex_code.decode("ascii")).decode("utf-16-be")
    except (ValueError, UnicodeDecodeError):
        return hex_code
    if not _RADICAL.search(text):
        return hex_code
    text = unicodedata.normalize("NFKC", text.translate(_RADICAL_TO_IDEOGRAPH))
    return text.encode("utf-16-be").hex().upper().encode()


def _fix_cmap(cmap: bytes) -> bytes:
    return _BFCHAR.sub(lambda m: m.group(1) + b"<" + _unified(m.group(2)) + b">" + m.group(3), cmap)


def unicode_fixes(data: bytes) -> dict[int, bytes]:
    """Replacement ToUnicode streams for a PDF whose text maps to CJK radicals.

    Fonts such as Noto Sans CJK draw 香 (U+9999) and the Kangxi radical ⾹ (U+2F79) with one
    glyph, and Chromium's PDF writer maps the glyph back to the radical: the page looks right but
    copied or searched text is wrong. Returns {object number: new object body} for every
    ToUnicode map that changes (single-range maps only, as Chromium writes them).
    """
    out = {}
    for ref in sorted(set(re.findall(rb"/ToUnicode\s+(\d+)\s+0\s+R", data)), key=int):
        head = re.search(rb"(?:^|\s)" + ref + rb" 0 obj\s*<<(.*?)>>\s*stream\r?\n", data, re.S)
        if head is None or b"/FlateDecode" not in head.group(1):
            continue
        length = re.search(rb"/Length\s+(\d+)(?!\s+\d+\s+R)", head.group(1))
        if length is None:
            continue
        try:
            cmap = zlib.decompress(data[head.end() : head.end() + int(length.group(1))])
        except zlib.error:
            continue
        fixed = _fix_cmap(cmap)
        if fixed != cmap:
            body = zlib.compress(fixed)
            out[int(ref)] = (
                b"<</Filter /FlateDecode /Length %d>> stream\n" % len(body) + body + b"\nendstream"
            )
    return out


def pdf_set_info(path: Path, info: dict[str, str], *, fix_unicode: bool = True) -> None:
    """Give the PDF at ``path`` a new document information dictionary (incremental update).

    ``info`` keys are PDF Info names (``Title``, ``Author``, ``Subject``, ``Keywords``,
    ``Creator`` or custom ones); values any text. With ``fix_unicode`` the same update replaces
    ToUnicode maps that point at CJK radicals (see :func:`unicode_fixes`). Needs a classic
    cross-reference table (as Chromium/Skia writes); raises ValueError otherwise.
    """
    path = Path(path)
    data = path.read_bytes()
    tail = data[-4096:]
    starts = re.findall(rb"startxref\s+(\d+)", tail)
    trailer = re.findall(rb"trailer\s*<<(.*?)>>\s*startxref", tail, re.S)
    if not starts or not trailer:
        raise ValueError(f"{path.name}: no classic PDF trailer to update")
    size = re.search(rb"/Size\s+(\d+)", trailer[-1])
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", trailer[-1])
    if not size or not root:
        raise ValueError(f"{path.name}: trailer without /Size or /Root")
    ident = re.search(rb"/ID\s*\[[^\]]*\]", trailer[-1])
    number = int(size.group(1))
    body = b"".join(_pdf_name(k) + b" " + _pdf_text(v) + b"\n" for k, v in info.items())
    objects = dict(unicode_fixes(data)) if fix_unicode else {}
    objects[number] = b"<<\n" + body + b">>"
    prefix = data if data.endswith(b"\n") else data + b"\n"
    update, offsets = b"", {}
    for num in sorted(objects):
        offsets[num] = len(prefix) + len(update)
        update += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref_offset = len(prefix) + len(update)
    update += b"xref\n0 1\n0000000000 65535 f\r\n"
    update += b"".join(b"%d 1\n%010d 00000 n\r\n" % (num, offsets[num]) for num in sorted(objects))
    update += (
        b"trailer\n<</Size %d /Root %s /Info %d 0 R /Prev %s"
        % (number + 1, root.group(1), number, starts[-1])
        + ((b" " + ident.group(0)) if ident else b"")
        + b">>\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    )
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(prefix + update)
    tmp.replace(path)


def pdf_page_count(path: Path) -> int:
    """Number of page objects in a PDF written without object streams (Chromium's)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", Path(path).read_bytes()))
