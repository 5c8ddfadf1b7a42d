"""Where the accessible edition would be weaker: findings for ``makedocs check``, and the
build's refusal of a picture nobody described."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest

from makedocs.edition import edition_findings, render_epub, render_html
from makedocs.errors import MakedocsError, Warned
from makedocs.load import new_context
from makedocs.model import Collection, Source, Table, Text
from makedocs.sources import parse_sources
from tests.deck.conftest import write_photo
from tests.edition.conftest import settings_for
from tests.edition.reading import Epub

WEAK = """---
title: Weak Spots
image: photos/cover.jpg
image_alt: A plain cover
image_decorative: true
---

Read it [here](https://example.org/report) or in [the notes](notes/other.md).

![photo-17.jpg](photos/a.jpg)

![Image](photos/a.jpg)

![The bag we carried](photos/a.jpg "The bag we carried")

#### A heading three levels down

The end.
"""

NO_ALT = """---
title: Undescribed
---

A paragraph.

![](photos/a.jpg "A caption is no description")
"""


def _collection(tmp_path: Path, text: str, **collection: str):
    folder = tmp_path / "stories"
    write_photo(folder / "photos" / "a.jpg", (400, 300), (90, 60, 30))
    write_photo(folder / "photos" / "cover.jpg", (400, 300), (30, 60, 90))
    (folder / "story.md").write_text(text, "utf-8")
    lines = [f"{key} = {value!r}" for key, value in {"title": "T", **collection}.items()]
    settings = settings_for(tmp_path, "[collection]\n" + "\n".join(lines) + "\n")
    # As ``makedocs check`` sees the sources: parsed, not yet transformed (the build's link
    # pass would already have turned the relative link into text, with its own warning).
    stories = tuple(parse_sources([folder / "story.md"], Warned()))
    return Collection(settings.meta, stories), settings, folder


def test_findings_name_each_weak_spot_at_its_line(tmp_path: Path) -> None:
    collection, _, folder = _collection(tmp_path, WEAK)
    found = {(f.level, f.line, f.message.split(";")[0]) for f in edition_findings(collection)}
    path = (folder / "story.md").as_posix()
    assert all(f.path == path for f in edition_findings(collection))
    cover = "image photos/cover.jpg is marked decorative, so its alt text is hidden from screen"
    twice = "the alt text of photos/a.jpg repeats its caption, so screen readers read it twice"
    assert found == {
        ("warning", 3, cover + " readers"),  # the line of its image: key
        ("warning", 8, "link text 'here' does not say where it goes"),
        ("warning", 8, "link to 'notes/other.md' is not a web or mail address"),
        ("warning", 10, "the alt text of photos/a.jpg is a file name"),
        ("warning", 12, "the alt text of photos/a.jpg ('Image') says nothing about the picture"),
        ("warning", 14, twice),
        ("warning", 16, "heading level 4 follows level 1"),
    }


def test_the_edition_renders_an_unsafe_link_as_text_and_does_not_skip_heading_levels(
    tmp_path: Path,
) -> None:
    collection, settings, _ = _collection(tmp_path, WEAK)
    buffer = io.BytesIO()
    render_epub(collection, new_context(settings, Warned()), buffer)
    doc = Epub(buffer.getvalue()).document("story-1.xhtml")
    hrefs = [a.get("href") for a in doc.iter("{*}a")]
    assert hrefs == ["https://example.org/report"]
    assert "in the notes or" not in doc.xpath("string()")
    assert "the notes" in doc.xpath("string()")
    assert [h.tag.split("}")[1] for h in doc.iter("{*}h1", "{*}h2", "{*}h3", "{*}h4")] == [
        "h1",
        "h2",
    ]


@pytest.mark.parametrize("render", [render_epub, render_html])
def test_the_build_refuses_a_picture_without_alt_text_at_its_line(tmp_path: Path, render) -> None:
    collection, settings, folder = _collection(tmp_path, NO_ALT)
    with pytest.raises(MakedocsError) as caught:
        render(collection, new_context(settings, Warned()), io.BytesIO())
    assert str(caught.value).startswith(f"{(folder / 'story.md').as_posix()}:7: image photos/a.jpg")
    assert [f.level for f in edition_findings(collection)] == ["error"]


def test_a_decorative_picture_needs_no_alt_text(tmp_path: Path) -> None:
    collection, settings, _ = _collection(tmp_path, WEAK.replace("image_alt: A plain cover\n", ""))
    assert not any("decorative" in f.message for f in edition_findings(collection))
    buffer = io.BytesIO()
    render_html(collection, new_context(settings, Warned()), buffer)
    assert b'alt="" width="400" height="300" role="presentation"' in buffer.getvalue()


@pytest.mark.parametrize("render", [render_epub, render_html])
def test_a_language_that_is_not_a_tag_is_refused(tmp_path: Path, render) -> None:
    """makedocs.toml refuses it first; a collection made some other way is refused here."""
    collection, settings, _ = _collection(tmp_path, WEAK)
    collection = replace(collection, meta=replace(collection.meta, language="english"))
    with pytest.raises(MakedocsError, match="'english' is not a language tag"):
        render(collection, new_context(settings, Warned()), io.BytesIO())
    assert any(f.level == "error" and "language" in f.message for f in edition_findings(collection))


def test_a_collection_date_is_used_only_when_it_is_a_date(tmp_path: Path) -> None:
    collection, settings, _ = _collection(tmp_path, WEAK, date="2024-05-01")
    buffer = io.BytesIO()
    render_epub(collection, new_context(settings, Warned()), buffer)
    assert Epub(buffer.getvalue()).dc("date") == ["2024-05-01"]
    spring = replace(collection, meta=replace(collection.meta, date="spring 2024"))
    assert any("not written YYYY-MM-DD" in f.message for f in edition_findings(spring))
    buffer = io.BytesIO()
    render_epub(spring, new_context(settings, Warned()), buffer)
    assert Epub(buffer.getvalue()).dc("date") == []


def test_a_table_without_a_header_row_is_weaker_and_loses_the_conformance_claim(
    tmp_path: Path,
) -> None:
    collection, settings, _ = _collection(tmp_path, NO_ALT.replace("![](", "![A bag]("))
    story = collection.stories[0]
    bare = Table((), (((Text("2008"),), (Text("Hyesan"),)),), ("", ""), Source("story.md", 9))
    empty_head = replace(bare, header=((Text("Year"),), ()))
    collection = replace(collection, stories=(replace(story, blocks=(*story.blocks, bare)),))
    (finding,) = edition_findings(collection)
    assert finding.level == "warning" and finding.message.startswith("table has no header row")
    buffer = io.BytesIO()
    render_epub(collection, new_context(settings, Warned()), buffer)
    epub = Epub(buffer.getvalue())
    assert "dcterms:conformsTo" not in epub.properties()
    (table,) = epub.document("story-1.xhtml").iter("{*}table")
    assert table.find("{*}thead") is None and not list(table.iter("{*}th"))
    collection = replace(collection, stories=(replace(story, blocks=(*story.blocks, empty_head)),))
    (finding,) = edition_findings(collection)
    assert "empty header cell" in finding.message
