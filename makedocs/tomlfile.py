"""Reading a TOML settings file with the line of every key, for ``file:line: message`` errors.

``tomllib`` gives values but no positions. Settings files are short and hand-written, so a
line scan that follows table headers and ``key =`` lines finds where each key was set; a key
inside an inline table (``redact = { "A" = "B" }``) is placed on its parent's line.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from makedocs.errors import MakedocsError

Key = tuple[str, ...]

_HEADER = re.compile(r"^\s*\[\[?\s*(?P<name>[^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_NAME = r"(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+)"
_ASSIGN = re.compile(rf"^\s*(?P<key>{_NAME}(?:\s*\.\s*{_NAME})*)\s*=")
_PART = re.compile(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_\-]+)")
#: Tables nested deeper than this are refused before tomllib recurses into them.
MAX_DEPTH = 32


@dataclass(frozen=True, slots=True)
class TomlFile:
    """A parsed settings file: its data, the name to show in messages, and key -> line."""

    data: dict[str, Any]
    display: str
    lines: dict[Key, int] = field(default_factory=dict)

    def line(self, *key: str) -> int | None:
        """The line that set ``key`` (a path of names), or its nearest enclosing table's."""
        path: Key = tuple(key)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None

    def error(self, message: str, *key: str) -> MakedocsError:
        return MakedocsError(message, self.display, self.line(*key))


def read_toml(path: Path, display: str | None = None, what: str = "settings") -> TomlFile:
    """Parse ``path``; any problem is a MakedocsError naming the file and line."""
    shown = display or path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise MakedocsError(f"cannot read {what}: {error.strerror or error}", shown) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise MakedocsError(f"{what} file is not UTF-8 text", shown, line) from None
    return parse_toml(text, shown, what)


#: What tomllib's terse messages usually mean to someone editing settings by hand.
_HINTS = (
    ("Illegal character '\\n'", ' (a quoted value is not closed on this line: add the closing ")'),
    ("Invalid value", ' (text must be in quotes: title = "Our stories")'),
    ("Cannot overwrite a value", " (this key is set twice; keep one)"),
)


def parse_toml(text: str, display: str, what: str = "settings") -> TomlFile:
    _refuse_deep_nesting(text, display)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"at line (\d+)", message)
        message = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", message)
        line = int(found.group(1)) if found else None
        hint = next((h for problem, h in _HINTS if message.startswith(problem)), "")
        raise MakedocsError(f"invalid TOML: {message}{hint}", display, line) from None
    return TomlFile(data, display, key_lines(text))


def _refuse_deep_nesting(text: str, display: str) -> None:
    """tomllib recurses once per nested array or inline table; a hostile file of thousands
    of ``[`` would end in a RecursionError, so count bracket depth first."""
    depth = 0
    line = 1
    quote = ""
    escaped = False
    for char in text:
        if char == "\n":
            line += 1
            if quote in ('"', "'"):
                quote = ""
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = ""
            continue
        if char in "\"'":
            quote = char
        elif char == "#":
            quote = "\n"  # a comment runs to the end of the line
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise MakedocsError(
                    f"arrays or tables nested more than {MAX_DEPTH} deep", display, line
                )
        elif char in "]}":
            depth = max(0, depth - 1)


def key_lines(text: str) -> dict[Key, int]:
    """Where each table header and ``key =`` line is, as (table..., key) -> line number."""
    lines: dict[Key, int] = {}
    table: Key = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _split(header["name"])
            lines.setdefault(table, number)
            continue
        assign = _ASSIGN.match(line)
        if assign:
            lines.setdefault((*table, *_split(assign["key"])), number)
    return lines


def _split(dotted: str) -> Key:
    return tuple(next(g for g in m.groups() if g is not None) for m in _PART.finditer(dotted))


def suggest(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'crop_marks'?)`` for a near miss among ``known``, else ``""``."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def unknown_key(file: TomlFile, key: Key, known: Iterable[str], hint: str = "") -> MakedocsError:
    """``file:line: unknown key 'crop_mraks' in [booklet] (did you mean 'crop_marks'?)``."""
    table = ".".join(key[:-1])
    where = f" in [{table}]" if table else ""
    extra = hint or suggest(key[-1], known)
    return file.error(f"unknown key {key[-1]!r}{where}{extra}", *key)
