"""``makedocs.toml`` -> Settings: collection metadata and per-output options."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from makedocs.errors import MakedocsError
from makedocs.model import Metadata

CONFIG_NAME = "makedocs.toml"
_KNOWN_TABLES = frozenset({"collection", "booklet", "deck", "handout", "privacy", "build"})
_PRIVACY_KEYS = frozenset({"redact"})


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything ``makedocs.toml`` says; tables a renderer owns stay as plain mappings."""

    meta: Metadata = field(default_factory=Metadata)
    theme: str = "default"
    booklet: dict[str, Any] = field(default_factory=dict)
    deck: dict[str, Any] = field(default_factory=dict)
    handout: dict[str, Any] = field(default_factory=dict)
    redact: dict[str, str] = field(default_factory=dict)
    path: str | None = None


def load_settings(path: Path | None = None) -> Settings:
    """Read ``path``, or ``makedocs.toml`` in the current directory if it exists, else defaults."""
    if path is None:
        path = Path(CONFIG_NAME)
        if not path.is_file():
            return Settings()
    display = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise MakedocsError(f"cannot read config: {error.strerror or error}", display) from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise MakedocsError("config is not UTF-8 text", display) from None
    except tomllib.TOMLDecodeError as error:
        text = str(error)
        found = re.search(r"at line (\d+)", text)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", text)
        raise MakedocsError(
            f"invalid TOML: {message}", display, int(found.group(1)) if found else None
        ) from None
    return settings_from(data, display, raw.decode("utf-8-sig", "replace"))


def settings_from(data: dict[str, Any], display: str, text: str = "") -> Settings:
    for key, value in data.items():
        if key not in _KNOWN_TABLES or not isinstance(value, dict):
            raise MakedocsError(f"unknown setting [{key}]", display, _line_of(text, key))
    collection = data.get("collection", {})
    fields = set(Metadata.__dataclass_fields__)
    for key, value in collection.items():
        if key not in fields:
            raise MakedocsError(
                f"unknown [collection] key {key!r}; known: {', '.join(sorted(fields))}",
                display,
                _line_of(text, key),
            )
        if not isinstance(value, str):
            raise MakedocsError(f"[collection] {key} must be text", display, _line_of(text, key))
    privacy = data.get("privacy", {})
    for key in privacy:
        if key not in _PRIVACY_KEYS:
            # A misspelt "redact" must not silently publish the names it was meant to hide.
            raise MakedocsError(
                f"unknown [privacy] key {key!r}; known: {', '.join(sorted(_PRIVACY_KEYS))}",
                display,
                _line_of(text, key),
            )
    redact = privacy.get("redact", {})
    if not isinstance(redact, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in redact.items()
    ):
        raise MakedocsError(
            '[privacy] redact must map names to aliases: { "Real Name" = "Alias" }',
            display,
            _line_of(text, "redact"),
        )
    for name in redact:
        if not any(char.isalnum() for char in name):
            raise MakedocsError(
                f"[privacy] redact: {name!r} is not a name", display, _line_of(text, "redact")
            )
    build = data.get("build", {})
    theme = build.get("theme", "default")
    return Settings(
        meta=Metadata(**collection),
        theme=str(theme),
        booklet=dict(data.get("booklet", {})),
        deck=dict(data.get("deck", {})),
        handout=dict(data.get("handout", {})),
        redact=dict(redact),
        path=display,
    )


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith((f"{key} ", f"{key}=", f"[{key}]", f'"{key}"')):
            return number
    return None
