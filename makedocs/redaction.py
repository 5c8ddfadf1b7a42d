"""Finding and replacing real names: whole words in any case, Korean particles, link addresses,
and the near-misses an editor must decide about.

Matching ignores case on purpose (a leaked "YUSUNG" or "yusung" is still a leak); the alias takes
the case of what it replaces. "Yusung's" and "Yusung’s" keep their possessive ending. Longer
names win, so "Hannah Song" is replaced before "Hannah". Link addresses are searched in decoded
form (see makedocs.links), so ``/wiki/%EB%B0%95%EC%97%B0%EB%AF%B8`` is found as ``/wiki/박연미``.

Korean attaches particles to a name (한나가, 한나를, 한나의, 한나에게는): a name written in
Hangul is replaced when it stands alone or is followed only by particles, and the particle is
adjusted to the alias (한나가 -> 지은이 when the alias ends in a consonant). Any longer word that
merely starts with the name (한나라당, a party; 이수정, another person) is left alone, and
``check`` lists it.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from makedocs.links import decode_url, rewrite_url
from makedocs.model import (
    NOT_TEXT_FIELDS,
    URL_FIELDS,
    Collection,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    Source,
    Strong,
    Text,
)

# Invisible characters that could hide a name from a plain search ("Yu\u00adsung").
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = f"[{INVISIBLE}]*"
_APOSTROPHES = "['\u2019\u2018\u02bc]"
_HYPHENS = "[-\u2010\u2011\u2013]"
_TEXT_SEPARATOR = "(?:\\s|\u00a0)+"
_URL_SEPARATOR = "[-_.+\\s]+"

#: Korean particles (and the honorifics 씨 and 님) that may follow a name. Up to three in a
#: row are accepted (한나씨에게는 = 한나 + 씨 + 에게 + 는).
PARTICLES = (
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "에게",
    "에게서",
    "께",
    "께서",
    "에서",
    "와",
    "과",
    "도",
    "만",
    "으로",
    "로",
    "으로서",
    "로서",
    "으로써",
    "로써",
    "한테",
    "한테서",
    "보다",
    "처럼",
    "까지",
    "부터",
    "마저",
    "조차",
    "밖에",
    "뿐",
    "이나",
    "나",
    "이랑",
    "랑",
    "하고",
    "이며",
    "며",
    "이고",
    "고",
    "이다",
    "다",
    "이었다",
    "였다",
    "이에요",
    "예요",
    "입니다",
    "이야",
    "아",
    "야",
    "이여",
    "여",
    "요",
    "씨",
    "님",
    "들",
)
_PARTICLE_RUN = "(?:{})".format("|".join(sorted(PARTICLES, key=len, reverse=True)))
#: (after a consonant, after a vowel): the particle follows the sound the alias ends with.
_PARTICLE_FORMS = (
    ("이었다", "였다"),
    ("이에요", "예요"),
    ("으로서", "로서"),
    ("으로써", "로써"),
    ("으로", "로"),
    ("이랑", "랑"),
    ("이나", "나"),
    ("이며", "며"),
    ("이고", "고"),
    ("이다", "다"),
    ("이여", "여"),
    ("은", "는"),
    ("을", "를"),
    ("과", "와"),
    ("이", "가"),
    ("아", "야"),
)


@dataclass(frozen=True, slots=True)
class Found:
    """One place a redacted name occurs (for ``makedocs check``)."""

    name: str
    text: str
    start: int


@dataclass(frozen=True, slots=True)
class NearMiss:
    """Text that folds to a redacted name but is left as written: an editor must decide.

    ``word`` is the whole word it occurs in; ``longer_word`` is true for a Korean name that
    starts a longer word (한나라당), false for a variant spelling (Yusung_Park, ＹＵＳＵＮＧ).
    """

    name: str
    text: str
    word: str
    start: int
    longer_word: bool


class Redactor:
    """Replaces real names with aliases in text, inline runs and link addresses."""

    def __init__(self, names: Mapping[str, str]) -> None:
        cleaned = {_nfc(" ".join(real.split())): _nfc(alias) for real, alias in names.items()}
        self.names = {real: alias for real, alias in cleaned.items() if real}
        order = sorted(self.names, key=len, reverse=True)
        self._order = order
        self._text = _compile(order, _TEXT_SEPARATOR) if order else None
        self._url = _compile(order, _URL_SEPARATOR) if order else None
        self._variants: list[tuple[str, re.Pattern[str], bool]] | None = None

    def __bool__(self) -> bool:
        return bool(self.names)

    # --- finding -----------------------------------------------------------------------------

    def find(self, text: str) -> Iterator[Found]:
        """Every occurrence of a redacted name in ``text``."""
        if self._text is None:
            return
        for match in self._text.finditer(text):
            yield Found(self._real(match), match.group(0), match.start())

    def find_in_url(self, url: str) -> Iterator[Found]:
        """Every occurrence of a redacted name in the decoded form of a link address."""
        if self._url is None:
            return
        decoded = decode_url(url)
        for match in self._url.finditer(decoded):
            yield Found(self._real(match), match.group(0), match.start())

    def near_misses(self, text: str, *, url: bool = False) -> Iterator[NearMiss]:
        """Variants of a name that redaction leaves alone: other case or width after NFKC
        folding, ``_ - . @`` or nothing between its words, or (Korean) a longer word."""
        if not self.names:
            return
        if url:
            text = decode_url(text)
        pattern = self._url if url else self._text
        assert pattern is not None
        folded_whole = _fold(text)
        variants = self._variant_patterns()
        if not any(first in folded_whole for first, _, _ in variants):
            return
        redacted = [m.span() for m in pattern.finditer(text)]
        reported: list[tuple[int, int]] = []
        folded, where = _fold_with_map(text)
        for (first, variant, korean), name in zip(variants, self._order, strict=True):
            if first not in folded:
                continue
            for match in variant.finditer(folded):
                body = match.group(1)
                if not body:
                    continue
                start = where[match.start()]
                end = where[match.start() + len(body) - 1] + 1
                if not _bounded(text, start, end, korean):
                    continue
                # what redaction replaces whole is no miss; "Yusung-Park" -> "Minho-Park" is
                if any(a <= start and end <= b for a, b in redacted):
                    continue
                if any(a < end and start < b for a, b in reported):
                    continue
                reported.append((start, end))
                yield NearMiss(name, text[start:end], _word(text, start, end), start, korean)

    def _variant_patterns(self) -> list[tuple[str, re.Pattern[str], bool]]:
        if self._variants is None:
            self._variants = []
            for name in self._order:
                chunks = re.findall(r"[^\W_]+", _fold(name)) or [_fold(name)]
                body = "[\\s_\\-.@'\u2019\u00b7]*".join(re.escape(c) for c in chunks)
                # a lookahead so that overlapping variants are all seen
                self._variants.append((chunks[0], re.compile(f"(?=({body}))"), _is_korean(name)))
        return self._variants

    def _real(self, match: re.Match[str]) -> str:
        index = int(match.lastgroup[1:]) if match.lastgroup else 0
        return self._order[index]

    # --- replacing ---------------------------------------------------------------------------

    def text(self, text: str) -> str:
        if self._text is None or not text:
            return text
        return self._text.sub(self.replacement, text)

    def url(self, url: str) -> str:
        """Redact a link address in decoded form and encode it again."""
        if self._url is None or not url:
            return url
        return rewrite_url(url, self._url, lambda m: re.sub(r"\s+", "-", self.replacement(m)))

    def replacement(self, match: re.Match[str]) -> str:
        """The alias for one match, in the case of the text it replaces, particles adjusted."""
        real = self._real(match)
        found = match.group(0)
        particle = match.group(f"p{self._order.index(real)}") if _is_korean(real) else None
        if particle:
            found = found[: len(found) - len(particle)]
        alias = _cased(self.names[real], found)
        return alias + _particle_after(alias, particle or "")

    def inlines(self, content: tuple[Inline, ...]) -> tuple[Inline, ...]:
        """Redact a run of inlines, also where a name spans nodes ("**Hannah** Song")."""
        if self._text is None:
            return content
        leaves: list[str] = []
        _leaves(content, leaves)
        joined = "".join(leaves)
        matches = list(self._text.finditer(joined))
        if not matches:
            return self._urls_only(content)
        edits: list[list[tuple[int, int, str]]] = [[] for _ in leaves]
        bounds: list[tuple[int, int]] = []
        position = 0
        for leaf in leaves:
            bounds.append((position, position + len(leaf)))
            position += len(leaf)
        for match in matches:
            start, end = match.span()
            replacement = self.replacement(match)
            placed = False
            for index, (a, b) in enumerate(bounds):
                if b <= start or a >= end or a == b:
                    continue
                local = (max(start, a) - a, min(end, b) - a)
                edits[index].append((*local, "" if placed else replacement))
                placed = True
        new_leaves = []
        for leaf, leaf_edits in zip(leaves, edits, strict=True):
            for start, end, replacement in sorted(leaf_edits, reverse=True):
                leaf = leaf[:start] + replacement + leaf[end:]
            new_leaves.append(leaf)
        rebuilt, _ = _rebuild(content, new_leaves, 0, self)
        return rebuilt

    def _urls_only(self, content: tuple[Inline, ...]) -> tuple[Inline, ...]:
        if not any(_has_link(node) for node in content):
            return content
        leaves: list[str] = []
        _leaves(content, leaves)
        rebuilt, _ = _rebuild(content, leaves, 0, self)
        return rebuilt

    # --- the whole model ---------------------------------------------------------------------

    def collection(self, collection: Collection) -> Collection:
        """The collection with every reader-visible string redacted."""
        if not self:
            return collection
        return self._value(collection)

    def _value(self, value: Any) -> Any:
        if isinstance(value, Source) or value is None:
            return value
        if isinstance(value, tuple):
            if value and all(_is_inline(item) for item in value):
                return self.inlines(value)
            return tuple(self._value(item) for item in value)
        if isinstance(value, str):
            return self.text(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            kind = type(value).__name__
            changes: dict[str, Any] = {}
            for item in dataclasses.fields(value):
                old = getattr(value, item.name)
                if (kind, item.name) in NOT_TEXT_FIELDS:
                    continue
                if (kind, item.name) in URL_FIELDS and isinstance(old, str):
                    new = self.url(old)
                else:
                    new = self._value(old)
                if new is not old:
                    changes[item.name] = new
            return dataclasses.replace(value, **changes) if changes else value
        return value


# --- patterns ----------------------------------------------------------------------------------


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _fold(text: str) -> str:
    """NFKC and case folded, invisible characters removed (what a name "looks like")."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return folded.translate({ord(c): None for c in INVISIBLE})


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """``_fold`` character by character, with the index in ``text`` of every folded character."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        if char in INVISIBLE:
            continue
        folded = unicodedata.normalize("NFKC", char).casefold()
        out.append(folded)
        where.extend([index] * len(folded))
    return "".join(out), where


def _bounded(text: str, start: int, end: int, korean: bool) -> bool:
    """Whether text[start:end] starts a word and, unless Korean, also ends one.

    A change from a small to a capital letter counts as a word boundary (``MyYusung``,
    ``YusungPark``), as it does for people reading it.
    """
    before = text[start - 1] if start else ""
    if before.isalnum() and not (before.islower() and text[start].isupper()):
        return False
    if korean:
        return True
    after = text[end] if end < len(text) else ""
    return not after.isalnum() or (text[end - 1].islower() and after.isupper())


def _word(text: str, start: int, end: int) -> str:
    """The whitespace-delimited word around text[start:end]."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    word = text[left:right].strip(".,;:!?\"'()[]{}\u201c\u201d\u2018\u2019\u00ab\u00bb")
    return word if len(word) <= 60 and text[start:end] in word else text[start:end]


