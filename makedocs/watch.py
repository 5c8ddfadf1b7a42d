"""``makedocs watch``: rebuild when a source, picture, theme, template or makedocs.toml changes.

The build itself says what it read (sources, pictures, settings, theme files, fonts, the deck
template), so the watch follows exactly those, and starts following a new picture as soon as a
story uses it. One line per rebuild, with its time; an error is shown and the watch goes on;
Ctrl-C stops it between or during builds, leaving no temporary files (builds are atomic).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from makedocs.errors import MakedocsError, Warned

#: Changes closer together than this are one change (an editor saving in several steps).
DEBOUNCE_MS = 300
#: Outputs a change to the deck's template can affect; any other change affects all.
_TEMPLATE_OUTPUTS = ("deck", "speaker-notes")


def watch(
    sources: Sequence[Path],
    out_dir: Path,
    *,
    config: Path | None,
    only: list[str] | None,
    say: Callable[[str], None],
    warn: Callable[[str], None],
    build_options: Mapping[str, Any],
    stop: Any = None,
) -> None:
    """Build, then rebuild on every change until Ctrl-C (or ``stop`` is set)."""
    import logging

    import watchfiles

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # it announces Ctrl-C itself
    outputs_dir = out_dir.resolve()

    def run(names: list[str] | None, reason: str) -> list[Path]:
        return _build(sources, out_dir, config, names, say, warn, build_options, reason)

    before = _stamps(sources)
    inputs = run(only, "first build") or [*sources]
    while True:
        paths = _watched(inputs, sources, config)
        # The watch starts after the build: catch what was saved in between.
        now = _stamps([*sources, *inputs])
        moved = [p for p, stamp in before.items() if now.get(p) != stamp]
        before = now
        if moved:
            inputs = run(only, ", ".join(sorted(_shown(p) for p in moved))) or inputs
            continue
        # One watch for as long as the same folders matter: changes made during a rebuild
        # are queued by the watcher and come as the next batch, never lost.
        for batch in watchfiles.watch(
            *paths,
            debounce=DEBOUNCE_MS,
            stop_event=stop,
            raise_interrupt=False,
            watch_filter=lambda change, path: _relevant(Path(path), outputs_dir),
        ):
            changed = {Path(path) for _, path in batch}
            names = only
            template = {p.resolve() for p in inputs if p.suffix == ".pptx"}
            if all(p.resolve() in template for p in changed):
                names = [n for n in (only or _TEMPLATE_OUTPUTS) if n in _TEMPLATE_OUTPUTS]
            before = _stamps([*sources, *inputs])
            # An editor's scratch file, made and gone within the batch, is not news.
            shown = [p for p in changed if p.exists()] or changed
            inputs = run(names or only, ", ".join(sorted(_shown(p) for p in shown))) or inputs
            if _watched(inputs, sources, config) != paths:
                break  # a story now uses a picture in another folder: watch that too
        else:
            return  # stopped: Ctrl-C or the stop event


def _build(
    sources: Sequence[Path],
    out_dir: Path,
    config: Path | None,
    only: list[str] | None,
    say: Callable[[str], None],
    warn: Callable[[str], None],
    options: Mapping[str, Any],
    reason: str,
) -> list[Path]:
    """One build; returns the files it read (empty after an error, so the old ones stay)."""
    from makedocs.build import build
    from makedocs.config import load_settings
    from makedocs.outputs import default_targets

    start = time.perf_counter()
    stamp = time.strftime("%H:%M:%S")
    read: list[Path] = []
    warned = Warned()
    try:
        settings = load_settings(config)
        written = build(
            sources,
            settings,
            default_targets(out_dir, only),
            warned=warned,
            inputs=read,
            **options,
        )
    except MakedocsError as error:
        for line in warned.items:
            warn(line)
        say(f"{stamp}  makedocs: {error} ({reason}; still watching)")
        return read
    for line in warned.items:
        warn(line)
    took = time.perf_counter() - start
    files = "file" if len(written) == 1 else "files"
    say(f"{stamp}  built {len(written)} {files} in {took:.2f} s ({reason})")
    return read


def _stamps(paths: Sequence[Path]) -> dict[Path, int]:
    """Modification times of the files among ``paths`` (and in the folders among them)."""
    stamps: dict[Path, int] = {}
    for path in paths:
        files = [path]
        if path.is_dir():
            files = [
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
        for file in files:
            try:
                stamps[file.resolve()] = file.stat().st_mtime_ns
            except OSError:
                continue
    return stamps


def _watched(inputs: Sequence[Path], sources: Sequence[Path], config: Path | None) -> list[Path]:
    """Folders to watch: every source folder, and the folder of every file read."""
    folders: set[Path] = set()
    for path in [*sources, *inputs, *([config] if config else [Path("makedocs.toml")])]:
        path = path.resolve()
        folders.add(path if path.is_dir() else path.parent)
    # Watching a folder covers those inside it.
    return sorted(f for f in folders if not any(p in f.parents for p in folders))


def _relevant(path: Path, outputs_dir: Path) -> bool:
    """Not our own outputs, their temporary files, or editors' scratch files."""
    name = path.name
    if outputs_dir == path or outputs_dir in path.resolve().parents:
        return False
    if any(part.startswith(".") for part in path.parts[-4:-1]):  # .git/, .venv/ ...
        return False
    if name.endswith((".part", ".keep", "~", ".swp", ".swx", ".tmp")) or name.startswith(".#"):
        return False
    return not name.startswith((".~lock.", "~$"))


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
