"""Markdown tables and code blocks, and a warning for every construct the model cannot hold.

Each case is a small Markdown file parsed as ``makedocs check`` and the build parse it; the
warnings are read back as ``path:line: warning: message`` lines, so each test pins the line
and names the construct. Nothing is left to garble in silence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from makedocs.errors import Warned
from makedocs.model import (
    CodeBlock,
    Emphasis,
    Heading,
    Image,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Strong,
    Table,
    Text,
    block_text,
    plain_text,
)
from makedocs.sources.markdown import parse_markdown
from makedocs.transforms import split_long_words


def parse(tmp_path: Path, body: str) -> tuple[list, list[str]]:
    """The blocks of a one-story file whose body is ``body`` (line 3 is its first line), and
    the warnings."""
    source = tmp_path / "s.md"
    source.write_text(f"# Story\n\n{body}", "utf-8")
    warned = Warned()
    stories = parse_markdown(source, "s.md", warned)
    return list(stories[0].blocks), warned.items


def warnings_about(items: list[str], word: str) -> list[str]:
    return [item for item in items if word in item]


# --- tables --------------------------------------------------------------------------------


TABLE = """\
| Year | *Event* | Days |
|:-----|:-------:|-----:|
| 2008 | crossed **the** [river](https://example.org) | 40 |
| 2014 | 두만강 at night |
"""


def test_a_gfm_table_becomes_a_table_with_header_rows_alignment_and_line(tmp_path: Path) -> None:
    blocks, items = parse(tmp_path, "Before.\n\n" + TABLE)
    table = blocks[1]
    assert isinstance(table, Table)
    assert [plain_text(cell) for cell in table.header] == ["Year", "Event", "Days"]
    assert table.header[1] == (Emphasis((Text("Event"),)),)
    assert [[plain_text(c) for c in row] for row in table.rows] == [
        ["2008", "crossed the river", "40"],
        ["2014", "두만강 at night", ""],
    ]
    assert table.rows[0][1] == (
        Text("crossed "),
        Strong((Text("the"),)),
        Text(" "),
        Link((Text("river"),), "https://example.org"),
    )
    assert table.align == ("left", "center", "right")
    assert table.source.line == 5
    assert table.caption == ()
    assert items == []


def test_a_table_is_never_printed_as_pipes(tmp_path: Path) -> None:
    blocks, _ = parse(tmp_path, TABLE)
    assert not any("|" in block_text(b) or "---" in block_text(b) for b in blocks)


def test_a_table_paragraph_before_or_after_is_its_caption(tmp_path: Path) -> None:
    before, _ = parse(tmp_path, "Table: Routes *out*\n" + TABLE)
    assert len(before) == 1
    assert before[0].caption == (Text("Routes "), Emphasis((Text("out"),)))
    after, _ = parse(tmp_path, TABLE + "\nTable: Routes out\n\nMore text.\n")
    assert [type(b) for b in after] == [Table, Paragraph]
    assert plain_text(after[0].caption) == "Routes out"
    assert block_text(after[0]).splitlines()[0] == "Routes out"
    # "Table:" elsewhere is an ordinary paragraph
    alone, _ = parse(tmp_path, "Table: not next to one.\n\nText.\n")
    assert plain_text(alone[0].content) == "Table: not next to one."


def test_a_header_row_without_text_is_no_header(tmp_path: Path) -> None:
    blocks, _ = parse(tmp_path, "|  |  |\n|--|--|\n| a | b |\n")
    assert blocks[0].header == ()
    assert len(blocks[0].rows) == 1


# --- code ----------------------------------------------------------------------------------

CODE = """\
```python {.numbered}
route = ["Hyesan", 'Shenyang']  # "quoted" -- as written...
\tif route:   # a tab and spaces
    print(route)
```
"""


def test_fenced_code_keeps_its_text_exactly_and_its_language(tmp_path: Path) -> None:
    blocks, items = parse(tmp_path, CODE)
    assert blocks == [
        CodeBlock(
            'route = ["Hyesan", \'Shenyang\']  # "quoted" -- as written...\n'
            "\tif route:   # a tab and spaces\n"
            "    print(route)",
            "python",
            blocks[0].source,
        )
    ]
    assert blocks[0].source.line == 3
    assert items == []


def test_indented_code_is_code_with_a_warning_that_says_so(tmp_path: Path) -> None:
    blocks, items = parse(tmp_path, "Text.\n\n    x = 'a'  -- b\n")
    assert blocks[1] == CodeBlock("x = 'a'  -- b", "", blocks[1].source)
    assert warnings_about(items, "indented") == [
        "s.md:5: warning: text indented by four spaces is a code block, set as written in the "
        "monospaced font; remove the indent if it is a paragraph (and fence code with ```)"
    ]


def test_code_is_never_split_like_prose(tmp_path: Path) -> None:
    from makedocs.model import Collection, Metadata, Story

    run = "A" * 400
    blocks, _ = parse(tmp_path, f"```\n{run}\n```\n")
    collection = Collection(Metadata(), (Story("S", tuple(blocks), blocks[0].source),))
    warned = Warned()
    after = split_long_words(collection, warned)
    assert after.stories[0].blocks[0].text == run
    assert warned.items == []


# --- what the model cannot hold: warned, never garbled in silence ----------------------------


def test_a_raw_html_block_keeps_its_text_without_tags(tmp_path: Path) -> None:
    blocks, items = parse(
        tmp_path, '<div align="center">Hello <em>there</em><script>x()</script></div>\n'
    )
    assert blocks == [Paragraph((Text("Hello there"),), blocks[0].source)]
    assert items == [
        "s.md:3: warning: raw HTML is not supported: its tags are left out and its text is "
        "set as a paragraph"
    ]


def test_raw_html_without_text_is_left_out_with_a_warning(tmp_path: Path) -> None:
    blocks, items = parse(tmp_path, 'Text.\n\n<img src="x.png">\n')
    assert len(blocks) == 1
    assert items == [
        "s.md:5: warning: raw HTML is not supported: this block has no text and is left out"
    ]


def test_an_html_comment_never_prints(tmp_path: Path) -> None:
    blocks, items = parse(
        tmp_path, "Text <!-- the real name is Kim --> here.\n\n<!-- a note to the editor -->\n"
    )
    assert [block_text(b) for b in blocks] == ["Text  here."]
    assert items == [
        "s.md:3: warning: an HTML comment is left out of every output",
        "s.md:5: warning: an HTML comment is left out of every output",
    ]


def test_inline_html_tags_are_left_out_and_br_is_a_line_break(tmp_path: Path) -> None:
    blocks, items = parse(tmp_path, "One <b>bold</b> word<br>and a line.\n")
    assert blocks[0].content == (Text("One bold word"), LineBreak(), Text("and a line."))
    assert items == [
        "s.md:3: warning: inline HTML is not supported: the tag <b> is left out and the text "
        "around it kept"
    ]


def test_footnotes_are_warned_about(tmp_path: Path) -> None:
    blocks, items = parse(tmp_path, "We crossed.[^1]\n\n[^1]: In 2008.\n")
    assert "[^1]" in block_text(blocks[0])
    assert warnings_about(items, "footnotes") == [
        "s.md:3: warning: footnotes are not supported: [^1] is printed as written; put the "
        "note in the text",
        "s.md:5: warning: footnotes are not supported: [^1] is printed as written; put the "
        "note in the text",
    ]


def test_strikethrough_is_printed_as_written_with_a_warning(tmp_path: Path) -> None:
    blocks, items = parse(tmp_path, "We were ~~not~~ afraid.\n")
    assert block_text(blocks[0]) == "We were ~~not~~ afraid."
    assert items == [
        "s.md:3: warning: strikethrough (~~text~~) is not supported: it is printed as written"
    ]


def test_a_picture_inside_running_text_is_warned_about(tmp_path: Path) -> None:
    blocks, items = parse(tmp_path, "The map ![our route](map.png) shows it.\n")
    assert [type(b) for b in blocks] == [Paragraph, Image]
    assert items == [
        "s.md:3: warning: a picture inside running text is set after its paragraph, its "
        "description in the text where it stood; give a picture a paragraph of its own"
    ]
    # alone in its paragraph, a picture is a picture without a word
    alone, quiet = parse(tmp_path, "![our route](map.png)\n")
    assert [type(b) for b in alone] == [Image]
    assert quiet == []


@pytest.mark.parametrize(
    ("body", "where", "line"),
    [
        ("| a |\n|---|\n| ![p](p.png) |\n", "a table cell", 5),  # the row's line
        ("## See ![p](p.png)\n", "a heading", 3),
        ("- see ![p](p.png)\n", "a list", 3),
        ("> see ![p](p.png)\n", "a block quote", 3),
    ],
)
def test_a_picture_where_none_can_go_prints_its_description(
    tmp_path: Path, body: str, where: str, line: int
) -> None:
    blocks, items = parse(tmp_path, body)
    assert "p" in block_text(blocks[0]).split()
    assert warnings_about(items, "picture") == [
        f"s.md:{line}: warning: a picture inside {where} is "
        "not supported: its description is printed in its place"
    ]


def test_a_list_inside_a_list_is_joined_to_its_item_with_a_warning(tmp_path: Path) -> None:
    blocks, items = parse(tmp_path, "- one\n  - inner\n  1. numbered\n- two\n")
    assert blocks == [
        ListBlock(
            False,
            (
                (Text("one"), LineBreak(), Text("inner"), LineBreak(), Text("numbered")),
                (Text("two"),),
            ),
            blocks[0].source,
        )
    ]
    assert items == [
        "s.md:4: warning: a list inside a list is not supported: its items are joined to the "
        "item they are in",
        "s.md:5: warning: a list inside a list is not supported: its items are joined to the "
        "item they are in",
    ]


def test_a_block_quote_inside_a_block_quote_is_warned_about(tmp_path: Path) -> None:
    blocks, items = parse(tmp_path, "Text.\n\n> outer\n>\n> > inner\n")
    assert isinstance(blocks[1], Quote)
    assert [plain_text(p) for p in blocks[1].paragraphs] == ["outer", "inner"]
    assert items == [
        "s.md:7: warning: a block quote inside a block quote is not supported: its text is "
        "set as plain text of the block quote"
    ]


@pytest.mark.parametrize(
    ("body", "what", "kept"),
    [
        ("- item\n\n  ```\n  x = 1\n  ```\n", "a code block inside a list", "x = 1"),
        ("> quote\n>\n> ```\n> x = 1\n> ```\n", "a code block inside a block quote", "x = 1"),
        ("> quote\n>\n> ## Heading\n", "a heading inside a block quote", "Heading"),
        ("> quote\n>\n> | a |\n> |---|\n> | b |\n", "a table inside a block quote", "b"),
    ],
)
def test_blocks_nested_where_the_model_has_no_place_keep_their_text(
    tmp_path: Path, body: str, what: str, kept: str
) -> None:
    blocks, items = parse(tmp_path, body)
    assert kept in block_text(blocks[0])
    assert len(warnings_about(items, what)) == 1, items


def test_a_divider_inside_a_list_is_left_out_with_a_warning(tmp_path: Path) -> None:
    blocks, items = parse(tmp_path, "- one\n\n  ***\n- two\n")
    assert [plain_text(i) for i in blocks[0].items] == ["one", "two"]
    assert warnings_about(items, "divider") == [
        "s.md:5: warning: a divider (---) inside a list is not supported and is left out"
    ]


def test_headings_below_level_two_are_warned_about(tmp_path: Path) -> None:
    blocks, items = parse(tmp_path, "## Two\n\n### Three\n\n#### Four\n")
    assert [b.level for b in blocks if isinstance(b, Heading)] == [2, 3, 4]
    assert items == [
        "s.md:5: warning: a level-3 heading (###) is printed like a level-2 heading (##): the "
        "booklet and the deck have one level of heading inside a story",
        "s.md:7: warning: a level-4 heading (####) is printed like a level-2 heading (##): the "
        "booklet and the deck have one level of heading inside a story",
    ]


def test_definition_lists_are_warned_about(tmp_path: Path) -> None:
    blocks, items = parse(tmp_path, "Broker\n: a person paid to guide refugees\n")
    assert block_text(blocks[0]) == "Broker : a person paid to guide refugees"
    assert items == [
        "s.md:3: warning: definition lists are not supported: the term and its definition "
        "are printed as written"
    ]


def test_task_lists_are_warned_about(tmp_path: Path) -> None:
    blocks, items = parse(tmp_path, "- [ ] pack\n- [x] leave\n")
    assert [plain_text(i) for i in blocks[0].items] == ["[ ] pack", "[x] leave"]
    assert items == [
        "s.md:3: warning: task list check boxes are not supported: [ ] is printed as written",
        "s.md:4: warning: task list check boxes are not supported: [x] is printed as written",
    ]


def test_check_reports_unsupported_markdown_at_its_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from makedocs.cli import main

    (tmp_path / "s.md").write_text(
        "# Story\n\nText with ~~strike~~.\n\n<div>raw</div>\n\n### Deep\n", "utf-8"
    )
    result = CliRunner().invoke(main, ["check", str(tmp_path / "s.md")])
    lines = result.output.splitlines()
    where = (tmp_path / "s.md").as_posix()
    assert any(line.startswith(f"{where}:3: warning: strikethrough") for line in lines), lines
    assert any(line.startswith(f"{where}:5: warning: raw HTML") for line in lines), lines
    assert any(line.startswith(f"{where}:7: warning: a level-3 heading") for line in lines)


def test_the_build_warns_about_unsupported_markdown_at_its_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from makedocs.cli import main

    story = tmp_path / "src" / "s.md"
    story.parent.mkdir()
    story.write_text("# Story\n\nA note.[^1]\n\n[^1]: In 2008.\n", "utf-8")
    result = CliRunner().invoke(main, ["booklet", str(story), "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 0, result.output
    assert f"{story.as_posix()}:3: warning: footnotes are not supported" in result.output


def test_inline_emphasis_in_cells_and_captions_keeps_its_markup(tmp_path: Path) -> None:
    blocks, _ = parse(tmp_path, "| **a** | *b* |\n|---|---|\n| `c` | d |\n\nTable: *e*\n")
    table = blocks[0]
    assert table.header == ((Strong((Text("a"),)),), (Emphasis((Text("b"),)),))
    assert table.rows[0][0] == (Text("c"),)  # inline code keeps its text as written
    assert table.caption == (Emphasis((Text("e"),)),)
