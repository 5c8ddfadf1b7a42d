"""The accessible edition: an EPUB 3 and a self-contained web page from the same model.

Entry points for the output registry (lxml is imported only when one of them runs):

- :func:`render_epub` -> ``booklet.epub``; :func:`render_html` -> ``booklet.html``. Both take
  the booklet's optional :class:`makedocs.pagemap.PageMap` for page-break markers.
- :func:`edition_findings` for ``makedocs check``.

Modules: ``xhtml`` (model -> semantic elements), ``epub`` (package and zip), ``html`` (one page),
``css`` (stylesheet from the theme), ``style`` (the theme's ``[edition]`` table, contrast),
``lang`` (Hangul and Latin runs), ``marks`` (PageMap -> marker positions), ``a11y`` (checks,
refusals, accessibility metadata).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from makedocs.context import BuildContext
    from makedocs.edition.a11y import Finding
    from makedocs.model import Collection
    from makedocs.pagemap import PageMap
    from makedocs.theme import Theme


def render_epub(
    collection: Collection, ctx: BuildContext, out: BinaryIO, pages: PageMap | None = None
) -> str:
    """EPUB 3 to ``out``; returns the detail for the build report ("2 stories, 9 page markers")."""
    from makedocs.edition.epub import render_epub as render

    return render(collection, ctx, out, pages)


def render_html(
    collection: Collection, ctx: BuildContext, out: BinaryIO, pages: PageMap | None = None
) -> str:
    """The whole collection as one self-contained HTML file to ``out``; returns the detail."""
    from makedocs.edition.html import render_html as render

    return render(collection, ctx, out, pages)


def edition_findings(collection: Collection, theme: Theme | None = None) -> list[Finding]:
    """Where the accessible edition would be weaker, for ``makedocs check``: findings with the
    fields of ``makedocs.check.Finding`` (``Finding(*finding)`` converts). With ``theme``, its
    ``[edition]`` table is checked too (sizes, contrast)."""
    from makedocs.edition.a11y import edition_findings as findings

    return findings(collection, theme)


__all__ = ["edition_findings", "render_epub", "render_html"]
