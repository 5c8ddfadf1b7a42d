"""One build, without Click: sources -> model -> the registry's outputs -> files, all or none.

``build`` takes the files to write by output name (``{"booklet": Path("dist/booklet.pdf")}``),
works out which other outputs' products those need (the print imposition needs the booklet's
PDF, the speaker notes the deck's plan), makes each product once, writes every file to a
temporary name and renames them all into place only when every one was written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from makedocs.config import Settings
from makedocs.context import BuildContext
from makedocs.errors import MakedocsError, UsageError, Warned
from makedocs.load import load_collection, new_context
from makedocs.model import Collection
from makedocs.output import OutputSet, refuse_inputs
from makedocs.outputs import (
    Job,
    Output,
    closure,
    default_targets,
    option_values,
    output,
    outputs,
)

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


@dataclass(frozen=True, slots=True)
class Written:
    """One file a build produced, for the one-line report."""

    path: Path
    detail: str
    size: int

    def line(self) -> str:
        return f"{self.path}  {self.detail}  {_human(self.size)}"


def build(
    sources: Sequence[Path],
    settings: Settings,
    targets: Mapping[str, Path],
    *,
    warned: Warned,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    theme: str | None = None,
    page_size: str | None = None,
    progress: Callable[[str], None] | None = None,
    inputs: list[Path] | None = None,
) -> list[Written]:
    """Write each ``targets`` output to its path; return what was written.

    ``overrides`` holds command-line values by output name, already checked by the CLI;
    ``page_size`` and ``theme`` override makedocs.toml's for every output. ``progress`` is
    told each step as it starts (see :func:`steps`). ``inputs``, if given, receives every
    file the build read (for ``makedocs watch``).
    """
    from makedocs.reproducible import source_date_epoch

    _refuse_shared_paths({name: [path] for name, path in targets.items()})
    source_date_epoch()  # every output reads it (ReportLab too): a bad value is one clear error
    step = progress or (lambda label: None)
    names = closure(list(targets))
    items = [output(name) for name in names]
    step("reading sources")
    given = overrides or {}
    options = {item.name: option_values(item, settings, given.get(item.name, {})) for item in items}
    # Each target's files: its own, then its parts (one per event of a CSV of events).
    files_of = {
        name: [path, *output(name).parts(options[name], path)] for name, path in targets.items()
    }
    _refuse_shared_paths(files_of)
    groups = independent_groups(names)
    paper = page_size or settings.page_size
    needs_content = any(item.needs_content for item in items)
    collection = (
        load_collection(sources, settings, warned) if needs_content else Collection(settings.meta)
    )
    ctx = new_context(settings, warned, theme)
    read = _inputs(collection, ctx, settings, options)
    if inputs is not None:
        inputs.extend([*sources, *read])
    refuse_inputs([path for paths in files_of.values() for path in paths], sources, read)
    if needs_content:
        from makedocs.preflight import validate_images

        validate_images(collection, ctx)
    written: dict[str, list[tuple[Path, str]]] = {}
    with OutputSet() as files:
        temps = {name: [files.reserve(path) for path in paths] for name, paths in files_of.items()}
        work = [(group, collection, settings, theme, options, paper, temps) for group in groups]
        # The workers stop (killed, on an error or an interruption) before the output set
        # commits or discards its temporary files, so none is written after that.
        with _workers(len(groups)) as pool:
            for details, warnings in _run(work, ctx, step, pool):
                # Groups check the glyphs of their own fonts: a character missing in two
                # outputs' fonts is reported once.
                warned.items.extend(w for w in warnings if w not in warned.items)
                for name, detail in details.items():
                    written[name] = list(zip(files_of[name], detail, strict=True))
    return [
        Written(path, detail, path.stat().st_size)
        for name in names
        if name in written
        for path, detail in written[name]
    ]


def independent_groups(names: Sequence[str]) -> list[list[str]]:
    """``names`` split into groups that share no product (the booklet and its imposition; the
    deck and its notes), each in build order: groups can be built in separate processes."""
    parent = {name: name for name in names}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    for name in names:
        for need in output(name).needs:
            if need in parent:
                parent[root(name)] = root(need)
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(root(name), []).append(name)
    return list(groups.values())


def jobs_for(groups: int) -> int:
    """Processes to build ``groups`` groups with: one per core, ``MAKEDOCS_JOBS`` at most."""
    import os

    wanted = os.environ.get("MAKEDOCS_JOBS", "")
    limit = int(wanted) if wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)
    return max(1, min(groups, limit))


_Work = tuple[
    list[str], Collection, Settings, "str | None", dict[str, Any], str, dict[str, list[Path]]
]


@contextmanager
def _workers(groups: int) -> Iterator[ProcessPoolExecutor | None]:
    """Worker processes for all groups but the first, which this process builds meanwhile:
    one process per core in all (``MAKEDOCS_JOBS`` at most, no more than ``groups``); None
    when every group is built in this process. If the build fails or is interrupted, the
    workers are killed before this returns."""
    processes = jobs_for(groups)
    if processes == 1:
        yield None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    pool = ProcessPoolExecutor(processes - 1, mp_context=context, initializer=_in_worker)
    try:
        yield pool
    except BaseException:
        _kill(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop every worker now, whatever it is doing (Python 3.14 has this as a method)."""
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def _in_worker() -> None:
    """In a new worker: leave signals to the build's process (Ctrl-C reaches it, which then
    kills the workers: SIGTERM must end a worker at once, not raise in it)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _run(
    work: list[_Work],
    ctx: BuildContext,
    step: Callable[[str], None],
    pool: ProcessPoolExecutor | None,
) -> list[tuple[dict[str, list[str]], list[str]]]:
    """Each group's (details, warnings), in group order, all made by the same code, to the
    same bytes: in this process when there is no pool of workers; else the workers take every
    group but the first, which this process builds meanwhile (a process fewer: its memory,
    and a context that is already loaded)."""
    if pool is None:
        return [_group(*args, ctx=ctx, step=step) for args in work]
    from concurrent.futures.process import BrokenProcessPool

    # Handed out first: the workers fork before this process grows with its own group.
    futures = [pool.submit(_group, *args) for args in work[1:]]
    results = [_group(*work[0], ctx=ctx, step=step)]

    for group, future in zip(work[1:], futures, strict=True):
        try:
            results.append(future.result())
        except BrokenProcessPool:
            raise MakedocsError(
                "a worker process was killed (out of memory?); MAKEDOCS_JOBS=1 builds every "
                "output in one process, with less memory; no files were changed"
            ) from None
        for name in group[0]:
            step(name)
            step(f"writing {name}")
    return results


def _group(
    names: list[str],
    collection: Collection,
    settings: Settings,
    theme: str | None,
    options: dict[str, Any],
    paper: str,
    temps: dict[str, list[Path]],
    *,
    ctx: BuildContext | None = None,
    step: Callable[[str], None] | None = None,
) -> tuple[dict[str, list[str]], list[str]]:
    """Make each output of one group and write those that are targets to their temporary
    files (its own, then its parts). Runs in the build's process, or alone in a worker
    (which loads its own context)."""
    warned = Warned()
    # A worker loads its own context; in the build's process the loaded one is reused.
    ctx = new_context(settings, warned, theme) if ctx is None else replace(ctx, warned=warned)
    tell = step or (lambda label: None)
    items = [output(name) for name in names]
    if any(item.needs_content for item in items):
        from makedocs.preflight import warn_missing_glyphs

        # Here, not before the groups start: fonts are parsed where they are used.
        warn_missing_glyphs(collection, ctx, _families(items, ctx))
    products: dict[str, Any] = {}
    details: dict[str, list[str]] = {}
    for name in names:
        item = output(name)
        job = Job(
            collection, ctx, options[name], paper, {need: products[need] for need in item.needs}
        )
        tell(name)
        products[name] = item.make(job)
        if name in temps:
            main, *parts = temps[name]
            tell(f"writing {main.name.split('.makedocs-')[0].lstrip('.')}")
            with _reserved(main) as handle:
                details[name] = [item.write(job, products[name], _Scrubbing(handle))]  # type: ignore[arg-type]
            for index, part in enumerate(parts):
                assert item.write_part is not None, f"{name} declares parts but no write_part"
                with _reserved(part) as handle:
                    details[name].append(
                        item.write_part(job, products[name], index, _Scrubbing(handle))  # type: ignore[arg-type]
                    )
        _give_back_memory()
    return details, warned.items


def _reserved(temp: Path) -> BinaryIO:
    """The build's temporary file ``temp``, emptied for writing. It must still exist: a
    worker never re-creates one the build has already discarded."""
    import os

    return os.fdopen(os.open(temp, os.O_WRONLY | os.O_TRUNC), "wb")


#: Above this resident size, memory an output freed is handed back before the next begins.
_TRIM_ABOVE = 128 * 2**20


def _give_back_memory() -> None:
    """Collect what one output left behind (ReportLab's and pypdf's objects hold cycles) and
    return the freed heap to the system (glibc keeps it otherwise), so a large build's peak is
    that of its largest output, not the sum of its outputs. Small builds skip it (a collection
    costs milliseconds)."""
    import os

    try:
        with open("/proc/self/statm", "rb") as statm:
            resident = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return  # not Linux: nothing to measure, and no malloc_trim either
    if resident < _TRIM_ABOVE:
        return
    import ctypes
    import gc

    gc.collect()
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # glibc's; musl has none
    if trim is not None:
        trim(0)


def steps(targets: Mapping[str, Path]) -> int:
    """How many times ``build`` calls ``progress`` for these targets."""
    return 1 + len(closure(list(targets))) + len(targets)


def _refuse_shared_paths(targets: Mapping[str, Sequence[Path]]) -> None:
    """Two outputs of one command may not share a file: the second would silently win."""
    seen: dict[Path, str] = {}
    for name, paths in targets.items():
        for path in paths:
            key = path.resolve()
            if key in seen:
                raise UsageError(
                    f"{seen[key]} and {name} would both be written to {path}; "
                    "give each its own file"
                )
            seen[key] = name


def _families(items: Iterable[Output], ctx: BuildContext) -> list[str]:
    """The font families the chosen outputs set text in, each once."""
    families = [family for item in items for family in item.fonts(ctx.theme)]
    return list(dict.fromkeys(families))


def _inputs(
    collection: Collection, ctx: BuildContext, settings: Settings, options: Mapping[str, Any]
) -> list[Path]:
    """Every file the build reads besides its sources: no output may be written over one."""
    from makedocs.colour import profile_file
    from makedocs.preflight import images

    found: list[Path] = [ctx.image_path(image.base_dir, image.path) for image in images(collection)]
    if settings.path:
        found.append(Path(settings.path))
    for folder in ctx.theme.folders:
        found.append(folder / "theme.toml")
    for family in ctx.theme.fonts.values():
        found.extend(family.files.values())
    profile = profile_file(ctx.theme)  # the press's ICC profile (--cmyk)
    if profile is not None:
        found.append(profile)
    for value in options.values():
        template = getattr(value, "template", None)
        if isinstance(template, Path):
            found.append(template)
        found.extend(getattr(value, "inputs", ()))  # an output's own input files (a CSV)
    return found


# ReportLab writes these comments into every PDF, invariant mode or not. Files must carry only
# what makedocs.toml says, so they are blanked with spaces of the same length: every byte offset
# (and so the cross-reference table) stays valid.
_TOOL_COMMENTS = (
    b" ReportLab Generated PDF document (opensource)",
    b" ReportLab generated PDF document -- digest (opensource)",
)


class _Scrubbing:
    """A binary file wrapper that blanks the PDF library's self-advertising comments."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle

    def write(self, data: bytes) -> int:
        data = bytes(data)
        for comment in _TOOL_COMMENTS:
            data = data.replace(comment, b" " * len(comment))
        return self._handle.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


