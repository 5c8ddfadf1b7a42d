"""Click commands: each parses its options and calls one function in ``build``. Nothing else.

No renderer or parser is imported here (see tests/test_imports.py), so ``makedocs --help``
starts instantly and every command goes through the same build.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Mapping
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from makedocs import __version__
from makedocs.console import Console
from makedocs.errors import MakedocsError, UsageError, Warned
from makedocs.options import Option

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_SOURCES = (Path("seeds"),)


class Stopped(BaseException):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C, so temporary files are removed."""

    def __init__(self, signum: object) -> None:
        super().__init__(signum)
        self.signum = signum

    def signal(self) -> int:
        """The signal that stopped the build. A library may raise this again with other
        arguments (ReportLab adds the page event it stopped in), chained to the first."""
        found: BaseException | None = self
        while found is not None:
            signum = getattr(found, "signum", None)
            if isinstance(signum, int):
                return signum
            found = found.__context__
        return int(signal.SIGTERM)


def _stop(signum: int, frame: object) -> NoReturn:
    raise Stopped(signum)


def reports_errors(func: F) -> F:
    """Bad input is one line on stderr and exit 1; a bad command line exit 2; never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        handlers = {sig: signal.getsignal(sig) for sig in _SIGNALS}
        for sig in _SIGNALS:
            signal.signal(sig, _stop)
        try:
            return func(*args, **kwargs)
        except click.ClickException:
            raise
        except BrokenPipeError:  # `makedocs themes | head`: the reader left; nothing to say
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so the final flush at exit is silent too
            sys.exit(1)
        except UsageError as error:
            raise click.UsageError(str(error)) from None
        except MakedocsError as error:
            _console().error(f"makedocs: {error}")
            sys.exit(1)
        except KeyboardInterrupt:
            _console().error("makedocs: interrupted; no files were changed")
            sys.exit(130)
        except Stopped as stopped:
            signum = stopped.signal()
            name = signal.Signals(signum).name
            _console().error(f"makedocs: stopped by {name}; no files were changed")
            sys.exit(128 + signum)
        except Exception as error:  # a bug, not bad input: still one line unless debugging
            if os.environ.get("MAKEDOCS_DEBUG"):
                raise
            _console().error(
                f"makedocs: internal error: {type(error).__name__}: {error} "
                "(set MAKEDOCS_DEBUG=1 for details); no files were changed"
            )
            sys.exit(1)
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)

    return wrapper  # type: ignore[return-value]


_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Checked(click.ParamType):
    """A value checked by an output's own :class:`Option` declaration (bounds, units), looked
    up only when a value is given, so ``--help`` imports no output module."""

    def __init__(self, output: str, key: str, label: str, kind: str) -> None:
        self.output = output
        self.key = key
        self.label = label
        self.name = kind

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value  # already converted (a default)
        option = _setting(self.output, self.key)
        if option.kind == "count" and value.strip().lstrip("-").isdigit():
            value = int(value)  # type: ignore[assignment]  # the command line gives text
        try:
            return option.check(value, self.label)
        except ValueError as error:  # "--creep needs a unit" -> "needs a unit"
            self.fail(str(error).removeprefix(self.label).lstrip(": "), param, ctx)


def _setting(output: str, key: str) -> Option:
    from makedocs.outputs import output as find

    for keys in find(output).settings.values():
        if key in keys:
            return keys[key]
    raise KeyError(key)


def _settings(config: Path | None) -> Any:
    from makedocs.config import load_settings

    return load_settings(config)


def _console() -> Console:
    """The console the ``main`` group set up (--verbose/--quiet), or a default one."""
    ctx = click.get_current_context(silent=True)
    found = ctx.find_object(Console) if ctx else None
    return found or Console()


def _report(warned: Warned) -> None:
    for line in warned.items:
        _console().warning(line)


def _run_build(
    sources: tuple[Path, ...], settings: Any, targets: Mapping[str, Path], **options: Any
) -> None:
    """One build with a progress bar, then its warnings and one line per file written."""
    import time

    from makedocs import build as builder

    console = _console()
    console.detail(f"settings: {settings.path or 'none (no makedocs.toml here)'}")
    console.detail(f"theme: {options.get('theme') or settings.theme}")
    warned = Warned()
    start = time.perf_counter()
    with console.progress(builder.steps(targets)) as bar:
        written = builder.build(
            list(sources or DEFAULT_SOURCES),
            settings,
            targets,
            warned=warned,
            progress=bar.step,
            **options,
        )
    _report(warned)
    for item in written:
        console.result(item.line())
    console.detail(f"built in {time.perf_counter() - start:.2f} s")


sources_argument = click.argument(
    "sources", nargs=-1, type=click.Path(path_type=Path, exists=False)
)
page_size_option = click.option(
    "--page-size",
    type=click.Choice(["letter", "a4"]),
    default=None,
    help="Sheet size every PDF is printed on (default from makedocs.toml, else letter).",
)


def _known_theme(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An unknown ``--theme`` is a usage error (exit 2), with the nearest bundled name."""
    if value is None:
        return None
    from makedocs.theme import theme_path

    try:
        theme_path(value)
    except MakedocsError as error:
        raise click.BadParameter(error.message) from None
    return value


