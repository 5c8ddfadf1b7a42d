"""speaker-notes.pdf: the deck's script, printable: slide, title, notes and speaking time."""

from __future__ import annotations

from typing import BinaryIO

from makedocs.outputs import Job, Output, count


def _write(job: Job, product: None, out: BinaryIO) -> str:
    from makedocs.deck.speaker_notes_pdf import write_script

    pages = write_script(job.products["deck"], job.collection, job.ctx, out)
    return count(pages, "page")


OUTPUT = Output(
    name="speaker-notes",
    filename="speaker-notes.pdf",
    summary="the speaker's script for the deck, printable",
    make=lambda job: None,
    write=_write,
    theme_table="notes",
    fonts=lambda theme: ("sans",),
    needs=("deck",),
)
