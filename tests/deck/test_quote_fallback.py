"""A template without a Quote layout: the fallback is chosen by what a layout does to text, the
quote is never set in capitals, its attribution comes after it, and a pull quote that fits on
one slide is never split."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Emu

from makedocs.cli import main
from makedocs.deck.fit import Para
from makedocs.deck.paginate import box_of
from makedocs.deck.style import deck_style
from makedocs.deck.template import open_template
from makedocs.errors import Warned
from makedocs.model import Collection, Metadata, Paragraph, PullQuote, Source, Story, Text
from makedocs.theme import load_theme
from tests.conftest import FIXTURES, SEEDS
from tests.deck.conftest import render
from tests.deck.measure import measure
from tests.deck.test_libreoffice import SOFFICE, to_pdf
from tests.deck.test_org_template import config
from tests.deck.test_render import fitted

S = Source("s.md", 1)
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
# PowerPoint 2007's Section Header: the title set in capitals, low on the slide, and its text
# placeholder above it.
TITLE_2007 = (Emu(722313), Emu(4406900), Emu(10747375), Emu(1362075))
BODY_2007 = (Emu(722313), Emu(2906713), Emu(10747375), Emu(1500187))
# a pull quote (as the text format recognises them: one quotation, under 300 characters)
PULL = (
    "“We waited three days by the river, and every night we heard the guards change, and "
    "every night my mother said the same thing to us: not tonight, not yet, soon.”"
)


def office_2007(tmp_path: Path, caps_everywhere: bool = False, only_chapter: bool = False) -> Path:
    """The renamed-layouts fixture (no layout named Quote) with a 2007-style "Chapter"."""
    prs = Presentation(str(FIXTURES / "renamed-layouts.pptx"))
    chapter = next(lay for lay in prs.slide_layouts if lay.name == "Chapter")
    title = next(ph for ph in chapter.placeholders if ph.placeholder_format.idx == 0)
    body = next(ph for ph in chapter.placeholders if ph.placeholder_format.idx == 1)
    title.left, title.top, title.width, title.height = TITLE_2007
    body.left, body.top, body.width, body.height = BODY_2007
    title.element.find(f".//{A}lstStyle/{A}lvl1pPr/{A}defRPr").set("cap", "all")
    if caps_everywhere:  # every title inherits capitals from the master
        prs.slide_master.element.find(f".//{{*}}titleStyle/{A}lvl1pPr/{A}defRPr").set("cap", "all")
    if only_chapter:
        for name in ("Text", "Heading Only"):
            prs.slide_layouts.remove(next(lay for lay in prs.slide_layouts if lay.name == name))
    path = tmp_path / "org-2007.pptx"
    prs.save(str(path))
    return path


def quote_slides(path: Path) -> list:
    """Slides set as quotations (italic, on whatever layout the quote role uses)."""
    prs = Presentation(str(path))
    return [
        s
        for s in prs.slides
        if {r.get("i") for r in s.shapes.title.element.iter(f"{A}rPr")} == {"1"}
    ]


def seed_deck_in(tmp_path: Path, template: Path) -> tuple[Path, str]:
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(
        main,
        ["deck", str(SEEDS), "-o", str(out), "--config", str(config(tmp_path)),
         "--template", str(template)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out, result.output


def attribution_follows(slide) -> bool:  # type: ignore[no-untyped-def]
    """The attribution's box starts below the quote's and comes after it in reading order."""
    shapes = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
    quote = slide.shapes.title
    credit = next(s for s in shapes if s.text_frame.text.startswith("— "))
    return credit.top >= quote.top + quote.height and shapes.index(credit) > shapes.index(quote)


def test_a_layout_that_sets_capitals_and_puts_its_text_above_is_not_chosen(
    tmp_path: Path,
) -> None:
    template = office_2007(tmp_path)
    result = CliRunner().invoke(
        main, ["deck", "--check-template", str(template), "--config", str(config(tmp_path))]
    )
    quote = next(line for line in result.output.splitlines() if line.startswith("Quote"))
    assert "-> 'Text'" in quote and "no capitals" in quote
    out, output = seed_deck_in(tmp_path, template)
    assert "using 'Text' instead" in output
    slides = quote_slides(out)
    assert len(slides) == 3  # the epigraph and two pull quotes: none split
    assert {s.slide_layout.name for s in slides} == {"Text"}
    assert attribution_follows(slides[0])
    assert fitted(out) == []


def test_capitals_a_layout_inherits_are_turned_off_on_quotes(tmp_path: Path) -> None:
    template = office_2007(tmp_path, caps_everywhere=True)
    out, _ = seed_deck_in(tmp_path, template)
    slides = quote_slides(out)
    assert len(slides) == 3
    for slide in slides:
        runs = list(slide.shapes.title.element.iter(f"{A}rPr"))
        assert runs and {r.get("cap") for r in runs} == {"none"}
    if SOFFICE is not None:  # and LibreOffice sets the words as written
        from pypdf import PdfReader

        pdf = to_pdf(out, tmp_path)
        text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
        assert "If I saw her today" in " ".join(text.split())


def test_the_attribution_moves_below_the_quote_when_the_layout_puts_it_above(
    tmp_path: Path,
) -> None:
    template = office_2007(tmp_path, only_chapter=True)
    collection = Collection(
        Metadata(title="Quotes", organisation="O"),
        (
            Story(
                "By the River",
                (
                    Paragraph((Text("We went to the river at night."),), S),
                    PullQuote((Text(PULL),), S, attribution="Jiyeon, who crossed in 2015"),
                ),
                S,
            ),
        ),
    )
    out, warnings = render(collection, tmp_path / "d.pptx", template=template)
    assert any("using 'Chapter'" in w for w in warnings)
    slides = quote_slides(out)
    assert len(slides) == 1  # too long for the layout's one-line title box, yet not split
    (slide,) = slides
    assert " ".join(slide.shapes.title.text_frame.text.split()) == " ".join(PULL.split())
    assert attribution_follows(slide)
    prs = Presentation(str(out))
    for shape in slide.shapes:
        assert shape.top + shape.height <= prs.slide_height
    assert fitted(out) == []
    runs = list(slide.shapes.title.element.iter(f"{A}rPr"))
    assert {r.get("cap") for r in runs} == {"none"}


@pytest.mark.parametrize("words", [48, 400])
def test_only_a_quote_too_long_for_a_whole_slide_is_split(tmp_path: Path, words: int) -> None:
    """48 words overflow the Quote layout's box at the floor size, yet fit on the slide."""
    long = "“" + " ".join(f"word{n}" for n in range(words)) + ".”"
    collection = Collection(
        Metadata(title="Quotes", organisation="O"),
        (Story("Long", (PullQuote((Text(long),), S, attribution="Someone"),), S),),
    )
    out, _ = render(collection, tmp_path / "d.pptx")
    slides = quote_slides(out)
    assert (len(slides) == 1) == (words == 48)
    style = deck_style(load_theme("default"))
    layout_box = open_template(None, "16:9", None, Warned(), load_theme("default")).slots["quote"]
    para = Para(long, "italic", line_spacing=style.quote.line_spacing)
    assert not measure().fits([para], style.quote.min, box_of(layout_box["title"].rect))
    shown = " ".join(s.shapes.title.text_frame.text for s in slides)
    assert all(f"word{n}" in shown for n in range(words))
    assert fitted(out) == []


def test_the_attribution_never_outsizes_its_quote_in_a_content_layout(tmp_path: Path) -> None:
    """python-pptx's stock template has no Quote layout: the quote shrinks into the title box
    of Title and Content, whose body placeholder is 32 pt; the credit line under it is still
    set smaller than the quote, in the theme's proportion (not above the body floor)."""
    stock = tmp_path / "stock.pptx"
    Presentation().save(str(stock))
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(
        main, ["deck", str(SEEDS), "--template", str(stock), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    checked = 0
    for slide in Presentation(str(out)).slides:
        texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        quote = [s for s in texts if s.text_frame.text.startswith("\u201c")]
        credit = [s for s in texts if s.text_frame.text.startswith("\u2014 ")]
        if not (quote and credit):
            continue
        quote_size = {r.font.size.pt for p in quote[0].text_frame.paragraphs for r in p.runs}
        credit_size = {r.font.size.pt for p in credit[0].text_frame.paragraphs for r in p.runs}
        assert max(credit_size) < min(quote_size), (quote_size, credit_size)
        checked += 1
    assert checked
