"""Sources and settings -> the transformed model; settings and theme -> the build's context.

Shared by ``build`` and ``check`` (which therefore never import each other).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from makedocs.config import Settings
from makedocs.context import BuildContext
from makedocs.errors import MakedocsError, Warned
from makedocs.model import Collection


def load_collection(sources: Sequence[Path], settings: Settings, warned: Warned) -> Collection:
    """Parse every source, attach the collection metadata, then run the model passes
    (redaction), so every renderer and ``inspect`` only ever see the transformed model."""
    from makedocs.sources import parse_sources
    from makedocs.transforms import apply_transforms

    stories = tuple(parse_sources(sources, warned))
    meta = settings.meta
    if settings.path is None and len(stories) == 1:
        meta = replace(meta, title=stories[0].title)
    collection = Collection(meta=meta, stories=stories)
    return apply_transforms(collection, settings.redact, warned, settings.origin())


def new_context(settings: Settings, warned: Warned, theme: str | None = None) -> BuildContext:
    """The build's theme, fonts and image cache. ``theme`` (from ``--theme``) wins over
    makedocs.toml's; a relative path in makedocs.toml starts at that file's folder."""
    from makedocs.theme import load_theme

    if theme is not None:
        return BuildContext.create(load_theme(theme), warned)
    try:
        chosen = load_theme(settings.theme, settings.folder if settings.path else None)
    except MakedocsError as error:
        if error.path:  # a problem inside the theme's own files
            raise
        raise settings.error(error.message, "theme") from None
    return BuildContext.create(chosen, warned)
