"""Bundled fonts: loading once per build, coverage, per-run fallback and text measuring.

Shared by the PDF and PPTX renderers. Fonts are parsed with ReportLab's TrueType reader (a core
dependency already), so the booklet embeds exactly the files the deck measures with.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from makedocs.theme import FontFamily, Theme

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

_ALWAYS_COVERED = frozenset("\n\t\r\u00ad\u200b\u200c\u200d\ufeff")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text drawn with one font file."""

    text: str
    font: Path


@dataclass(slots=True)
class FontBook:
    """Fonts of one theme, each file parsed at most once per build."""

    theme: Theme
    _faces: dict[Path, TTFont] = field(default_factory=dict)
    _cover_cache: dict[tuple[Path, str], bool] = field(default_factory=dict)
    _covered: dict[Path, frozenset[str]] = field(default_factory=dict)

    def family(self, key: str) -> FontFamily:
        return self.theme.fonts[key]

    def font(self, path: Path) -> TTFont:
        """The parsed font for ``path`` (registered with ReportLab under a stable name)."""
        found = self._faces.get(path)
        if found is None:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            name = font_name(path)
            # Ask the registry first: getFont() on an unknown name makes ReportLab parse every
            # .afm file on its search path (the system's Type 1 fonts), hundreds per build.
            if name in pdfmetrics.getRegisteredFontNames():
                found = pdfmetrics.getFont(name)
            else:
                found = TTFont(name, str(path))
                pdfmetrics.registerFont(found)
            self._faces[path] = found
        return found

    def covers(self, path: Path, char: str) -> bool:
        key = (path, char)
        hit = self._cover_cache.get(key)
        if hit is None:
            hit = char in _ALWAYS_COVERED or ord(char) in self.font(path).face.charToGlyph
            self._cover_cache[key] = hit
        return hit

    def chain(self, family: str, style: str = "regular") -> list[Path]:
        """Font files tried in order for ``family`` in ``style``."""
        fam = self.family(family)
        files = [fam.file(style)]
        files.extend(self.family(name).file(style) for name in fam.fallback)
        return files

    def runs(self, text: str, family: str, style: str = "regular") -> list[Run]:
        """Split ``text`` into runs, each drawn by the first font in the chain that has it.

        Characters no font has stay with the primary font (and are reported by ``missing``).
        """
        chain = self.chain(family, style)
        primary = chain[0]
        covered = self._covered_by(primary)
        if covered.issuperset(text):  # the common case: one run, no per-character work
            return [Run(text, primary)] if text else []
        # Each character's font (its place in the chain), decided once per distinct
        # character; then the runs of characters with the same font.
        place = dict.fromkeys(covered.intersection(text), 0)
        for char in set(text).difference(covered):
            place[char] = next((i for i, f in enumerate(chain) if i and self.covers(f, char)), 0)
        return [
            Run("".join(chars), chain[i]) for i, chars in itertools.groupby(text, key=place.get)
        ]

    def _covered_by(self, path: Path) -> frozenset[str]:
        """Every character the font at ``path`` draws (and those no font needs to)."""
        found = self._covered.get(path)
        if found is None:
            cmap = self.font(path).face.charToGlyph
            found = self._covered[path] = frozenset(map(chr, cmap)) | _ALWAYS_COVERED
        return found

    def missing(self, text: str, family: str) -> set[str]:
        """Characters of ``text`` that no font of ``family``'s chain can draw."""
        chain = self.chain(family)
        return {c for c in set(text) if not any(self.covers(f, c) for f in chain)}

    def width(self, text: str, family: str, style: str, size: float) -> float:
        """Advance width in points of ``text`` set at ``size`` points."""
        return sum(
            self.font(run.font).stringWidth(run.text, size)
            for run in self.runs(text, family, style)
        )

    def ascent(self, family: str, style: str = "regular") -> float:
        """Ascent as a fraction of the em."""
        return self.font(self.family(family).file(style)).face.ascent / 1000

    def descent(self, family: str, style: str = "regular") -> float:
        return -self.font(self.family(family).file(style)).face.descent / 1000

    def line_height(self, family: str, style: str = "regular") -> float:
        """Single-spaced line height in ems as PowerPoint sets it: the ``hhea`` ascender,
        descender and line gap of the family's file (1.2207 for Calibri and Carlito)."""
        import struct

        face = self.font(self.family(family).file(style)).face
        ascender, descender, gap = struct.unpack(">hhh", face.get_table("hhea")[4:10])
        return (ascender - descender + gap) / face.unitsPerEm


def font_name(path: Path) -> str:
    """Name a font file is registered under in PDFs (the file stem, e.g. NotoSerif-Regular)."""
    return path.stem
