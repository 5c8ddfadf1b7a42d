"""What one build loads once and hands to every renderer: theme, fonts, images, warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from makedocs.errors import Warned
from makedocs.fonts import FontBook
from makedocs.theme import Theme

if TYPE_CHECKING:
    from makedocs.images import ImageCache


@dataclass(slots=True)
class BuildContext:
    theme: Theme
    fonts: FontBook
    warned: Warned = field(default_factory=Warned)
    _images: Any = None

    @classmethod
    def create(cls, theme: Theme, warned: Warned | None = None) -> BuildContext:
        return cls(theme=theme, fonts=FontBook(theme), warned=warned or Warned())

    @property
    def images(self) -> ImageCache:
        """The build's image cache, created on first use (keeps Pillow off the start-up path)."""
        if self._images is None:
            from makedocs.images import ImageCache

            self._images = ImageCache()
        return self._images

    def image_path(self, base_dir: str, path: str) -> Path:
        return Path(base_dir) / path
