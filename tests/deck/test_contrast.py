"""WCAG AA contrast of every run of text in real decks, colours resolved as PowerPoint does.

Text colour: the run's own fill, else the layout's placeholder style, else the master's text
styles. Background: the shape's own fill (for a translucent scrim, composited over both white
and black, the worst cases of a photo), else the slide's, the layout's or the master's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from makedocs.deck.style import deck_style
from makedocs.theme import load_theme

AA = 4.5


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)  # type: ignore[arg-type]
    return (la + 0.05) / (lb + 0.05)


def hex_rgb(value: str) -> tuple[float, float, float]:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


class Colours:
    def __init__(self, prs: Any) -> None:
        master = prs.slide_master
        self.master = master
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
        scheme = theme.find(".//{*}clrScheme")
        self.scheme = {}
        for slot in scheme:
            name = slot.tag.rsplit("}", 1)[-1]
            el = slot[0]
            self.scheme[name] = el.get("val") if el.tag.endswith("srgbClr") else el.get("lastClr")
        clr_map = master.element.find("{*}clrMap")
        self.map = dict(clr_map.attrib)

    def colour(self, fill: Any) -> tuple[tuple[float, float, float], float] | None:
        """(rgb, alpha) of a solidFill (or bgRef) element."""
        if fill is None:
            return None
        el = fill.find("{*}srgbClr")
        if el is None:
            el = fill.find("{*}schemeClr")
            if el is None:
                return None
            name = self.map.get(el.get("val"), el.get("val"))
            value = self.scheme[name]
        else:
            value = el.get("val")
        alpha = el.find("{*}alpha")
        return hex_rgb(value), (int(alpha.get("val")) / 100000 if alpha is not None else 1.0)

    def background(self, *parts: Any) -> tuple[float, float, float] | None:
        for part in parts:
            bg = part.find(".//{*}cSld/{*}bg")
            if bg is None:
                continue
            if bg.find(".//{*}blipFill") is not None:
                return None  # a photo: only text on an opaque-enough scrim may sit on it
            fill = bg.find("{*}bgPr/{*}solidFill")
            found = self.colour(fill if fill is not None else bg.find("{*}bgRef"))
            if found:
                return found[0]
        return None


def _text_fill(run: Any, shape: Any, slide: Any, colours: Colours) -> Any:
    fill = run.element.find("{*}rPr/{*}solidFill")
    if fill is not None:
        return fill
    if shape.is_placeholder:
        layout = slide.slide_layout
        ph = layout.placeholders.get(idx=shape.placeholder_format.idx)
        if ph is not None:
            fill = ph.element.find(".//{*}lstStyle/{*}lvl1pPr/{*}defRPr/{*}solidFill")
            if fill is not None:
                return fill
        kind = shape.placeholder_format.type
        style = "titleStyle" if "TITLE" in str(kind) else "bodyStyle"
    else:
        style = "otherStyle"
    return colours.master.element.find(
        f".//{{*}}txStyles/{{*}}{style}/{{*}}lvl1pPr/{{*}}defRPr/{{*}}solidFill"
    )


class _Run:
    """A run or a field (slide numbers are fields), as far as colour goes."""

    def __init__(self, element: Any) -> None:
        self.element = element
        self.text = element.findtext("{*}t") or ""
        self.fill: Any = None


class _Marker(_Run):
    """A paragraph's bullet or number: its own colour, else that of the paragraph's text."""

    def __init__(self, fill: Any, first: _Run) -> None:
        super().__init__(first.element)
        self.text = "marker:" + first.text
        self.fill = fill


def _runs_and_fields(p: Any) -> list[_Run]:
    """The runs and fields of an ``a:p``."""
    return [_Run(el) for el in p if el.tag.rsplit("}", 1)[-1] in ("r", "fld")]


def _inside(shape: Any, other: Any) -> bool:
    return (
        other.left <= shape.left
        and other.top <= shape.top
        and shape.left + shape.width <= other.left + other.width
        and shape.top + shape.height <= other.top + other.height
    )


def _bullet_fill(para: Any, shape: Any, slide: Any, colours: Colours) -> Any | None:
    """The colour element of a paragraph's bullet or number, as PowerPoint resolves it: the
    paragraph's own, the layout placeholder's list style, the master's body style; None if
    the paragraph has no bullet. (A bullet without a colour of its own takes the text's.)"""
    ppr = para.find("{*}pPr")
    if ppr is None or ppr.find("{*}buNone") is not None:
        return None
    if ppr.find("{*}buChar") is None and ppr.find("{*}buAutoNum") is None:
        return None
    level = int(ppr.get("lvl", "0")) + 1
    chain = [ppr]
    if shape.is_placeholder:
        ph = slide.slide_layout.placeholders.get(idx=shape.placeholder_format.idx)
        if ph is not None:
            chain += ph.element.findall(f".//{{*}}lstStyle/{{*}}lvl{level}pPr")
        chain += colours.master.element.findall(f".//{{*}}bodyStyle/{{*}}lvl{level}pPr")
    for style in chain:
        fill = style.find("{*}buClr")
        if fill is not None:
            return fill
    return False  # the text's own colour


def _table_cells(frame: Any) -> list[tuple[Any, Any]]:
    """(cell fill, run) of every run of a table's cells."""
    out = []
    for tc in frame.element.iter("{*}tc"):
        fill = tc.find("{*}tcPr/{*}solidFill")
        for run in tc.iter("{*}r"):
            out.append((fill, run))
    return out


def worst_contrasts(path: Path) -> list[tuple[int, str, float]]:
    """(slide, text, contrast) of every run, field, bullet and number and table cell."""
    prs = Presentation(str(path))
    colours = Colours(prs)
    found = []
    for number, slide in enumerate(prs.slides, start=1):
        page_bg = colours.background(
            slide.element, slide.slide_layout.element, colours.master.element
        )
        for shape in slide.shapes:
            if shape.has_table:
                for fill, run in _table_cells(shape):
                    text = colours.colour(run.find("{*}rPr/{*}solidFill"))
                    cell = colours.colour(fill)
                    assert text is not None and cell is not None, (number, shape.name)
                    ratio = contrast(text[0], cell[0])
                    found.append((number, "cell:" + (run.findtext("{*}t") or "")[:24], ratio))
                continue
            if not shape.has_text_frame:
                continue
            own = colours.colour(shape.element.find("{*}spPr/{*}solidFill"))
            if own is None:  # text on a filled shape below it (a scrim band) takes that fill
                below = [s for s in slide.shapes if s.shape_id != shape.shape_id]
                below = below[: list(slide.shapes).index(shape)]
                for under in reversed(below):
                    fill = colours.colour(under.element.find("{*}spPr/{*}solidFill"))
                    if fill is not None and _inside(shape, under):
                        own = fill
                        break
            for para in shape.element.findall("{*}txBody/{*}p"):
                runs = [r for r in _runs_and_fields(para) if r.text.strip()]
                marker = _bullet_fill(para, shape, slide, colours) if runs else None
                if marker is not None:  # the bullet or number: text too
                    runs.append(_Marker(marker if marker is not False else None, runs[0]))
                for run in runs:
                    fill = run.fill if isinstance(run, _Marker) else None
                    fill = fill if fill is not None else _text_fill(run, shape, slide, colours)
                    text = colours.colour(fill)
                    assert text is not None, (number, shape.name)
                    if own is not None:
                        rgb, alpha = own
                        unders = (
                            [page_bg] if page_bg and alpha == 1 else [(255, 255, 255), (0, 0, 0)]
                        )
                        bgs = [
                            tuple(
                                alpha * c + (1 - alpha) * u for c, u in zip(rgb, under, strict=True)
                            )
                            for under in unders
                        ]
                    else:
                        assert page_bg is not None, (number, shape.name, "text straight on a photo")
                        bgs = [page_bg]
                    ratio = min(contrast(text[0], bg) for bg in bgs)
                    found.append((number, run.text[:30], ratio))
    return found


def test_every_run_of_the_seed_deck_meets_wcag_aa(seed_deck: Path) -> None:
    ratios = worst_contrasts(seed_deck)
    assert len(ratios) > 30
    assert [r for r in ratios if r[2] < AA] == []
    # bullets of key sentences and the agenda's numbers were checked too
    assert len([r for r in ratios if r[1].startswith("marker:")]) > 10


def test_captions_over_photos_meet_wcag_aa_on_any_photo(photo_deck: Path) -> None:
    ratios = worst_contrasts(photo_deck)
    captions = [r for r in ratios if r[1] in ("The river at the border", "Photo by a volunteer")]
    assert len(captions) == 2
    assert any(r[1] == "3" for r in ratios)  # the slide number on the photo slide is checked too
    assert [r for r in ratios if r[2] < AA] == []


def test_the_scrim_colours_of_the_theme_pass_even_over_white() -> None:
    style = deck_style(load_theme("default")).scrim
    scrim = hex_rgb(style.colour)
    worst = tuple(style.alpha * c + (1 - style.alpha) * 255 for c in scrim)
    assert contrast(hex_rgb(style.text_colour), worst) >= AA
    assert contrast(hex_rgb(style.muted_colour), worst) >= AA


def test_tables_meet_wcag_aa(tmp_path: Path) -> None:
    from makedocs.model import Collection, Metadata, Source, Story, Table, Text
    from tests.deck.conftest import render

    src = Source("s.md", 1)
    rows = tuple(((Text(f"{n}"),), (Text(f"Row {n}"),)) for n in range(4))
    table = Table(((Text("N"),), (Text("Name"),)), rows, ("", ""), src)
    path, _ = render(Collection(Metadata(title="T"), (Story("S", (table,), src),)), tmp_path / "t")
    cells = [r for r in worst_contrasts(path) if r[1].startswith("cell:")]
    assert len(cells) == 10  # header and body rows, banded and not
    assert [r for r in cells if r[2] < AA] == []


# --- every text role, from the theme's own values ---------------------------------------------

LARGE = 3.0  # WCAG AA for large text: 24 pt, or 18.66 pt bold


def _scheme_hex(style: Any, clr_map: dict[str, str], name: str) -> tuple[float, float, float]:
    """A scheme colour reference (``tx1``, ``dk2``, ``accent1`` ...) through the master's
    colour map to the theme's own value in ``[deck.scheme]``."""
    return hex_rgb(style.scheme[clr_map.get(name, name)])


def text_roles(aspect: str, theme_name: str = "default") -> list[tuple[str, tuple, tuple, float]]:
    """(role, text colour, background, threshold) of every text the bundled deck can show."""
    from makedocs.deck.template import open_template
    from makedocs.errors import Warned

    theme = load_theme(theme_name)
    style = deck_style(theme)
    prs = open_template(None, aspect, None, Warned(), theme).prs
    master = prs.slide_master.element
    master_map = dict(master.find("{*}clrMap").attrib)
    clr_map = master_map

    def colour(el: Any) -> tuple[float, float, float]:
        if el.tag.endswith("srgbClr"):
            return hex_rgb(el.get("val"))
        return _scheme_hex(style, clr_map, el.get("val"))

    def background(owner: Any) -> tuple[float, float, float]:
        for el in (owner, master):
            found = el.xpath("p:cSld/p:bg/p:bgPr/a:solidFill/* | p:cSld/p:bg/p:bgRef/*")
            if found:
                return colour(found[0])
        raise AssertionError("no background")

    def colour_of(name: str) -> tuple[float, float, float]:
        return _scheme_hex(style, clr_map, name)

    roles = []
    for owner in (prs.slide_master, *prs.slide_layouts):
        override = owner.element.find("{*}clrMapOvr/{*}overrideClrMapping")
        clr_map = dict(override.attrib) if override is not None else master_map
        bg = background(owner.element)
        # a link keeps its text's colour (checked below) where the viewer supports that;
        # others colour it with the scheme's hlink, as this layout maps it
        roles.append((f"{owner.name or 'master'} link", colour_of("hlink"), bg, AA))
        for ph in owner.element.xpath("p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph]"):
            kind = ph.find(".//{*}ph").get("type", "obj")
            title = kind in ("title", "ctrTitle")
            inherit = "titleStyle" if title else "otherStyle" if kind in FOOTERS else "bodyStyle"
            chain = ph.xpath("p:txBody/a:lstStyle")
            chain += master.xpath(f"p:txStyles/p:{inherit}")
            for level in range(1, 10 if inherit == "bodyStyle" else 2):
                text = bullet = kind_of_bullet = None
                for styles in chain:
                    lvl = styles.find(f"{{*}}lvl{level}pPr")
                    if lvl is None:
                        continue
                    found = lvl.find("{*}defRPr/{*}solidFill")
                    if text is None and found is not None:
                        text = colour(found[0])
                    if bullet is None and lvl.find("{*}buClr") is not None:
                        bullet = colour(lvl.find("{*}buClr")[0])
                    kinds = [c.tag.rsplit("}", 1)[-1] for c in lvl]
                    marks = [k for k in kinds if k in ("buNone", "buChar", "buAutoNum")]
                    kind_of_bullet = kind_of_bullet or (marks[0] if marks else None)
                assert text is not None, (owner.name, kind, level)
                name = f"{owner.name or 'master'} {kind} lvl{level}"
                roles.append((name, text, bg, LARGE if title else AA))
                # bullets and list numbers, where the template shows them or the deck sets
                # them (lists, key sentences and the agenda, in Title and Content)
                sets_them = owner.name == "Title and Content" and kind == "body"
                if kind_of_bullet in ("buChar", "buAutoNum") or sets_them:
                    roles.append((name + " bullet", bullet or text, bg, AA))
        for run in owner.element.xpath(".//a:rPr/a:solidFill/*"):
            size = int(run.getparent().getparent().get("sz", "1800")) / 100
            roles.append((f"{owner.name} run", colour(run), bg, LARGE if size >= 24 else AA))
    table = style.table
    for name, text, fill in (
        ("table header", table.header_text, table.header_fill),
        ("table body", table.body_text, table.body_fill),
        ("table band", table.body_text, table.band_fill),
    ):
        roles.append((name, hex_rgb(style.scheme[text]), hex_rgb(style.scheme[fill]), AA))
    scrim = style.scrim
    for under in ((255, 255, 255), (0, 0, 0)):
        band = tuple(
            scrim.alpha * c + (1 - scrim.alpha) * u
            for c, u in zip(hex_rgb(scrim.colour), under, strict=True)
        )
        roles.append(("caption on the scrim", hex_rgb(scrim.text_colour), band, AA))
        roles.append(("credit on the scrim", hex_rgb(scrim.muted_colour), band, AA))
        roles.append(("slide number on a photo", hex_rgb(scrim.text_colour), band, AA))
    return roles


NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
FOOTERS = ("dt", "ftr", "sldNum")


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_every_text_role_of_the_theme_meets_wcag_aa(aspect: str) -> None:
    roles = text_roles(aspect)
    assert "Title and Content body lvl1 bullet" in [name for name, *_ in roles]
    assert any("sldNum" in name for name, *_ in roles)
    failing = [
        (name, round(contrast(text, bg), 2))
        for name, text, bg, needed in roles
        if contrast(text, bg) < needed
    ]
    assert failing == []


def test_the_old_gold_bullets_would_have_failed(tmp_path: Path) -> None:
    """The check can fail: the scheme's gold accent, once the bullets' colour, on white."""
    (tmp_path / "theme.toml").write_text('[deck.body]\nmarker = "accent1"\n', "utf-8")
    roles = text_roles("16:9", str(tmp_path))
    failing = {name for name, text, bg, needed in roles if contrast(text, bg) < needed}
    assert "Title and Content body lvl1 bullet" in failing
    assert all(name.endswith("bullet") for name in failing)
