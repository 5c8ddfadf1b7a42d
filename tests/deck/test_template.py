"""The bundled deck templates, as the default theme makes them, and the renamed-layouts fixture.

``templates/default/deck-*.pptx`` are the designer-edited base; ``deck/theming.py`` applies the
theme when a deck is built. These tests check the themed templates (size, layouts,
placeholders, metadata, colour contrast), that theming is deterministic, and that the base
files draw with scheme colours only. The fixture stands for an organisation's own template
(renamed layouts, one example slide): it is used as it is, never themed.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationT
from pptx.slide import SlideLayout, SlideMaster

from makedocs.deck.style import deck_style
from makedocs.deck.template import open_template
from makedocs.errors import Warned
from makedocs.reproducible import zip_date_time
from makedocs.theme import load_theme

REPO = Path(__file__).resolve().parents[2]
TEMPLATE_16X9 = REPO / "templates" / "default" / "deck-16x9.pptx"
TEMPLATE_4X3 = REPO / "templates" / "default" / "deck-4x3.pptx"
FIXTURE = REPO / "tests" / "fixtures" / "renamed-layouts.pptx"
STYLE = deck_style(load_theme("default"))

LAYOUT_NAMES = [
    "Title Slide",
    "Section Header",
    "Title and Content",
    "Title Only",
    "Picture with Caption",
    "Quote",
    "Blank",
]
RENAMED = ["Cover", "Chapter", "Text", "Heading Only", "Photo", "Big Quote", "Empty"]

P = PP_PLACEHOLDER
FOOTERS = {(10, P.DATE), (11, P.FOOTER), (12, P.SLIDE_NUMBER)}
# The contract with the deck renderer: placeholder (idx, type) per layout.
PLACEHOLDERS: dict[str, set[tuple[int, PP_PLACEHOLDER]]] = {
    "Title Slide": {(0, P.CENTER_TITLE), (1, P.SUBTITLE), (10, P.DATE), (11, P.FOOTER)},
    "Section Header": {(0, P.TITLE), (1, P.BODY)} | FOOTERS,
    "Title and Content": {(0, P.TITLE), (1, P.BODY)} | FOOTERS,
    "Title Only": {(0, P.TITLE)} | FOOTERS,
    "Picture with Caption": {(0, P.TITLE), (1, P.PICTURE), (2, P.BODY)} | FOOTERS,
    "Quote": {(0, P.TITLE), (1, P.BODY)} | FOOTERS,
    "Blank": set(FOOTERS),
}

# (path, width, height, layout names, number of slides, format in app.xml, core title)
CASES = {
    "16x9": (TEMPLATE_16X9, 12192000, 6858000, LAYOUT_NAMES, 0, "(16:9)"),
    "4x3": (TEMPLATE_4X3, 9144000, 6858000, LAYOUT_NAMES, 0, "(4:3)"),
    "fixture": (FIXTURE, 12192000, 6858000, RENAMED, 1, "(16:9)"),
}
ALL = pytest.mark.parametrize("case", list(CASES))
TEMPLATES = pytest.mark.parametrize("case", ["16x9", "4x3"])

MIN_CONTRAST = 4.5


def deterministic_zip(pptx_bytes: bytes) -> bytes:
    """Rewrite a saved package with fixed dates (SOURCE_DATE_EPOCH when set), attributes and
    entry order."""
    date_time = zip_date_time()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(pptx_bytes)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        names = src.namelist()
        order = ["[Content_Types].xml", *sorted(n for n in names if n != "[Content_Types].xml")]
        for name in order:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, src.read(name), compresslevel=9)
    return out.getvalue()


def themed(aspect: str, theme: str = "default") -> bytes:
    """The bundled template for ``aspect`` as a build opens it, saved as a package."""
    template = open_template(None, aspect, None, Warned(), load_theme(theme))
    buffer = io.BytesIO()
    template.prs.save(buffer)
    return deterministic_zip(buffer.getvalue())


@functools.cache
def case_bytes(case: str) -> bytes:
    """The themed template for "16x9" and "4x3"; the fixture as committed."""
    if case == "fixture":
        return FIXTURE.read_bytes()
    return themed(case.replace("x", ":"))


def open_case(case: str) -> PresentationT:
    return Presentation(io.BytesIO(case_bytes(case)))


def package_texts(case: str) -> Iterator[tuple[str, bytes]]:
    """Every zip entry of `case` with its bytes."""
    with zipfile.ZipFile(io.BytesIO(case_bytes(case))) as zf:
        for name in zf.namelist():
            yield name, zf.read(name)


# ------------------------------------------------------------------ size, layouts, shapes


@ALL
def test_slide_size_is_exact(case: str) -> None:
    _, width, height, *_ = CASES[case]
    prs = open_case(case)
    assert (prs.slide_width, prs.slide_height) == (width, height)


@ALL
def test_layout_names_in_order(case: str) -> None:
    prs = open_case(case)
    assert [layout.name for layout in prs.slide_layouts] == CASES[case][3]


@ALL
def test_layout_placeholders_are_the_renderer_contract(case: str) -> None:
    prs = open_case(case)
    for layout, name in zip(prs.slide_layouts, LAYOUT_NAMES, strict=True):
        found = {
            (ph.placeholder_format.idx, ph.placeholder_format.type) for ph in layout.placeholders
        }
        assert found == PLACEHOLDERS[name], name


@ALL
def test_slide_number_on_master_and_every_layout_but_title_slide(case: str) -> None:
    prs = open_case(case)
    master_types = [ph.placeholder_format.type for ph in prs.slide_master.placeholders]
    assert P.SLIDE_NUMBER in master_types
    for n, layout in enumerate(prs.slide_layouts):
        sld_num = layout.element.xpath(".//p:ph[@type='sldNum']")
        assert bool(sld_num) == (n != 0), layout.name


@ALL
def test_every_placeholder_lies_inside_the_slide(case: str) -> None:
    prs = open_case(case)
    width, height = prs.slide_width, prs.slide_height
    owners: list[SlideMaster | SlideLayout] = [prs.slide_master, *prs.slide_layouts]
    for owner in owners:
        for shape in owner.shapes:
            where = f"{owner.name}/{shape.name}"
            assert None not in (shape.left, shape.top, shape.width, shape.height), where
            assert shape.left >= 0 and shape.top >= 0, where
            assert shape.left + shape.width <= width, where
            assert shape.top + shape.height <= height, where


@TEMPLATES
def test_templates_have_no_slides(case: str) -> None:
    assert len(open_case(case).slides) == 0


def test_fixture_has_one_example_slide() -> None:
    prs = open_case("fixture")
    assert len(prs.slides) == 1
    assert prs.slides[0].slide_layout.name == "Cover"


# ----------------------------------------------------------------------- text and fonts


@ALL
def test_no_autofit_anywhere(case: str) -> None:
    for name, data in package_texts(case):
        if name.endswith(".xml"):
            assert b"normAutofit" not in data, name
            assert b"spAutoFit" not in data, name


@ALL
def test_sizes_are_explicit_and_bodies_at_least_18pt(case: str) -> None:
    prs = open_case(case)
    master = prs.slide_master.element
    title_sz = master.xpath("p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/@sz")
    assert title_sz and int(title_sz[0]) >= 3600
    body_sizes = [int(sz) for sz in master.xpath("p:txStyles/p:bodyStyle/*/a:defRPr/@sz")]
    assert len(body_sizes) == 9
    # the theme's list size, or the organisation's own
    assert body_sizes[0] == (2400 if case == "fixture" else round(STYLE.body.list_size * 100))
    assert min(body_sizes) >= 1800
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            if ph.placeholder_format.type in (P.BODY, P.SUBTITLE):
                sizes = [int(sz) for sz in ph.element.xpath(".//a:lstStyle//a:defRPr/@sz")]
                assert all(sz >= 1800 for sz in sizes), (layout.name, sizes)


@ALL
def test_theme_fonts(case: str) -> None:
    theme = _theme(open_case(case))
    for which in ("a:majorFont", "a:minorFont"):
        font = theme.find(f".//{qn(which)}")
        assert font.find(qn("a:latin")).get("typeface") == STYLE.latin_typeface  # Calibri
        assert font.find(qn("a:ea")).get("typeface") == STYLE.east_asian_typeface


# --------------------------------------------------------------------------- metadata


@ALL
def test_package_is_free_of_tool_and_personal_metadata(case: str) -> None:
    names = []
    for name, data in package_texts(case):
        names.append(name)
        assert b"python-pptx" not in data, name
        assert b"lastModifiedBy" not in data, name
        assert b"creator" not in data, name
        assert b"2013" not in data, name
    assert "docProps/thumbnail.jpeg" not in names
    assert not any("printerSettings" in name for name in names)


@ALL
def test_core_and_app_properties(case: str) -> None:
    *_, slides, fmt = CASES[case]
    prs = open_case(case)
    core = prs.core_properties
    expected = "makedocs default template" if case != "fixture" else core.title
    assert core.title == expected and core.title.startswith("makedocs")
    assert core.author == "" and core.last_modified_by == ""
    assert core.revision == 0 and core.created is None and core.modified is None
    with zipfile.ZipFile(io.BytesIO(case_bytes(case))) as zf:
        app = etree.fromstring(zf.read("docProps/app.xml"))
    ns = {"ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
    assert app.findtext("ep:Application", namespaces=ns) == "makedocs"
    assert app.findtext("ep:Slides", namespaces=ns) == str(slides)
    assert app.findtext("ep:PresentationFormat", namespaces=ns) == f"On-screen Show {fmt}"


# --------------------------------------------------------------------------- contrast


def _theme(prs: PresentationT) -> etree._Element:
    return etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)


def _luminance(hex_rgb: str) -> float:
    channels = []
    for i in (0, 2, 4):
        c = int(hex_rgb[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``RRGGBB`` colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula() -> None:
    assert contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)


class ColourResolver:
    """Resolve the colours a master/layout actually sets to ``RRGGBB`` via theme and clrMap."""

    def __init__(self, prs: PresentationT) -> None:
        scheme = _theme(prs).find(f".//{qn('a:clrScheme')}")
        self.scheme: dict[str, str] = {}
        for slot in scheme:
            colour = slot[0]
            self.scheme[etree.QName(slot).localname] = colour.get("val") or colour.get("lastClr")
        self.clr_map = dict(prs.slide_master.element.find(qn("p:clrMap")).attrib)
        self.master = prs.slide_master

    def colour(self, element: etree._Element) -> str:
        """The colour of an ``a:srgbClr`` or ``a:schemeClr`` element, without modifiers."""
        assert len(element) == 0, "colour modifiers are not used in the templates"
        if element.tag == qn("a:srgbClr"):
            return element.get("val").upper()
        assert element.tag == qn("a:schemeClr"), element.tag
        name = element.get("val")
        return self.scheme[self.clr_map.get(name, name)].upper()

    def background(self, owner: SlideMaster | SlideLayout) -> str:
        """The solid background colour of `owner`, inherited from the master if unset."""
        for element in (owner.element, self.master.element):
            fill = element.xpath("p:cSld/p:bg/p:bgPr/a:solidFill/* | p:cSld/p:bg/p:bgRef/*")
            if fill:
                return self.colour(fill[0])
        raise AssertionError("no background")

    def text_colour(self, chain: list[etree._Element], level: int) -> str:
        """The first colour set for `level` along `chain` (lstStyle/txStyle elements)."""
        for style in chain:
            fill = style.xpath(f"a:lvl{level}pPr/a:defRPr/a:solidFill/*", namespaces=_NS)
            if fill:
                return self.colour(fill[0])
        raise AssertionError(f"no text colour for level {level}")


_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
_TITLE_TYPES = {"title", "ctrTitle"}
_FOOTER_TYPES = {"dt", "ftr", "sldNum"}


def _style_chain(
    resolver: ColourResolver, owner: SlideMaster | SlideLayout, ph: etree._Element
) -> tuple[list[etree._Element], range]:
    """lstStyle/txStyle elements a placeholder inherits from, and the levels to check."""
    ph_type = ph.get("type", "obj")
    master_type = (
        "title" if ph_type in _TITLE_TYPES else ph_type if ph_type in _FOOTER_TYPES else "body"
    )
    sp = ph.getparent().getparent().getparent()
    chain = sp.xpath("p:txBody/a:lstStyle")
    master = resolver.master.element
    if owner is not resolver.master:
        chain += master.xpath(
            f"p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph/@type='{master_type}']/p:txBody/a:lstStyle"
        )
    if ph_type in _TITLE_TYPES:
        return chain + master.xpath("p:txStyles/p:titleStyle"), range(1, 2)
    if ph_type in _FOOTER_TYPES:
        return chain + master.xpath("p:txStyles/p:otherStyle"), range(1, 2)
    return chain + master.xpath("p:txStyles/p:bodyStyle"), range(1, 10)


@ALL
def test_text_contrast_meets_wcag_aa(case: str) -> None:
    prs = open_case(case)
    resolver = ColourResolver(prs)
    owners: list[SlideMaster | SlideLayout] = [prs.slide_master, *prs.slide_layouts]
    checked = 0
    for owner in owners:
        background = resolver.background(owner)
        label = owner.name or "master"
        for ph in owner.element.xpath("p:cSld/p:spTree/p:sp/p:nvSpPr/p:nvPr/p:ph"):
            chain, levels = _style_chain(resolver, owner, ph)
            for level in levels:
                text = resolver.text_colour(chain, level)
                ratio = contrast(text, background)
                where = f"{label} {ph.get('type', 'obj')} lvl{level}: {text}/{background}"
                assert ratio >= MIN_CONTRAST, f"{where} contrast {ratio:.2f}"
                checked += 1
        # Decorative text (the quote mark) sets its colour on the run.
        for fill in owner.element.xpath(".//a:rPr/a:solidFill/*"):
            text = resolver.colour(fill)
            assert contrast(text, background) >= MIN_CONTRAST, f"{label} run {text}"
    assert checked > 50


@TEMPLATES
def test_dark_and_light_layouts(case: str) -> None:
    prs = open_case(case)
    resolver = ColourResolver(prs)
    dark = {"Title Slide", "Section Header", "Quote"}
    for layout in prs.slide_layouts:
        is_dark = _luminance(resolver.background(layout)) < 0.1
        assert is_dark == (layout.name in dark), layout.name


# ------------------------------------------------------------------------ determinism


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_theming_is_deterministic(aspect: str) -> None:
    first, second = themed(aspect), themed(aspect)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as fresh:
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in fresh.infolist())


@pytest.mark.parametrize("base", [TEMPLATE_16X9, TEMPLATE_4X3])
def test_the_base_templates_colour_only_through_the_scheme(base: Path) -> None:
    """A fixed colour in a layout or master would escape the theme: only the theme part's
    colour scheme (which theming rewrites) may hold RGB values."""
    with zipfile.ZipFile(base) as zf:
        for name in zf.namelist():
            if not name.endswith(".xml") or name.startswith("ppt/theme/"):
                continue
            root = etree.fromstring(zf.read(name))
            fixed = root.findall(".//{*}srgbClr") + root.findall(".//{*}sysClr")
            assert fixed == [], name
