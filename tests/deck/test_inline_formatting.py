"""Bold, italic and links reach the slides: runs with b/i, clickable links to http(s) and
mailto only, measured in their own faces and kept across continuation slides."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from makedocs.deck.fit import Para
from makedocs.deck.rich import Mark, from_inlines
from makedocs.model import (
    Collection,
    Emphasis,
    Heading,
    Link,
    ListBlock,
    Metadata,
    Paragraph,
    PullQuote,
    Source,
    Story,
    Strong,
    Text,
)
from tests.deck.conftest import render
from tests.deck.measure import measure
from tests.deck.test_render import fitted

S = Source("s.md", 1)
META = Metadata(
    title="Formatting", organisation="O", url="https://example.org", call_to_action="Act."
)
LONG = "a long list item that has to wrap and wrap again over many lines of the slide " * 16


def story() -> Story:
    return Story(
        "Formatting",
        (
            Paragraph(
                (
                    Text("We met a "),
                    Strong((Text("broker"),)),
                    Text(" who spoke "),
                    Emphasis((Text("quietly"),)),
                    Text(" — read "),
                    Link((Text("our report"),), "https://example.org/report"),
                    Text(", not "),
                    Link((Text("this script"),), "javascript:alert(1)"),
                    Text("."),
                ),
                S,
            ),
            Heading(2, (Text("Who "), Emphasis((Text("helped"),))), S),
            ListBlock(
                False,
                (
                    (Strong((Text(LONG),)),),
                    (Link((Text("write to us"),), "mailto:help@example.org"),),
                    (Link((Text("a file"),), "file:///etc/passwd"),),
                ),
                S,
            ),
            PullQuote((Text("“We "), Emphasis((Text("never"),)), Text(" looked back.”")), S),
        ),
        S,
    )


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rich") / "deck.pptx"
    return render(Collection(META, (story(),)), out)[0]


def runs(prs: Presentation) -> list[tuple[int, str, bool, bool, str | None]]:
    """(slide, text, bold, italic, link address) of every run of every slide."""
    found = []
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for para in shape.text_frame.paragraphs:
                for run in para.runs:
                    found.append(
                        (
                            number,
                            run.text,
                            bool(run.font.bold),
                            bool(run.font.italic),
                            run.hyperlink.address,
                        )
                    )
    return found


def test_bold_italic_and_links_reach_the_slides(deck: Path) -> None:
    found = runs(Presentation(str(deck)))
    by_text = {text: (bold, italic, link) for _, text, bold, italic, link in found}
    assert by_text["broker"] == (True, False, None)
    assert by_text["quietly"] == (False, True, None)
    assert by_text["our report"] == (False, False, "https://example.org/report")
    assert by_text["write to us"] == (False, False, "mailto:help@example.org")
    assert by_text["We met a "] == (False, False, None)
    # a title keeps its formatting too (its own weight is bold), so does a quote (italic)
    assert by_text["helped"][:2] == (True, True)
    assert by_text["never"][:2] == (False, True) and by_text["“We "][:2] == (False, True)


def test_only_web_and_mail_links_are_clickable(deck: Path) -> None:
    found = runs(Presentation(str(deck)))
    links = {link for *_, link in found if link}
    assert links == {
        "https://example.org/report",
        "mailto:help@example.org",
        "https://example.org",  # the closing slide's address under its QR code
    }
    shown = " ".join(text for _, text, *_ in found)
    assert "this script" in shown and "a file" in shown  # shown, just not clickable


def test_links_are_underlined_and_keep_their_texts_colour(deck: Path) -> None:
    prs = Presentation(str(deck))
    for slide in prs.slides:
        for click in slide.element.iter("{*}hlinkClick"):
            rpr = click.getparent()
            assert rpr.get("u") == "sng"
            colour = click.find("{*}extLst/{*}ext/{*}hlinkClr")
            assert colour is not None and colour.get("val") == "tx"


def test_formatting_survives_continuation_slides(deck: Path) -> None:
    prs = Presentation(str(deck))
    found = runs(prs)
    pieces = [(n, text) for n, text, bold, _, _ in found if bold and "list item" in text]
    assert len({n for n, _ in pieces}) >= 2  # the long bold item was cut across slides
    joined = " ".join(text.strip("…\u00a0 ") for _, text in pieces)
    assert " ".join(joined.split()) == " ".join(LONG.split())
    assert fitted(deck) == []  # re-measured run by run, in each run's face


def test_bold_is_measured_wider_than_regular() -> None:
    m = measure()
    text = "Bold words are wider than regular ones " * 8
    bold = (Mark(0, len(text), bold=True),)
    counts = {
        w: (len(m.lines(text, "regular", 28, w)), len(m.lines(text, "regular", 28, w, bold)))
        for w in range(300, 700, 20)
    }
    assert all(b >= r for r, b in counts.values())
    wider = [w for w, (r, b) in counts.items() if b > r]
    assert wider
    half = (Mark(0, len(text) // 2, bold=True),)  # a paragraph half bold lies in between
    heights = [m.height([Para(text, marks=marks)], 28, wider[0]) for marks in ((), half, bold)]
    assert heights == sorted(heights) and heights[0] < heights[2]


def test_inlines_become_marks_over_the_plain_text() -> None:
    text, marks = from_inlines(
        (
            Text("a "),
            Strong((Text("b "), Emphasis((Text("c"),)))),
            Link((Text("d"),), "https://x.org"),
            Link((Text("e"),), "javascript:x()"),
        )
    )
    assert text == "a b cde"
    assert marks == (
        Mark(2, 4, bold=True),
        Mark(4, 5, bold=True, italic=True),
        Mark(5, 6, url="https://x.org"),
    )
