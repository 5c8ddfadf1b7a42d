"""Everything fits: glyph positions read back inside the margins, no text on text, fields that
shrink within the theme's limits, and a message naming the field when they cannot."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.handout.reading import EDGE, Sheet, csv_file, handout, pages_text, qr_codes, words
from tests.pdfcheck import marks

SHORT = "Hall"
LONG = "The Grand Auditorium of the Metropolitan Museum of Art and Natural History, East Wing"
LONGER = f"{LONG}, Second Floor, Through the Courtyard Behind the Sculpture Garden"
ROW = (
    "Beyond Utopia screening,2027-02-11,7:00 PM,{venue},1 College Ave,Campus chapter,{url},{notes}"
)


def _events(tmp_path: Path, venue: str, notes: str = "Doors open at 6:30 PM") -> Path:
    url = "https://www.example.org/events/union"
    return csv_file(tmp_path, [ROW.format(venue=f'"{venue}"', url=url, notes=notes)])


def _cuts(sheet: Sheet, up: int) -> tuple[list[float], list[float]]:
    """Where the sheet is cut: x of vertical cuts, y of horizontal ones."""
    if up == 1:
        return [], []
    if up == 2:
        return [sheet.width / 2], []
    return [sheet.width / 2], [sheet.height / 2]


def _overlapping(sheet: Sheet) -> list[tuple[str, str]]:
    """Pairs of words whose glyphs overlap. Boxes run from ascent to descent, which tight
    display leading lets touch, so only the middle half of each box's height counts."""
    found = []
    boxes = []
    for word in sheet.words:
        quarter = (word.y1 - word.y0) / 4
        boxes.append((word, word.x0 + 0.3, word.y0 + quarter, word.x1 - 0.3, word.y1 - quarter))
    for i, (a, ax0, ay0, ax1, ay1) in enumerate(boxes):
        for b, bx0, by0, bx1, by1 in boxes[i + 1 :]:
            if ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1:
                found.append((a.text, b.text))
    return found


@pytest.mark.parametrize("up", [1, 2, 4])
@pytest.mark.parametrize("page_size", ["letter", "a4"])
@pytest.mark.parametrize("venue", [SHORT, LONG])
def test_every_glyph_is_inside_the_margins_and_no_text_overlaps(
    tmp_path: Path, up: int, page_size: str, venue: str
) -> None:
    events = _events(tmp_path, venue)
    out = tmp_path / "handout.pdf"
    args = ["-o", str(out), "--events", str(events), "--page-size", page_size, "--back"]
    result = handout(*args, "--up", str(up))
    assert result.exit_code == 0, result.output
    sheets = words(out)
    assert len(sheets) == 2  # front and back
    for sheet in sheets:
        assert sheet.words
        cut_x, cut_y = _cuts(sheet, up)
        for word in sheet.words:
            assert word.x0 >= EDGE - 0.01 and word.y0 >= EDGE - 0.01, word
            assert word.x1 <= sheet.width - EDGE + 0.01, word
            assert word.y1 <= sheet.height - EDGE + 0.01, word
            for x in cut_x:  # a flyer's text keeps 0.25in from the cut, too
                assert word.x1 <= x - EDGE + 0.01 or word.x0 >= x + EDGE - 0.01, word
            for y in cut_y:
                assert word.y1 <= y - EDGE + 0.01 or word.y0 >= y + EDGE - 0.01, word
        assert not _overlapping(sheet)
    text = " ".join(w.text for w in sheets[0].words)
    assert text.count("Thursday,") == up  # n complete copies


@pytest.mark.parametrize("up", [2, 4])
def test_an_n_up_sheet_holds_n_complete_copies_with_codes_that_scan(
    tmp_path: Path, up: int
) -> None:
    events = _events(tmp_path, SHORT)
    out = tmp_path / "handout.pdf"
    assert handout("-o", str(out), "--events", str(events), "--up", str(up)).exit_code == 0
    (text,) = pages_text(out)
    for value in ("Beyond Utopia", "Thursday, February 11, 2027", "Hall", "1 College Ave"):
        assert text.count(value) >= up, value
    assert text.count("Help North Korean refugees reach freedom.") == up
    assert qr_codes(out, scale=5) == ["https://www.example.org/events/union"] * up
    page = PdfReader(out).pages[0]
    landscape = float(page.mediabox.width) > float(page.mediabox.height)
    assert landscape == (up == 2)  # two portrait halves side by side
    strokes = [m for m in marks(PdfReader(out)) if m.kind == "stroke"]
    assert len(strokes) == (2 if up == 2 else 6)  # cut marks (and a cross where cuts meet)


def _venue_size(path: Path) -> float:
    """The largest size any glyph of the venue's face (Noto Serif Bold) is set in."""
    sizes = [m.size for m in marks(PdfReader(path)) if m.font == "NotoSerif-Bold"]
    return max(sizes)


