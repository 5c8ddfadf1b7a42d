"""What a careful reader notices in the booklet, read back from the PDFs.

Glyph positions come from the content streams (tests.pdfcheck.marks), words and lines from
poppler (``pdftotext -bbox-layout``) and pypdf: the drop cap, text extraction of the capped
word, hyphenation, contents entries, balanced titles, the head of each page, word spacing
and how every PDF opens in a viewer.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from makedocs.booklet.render import BookletOptions, render_booklet
from makedocs.build import load_collection
from makedocs.config import load_settings
from makedocs.context import BuildContext
from makedocs.errors import Warned
from makedocs.fonts import FontBook
from makedocs.model import Collection
from makedocs.theme import Theme, load_theme
from makedocs.typesetting.values import Table
from tests.booklet.conftest import CONFIG
from tests.conftest import SEED
from tests.pdfcheck import Mark, marks

SETTINGS = load_settings(CONFIG)
THEME = load_theme("default")
BODY = Table(THEME, "booklet", "body")
BODY_SIZE = BODY.length("size")
LEADING = BODY.length("leading", em=BODY_SIZE)
CAP_LINES = int(Table(THEME, "booklet", "drop_cap").number("lines", whole=True))
MAX_WORD_SPACE = BODY.number("max_word_space")


# --- building and reading ------------------------------------------------------------------


def _collection(folder: Path, stories: dict[str, str], language: str = "en") -> Collection:
    """Markdown stories (file stem -> text) written into ``folder`` and loaded as a build does,
    in ``language``."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in stories.items():
        (folder / f"{stem}.md").write_text(text, "utf-8")
    collection = load_collection([folder], SETTINGS, Warned())
    return replace(collection, meta=replace(collection.meta, language=language))


def _booklet(collection: Collection, theme: Theme = THEME, *, recto: bool = False) -> bytes:
    out = io.BytesIO()
    options = BookletOptions(recto=recto)
    render_booklet(collection, BuildContext.create(theme), out, options)
    return out.getvalue()


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    x1: float
    top: float  # from the top of the page, as poppler gives it
    bottom: float


@dataclass(frozen=True)
class Line:
    page: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def height(self) -> float:
        return max(w.bottom - w.top for w in self.words)


def _lines(pdf: bytes, tmp_path: Path) -> dict[int, list[Line]]:
    """Every text line poppler finds, by page (1-based), top to bottom."""
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, check=True
    ).stdout
    root = etree.fromstring(xml, etree.HTMLParser(encoding="utf-8"))
    found: dict[int, list[Line]] = {}
    for number, page in enumerate(root.iter("page"), start=1):
        lines = []
        for line in page.iter("line"):
            words = tuple(
                Word(
                    number,
                    word.text or "",
                    float(word.get("xmin")),
                    float(word.get("xmax")),
                    float(word.get("ymin")),
                    float(word.get("ymax")),
                )
                for word in line.iter("word")
            )
            if words:
                lines.append(Line(number, words))
        found[number] = sorted(lines, key=lambda line: (round(line.top, 1), line.x0))
    return found


def _body_lines(lines: list[Line], text_top: float, text_bottom: float) -> list[Line]:
    """Lines inside the text block, with body-sized type (not titles, heads or folios)."""
    return [
        line
        for line in lines
        if text_top - 1 <= line.top <= text_bottom and line.height < BODY_SIZE * 1.6
    ]


def _text_block() -> tuple[float, float]:
    size = Table(THEME, "booklet", "letter")
    margins = Table(THEME, "booklet", "margins")
    height = size.length("height")
    return margins.length("top"), height - margins.length("bottom")


def _story_pages(pdf: bytes) -> list[int]:
    reader = PdfReader(io.BytesIO(pdf))
    return [reader.get_destination_page_number(item) + 1 for item in reader.outline[1:]]


# --- the drop cap --------------------------------------------------------------------------


def _split(text: str) -> list[str]:
    return text.split()


