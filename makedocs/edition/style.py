"""The theme's ``[edition]`` table -> EditionStyle: relative sizes, font lists, two palettes.

The theme loader has already merged a user's theme over the bundled default, so every key is
present and no design value is restated here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from makedocs.errors import MakedocsError
from makedocs.theme import Theme

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
#: CSS lengths the edition accepts: relative units only, so the reader's settings win.
_RELATIVE = re.compile(r"^\d+(\.\d+)?(em|rem|%|ch|ex)$")
PALETTE_KEYS = ("text", "muted", "accent", "background")


@dataclass(frozen=True, slots=True)
class Palette:
    """Resolved #rrggbb colours of one colour scheme."""

    text: str
    muted: str
    accent: str
    background: str

    def foregrounds(self) -> dict[str, str]:
        """Every colour text is set in (the accent is used for links and the drop cap)."""
        return {"text": self.text, "muted": self.muted, "accent": self.accent}


@dataclass(frozen=True, slots=True)
class EditionStyle:
    values: dict[str, Any]
    light: Palette
    dark: Palette
    theme: Theme  # for errors at the line that set a value

    def error(self, message: str, *key: str) -> MakedocsError:
        return self.theme.error(message, "edition", *key)

    def size(self, key: str) -> str:
        value = str(self.values[key])
        if not _RELATIVE.match(value):
            raise self.error(
                f"[edition] {key} = {value!r}: use a relative size (em, rem, %) so readers "
                "can change the text size",
                key,
            )
        return value

    def sizes(self, key: str) -> str:
        """Several relative sizes ("0.3em 0.6em"), as CSS shorthand takes them."""
        value = str(self.values[key])
        if not value.split() or not all(_RELATIVE.match(part) for part in value.split()):
            raise self.error(
                f"[edition] {key} = {value!r}: use relative sizes (em, rem, %) so readers "
                "can change the text size",
                key,
            )
        return " ".join(value.split())

    def number(self, key: str) -> float:
        value = self.values[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise self.error(f"[edition] {key} must be a positive number", key)
        return float(value)

    def pixels(self, key: str) -> int:
        return int(self.number(key))

    def fonts(self, key: str) -> list[str]:
        value = self.values[key]
        if not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
            raise self.error(f"[edition] {key} must be a list of font names", key)
        return list(value)

    def label(self, key: str) -> str:
        return str(self.values[key])


def load_edition_style(theme: Theme) -> EditionStyle:
    """The ``[edition]`` table of ``theme`` with its colours resolved."""
    values = theme.table("edition")
    return EditionStyle(
        values=values,
        light=_palette(theme, values.get("light", {}), "light"),
        dark=_palette(theme, values.get("dark", {}), "dark"),
        theme=theme,
    )


def _palette(theme: Theme, table: dict[str, Any], scheme: str) -> Palette:
    resolved: dict[str, str] = {}
    for key in PALETTE_KEYS:
        value = str(table.get(key, ""))
        if value in theme.colours:
            value = theme.colours[value]
        if not _HEX.match(value):
            raise theme.error(
                f"[edition.{scheme}] {key} must name a [colours] entry or be #rrggbb, "
                f"not {table.get(key)!r}",
                "edition",
                scheme,
                key,
            )
        resolved[key] = value.lower()
    return Palette(**resolved)


# --- contrast (WCAG 2.2, 1.4.3) ----------------------------------------------------------------

#: WCAG 2.2 Level AA minimum contrast for body-size text.
AA_TEXT_CONTRAST = 4.5


def luminance(colour: str) -> float:
    """Relative luminance of #rrggbb as WCAG defines it."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def weak_contrasts(style: EditionStyle) -> list[tuple[str, str, float]]:
    """(scheme, colour name, ratio) for every text colour below AA on its background."""
    weak = []
    for scheme, palette in (("light", style.light), ("dark", style.dark)):
        for name, colour in palette.foregrounds().items():
            ratio = contrast(colour, palette.background)
            if ratio < AA_TEXT_CONTRAST:
                weak.append((scheme, name, ratio))
    return weak
