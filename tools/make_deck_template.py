"""Generate makedocs' default slide-deck templates.

Writes ``templates/default/deck-16x9.pptx``, ``templates/default/deck-4x3.pptx`` and the
test fixture ``tests/fixtures/renamed-layouts.pptx``.  Each template starts from
python-pptx's built-in package and has its size, theme, master and layouts rewritten for
the target aspect ratio: no stretched 4:3 geometry, no autofit flags, no personal or
tool metadata.  Output is deterministic (fixed zip dates and entry order), so running
the generator twice yields byte-identical files.

Usage::

    python tools/make_deck_template.py              # regenerate all committed files
    python tools/make_deck_template.py --aspect 4x3 --output /tmp/deck.pptx
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import OpcPackage, Part
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.presentation import Presentation as PresentationT
from pptx.slide import SlideLayout

from makedocs.deck.package import deterministic_zip, extended_properties

Aspect = Literal["16x9", "4x3"]

REPO = Path(__file__).resolve().parents[1]
OUTPUTS: dict[Path, tuple[Aspect, bool]] = {
    REPO / "templates" / "default" / "deck-16x9.pptx": ("16x9", False),
    REPO / "templates" / "default" / "deck-4x3.pptx": ("4x3", False),
    REPO / "tests" / "fixtures" / "renamed-layouts.pptx": ("16x9", True),
}

EMU_PER_INCH = 914400
SLIDE_SIZES: dict[Aspect, tuple[int, int]] = {
    "16x9": (12192000, 6858000),
    "4x3": (9144000, 6858000),
}
PRESENTATION_FORMATS: dict[Aspect, str] = {
    "16x9": "On-screen Show (16:9)",
    "4x3": "On-screen Show (4:3)",
}

TEMPLATE_TITLE = "makedocs default template"
FIXTURE_TITLE = "makedocs test fixture: renamed layouts"
THEME_NAME = "makedocs"

# Theme colour scheme.  Text/background pairs used by the layouts (WCAG contrast):
#   dk1 ink on lt1 paper 14.5:1, dk2 navy on lt1 13.5:1, accent2 slate on lt1 5.6:1,
#   lt1 paper on dk2 navy 13.6:1, lt2 mist on dk2 10.4:1, accent1 ochre on dk2 4.78:1.
PALETTE: dict[str, str] = {
    "dk1": "1F2430",  # ink: body text on light slides
    "lt1": "FAF7F2",  # warm paper: light background, text on dark slides
    "dk2": "1D2A3A",  # deep navy (the booklet cover colour): dark background, titles
    "lt2": "D5DBE3",  # mist: secondary text on dark slides
    "accent1": "C4882B",  # ochre: the one accent (rules, bullets, quote mark)
    "accent2": "5C6473",  # slate: secondary text on light slides (footers)
    "accent3": "3D5A80",  # chart colours, harmonised with the palette
    "accent4": "8C7A5B",
    "accent5": "6A8D73",
    "accent6": "7A5C7E",
    "hlink": "2B5D8A",
    "folHlink": "6B4E80",
}
MAJOR_LATIN = "Calibri"  # LibreOffice maps Calibri to the metric-compatible Carlito
MINOR_LATIN = "Calibri"
EAST_ASIAN = "Malgun Gothic"  # ships with Windows and Office for Mac; renders Korean

LAYOUT_NAMES: tuple[str, ...] = (
    "Title Slide",
    "Section Header",
    "Title and Content",
    "Title Only",
    "Picture with Caption",
    "Quote",
    "Blank",
)
RENAMED_LAYOUT_NAMES: tuple[str, ...] = (
    "Cover",
    "Chapter",
    "Text",
    "Heading Only",
    "Photo",
    "Big Quote",
    "Empty",
)
# Source layout in python-pptx's default template (by name) reused for each of ours.
_SOURCE_LAYOUT: dict[str, str] = {
    "Title Slide": "Title Slide",
    "Section Header": "Section Header",
    "Title and Content": "Title and Content",
    "Title Only": "Title Only",
    "Picture with Caption": "Picture with Caption",
    "Quote": "Content with Caption",
    "Blank": "Blank",
}
_LAYOUT_TYPE: dict[str, str | None] = {
    "Title Slide": "title",
    "Section Header": "secHead",
    "Title and Content": "obj",
    "Title Only": "titleOnly",
    "Picture with Caption": "picTx",
    "Quote": None,  # custom layout
    "Blank": "blank",
}
DARK_LAYOUTS = frozenset({"Title Slide", "Section Header", "Quote"})


def emu(inches: float) -> int:
    """Convert inches to EMU, rounded to a whole EMU."""
    return round(inches * EMU_PER_INCH)


@dataclass(frozen=True)
class Box:
    """A placeholder or shape rectangle in EMU."""

    x: int
    y: int
    cx: int
    cy: int

    def xfrm(self) -> str:
        """The ``<a:xfrm>`` element for this box."""
        return (
            f'<a:xfrm><a:off x="{self.x}" y="{self.y}"/>'
            f'<a:ext cx="{self.cx}" cy="{self.cy}"/></a:xfrm>'
        )


@dataclass(frozen=True)
class Design:
    """Geometry and type sizes for one aspect ratio (lengths in EMU, sizes in 1/100 pt)."""

    width: int
    height: int
    margin: int
    title_size: int
    cover_size: int
    section_size: int
    quote_size: int
    caption_title_size: int
    picture_fraction: float

    @property
    def content_width(self) -> int:
        """Width between the side margins."""
        return self.width - 2 * self.margin

    @property
    def footer_y(self) -> int:
        """Top of the footer row."""
        return emu(6.8)

    @property
    def footer_h(self) -> int:
        """Height of the footer row."""
        return emu(0.4)


def design_for(aspect: Aspect) -> Design:
    """Return the design metrics for `aspect`."""
    width, height = SLIDE_SIZES[aspect]
    if aspect == "16x9":
        return Design(width, height, emu(0.9), 4000, 4800, 4400, 3200, 2800, 0.57)
    return Design(width, height, emu(0.75), 3600, 4400, 4000, 2800, 2400, 0.55)


# --------------------------------------------------------------------------- XML pieces


def _fill(color: str) -> str:
    return f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'


def _rpr(
    size: int | None = None,
    color: str | None = None,
    *,
    bold: bool | None = None,
    italic: bool = False,
) -> str:
    attrs = ""
    if size is not None:
        attrs += f' sz="{size}"'
    if bold is not None:
        attrs += f' b="{int(bold)}"'
    if italic:
        attrs += ' i="1"'
    inner = _fill(color) if color else ""
    return f"<a:defRPr{attrs}>{inner}</a:defRPr>"


def _plain_levels(
    size: int, color: str, *, algn: str = "l", italic: bool = False, line_pct: int | None = None
) -> str:
    """An ``<a:lstStyle>`` body with all nine levels unbulleted in one size and colour."""
    spacing = f'<a:lnSpc><a:spcPct val="{line_pct}"/></a:lnSpc>' if line_pct else ""
    levels = "".join(
        f'<a:lvl{n}pPr marL="0" indent="0" algn="{algn}">{spacing}'
        f'<a:spcBef><a:spcPts val="0"/></a:spcBef><a:buNone/>'
        f"{_rpr(size, color, italic=italic)}</a:lvl{n}pPr>"
        for n in range(1, 10)
    )
    return f"<a:lstStyle>{levels}</a:lstStyle>"


def _title_lst(
    size: int, color: str, *, italic: bool = False, bold: bool = True, line_pct: int = 90
) -> str:
    return (
        f'<a:lstStyle><a:lvl1pPr algn="l"><a:lnSpc><a:spcPct val="{line_pct}"/></a:lnSpc>'
        f"{_rpr(size, color, bold=bold, italic=italic)}</a:lvl1pPr></a:lstStyle>"
    )


def _footer_lst(color: str, algn: str) -> str:
    return f'<a:lstStyle><a:lvl1pPr algn="{algn}">{_rpr(1200, color)}</a:lvl1pPr></a:lstStyle>'


_PROMPTS = {
    "title": "Click to edit Master title style",
    "ctrTitle": "Click to edit Master title style",
    "subTitle": "Click to edit Master subtitle style",
    "body": "Click to edit Master text styles",
}


def _placeholder(
    shape_id: int,
    name: str,
    ph: str,
    box: Box,
    *,
    lst_style: str = "<a:lstStyle/>",
    anchor: str | None = None,
    paragraphs: str | None = None,
    custom_prompt: bool = False,
) -> str:
    """A placeholder ``<p:sp>``; `ph` is the inside of the ``<p:ph>`` tag (type/idx/sz).

    Without `paragraphs` the placeholder carries PowerPoint's usual prompt for its type.
    Side insets are zero so text lines up with the margin and the accent rules.
    """
    if paragraphs is None:
        ph_type = ph.split('"')[1]
        prompt_text = _PROMPTS.get(ph_type)
        paragraphs = (
            _text(prompt_text) if prompt_text else '<a:p><a:endParaRPr lang="en-US"/></a:p>'
        )
    prompt = ' hasCustomPrompt="1"' if custom_prompt else ""
    anchor_attr = f' anchor="{anchor}"' if anchor else ""
    inset_attrs = ' lIns="0" tIns="45720" rIns="0" bIns="45720"'
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(name)}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {ph}{prompt}/></p:nvPr>'
        f"</p:nvSpPr><p:spPr>{box.xfrm()}</p:spPr>"
        f'<p:txBody><a:bodyPr vert="horz"{inset_attrs} rtlCol="0"{anchor_attr}>'
        f"<a:noAutofit/></a:bodyPr>{lst_style}{paragraphs}</p:txBody></p:sp>"
    )


def _text(text: str) -> str:
    return f'<a:p><a:r><a:rPr lang="en-US"/><a:t>{escape(text)}</a:t></a:r></a:p>'


_SLIDE_NUMBER_FIELD = (
    '<a:p><a:fld id="{C1FF6DA9-008F-8B48-92A6-B652298478BF}" type="slidenum">'
    '<a:rPr lang="en-US"/><a:t>\u2039#\u203a</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p>'
)


def _rect(shape_id: int, name: str, box: Box, color: str = "accent1") -> str:
    """A decorative filled rectangle without outline or text."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(name)}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{box.xfrm()}'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{_fill(color)}<a:ln><a:noFill/></a:ln>'
        f"</p:spPr></p:sp>"
    )


