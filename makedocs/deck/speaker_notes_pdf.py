"""dist/speaker-notes.pdf: the speaker's script, printable — slide number, title, notes, timing.

Set through the shared text pipeline (makedocs.typesetting) in the theme's ``[notes]`` family,
embedded and subset (Hangul runs fall back to the Korean face), so it prints the same
everywhere; no Helvetica anywhere in the file. The page is Letter or A4 as ``page_size`` says,
and every size, margin and colour comes from the theme's ``[notes]`` tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from makedocs.context import BuildContext
from makedocs.deck.notes import notes_paragraphs, speaking_seconds, timing_line
from makedocs.deck.render import Built
from makedocs.model import Collection
from makedocs.theme import Theme
from makedocs.typesetting.compositor import Compositor, document_info
from makedocs.typesetting.styles import palette, text_style
from makedocs.typesetting.values import Table

_ELEMENTS = ("title", "section", "slide", "timing", "body")


def write_script(
    built: Built, collection: Collection, ctx: BuildContext, out: BinaryIO, page_size: str
) -> int:
    """Write the script of the planned deck ``built``; return its page count."""
    from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate

    from makedocs.adapters.reportlab import Flow, ReaderCanvas

    theme = ctx.theme
    notes = Table(theme, "notes")
    if page_size not in notes.data:
        raise theme.error(f"[notes.{page_size}] page size is missing", "notes")
    family = notes.family("font")
    c = Compositor(ctx.fonts, palette(theme))
    line = notes.table("body").length("leading", positive=True)
    elements = {name: text_style(notes.table(name), family, line=line) for name in _ELEMENTS}
    styles = {name: c.paragraph_style(name, ts) for name, ts in elements.items()}
    size, margins = notes.table(page_size), notes.table("margins")
    pagesize = (size.length("width", positive=True), size.length("height", positive=True))
    folio_table = notes.table("folio")
    folio = text_style(folio_table, family, line=line)
    folio_right = folio_table.length("right")
    folio_baseline = folio_table.length("baseline")

    def para(text: str, element: str) -> Any:
        ts = elements[element]
        return c.paragraph(c.markup(text, ts.family, ts.style), styles[element])

    code_family = notes.family("code_font")

    code_style = c.paragraph_style("code", elements["body"], alignment=0)

    def code(text: str) -> Any:
        """A code slide's text as written: the monospaced family, every space and line kept
        (a preformatted paragraph: ReportLab neither joins its spaces nor reflows its lines)."""
        from reportlab.platypus import XPreformatted

        lines = [c.markup(line, code_family, "regular") for line in text.expandtabs(4).split("\n")]
        return XPreformatted("\n".join(lines), code_style)

    wpm = built.style.words_per_minute
    story: list[Any] = []
    notes_of = [notes_paragraphs(s) for s in built.slides]
    seconds_of = [speaking_seconds(" ".join(paragraphs), wpm) for paragraphs in notes_of]
    by_section: dict[int, int] = {}
    for slide, seconds in zip(built.slides, seconds_of, strict=True):
        by_section[slide.section] = by_section.get(slide.section, 0) + seconds
    total = sum(seconds_of)
    meta = collection.meta
    title = f"{meta.title} — speaker notes"
    story.append(para(title, "title"))
    story.append(
        para(
            f"{len(built.slides)} slides. Total estimated speaking time: "
            f"{total // 60} min {total % 60} s (at {wpm:g} words a minute).",
            "timing",
        )
    )

    def chunks() -> Iterator[list[Any]]:
        """Each slide's flowables, made only as the layout reaches the slide before it, so a
        script of thousands of slides never holds all its paragraphs at once."""
        section = -1
        for number, (slide, paragraphs, seconds) in enumerate(
            zip(built.slides, notes_of, seconds_of, strict=True), start=1
        ):
            block = []
            if slide.section != section:  # each story (a section of the deck) gets a heading
                section = slide.section
                total_s = by_section[section]
                about = "under 1 min" if total_s < 60 else f"about {round(total_s / 60)} min"
                block.append(para(f"{built.sections[section]} ({about})", "section"))
            block += [
                para(f"{number}. {' '.join(slide.title.split())}", "slide"),
                para(timing_line(seconds), "timing"),
            ]
            setter = code if slide.code is not None else (lambda p: para(p, "body"))
            yield [
                KeepTogether(block + [setter(p) for p in paragraphs[:1]]),
                *(setter(p) for p in paragraphs[1:]),
            ]

    def footer(canvas: Any, doc: Any) -> None:
        x, y = pagesize[0] - folio_right, folio_baseline
        c.draw_line(canvas, x, y, str(doc.page), folio, align="right")

    body = elements["body"]
    left, right = margins.length("left"), margins.length("right")
    top, bottom = margins.length("top"), margins.length("bottom")
    frame = Frame(
        left,
        bottom,
        pagesize[0] - left - right,
        pagesize[1] - top - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc = BaseDocTemplate(
        out,
        pagesize=pagesize,
        pageTemplates=[PageTemplate("notes", [frame], onPage=footer, pagesize=pagesize)],
        **document_info(meta, title=title, font=c.font(body.family, body.style)),
    )
    doc.build(Flow(story, chunks()), canvasmaker=ReaderCanvas)
    return int(doc.page)


def font_families(theme: Theme) -> tuple[str, ...]:
    """The families the script is set in (their fallbacks come with them)."""
    notes = Table(theme, "notes")
    return (notes.family("font"), notes.family("code_font"))
