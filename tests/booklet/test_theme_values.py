"""The booklet, its covers, the test sheet and the speaker notes take every design value from
the theme: a theme that changes one value changes that value in the outputs and nothing else.

Outputs are read back glyph by glyph and rule by rule from their content streams
(tests.pdfcheck.marks), so "nothing else" means every position, font and size.
"""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from makedocs.booklet.calibration import write_test_sheet
from makedocs.booklet.render import BookletOptions, render_booklet
from makedocs.build import load_collection
from makedocs.config import load_settings
from makedocs.context import BuildContext
from makedocs.deck.options import DeckOptions
from makedocs.deck.render import build_plan
from makedocs.deck.speaker_notes_pdf import write_script
from makedocs.errors import MakedocsError, Warned
from makedocs.fonts import FontBook
from makedocs.model import Collection
from makedocs.resources import FONTS_DIR
from makedocs.theme import Theme, load_theme
from tests.conftest import ROOT, SEED
from tests.pdfcheck import Mark, embedded_fonts, marks

SETTINGS = load_settings(ROOT / "makedocs.toml")
PACKAGE = ROOT / "makedocs"

# One short story that stays on one page whatever its pull quote's size: a drop cap, a pull
# quote, an attribution.
STORY = """The Night We Crossed
We walked for three nights before we reached the river. The water was cold and fast, and my \
mother held my hand the whole way across while my brother carried our bag on his head.
"We knew exactly where the soldiers were, and we knew when they changed the guard."
On the other side a farmer gave us bread and told us which road to take, and we walked on \
until the lights of the town came up over the hill.
— Min-ji, escaped in 2015
"""


def _theme(tmp_path: Path, text: str, name: str = "theme") -> Theme:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "theme.toml").write_text(text, encoding="utf-8")
    return load_theme(str(folder))


def _collection(*sources: Path) -> Collection:
    return load_collection(list(sources), SETTINGS, Warned())


def _booklet(collection: Collection, theme: Theme, page_size: str = "letter") -> PdfReader:
    out = io.BytesIO()
    ctx = BuildContext.create(theme)
    render_booklet(collection, ctx, out, BookletOptions(page_size=page_size))
    return PdfReader(io.BytesIO(out.getvalue()))


def _notes(collection: Collection, theme: Theme, page_size: str = "letter") -> PdfReader:
    out = io.BytesIO()
    ctx = BuildContext.create(theme)
    write_script(build_plan(collection, ctx, DeckOptions()), collection, ctx, out, page_size)
    return PdfReader(io.BytesIO(out.getvalue()))


def _rgb(hex_colour: str) -> tuple[float, ...]:
    return tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


def _is(mark: Mark, hex_colour: str) -> bool:
    operator, values = mark.colour
    return operator == "rg" and all(
        abs(a - b) < 1e-3 for a, b in zip(values, _rgb(hex_colour), strict=True)
    )


@pytest.mark.parametrize("name", ["accent", "muted", "ink"])
def test_one_colour_changes_that_colour_in_the_booklet_and_notes_and_nothing_else(
    tmp_path: Path, name: str
) -> None:
    default = load_theme("default")
    old, new = default.colours[name], "#0b6e4f"
    mine = _theme(tmp_path, f'[colours]\n{name} = "{new}"\n')
    collection = _collection(SEED)
    for make in (_booklet, _notes):
        before, after = marks(make(collection, default)), marks(make(collection, mine))
        assert [m.place() for m in before] == [m.place() for m in after]
        changed = 0
        for was, now in zip(before, after, strict=True):
            if _is(was, old):
                assert _is(now, new), (was, now)
                changed += 1
            else:
                assert now.colour == was.colour, (was, now)
        uses = {"_booklet": True, "_notes": name != "accent"}[make.__name__]
        assert (changed > 0) == uses, (make.__name__, name, changed)


def test_the_pull_quote_size_changes_only_the_pull_quote(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    collection = _collection(tmp_path / "story.txt")
    default = load_theme("default")
    size = float(default.booklet["pull_quote"]["size"].removesuffix("pt"))
    mine = _theme(tmp_path, '[booklet.pull_quote]\nsize = "18pt"\n')

    def pull_quote(mark: Mark) -> bool:  # accent italic glyphs: nothing else is set so
        return mark.kind == "glyph" and mark.font.endswith("Italic") and _is(mark, "#8c2f1b")

    before = marks(_booklet(collection, default))
    after = marks(_booklet(collection, mine))
    assert {m.size for m in before if pull_quote(m)} == {size}
    assert {m.size for m in after if pull_quote(m)} == {18.0}
    # The same glyphs (the spaces where lines now break apart are not drawn).
    glyphs = [
        [m.text for m in found if pull_quote(m) and m.text != "20"] for found in (before, after)
    ]
    assert glyphs[0] == glyphs[1]

    def others(found: list[Mark]) -> list[tuple[object, ...]]:
        return [
            (m.page, m.kind, m.font, m.size, m.text, m.colour) for m in found if not pull_quote(m)
        ]

    assert others(before) == others(after)
    # Text above the pull quote has not moved; its own lines take more room.
    first_pull = next(i for i, m in enumerate(before) if pull_quote(m))
    assert [m.place() for m in before[:first_pull]] == [m.place() for m in after[:first_pull]]


@pytest.mark.parametrize(("page_size", "size"), [("letter", (612, 792)), ("a4", (595.28, 841.89))])
def test_the_notes_page_follows_page_size(page_size: str, size: tuple[float, float]) -> None:
    reader = _notes(_collection(SEED), load_theme("default"), page_size)
    for page in reader.pages:
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)


