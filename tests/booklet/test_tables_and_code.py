"""Tables and code blocks in the booklet, read back from the PDF.

pypdf gives the text (code keeps every space in it), pypdfium2 every glyph's box (nothing may
stand outside the text block), and ``tests.pdfcheck.marks`` the content stream: which font set
each glyph, at what size, and the tinted ground a code block is drawn on.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from makedocs.booklet.style import load_style
from makedocs.cli import main
from makedocs.theme import load_theme
from makedocs.typesetting.values import Table
from tests.booklet.conftest import CONFIG
from tests.booklet.test_render import squash
from tests.pdfcheck import Mark, embedded_fonts, marks

PLACES = ["Hyesan", "Shenyang", "Kunming", "Vientiane", "Bangkok"]
HANGUL_CELL = "두만강 건너 중국으로"
LONG_NOTE = "A long note about this stage of the journey that wraps onto more lines in its cell"
HEADER = ["Year", "Place", "How", "Days"]


def _cells(i: int) -> list[str]:
    place = HANGUL_CELL if i == 7 else PLACES[i % 5]
    how = LONG_NOTE if i % 6 == 0 else ("**by train**, at night" if i % 4 == 1 else "on foot")
    return [str(2000 + i), place, how, str(i * 3 + 1)]


ROWS = [_cells(i) for i in range(30)]
CODE = (
    '# the message, as sent -- "exactly" as written...\n'
    'route = ["Hyesan", \'Shenyang\', "두만강"]\n'
    "for stage in route:\n"
    '\tprint(f"{stage}: safe")   # a tab before print, three spaces before this\n'
    'very_long_line = "this line is far too long for the text block of a small booklet page '
    'and must wrap at a character with a visible mark"'
)
LONG_CODE = "\n".join(f"line_{n:03d} = {n} * 'x'  # kept" for n in range(120))
WIDE = ["Unbreakablewordnumber" + str(n) for n in range(9)]
NARROWING = ["Shenyang-Kunming", "Vientiane-Bangkok", "Hyesan-Changbai", "Seoul", "Busan"]


def _story() -> str:
    table = "\n".join("| " + " | ".join(row) + " |" for row in ROWS)
    return f"""---
title: The Long Table
---

The stages of one family's journey, one row for each, set as a table that runs over a page.

Table: Stages of the *journey*

| {" | ".join(HEADER)} |
|:-----|:------|:----|-----:|
{table}

Here is the message they sent, in the code they agreed:

```python
{CODE}
```

A table that only fits in smaller type:

| {" | ".join(NARROWING)} |
|---|---|---|---|---|
| {" | ".join(NARROWING)} |

A table that cannot fit at all:

| {" | ".join(WIDE)} |
|{"---|" * len(WIDE)}
| {" | ".join(WIDE)} |

And a long listing:

```
{LONG_CODE}
```

The end.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("tables")
    (root / "src").mkdir()
    (root / "src" / "long-table.md").write_text(_story(), "utf-8")
    out = root / "tables.pdf"
    result = CliRunner().invoke(
        main, ["booklet", str(root / "src"), "-o", str(out), "--config", str(CONFIG)]
    )
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.fixture(scope="module")
def pdf(built: tuple[Path, str]) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def drawn(pdf: Path) -> list[Mark]:
    return marks(PdfReader(pdf))


