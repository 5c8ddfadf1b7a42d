"""``makedocs.toml`` -> Settings: collection metadata, theme, paper, and each output's table.

Every key is checked: an unknown one is ``makedocs.toml:LINE: unknown key 'crop_mraks' in
[booklet] (did you mean 'crop_marks'?)``. The tables an output owns, and the keys they take,
are declared by the output itself (see ``makedocs.outputs``), so this module has no list of them
to keep in step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from makedocs.errors import MakedocsError
from makedocs.links import is_web_url
from makedocs.model import Metadata
from makedocs.options import Option
from makedocs.tomlfile import TomlFile, read_toml, unknown_key

CONFIG_NAME = "makedocs.toml"
PAGE_SIZES = ("letter", "a4")
_TOP = {
    "theme": Option(
        "text", "default", help="a bundled theme (makedocs themes) or a folder holding theme.toml"
    ),
    "page_size": Option(
        "choice", "letter", choices=PAGE_SIZES, help="the sheets every PDF prints on: letter or a4"
    ),
}
_PRIVACY = {"redact": Option("names", {})}
# A BCP 47 tag: language, then optional script, region and variants (letters and digits).
_BCP47 = re.compile(
    r"^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-[A-Za-z0-9]{5,8})*$"
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything ``makedocs.toml`` says, checked; each output's table as plain values."""

    meta: Metadata = field(default_factory=Metadata)
    theme: str = "default"
    page_size: str = "letter"
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    redact: dict[str, str] = field(default_factory=dict)
    path: str | None = None  # the file as the user named it, for messages
    file: TomlFile | None = None

    def table(self, name: str) -> dict[str, Any]:
        return self.tables.get(name, {})

    @property
    def folder(self) -> Path:
        """Where relative paths in the file (theme, template) start from."""
        return Path(self.path).parent if self.path else Path(".")

    def error(self, message: str, *key: str) -> MakedocsError:
        """An error at the line that set ``key`` (or without a line if it was not set here)."""
        if self.file is None:
            return MakedocsError(message)
        return self.file.error(message, *key)

    def line(self, *key: str) -> int | None:
        return self.file.line(*key) if self.file else None

    def origin(self) -> Any:
        """Where the collection metadata came from, field by field (for messages)."""
        from makedocs.transforms import ConfigRef

        if self.path is None:
            return None
        lines = {
            key[1]: line
            for key, line in self.lines().items()
            if len(key) == 2 and key[0] == "collection"
        }
        return ConfigRef(self.path, lines)

    def lines(self) -> dict[tuple[str, ...], int]:
        return dict(self.file.lines) if self.file else {}


def load_settings(path: Path | None = None) -> Settings:
    """Read ``path``, or ``makedocs.toml`` in the current directory if it exists, else defaults."""
    if path is None:
        path = Path(CONFIG_NAME)
        if not path.is_file():
            return Settings()
    return settings_from(read_toml(path, str(path), "config"))


def settings_from(file: TomlFile) -> Settings:
    from makedocs.outputs import settings_tables

    owned = settings_tables()
    data = file.data
    known_tables = {"collection", "privacy", *owned}
    for key, value in data.items():
        if key in _TOP:
            continue
        if key not in known_tables:
            raise unknown_key(file, (key,), [*known_tables, *_TOP])
        if not isinstance(value, dict):
            raise file.error(f"[{key}] must be a table", key)
    top = {key: _checked(file, (key,), _TOP[key], data.get(key)) for key in _TOP}
    tables: dict[str, dict[str, Any]] = {}
    for name, spec in owned.items():
        tables[name] = _table(file, name, data.get(name, {}), spec, owned)
    privacy = _table(file, "privacy", data.get("privacy", {}), _PRIVACY, owned)
    redact: dict[str, str] = privacy.get("redact") or {}
    for name in redact:
        if not any(char.isalnum() for char in name):
            raise file.error(f"[privacy] redact: {name!r} is not a name", "privacy", "redact")
    return Settings(
        meta=_metadata(file, data.get("collection", {})),
        theme=top["theme"] or "default",
        page_size=top["page_size"] or "letter",
        tables=tables,
        redact=redact,
        path=file.display,
        file=file,
    )


def _table(
    file: TomlFile,
    name: str,
    table: Mapping[str, Any],
    spec: Mapping[str, Option],
    owned: Mapping[str, Mapping[str, Option]],
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in spec:
            home = [other for other, keys in owned.items() if key in keys and other != name]
            hint = f" (it belongs in [{home[0]}])" if home else ""
            if key == "page_size":
                hint = " (page_size is set at the top of makedocs.toml, before any table)"
            raise unknown_key(file, (name, key), spec, hint)
        values[key] = _checked(file, (name, key), spec[key], value)
    return values


def _checked(file: TomlFile, key: tuple[str, ...], option: Option, value: Any) -> Any:
    label = f"[{key[0]}] {key[1]}" if len(key) > 1 else key[0]
    try:
        checked = option.check(value, label)
    except ValueError as error:
        raise file.error(str(error), *key) from None
    if option.kind == "path" and checked is not None:
        # A file named in makedocs.toml is relative to makedocs.toml, not to where we run.
        path = Path(checked)
        return path if path.is_absolute() else Path(file.display).parent / path
    return checked


def _metadata(file: TomlFile, collection: Mapping[str, Any]) -> Metadata:
    names = [f.name for f in fields(Metadata)]
    for key, value in collection.items():
        if key not in names:
            raise unknown_key(file, ("collection", key), names)
        if not isinstance(value, str):
            raise file.error(f"[collection] {key} must be text", "collection", key)
    meta = Metadata(**collection)
    if meta.url is not None and not is_web_url(meta.url):
        raise file.error(
            f"[collection] url must be an http:// or https:// address, not {meta.url!r}",
            "collection",
            "url",
        )
    if not _BCP47.match(meta.language):
        raise file.error(
            f"[collection] language must be a language tag such as en, en-GB or ko, "
            f"not {meta.language!r}",
            "collection",
            "language",
        )
    return meta


__all__ = ["CONFIG_NAME", "PAGE_SIZES", "Settings", "is_web_url", "load_settings", "settings_from"]