def inspect(sources: Sequence[Path], settings: Settings, warned: Warned, as_json: bool) -> str:
    """The parsed (and redacted) model as a tree, or as versioned JSON."""
    from makedocs.jsonform import to_json, to_tree

    collection = load_collection(sources, settings, warned)
    return to_json(collection) if as_json else to_tree(collection)


def check(
    sources: Sequence[Path], settings: Settings, theme: str | None, page_size: str | None
) -> list[Any]:
    """``makedocs check``: findings over the unredacted sources (see check.py), then, if the
    sources are fine, every output rendered in memory, so a bad theme value, template or
    setting is found now rather than at print time. Nothing is written."""
    import tempfile

    from makedocs.check import Finding, check_sources, from_warning

    findings = check_sources(sources, settings, theme=theme, page_size=page_size)
    if any(finding.level == "error" for finding in findings):
        return findings
    warned = Warned()
    with tempfile.TemporaryDirectory(prefix="makedocs-check-") as scratch:
        try:
            build(
                sources,
                settings,
                default_targets(Path(scratch)),
                warned=warned,
                theme=theme,
                page_size=page_size,
            )
        except MakedocsError as error:
            findings.append(Finding("error", error.message, error.path, error.line))
    # What only laying out finds (a table too wide, a picture too small), each said once.
    for item in warned.items:
        finding = from_warning(item)
        if finding not in findings:
            findings.append(finding)
    return sorted(findings, key=lambda f: (f.path or "", f.line or 0))


def theme_list() -> list[tuple[str, str]]:
    """The bundled themes with their one-line descriptions."""
    from makedocs.theme import load_theme, theme_names

    return [(name, load_theme(name).description) for name in theme_names()]


def output_list() -> list[tuple[str, str, str, bool]]:
    """Every registered output: name, default file, summary, written by ``build``."""
    return [(o.name, o.filename, o.summary, o.in_build) for o in outputs().values()]


def check_template(path: Path, settings: Settings, aspect: str | None, warned: Warned) -> str:
    """``deck --check-template``: which layouts and placeholders the deck would use."""
    from makedocs.deck.template import check_report, open_template

    options = option_values(output("deck"), settings, {"aspect": aspect, "template": path})
    theme = new_context(settings, warned).theme
    found = open_template(options.template, options.aspect, options.layouts, warned, theme)
    return check_report(found)


def _human(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


__all__ = ["MakedocsError", "Written", "build", "load_collection", "new_context"]