theme_option = click.option(
    "--theme",
    default=None,
    metavar="NAME|PATH",
    callback=_known_theme,
    help="A bundled theme (see `makedocs themes`) or a folder holding theme.toml "
    "(default from makedocs.toml, else default).",
)
config_option = click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Settings file (default: ./makedocs.toml if present).",
)


def output_dir_option(default: str, help: str) -> Callable[[F], F]:
    """``-o/--output DIR`` for the commands that write a folder of files."""
    return click.option(
        "-o",
        "--output",
        "out_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path(default),
        show_default=True,
        help=help,
    )


def output_file_option(default: str, help: str) -> Callable[[F], F]:
    """``-o/--output FILE`` for the commands that write one main file."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False),
        default=Path(default),
        show_default=True,
        help=help,
    )


def _only(value: str | None) -> list[str] | None:
    from makedocs.outputs import outputs

    if not value:
        return None
    names = [name.strip() for name in value.split(",") if name.strip()]
    known = list(outputs())
    for name in names:
        if name not in known:
            raise click.BadParameter(
                f"unknown output {name!r}; outputs: {', '.join(known)}", param_hint="--only"
            )
    return names


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="makedocs")
@click.option("-v", "--verbose", is_flag=True, help="Say more: settings, theme, timings.")
@click.option(
    "-q", "--quiet", is_flag=True, help="Only warnings and errors: no file lines, no progress bar."
)
@click.pass_context
def main(ctx: click.Context, verbose: bool, quiet: bool) -> None:
    """Turn stories into print-ready booklets, slide decks and handouts.

    Shell completion: eval "$(_MAKEDOCS_COMPLETE=bash_source makedocs)" (or zsh_source,
    fish_source) in your shell's start-up file.
    """
    ctx.obj = Console(verbose=verbose, quiet=quiet)


@main.command()
@sources_argument
@output_dir_option("dist", "Folder for the outputs.")
@click.option(
    "--only",
    default=None,
    metavar="NAMES",
    help="Build only these outputs, comma-separated (see `makedocs outputs`).",
)
@page_size_option
@theme_option
@config_option
@reports_errors
def build(
    sources: tuple[Path, ...],
    out_dir: Path,
    only: str | None,
    page_size: str | None,
    theme: str | None,
    config: Path | None,
) -> None:
    """Build every output from SOURCES (default: seeds/) into the output folder."""
    from makedocs.outputs import default_targets

    names = _only(only)
    targets = default_targets(out_dir, names)
    _run_build(sources, _settings(config), targets, theme=theme, page_size=page_size)


@main.command()
@sources_argument
@output_file_option("dist/booklet.pdf", "PDF file to write.")
@page_size_option
@click.option(
    "--no-recto",
    "no_recto",
    is_flag=True,
    default=None,
    help="Let stories open on any page (default: right-hand pages, blanks inserted).",
)
@click.option(
    "--bleed",
    type=Checked("booklet", "bleed", "--bleed", "length"),
    default=None,
    metavar="LENGTH",
    help="Print-shop bleed, e.g. 3mm or 0.125in (at most 20mm).",
)
@click.option("--crop-marks", is_flag=True, default=None, help="Draw crop marks outside the bleed.")
@click.option("--cmyk", is_flag=True, default=None, help="CMYK colours and images for print shops.")
@click.option(
    "--print",
    "print_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the saddle-stitch imposition for an office printer to this PDF.",
)
@click.option(
    "--duplex",
    type=click.Choice(["short-edge", "long-edge"]),
    default=None,
    help="How the printer flips the sheet (with --print; default short-edge).",
)
@click.option(
    "--signature",
    type=Checked("booklet-print", "signature", "--signature", "integer"),
    default=None,
    metavar="SHEETS",
    help="Split a thick booklet into signatures of SHEETS sheets (with --print).",
)
@click.option(
    "--creep",
    type=Checked("booklet-print", "creep", "--creep", "length"),
    default=None,
    metavar="LENGTH",
    help="Shift pages toward the spine by up to LENGTH, e.g. 0.5mm (with --print).",
)
@click.option(
    "--back-offset",
    type=Checked("booklet-print", "back_offset", "--back-offset", "offset"),
    default=None,
    metavar="X,Y",
    help='Move every back page by this, e.g. "1.5mm, -0.5mm", as the test sheet reads '
    "(with --print or --test-sheet).",
)
@click.option(
    "--test-sheet",
    is_flag=True,
    help="Only write test-sheet.pdf (beside -o): how the printer turns paper, and where it "
    "prints the back.",
)
@theme_option
@config_option
@reports_errors
def booklet(
    sources: tuple[Path, ...],
    output: Path,
    page_size: str | None,
    no_recto: bool | None,
    bleed: Any,
    crop_marks: bool | None,
    cmyk: bool | None,
    print_file: Path | None,
    duplex: str | None,
    signature: int | None,
    creep: Any,
    back_offset: Any,
    test_sheet: bool,
    theme: str | None,
    config: Path | None,
) -> None:
    """Build the booklet PDF (pages in reading order)."""
    if test_sheet and print_file is not None:
        raise click.UsageError("--test-sheet writes only the test sheet; leave out --print")
    if print_file is None:
        for name, value in {"--signature": signature, "--creep": creep}.items():
            if value is not None:
                raise click.UsageError(f"{name} only applies with --print FILE")
        if not test_sheet:
            for name, value in {"--duplex": duplex, "--back-offset": back_offset}.items():
                if value is not None:
                    raise click.UsageError(f"{name} only applies with --print FILE or --test-sheet")
    if test_sheet:
        targets = {"test-sheet": output.parent / "test-sheet.pdf"}
    else:
        targets = {"booklet": output}
        if print_file is not None:
            targets["booklet-print"] = print_file
    overrides: Mapping[str, Mapping[str, Any]] = {
        "booklet": {
            "recto": False if no_recto else None,
            "bleed": bleed,
            "crop_marks": crop_marks,
            "cmyk": cmyk,
        },
        "booklet-print": {
            "duplex": duplex,
            "signature": signature,
            "creep": creep,
            "back_offset": back_offset,
        },
        "test-sheet": {"duplex": duplex, "back_offset": back_offset},
    }
    _run_build(
        sources, _settings(config), targets, overrides=overrides, theme=theme, page_size=page_size
    )


@main.command()
@sources_argument
@output_file_option("dist/deck.pptx", "PPTX file to write.")
@click.option(
    "--aspect",
    type=click.Choice(["16:9", "4:3"]),
    default=None,
    help="Slide shape (default from makedocs.toml, else 16:9).",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="The organisation's own .pptx template (layouts found by name).",
)
@click.option(
    "--check-template",
    "check_template",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Only report which layouts and placeholders of this .pptx would be used.",
)
@click.option(
    "--notes",
    "notes_pdf",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the printable speaker script (PDF) to this file.",
)
@page_size_option
@theme_option
@config_option
@reports_errors
def deck(
    sources: tuple[Path, ...],
    output: Path,
    aspect: str | None,
    template: Path | None,
    check_template: Path | None,
    notes_pdf: Path | None,
    page_size: str | None,
    theme: str | None,
    config: Path | None,
) -> None:
    """Build the slide deck (PPTX)."""
    from makedocs import build as builder

    settings = _settings(config)
    warned = Warned()
    if check_template is not None:
        click.echo(builder.check_template(check_template, settings, aspect, warned))
        _report(warned)
        return
    targets = {"deck": output}
    if notes_pdf is not None:
        targets["speaker-notes"] = notes_pdf
    overrides = {"deck": {"aspect": aspect, "template": template}}
    _run_build(sources, settings, targets, overrides=overrides, theme=theme, page_size=page_size)


@main.command()
@sources_argument
@output_file_option("dist/booklet.epub", "EPUB file to write.")
@click.option(
    "--html",
    "html_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the edition as one self-contained web page to this file.",
)
@page_size_option
@theme_option
@config_option
@reports_errors
def epub(
    sources: tuple[Path, ...],
    output: Path,
    html_file: Path | None,
    page_size: str | None,
    theme: str | None,
    config: Path | None,
) -> None:
    """Build the accessible edition (EPUB 3), with the printed booklet's page numbers.

    The page list follows the booklet laid out for --page-size, so "page 7" is the same page
    in print and on screen.
    """
    targets = {"epub": output}
    if html_file is not None:
        targets["html"] = html_file
    _run_build(sources, _settings(config), targets, theme=theme, page_size=page_size)


def _event_option(flag: str, key: str, metavar: str, help: str) -> Callable[[F], F]:
    """An event detail; its value is checked by the handout's own declaration of it."""
    return click.option(
        flag,
        key,
        type=Checked("handout", key, flag, "text"),
        default=None,
        metavar=metavar,
        help=help,
    )