def test_the_notes_margins_and_type_come_from_the_notes_tables(tmp_path: Path) -> None:
    mine = _theme(
        tmp_path,
        '[notes.margins]\nleft = "40mm"\n\n[notes.body]\nsize = "12pt"\nleading = "16pt"\n',
    )
    reader = _notes(_collection(SEED), mine)
    body = [m for m in marks(reader) if m.kind == "glyph" and m.font == "NotoSans-Regular"]
    assert {m.size for m in body} >= {12.0}
    left = min(m.x for m in body)
    assert left == pytest.approx(40 / 25.4 * 72, abs=0.01)


def test_the_test_sheet_is_set_in_the_fonts_the_theme_names(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    # Files beside the theme, in a face the default test sheet does not use.
    for style, source in (("Regular", "Carlito-Regular.ttf"), ("Bold", "Carlito-Bold.ttf")):
        (folder / f"Sheet{style}.ttf").write_bytes((FONTS_DIR / source).read_bytes())
    (folder / "theme.toml").write_text(
        '[fonts.sheet]\nregular = "SheetRegular.ttf"\nbold = "SheetBold.ttf"\n\n'
        '[test_sheet]\nfont = "sheet"\n'
    )
    target = io.BytesIO()
    write_test_sheet(target, "letter", FontBook(load_theme(str(folder))))
    fonts = embedded_fonts(PdfReader(io.BytesIO(target.getvalue())))
    assert {name.split("+")[-1] for name in fonts} == {"Carlito", "Carlito-Bold"}
    assert all(fonts.values())


def test_no_module_finds_fonts_or_templates_on_its_own() -> None:
    """Only makedocs.resources knows where the package's files are (beside the package in a
    checkout, under share/ when installed), so no output builds its own font folder."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "resources.py":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        assert "__file__" not in names, f"{path.relative_to(ROOT)} locates files itself"


@pytest.mark.parametrize(
    ("make", "theme", "message"),
    [
        (
            "booklet",
            '[booklet.pull_quote]\nsize = "large"\n',
            r"theme\.toml:2: \[booklet\.pull_quote\] size: not a length: 'large'",
        ),
        (
            "booklet",
            '\n[booklet.cover.title]\ncolour = "cover_inc"\n',
            r"theme\.toml:3: \[booklet\.cover\.title\] colour: 'cover_inc' is not a colour of "
            r"\[colours\] \(did you mean 'cover_ink'\?\)",
        ),
        (
            "booklet",
            "[booklet.drop_cap]\nlines = 2.5\n",
            r"theme\.toml:2: \[booklet\.drop_cap\] lines: must be a whole number, not 2\.5",
        ),
        (
            "booklet",
            '[booklet.heading]\nkeep_room = "5em"\n',
            r"theme\.toml:2: \[booklet\.heading\] keep_room: not a length: '5em' \(em is not",
        ),
        (
            "notes",
            '[notes.timing]\ncolour = "grey"\n',
            r"theme\.toml:2: \[notes\.timing\] colour: 'grey' is not a colour of \[colours\]",
        ),
        (
            "notes",
            '[notes.margins]\nleft = "wide"\n',
            r"theme\.toml:2: \[notes\.margins\] left: not a length: 'wide'",
        ),
        (
            "test_sheet",
            '[test_sheet.arrow]\ntip = "-1in"\n',
            r"theme\.toml:2: \[test_sheet\.arrow\] tip: must be at least 0pt",
        ),
        (
            "test_sheet",
            '[test_sheet]\nfont = "sands"\n',
            r"theme\.toml:2: \[test_sheet\] font: 'sands' is not a font family of \[fonts\] "
            r"\(did you mean 'sans'\?\)",
        ),
    ],
)
def test_a_bad_value_is_an_error_at_its_theme_line(
    tmp_path: Path, make: str, theme: str, message: str
) -> None:
    broken = _theme(tmp_path, theme)
    collection = _collection(SEED)
    with pytest.raises(MakedocsError, match=message) as caught:
        if make == "booklet":
            _booklet(collection, broken)
        elif make == "notes":
            _notes(collection, broken)
        else:
            write_test_sheet(io.BytesIO(), "letter", FontBook(broken))
    assert str(caught.value).startswith(f"{tmp_path / 'theme' / 'theme.toml'}:")


def test_a_long_cover_title_steps_down_to_fit_but_no_further(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    collection = _collection(tmp_path / "story.txt")
    default = load_theme("default")
    title = default.booklet["cover"]["title"]
    largest = float(title["size"].removesuffix("pt"))
    smallest = float(title["min_size"].removesuffix("pt"))
    sizes = []
    for words in (2, 12, 40):
        from dataclasses import replace

        long = replace(
            collection, meta=replace(collection.meta, title=" ".join(["Freedom"] * words))
        )
        reader = _booklet(long, default)
        cover = [m for m in marks(reader) if m.page == 1 and m.kind == "glyph"]
        size = max(m.size for m in cover)
        sizes.append(size)
        bottom = float(default.booklet["margins"]["bottom"].removesuffix("in")) * 72
        if words < 40:
            assert min(m.y for m in cover) >= bottom  # nothing falls into the bottom margin
    assert sizes[0] == largest
    assert smallest < sizes[1] < largest
    assert sizes[2] == smallest


def test_no_theme_length_may_exceed_the_largest_pdf_page(tmp_path: Path) -> None:
    from makedocs.booklet.style import load_style
    from makedocs.errors import MakedocsError
    from makedocs.theme import load_theme

    (tmp_path / "theme.toml").write_text('[booklet.letter]\nwidth = "6000mm"\n', "utf-8")
    with pytest.raises(
        MakedocsError, match=r"theme\.toml:2: .*larger than any page a PDF can hold"
    ):
        load_style(load_theme(str(tmp_path)), "letter")
