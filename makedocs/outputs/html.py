"""booklet.html: the accessible edition as one self-contained web page, for phones and e-mail."""

from __future__ import annotations

from typing import BinaryIO

from makedocs.outputs import Job, Output
from makedocs.outputs.epub import page_map


def _write(job: Job, product: None, out: BinaryIO) -> str:
    from makedocs.edition import render_html

    return render_html(job.collection, job.ctx, out, page_map(job))


OUTPUT = Output(
    name="html",
    filename="booklet.html",
    summary="the booklet as one web page: no scripts, no requests, pictures inside",
    make=lambda job: None,
    write=_write,
    theme_table="edition",
    needs=("booklet",),
    preview="none",
)
