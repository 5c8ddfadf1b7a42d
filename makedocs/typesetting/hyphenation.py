"""Which hyphenation patterns a language uses, and the rules every hyphenated break obeys.

pyphen's own fallback reads the tag's language only, and its ``en`` is the British pattern set
("signific-ant"), so a collection written in ``en`` (which, as in browsers and office suites,
means American usage unless a region says otherwise) would be hyphenated the British way.
``PATTERNS`` fixes those choices; any other tag goes to pyphen's fallback, and a language pyphen
has no patterns for is not hyphenated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

#: Language tags (lower case, ``-`` separated) whose patterns pyphen's fallback would choose
#: wrongly, and languages that are never hyphenated ("").
PATTERNS = {
    # American patterns for English unless the tag names a region that spells the British way.
    "en": "en_US",
    "en-us": "en_US",
    "en-gb": "en_GB",
    "en-au": "en_GB",
    "en-nz": "en_GB",
    "en-ie": "en_GB",
    "en-za": "en_GB",
    "en-in": "en_GB",
    # Korean, Japanese and Chinese break lines between syllables or characters, never with a
    # hyphen; a Latin word inside such text is not hyphenated either.
    "ko": "",
    "ja": "",
    "zh": "",
}
#: A hyphenated break leaves at least this many letters on each side ("di-lemma" is not made).
MIN_LETTERS = 3
_APOSTROPHE = re.compile("['’]")


def patterns(language: str) -> str:
    """The pyphen dictionary for a BCP 47 tag, or "" if the language is not hyphenated."""
    import pyphen

    tag = language.strip().replace("_", "-").lower()
    parts = tag.split("-")
    # The most specific entry first: "en-GB-oxendict" -> "en-gb" -> "en".
    for end in range(len(parts), 0, -1):
        key = "-".join(parts[:end])
        if key in PATTERNS:
            return PATTERNS[key]
    return pyphen.language_fallback(language.replace("-", "_")) or ""


class Hyphenator:
    """The callable ReportLab hyphenates with (``word -> (head, tail) pairs``, longest head
    first): ``language``'s patterns, at least MIN_LETTERS on each side, and never a word of
    ``keep`` as written there (names a reader must find whole, such as those in the running
    heads: "Utopia" stays whole, while "escape" may break even if a title has "Escape")."""

    def __init__(self, language: str, keep: Iterable[str] = ()) -> None:
        import pyphen

        self.language = language
        self.keep = frozenset(keep)
        path = pyphen.LANGUAGES[pyphen.language_fallback(language)]
        _load(path)
        self._pyphen = pyphen.Pyphen(filename=path, left=MIN_LETTERS, right=MIN_LETTERS)

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        stem = _APOSTROPHE.split(word, maxsplit=1)[0]  # "Utopia’s" is the name "Utopia"
        if word in self.keep or stem in self.keep:
            return iter(())
        return self._pyphen.iterate(word)

    def __bool__(self) -> bool:
        return True

    def __deepcopy__(self, memo: dict[int, object]) -> Hyphenator:
        return self  # ReportLab copies styles when it splits a paragraph; the patterns stay


def name_words(*texts: str) -> set[str]:
    """The capitalised words of ``texts`` (titles, running heads): the names among them, for a
    hyphenator's ``keep``."""
    return {word for text in texts for word in re.findall(r"\w+", text) if word[0].isupper()}


_DIGITS = str.maketrans("", "", "0123456789")
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _load(path: Path) -> None:
    """Put the patterns of the ``hyph_*.dic`` file ``path`` into pyphen's cache, read by
    :func:`parse_patterns`: the same patterns in less than half the time (pyphen's reader was
    a tenth of the seed build's critical path). pyphen reads any file this one does not."""
    import pyphen

    if path in pyphen.hdcache:
        return
    found = parse_patterns(path)
    if found:
        table = pyphen.HyphDict.__new__(pyphen.HyphDict)
        table.patterns, table.cache, table.maxlen = found, {}, max(map(len, found))
        pyphen.hdcache[path] = table


def parse_patterns(path: Path) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """A ``hyph_*.dic`` file's patterns as pyphen's HyphDict keeps them ("a1b2c" is
    ``{"abc": (1, (1, 2))}``: the letters, where the first non-zero value falls, and the values
    from there to the last non-zero one); None for a file with ``^^`` escapes or nonstandard
    hyphens, or digits other than 0-9, which only pyphen reads."""
    import pyphen

    raw = path.read_bytes()
    encoding = raw.split(b"\n", 1)[0].decode().strip()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    text = raw.decode(encoding)
    if _OTHER_DIGIT.search(text):
        return None  # a digit other than 0-9: pyphen's reader knows what to make of it
    found: dict[str, tuple[int, tuple[int, ...]]] = {}
    for line in text.split("\n")[1:]:
        line = line.strip()
        if not line or line.startswith(pyphen.ignored):
            continue
        if "^^" in line or ("/" in line and "=" in line):
            return None
        letters = line.translate(_DIGITS)
        if len(letters) == len(line):
            continue  # no digit: no break
        # A value before each letter and one after the last; as in pyphen, a digit right
        # after a digit has a place of its own ("a12b" is 0, 1, 2, 0).
        values: list[int] = []
        digit = None
        for char in line:
            if "0" <= char <= "9":
                if digit is not None:
                    values.append(digit)
                digit = ord(char) - 48
            else:
                values.append(digit or 0)
                digit = None
        values.append(digit or 0)
        if not any(values):
            continue
        start, end = 0, len(values)
        while not values[start]:
            start += 1
        while not values[end - 1]:
            end -= 1
        found[letters] = start, tuple(values[start:end])
    return found
