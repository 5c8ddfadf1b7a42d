"""Greedy wrapping and shortening over any measure: pure Python, no ReportLab.

Both take ``fits(text) -> bool`` (does this line fit?), so the same rules serve letter-spaced
labels measured with the embedded fonts and anything else that can measure a line.
"""

from __future__ import annotations

from collections.abc import Callable

#: Marks text cut short.
ELLIPSIS = "…"
#: Stripped from the end of a shortened text before the ellipsis goes on.
_TRAILING = ",;:—–-"

Fits = Callable[[str], bool]


def wrap(text: str, fits: Fits) -> list[str]:
    """Greedy wrap at spaces: each line takes words while it ``fits``. A word that is too wide
    alone gets a line of its own (and overhangs); there is always at least one line."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def shorten(text: str, fits: Fits) -> str:
    """``text`` if it fits; else the part before a colon (a title's main clause); else whole
    words and an ellipsis; else its first word. Running heads and imprints stay on one line."""
    if fits(text):
        return text
    if ":" in text:
        head = text.split(":", 1)[0].strip()
        if head and fits(head):
            return head
    words = text.split()
    while len(words) > 1:
        words.pop()
        short = " ".join(words).rstrip(_TRAILING) + ELLIPSIS
        if fits(short):
            return short
    return words[0] if words else ""