def _glyph(shape_id: int, name: str, box: Box, glyph: str, size: int, color: str) -> str:
    """A decorative, non-placeholder text box holding a single large glyph."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(name)}"/>'
        f'<p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{box.xfrm()}'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f'<p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t">'
        f"<a:noAutofit/></a:bodyPr><a:lstStyle/>"
        f'<a:p><a:pPr><a:lnSpc><a:spcPct val="100000"/></a:lnSpc></a:pPr>'
        f'<a:r><a:rPr lang="en-US" sz="{size}">{_fill(color)}'
        f'<a:latin typeface="Georgia"/></a:rPr><a:t>{escape(glyph)}</a:t></a:r></a:p>'
        f"</p:txBody></p:sp>"
    )


def _footers(
    d: Design,
    first_id: int,
    *,
    dark: bool,
    slide_number: bool,
    column: tuple[int, int] | None = None,
) -> list[str]:
    """Date, footer and (optionally) slide-number placeholders for a layout."""
    color = "bg2" if dark else "accent2"
    y, h = d.footer_y, d.footer_h
    num_w = emu(0.8)
    num_x = d.width - d.margin - num_w
    dt_y = y
    if column is None:
        dt_w = emu(2.3)
        dt_x = num_x - dt_w
        ftr_x, ftr_w = d.margin, dt_x - d.margin - emu(0.2)
        dt_algn = "r"
    else:  # narrow text column: the date sits above the footer
        col_x, col_w = column
        ftr_x, ftr_w = col_x, col_w - num_w
        dt_x, dt_y, dt_w = col_x, y - h, ftr_w
        dt_algn = "l"
    shapes = [
        _placeholder(
            first_id,
            "Date Placeholder",
            'type="dt" sz="half" idx="10"',
            Box(dt_x, dt_y, dt_w, h),
            lst_style=_footer_lst(color, dt_algn),
            anchor="ctr",
        ),
        _placeholder(
            first_id + 1,
            "Footer Placeholder",
            'type="ftr" sz="quarter" idx="11"',
            Box(ftr_x, y, ftr_w, h),
            lst_style=_footer_lst(color, "l"),
            anchor="ctr",
        ),
    ]
    if slide_number:
        shapes.append(
            _placeholder(
                first_id + 2,
                "Slide Number Placeholder",
                'type="sldNum" sz="quarter" idx="12"',
                Box(num_x, y, num_w, h),
                lst_style=_footer_lst(color, "r"),
                anchor="ctr",
                paragraphs=_SLIDE_NUMBER_FIELD,
            )
        )
    return shapes


# ------------------------------------------------------------------------------ layouts


def _title_box(d: Design) -> Box:
    return Box(d.margin, emu(0.5), d.content_width, emu(1.2))


def _title_rule(d: Design) -> Box:
    return Box(d.margin, emu(1.82), emu(0.8), emu(0.06))


def _layout_shapes(name: str, d: Design) -> list[str]:
    """The shapes (placeholders and decoration) of layout `name`."""
    m, cw = d.margin, d.content_width
    if name == "Title Slide":
        return [
            _placeholder(
                2,
                "Title",
                'type="ctrTitle"',
                Box(m, emu(1.1), cw, emu(3.1)),
                lst_style=_title_lst(d.cover_size, "bg1"),
                anchor="b",
            ),
            _rect(3, "Accent Rule", Box(m, emu(4.42), emu(1.1), emu(0.07))),
            _placeholder(
                4,
                "Subtitle",
                'type="subTitle" idx="1"',
                Box(m, emu(4.72), cw, emu(1.6)),
                lst_style=_plain_levels(2400, "bg2"),
                anchor="t",
            ),
            *_footers(d, 5, dark=True, slide_number=False),
        ]
    if name == "Section Header":
        return [
            _rect(2, "Accent Band", Box(0, 0, emu(0.16), d.height)),
            _placeholder(
                3,
                "Title",
                'type="title"',
                Box(m, emu(1.4), cw, emu(2.8)),
                lst_style=_title_lst(d.section_size, "bg1"),
                anchor="b",
            ),
            _rect(4, "Accent Rule", Box(m, emu(4.42), emu(1.1), emu(0.07))),
            _placeholder(
                5,
                "Text Placeholder",
                'type="body" idx="1"',
                Box(m, emu(4.72), cw, emu(1.6)),
                lst_style=_plain_levels(2200, "bg2"),
                anchor="t",
            ),
            *_footers(d, 6, dark=True, slide_number=True),
        ]
    if name == "Title and Content":
        return [
            _placeholder(2, "Title", 'type="title"', _title_box(d), anchor="b"),
            _rect(3, "Accent Rule", _title_rule(d)),
            _placeholder(
                4,
                "Content Placeholder",
                'type="body" idx="1"',
                Box(m, emu(2.15), cw, emu(4.4)),
            ),
            *_footers(d, 5, dark=False, slide_number=True),
        ]
    if name == "Title Only":
        return [
            _placeholder(2, "Title", 'type="title"', _title_box(d), anchor="b"),
            _rect(3, "Accent Rule", _title_rule(d)),
            *_footers(d, 4, dark=False, slide_number=True),
        ]
    if name == "Picture with Caption":
        pic_w = round(d.width * d.picture_fraction)
        col_x = pic_w + emu(0.55)
        col_w = d.width - d.margin - col_x
        return [
            _placeholder(
                2,
                "Picture Placeholder",
                'type="pic" idx="1"',
                Box(0, 0, pic_w, d.height),
                lst_style=_plain_levels(2000, "tx1", algn="ctr"),
                anchor="ctr",
            ),
            _placeholder(
                3,
                "Title",
                'type="title"',
                Box(col_x, emu(0.9), col_w, emu(2.4)),
                lst_style=_title_lst(d.caption_title_size, "tx2"),
                anchor="b",
            ),
            _rect(4, "Accent Rule", Box(col_x, emu(3.5), emu(0.8), emu(0.06))),
            _placeholder(
                5,
                "Caption Placeholder",
                'type="body" sz="half" idx="2"',
                Box(col_x, emu(3.8), col_w, emu(2.7)),
                lst_style=_plain_levels(1800, "tx1", line_pct=110),
                anchor="t",
            ),
            *_footers(d, 6, dark=False, slide_number=True, column=(col_x, col_w)),
        ]
    if name == "Quote":
        return [
            _glyph(
                2, "Quote Mark", Box(m, emu(0.45), emu(1.6), emu(1.7)), "\u201c", 16600, "accent1"
            ),
            _placeholder(
                3,
                "Quote Text",
                'type="title"',
                Box(m, emu(1.95), cw, emu(3.0)),
                lst_style=_title_lst(d.quote_size, "bg1", italic=True, bold=False, line_pct=110),
                anchor="t",
                paragraphs=_text("Quote text"),
                custom_prompt=True,
            ),
            _placeholder(
                4,
                "Attribution",
                'type="body" idx="1"',
                Box(m, emu(5.15), cw, emu(0.9)),
                lst_style=_plain_levels(2000, "bg2"),
                anchor="t",
                paragraphs=_text("Name, context"),
                custom_prompt=True,
            ),
            *_footers(d, 5, dark=True, slide_number=True),
        ]
    if name == "Blank":
        return _footers(d, 2, dark=False, slide_number=True)
    raise ValueError(f"unknown layout {name!r}")


# ------------------------------------------------------------------------------- master


def _master_shapes(d: Design) -> list[str]:
    m, cw = d.margin, d.content_width
    body_prompt = "".join(
        f'<a:p><a:pPr lvl="{lvl}"/><a:r><a:rPr lang="en-US"/><a:t>{text}</a:t></a:r></a:p>'
        for lvl, text in enumerate(
            [
                "Click to edit Master text styles",
                "Second level",
                "Third level",
                "Fourth level",
                "Fifth level",
            ]
        )
    )
    num_w = emu(0.8)
    num_x = d.width - m - num_w
    dt_w = emu(2.3)
    dt_x = num_x - dt_w
    y, h = d.footer_y, d.footer_h
    return [
        _placeholder(
            2,
            "Title Placeholder",
            'type="title"',
            _title_box(d),
            anchor="b",
        ),
        _placeholder(
            3,
            "Text Placeholder",
            'type="body" idx="1"',
            Box(m, emu(2.15), cw, emu(4.4)),
            paragraphs=body_prompt,
        ),
        _placeholder(
            4,
            "Date Placeholder",
            'type="dt" sz="half" idx="2"',
            Box(dt_x, y, dt_w, h),
            lst_style=_footer_lst("accent2", "r"),
            anchor="ctr",
        ),
        _placeholder(
            5,
            "Footer Placeholder",
            'type="ftr" sz="quarter" idx="3"',
            Box(m, y, dt_x - m - emu(0.2), h),
            lst_style=_footer_lst("accent2", "l"),
            anchor="ctr",
        ),
        _placeholder(
            6,
            "Slide Number Placeholder",
            'type="sldNum" sz="quarter" idx="4"',
            Box(num_x, y, num_w, h),
            lst_style=_footer_lst("accent2", "r"),
            anchor="ctr",
            paragraphs=_SLIDE_NUMBER_FIELD,
        ),
    ]


def _level(
    n: int, mar_l: int, indent: int, size: int, bullet: str | None, color: str, space_before: int
) -> str:
    bu = (
        f'<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface="Arial"/>'
        f'<a:buChar char="{bullet}"/>'
        if bullet
        else "<a:buNone/>"
    )
    return (
        f'<a:lvl{n}pPr marL="{mar_l}" indent="{indent}" algn="l" defTabSz="914400" rtl="0" '
        f'eaLnBrk="1" latinLnBrk="0" hangingPunct="1"><a:lnSpc><a:spcPct val="100000"/>'
        f'</a:lnSpc><a:spcBef><a:spcPts val="{space_before}"/></a:spcBef>{bu}'
        f'<a:defRPr sz="{size}" kern="1200">{_fill(color)}<a:latin typeface="+mn-lt"/>'
        f'<a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{n}pPr>'
    )


def _text_styles(d: Design) -> str:
    """The master's ``<p:txStyles>``: explicit sizes, no level below 18 pt in bodies."""
    title = (
        '<p:titleStyle><a:lvl1pPr algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" '
        'latinLnBrk="0" hangingPunct="1"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc>'
        '<a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        f'<a:defRPr sz="{d.title_size}" b="1" kern="1200">{_fill("tx2")}'
        '<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/>'
        "</a:defRPr></a:lvl1pPr></p:titleStyle>"
    )
    step = emu(0.375)
    body_levels = [_level(1, step, -step, 2400, "\u2022", "tx1", 1200)]
    body_levels.append(_level(2, 2 * step, -step, 2000, "\u2013", "tx1", 600))
    for n in range(3, 10):
        body_levels.append(_level(n, n * step, -step, 1800, "\u2022", "tx1", 600))
    other = "".join(
        f'<a:lvl{n}pPr marL="{(n - 1) * 457200}" algn="l" defTabSz="914400" rtl="0" '
        f'eaLnBrk="1" latinLnBrk="0" hangingPunct="1"><a:defRPr sz="1800" kern="1200">'
        f'{_fill("tx1")}<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/>'
        f'<a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{n}pPr>'
        for n in range(1, 10)
    )
    return (
        f"<p:txStyles {nsdecls('a', 'p')}>{title}<p:bodyStyle>{''.join(body_levels)}"
        f'</p:bodyStyle><p:otherStyle><a:defPPr><a:defRPr lang="en-US"/></a:defPPr>{other}'
        "</p:otherStyle></p:txStyles>"
    )


