"""Deck options: makedocs.toml's ``[deck]`` table, overridden by the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from makedocs.errors import MakedocsError


@dataclass(frozen=True, slots=True)
class DeckOptions:
    aspect: str | None = None  # None: the default 16:9, or the template's own size
    template: Path | None = None
    layouts: dict[str, str] = field(default_factory=dict)


def deck_options(
    table: dict[str, Any],
    aspect: str | None = None,
    template: Path | None = None,
    where: str | None = None,
) -> DeckOptions:
    """DeckOptions from ``[deck]``: ``aspect = "16:9"``, ``template = "brand.pptx"`` (relative
    to the settings file) and a ``[deck.layouts]`` table mapping layout names to the template's.
    """
    known = {"aspect", "template", "layouts"}
    for key in table:
        if key not in known:
            raise MakedocsError(
                f"unknown [deck] setting {key!r}; known: {', '.join(sorted(known))}", where
            )
    chosen = aspect or (str(table["aspect"]) if "aspect" in table else None)
    if chosen is not None and chosen not in ("16:9", "4:3"):
        raise MakedocsError(f'[deck] aspect must be "16:9" or "4:3", not {chosen!r}', where)
    path = template
    if path is None and table.get("template"):
        path = Path(str(table["template"]))
        if not path.is_absolute() and where:
            path = Path(where).parent / path
    layouts = table.get("layouts", {})
    if not isinstance(layouts, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in layouts.items()
    ):
        raise MakedocsError('[deck.layouts] must map names to names: "Quote" = "Big Quote"', where)
    return DeckOptions(aspect=chosen, template=path, layouts=dict(layouts))
