"""``templates/<name>/theme.toml`` -> Theme: geometry, type scale, colours and font files.

Common parts (fonts, colours) are typed here; the ``[booklet]``, ``[deck]`` and ``[edition]``
tables are kept as plain mappings and read by each renderer's own style module, so a renderer's
options never leak into another's code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from makedocs.errors import MakedocsError
from makedocs.resources import FONTS_DIR, TEMPLATES_DIR

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
STYLES = ("regular", "italic", "bold", "bold_italic")


@dataclass(frozen=True, slots=True)
class FontFamily:
    """Font files (absolute paths inside the bundled fonts/) for one family, by style."""

    key: str
    files: dict[str, Path]
    fallback: tuple[str, ...] = ()

    def file(self, style: str) -> Path:
        """The file for ``style``, falling back to the nearest style the family has."""
        for candidate in (style, "bold" if "bold" in style else "regular", "regular"):
            if candidate in self.files:
                return self.files[candidate]
        raise KeyError(style)


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    directory: Path
    fonts: dict[str, FontFamily]
    colours: dict[str, str]
    booklet: dict[str, Any] = field(default_factory=dict)
    deck: dict[str, Any] = field(default_factory=dict)
    handout: dict[str, Any] = field(default_factory=dict)
    edition: dict[str, Any] = field(default_factory=dict)

    def colour(self, name: str) -> str:
        return self.colours[name]


def theme_path(name_or_path: str) -> Path:
    """A theme name under templates/, or a path to a theme folder or theme.toml."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" and candidate.is_file():
        return candidate
    if (candidate / "theme.toml").is_file() and ("/" in name_or_path or candidate.is_absolute()):
        return candidate / "theme.toml"
    bundled = TEMPLATES_DIR / name_or_path / "theme.toml"
    if bundled.is_file():
        return bundled
    known = sorted(p.parent.name for p in TEMPLATES_DIR.glob("*/theme.toml"))
    raise MakedocsError(f"unknown theme {name_or_path!r}; known themes: {', '.join(known)}")


def load_theme(name_or_path: str = "default") -> Theme:
    path = theme_path(name_or_path)
    display = path.as_posix()
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))
        raise MakedocsError(
            f"invalid theme TOML: {error}", display, int(found.group(1)) if found else None
        ) from None
    fonts: dict[str, FontFamily] = {}
    for key, table in data.get("fonts", {}).items():
        files: dict[str, Path] = {}
        for style in STYLES:
            if style in table:
                file = FONTS_DIR / str(table[style])
                if not file.is_file():
                    raise MakedocsError(
                        f"theme font {table[style]!r} ({key}.{style}) is not in fonts/", display
                    )
                files[style] = file
        if "regular" not in files:
            raise MakedocsError(f"font family {key!r} needs a regular file", display)
        fonts[key] = FontFamily(key, files, tuple(table.get("fallback", ())))
    for family in fonts.values():
        for name in family.fallback:
            if name not in fonts:
                raise MakedocsError(
                    f"font family {family.key!r} falls back to unknown {name!r}", display
                )
    colours = {str(k): str(v) for k, v in data.get("colours", {}).items()}
    for key, value in colours.items():
        if not _HEX.match(value):
            raise MakedocsError(f"colour {key} must be #rrggbb, not {value!r}", display)
    return Theme(
        name=str(data.get("name", path.parent.name)),
        directory=path.parent,
        fonts=fonts,
        colours=colours,
        booklet=dict(data.get("booklet", {})),
        deck=dict(data.get("deck", {})),
        handout=dict(data.get("handout", {})),
        edition=dict(data.get("edition", {})),
    )
