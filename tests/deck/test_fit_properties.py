"""Property: whatever words a story holds, no text box of its deck overflows (by measuring)."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from makedocs.build import new_context
from makedocs.config import Settings
from makedocs.deck.render import DeckOptions, render_deck
from makedocs.errors import Warned
from makedocs.model import (
    Collection,
    Epigraph,
    Heading,
    ListBlock,
    Metadata,
    Paragraph,
    PullQuote,
    Quote,
    Source,
    Story,
    Text,
)
from tests.deck.test_render import fitted

SRC = Source("s.md", 1)
_word = st.one_of(
    st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=14),
    st.text("가나다라마바사아자차카타파하강을건넜습니다", min_size=1, max_size=8),
    st.sampled_from(["—", "“quoted”", "it’s", "2024", "…", "https://example.org/a/b/c"]),
    st.text("w", min_size=30, max_size=120),  # an unbreakable monster
)
_sentence = st.lists(_word, min_size=1, max_size=40).map(lambda ws: " ".join(ws) + ".")
_para = st.lists(_sentence, min_size=1, max_size=8).map(" ".join)
_inl = _para.map(lambda t: (Text(t),))
_block = st.one_of(
    _inl.map(lambda c: Paragraph(c, SRC)),
    _inl.map(lambda c: PullQuote(c, SRC)),
    st.tuples(_inl, st.one_of(st.none(), _sentence)).map(lambda t: Epigraph(t[0], t[1], SRC)),
    st.tuples(st.lists(_inl, min_size=1, max_size=3), st.one_of(st.none(), _sentence)).map(
        lambda t: Quote(tuple(t[0]), t[1], SRC)
    ),
    st.lists(_inl, min_size=1, max_size=12).map(lambda items: ListBlock(False, tuple(items), SRC)),
    _sentence.map(lambda t: Heading(2, (Text(t),), SRC)),
)
_title = st.lists(_word, min_size=1, max_size=18).map(" ".join)
_story = st.tuples(_title, st.lists(_block, min_size=1, max_size=6)).map(
    lambda t: Story(t[0], tuple(t[1]), SRC)
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(stories=st.lists(_story, min_size=1, max_size=3), aspect=st.sampled_from(["16:9", "4:3"]))
def test_no_deck_overflows_whatever_the_words(
    stories: list[Story], aspect: str, tmp_path: Path
) -> None:
    meta = Metadata(title="T", organisation="O", url="https://example.org", call_to_action="Act.")
    ctx = new_context(Settings(), Warned())
    out = io.BytesIO()
    render_deck(Collection(meta, tuple(stories)), ctx, out, DeckOptions(aspect=aspect))
    path = tmp_path / f"d{abs(hash(str(stories))) % 10**8}.pptx"
    path.write_bytes(out.getvalue())
    assert fitted(path) == []
    from pptx import Presentation

    prs = Presentation(str(path))
    titles = [" ".join(s.shapes.title.text_frame.text.split()).casefold() for s in prs.slides]
    assert len(set(titles)) == len(titles)
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top + shape.height <= prs.slide_height


def test_a_quote_marked_as_a_continuation_still_fits(tmp_path: Path) -> None:
    """Found by the property above: the last piece of a quote split over slides shows the
    same words as a piece of another story's quote, so its title gets "(cont.)"; it was
    fitted without room for it and overflowed (290 pt of text in a 257 pt box)."""
    words = (
        "A A A A A. A A A A A. A A sNlcOmGuyic A hy. A EESnmLeMRwl. GMPDlFrXmr undefined. "
        "BYsGfoUyJVW A A A A A A. "
    )

    def quote(first: str, middle: int) -> Quote:
        tail = f"{'w' * 57} {'w' * middle} {'w' * 61}. {'w' * 43}."
        return Quote(((Text("ne A A A A A."),), (Text(first),), (Text(words + tail),)), None, SRC)

    stories = (
        Story("A A A A A A A A A TargetMode A A", (quote("A xS A GDD sIUHwqwe.", 61),), SRC),
        Story("A", (quote("GMPDlFrXmr undefined.", 30),), SRC),
    )
    meta = Metadata(title="T", organisation="O", url="https://example.org", call_to_action="A.")
    out = io.BytesIO()
    render_deck(
        Collection(meta, stories), new_context(Settings(), Warned()), out, DeckOptions("4:3")
    )
    path = tmp_path / "d.pptx"
    path.write_bytes(out.getvalue())
    from pptx import Presentation

    titles = [s.shapes.title.text_frame.text for s in Presentation(str(path)).slides]
    assert any(t.startswith("…") and t.endswith("(cont.)") for t in titles), titles
    assert fitted(path) == []
