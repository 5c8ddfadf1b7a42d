"""dist/speaker-notes.pdf: the speaker's script, printable — slide number, title, notes, timing.

Set with ReportLab in the bundled fonts (embedded, subset; Hangul runs fall back to Nanum Gothic
through the FontBook), so it prints the same everywhere; no Helvetica anywhere in the file.
"""

from __future__ import annotations

from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from makedocs.context import BuildContext
from makedocs.deck.notes import notes_paragraphs, speaking_seconds, timing_line
from makedocs.deck.render import Built, DeckOptions, build_plan
from makedocs.fonts import font_name
from makedocs.model import Collection

FAMILY = "sans"


def render_speaker_notes(
    collection: Collection, ctx: BuildContext, out: BinaryIO, options: DeckOptions
) -> int:
    """Write the script for the deck ``options`` describes; return its page count."""
    from dataclasses import replace

    from makedocs.errors import Warned

    # The deck job reports the template's warnings; do not repeat them.
    built = build_plan(collection, replace(ctx, warned=Warned()), options)
    return write_script(built, collection, ctx, out)


def write_script(built: Built, collection: Collection, ctx: BuildContext, out: BinaryIO) -> int:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    fonts = ctx.fonts
    regular = font_name(fonts.family(FAMILY).file("regular"))
    bold = font_name(fonts.family(FAMILY).file("bold"))
    for family in {FAMILY, *fonts.family(FAMILY).fallback}:
        for style in ("regular", "bold"):
            fonts.font(fonts.family(family).file(style))
    ink = HexColor(ctx.theme.colours.get("ink", "#1f1d1a"))
    muted = HexColor(ctx.theme.colours.get("muted", "#5f5a52"))
    body = ParagraphStyle(
        "notes", fontName=regular, fontSize=11, leading=15.5, textColor=ink, spaceAfter=6
    )
    head = ParagraphStyle(
        "head", fontName=bold, fontSize=13, leading=17, textColor=ink, spaceBefore=14, spaceAfter=4
    )
    small = ParagraphStyle(
        "timing", fontName=regular, fontSize=9.5, leading=13, textColor=muted, spaceAfter=4
    )
    part = ParagraphStyle(
        "part", fontName=bold, fontSize=15, leading=19, textColor=ink, spaceBefore=22, spaceAfter=2
    )
    cover = ParagraphStyle(
        "cover", fontName=bold, fontSize=20, leading=25, textColor=ink, spaceAfter=6
    )
    pagesize = A4 if collection.meta.language not in ("en", "en-US") else LETTER

    def markup(text: str, style: str = "regular") -> str:
        """Per-run font tags so Hangul and symbols use the fallback fonts."""
        parts = []
        for run in fonts.runs(text, FAMILY, style):
            chunk = escape(run.text).replace("\n", "<br/>")
            parts.append(f'<font name="{font_name(run.font)}">{chunk}</font>')
        return "".join(parts)

    story: list[Any] = []
    total = sum(
        speaking_seconds(" ".join(notes_paragraphs(s)), built.style.words_per_minute)
        for s in built.slides
    )
    meta = collection.meta
    story.append(Paragraph(markup(f"{meta.title} — speaker notes", "bold"), cover))
    story.append(
        Paragraph(
            markup(
                f"{len(built.slides)} slides. Total estimated speaking time: "
                f"{total // 60} min {total % 60} s (at {built.style.words_per_minute:g} words"
                " a minute)."
            ),
            small,
        )
    )
    section = -1
    for number, slide in enumerate(built.slides, start=1):
        paragraphs = notes_paragraphs(slide)
        seconds = speaking_seconds(" ".join(paragraphs), built.style.words_per_minute)
        block = []
        if slide.section != section:  # each story (a section of the deck) gets a heading
            section = slide.section
            total_s = _section_seconds(built, section)
            about = "under 1 min" if total_s < 60 else f"about {round(total_s / 60)} min"
            name = built.sections[section]
            block.append(Paragraph(markup(f"{name} ({about})", "bold"), part))
        block += [
            Paragraph(markup(f"{number}. {' '.join(slide.title.split())}", "bold"), head),
            Paragraph(markup(timing_line(seconds)), small),
        ]
        story.append(KeepTogether(block + [Paragraph(markup(p), body) for p in paragraphs[:1]]))
        story.extend(Paragraph(markup(p), body) for p in paragraphs[1:])
    story.append(Spacer(1, 6))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 9)
        canvas.setFillColor(muted)
        canvas.drawRightString(pagesize[0] - 18 * mm, 12 * mm, f"{doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=22 * mm,
        title=f"{meta.title} — speaker notes",
        author=meta.organisation or "",
        subject=meta.subtitle or "",
        creator="makedocs",
        producer="makedocs",
        lang=meta.language,
        invariant=1,
        initialFontName=regular,  # else every page references an unembedded Helvetica
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return int(doc.page)


def _section_seconds(built: Built, section: int) -> int:
    return sum(
        speaking_seconds(" ".join(notes_paragraphs(s)), built.style.words_per_minute)
        for s in built.slides
        if s.section == section
    )