def _pages(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def _table_pages(pdf: Path) -> list[int]:
    """Indices of the pages holding rows of the long table (its years)."""
    return [
        i
        for i, text in enumerate(_pages(pdf))
        if any(re.search(rf"(?m)^{row[0]}\b", text) for row in ROWS)
    ]


def _shade(pdf: Path) -> tuple[float, ...]:
    from reportlab.lib.colors import HexColor

    colour = HexColor(load_theme("default").colours["shade"])
    return tuple(round(v, 4) for v in (colour.red, colour.green, colour.blue))


def _grounds(drawn: list[Mark], pdf: Path) -> list[tuple[int, float, float, float, float]]:
    """(page, left, bottom, right, top) of every code block's tinted ground."""
    shade = _shade(pdf)
    out = []
    for mark in drawn:
        if mark.kind == "fill" and mark.colour == ("rg", shade):
            width, height = (float(v) for v in mark.text.split("x"))
            out.append((mark.page, mark.x, mark.y, mark.x + width, mark.y + height))
    return out


# --- tables --------------------------------------------------------------------------------


def test_the_long_table_spans_pages_with_its_header_on_every_one(pdf: Path) -> None:
    pages = _table_pages(pdf)
    assert len(pages) >= 2
    texts = _pages(pdf)
    for index in pages:
        words = texts[index].split()
        first_row = min(words.index(row[0]) for row in ROWS if row[0] in words)
        assert words[first_row - len(HEADER) : first_row] == HEADER, (index, words[:40])


def test_the_header_row_is_set_in_the_theme_header_style_on_every_page(
    pdf: Path, drawn: list[Mark]
) -> None:
    theme = load_theme("default")
    header = Table(theme, "booklet", "table", "header")
    size = header.length("size")
    bold_label = {m.page for m in drawn if m.kind == "glyph" and m.font == "NotoSans-Bold"}
    sizes = {round(m.size, 2) for m in drawn if m.kind == "glyph" and m.font == "NotoSans-Bold"}
    assert {i + 1 for i in _table_pages(pdf)} <= bold_label
    assert round(size, 2) in sizes


def test_every_cell_of_the_table_is_printed_in_reading_order(pdf: Path) -> None:
    text = squash(" ".join(_pages(pdf)))
    position = 0
    for row in ROWS:
        for cell in row:
            found = text.find(squash(cell), position)
            assert found >= 0, cell
            position = found
    assert squash(HANGUL_CELL) in text
    assert "|" not in " ".join(_pages(pdf))
    assert squash("Stages of the journey") in text  # the caption


def test_hangul_cells_are_set_in_the_korean_face_and_bold_stays_bold(drawn: list[Mark]) -> None:
    fonts = {m.font for m in drawn if m.kind == "glyph"}
    assert "NanumMyeongjo" in fonts  # 두만강 in a body cell, serif like the cell's text
    assert "NotoSerif-Bold" in fonts  # **by train**


def test_no_glyph_or_rule_leaves_the_text_block(pdf: Path, drawn: list[Mark]) -> None:
    geometry = load_style(load_theme("default"), "letter").geometry
    document = pdfium.PdfDocument(str(pdf))
    try:
        checked = 0
        for index in range(len(document)):
            page = document[index].get_textpage()
            left = geometry.text_left(index + 1)
            right = left + geometry.text_width
            for char in range(page.count_chars()):
                x0, _y0, x1, _y1 = page.get_charbox(char)
                if x1 - x0 <= 0:
                    continue
                assert left - 0.5 <= x0 and x1 <= right + 0.5, (index + 1, char, x0, x1)
                checked += 1
        assert checked > 2000
    finally:
        document.close()
    for mark in drawn:
        if mark.kind == "stroke" or (mark.kind == "fill" and mark.page > 3):
            left = geometry.text_left(mark.page)
            extent = float(mark.text.split("x")[0])
            if mark.kind == "fill" and extent > geometry.text_width + 1:
                continue  # a cover or a full-page ground, not part of the text
            assert left - 0.5 <= mark.x and mark.x + extent <= left + geometry.text_width + 0.5


def test_a_table_too_wide_steps_its_type_down_within_the_theme_limits(pdf: Path) -> None:
    import pypdfium2.raw as raw

    theme = load_theme("default")
    header = Table(theme, "booklet", "table", "header").length("size")
    body = Table(theme, "booklet", "table", "body").length("size")
    least = Table(theme, "booklet", "table").length("min_size")
    document = pdfium.PdfDocument(str(pdf))
    sizes: list[float] = []
    try:
        for index in range(len(document)):
            page = document[index].get_textpage()
            search = page.search("Hyesan-Changbai")
            found = search.get_next()
            while found:
                sizes.append(raw.FPDFText_GetFontSize(page.raw, found[0]))
                found = search.get_next()
    finally:
        document.close()
    assert len(sizes) == 2  # in the header row, then in the body row
    in_header, in_body = sizes
    assert least - 0.01 <= in_body < body - 0.4
    assert in_header / header == pytest.approx(in_body / body, abs=0.01)  # scaled alike


def test_a_table_that_cannot_fit_at_the_smallest_size_is_warned_about(
    built: tuple[Path, str], pdf: Path
) -> None:
    _pdf, output = built
    assert "this table is too wide for the page even at 6.5 pt" in " ".join(output.split())
    text = squash(" ".join(_pages(pdf)))
    for word in WIDE:  # broken across lines, never cut off
        assert squash(word) in text


def test_fonts_are_embedded(pdf: Path) -> None:
    fonts = embedded_fonts(PdfReader(pdf))
    assert all(fonts.values()), fonts
    assert any(name.endswith("NotoSansMono-Regular") for name in fonts)


# --- code ----------------------------------------------------------------------------------


def _code_text(pdf: Path, first_line: str, last_line: str) -> str:
    """The text from ``first_line`` to ``last_line`` as pypdf reads it, across pages, without
    the running heads and folios between pages."""
    texts = _pages(pdf)
    joined: list[str] = []
    inside = False
    for text in texts:
        for line in text.split("\n"):
            if line.startswith(first_line):
                inside = True
            if inside:
                joined.append(line)
            if inside and line.endswith(last_line):
                return "\n".join(joined)
    raise AssertionError(f"{first_line!r} ... {last_line!r} not found")


def test_code_comes_back_verbatim_with_straight_quotes_and_spaces(pdf: Path) -> None:
    expected = CODE.expandtabs(4)
    got = _code_text(pdf, "# the message", 'visible mark"')
    # the long line was wrapped at a character: the page has one line break more, no other change
    assert got.replace("\n", "") == expected.replace("\n", "")
    lines = got.split("\n")
    for line in expected.split("\n")[:3]:
        assert line in lines  # short lines are lines of their own, spaces and all
    assert any(line.startswith('    print(f"{stage}: safe")   # a tab') for line in lines)
    assert '"exactly"' in got and "'Shenyang'" in got and "--" in got and "..." in got
    assert not re.search("[\u201c\u201d\u2018\u2019\u2014\u2026\u21aa\u2192]", got)


def test_code_is_set_in_the_mono_font_on_its_tinted_ground(pdf: Path, drawn: list[Mark]) -> None:
    grounds = _grounds(drawn, pdf)
    assert grounds
    inside = [
        m
        for m in drawn
        if m.kind == "glyph"
        and any(
            p == m.page and x0 <= m.x <= x1 and y0 <= m.y <= y1 for p, x0, y0, x1, y1 in grounds
        )
    ]
    assert len(inside) > 500
    assert {m.font for m in inside} == {"NotoSansMono-Regular", "NanumGothic"}
    outside = {m.font for m in drawn if m.kind == "glyph" and m not in inside}
    assert "NotoSansMono-Regular" not in outside


def test_a_wrapped_code_line_carries_a_drawn_mark_not_a_character(
    pdf: Path, drawn: list[Mark]
) -> None:
    theme = load_theme("default")
    from reportlab.lib.colors import HexColor

    muted = HexColor(theme.colours[Table(theme, "booklet", "code").colour("mark_colour")])
    colour = ("rg", tuple(round(v, 4) for v in (muted.red, muted.green, muted.blue)))
    grounds = _grounds(drawn, pdf)
    arrows = [
        m
        for m in drawn
        if m.kind == "stroke"
        and m.colour == colour
        and any(
            p == m.page and x0 <= m.x <= x1 and y0 <= m.y <= y1 for p, x0, y0, x1, y1 in grounds
        )
    ]
    assert len(arrows) >= 2  # the two long lines of CODE wrap
    assert "\u21aa" not in " ".join(_pages(pdf))


def test_a_long_listing_splits_across_pages_on_its_ground_with_every_line(
    pdf: Path, drawn: list[Mark]
) -> None:
    got = _code_text(pdf, "line_000", "line_119 = 119 * 'x'  # kept")
    lines = [line for line in got.split("\n") if line.startswith("line_")]
    assert lines == LONG_CODE.split("\n")
    pages = {i for i, text in enumerate(_pages(pdf)) if "line_0" in text or "line_1" in text}
    assert len(pages) >= 2
    assert {i + 1 for i in pages} <= {page for page, *_ in _grounds(drawn, pdf)}


def test_large_print_keeps_tables_and_code_large(tmp_path: Path) -> None:
    """The large-print theme's promise holds for tables and code too: nothing a reader reads
    on a story page shrinks below 14 pt (the running heads' 12 pt aside)."""
    import pypdfium2.raw as raw

    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "t.md").write_text(_story(), "utf-8")
    out = tmp_path / "large.pdf"
    result = CliRunner().invoke(
        main,
        ["booklet", str(tmp_path / "src"), "-o", str(out), "--theme", "large-print"],
    )
    assert result.exit_code == 0, result.output
    document = pdfium.PdfDocument(str(out))
    sizes: set[float] = set()
    try:
        for index in range(3, len(document) - 1):
            page = document[index].get_textpage()
            for char in range(page.count_chars()):
                if page.get_text_range(char, 1).strip():
                    sizes.add(round(raw.FPDFText_GetFontSize(page.raw, char), 1))
    finally:
        document.close()
    assert min(sizes - {12.0}) >= 14.0, sorted(sizes)
