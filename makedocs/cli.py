"""Click commands: each loads settings and calls one function in ``build``. Nothing else.

Heavy libraries (reportlab, python-pptx, Pillow) are imported inside the renderers, so
``makedocs --help`` starts instantly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from makedocs import __version__
from makedocs.errors import MakedocsError, Warned

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_SOURCES = (Path("seeds"),)


def reports_errors(func: F) -> F:
    """Turn a MakedocsError into one line on stderr and exit status 1, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MakedocsError as error:
            click.echo(f"makedocs: {error}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("makedocs: interrupted; no files were changed", err=True)
            sys.exit(130)
        except Exception as error:  # a bug, not bad input: still one line unless debugging
            if os.environ.get("MAKEDOCS_DEBUG"):
                raise
            click.echo(
                f"makedocs: internal error: {type(error).__name__}: {error} "
                "(set MAKEDOCS_DEBUG=1 for details); no files were changed",
                err=True,
            )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _settings(config: Path | None) -> Any:
    from makedocs.config import load_settings

    return load_settings(config)


def _report(warned: Warned) -> None:
    for line in warned.items:
        click.echo(line, err=True)


sources_argument = click.argument(
    "sources", nargs=-1, type=click.Path(path_type=Path, exists=False)
)
page_size_option = click.option(
    "--page-size",
    type=click.Choice(["letter", "a4"]),
    default=None,
    help="Sheet size the booklet is printed on (default from makedocs.toml, else letter).",
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


config_option = click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Settings file (default: ./makedocs.toml if present).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="makedocs")
def main() -> None:
    """Turn stories into print-ready booklets, slide decks and handouts."""


@main.command()
@sources_argument
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("dist"),
    show_default=True,
    help="Folder for the outputs.",
)
@page_size_option
@config_option
@reports_errors
def build(
    sources: tuple[Path, ...], out_dir: Path, page_size: str | None, config: Path | None
) -> None:
    """Build every output from SOURCES (default: seeds/) into the output folder."""
    from makedocs.booklet.render import booklet_options
    from makedocs.build import build_all
    from makedocs.deck.render import deck_options

    settings = _settings(config)
    warned = Warned()
    booklet, imposition = booklet_options(
        settings.booklet, page_size=page_size, where=settings.path
    )
    written = build_all(
        list(sources or DEFAULT_SOURCES),
        out_dir,
        settings,
        booklet=booklet,
        deck=deck_options(settings.deck, where=settings.path),
        warned=warned,
        imposition=imposition,
    )
    _report(warned)
    for item in written:
        click.echo(item.line())


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
    "--bleed", default=None, metavar="LENGTH", help="Print-shop bleed, e.g. 3mm or 0.125in."
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
    help="How the printer flips the sheet (for --print; default short-edge).",
)
@click.option(
    "--signature",
    type=click.IntRange(min=1),
    default=None,
    metavar="SHEETS",
    help="Split a thick booklet into signatures of SHEETS sheets (for --print).",
)
@click.option(
    "--creep",
    default=None,
    metavar="LENGTH",
    help="Shift pages toward the spine up to LENGTH at the centre sheet, e.g. 0.5mm.",
)
@click.option(
    "--test-sheet",
    is_flag=True,
    help="Only write test-sheet.pdf (beside -o), which shows how the printer flips paper.",
)
@config_option
@reports_errors
def booklet(
    sources: tuple[Path, ...],
    output: Path,
    page_size: str | None,
    no_recto: bool | None,
    bleed: str | None,
    crop_marks: bool | None,
    cmyk: bool | None,
    print_file: Path | None,
    duplex: str | None,
    signature: int | None,
    creep: str | None,
    test_sheet: bool,
    config: Path | None,
) -> None:
    """Build the booklet PDF (pages in reading order)."""
    from makedocs.booklet.render import booklet_options
    from makedocs.build import booklet_job, booklet_print_job

    settings = _settings(config)
    options, imposition = booklet_options(
        settings.booklet,
        page_size=page_size,
        recto=False if no_recto else None,
        bleed=bleed,
        crop_marks=crop_marks,
        cmyk=cmyk,
        duplex=duplex,
        signature=signature,
        creep=creep,
        where=settings.path,
    )
    if test_sheet:
        from makedocs.build import write_test_sheet_file

        sheet = write_test_sheet_file(output.parent / "test-sheet.pdf", options.page_size, settings)
        click.echo(sheet.line())
        return
    kept: list[bytes] = []
    extra = [(print_file, booklet_print_job(options, imposition, kept))] if print_file else []
    _single(sources, output, settings, booklet_job(options, kept), extra)


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
@config_option
@reports_errors
def deck(
    sources: tuple[Path, ...],
    output: Path,
    aspect: str | None,
    template: Path | None,
    check_template: Path | None,
    notes_pdf: Path | None,
    config: Path | None,
) -> None:
    """Build the slide deck (PPTX)."""
    from makedocs.build import deck_job, speaker_notes_job
    from makedocs.deck.render import deck_options

    settings = _settings(config)
    options = deck_options(
        settings.deck, aspect=aspect, template=template or check_template, where=settings.path
    )
    if check_template is not None:
        from makedocs.deck.template import check_report, open_template

        warned = Warned()
        found = open_template(options.template, options.aspect, options.layouts, warned)
        click.echo(check_report(found))
        _report(warned)
        return
    extra = []
    if notes_pdf:
        from makedocs.booklet.render import booklet_options

        page_size = booklet_options(settings.booklet, where=settings.path)[0].page_size
        extra = [(notes_pdf, speaker_notes_job(options, page_size))]
    _single(sources, output, settings, deck_job(options), extra)


def _single(
    sources: Sequence[Path], output: Path, settings: Any, job: Any, extra: Sequence[Any] = ()
) -> None:
    from makedocs.build import load_collection, new_context, write_outputs

    warned = Warned()
    paths = list(sources or DEFAULT_SOURCES)
    collection = load_collection(paths, settings, warned)
    ctx = new_context(settings, warned)
    written = write_outputs([(output, job), *extra], collection, ctx, paths)
    _report(warned)
    for item in written:
        click.echo(item.line())


@main.command()
@sources_argument
@click.option("--json", "as_json", is_flag=True, help="Print the model as JSON (with a version).")
@config_option
@reports_errors
def inspect(sources: tuple[Path, ...], as_json: bool, config: Path | None) -> None:
    """Show the content model parsed from SOURCES."""
    from makedocs.build import load_collection
    from makedocs.jsonform import to_json, to_tree

    warned = Warned()
    collection = load_collection(list(sources or DEFAULT_SOURCES), _settings(config), warned)
    _report(warned)
    click.echo(to_json(collection) if as_json else to_tree(collection))


@main.command()
@sources_argument
@config_option
@reports_errors
def check(sources: tuple[Path, ...], config: Path | None) -> None:
    """Lint SOURCES before printing: alt text, image resolution, fonts, redacted names, titles.

    Prints ``path:line: level: message`` per finding; exits 1 if any is an error.
    """
    from makedocs.check import check_sources, report

    findings = check_sources(list(sources or DEFAULT_SOURCES), _settings(config))
    for finding in findings:
        click.echo(finding.text())
    errors, warnings = report(findings)
    click.echo(f"makedocs: {errors} error(s), {warnings} warning(s)", err=True)
    if errors:
        sys.exit(1)
