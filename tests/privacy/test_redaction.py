"""Redaction: real names never reach any output; aliases appear where the names were."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from makedocs.cli import main
from makedocs.config import load_settings
from makedocs.errors import MakedocsError
from makedocs.model import (
    Attribution,
    CallToAction,
    CodeBlock,
    Collection,
    Emphasis,
    Epigraph,
    Heading,
    Image,
    LineBreak,
    Link,
    ListBlock,
    Metadata,
    Paragraph,
    PullQuote,
    Quote,
    Source,
    Story,
    Strong,
    Table,
    Text,
)
from makedocs.transforms import Redactor, redact
from tests.conftest import SEED
from tests.privacy.extract import all_texts, squeeze

NAMES = {"Yusung": "Minho", "Hannah Song": "Jane Doe", "Sokeel Park": "Alex Kim"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yusung said", "Minho said"),
        ("YUSUNG SAID", "MINHO SAID"),
        ("yusung", "minho"),
        ("Yusung's bag", "Minho's bag"),
        ("Yusung\u2019s bag", "Minho\u2019s bag"),
        ("Humans of North Korea: YuSung", "Humans of North Korea: Minho"),
        ("Hannah  Song and HANNAH SONG", "Jane Doe and JANE DOE"),
        ("Hannah\nSong", "Jane Doe"),
        ("Yu\u00adsung hid", "Minho hid"),
        ("Yusungs and Yusungite are other words", "Yusungs and Yusungite are other words"),
        ("Hannah Songbird", "Hannah Songbird"),
    ],
)
def test_names_are_replaced_as_whole_words_in_the_case_they_were_written(
    text: str, expected: str
) -> None:
    assert Redactor(NAMES).text(text) == expected


def test_longer_names_win_and_aliases_are_not_redacted_again() -> None:
    redactor = Redactor({"Hannah": "Jo", "Hannah Song": "Hannah", "Jo": "X"})
    assert redactor.text("Hannah Song met Hannah and Jo") == "Hannah met Jo and X"


def test_korean_names_are_replaced_before_particles() -> None:
    redactor = Redactor({"박연미": "김철수"})
    assert (
        redactor.text("박연미는 박연미의 집에 갔다. 박연미다")
        == "김철수는 김철수의 집에 갔다. 김철수다"
    )


def test_curly_and_straight_apostrophes_in_a_name_are_the_same_name() -> None:
    assert Redactor({"O'Brien": "Smith"}).text("O\u2019Brien and O'BRIEN") == "Smith and SMITH"


def test_a_name_split_across_inline_nodes_and_link_urls_is_redacted() -> None:
    content = (
        Strong((Text("Hannah"),)),
        Text(" Song wrote to "),
        Link((Text("Yu"), Emphasis((Text("sung"),))), "https://example.org/yusung-park"),
        LineBreak(),
        Text("end"),
    )
    out = Redactor(NAMES).inlines(content)
    assert out == (
        Strong((Text("Jane Doe"),)),
        Text(" wrote to "),
        Link((Text("Minho"),), "https://example.org/minho-park"),
        LineBreak(),
        Text("end"),
    )


def _every_field_collection(name: str) -> Collection:
    src = Source("stories/a.md", 3)
    inl = (Text(f"{name} "), Emphasis((Text(name),)))
    image = Image(
        path="photos/p.jpg",
        alt=f"{name} at the river",
        caption=f"{name}'s bag",
        credit=f"Photo: {name}",
        source=src,
    )
    blocks = (
        Epigraph(inl, name, src),
        Heading(2, inl, src),
        Paragraph(inl, src),
        Quote((inl, inl), f"{name}, 2008", src),
        PullQuote(inl, src, name),
        Attribution(f"{name}, escaped in 2008", src),
        image,
        ListBlock(False, (inl,), src),
        CallToAction(f"Write to {name}", f"https://example.org/{name}", src),
        Table((inl,), ((inl, inl),), ("", ""), src, inl),
        CodeBlock(f'name = "{name}"', "python", src),
    )
    story = Story(
        title=f"{name}'s story",
        blocks=blocks,
        source=src,
        subtitle=name,
        kicker=name,
        byline=f"As told by {name}",
        date="2024",
        summary=f"{name} escaped.",
        tags=(name,),
        image=dataclasses.replace(image, alt=name),
    )
    meta = Metadata(
        title=f"{name}'s stories",
        subtitle=name,
        organisation=name,
        url=f"https://{name}.org",
        call_to_action=name,
        about=name,
    )
    return Collection(meta, (story,))


def _strings(value: object, path: str = "") -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, tuple):
        return [s for i, item in enumerate(value) for s in _strings(item, f"{path}[{i}]")]
    if dataclasses.is_dataclass(value):
        return [
            s
            for item in dataclasses.fields(value)
            for s in _strings(getattr(value, item.name), f"{path}.{item.name}")
        ]
    return []


def test_every_text_field_of_the_model_is_redacted_and_paths_are_kept() -> None:
    before = _every_field_collection("Yusung")
    after = redact(before, NAMES)
    leaks = [(where, text) for where, text in _strings(after) if "yusung" in text.casefold()]
    assert leaks == []
    aliases = [where for where, text in _strings(after) if "minho" in text.casefold()]
    assert aliases == [where for where, text in _strings(before) if "Yusung" in text]
    assert len(aliases) > 30
    image = after.stories[0].blocks[6]
    assert isinstance(image, Image) and image.path == "photos/p.jpg"
    assert after.stories[0].source == before.stories[0].source
    assert after.meta.language == "en"


def test_without_names_the_collection_is_returned_unchanged() -> None:
    collection = _every_field_collection("Yusung")
    assert redact(collection, {}) is collection


def test_a_misspelt_privacy_key_is_an_error_not_a_silent_leak(tmp_path: Path) -> None:
    config = tmp_path / "makedocs.toml"
    config.write_text('[collection]\ntitle = "T"\n\n[privacy]\nredacted = { "A" = "B" }\n')
    with pytest.raises(MakedocsError) as caught:
        load_settings(config)
    assert "redacted" in str(caught.value) and caught.value.line == 5


def test_a_redact_entry_that_is_not_a_name_is_an_error(tmp_path: Path) -> None:
    config = tmp_path / "makedocs.toml"
    config.write_text('[privacy]\nredact = { " " = "B" }\n')
    with pytest.raises(MakedocsError, match="not a name"):
        load_settings(config)


# --- end to end: every output of a real build, read back with real parsers ----------------------


def _photo(path: Path) -> None:
    from PIL import Image as PILImage

    PILImage.new("RGB", (1200, 800), (90, 120, 150)).save(path, "JPEG")


STORY_MD = """\
---
title: Yusung's Crossing
subtitle: Hannah Song remembers
byline: As told to Sokeel Park
summary: YUSUNG crossed the river; Hannah Song waited.
tags: [Yusung, escape]
image: photo.jpg
image_alt: Yusung at the river
image_caption: Yusung’s bag, packed by Hannah Song
image_credit: Photo by Sokeel Park
---

