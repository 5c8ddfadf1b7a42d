"""Atomic writes: all outputs of a build change together, or none does.

Every output goes to a hidden temporary file beside its target. Only when all were written are
they renamed into place; if one rename fails, the files already replaced are put back, so a
failed build leaves the previous ``dist/`` exactly as it was. Temporary names carry the
process id, so a later build can remove the leftovers of one that was killed outright.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from makedocs.errors import MakedocsError

_PART = re.compile(r"^\..+\.makedocs-(?P<pid>\d+)-[^.]*\.(?:part|keep)$")


def refuse_inputs(
    targets: Iterable[Path], sources: Iterable[Path], inputs: Iterable[Path] = ()
) -> None:
    """Refuse any target that would overwrite something the build reads, or that is not a
    regular file (a device, a folder, a FIFO).

    A folder given as a source is protected whole (never touch seeds/). A file given as a
    source protects itself and its folder, unless that folder is the current directory: a
    project folder holding ``story.md`` and ``makedocs.toml`` is where ``dist/`` belongs.
    Every other input (an image a story uses, makedocs.toml, the template, a theme file)
    protects itself.
    """
    here = Path.cwd().resolve()
    sources = [source.resolve() for source in sources]
    files = {path.resolve() for path in [*inputs, *sources] if not path.is_dir()}
    for target in targets:
        resolved = target.resolve()
        if resolved in files or any(_same_file(target, other) for other in files):
            kind = "a source file" if resolved in sources else "a file this build reads"
            raise MakedocsError(f"refusing to overwrite {kind}; choose another -o", str(target))
        for path in sources:
            base = path if path.is_dir() else path.parent
            if not path.is_dir() and base == here:
                continue
            if resolved == base or base in resolved.parents:
                raise MakedocsError(
                    "refusing to write output inside a source folder; choose another -o",
                    str(target),
                )
        _refuse_special(target)


def _same_file(target: Path, other: Path) -> bool:
    try:
        return target.exists() and os.path.samefile(target, other)
    except OSError:
        return False


def _refuse_special(target: Path) -> None:
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise MakedocsError(f"cannot write here: {error.strerror or error}", str(target)) from None
    if stat.S_ISDIR(mode):
        raise MakedocsError("is a folder; give a file name", str(target))
    if not stat.S_ISREG(mode):
        raise MakedocsError(
            "is not a regular file (a device or a pipe); choose another -o", str(target)
        )


class OutputSet:
    """Temporary files for one build, committed together or discarded together."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []
        self._swept: set[Path] = set()

    def open(self, target: Path) -> BinaryIO:
        """A binary file to write ``target``'s content into."""
        return open(self.reserve(target), "wb")  # noqa: SIM115 (the caller closes it)

    def reserve(self, target: Path) -> Path:
        """A new empty temporary file beside ``target``, renamed onto it at commit."""
        folder = target.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._sweep(folder)
            fd, temp = tempfile.mkstemp(
                prefix=f".{target.name}.makedocs-{os.getpid()}-", suffix=".part", dir=folder
            )
        except OSError as error:
            raise MakedocsError(
                f"cannot write here: {error.strerror or error}", str(folder)
            ) from None
        os.close(fd)
        self._pending.append((Path(temp), target))
        return Path(temp)

    def _sweep(self, folder: Path) -> None:
        """Remove temporary files a killed makedocs left in ``folder`` (its process is gone)."""
        if folder in self._swept:
            return
        self._swept.add(folder)
        for entry in folder.iterdir():
            found = _PART.match(entry.name)
            if found and not _alive(int(found["pid"])):
                entry.unlink(missing_ok=True)

    def commit(self) -> None:
        """Rename every file into place; if any step fails, put every target back as it was."""
        moved: list[tuple[Path, Path | None]] = []  # (target, where its previous file waits)
        try:
            for temp, target in self._pending:
                _refuse_special(target)
                previous = None
                if target.exists():
                    previous = temp.with_suffix(".keep")
                    os.replace(target, previous)
                moved.append((target, previous))
                os.chmod(temp, 0o644)
                os.replace(temp, target)
        except (OSError, MakedocsError) as error:
            for target, previous in reversed(moved):
                if previous is not None:
                    os.replace(previous, target)
                elif target.exists():
                    target.unlink()
            self.discard()
            what = error.filename if isinstance(error, OSError) else error.path
            why = error.strerror if isinstance(error, OSError) else error.message
            raise MakedocsError(f"{why}; no files were changed", str(what or "")) from None
        for _, previous in moved:
            if previous is not None:
                previous.unlink(missing_ok=True)
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


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
