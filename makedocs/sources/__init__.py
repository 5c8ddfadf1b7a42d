"""Sources: files -> model. A registry picks a parser by file suffix."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from makedocs.errors import MakedocsError, Warned
from makedocs.model import Story

Parser = Callable[[Path, str, Warned], list[Story]]


def _text(path: Path, display: str, warned: Warned) -> list[Story]:
    from makedocs.sources.text import parse_text

    return parse_text(path, display, warned)


def _markdown(path: Path, display: str, warned: Warned) -> list[Story]:
    from makedocs.sources.markdown import parse_markdown

    return parse_markdown(path, display, warned)


PARSERS: dict[str, Parser] = {".txt": _text, ".md": _markdown, ".markdown": _markdown}


def expand_sources(paths: Iterable[Path]) -> list[Path]:
    """Files to read, in order: a directory means every known file inside it, by name.

    Hidden entries (``.git/``, ``.venv/``, ``.~lock.story.md#``) and editor lock and backup
    files (``~$story.md``, ``#story.md#``) are skipped, folders and all: they are not stories.
    A file named on the command line is read whatever its name.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(_story_files(path), key=lambda p: p.relative_to(path).as_posix())
            if not found:
                raise MakedocsError("no .txt or .md files in this directory", str(path))
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() not in PARSERS:
                raise MakedocsError(
                    f"unknown source type {path.suffix or '(no suffix)'}; use .txt or .md",
                    str(path),
                )
            files.append(path)
        else:
            raise MakedocsError("no such file or directory", str(path))
    return files


def is_skipped(name: str) -> bool:
    """Hidden, editor-lock and backup entries: never stories."""
    return name.startswith((".", "~$", "#")) or name.endswith("~")


def _story_files(folder: Path) -> Iterator[Path]:
    """Regular story files under ``folder``, never descending into skipped folders."""
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not is_skipped(d)]
        for name in names:
            path = Path(root) / name
            if not is_skipped(name) and path.suffix.lower() in PARSERS and path.is_file():
                yield path


def parse_sources(paths: Iterable[Path], warned: Warned) -> list[Story]:
    """Parse every source into stories, in order."""
    stories: list[Story] = []
    for file in expand_sources(paths):
        stories.extend(PARSERS[file.suffix.lower()](file, file.as_posix(), warned))
    return stories
