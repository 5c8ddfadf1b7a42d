"""What the deck is built with: parsed from ``[deck]`` and the command line by outputs/deck.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class DeckOptions:
    aspect: str | None = None  # None: the default 16:9, or the template's own size
    template: Path | None = None
    layouts: dict[str, str] = field(default_factory=dict)
