"""Language runs: Hangul inside English text, Latin inside Korean text.

A screen reader reads every word with the voice of the language it is marked with; a Korean
sentence in an English story read by an English voice is noise. Runs are found by script: a
Hangul letter is Korean; a Latin letter is the collection's language, or English inside a Korean
collection. Spaces, digits and punctuation between two letters of a run belong to it; at a run's
edges they stay in the surrounding language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

KOREAN = "ko"
#: The language of Latin-script words inside a Korean collection (names, "LiNK", quotes).
LATIN_IN_KOREAN = "en"

# A well-formed BCP 47 tag of the common shapes: language, then script/region/variant subtags.
_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-[A-Za-z0-9]{5,8})*$")
_HANGUL = (
    (0x1100, 0x11FF),  # Jamo
    (0x3130, 0x318F),  # compatibility Jamo
    (0xA960, 0xA97F),  # Jamo extended A
    (0xAC00, 0xD7AF),  # syllables
    (0xD7B0, 0xD7FF),  # Jamo extended B
    (0xFFA0, 0xFFDC),  # half-width
)


def valid_tag(tag: str) -> bool:
    """Whether ``tag`` is a language tag a reading system understands (``en``, ``ko-KR``)."""
    return bool(_TAG.match(tag))


def primary(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


def is_hangul(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _HANGUL)


@cache
def _letters() -> re.Pattern[str]:
    """One pattern for a run of Hangul letters and one for a run of Latin letters (every
    alphabetic character Unicode names LATIN), built once: scanning text with them is far
    faster than asking ``unicodedata`` about every character."""
    latin = [
        code
        for code in _maybe_latin()
        if chr(code).isalpha() and unicodedata.name(chr(code), "").startswith("LATIN")
    ]
    ranges: list[list[int]] = []
    for code in latin:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    hangul = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _HANGUL)
    latin_class = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)
    return re.compile(f"(?P<ko>[{hangul}]+)|(?P<latin>[{latin_class}]+)")


#: Blocks whose every letter is named "CJK UNIFIED IDEOGRAPH", "YI SYLLABLE", "HANGUL SYLLABLE"
#: or "CJK COMPATIBILITY IDEOGRAPH": asking for their 40,000 names took 4/5 of the table's time.
_NOT_LATIN = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA000, 0xA48F),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
)


def _maybe_latin() -> Iterator[int]:
    """The code points from A to the end of the Basic Multilingual Plane, less ``_NOT_LATIN``."""
    start = 0x41
    for low, high in _NOT_LATIN:
        yield from range(start, low)
        start = high + 1
    yield from range(start, 0x10000)


def _latin(base: str) -> str:
    return LATIN_IN_KOREAN if primary(base) == KOREAN else base


def _letter_runs(text: str, base: str) -> list[tuple[int, int, str]]:
    """(start, end, language) of each run of letters of one language."""
    return [
        (m.start(), m.end(), KOREAN if m.lastgroup == "ko" else _latin(base))
        for m in _letters().finditer(text)
    ]


def runs(text: str, context: str, base: str) -> list[tuple[str, str | None]]:
    """``text`` cut into pieces, each with the language to mark it with (None: ``context``).

    ``context`` is the language of the element the text sits in; ``base`` the collection's.
    """
    spans: list[list[int | str]] = []  # [start, end, language] of letters of one language
    for start, end, language in _letter_runs(text, base):
        if spans and spans[-1][2] == language:
            spans[-1][1] = end  # what lies between two runs of one language belongs to it
        else:
            spans.append([start, end, language])
    out: list[tuple[str, str | None]] = []
    position = 0
    for start, end, language in spans:
        assert isinstance(start, int) and isinstance(end, int) and isinstance(language, str)
        if primary(language) == primary(context):
            continue
        if start > position:
            out.append((text[position:start], None))
        out.append((text[start:end], language))
        position = end
    if position < len(text) or not out:
        out.append((text[position:], None))
    return out


def whole_language(text: str, context: str, base: str) -> str | None:
    """The language of ``text`` when every letter in it is in one language other than
    ``context`` (then the whole element is marked rather than a run inside it)."""
    found = {language for _, _, language in _letter_runs(text, base)}
    if len(found) != 1:
        return None
    (language,) = found
    assert language is not None
    return language if primary(language) != primary(context) else None


def main_language(text: str, base: str) -> str | None:
    """The language most letters of ``text`` are in, when that is not ``base``: a Korean
    story in an English collection is marked Korean as a whole, its English words as runs."""
    counts: dict[str, int] = {}
    for start, end, language in _letter_runs(text, base):
        counts[language] = counts.get(language, 0) + end - start
    if not counts:
        return None
    language = max(sorted(counts), key=lambda key: counts[key])
    if primary(language) == primary(base) or counts[language] * 2 <= sum(counts.values()):
        return None
    return language
