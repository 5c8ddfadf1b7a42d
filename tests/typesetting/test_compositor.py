"""The shared ReportLab text pipeline: run markup, shortening, wrapping and fitting."""

from __future__ import annotations

import pytest

from makedocs.fonts import FontBook
from makedocs.model import Emphasis, Link, Strong, Text
from makedocs.theme import load_theme
from makedocs.typesetting import wrapping
from makedocs.typesetting.compositor import Compositor
from makedocs.typesetting.styles import TextStyle, palette


@pytest.fixture(scope="module")
def compositor() -> Compositor:
    theme = load_theme("default")
    return Compositor(FontBook(theme), palette(theme))


def test_runs_name_the_font_that_has_their_glyphs_and_are_escaped(compositor: Compositor) -> None:
    markup = compositor.markup("Kim <Ji-ho> 김지호\nhome", "serif")
    assert markup == (
        '<font name="NotoSerif-Regular">Kim &lt;Ji-ho&gt; </font>'
        '<font name="NanumMyeongjo">김지호</font>'
        '<font name="NotoSerif-Regular"><br/>home</font>'
    )


def test_inlines_change_the_face_and_keep_links(compositor: Compositor) -> None:
    content = (
        Text("a "),
        Emphasis((Text("b "), Strong((Text("c"),)))),
        Link((Text("d"),), 'https://x.org/?q="1"'),
    )
    assert compositor.inlines(content, "serif") == (
        '<font name="NotoSerif-Regular">a </font>'
        '<font name="NotoSerif-Italic">b </font>'
        '<font name="NotoSerif-BoldItalic">c</font>'
        '<a href="https://x.org/?q=&quot;1&quot;"><font name="NotoSerif-Regular">d</font></a>'
    )


def test_shortening_keeps_a_title_before_its_colon_else_whole_words_and_an_ellipsis() -> None:
    def fits(text: str) -> bool:
        return len(text) <= 12

    assert wrapping.shorten("Short title", fits) == "Short title"
    assert wrapping.shorten("Humans: YuSung and his family", fits) == "Humans"
    assert wrapping.shorten("Strawberries in the snow", fits) == "Strawberries"
    assert wrapping.shorten("One two, three four", fits) == "One two…"
    assert wrapping.shorten("Unbreakableword", fits) == "Unbreakableword"


def test_greedy_wrap_fills_each_line(compositor: Compositor) -> None:
    assert wrapping.wrap("a bb ccc dd e", lambda line: len(line) <= 6) == ["a bb", "ccc dd", "e"]
    label = TextStyle("sans", "regular", 8, 12, "ink", tracking=1, capitals=True)
    lines = compositor.wrap_line("one two three four five six", label, 60)
    assert len(lines) > 1 and all(line.isupper() for line in lines)
    assert all(compositor.line_width(line, label) <= 60 for line in lines if " " in line)


def test_fitting_steps_down_to_the_smallest_size_and_no_further(compositor: Compositor) -> None:
    style = compositor.paragraph_style("t", TextStyle("serif", "regular", 30, 33, "ink"))
    markup = compositor.markup("Freedom " * 6, "serif")
    roomy = compositor.fit(markup, style, 400, 500, 12)
    assert roomy.fontSize == 30
    tight = compositor.fit(markup, style, 400, 60, 12)
    assert 12 < tight.fontSize < 30 and tight.leading == pytest.approx(tight.fontSize * 1.1)
    assert compositor.measure(markup, tight, 400) <= 60
    assert compositor.fit(markup, style, 400, 5, 12).fontSize == 12
