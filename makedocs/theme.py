"""``theme.toml`` -> Theme: the one place every design value of every output comes from.

The bundled ``templates/default/theme.toml`` is both the default and the schema. A theme sets
only what it changes and inherits the rest from the theme it ``extends`` (by default the
bundled default), so a theme that changes one colour changes that colour and nothing else.
A key the default does not have is an error at its line, with the nearest known key
suggested. Only ``[fonts]`` and ``[colours]`` take new names (new families and colours).

Renderers read their own table (``theme.table("booklet")``) and never restate a default: every
key is guaranteed present, because the default has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from makedocs.errors import MakedocsError
from makedocs.resources import FONTS_DIR, TEMPLATES_DIR
from makedocs.tomlfile import Key, TomlFile, read_toml, suggest, unknown_key

DEFAULT = "default"
STYLES = ("regular", "italic", "bold", "bold_italic")
_FAMILY_KEYS = (*STYLES, "fallback")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
#: Top-level keys that are not tables.
_SCALARS = ("name", "description", "extends")
#: Tables whose keys are names the theme chooses (font families, colours).
_OPEN = ("fonts", "colours")
_MAX_EXTENDS = 8


@dataclass(frozen=True, slots=True)
class FontFamily:
    """Font files (absolute paths) for one family, by style."""

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
class Origin:
    """Which theme file set a value, and on which line."""

    file: TomlFile
    folder: Path

    def error(self, message: str, key: Key) -> MakedocsError:
        return self.file.error(message, *key)


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    description: str
    directory: Path  # the chosen theme's folder
    folders: tuple[Path, ...]  # the chosen theme's folder, then those it extends
    fonts: dict[str, FontFamily]
    colours: dict[str, str]
    tables: dict[str, dict[str, Any]]
    origins: dict[Key, Origin]

    def table(self, name: str) -> dict[str, Any]:
        """One output's table (``booklet``, ``deck``, ...), every key present."""
        return self.tables.get(name, {})

    @property
    def booklet(self) -> dict[str, Any]:
        return self.table("booklet")

    @property
    def deck(self) -> dict[str, Any]:
        return self.table("deck")

    @property
    def handout(self) -> dict[str, Any]:
        return self.table("handout")

    def colour(self, name: str) -> str:
        return self.colours[name]

    def error(self, message: str, *key: str) -> MakedocsError:
        """A MakedocsError at the line of the theme file that set ``key``."""
        path: Key = tuple(key)
        while path:
            origin = self.origins.get(path)
            if origin is not None:
                return origin.error(message, path)
            path = path[:-1]
        return MakedocsError(message, self.origins[()].file.display if () in self.origins else "")

    def where(self, *key: str) -> str:
        """``theme.toml:LINE`` of the file that set ``key``, for messages."""
        error = self.error("", *key)
        return f"{error.path}:{error.line}" if error.line else str(error.path)

    def file(self, name: str) -> Path:
        """A file the theme names (a PPTX template), from the first folder of the chain that
        has it: a theme that only changes colours still finds the bundled templates."""
        for folder in self.folders:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        raise MakedocsError(f"theme file {name!r} is in none of the theme's folders", self.name)


def theme_names() -> list[str]:
    """The bundled themes, by folder name."""
    return sorted(p.parent.name for p in TEMPLATES_DIR.glob("*/theme.toml"))


def theme_path(name_or_path: str, relative_to: Path | None = None) -> Path:
    """A bundled theme NAME (a folder under templates/), or a PATH to a folder holding
    ``theme.toml`` (or to the file itself), relative to ``relative_to`` when given."""
    candidate = Path(name_or_path)
    if relative_to is not None and not candidate.is_absolute():
        candidate = relative_to / candidate
    if candidate.suffix == ".toml" and candidate.is_file():
        return candidate
    looks_like_path = "/" in name_or_path or "\\" in name_or_path or name_or_path.startswith(".")
    if looks_like_path and (candidate / "theme.toml").is_file():
        return candidate / "theme.toml"
    if re.fullmatch(r"[A-Za-z0-9_\-]+", name_or_path):
        bundled = TEMPLATES_DIR / name_or_path / "theme.toml"
        if bundled.is_file():
            return bundled
    if (candidate / "theme.toml").is_file():
        return candidate / "theme.toml"
    names = theme_names()
    raise MakedocsError(
        f"unknown theme {name_or_path!r}{suggest(name_or_path, names)}: not a folder holding "
        f"theme.toml, nor a bundled theme ({', '.join(names)})"
    )


def load_theme(name_or_path: str = DEFAULT, relative_to: Path | None = None) -> Theme:
    """The theme, merged over the themes it extends and finally over the bundled default."""
    chain = _chain(theme_path(name_or_path, relative_to), TEMPLATES_DIR / DEFAULT / "theme.toml")
    schema = chain[-1].file
    merged: dict[str, Any] = {}
    origins: dict[Key, Origin] = {}
    for origin in reversed(chain):  # the default first, the chosen theme last
        if origin.file is not schema:
            _validate_keys(origin.file, schema)
        _merge(merged, origin.file.data, (), origin, origins)
    chosen = chain[0]
    return Theme(
        name=str(chosen.file.data.get("name", chosen.folder.name)),
        description=str(chosen.file.data.get("description", "")),
        directory=chosen.folder,
        folders=tuple(dict.fromkeys(origin.folder for origin in chain)),
        fonts=_fonts(merged.get("fonts", {}), origins),
        colours=_colours(merged.get("colours", {}), origins),
        tables={k: v for k, v in merged.items() if isinstance(v, dict) and k not in _OPEN},
        origins=origins,
    )