def _is_korean(name: str) -> bool:
    return "\uac00" <= name[-1] <= "\ud7a3"


def _char_pattern(char: str) -> str:
    if char in "'\u2019\u2018\u02bc":
        return _APOSTROPHES
    if char in "-\u2010\u2011\u2013":
        return _HYPHENS
    return re.escape(char)


def _name_pattern(name: str, separator: str, index: int) -> str:
    words = [_INVISIBLE.join(_char_pattern(c) for c in word) for word in name.split()]
    body = separator.join(words)
    if _is_korean(name):
        # the name alone or followed by particles only; 한나라당 and 이수정 are other words
        return rf"(?<!\w){body}(?P<p{index}>{_PARTICLE_RUN}{{0,3}})(?!\w)"
    return rf"(?<!\w){body}(?!\w)"


def _compile(order: list[str], separator: str) -> re.Pattern[str]:
    alternatives = "|".join(
        f"(?P<n{index}>{_name_pattern(name, separator, index)})" for index, name in enumerate(order)
    )
    return re.compile(alternatives, re.IGNORECASE)


def _cased(alias: str, found: str) -> str:
    """The alias in the case of the text it replaces."""
    letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return alias.upper()
    if letters and all(c.islower() for c in letters):
        return alias.lower()
    return alias


