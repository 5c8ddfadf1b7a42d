"""The theme is the deck's only source of design values: change one, and only that changes.

Decks are built with the default theme and with a one-value theme in tmp_path (which holds no
template, so the bundled ones are found through ``extends``), then read back with python-pptx
and lxml and compared shape by shape and part by part.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from makedocs.context import BuildContext
from makedocs.deck.render import DeckOptions, render_deck
from makedocs.deck.style import deck_style
from makedocs.deck.theming import SCHEME_SLOTS
from makedocs.errors import MakedocsError, Warned
from makedocs.model import Collection, Metadata
from makedocs.sources import parse_sources
from makedocs.theme import load_theme
from tests.conftest import FIXTURES, SEED

META = Metadata(
    title="Beyond Utopia",
    subtitle="Stories of escape",
    organisation="LiNK",
    url="https://example.org",
    call_to_action="Help refugees reach freedom.",
)


def _theme(folder: Path, text: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.toml").write_text(text, encoding="utf-8")
    return str(folder)


def _deck(theme: str, photo_story: Path, template: Path | None = None) -> bytes:
    stories = tuple(parse_sources([SEED, photo_story], Warned()))
    ctx = BuildContext.create(load_theme(theme), Warned())
    out = io.BytesIO()
    render_deck(Collection(META, stories), ctx, out, DeckOptions(template=template))
    return out.getvalue()


@pytest.fixture(scope="module")
def default_deck(photo_story: Path) -> bytes:
    return _deck("default", photo_story)


def _parts(deck: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(deck)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _scheme(prs: Any) -> dict[str, str]:
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    scheme = theme.find(".//{*}clrScheme")
    return {etree.QName(slot).localname: slot[0].get("val") for slot in scheme}


def _shapes(prs: Any) -> list[tuple[Any, ...]]:
    """Every shape's place, size and text, and every run's text and size."""
    out = []
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            runs = []
            if shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    runs.extend((run.text, run.font.size) for run in para.runs)
            box = (shape.left, shape.top, shape.width, shape.height)
            out.append((number, shape.name, box, tuple(runs)))
    return out


def _run_colours(deck: bytes) -> list[str]:
    found = []
    for name, data in sorted(_parts(deck).items()):
        if name.startswith("ppt/slides/slide"):
            root = etree.fromstring(data)
            found += [el.get("val") for el in root.iterfind(".//{*}rPr/{*}solidFill/{*}srgbClr")]
    return found


def test_a_one_colour_theme_changes_that_colour_in_the_deck_and_nothing_else(
    tmp_path: Path, photo_story: Path, default_deck: bytes
) -> None:
    mine = _deck(_theme(tmp_path / "t", '[colours]\nink = "#0055aa"\n'), photo_story)
    before, after = Presentation(io.BytesIO(default_deck)), Presentation(io.BytesIO(mine))
    old, new = _scheme(before), _scheme(after)
    assert new["dk1"] == "0055AA" != old["dk1"]
    assert {k: v for k, v in new.items() if k != "dk1"} == {
        k: v for k, v in old.items() if k != "dk1"
    }
    assert _shapes(after) == _shapes(before)
    assert _run_colours(mine) == _run_colours(default_deck)
    # ink lives only in the schemes (of the slides' and the notes' masters): every other part
    # of the package is byte for byte the same
    changed = {n for n, d in _parts(mine).items() if _parts(default_deck).get(n) != d}
    assert changed == {"ppt/theme/theme1.xml", "ppt/theme/theme2.xml"}


def test_a_colour_the_renderer_sets_on_runs_follows_the_theme_too(
    tmp_path: Path, photo_story: Path, default_deck: bytes
) -> None:
    """``cover_muted`` is the scheme's lt2 (subtitles on dark slides) and the photo credit."""
    mine = _deck(_theme(tmp_path / "t", '[colours]\ncover_muted = "#C0FFEE"\n'), photo_story)
    before, after = Presentation(io.BytesIO(default_deck)), Presentation(io.BytesIO(mine))
    assert _scheme(after)["lt2"] == "C0FFEE"
    old_runs, new_runs = _run_colours(default_deck), _run_colours(mine)
    default = load_theme("default").colours["cover_muted"].lstrip("#").upper()
    assert "C0FFEE" in new_runs and default not in new_runs
    assert new_runs == ["C0FFEE" if c == default else c for c in old_runs]
    assert _shapes(after) == _shapes(before)


