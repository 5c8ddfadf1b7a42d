"""The shared flowables: a justified paragraph whose loose lines were settled splits across
pages exactly where it was measured."""

from __future__ import annotations

import pytest

from makedocs.adapters.reportlab import line_words
from makedocs.booklet.style import load_style
from makedocs.booklet.typeset import Typesetter
from makedocs.context import BuildContext
from makedocs.model import Link, Text
from makedocs.theme import load_theme

# A paragraph of the benchmark's collection (story 442 of 1,000) whose loose lines are
# settled by trials that are not all taken: a trial not taken once left the paragraph's list
# of words out of step with its lines, so the first part of a split held other words than
# the lines measured, took a line more than the page had room for, and the build failed.
WORDS = (
    "The film is both a simple record of events as they unfold and a suspenseful piece of "
    "cinema, weaved together with commentary from leading experts on the Korean Peninsula "
    "(including LiNK’s South Korea Country Director, Sokeel Park). LiNK is proud to be an "
    "impact partner and fiscal sponsor for the film. Gripping, visceral, and urgent, Beyond "
    "Utopia embeds the viewer into the lives of several people as they navigate the path to "
    "freedom — a mother desperate to reunite with her son, a family of five as they attempt "
    "their perilous escape, and a South Korean pastor who’s devoted his life to helping North "
    "Korean refugees. On one hand, the highly sensitive nature of the work makes protecting "
    "our routes and the identities of those involved the top priority. But the planting "
    "season ended and I stopped going to school soon after that because there were rumors my "
)


@pytest.fixture(scope="module")
def typesetter() -> Typesetter:
    theme = load_theme("default")
    return Typesetter(BuildContext.create(theme), load_style(theme, "letter"), "en")


def test_a_settled_paragraph_splits_into_the_lines_it_was_measured_with(
    typesetter: Typesetter,
) -> None:
    width = typesetter.style.geometry.text_width
    content = (
        Text(WORDS),
        Link((Text("father had defected."),), "https://www.libertyinnorthkorea.org/stories/442"),
    )
    whole = typesetter.set(content, "body")
    whole.wrap(width, 10_000)
    measured = line_words(whole)
    leading = whole.style.leading
    assert len(measured) > 6
    for room in range(2, len(measured) - 2):
        para = typesetter.set(content, "body")
        para.wrap(width, 10_000)
        first, rest = para.split(width, room * leading + 1)
        _w, height = first.wrap(width, room * leading + 1)
        assert line_words(first) == measured[:room], room
        assert height <= room * leading + 1
        rest.wrap(width, 10_000)  # set afresh: it may hyphenate other words
        assert _letters(line_words(rest)) == _letters(measured[room:])


def _letters(lines: list[list[str]]) -> str:
    return "".join(word for line in lines for word in line).replace("-", "")