_FILLER = _split(
    "we walked for three nights before we reached the river where the water ran cold and fast "
    "and my mother held my hand the whole way across while my brother carried our bag"
)
_LONG = _split(
    "extraordinarily uncomfortable circumstances notwithstanding, international organisations "
    "systematically underestimated administrative responsibilities"
)


def _words(count: int, pool: list[str], offset: int) -> str:
    return " ".join(pool[(offset + i) % len(pool)] for i in range(count))


#: Opening paragraphs of several shapes: plain, opening with a quotation mark, with a
#: one-letter first word, in long words, and after an epigraph.
SHAPES = {
    "plain": lambda n: f"Sharing {_words(n - 1, _FILLER, 0)}.",
    # (not a pull quote: the paragraph goes on after the quotation)
    "quoted": lambda n: f"“The {_words(max(n - 3, 0), _FILLER, 3)},” she said.",
    "letter": lambda n: f"I {_words(n - 1, _FILLER, 5)}.",
    "long": lambda n: f"Negotiations {_words(n - 1, _LONG, 1)}.",
    "epigraph": lambda n: (
        "> “We knew exactly where he was.”\n> — A mother from Hyesan\n\n"
        f"Sharing {_words(n - 1, _FILLER, 7)}."
    ),
}


def _cap_and_lines(found: list[Mark], page: int) -> tuple[list[Mark], list[tuple[float, float]]]:
    """The drop cap glyphs of ``page`` and its body-size lines as (baseline, start x), top down."""
    glyphs = [m for m in found if m.page == page and m.kind == "glyph"]
    caps = [m for m in glyphs if m.size > 24.5]  # larger than the 23pt titles
    rows: dict[float, float] = {}
    for m in glyphs:
        if abs(m.size - BODY_SIZE) < 0.01:
            y = round(m.y, 1)
            rows[y] = min(rows.get(y, m.x), m.x)
    return caps, sorted(rows.items(), reverse=True)


@pytest.fixture(scope="module")
def openings(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[str]]:
    """One story per opening shape and length, each a single paragraph on its own page."""
    folder = tmp_path_factory.mktemp("openings")
    stories = {}
    for shape, make in SHAPES.items():
        for n in [*range(1, 30, 2), *range(30, 150, 8)]:
            stories[f"{shape}-{n:03d}"] = f"---\ntitle: {shape} {n}\n---\n\n{make(n)}\n"
    collection = _collection(folder, stories)
    return _booklet(collection), [story.title for story in collection.stories]


def test_the_drop_cap_spans_exactly_its_lines_for_every_opening_length(
    openings: tuple[bytes, list[str]],
) -> None:
    pdf, titles = openings
    found = marks(PdfReader(io.BytesIO(pdf)))
    seen: dict[str, set[int]] = defaultdict(set)
    for title, page in zip(titles, _story_pages(pdf), strict=True):
        shape = title.split()[0]
        caps, lines = _cap_and_lines(found, page)  # an epigraph is smaller: not among lines
        count = len(lines)
        seen[shape].add(count)
        if count == 1:
            assert not caps, (title, "a one-line opening takes no drop cap")
            continue
        spanned = min(CAP_LINES, count)
        assert caps, title
        cap_x = min(c.x for c in caps)
        cap_baseline = min(c.y for c in caps)
        starts = [x for _y, x in lines]
        baselines = [y for y, _x in lines]
        # Every slot beside the cap holds a line, all indented alike past the cap ...
        assert all(abs(x - starts[0]) < 0.05 for x in starts[:spanned]), (title, starts)
        assert starts[0] > cap_x + 5, (title, starts[0], cap_x)
        # ... the cap's baseline is that of the last line beside it ...
        assert cap_baseline == pytest.approx(baselines[spanned - 1], abs=0.05), title
        # ... no slot is left empty: the lines follow one leading apart ...
        steps = [a - b for a, b in zip(baselines, baselines[1:], strict=False)]
        assert all(step == pytest.approx(LEADING, abs=0.05) for step in steps), (title, steps)
        # ... and the first line below the cap is full width, flush with the cap.
        for x in starts[spanned:]:
            assert x == pytest.approx(cap_x, abs=0.05), (title, starts)
    # The lengths tried gave openings of 1 to 12 lines in plain text, and short and long
    # openings in every other shape.
    assert set(range(1, 13)) <= seen["plain"], sorted(seen["plain"])
    for shape, counts in seen.items():
        assert set(range(1, 9)) <= counts, (shape, sorted(counts))