def _display(path: Path) -> str:
    """Bundled themes are shown as ``templates/NAME/theme.toml``, never as an install path."""
    try:
        return path.resolve().relative_to(TEMPLATES_DIR.resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()


def _chain(chosen: Path, default: Path) -> list[Origin]:
    """The chosen theme, then each theme it extends, ending with the bundled default."""
    chain: list[Origin] = []
    seen: set[Path] = set()
    path = chosen
    while True:
        real = path.resolve()
        if real in seen:
            raise chain[-1].file.error("themes extend each other in a circle", "extends")
        if len(chain) > _MAX_EXTENDS:
            raise chain[-1].file.error(
                f"more than {_MAX_EXTENDS} themes extend each other", "extends"
            )
        seen.add(real)
        file = read_toml(path, _display(path), "theme")
        chain.append(Origin(file, path.parent))
        if real == default.resolve():
            return chain
        parent = file.data.get("extends", DEFAULT)
        if not isinstance(parent, str) or not parent:
            raise file.error("extends must name a theme", "extends")
        try:
            path = theme_path(parent, path.parent)
        except MakedocsError as error:
            raise file.error(error.message, "extends") from None


def _validate_keys(file: TomlFile, schema: TomlFile) -> None:
    """Every key of a theme must be one the default has (fonts and colours take new names)."""
    for key, value in _walk(file.data):
        top = key[0]
        if len(key) == 1 and top in _SCALARS:
            continue
        if top == "fonts":
            if len(key) == 2 and not isinstance(value, dict):
                raise file.error(f"[fonts] {key[1]} must be a table of font files", *key)
            if len(key) == 3 and key[2] not in _FAMILY_KEYS:
                raise unknown_key(file, key, _FAMILY_KEYS)
            continue
        if top == "colours":
            continue
        known: Any = schema.data
        for depth, part in enumerate(key):
            if not isinstance(known, dict) or part not in known:
                siblings = known.keys() if isinstance(known, dict) else ()
                raise unknown_key(file, key[: depth + 1], siblings)
            known = known[part]
        if isinstance(known, dict) != isinstance(value, dict):
            kind = "a table" if isinstance(known, dict) else "a value, not a table"
            raise file.error(f"{'.'.join(key)} must be {kind}", *key)


def _walk(data: dict[str, Any], prefix: Key = ()) -> Iterator[tuple[Key, Any]]:
    for key, value in data.items():
        path = (*prefix, key)
        yield path, value
        if isinstance(value, dict):
            yield from _walk(value, path)


def _merge(
    into: dict[str, Any],
    data: dict[str, Any],
    prefix: Key,
    origin: Origin,
    origins: dict[Key, Origin],
) -> None:
    """Merge ``data`` over ``into`` key by key (a font family's files too, so a theme that
    swaps the regular face keeps the family's Hangul fallback), noting who set what."""
    origins.setdefault(prefix, origin)
    for key, value in data.items():
        path = (*prefix, key)
        if isinstance(value, dict):
            _merge(into.setdefault(key, {}), value, path, origin, origins)
        else:
            into[key] = value
            origins[path] = origin


def _fonts(table: dict[str, Any], origins: dict[Key, Origin]) -> dict[str, FontFamily]:
    fonts: dict[str, FontFamily] = {}
    for key, spec in table.items():
        files: dict[str, Path] = {}
        for style in STYLES:
            if style not in spec:
                continue
            origin = origins[("fonts", key, style)]
            name = spec[style]
            if not isinstance(name, str):
                raise origin.error(
                    f"[fonts.{key}] {style} must be a file name", ("fonts", key, style)
                )
            files[style] = _font_file(name, origin, ("fonts", key, style))
        if "regular" not in files:
            raise origins[("fonts", key)].error(
                f"font family {key!r} needs a regular file", ("fonts", key)
            )
        fallback = spec.get("fallback", [])
        if not isinstance(fallback, list) or not all(isinstance(f, str) for f in fallback):
            raise origins[("fonts", key)].error(
                f"[fonts.{key}] fallback must be a list of family names", ("fonts", key, "fallback")
            )
        fonts[key] = FontFamily(key, files, tuple(fallback))
    for family in fonts.values():
        for name in family.fallback:
            if name not in fonts:
                where = ("fonts", family.key, "fallback")
                raise origins[where].error(
                    f"font family {family.key!r} falls back to unknown {name!r}"
                    f"{suggest(name, fonts)}",
                    where,
                )
    return fonts


def _font_file(name: str, origin: Origin, key: Key) -> Path:
    """A font file beside the theme that names it, else among the bundled fonts."""
    if Path(name).name != name:
        raise origin.error(f"font {name!r}: give a file name, not a path", key)
    for folder in (origin.folder, origin.folder / "fonts", FONTS_DIR):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise origin.error(
        f"font file {name!r} is neither beside the theme nor among the bundled fonts", key
    )


def _colours(table: dict[str, Any], origins: dict[Key, Origin]) -> dict[str, str]:
    colours: dict[str, str] = {}
    for key, value in table.items():
        if not isinstance(value, str) or not _HEX.match(value):
            raise origins[("colours", key)].error(
                f"colour {key} must be #rrggbb, not {value!r}", ("colours", key)
            )
        colours[key] = value.lower()
    return colours
