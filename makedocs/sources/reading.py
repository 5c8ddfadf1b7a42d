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
    is Korean CP949/EUC-KR, or else decodes as Windows-1252/Latin-1, is read that way with a
    warning rather than turned into mojibake; UTF-8 with stray other bytes is refused at the
    line; anything with NUL bytes or control characters is refused as binary.
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
    # Word and copy-paste leave vertical tabs (manual line breaks) and form feeds (page breaks)
    # in otherwise plain text: spaces to us (line numbers stay true), not signs of a binary file.
    text = text.replace("\x0b", " ").replace("\x0c", " ")
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
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise MakedocsError("file looks binary, not text (a NUL byte here)", display, line)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        korean = _korean(raw)
        if korean is not None:
            if warned is not None:
                warned.warn(
                    "file is not UTF-8; read it as Korean CP949/EUC-KR (save as UTF-8 to be sure)",
                    display,
                    line,
                )
            return korean
        if _UTF8_SEQUENCE.search(raw):
            # Mostly UTF-8 with a stray byte: reading it as Windows-1252 would turn every
            # correct accent and curly quote into mojibake ("â€™"), so stop and say where.
            raise MakedocsError(
                "file mixes UTF-8 with other bytes here; re-save it as UTF-8", display, line
            ) from None
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


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _korean(raw: bytes) -> str | None:
    """The text if it is Korean in CP949/EUC-KR (Korean Windows' default), else None.

    Accepted only when it decodes strictly and most non-ASCII characters are Hangul syllables;
    Latin-1 accents almost never pair into valid CP949, and never into mostly Hangul.
    """
    try:
        text = raw.decode("cp949")
    except UnicodeDecodeError:
        return None
    wide = [c for c in text if ord(c) > 0x7F]
    hangul = sum(1 for c in wide if "\uac00" <= c <= "\ud7a3")
    return text if wide and hangul >= 0.6 * len(wide) else None


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
