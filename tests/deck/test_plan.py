"""The slide plan: which slides a talk gets, and that the notes carry every word in order."""

from __future__ import annotations

from makedocs.deck.fit import key_sentence, sentences
from makedocs.deck.plan import plan_deck
from makedocs.deck.style import deck_style
from makedocs.errors import Warned
from makedocs.model import Collection, Metadata, Paragraph, PullQuote, plain_text
from makedocs.sources.markdown import parse_markdown
from makedocs.sources.text import parse_text
from makedocs.theme import load_theme
from tests.conftest import FIXTURES, SEED

META = Metadata(
    title="Beyond Utopia",
    subtitle="Stories",
    organisation="LiNK",
    url="https://example.org",
    call_to_action="Help refugees reach freedom.",
)

STYLE = deck_style(load_theme("default"))


def seed_plan():
    stories = tuple(parse_text(SEED, "seeds/link-stories.txt", Warned()))
    return stories, plan_deck(Collection(META, stories), STYLE)


def test_deck_opens_with_title_and_agenda_and_closes_with_call_to_action() -> None:
    stories, plan = seed_plan()
    kinds = [s.kind for s in plan.slides]
    assert kinds[:3] == ["title", "agenda", "section"]
    assert kinds[-1] == "closing" and plan.slides[-1].url == "https://example.org"
    assert [i.text for i in plan.slides[1].items] == [s.title for s in stories]
    assert "credits" not in kinds  # no image credits in the seed, so no credits slide


def test_each_story_is_a_section_opened_by_its_section_slide() -> None:
    stories, plan = seed_plan()
    assert plan.sections == ["Introduction", *(s.title for s in stories), "Closing"]
    openers = [s for s in plan.slides if s.kind == "section"]
    assert [s.title for s in openers] == [s.title for s in stories]
    assert all(plan.sections[s.section] == s.title for s in openers)


def test_epigraph_and_pull_quotes_become_quote_slides_with_attribution() -> None:
    stories, plan = seed_plan()
    quotes = [s for s in plan.slides if s.kind == "quote"]
    assert len(quotes) == 3
    assert quotes[0].attribution == "IndieWire"
    pulls = [b for b in stories[1].blocks if isinstance(b, PullQuote)]
    assert [q.title for q in quotes[1:]] == [plain_text(b.content) for b in pulls]


def test_content_slides_show_the_first_sentence_of_each_paragraph_of_a_group() -> None:
    stories, plan = seed_plan()
    content = [s for s in plan.slides if s.kind == "content"]
    first = content[0]
    # lines 3 and 4 of the seed are one group (no blank line between them)
    assert [i.text for i in first.items] == [
        "Sharing visuals from the field has always been a dilemma for our organization.",
        "When Liberty in North Korea was first introduced to the Beyond Utopia team and their "
        "goal of documenting an actual rescue\u00a0…",
    ]
    assert all(i.bullet for i in first.items)
    # line 12 stands alone: one sentence, no bullet
    alone = next(s for s in content if s.items[0].text.startswith("Sundance had"))
    assert len(alone.items) == 1 and not alone.items[0].bullet


def test_notes_carry_every_paragraph_of_every_story_in_order() -> None:
    stories, plan = seed_plan()
    notes = [n for slide in plan.slides for n in slide.all_notes()]
    position = 0
    for story in stories:
        for block in story.blocks:
            if isinstance(block, Paragraph):
                text = plain_text(block.content)
                assert text in notes[position:], text[:40]
                position = notes.index(text, position) + 1


def test_markdown_headings_lists_and_dividers_shape_the_slides() -> None:
    stories = tuple(parse_markdown(FIXTURES / "markdown" / "story.md", "story.md", Warned()))
    plan = plan_deck(Collection(META, stories), STYLE)
    by_title = {s.title: s for s in plan.slides}
    carried = by_title["What we carried"]
    assert carried.kind == "list" and [i.text for i in carried.items] == [
        "a little money",
        "one photograph",
    ]
    kinds = [s.kind for s in plan.slides]
    assert kinds[:3] == ["title", "section", "image"]  # one story: no agenda; cover image next
    summary = next(s for s in plan.slides if s.kind == "summary")
    assert summary.items[0].text.startswith("A neighbour’s coded phone call")


def test_sentences_split_after_closing_quotes_and_keep_abbreviations_whole() -> None:
    text = "He said “go.” We went. Then what? Nothing…"
    assert sentences(text) == ["He said “go.”", "We went.", "Then what?", "Nothing…"]


def test_key_sentences_are_short_and_say_when_they_were_shortened() -> None:
    most = STYLE.key_sentence_words  # 24 in the default theme
    text = "We went. " * 2
    assert key_sentence(text, most) == "We went."
    long = " ".join(["word"] * 18) + ", and then " + " ".join(["more"] * 20) + ". Next."
    assert key_sentence(long, most) == " ".join(["word"] * 18) + "\u00a0…"
    assert len(key_sentence(" ".join(["w"] * 60) + ".", most).split()) == most + 1  # and "…"