def test_a_long_venue_wraps_and_shrinks_within_the_themes_limits(tmp_path: Path) -> None:
    from makedocs.theme import load_theme

    venue = load_theme().handout["event"]["venue"]
    largest = float(venue["size"].removesuffix("pt"))
    smallest = float(venue["min_size"].removesuffix("pt"))
    sizes = {}
    for name, text in (("short", SHORT), ("long", LONGER)):
        folder = tmp_path / name
        folder.mkdir()
        out = folder / "handout.pdf"
        assert handout("-o", str(out), "--events", str(_events(folder, text))).exit_code == 0
        sizes[name] = _venue_size(folder / "handouts" / f"2027-02-11-{_slug(text)}.pdf")
        assert " ".join(text.split()[-3:]) in pages_text(out)[0].replace("\n", " ")
    assert sizes["short"] == largest
    assert smallest <= sizes["long"] < largest


def _slug(text: str) -> str:
    from makedocs.handout.events import slug

    return slug(text)


def test_a_venue_too_long_to_fit_exits_1_naming_it(tmp_path: Path) -> None:
    venue = " ".join(["Auditorium"] * 40)
    events = _events(tmp_path, venue)
    result = handout("-o", str(tmp_path / "h.pdf"), "--events", str(events))
    assert result.exit_code == 1
    assert f"{events}:2: venue is too long for the handout" in result.output
    assert "shorten it" in result.output
    assert not list(tmp_path.rglob("*.pdf")) and not list(tmp_path.rglob(".*.part"))
    result = handout("-o", str(tmp_path / "h.pdf"), "--date", "2027-02-11", "--venue", venue)
    assert result.exit_code == 1 and "makedocs: --venue is too long" in result.output


def test_long_notes_that_leave_no_room_name_the_field(tmp_path: Path) -> None:
    notes = " ".join(["Bring a friend."] * 30)
    events = _events(tmp_path, SHORT, notes=notes)
    result = handout("-o", str(tmp_path / "h.pdf"), "--events", str(events))
    assert result.exit_code == 1 and f"{events}:2: notes is too long" in result.output


def test_a_code_too_small_to_scan_at_4_up_is_refused(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.toml").write_text('[handout.qr]\nsize = "26mm"\n', "utf-8")
    args = ["-o", str(tmp_path / "h.pdf"), "--theme", str(theme)]
    result = handout(*args, "--up", "4")
    assert result.exit_code == 1
    assert "at 4 up the QR code on the front would be 13.0mm wide" in result.output
    assert handout(*args, "--up", "2").exit_code == 0  # 26mm x 0.65 = 16.8mm still scans


def test_a_code_under_25mm_is_a_theme_error_at_its_line(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.toml").write_text('\n[handout.qr]\nsize = "20mm"\n', "utf-8")
    result = handout("-o", str(tmp_path / "h.pdf"), "--theme", str(theme))
    assert result.exit_code == 1
    assert f"{theme / 'theme.toml'}:3: [handout.qr] size: must be at least 25mm" in result.output


def _story(tmp_path: Path, body: str, front: str = "") -> Path:
    (tmp_path / "stories").mkdir()
    story = tmp_path / "stories" / "story.md"  # never beside the output: a source's folder
    story.write_text(f"---\ntitle: A Night Crossing\n{front}---\n\n{body}\n", "utf-8")
    return story


def test_the_opening_paragraphs_are_trimmed_at_a_sentence_end(tmp_path: Path) -> None:
    sentences = [f"Sentence number {n} tells of the river crossing at night." for n in range(60)]
    paragraphs = "\n\n".join(" ".join(sentences[i : i + 6]) for i in range(0, 60, 6))
    story = _story(tmp_path, paragraphs)
    out = tmp_path / "handout.pdf"
    result = handout("-o", str(out), sources=(str(story),))
    assert result.exit_code == 0, result.output
    (text,) = pages_text(out)
    shown = [n for n in range(60) if f"Sentence number {n} tells" in text]
    assert shown == list(range(len(shown))) and 2 <= len(shown) < 60
    last = shown[-1]
    assert f"Sentence number {last} tells of the river crossing at night." in text
    assert "A Night Crossing" in text


def test_a_front_matter_summary_is_used_and_a_story_without_quotes_has_none(
    tmp_path: Path,
) -> None:
    story = _story(
        tmp_path,
        "The first paragraph is not the summary.",
        front="summary: Three families, one border, and the night they crossed it.\n",
    )
    out = tmp_path / "handout.pdf"
    assert (
        handout(
            "-o", str(out), "--date", "2027-02-11", "--venue", "Hall", sources=(str(story),)
        ).exit_code
        == 0
    )
    (text,) = pages_text(out)
    assert "Three families, one border, and the night they crossed it." in text
    assert "The first paragraph" not in text and "“" not in text
    fills = [m for m in marks(PdfReader(out)) if m.kind == "fill" and m.text.startswith("3.00x")]
    assert not fills  # no quotation, so no bar down its side


def test_a_pull_quote_is_used_with_its_attribution(tmp_path: Path) -> None:
    story = _story(
        tmp_path,
        'Some words first.\n\n"We walked for nine days."\n\n— Mina, who crossed in 2019',
    )
    out = tmp_path / "handout.pdf"
    assert handout("-o", str(out), sources=(str(story),)).exit_code == 0
    (text,) = pages_text(out)
    assert "“We walked for nine days.”" in text