def _replace_shapes(cSld: etree._Element, shapes: Sequence[str]) -> None:
    """Replace every shape in ``cSld``'s shape tree by `shapes` (XML strings)."""
    sp_tree = cSld.find(qn("p:spTree"))
    assert sp_tree is not None
    for child in list(sp_tree)[2:]:  # keep nvGrpSpPr and grpSpPr
        sp_tree.remove(child)
    for xml in shapes:
        sp_tree.append(parse_xml(f"<p:spTree {nsdecls('a', 'p', 'r')}>{xml}</p:spTree>")[0])


def _set_background(cSld: etree._Element, scheme_color: str | None) -> None:
    """Give ``cSld`` its own solid background, or none (inherit) when `scheme_color` is None."""
    old = cSld.find(qn("p:bg"))
    if old is not None:
        cSld.remove(old)
    if scheme_color is None:
        return
    bg = parse_xml(
        f"<p:bg {nsdecls('a', 'p')}><p:bgPr>{_fill(scheme_color)}<a:effectLst/></p:bgPr></p:bg>"
    )
    cSld.insert(0, bg)


def _restyle_master(prs: PresentationT, d: Design) -> None:
    master = prs.slide_master.element
    cSld = master.find(qn("p:cSld"))
    _replace_shapes(cSld, _master_shapes(d))
    old_styles = master.find(qn("p:txStyles"))
    old_styles.getparent().replace(old_styles, parse_xml(_text_styles(d)))