@main.command()
@sources_argument
@output_file_option(
    "dist/handout.pdf",
    "PDF file to write (with --events: every event's handout, for printing all at once).",
)
@_event_option("--event-title", "title", "TEXT", "The event's name, e.g. Film screening.")
@_event_option("--date", "date", "YYYY-MM-DD", "The day; printed in words with its weekday.")
@_event_option("--time", "time", "TEXT", "When it starts, as it should be printed: 7:00 PM.")
@_event_option("--venue", "venue", "TEXT", "Where (required with --date).")
@_event_option("--address", "address", "TEXT", "The venue's address.")
@_event_option("--host", "host", "TEXT", "Who hosts the event.")
@_event_option("--url", "url", "URL", "The event's own page: the QR code opens it.")
@_event_option("--notes", "notes", "TEXT", "One more line: doors, tickets.")
@click.option(
    "--events",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="A CSV of events (header: title,date,time,venue,address,host,url,notes): one "
    "handout each into handouts/ beside -o, and all of them in -o.",
)
@click.option(
    "--skip-bad-rows",
    is_flag=True,
    default=None,
    help="With --events: write the good rows and list the bad ones (default: write nothing).",
)
@click.option("--back", is_flag=True, default=None, help="Add a back page.")
@click.option(
    "--up",
    type=click.Choice(["1", "2", "4"]),
    default=None,
    help="Copies a sheet: 2 or 4 flyers with cut marks (default 1).",
)
@page_size_option
@theme_option
@config_option
@reports_errors
def handout(
    sources: tuple[Path, ...],
    output: Path,
    title: str | None,
    date: Any,
    time: str | None,
    venue: str | None,
    address: str | None,
    host: str | None,
    url: str | None,
    notes: str | None,
    events: Path | None,
    skip_bad_rows: bool | None,
    back: bool | None,
    up: str | None,
    page_size: str | None,
    theme: str | None,
    config: Path | None,
) -> None:
    """Build the screening handout: one sheet with the story, the event and a QR code.

    One event from the options (or [event] in makedocs.toml), or one handout per row of
    --events FILE.csv, each into handouts/<date>-<venue>.pdf beside -o.
    """
    details = {
        "title": title,
        "date": date,
        "time": time,
        "venue": venue,
        "address": address,
        "host": host,
        "url": url,
        "notes": notes,
    }
    if events is not None:
        given = [name for name, value in details.items() if value is not None]
        if given:
            flag = "--event-title" if given[0] == "title" else f"--{given[0]}"
            raise click.UsageError(f"{flag} describes one event; --events gives them all")
    elif skip_bad_rows:
        raise click.UsageError("--skip-bad-rows only applies with --events FILE.csv")
    overrides = {
        "handout": {
            **details,
            "events": events,
            "skip_bad_rows": skip_bad_rows,
            "back": back,
            "up": int(up) if up else None,
        }
    }
    _run_build(
        sources,
        _settings(config),
        {"handout": output},
        overrides=overrides,
        theme=theme,
        page_size=page_size,
    )


