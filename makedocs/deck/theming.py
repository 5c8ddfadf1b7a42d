"""The bundled deck templates, themed at build time: the theme's colours, fonts and sizes.

``deck-16x9.pptx`` and ``deck-4x3.pptx`` beside ``theme.toml`` are the designer-edited base:
layouts, placeholder geometry and decoration, drawn with scheme colours only. This step writes
the theme into the opened base:

- the colour scheme (dk1, lt1, ... of the master's theme) from ``[deck.scheme]``;
- the font scheme (major and minor, Latin and East Asian) from ``[deck]``'s typefaces;
- the size and line spacing of every text style a deck fills, from ``[deck.title]``,
  ``[deck.body]``, ``[deck.quote]``, ``[deck.caption]`` and ``[deck.slide_number]``;
- the colour of bullets and list numbers (``[deck.body] marker``), which are text and must
  read as well as the text beside them, and of links on the dark layouts (``link_on_dark``);
- and it drops what an editor's save leaves behind (thumbnail, authors, printer settings).

So a theme that changes one colour changes the deck without regenerating any file; the base's
own scheme and sizes are only a preview for whoever edits it. An organisation's own template
(``--template``) is never re-themed: it keeps its look.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from makedocs.adapters.pptx import xml_root
from makedocs.deck import package
from makedocs.deck.style import SCHEME_SLOTS, DeckStyle

_FOOTERS = ("dt", "ftr", "sldNum")


def apply_theme(prs: Any, style: DeckStyle, layout_names: Mapping[str, str]) -> None:
    """Theme an opened bundled template in place (and its notes master, which python-pptx
    otherwise adds later from its own, with Office's colours). ``layout_names`` maps the roles
    (title, section, picture, quote) to the names of their layouts."""
    for proxy in (prs.slide_master, prs.notes_master):
        _schemes(proxy.part, style)
    master = prs.slide_master.element
    title, body = style.title, style.body
    _set_level(master.find(_qn("p:txStyles/p:titleStyle")), title.size, title.line_spacing)
    _set_level(master.find(_qn("p:txStyles/p:bodyStyle")), body.list_size, body.line_spacing)
    _marker_colour(master.find(_qn("p:txStyles/p:bodyStyle")), body.marker)
    sizes = _sizes(style, layout_names)
    dark = {layout_names[role] for role in _DARK}
    clr_map = master.find(_qn("p:clrMap"))
    for layout in prs.slide_layouts:
        if layout.name in dark:
            _link_colour(layout.element, clr_map, style.link_on_dark)
    for owner in (prs.slide_master, *prs.slide_layouts):
        by_type = sizes.get(owner.name, {})
        for ph in owner.placeholders:
            kind = ph.element.find(_qn("p:nvSpPr/p:nvPr/p:ph")).get("type", "obj")
            if kind in _FOOTERS:
                _set_level(_lst_style(ph.element), style.slide_number.size, None)
            elif kind in by_type:
                _set_level(_lst_style(ph.element), *by_type[kind])
    package.strip_metadata(prs)
    package.write_app_xml(prs, [])


def _sizes(
    style: DeckStyle, layout_names: Mapping[str, str]
) -> dict[str, dict[str, tuple[float, float]]]:
    """Layout name -> placeholder type -> (size, line spacing), where a layout sets its own
    (the others inherit the master's title and body styles)."""
    t, b, q, c = style.title, style.body, style.quote, style.caption
    title, body = t.line_spacing, b.line_spacing
    by_role = {
        "title": {"ctrTitle": (t.cover_size, title), "subTitle": (b.subtitle_size, body)},
        "section": {"title": (t.section_size, title), "body": (b.subtitle_size, body)},
        "picture": {"title": (c.side_size, title), "body": (c.credit_size, c.line_spacing)},
        "quote": {"title": (q.size, q.line_spacing), "body": (q.attribution_size, body)},
    }
    return {layout_names[role]: types for role, types in by_role.items()}


def _schemes(master: Any, style: DeckStyle) -> None:
    """The colour and font schemes of a master's theme."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import XmlPart

    part = master.part_related_by(RT.THEME)
    parsed = isinstance(part, XmlPart)  # a theme python-pptx made itself (the notes master's)
    root = xml_root(part) if parsed else etree.fromstring(part.blob)
    scheme = root.find(_qn("a:themeElements/a:clrScheme"))
    for child in list(scheme):
        scheme.remove(child)
    for slot in SCHEME_SLOTS:
        el = etree.SubElement(scheme, _qn(f"a:{slot}"))
        etree.SubElement(el, _qn("a:srgbClr"), val=style.scheme[slot].lstrip("#").upper())
    for which in ("a:majorFont", "a:minorFont"):
        font = root.find(_qn(f"a:themeElements/a:fontScheme/{which}"))
        font.find(_qn("a:latin")).set("typeface", style.latin_typeface)
        font.find(_qn("a:ea")).set("typeface", style.east_asian_typeface)
    if not parsed:
        part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


#: The roles whose layouts are dark (text in lt1 and lt2 on dk2).
_DARK = ("title", "section", "quote")


def _link_colour(layout: Any, clr_map: Any, slot: str) -> None:
    """The layout's colour map: the master's, with hyperlinks mapped to ``slot``."""
    from lxml import etree

    override = layout.find(_qn("p:clrMapOvr"))
    if override is None:
        override = etree.SubElement(layout, _qn("p:clrMapOvr"))
    for child in list(override):
        override.remove(child)
    mapping = dict(clr_map.attrib, hlink=slot, folHlink=slot)
    etree.SubElement(override, _qn("a:overrideClrMapping"), mapping)


#: Children of a paragraph style that come before ``a:buClr`` in the schema.
_BEFORE_BULLET_COLOUR = ("lnSpc", "spcBef", "spcAft", "buClrTx", "buClr")


def _marker_colour(styles: Any, slot: str) -> None:
    """Bullets and numbers of every list level in the scheme colour ``slot``."""
    from lxml import etree

    for level in styles:
        if not etree.QName(level).localname.startswith("lvl"):
            continue
        for old in level.findall(_qn("a:buClrTx")) + level.findall(_qn("a:buClr")):
            level.remove(old)
        colour = etree.Element(_qn("a:buClr"))
        etree.SubElement(colour, _qn("a:schemeClr"), val=slot)
        before = [c for c in level if etree.QName(c).localname in _BEFORE_BULLET_COLOUR]
        if before:
            before[-1].addnext(colour)
        else:
            level.insert(0, colour)


def _lst_style(sp: Any) -> Any:
    from lxml import etree

    body = sp.find(_qn("p:txBody"))
    found = body.find(_qn("a:lstStyle"))
    if found is None:
        found = etree.Element(_qn("a:lstStyle"))
        body.find(_qn("a:bodyPr")).addnext(found)
    return found


def _set_level(styles: Any, size: float, line_spacing: float | None) -> None:
    """First-level size (and line spacing) of a list style, children kept in schema order."""
    from lxml import etree

    level = styles.find(_qn("a:lvl1pPr"))
    if level is None:
        level = etree.Element(_qn("a:lvl1pPr"))
        before = styles.find(_qn("a:defPPr"))
        styles.insert(0 if before is None else 1, level)
    if line_spacing is not None:
        for old in level.findall(_qn("a:lnSpc")):
            level.remove(old)
        ln = etree.Element(_qn("a:lnSpc"))
        etree.SubElement(ln, _qn("a:spcPct"), val=str(round(line_spacing * 100000)))
        level.insert(0, ln)
    rpr = level.find(_qn("a:defRPr"))
    if rpr is None:
        rpr = etree.Element(_qn("a:defRPr"))
        ext = level.find(_qn("a:extLst"))
        if ext is None:
            level.append(rpr)
        else:
            ext.addprevious(rpr)
    rpr.set("sz", str(round(size * 100)))


def _qn(path: str) -> str:
    """``p:a/a:b`` -> Clark notation, for ``find``."""
    from pptx.oxml.ns import qn

    return "/".join(qn(step) for step in path.split("/"))
