"""WCAG AA contrast of every run of text in real decks, colours resolved as PowerPoint does.

Text colour: the run's own fill, else the layout's placeholder style, else the master's text
styles. Background: the shape's own fill (for a translucent scrim, composited over both white
and black, the worst cases of a photo), else the slide's, the layout's or the master's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def worst_contrasts(path: Path) -> list[tuple[int, str, float]]:
    prs = Presentation(str(path))
    colours = Colours(prs)
    found = []
    for number, slide in enumerate(prs.slides, start=1):
        page_bg = colours.background(
            slide.element, slide.slide_layout.element, colours.master.element
        )
        for shape in slide.shapes:
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
                for run in _runs_and_fields(para):
                    if not run.text.strip():
                        continue
                    text = colours.colour(_text_fill(run, shape, slide, colours))
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
