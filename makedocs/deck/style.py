"""The theme's ``[deck]`` table -> DeckStyle: type sizes, minimums and typefaces.

Sizes are in points. Minimums are hard floors: fitting steps a box's size down no further and
splits onto a continuation slide instead, so projected text stays readable at the back of a hall.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from makedocs.errors import MakedocsError


@dataclass(frozen=True, slots=True)
class DeckStyle:
    font: str = "deck"  # FontBook family used to measure (Carlito for Calibri)
    latin_typeface: str = "Calibri"  # what the PPTX names
    east_asian_typeface: str = "Malgun Gothic"
    cover_title_size: float = 48
    section_title_size: float = 44
    title_size: float = 36
    title_min: float = 28
    body_size: float = 36
    list_size: float = 28
    body_min: float = 18
    quote_size: float = 40
    quote_min: float = 28
    attribution_size: float = 20
    subtitle_size: float = 24
    caption_size: float = 28
    credit_size: float = 18
    key_sentences: int = 4  # at most this many key sentences on one content slide
    words_per_minute: float = 150
    agenda_title: str = "Agenda"
    credits_title: str = "Image credits"
    scrim_colour: str = "#1b2a41"
    scrim_alpha: float = 0.84  # opacity of the band behind a photo's caption
    scrim_text_colour: str = "#faf7f2"
    scrim_muted_colour: str = "#d5dbe3"


_NUMBERS = {f.name for f in fields(DeckStyle) if f.type in ("float", "int")}


def deck_style(table: dict[str, Any], display: str = "theme.toml") -> DeckStyle:
    """Parse the ``[deck]`` table; unknown keys are errors so typos never pass silently."""
    known = {f.name for f in fields(DeckStyle)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "layouts":  # the layout-name mapping is read by template.py
            continue
        if key not in known:
            raise MakedocsError(f"unknown [deck] key {key!r}", display)
        if key in _NUMBERS:
            if isinstance(value, str) and value.endswith("pt"):
                value = value[:-2]
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise MakedocsError(
                    f"[deck] {key} must be a number, not {value!r}", display
                ) from None
        values[key] = int(value) if key == "key_sentences" else value
    style = DeckStyle(**values)
    if style.body_min < 18 or style.title_min < 28:
        raise MakedocsError("[deck] minimums may not go below 18 pt body and 28 pt titles", display)
    return style
