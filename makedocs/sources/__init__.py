"""Sources: files -> model. A registry picks a parser by file suffix."""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
    """Files to read, in order: a directory means every known file inside it, by name."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                (p for p in path.rglob("*") if p.suffix.lower() in PARSERS and p.is_file()),
                key=lambda p: p.relative_to(path).as_posix(),
            )
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


def parse_sources(paths: Iterable[Path], warned: Warned) -> list[Story]:
    """Parse every source into stories, in order."""
    stories: list[Story] = []
    for file in expand_sources(paths):
        stories.extend(PARSERS[file.suffix.lower()](file, file.as_posix(), warned))
    return stories
