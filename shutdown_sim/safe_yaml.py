"""Safe YAML reading for user files: no tags that build objects, no aliases, bounded size.

Plain scalars follow YAML 1.2 (core schema), not PyYAML's YAML 1.1: ``24:00`` stays the text
"24:00" (YAML 1.1 reads it as the base-60 number 1440), ``yes``/``no``/``on``/``off`` stay text
(only ``true``/``false`` are booleans), and ``010`` is not an octal 8. ``bool_as_number`` finds a
yes/no value that a schema would silently turn into the number 1 or 0.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError

MAX_YAML_BYTES = 1_000_000
MAX_YAML_DEPTH = 50


class _NoAliasSafeLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors/aliases (closes the 'billion laughs' hole), deep nesting,
    duplicate keys and the non-plain safe tags (!!binary, !!set, !!omap, !!pairs)."""

    _depth = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "aliases (*name) are not allowed", event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"nested deeper than {MAX_YAML_DEPTH} levels",
                    self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        seen: set = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _refuse_tag(loader: yaml.SafeLoader, node: yaml.Node):
    raise yaml.constructor.ConstructorError(
        None, None, f"tag {node.tag!r} is not allowed", node.start_mark
    )


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(loader.construct_scalar(node))  # dates stay text; no datetime objects


# YAML 1.2 core-schema resolvers for booleans, integers and floats (no base 60, no yes/no/on/off,
# no leading-zero octal); every other implicit resolver (null, merge, timestamp, value) is kept.
_BOOL, _INT, _FLOAT = (f"tag:yaml.org,2002:{t}" for t in ("bool", "int", "float"))
_NoAliasSafeLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_NoAliasSafeLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_NoAliasSafeLoader.add_implicit_resolver(
    _INT,
    re.compile(r"^(?:[-+]?(?:0|[1-9][0-9_]*)|0o[0-7_]+|0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)
_NoAliasSafeLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)[eE][-+]?[0-9]+
        |[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
    list("-+0123456789."),
)


def _yaml12_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    text = str(loader.construct_scalar(node)).replace("_", "")
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 0) if text.startswith("0x") else int(text)


_NoAliasSafeLoader.add_constructor(_INT, _yaml12_int)


def bool_as_number(raw: Any, validated: Any, path: tuple = ()) -> tuple | None:
    """The path of the first ``true``/``false`` in ``raw`` that became a number in ``validated``
    (a schema's lax mode reads ``duration_h: true`` as 1); None if there is none."""
    if isinstance(raw, bool):
        numeric = isinstance(validated, int | float) and not isinstance(validated, bool)
        return path if numeric else None
    if isinstance(raw, dict) and isinstance(validated, dict):
        pairs = [(k, v, validated[k]) for k, v in raw.items() if k in validated]
    elif isinstance(raw, list | tuple) and isinstance(validated, list | tuple):
        pairs = list(zip(range(len(raw)), raw, validated, strict=False))
    else:
        return None
    for key, a, b in pairs:
        found = bool_as_number(a, b, (*path, key))
        if found is not None:
            return found
    return None


for _tag in ("binary", "set", "omap", "pairs"):
    _NoAliasSafeLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)
_NoAliasSafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def parse_yaml_text(text: str, *, source: str, error: type[InputError] = InputError) -> Any:
    """Parse YAML text safely; errors name ``source`` and the line."""
    if len(text.encode("utf-8", errors="replace")) > MAX_YAML_BYTES:
        raise error("file too large", file=source, allowed=f"at most {MAX_YAML_BYTES} bytes")
    if "\x00" in text:
        raise error("contains NUL bytes (binary?)", file=source, allowed="UTF-8 YAML text")
    if not text.strip():
        raise error("file is empty (only whitespace)", file=source, allowed="a YAML mapping")
    try:
        data = yaml.load(text, Loader=_NoAliasSafeLoader)  # noqa: S506 - safe subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "YAML"
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(
            f"invalid YAML: {problem}",
            file=source,
            field=where,
            allowed="plain YAML mappings, lists, strings and numbers (no tags, no aliases)",
        ) from None
    except RecursionError:
        raise error(
            "YAML nested too deeply", file=source, allowed=f"at most {MAX_YAML_DEPTH} levels"
        ) from None
    except ValueError as exc:  # e.g. integers longer than Python's 4300-digit limit
        raise error(
            f"invalid YAML value: {exc}",
            file=source,
            allowed="plain YAML mappings, lists, strings and numbers",
        ) from None
    if data is None:
        raise error("file has no content (only comments?)", file=source, allowed="a YAML mapping")
    return data


def read_yaml_file(path: str | Path, *, error: type[InputError] = InputError) -> Any:
    """Read a YAML file safely (size-checked, UTF-8, no object tags, no aliases)."""
    from .paths import check_path_text

    try:
        check_path_text(path, field="file name", allowed="a path to a YAML file")
    except InputError as err:
        raise error(err.message, file=err.file, field=err.field, allowed=err.allowed) from None
    path = Path(path)
    source = str(path)
    try:
        if not path.is_file():
            if path.is_dir():
                raise error("is a folder, not a file", file=source, allowed="a YAML file")
            if path.exists():
                raise error(
                    "is not a regular file (a device, pipe or socket)",
                    file=source,
                    allowed="a YAML file",
                )
            raise error("file not found", file=source)
        size = path.stat().st_size
        if size == 0:
            raise error("file is empty", file=source, allowed="a YAML mapping")
        if size > MAX_YAML_BYTES:
            raise error(
                f"file is {size} bytes", file=source, allowed=f"at most {MAX_YAML_BYTES} bytes"
            )
        raw = path.read_bytes()
    except OSError as exc:  # e.g. permission denied, a symlink loop
        raise error(f"cannot read: {exc.strerror or exc}", file=source) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(
            f"not UTF-8 text (byte {exc.start})", file=source, allowed="UTF-8 YAML text"
        ) from None
    return parse_yaml_text(text, source=source, error=error)
