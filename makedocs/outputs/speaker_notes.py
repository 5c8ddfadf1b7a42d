"""speaker-notes.pdf: the deck's script, printable: slide, title, notes and speaking time."""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO

from makedocs.outputs import Job, Output, count

if TYPE_CHECKING:
    from makedocs.theme import Theme


def _write(job: Job, product: None, out: BinaryIO) -> str:
    from makedocs.deck.speaker_notes_pdf import write_script

    pages = write_script(job.products["deck"], job.collection, job.ctx, out, job.page_size)
    return count(pages, "page")


def _fonts(theme: Theme) -> tuple[str, ...]:
    from makedocs.deck.speaker_notes_pdf import font_families

    return font_families(theme)


OUTPUT = Output(
    name="speaker-notes",
    filename="speaker-notes.pdf",
    summary="the speaker's script for the deck, printable",
    make=lambda job: None,
    write=_write,
    theme_table="notes",
    fonts=_fonts,
    needs=("deck",),
)