@main.command()
@sources_argument
@click.option("--json", "as_json", is_flag=True, help="Print the model as JSON (with a version).")
@config_option
@reports_errors
def inspect(sources: tuple[Path, ...], as_json: bool, config: Path | None) -> None:
    """Show the content model parsed from SOURCES."""
    from makedocs import build as builder

    warned = Warned()
    shown = builder.inspect(list(sources or DEFAULT_SOURCES), _settings(config), warned, as_json)
    _report(warned)
    click.echo(shown)


@main.command()
@sources_argument
@page_size_option
@theme_option
@config_option
@reports_errors
def check(
    sources: tuple[Path, ...], page_size: str | None, theme: str | None, config: Path | None
) -> None:
    """Lint SOURCES before printing: alt text, image resolution, fonts, redacted names, titles.

    Prints ``path:line: level: message`` per finding; exits 1 if any is an error.
    """
    from makedocs import build as builder

    findings = builder.check(list(sources or DEFAULT_SOURCES), _settings(config), theme, page_size)
    console = _console()
    for finding in findings:
        click.echo(finding.text())
    errors = sum(1 for finding in findings if finding.level == "error")
    if not console.quiet:
        click.echo(f"makedocs: {errors} error(s), {len(findings) - errors} warning(s)", err=True)
    if errors:
        sys.exit(1)