def test_a_theme_changing_the_quote_size_changes_only_the_quotes(
    tmp_path: Path, photo_story: Path, default_deck: bytes
) -> None:
    style = deck_style(load_theme("default"))
    bigger = style.quote.size + 4
    mine = _deck(_theme(tmp_path / "t", f"[deck.quote]\nsize = {bigger:g}\n"), photo_story)
    before, after = Presentation(io.BytesIO(default_deck)), Presentation(io.BytesIO(mine))
    quotes = {n for n, slide in enumerate(before.slides, 1) if slide.slide_layout.name == "Quote"}
    assert quotes
    grew = 0
    for old, new in zip(_shapes(before), _shapes(after), strict=True):
        number, name, box, runs = new
        assert old[:3] == (number, name, box)
        if old[3] == runs:
            continue
        assert number in quotes and name.startswith("Title"), (number, name)
        assert [text for text, _ in old[3]] == [text for text, _ in runs]
        assert all(
            size.pt > old_size.pt for (_, old_size), (_, size) in zip(old[3], runs, strict=True)
        )
        grew += 1
    assert grew and any(size.pt == bigger for *_, runs in _shapes(after) for _, size in runs)


def test_the_deck_carries_no_colour_that_is_not_from_the_theme(
    tmp_path: Path, photo_story: Path
) -> None:
    """Every slot of the scheme set to a new colour: none of the base template's survives."""
    slots = "".join(f'{slot} = "#0{n:x}{n:x}0{n:x}0"\n' for n, slot in enumerate(SCHEME_SLOTS))
    theme = load_theme(_theme(tmp_path / "t", f"[deck.scheme]\n{slots}"))
    style = deck_style(theme)
    scrim = style.scrim
    allowed = {
        c.lstrip("#").upper()
        for c in (*style.scheme.values(), scrim.colour, scrim.text_colour, scrim.muted_colour)
    }
    deck = _deck(str(theme.directory), photo_story)
    seen: set[str] = set()
    for name, data in _parts(deck).items():
        if name.endswith(".xml"):
            root = etree.fromstring(data)
            colours = {el.get("val").upper() for el in root.iter("{*}srgbClr")}
            assert colours <= allowed, (name, colours - allowed)
            assert not list(root.iter("{*}sysClr")), name
            seen |= colours
    assert len(seen & {c.lstrip("#").upper() for c in style.scheme.values()}) == 12
    assert {"ppt/theme/theme1.xml", "ppt/theme/theme2.xml"} <= set(_parts(deck))  # notes too


def test_fonts_come_from_the_theme(tmp_path: Path, photo_story: Path) -> None:
    mine = _deck(_theme(tmp_path / "t", '[deck]\neast_asian_typeface = "Batang"\n'), photo_story)
    prs = Presentation(io.BytesIO(mine))
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    for which in ("majorFont", "minorFont"):
        assert theme.find(f".//{{*}}{which}/{{*}}ea").get("typeface") == "Batang"
    slide = etree.fromstring(_parts(mine)["ppt/slides/slide2.xml"])
    faces = {el.get("typeface") for el in slide.iter("{*}ea")}
    assert faces == {"Batang"}


def test_an_organisations_template_is_not_rethemed(tmp_path: Path, photo_story: Path) -> None:
    org = FIXTURES / "renamed-layouts.pptx"
    theme = _theme(tmp_path / "t", '[colours]\nink = "#0055aa"\ncover = "#550000"\n')
    mine = Presentation(io.BytesIO(_deck(theme, photo_story, template=org)))
    assert _scheme(mine) == _scheme(Presentation(str(org)))


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('[deck.quote]\nsize = "big"\n', 2, r"\[deck\.quote\] size must be a size in points"),
        ("[deck]\n\nsize_step = 0\n", 3, r"\[deck\] size_step must be a size in points"),
        ("[deck.body]\nmin = 14\n", 2, r"\[deck\.body\] min may not go below 18 pt"),
        ('[deck.scheme]\ndk1 = "inc"\n', 2, r"\[deck\.scheme\] dk1 must be a colour name"),
        ("[deck.qr]\narea = [0.5, 2]\n", 2, r"\[deck\.qr\] area must be a list of 4 fractions"),
        ("[deck.scrim]\nalpha = 1.5\n", 2, r"\[deck\.scrim\] alpha must be a fraction"),
        ("[deck]\nkey_sentences = 2.5\n", 2, r"\[deck\] key_sentences must be a whole number"),
    ],
)
def test_a_bad_deck_value_is_an_error_at_its_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    theme = load_theme(_theme(tmp_path / "t", text))
    with pytest.raises(MakedocsError, match=rf"theme\.toml:{line}: {message}"):
        deck_style(theme)


def test_a_bad_deck_value_stops_the_build_with_its_line(tmp_path: Path, photo_story: Path) -> None:
    theme = _theme(tmp_path / "t", '[deck.caption]\npadding = "lots"\n')
    with pytest.raises(MakedocsError, match=r"theme\.toml:2: \[deck\.caption\] padding"):
        _deck(theme, photo_story)


def test_line_height_is_the_fonts_own() -> None:
    from makedocs.fonts import FontBook

    fonts = FontBook(load_theme("default"))
    assert fonts.line_height("deck") == pytest.approx((1536 + 512 + 452) / 2048)  # Carlito
