"""Tables become native PowerPoint tables, fitted like other text and continued under a
repeated header; code is set as written in the monospaced font, never reflowed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.util import Emu

from makedocs.deck.style import deck_style
from makedocs.model import (
    CodeBlock,
    Collection,
    Heading,
    Metadata,
    Paragraph,
    Source,
    Story,
    Strong,
    Table,
    Text,
    plain_text,
)
from makedocs.theme import load_theme
from tests.deck.conftest import render
from tests.deck.measure import measure, mono
from tests.deck.test_libreoffice import SOFFICE, outside, to_pdf
from tests.deck.test_render import fitted

S = Source("s.md", 1)
STYLE = deck_style(load_theme("default"))
HEADER = ((Text("Year"),), (Strong((Text("What happened"),)),), (Text("People"),))
ROWS = tuple(
    (
        (Text(str(1990 + n)),),
        (Text(f"Event {n}: " + "a crossing that took many nights and several guides " * (n % 3)),),
        (Text(f"{n * 37}"),),
    )
    for n in range(16)
)
SMALL = Table(
    ((Text("Name"),), (Text("Role"),)),
    (((Text("Mina"),), (Text("broker"),)), ((Text("Jun"),), (Text("guide"),))),
    ("", "right"),
    S,
)
LONG_LINE = "    result = cross(river, at=night, guide=trusted, " + "waiting=True, " * 12 + ")"
CODE = (
    "def escape(route):\n\tfor step in route:\n"
    + LONG_LINE
    + "\n"
    + "\n".join(f"    step_{n}()" for n in range(40))
)


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    story = Story(
        "Tables and Code",
        (
            Paragraph((Text("What the numbers say."),), S),
            SMALL,
            Heading(2, (Text("The years"),), S),
            Table(HEADER, ROWS, ("left", "", "right"), S),
            Heading(2, (Text("The program"),), S),
            CodeBlock(CODE, "python", S),
        ),
        S,
    )
    out = tmp_path_factory.mktemp("tables") / "deck.pptx"
    return render(Collection(Metadata(title="T", organisation="O"), (story,)), out)[0]


def tables(prs: Presentation) -> list[tuple[int, object]]:
    return [
        (n, shape)
        for n, slide in enumerate(prs.slides, start=1)
        for shape in slide.shapes
        if shape.has_table
    ]


def cells(frame: object) -> list[list[str]]:
    return [[c.text_frame.text for c in row.cells] for row in frame.table.rows]  # type: ignore[attr-defined]


def test_a_table_is_a_native_table_with_its_header_row_marked(deck: Path) -> None:
    prs = Presentation(str(deck))
    found = tables(prs)
    first = found[0][1]
    assert first.element.find(".//{*}graphicData/{*}tbl") is not None
    assert first.table.first_row
    assert cells(first) == [["Name", "Role"], ["Mina", "broker"], ["Jun", "guide"]]
    second_row = first.element.findall(".//{*}tbl/{*}tr")[1]
    aligned = [tc.find("{*}txBody/{*}p/{*}pPr").get("algn") for tc in second_row.iter("{*}tc")]
    assert aligned == ["l", "r"]  # the columns' alignment
    header_runs = [
        r for c in first.table.rows[0].cells for p in c.text_frame.paragraphs for r in p.runs
    ]
    assert all(r.font.bold for r in header_runs)


def test_rows_that_do_not_fit_continue_under_a_repeated_header(deck: Path) -> None:
    prs = Presentation(str(deck))
    years = [(n, f) for n, f in tables(prs) if cells(f)[0][0] == "Year"]
    assert len(years) >= 2  # the long table continues on another slide
    body: list[list[str]] = []
    for _, frame in years:
        rows = cells(frame)
        assert rows[0] == ["Year", "What happened", "People"]
        body += rows[1:]
    assert body == [[plain_text(c) for c in row] for row in ROWS]  # every row, in order, once
    titles = [prs.slides[n - 1].shapes.title.text_frame.text for n, _ in years]
    assert titles[0] == "The years" and titles[1] == "The years\u00a0(cont.)"


def test_no_table_overflows_by_measurement(deck: Path) -> None:
    prs = Presentation(str(deck))
    m = measure()
    pad_x, pad_y = STYLE.table.padding_x, STYLE.table.padding_y
    for n, frame in tables(prs):
        assert frame.top + frame.height <= prs.slide_height and frame.left >= 0
        assert frame.left + frame.width <= prs.slide_width
        grid = frame.table
        assert sum(c.width for c in grid.columns) == frame.width
        layout_body = prs.slides[n - 1].slide_layout.placeholders[1]
        assert frame.top + sum(r.height for r in grid.rows) <= layout_body.top + layout_body.height
        for r, row in enumerate(grid.rows):
            for c, cell in enumerate(row.cells):
                runs = [run for p in cell.text_frame.paragraphs for run in p.runs]
                size = runs[0].font.size.pt
                assert size >= STYLE.body.min
                style = "bold" if runs[0].font.bold else "regular"
                width = Emu(grid.columns[c].width).pt - 2 * pad_x
                lines = m.lines(cell.text_frame.text, style, size, width)
                need = len(lines) * size * m.line_height(style) * STYLE.table.line_spacing
                assert need + 2 * pad_y <= Emu(row.height).pt, (n, r, c)


def test_code_is_set_as_written_in_the_monospaced_font(deck: Path) -> None:
    prs = Presentation(str(deck))
    code = [s for s in prs.slides if s.shapes.title.text_frame.text.startswith("The program")]
    assert len(code) >= 2  # 43 lines continue on a second slide
    shown: list[str] = []
    for slide in code:
        body = next(sh for sh in slide.placeholders if sh.placeholder_format.idx == 1)
        for para in body.text_frame.paragraphs:
            assert {r.font.name for r in para.runs} == {STYLE.code.typeface}
            shown.append("".join(r.text for r in para.runs))
    marker = STYLE.code.wrap_marker
    wrapped = [n for n, line in enumerate(shown) if line.startswith(marker)]
    assert wrapped  # the long line is wrapped with a visible marker, at the floor size
    rejoined: list[str] = []
    for line in shown:
        if line.startswith(marker):
            rejoined[-1] += line[len(marker) :]
        else:
            rejoined.append(line)
    assert rejoined == CODE.expandtabs(STYLE.code.tab).split("\n")  # as written: indents kept
    assert fitted(deck) == []  # code measured with the monospaced font
    m = mono()
    for slide in code:
        body = next(sh for sh in slide.placeholders if sh.placeholder_format.idx == 1)
        width = Emu(body.width).pt
        for para in body.text_frame.paragraphs:
            size = para.runs[0].font.size.pt
            assert size == STYLE.body.min  # shrunk to the floor before anything wrapped
            assert m.width("".join(r.text for r in para.runs), "regular", size) <= width


def test_notes_carry_the_table_and_the_code(deck: Path) -> None:
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in Presentation(str(deck)).slides)
    assert "Mina\tbroker" in notes and "1995\tEvent 5" in notes
    assert "def escape(route):" in notes and "step_39()" in notes


def test_a_short_code_block_keeps_a_larger_size(tmp_path: Path) -> None:
    story = Story("Code", (CodeBlock("print('hello')\n", "python", S),), S)
    out, _ = render(Collection(Metadata(title="T"), (story,)), tmp_path / "d.pptx")
    prs = Presentation(str(out))
    runs = [
        r
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for r in p.runs
        if r.text == "print('hello')"
    ]
    assert len(runs) == 1 and runs[0].font.size.pt == STYLE.code.size


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_renders_tables_and_code_inside_the_slides(deck: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = to_pdf(deck, tmp_path)
    reader = PdfReader(pdf)
    assert len(reader.pages) == len(Presentation(str(deck)).slides)
    assert outside(pdf) == []
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "What happened" in text and "Mina" in text and "step_39()" in text


_word = st.one_of(
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
    st.sampled_from(["우리는", "2024", "—", "https://example.org/a/b"]),
    st.text("w", min_size=25, max_size=80),  # unbreakable
)
_cell = st.lists(_word, min_size=0, max_size=30).map(lambda ws: (Text(" ".join(ws)),))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    columns=st.integers(1, 7),
    data=st.data(),
)
def test_no_table_overflows_whatever_its_cells(columns: int, data: st.DataObject) -> None:
    import tempfile

    header = tuple(data.draw(st.lists(_cell, min_size=columns, max_size=columns)))
    rows = data.draw(st.lists(st.lists(_cell, min_size=1, max_size=columns), max_size=25))
    table = Table(header, tuple(tuple(r) for r in rows), ("",) * columns, S)
    story = Story("T", (table,), S)
    with tempfile.TemporaryDirectory() as folder:
        out, _ = render(Collection(Metadata(title="T"), (story,)), Path(folder) / "d.pptx")
        prs = Presentation(str(out))
        shown = []
        for n, frame in tables(prs):
            body = prs.slides[n - 1].slide_layout.placeholders[1]
            assert frame.top + sum(r.height for r in frame.table.rows) <= body.top + body.height
            assert frame.left + frame.width <= prs.slide_width
            shown += cells(frame)[1:]
        assert len(tables(prs)) >= 1
        # every character of every column, in order (a row cut across slides continues
        # in the next row, each piece marked with an ellipsis)
        for column in range(columns):
            got = "".join(row[column] for row in shown if column < len(row))
            want = "".join(plain_text(r[column]) for r in rows if column < len(r))
            assert _bare(got) == _bare(want)


def _bare(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and c != "…")


def test_a_table_under_a_long_title_starts_below_it(tmp_path: Path) -> None:
    long = " ".join(f"Heading{n}" for n in range(30))
    story = Story("T", (Heading(2, (Text(long),), S), SMALL), S)
    out, _ = render(Collection(Metadata(title="T"), (story,)), tmp_path / "d.pptx")
    prs = Presentation(str(out))
    (n, frame), *_ = tables(prs)
    title = prs.slides[n - 1].shapes.title
    assert frame.top >= title.top + title.height
    assert frame.top + frame.height <= prs.slide_height


def test_tables_and_code_from_markdown(tmp_path: Path) -> None:
    """The Markdown parser's GFM tables and fenced code, end to end through the CLI."""
    from tests.conftest import FIXTURES
    from tests.deck.conftest import build_deck

    source = FIXTURES / "markdown" / "tables-and-code.md"
    out, _ = build_deck(tmp_path / "d.pptx", sources=(source,))
    prs = Presentation(str(out))
    found = tables(prs)
    assert [cells(f)[0] for _, f in found] == [["Year", "Route", "Days"], ["Name", "Note"]]
    first, second = (prs.slides[n - 1] for n, _ in found)
    assert first.shapes.title.text_frame.text == "Routes out of the north"  # the caption
    assert second.shapes.title.text_frame.text == "The people in this story"
    italic = [
        r.text for p in first.shapes.title.text_frame.paragraphs for r in p.runs if r.font.italic
    ]
    assert italic == ["out"]
    route = found[0][1].table.cell(1, 1).text_frame.paragraphs[0]
    assert [r.text for r in route.runs if r.font.bold] == ["train"]
    link = found[0][1].table.cell(3, 1).text_frame.paragraphs[0].runs[0]
    assert link.hyperlink.address == "https://example.org/routes"
    code = [
        p
        for s in prs.slides
        for sh in s.placeholders
        if sh.has_text_frame
        for p in sh.text_frame.paragraphs
        if p.runs and {r.font.name for r in p.runs} == {STYLE.code.typeface}
    ]
    lines = ["".join(r.text for r in p.runs) for p in code]
    assert 'route = ["Hyesan", \'Shenyang\']  # "quoted" -- as written...' in lines
    assert "    if route:  # a tab, and    spaces" in lines  # the tab expanded, spaces kept
    assert 'indented = "code"' in lines
    assert fitted(out) == []