def _restyle_layout(layout: SlideLayout, name: str, display_name: str, d: Design) -> None:
    element = layout.element
    layout_type = _LAYOUT_TYPE[name]
    if layout_type is None:
        element.attrib.pop("type", None)
        element.set("userDrawn", "1")
    else:
        element.set("type", layout_type)
    cSld = element.find(qn("p:cSld"))
    cSld.set("name", display_name)
    _set_background(cSld, "tx2" if name in DARK_LAYOUTS else None)
    _replace_shapes(cSld, _layout_shapes(name, d))


def _select_layouts(
    prs: PresentationT, names: Sequence[str], display: Sequence[str], d: Design
) -> None:
    """Keep, restyle and reorder the layouts we need; remove the rest from the package."""
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    keep = [by_name[_SOURCE_LAYOUT[name]] for name in names]
    for layout in list(prs.slide_layouts):
        if layout not in keep:
            prs.slide_layouts.remove(layout)
    id_lst = prs.slide_master.element.find(qn("p:sldLayoutIdLst"))
    entries = {entry.get(qn("r:id")): entry for entry in id_lst}
    master_part = prs.slide_master.part
    rid_of = {rel.target_part: rid for rid, rel in master_part.rels.items()}
    for child in list(id_lst):
        id_lst.remove(child)
    for n, (layout, name, shown) in enumerate(zip(keep, names, display, strict=True), start=1):
        entry = entries[rid_of[layout.part]]
        entry.set("id", str(2147483648 + n))
        id_lst.append(entry)
        layout.part.partname = PackURI(f"/ppt/slideLayouts/slideLayout{n}.xml")
        _restyle_layout(layout, name, shown, d)


