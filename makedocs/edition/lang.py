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


def letter_language(char: str, base: str) -> str | None:
    """The language a letter is read in, or None for anything that is not a letter we know."""
    if is_hangul(char):
        return KOREAN
    if char.isalpha() and unicodedata.name(char, "").startswith("LATIN"):
        return LATIN_IN_KOREAN if primary(base) == KOREAN else base
    return None


def runs(text: str, context: str, base: str) -> list[tuple[str, str | None]]:
    """``text`` cut into pieces, each with the language to mark it with (None: ``context``).

    ``context`` is the language of the element the text sits in; ``base`` the collection's.
    """
    spans: list[list[int | str]] = []  # [start, end, language] of letters of one language
    for index, char in enumerate(text):
        language = letter_language(char, base)
        if language is None:
            continue
        if spans and spans[-1][2] == language:
            spans[-1][1] = index + 1
        else:
            spans.append([index, index + 1, language])
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
    found = {letter_language(char, base) for char in text} - {None}
    if len(found) != 1:
        return None
    (language,) = found
    assert language is not None
    return language if primary(language) != primary(context) else None


def main_language(text: str, base: str) -> str | None:
    """The language most letters of ``text`` are in, when that is not ``base``: a Korean
    story in an English collection is marked Korean as a whole, its English words as runs."""
    counts: dict[str, int] = {}
    for char in text:
        language = letter_language(char, base)
        if language is not None:
            counts[language] = counts.get(language, 0) + 1
    if not counts:
        return None
    language = max(sorted(counts), key=lambda key: counts[key])
    if primary(language) == primary(base) or counts[language] * 2 <= sum(counts.values()):
        return None
    return language