def test_a_cap_shrinks_with_the_paragraph_and_never_hangs_below_it(
    openings: tuple[bytes, list[str]],
) -> None:
    pdf, titles = openings
    found = marks(PdfReader(io.BytesIO(pdf)))
    sizes: dict[int, set[float]] = defaultdict(set)
    for title, page in zip(titles, _story_pages(pdf), strict=True):
        caps, lines = _cap_and_lines(found, page)
        if caps and title.startswith("plain"):
            spanned = min(CAP_LINES, len(lines))
            sizes[spanned].add(round(caps[0].size, 2))
            assert min(c.y for c in caps) >= lines[-1][0] - 0.05, title
    assert set(sizes) == set(range(2, CAP_LINES + 1))
    assert all(len(s) == 1 for s in sizes.values()), sizes
    ordered = [next(iter(sizes[k])) for k in sorted(sizes)]
    assert ordered == sorted(ordered) and len(set(ordered)) == len(ordered)


@pytest.mark.parametrize(
    ("opening", "first"),
    [
        ("Sharing visuals from the field has always been a dilemma for us.", "Sharing"),
        ("“The police bugged our phone,” she said, so we spoke in code.", "“The"),
        ("I went to the river every night that winter to watch the far bank.", "I"),
    ],
)
def test_text_extraction_reads_the_capped_word_whole(
    tmp_path: Path, opening: str, first: str
) -> None:
    long = f"{opening} {_words(80, _FILLER, 2)}."
    pdf = _booklet(_collection(tmp_path / "src", {"one": f"---\ntitle: One\n---\n\n{long}\n"}))
    page = _story_pages(pdf)[0]
    expected = " ".join(opening.split()[:3])
    # pypdf (which ignores marked content) reads the cap in line with its word ...
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[page - 1].extract_text().split())
    assert expected in text, text[:300]
    # ... and poppler (which reads /ActualText) the word, once, where the line begins.
    path = tmp_path / "b.pdf"
    path.write_bytes(pdf)
    for layout in ([], ["-raw"]):
        out = subprocess.run(
            ["pdftotext", *layout, "-f", str(page), "-l", str(page), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        joined = " ".join(out.split())
        assert joined.count(expected) == 1, (layout, joined[:300])
        letter = len(first) - len(first.lstrip("“")) + 1  # the cap: the letter and its quote
        if len(first) > letter:  # never read apart ("S haring") ...
            assert f"{first[:letter]} {first[letter:]}" not in joined, (layout, joined[:300])


def test_pdfium_reads_the_capped_word_once(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = _booklet(_collection(tmp_path / "src", {"one": "---\ntitle: One\n---\n\nSharing it.\n"}))
    text = pdfium.PdfDocument(pdf)[_story_pages(pdf)[0] - 1].get_textpage().get_text_range()
    assert "Sharing it." in " ".join(text.split())


# --- hyphenation ---------------------------------------------------------------------------

_US_ONLY = {"signif", "signifi"}  # sig-nif-i-cant
_GB_ONLY = {"signi", "signific"}  # sig-ni-fic-ant
_PAD = ["a", "an", "the", "big", "old", "red", "rust-coloured"]


def _hyphenated(lines: list[Line]) -> list[tuple[str, str]]:
    """(head, tail) of every word broken with a hyphen at a line end, in reading order."""
    out = []
    for line, after in zip(lines, lines[1:], strict=False):
        last = line.words[-1].text
        if re.search(r"[a-z]-$", last) and after.words:
            out.append((last[:-1], after.words[0].text))
    return out


def _hyphen_test_story(*words: str, count: int = 160) -> str:
    # Words to break among fillers of every length, so line ends fall everywhere in them.
    parts = []
    for i in range(count):
        parts.append(words[i % len(words)])
        parts.extend(_PAD[: (i * 5) % (len(_PAD) + 1)])
    return " ".join(parts)


@pytest.mark.parametrize(
    ("language", "allowed", "refused"),
    [("en", _US_ONLY, _GB_ONLY), ("en-US", _US_ONLY, _GB_ONLY), ("en-GB", _GB_ONLY, _US_ONLY)],
)
def test_english_is_hyphenated_with_the_patterns_of_its_spelling(
    tmp_path: Path, language: str, allowed: set[str], refused: set[str]
) -> None:
    text = _hyphen_test_story("significant")
    collection = _collection(
        tmp_path / "src", {"s": f"---\ntitle: Words\n---\n\n{text}.\n"}, language
    )
    found = [
        (h, t)
        for page in _lines(_booklet(collection), tmp_path).values()
        for h, t in _hyphenated(page)
        if h.lower().startswith("sig")
    ]
    heads = {head for head, _tail in found}
    assert heads & allowed, found  # the word was broken, the way this spelling breaks it ...
    assert not heads & refused, found  # ... and never the other way


def test_korean_is_never_hyphenated(tmp_path: Path) -> None:
    text = _hyphen_test_story("significant")
    english = _collection(tmp_path / "en", {"s": f"---\ntitle: Words\n---\n\n{text}.\n"}, "en")
    korean = _collection(tmp_path / "ko", {"s": f"---\ntitle: Words\n---\n\n{text}.\n"}, "ko")
    assert any(_hyphenated(p) for p in _lines(_booklet(english), tmp_path).values())
    assert not any(_hyphenated(p) for p in _lines(_booklet(korean), tmp_path).values())


def test_every_break_leaves_three_letters_each_side_and_names_and_titles_stay_whole(
    tmp_path: Path,
) -> None:
    # "Panmunjeom" is in the running head (the story's title); "dilemma" would break as
    # "di-lemma"; "extraordinarily" breaks freely and shows that hyphenation is on.
    title = "Remembering Panmunjeom and Extraordinarily Unbreakable Negotiations"
    body = _hyphen_test_story("Panmunjeom", "extraordinarily", "dilemma", count=240)
    collection = _collection(tmp_path / "src", {"s": f"---\ntitle: {title}\n---\n\n{body}.\n"})
    pdf = _booklet(collection)
    pages = _lines(pdf, tmp_path)
    broken = [pair for page in pages.values() for pair in _hyphenated(page)]
    assert any(h.lower().startswith("extra") for h, _t in broken), broken
    for head, tail in broken:
        letters = re.sub(r"\W", "", tail)
        assert len(head) >= 3 and len(letters) >= 3, (head, tail)
        assert not head.startswith("Panmun"), (head, tail)
    # The title is balanced, never hyphenated, though its measure is narrow for its words.
    opener = pages[_story_pages(pdf)[0]]
    title_lines = [line for line in opener if line.height > BODY_SIZE * 1.8]
    assert len(title_lines) >= 3
    assert not any(line.text.endswith("-") for line in title_lines), title_lines


# --- contents and titles -------------------------------------------------------------------


def test_a_wrapped_contents_entry_has_its_page_number_on_its_last_line(tmp_path: Path) -> None:
    long = "A Long Walk Across the Border at Night in Winter With Our Mother and Brother"
    stories = {
        "a": f"---\ntitle: {long}\nsubtitle: A message in code\n---\n\nWe walked.\n",
        "b": "---\ntitle: Short\n---\n\nWe walked on.\n",
    }
    pdf = _booklet(_collection(tmp_path / "src", stories))
    contents = next(
        lines for lines in _lines(pdf, tmp_path).values() if lines and lines[0].text == "Contents"
    )
    numbers = [w for line in contents for w in line.words if re.fullmatch(r"\d+", w.text)]
    assert [int(n.text) for n in numbers] == _story_pages(pdf)
    titles = [line for line in contents if line.text not in ("Contents",) and line.x0 < 100]
    # The long title wraps; its number sits on the baseline of its last line, not its first.
    long_lines = [line for line in titles if any(w in line.text for w in ("Walk", "Brother"))]
    assert len(long_lines) >= 2
    assert numbers[0].bottom == pytest.approx(long_lines[-1].words[-1].bottom, abs=0.5)
    assert numbers[0].bottom - long_lines[0].words[0].bottom > 10  # not on the first line


def test_balanced_titles_keep_a_two_word_name_on_one_line(tmp_path: Path) -> None:
    stories = {
        "a": '---\ntitle: "Humans of North Korea: YuSung"\n---\n\nWe walked.\n',
        "b": "---\ntitle: The Long Road From South Korea Back Home\n---\n\nWe walked.\n",
    }
    pdf = _booklet(_collection(tmp_path / "src", stories))
    pages = _lines(pdf, tmp_path)
    for page in _story_pages(pdf):
        title = [line.text for line in pages[page] if line.height > BODY_SIZE * 1.8]
        assert len(title) >= 2, title  # balanced: the title does break ...
        for line, after in zip(title, title[1:], strict=False):
            # ... but never between "North" and "Korea", or "South" and "Korea"
            assert not (line.endswith(("North", "South")) and after.startswith("Korea")), title
        assert len(title[-1].split()) >= 2, title  # and its last line is not one word


# --- the head of each page -----------------------------------------------------------------


def _stress_stories() -> dict[str, str]:
    """Stories whose paragraphs of every length, one-word paragraphs, quotes with attributions
    and closing attributions fall across page ends at every line."""
    pool = _FILLER + _LONG
    stories = {}
    for n in range(24):
        body = []
        for b in range(4 + n % 5):
            size = [1, 2, 14, 30, 45, 70, 110, 160][(n + b * 3) % 8]
            body.append(f"{_words(size, pool, n * 7 + b).capitalize()}.")
            if (n + b) % 4 == 1:
                body.append(f"> {_words(20 + 9 * (n % 6), pool, b).capitalize()}.\n>\n> — Someone")
            if (n + b) % 6 == 2:
                body.append("Yes.")
        body.append("— Yusung Park, escaped North Korea in 2008")
        stories[f"{n:02d}"] = f"---\ntitle: Story {n}\n---\n\n" + "\n\n".join(body) + "\n"
    return stories


def test_no_page_begins_with_a_runt_or_a_lone_attribution(tmp_path: Path) -> None:
    pdf = _booklet(_collection(tmp_path / "src", _stress_stories()), recto=True)
    top, bottom = _text_block()
    openers = set(_story_pages(pdf))
    pages = _lines(pdf, tmp_path)
    checked = 0
    for page, lines in pages.items():
        body = _body_lines(lines, top, bottom)
        if page in openers or page < min(openers) or page == len(pages) or not body:
            continue  # front matter, an opening page, the back cover or a blank
        first = body[0]
        checked += 1
        assert not first.text.startswith(("—", "–")), (page, first.text)
        assert len(first.words) > 1, (page, first.text)
    assert checked > 30


# --- word spacing --------------------------------------------------------------------------


def _space_width() -> float:
    fonts = FontBook(THEME)
    family = Table(THEME, "booklet").family("body_font")
    return fonts.width(" ", family, "regular", BODY_SIZE)


def _loosest(pdf: bytes, tmp_path: Path) -> float:
    """The widest space between two words of a justified body line, in the font's spaces."""
    top, bottom = _text_block()
    space = _space_width()
    widest = 0.0
    for lines in _lines(pdf, tmp_path).values():
        body = _body_lines(lines, top, bottom)
        right = max((line.x1 for line in body), default=0)
        for line in body:
            if len(line.words) < 3 or line.x1 < right - 0.5:
                continue  # not a justified line (a paragraph's last, or set ragged)
            gaps = [b.x0 - a.x1 for a, b in zip(line.words, line.words[1:], strict=False)]
            widest = max(widest, max(gaps) / space)
    return widest


def test_justified_lines_are_never_looser_than_the_theme_allows(tmp_path: Path) -> None:
    stories = _stress_stories()
    collection = _collection(tmp_path / "src", stories)
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "theme.toml").write_text("[booklet.body]\nmax_word_space = 9.0\n", "utf-8")
    tight = tmp_path / "tight"
    tight.mkdir()
    (tight / "theme.toml").write_text("[booklet.body]\nmax_word_space = 1.8\n", "utf-8")
    unlimited = _loosest(_booklet(collection, load_theme(str(loose))), tmp_path)
    assert unlimited > 2.2  # without a limit, these narrow lines would gape ...
    assert _loosest(_booklet(collection), tmp_path) <= MAX_WORD_SPACE + 0.05
    assert _loosest(_booklet(collection, load_theme(str(tight))), tmp_path) <= 1.8 + 0.05


# --- viewers -------------------------------------------------------------------------------


def test_every_pdf_makedocs_writes_opens_with_its_title_and_outline(
    seed_build: Path, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from makedocs.cli import main

    sheet = tmp_path / "booklet.pdf"
    result = CliRunner().invoke(
        main, ["booklet", str(SEED), "-o", str(sheet), "--test-sheet", "--config", str(CONFIG)]
    )
    assert result.exit_code == 0, result.output
    event = ["--event-title", "Screening", "--date", "2027-02-11", "--venue", "Union Hall"]
    handout = ["handout", str(SEED), "-o", str(tmp_path / "handout.pdf"), *event]
    result = CliRunner().invoke(main, [*handout, "--config", str(CONFIG)])
    assert result.exit_code == 0, result.output
    pdfs = sorted(seed_build.glob("*.pdf")) + sorted(tmp_path.glob("*.pdf"))
    names = {p.name for p in pdfs}
    expected = {"booklet.pdf", "booklet-print.pdf", "speaker-notes.pdf", "test-sheet.pdf"}
    assert expected | {"handout.pdf"} <= names
    for path in pdfs:
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert root["/PageMode"] == "/UseOutlines", path.name
        assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True), path.name
        assert reader.metadata and reader.metadata.title, path.name


def test_a_loose_line_takes_part_of_the_word_above_before_it_is_set_ragged(
    tmp_path: Path,
) -> None:
    # Set greedily, "(including LiNK's South Korea Country Director, Sokeel" gapes (the next
    # word, "Park).", cannot be broken); hyphenating the last word of the line above fills it.
    paragraph = next(
        line
        for line in SEED.read_text("utf-8").splitlines()
        if line.startswith("The film is both a simple record")
    )
    story = f"---\ntitle: One\n---\n\nFirst.\n\n{paragraph}\n"
    collection = _collection(tmp_path / "src", {"one": story})
    top, bottom = _text_block()
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "theme.toml").write_text("[booklet.body]\nmax_word_space = 9.0\n", "utf-8")
    for theme, broken in ((load_theme(str(loose)), False), (THEME, True)):
        pdf = _booklet(collection, theme)
        lines = [
            line.text
            for page in _lines(pdf, tmp_path).values()
            for line in _body_lines(page, top, bottom)
        ]
        assert any(text.endswith("Penin-") for text in lines) == broken, lines
        assert any(text.startswith("sula (including") for text in lines) == broken, lines
    assert _loosest(pdf, tmp_path) <= MAX_WORD_SPACE + 0.05
