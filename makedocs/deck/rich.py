"""Slide text with its inline formatting: a plain string plus marks (bold, italic, link ranges).

Fitting cuts slide text into key sentences, continuation slides and ellipsised heads, all by
character offsets in the plain text; keeping the formatting as ranges over that text means
every cut keeps it, and every measuring and wrapping step can ask which face a character is
set in (bold is wider). Only http, https and mailto links become clickable; any other scheme is
shown as its text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from makedocs.model import Emphasis, Inlines, LineBreak, Link, Strong, Text

#: Link schemes a slide makes clickable (others would run code or open local files).
SAFE_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True, slots=True)
class Mark:
    """Formatting of the characters ``start`` to ``end`` (exclusive) of a text."""

    start: int
    end: int
    bold: bool = False
    italic: bool = False
    url: str = ""


Marks = tuple[Mark, ...]


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""


def safe_url(url: str) -> str:
    """``url`` if a slide may make it clickable, else ""."""
    lowered = url.strip().lower()
    return url.strip() if lowered.startswith(SAFE_SCHEMES) else ""


def from_inlines(content: Inlines) -> tuple[str, Marks]:
    """The plain text of ``content`` and the marks of its formatted stretches."""
    text: list[str] = []
    marks: list[Mark] = []
    position = 0

    def walk(nodes: Inlines, bold: bool, italic: bool, url: str) -> None:
        nonlocal position
        for node in nodes:
            match node:
                case Text(text=value):
                    if value and (bold or italic or url):
                        marks.append(Mark(position, position + len(value), bold, italic, url))
                    text.append(value)
                    position += len(value)
                case Emphasis(children=children):
                    walk(children, bold, True, url)
                case Strong(children=children):
                    walk(children, True, italic, url)
                case Link(children=children, url=href):
                    walk(children, bold, italic, safe_url(href) or url)
                case LineBreak():
                    text.append("\n")
                    position += 1

    walk(content, False, False, "")
    return "".join(text), merge(marks)


def merge(marks: list[Mark]) -> Marks:
    """Adjacent marks with the same formatting become one."""
    out: list[Mark] = []
    for mark in sorted(marks, key=lambda m: m.start):
        if mark.end <= mark.start:
            continue
        last = out[-1] if out else None
        if (
            last is not None
            and last.end == mark.start
            and (last.bold, last.italic, last.url) == (mark.bold, mark.italic, mark.url)
        ):
            out[-1] = Mark(last.start, mark.end, last.bold, last.italic, last.url)
        else:
            out.append(mark)
    return tuple(out)


def cut(marks: Marks, start: int, end: int, shift: int = 0) -> Marks:
    """The marks of ``text[start:end]``, moved to start at ``shift``."""
    out = []
    for mark in marks:
        a, b = max(mark.start, start), min(mark.end, end)
        if a < b:
            out.append(Mark(a - start + shift, b - start + shift, mark.bold, mark.italic, mark.url))
    return tuple(out)


def segments(text: str, marks: Marks) -> Iterator[Segment]:
    """``text`` as consecutive stretches of one formatting each (unmarked ones plain)."""
    position = 0
    for mark in marks:
        if mark.start > position:
            yield Segment(text[position : mark.start])
        if mark.end > mark.start:
            yield Segment(text[mark.start : mark.end], mark.bold, mark.italic, mark.url)
        position = max(position, mark.end)
    if position < len(text):
        yield Segment(text[position:])


def style_name(bold: bool, italic: bool) -> str:
    """The font style of a face: regular, bold, italic or bold_italic."""
    if bold and italic:
        return "bold_italic"
    return "bold" if bold else "italic" if italic else "regular"


def styled(text: str, marks: Marks, base: str) -> list[tuple[str, str]]:
    """(text, font style) stretches: the paragraph's base style with each mark's added."""
    bold, italic = "bold" in base, "italic" in base
    return [(s.text, style_name(bold or s.bold, italic or s.italic)) for s in segments(text, marks)]
