"""test-sheet.pdf: one sheet to print once, to see which way the printer turns paper."""

from __future__ import annotations

from typing import BinaryIO

from makedocs.outputs import Job, Output


def _write(job: Job, product: None, out: BinaryIO) -> str:
    from makedocs.booklet.impose import write_test_sheet

    write_test_sheet(out, job.page_size)  # type: ignore[arg-type]
    return "1 sheet, 2 sides"


OUTPUT = Output(
    name="test-sheet",
    filename="test-sheet.pdf",
    summary="a duplex test sheet: shows how your printer flips paper",
    make=lambda job: None,
    write=_write,
    in_build=False,
    needs_content=False,
)