# -------------------------------------------------------------------- package-level parts


def _xml_bytes(element: etree._Element) -> bytes:
    return etree.tostring(element, encoding="UTF-8", standalone=True)


_SOLID = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_LINES = "".join(
    f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{_SOLID}<a:prstDash val="solid"/>'
    '<a:miter lim="800000"/></a:ln>'
    for w in (9525, 19050, 28575)
)
# A flat format scheme: no gradients, shadows or bevels on shapes speakers add.
_FLAT_FORMAT_SCHEME = (
    f'<a:fmtScheme name="{THEME_NAME}"><a:fillStyleLst>{_SOLID * 3}</a:fillStyleLst>'
    f"<a:lnStyleLst>{_LINES}</a:lnStyleLst><a:effectStyleLst>"
    f"{'<a:effectStyle><a:effectLst/></a:effectStyle>' * 3}</a:effectStyleLst>"
    f"<a:bgFillStyleLst>{_SOLID * 3}</a:bgFillStyleLst></a:fmtScheme>"
)


def _theme_xml(blob: bytes) -> bytes:
    """Rewrite the theme: our colour scheme, fonts and a flat format scheme."""
    theme = etree.fromstring(blob)
    theme.set("name", THEME_NAME)
    scheme = theme.find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}")
    scheme.set("name", THEME_NAME)
    for slot in list(scheme):
        scheme.remove(slot)
    for slot, value in PALETTE.items():
        el = etree.SubElement(scheme, qn(f"a:{slot}"))
        etree.SubElement(el, qn("a:srgbClr"), val=value)
    fonts = theme.find(f"{qn('a:themeElements')}/{qn('a:fontScheme')}")
    fonts.set("name", THEME_NAME)
    for tag, latin in (("a:majorFont", MAJOR_LATIN), ("a:minorFont", MINOR_LATIN)):
        font = fonts.find(qn(tag))
        font.find(qn("a:latin")).set("typeface", latin)
        font.find(qn("a:ea")).set("typeface", EAST_ASIAN)
    old = theme.find(f"{qn('a:themeElements')}/{qn('a:fmtScheme')}")
    old.getparent().replace(old, parse_xml(f"<a:x {nsdecls('a')}>{_FLAT_FORMAT_SCHEME}</a:x>")[0])
    return _xml_bytes(theme)