> "We knew exactly where he was." Yusung said.
> — Hannah Song

Yusung wrote to **Hannah** Song and to [Sokeel Park](https://example.org/sokeel-park).

"Yusung, come home," said his mother.

![Yusung and Hannah Song at the border](photo.jpg "Yusung’s last photo | Photo: Sokeel Park")

- Yusung’s list
- HANNAH SONG’S list

— Yusung Park, escaped North Korea in 2008
"""

CONFIG = """\
[collection]
title = "Yusung's Stories"
subtitle = "Told with Hannah Song"
organisation = "Friends of Sokeel Park"
about = "Hannah Song and Yusung thank you."
call_to_action = "Write to Yusung"

[privacy]
redact = { "Yusung" = "Minho", "Hannah Song" = "Jane Doe", "Sokeel Park" = "Alex Kim" }
"""


@pytest.fixture(scope="module")
def redacted_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("redaction")
    stories = root / "stories"
    stories.mkdir()
    shutil.copy(SEED, stories / "a-seed.txt")
    (stories / "b-crossing.md").write_text(STORY_MD, "utf-8")
    _photo(stories / "photo.jpg")
    (root / "makedocs.toml").write_text(CONFIG, "utf-8")
    out = root / "dist"
    result = CliRunner().invoke(
        main,
        ["build", str(stories), "-o", str(out), "--config", str(root / "makedocs.toml")],
    )
    assert result.exit_code == 0, result.output
    return out


def test_no_output_file_contains_a_real_name_anywhere(redacted_build: Path) -> None:
    texts = all_texts(redacted_build)
    assert {"booklet.pdf", "deck.pptx"} <= set(texts)
    for name, text in texts.items():
        flat = squeeze(text)
        for real in ("yusung", "hannahsong", "sokeelpark"):
            assert real not in flat, f"{real} leaked into {name}"


def test_every_output_file_carries_the_aliases(redacted_build: Path) -> None:
    for name, text in all_texts(redacted_build).items():
        flat = squeeze(text)
        for alias in ("minho", "janedoe"):
            assert alias in flat, f"{alias} missing from {name}"


def test_booklet_metadata_and_outline_are_redacted(redacted_build: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(redacted_build / "booklet.pdf")
    info = reader.metadata or {}
    assert info.get("/Title") == "Minho's Stories"
    body = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Minho\u2019s Crossing" in body
    assert "Jane Doe" in body


def test_deck_slides_notes_and_core_properties_are_redacted(redacted_build: Path) -> None:
    from pptx import Presentation

    prs = Presentation(str(redacted_build / "deck.pptx"))
    slide_text = " ".join(
        shape.text_frame.text
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    notes = " ".join(
        slide.notes_slide.notes_text_frame.text for slide in prs.slides if slide.has_notes_slide
    )
    assert "Minho" in slide_text
    assert "Minho" in notes and "Jane Doe" in notes
    assert "yusung" not in (slide_text + notes).casefold()
    assert "yusung" not in (prs.core_properties.title or "").casefold()


def test_inspect_shows_the_redacted_model(tmp_path: Path) -> None:
    config = tmp_path / "makedocs.toml"
    config.write_text('[privacy]\nredact = { "Yusung" = "Minho" }\n')
    result = CliRunner().invoke(main, ["inspect", str(SEED), "--json", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "Minho" in result.output and "yusung" not in result.output.casefold()