def _particle_after(alias: str, particles: str) -> str:
    """``particles`` with the first one in the form that follows the alias's last sound."""
    if not particles or not ("\uac00" <= alias[-1] <= "\ud7a3"):
        return particles
    final = (ord(alias[-1]) - 0xAC00) % 28  # 0: ends in a vowel; 8: ends in ㄹ
    for consonant, vowel in _PARTICLE_FORMS:
        for written in (consonant, vowel):
            if particles.startswith(written):
                if consonant == "으로" or consonant.startswith("으로"):
                    wanted = consonant if final not in (0, 8) else vowel
                else:
                    wanted = consonant if final else vowel
                return wanted + particles[len(written) :]
    return particles


# --- inline runs -----------------------------------------------------------------------------


def _is_inline(value: object) -> bool:
    return isinstance(value, Text | Emphasis | Strong | Link | LineBreak)


def _has_link(node: Inline) -> bool:
    match node:
        case Link():
            return True
        case Emphasis(children=children) | Strong(children=children):
            return any(_has_link(child) for child in children)
    return False


def _leaves(content: tuple[Inline, ...], out: list[str]) -> None:
    """The text of every leaf in reading order; a line break is a newline leaf."""
    for node in content:
        match node:
            case Text(text=text):
                out.append(text)
            case Emphasis(children=children) | Strong(children=children) | Link(children=children):
                _leaves(children, out)
            case LineBreak():
                out.append("\n")


def _rebuild(
    content: tuple[Inline, ...], leaves: list[str], index: int, redactor: Redactor
) -> tuple[tuple[Inline, ...], int]:
    """``content`` with its leaves replaced, in order; empty nodes are dropped."""
    out: list[Inline] = []
    for node in content:
        match node:
            case Text():
                if leaves[index]:
                    out.append(Text(leaves[index]))
                index += 1
            case LineBreak():
                if leaves[index]:
                    out.append(node)
                index += 1
            case Emphasis(children=children):
                inner, index = _rebuild(children, leaves, index, redactor)
                if inner:
                    out.append(Emphasis(inner))
            case Strong(children=children):
                inner, index = _rebuild(children, leaves, index, redactor)
                if inner:
                    out.append(Strong(inner))
            case Link(children=children, url=url):
                inner, index = _rebuild(children, leaves, index, redactor)
                if inner:
                    out.append(Link(inner, redactor.url(url)))
    return tuple(out), index