@main.command()
@reports_errors
def themes() -> None:
    """List the bundled themes, each with a one-line description."""
    from makedocs import build as builder

    for name, description in builder.theme_list():
        click.echo(f"{name:<14}{description}")


@main.command()
@reports_errors
def outputs() -> None:
    """List every output makedocs can write (names for `build --only`)."""
    from makedocs import build as builder

    for name, filename, summary, in_build in builder.output_list():
        note = "" if in_build else "  (not in build)"
        click.echo(f"{name:<15}{filename:<20}{summary}{note}")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=Path("."))
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@reports_errors
def init(folder: Path, force: bool) -> None:
    """Start a new project in FOLDER: an example story, makedocs.toml and events.csv."""
    from makedocs.scaffold import init as scaffold

    console = _console()
    for path in scaffold(folder, force=force):
        console.result(f"wrote {path}")
    where = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    console.result(f"next: {where}makedocs build   (then open dist/booklet.pdf)")


@main.command()
@sources_argument
@output_dir_option("dist/preview", "Folder for the pictures.")
@click.option("--only", default=None, metavar="NAMES", help="Preview only these outputs.")
@click.option(
    "--slides",
    type=click.Choice(["auto", "libreoffice", "sketch"]),
    default="auto",
    show_default=True,
    help="Slides drawn by LibreOffice, or sketched from the plan (auto: LibreOffice if installed).",
)
@page_size_option
@theme_option
@config_option
@reports_errors
def preview(
    sources: tuple[Path, ...],
    out_dir: Path,
    only: str | None,
    slides: str,
    page_size: str | None,
    theme: str | None,
    config: Path | None,
) -> None:
    """Write PNG thumbnails and one contact sheet per output, to see everything at a glance."""
    from makedocs.preview import preview as previewer

    warned = Warned()
    done = previewer(
        list(sources or DEFAULT_SOURCES),
        _settings(config),
        out_dir,
        warned=warned,
        theme=theme,
        page_size=page_size,
        only=_only(only),
        slides=slides,
    )
    _report(warned)
    for item in done:
        _console().result(item.line())


@main.command()
@sources_argument
@output_dir_option("dist", "Folder for the outputs.")
@click.option("--only", default=None, metavar="NAMES", help="Rebuild only these outputs.")
@page_size_option
@theme_option
@config_option
@reports_errors
def watch(
    sources: tuple[Path, ...],
    out_dir: Path,
    only: str | None,
    page_size: str | None,
    theme: str | None,
    config: Path | None,
) -> None:
    """Build, then rebuild whenever a story, picture, theme, template or makedocs.toml changes.

    One line per rebuild; errors are shown and the watch goes on. Ctrl-C stops it.
    """
    from makedocs.watch import watch as watcher

    console = _console()
    console.result("watching for changes (Ctrl-C to stop)")
    # Ctrl-C during a build ends it like any interrupted build: its temporary files are gone.
    with contextlib.suppress(KeyboardInterrupt):
        watcher(
            list(sources or DEFAULT_SOURCES),
            out_dir,
            config=config,
            only=_only(only),
            say=lambda line: click.echo(line),
            warn=console.warning,
            build_options={"theme": theme, "page_size": page_size},
        )
    console.result("stopped watching")


def run() -> NoReturn:
    """The ``makedocs`` command: :func:`main`, then an exit without the interpreter's teardown.

    When a command has finished, its files are written, closed and renamed into place; what
    is left is freeing every font table, page and slide object one by one, which took 80-120
    ms of a 0.65 s seed build (measured). So the exit handlers run and the standard streams
    are flushed as at any exit, and then the process ends at once with the command's status.
    An exception that escapes ``main`` (a bug) takes the ordinary way out, with its traceback.
    """
    import atexit

    try:
        main()
        status: object = 0
    except SystemExit as done:
        status = done.code
    if status is not None and not isinstance(status, int):
        print(status, file=sys.stderr)  # as sys.exit("message") would
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status or 0)
