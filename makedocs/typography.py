"""Typographic normalisation that never changes the author's words.

Straight quotes become curly ones, ``...`` becomes an ellipsis, ``--`` a dash, and quotations
nested inside a double quotation take single marks. Only marks and spacing change here.
"""

from __future__ import annotations

import re

OPEN_DOUBLE, CLOSE_DOUBLE = "\u201c", "\u201d"
OPEN_SINGLE, CLOSE_SINGLE = "\u2018", "\u2019"
QUOTE_OPENERS = frozenset("\"'\u201c\u2018\u00ab\u201e")
DASHES = "\u2014\u2013"

# A quote mark opens when it follows nothing, whitespace, an opening bracket, a dash or another
# opening mark; otherwise it closes.
_OPEN_CONTEXT = frozenset(" \t\n([{\u2014\u2013-/\u201c\u2018")


def smarten(text: str) -> str:
    """Curly quotes, ellipses and dashes; the words stay exactly as written."""
    text = re.sub(r"(?<!\.)\.\.\.(?!\.)|\. \. \.", "\u2026", text)
    text = re.sub(r"(?<=\S) ?--- ?(?=\S)|(?<=\s)--(?=\s)|(?<=\w)--(?=\w)", "\u2014", text)
    out: list[str] = []
    for i, char in enumerate(text):
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if char == '"':
            out.append(OPEN_DOUBLE if prev in _OPEN_CONTEXT else CLOSE_DOUBLE)
        elif char == "'":
            if prev.isalnum() and (nxt.isalpha() or not nxt.isalnum()):
                out.append(CLOSE_SINGLE)  # apostrophe or closing mark
            elif prev in _OPEN_CONTEXT and nxt.isdigit():
                out.append(CLOSE_SINGLE)  # elided century: '90s
            elif prev in _OPEN_CONTEXT:
                out.append(OPEN_SINGLE)
            else:
                out.append(CLOSE_SINGLE)
        else:
            out.append(char)
    return "".join(out)


def unclosed_double(text: str) -> int:
    """How many curly double quotations are opened and never closed in ``text``."""
    depth = 0
    for char in text:
        if char == OPEN_DOUBLE:
            depth += 1
        elif char == CLOSE_DOUBLE and depth:
            depth -= 1
    return depth


def nest_quotes(text: str) -> str:
    """Give a double quotation nested in another double quotation single marks.

    Only pairs that close are changed, so a stray mark is never turned into something else.
    """
    chars = list(text)
    stack: list[int] = []
    for i, char in enumerate(chars):
        if char == OPEN_DOUBLE:
            stack.append(i)
        elif char == CLOSE_DOUBLE and stack:
            start = stack.pop()
            if stack:  # still inside an outer quotation: this pair is nested
                chars[start], chars[i] = OPEN_SINGLE, CLOSE_SINGLE
    return "".join(chars)


def is_whole_quotation(text: str) -> bool:
    """True when ``text`` is one quotation from its first character to its last."""
    if not text or text[0] != OPEN_DOUBLE:
        return False
    depth = 0
    for i, char in enumerate(text):
        if char == OPEN_DOUBLE:
            depth += 1
        elif char == CLOSE_DOUBLE:
            depth -= 1
            if depth == 0:
                return i == len(text) - 1
    return False
