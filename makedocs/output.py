"""Atomic writes: every output goes to a temporary file beside its target and is renamed into
place only when the whole build succeeded, so a failed build leaves the previous files intact."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from makedocs.errors import MakedocsError


def refuse_inside(target: Path, protected: Iterable[Path]) -> None:
    """Refuse to write ``target`` over a source or inside a source folder (never touch seeds/).

    A folder given as a source is protected whole. A file given as a source protects itself and
    its folder, unless that folder is the current directory: a project folder holding
    ``story.md`` and ``makedocs.toml`` is where ``dist/`` belongs.
    """
    resolved = target.resolve()
    here = Path.cwd().resolve()
    for source in protected:
        path = source.resolve()
        if resolved == path:
            raise MakedocsError(
                "refusing to overwrite a source file; choose another -o", str(target)
            )
        base = path if path.is_dir() else path.parent
        if not path.is_dir() and base == here:
            continue
        if resolved == base or base in resolved.parents:
            raise MakedocsError(
                "refusing to write output inside a source folder; choose another -o",
                str(target),
            )


class OutputSet:
    """Temporary files for one build, committed together or discarded together."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def open(self, target: Path) -> BinaryIO:
        """A binary file to write ``target``'s content into."""
        folder = target.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
        except OSError as error:
            raise MakedocsError(
                f"cannot write here: {error.strerror or error}", str(folder)
            ) from None
        self._pending.append((Path(temp), target))
        return os.fdopen(fd, "wb")

    def commit(self) -> None:
        for temp, target in self._pending:
            os.chmod(temp, 0o644)
            os.replace(temp, target)
        self._pending.clear()

    def discard(self) -> None:
        for temp, _ in self._pending:
            temp.unlink(missing_ok=True)
        self._pending.clear()

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()
