"""booklet.epub: the accessible edition, an EPUB 3 for screen readers and e-readers.

It needs the booklet: its page list and page-break markers carry the printed booklet's folios,
so "page 7" means the same page in both editions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, BinaryIO

from makedocs.outputs import Job, Output

if TYPE_CHECKING:
    from makedocs.model import Collection
    from makedocs.theme import Theme


def page_map(job: Job) -> Any:
    """The booklet's map of where each printed page begins (None if it gives none)."""
    return getattr(job.products["booklet"].result, "page_map", None)


def _write(job: Job, product: None, out: BinaryIO) -> str:
    from makedocs.edition import render_epub

    return render_epub(job.collection, job.ctx, out, page_map(job))


def findings(collection: Collection, theme: Theme) -> list[Any]:
    """Where the accessible edition would be weaker than the print (for ``makedocs check``)."""
    from makedocs.edition import edition_findings

    return edition_findings(collection, theme)


OUTPUT = Output(
    name="epub",
    filename="booklet.epub",
    summary="the accessible edition: EPUB 3 with page numbers of the printed booklet",
    make=lambda job: None,
    write=_write,
    theme_table="edition",
    needs=("booklet",),
    preview="none",
    findings=findings,
)
