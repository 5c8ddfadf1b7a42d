"""test-sheet.pdf: one sheet to print once, to see which way the printer turns paper."""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO

from makedocs.outputs import Job, Output

if TYPE_CHECKING:
    from makedocs.theme import Theme


def _write(job: Job, product: None, out: BinaryIO) -> str:
    from makedocs.booklet.impose import write_test_sheet

    write_test_sheet(out, job.page_size, job.ctx.fonts)
    return "1 sheet, 2 sides"


def _fonts(theme: Theme) -> tuple[str, ...]:
    from makedocs.typesetting.values import Table

    return (Table(theme, "test_sheet").family("font"),)


OUTPUT = Output(
    name="test-sheet",
    filename="test-sheet.pdf",
    summary="a duplex test sheet: shows how your printer flips paper",
    make=lambda job: None,
    write=_write,
    theme_table="test_sheet",
    fonts=_fonts,
    in_build=False,
    needs_content=False,
)