def _view_props_xml() -> bytes:
    return _xml_bytes(
        parse_xml(
            f"<p:viewPr {nsdecls('a', 'r', 'p')}><p:normalViewPr>"
            '<p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr>'
            '<p:gridSpacing cx="76200" cy="76200"/></p:viewPr>'
        )
    )


def _clean_core_properties(prs: PresentationT, title: str) -> None:
    """Leave only a title in docProps/core.xml."""
    core = prs.core_properties._element  # no public API drops fields
    for child in list(core):
        core.remove(child)
    etree.SubElement(core, qn("dc:title")).text = title


def _drop_package_extras(prs: PresentationT) -> None:
    """Drop the 4:3 thumbnail and the Mac printer settings of the source package."""
    package = prs.part.package
    for rid, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rid)
    for rid, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rid)


def _set_blob(owner: Part | OpcPackage, reltype: str, blob: bytes) -> None:
    """Replace the bytes of the (non-XML) part `owner` relates to by `reltype`."""
    for rel in owner._rels.values():
        if rel.reltype == reltype:
            rel.target_part.blob = blob
            return
    raise KeyError(reltype)


def _add_example_slide(prs: PresentationT) -> str:
    """Add the fixture's one example slide; return its title."""
    title = "Example slide (must not be carried into decks)"
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = title
    slide.placeholders[1].text = "Templates may ship example slides; makedocs ignores them."
    return title


