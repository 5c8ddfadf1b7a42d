"""Read a source file as text: detect the encoding, normalise line endings, refuse binaries."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from makedocs.errors import MakedocsError, Warned

#: A source larger than this is almost certainly not a story (and would exhaust memory later).
MAX_SOURCE_BYTES = 16 * 1024 * 1024


def read_source(path: Path, display: str, warned: Warned | None = None) -> str:
    """Return the file's text with ``\\n`` line endings, in NFC.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as is. Text that is not UTF-8 but
    decodes as Windows-1252/Latin-1 is read that way with a warning rather than turned into
    mojibake; anything with NUL bytes or control characters is refused as binary.
    """
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise MakedocsError(
                f"file is {size // (1024 * 1024)} MB; sources over "
                f"{MAX_SOURCE_BYTES // (1024 * 1024)} MB are not supported",
                display,
            )
        raw = path.read_bytes()
    except OSError as error:
        raise MakedocsError(f"cannot read file: {error.strerror or error}", display) from None
    text = _decode(raw, display, warned)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _first_control_char(text)
    if bad is not None:
        line = text.count("\n", 0, bad) + 1
        raise MakedocsError("file looks binary, not text (control characters found)", display, line)
    return unicodedata.normalize("NFC", text)


def _decode(raw: bytes, display: str, warned: Warned | None) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return _strict(raw[3:], "utf-8", display)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(raw, "utf-16", display)
    if b"\x00" in raw:
        # UTF-16 without a BOM shows up as every other byte NUL in ASCII text.
        even, odd = raw[0::2], raw[1::2]
        if raw and (even.count(0) > len(even) * 0.4 or odd.count(0) > len(odd) * 0.4):
            encoding = "utf-16-be" if even.count(0) > odd.count(0) else "utf-16-le"
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                pass
        raise MakedocsError("file looks binary, not text (NUL bytes found)", display)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise MakedocsError("file is not UTF-8 text; save it as UTF-8", display, line) from None
        if warned is not None:
            warned.warn(
                "file is not UTF-8; read it as Windows-1252/Latin-1 (save as UTF-8 to be sure)",
                display,
                line,
            )
        return text


def _strict(raw: bytes, encoding: str, display: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise MakedocsError(f"invalid {encoding.upper()} text", display, line) from None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _first_control_char(text: str) -> int | None:
    match = _CONTROL.search(text)
    return match.start() if match else None