def build_template(aspect: Aspect, path: Path | str, renamed: bool = False) -> Path:
    """Build a deck template for `aspect` at `path`; `renamed` builds the test fixture.

    The fixture has the same design, renamed layouts (see ``RENAMED_LAYOUT_NAMES``) and one
    example slide.
    """
    d = design_for(aspect)
    prs = Presentation()
    prs.slide_width, prs.slide_height = d.width, d.height
    sld_sz = prs.part._element.find(qn("p:sldSz"))
    if aspect == "4x3":
        sld_sz.set("type", "screen4x3")
    else:
        sld_sz.attrib.pop("type", None)

    _drop_package_extras(prs)
    _restyle_master(prs, d)
    display = RENAMED_LAYOUT_NAMES if renamed else LAYOUT_NAMES
    _select_layouts(prs, LAYOUT_NAMES, display, d)

    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    theme_part.blob = _theme_xml(theme_part.blob)
    _set_blob(prs.part, RT.VIEW_PROPS, _view_props_xml())

    slide_titles = [_add_example_slide(prs)] if renamed else []
    _clean_core_properties(prs, FIXTURE_TITLE if renamed else TEMPLATE_TITLE)
    package = prs.part.package
    _set_blob(
        package,
        RT.EXTENDED_PROPERTIES,
        extended_properties(PRESENTATION_FORMATS[aspect], THEME_NAME, slide_titles, notes=0),
    )

    buffer = io.BytesIO()
    prs.save(buffer)
    data = deterministic_zip(buffer.getvalue())
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; with no options regenerates every committed file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aspect", choices=["16x9", "4x3"], help="build one template")
    parser.add_argument("--renamed", action="store_true", help="renamed layouts + example")
    parser.add_argument("--output", type=Path, help="output path (with --aspect)")
    args = parser.parse_args(argv)
    if args.aspect is None:
        for path, (aspect, renamed) in OUTPUTS.items():
            print(build_template(aspect, path, renamed=renamed).relative_to(REPO))
        return 0
    if args.output is None:
        parser.error("--output is required with --aspect")
    print(build_template(args.aspect, args.output, renamed=args.renamed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
