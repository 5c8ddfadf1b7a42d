"""Package hygiene: no template example slides, truthful metadata, reproducible bytes.

An organisation's template may carry example slides, its author's name, a thumbnail of its
last deck, custom properties and printer settings; none of that belongs in a deck we hand to a
speaker. The saved zip is rewritten with fixed dates and a stable entry order, so building the
same stories twice gives identical files.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from makedocs.adapters.pptx import (
    add_relationship,
    constant_time_partnames,
    package_rels,
    xml_root,
)
from makedocs.model import Metadata
from makedocs.reproducible import build_time, w3cdtf, zip_date_time

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RT_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_RT_EXTENDED = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
)
_DROP_FROM_PRESENTATION = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/commentAuthors",
    "http://schemas.microsoft.com/office/2015/10/relationships/revisionInfo",
    "http://schemas.microsoft.com/office/2018/10/relationships/authors",
    # SharePoint/OneDrive metadata (owners, e-mail addresses) and tags of earlier edits
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/tags",
)


def remove_example_slides(prs: Any) -> int:
    """Delete the template's own slides: the list entry, the relationship, and so the parts."""
    from pptx.oxml.ns import qn

    sld_id_lst = prs.slides.element
    # Custom shows list the template's slides by relationship id; they would dangle.
    for custom in prs.element.findall(qn("p:custShowLst")):
        custom.getparent().remove(custom)
    _drop_custom_show_from_show_settings(prs)
    removed = 0
    for sld_id in list(sld_id_lst):
        rid = sld_id.get(qn("r:id"))
        sld_id_lst.remove(sld_id)
        prs.part.drop_rel(rid)  # unreachable parts (slide, its notes) are not saved
        removed += 1
    return removed


def _drop_custom_show_from_show_settings(prs: Any) -> None:
    """presProps.xml may start the slide show with a custom show that no longer exists."""
    from lxml import etree

    rt = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/presProps"
    for rel in prs.part.rels.values():
        if rel.reltype != rt:
            continue
        part = rel.target_part
        root = etree.fromstring(part.blob)
        found = root.findall(".//{*}showPr/{*}custShow")
        for el in found:
            el.getparent().remove(el)
        if found:
            part.blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )


#: The children of ``p:presentation`` in the order the schema requires (CT_Presentation).
PRESENTATION_ORDER = (
    "sldMasterIdLst", "notesMasterIdLst", "handoutMasterIdLst", "sldIdLst", "sldSz", "notesSz",
    "smartTags", "embeddedFontLst", "custShowLst", "photoAlbum", "custDataLst", "kinsoku",
    "defaultTextStyle", "modifyVerifier", "extLst",
)  # fmt: skip


def list_notes_master(prs: Any) -> None:
    """List the notes master in presentation.xml, as PowerPoint does for a deck with notes.

    python-pptx adds the notes master part and its relationship but not the
    ``p:notesMasterIdLst`` entry (python-pptx issue 1051), and Keynote refuses such a package
    ("file format is invalid"). The entry goes where the schema puts it, after the slide
    masters.
    """
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn

    rids = [rid for rid, rel in prs.part.rels.items() if rel.reltype == RT.NOTES_MASTER]
    pres = prs.element
    for old in pres.findall(qn("p:notesMasterIdLst")):
        pres.remove(old)
    if not rids:
        return
    listed = etree.Element(qn("p:notesMasterIdLst"))
    etree.SubElement(listed, qn("p:notesMasterId")).set(qn("r:id"), rids[0])
    order = {name: n for n, name in enumerate(PRESENTATION_ORDER)}
    rank = order["notesMasterIdLst"]
    after = [c for c in pres if order.get(etree.QName(c).localname, len(order)) < rank]
    if after:
        after[-1].addnext(listed)
    else:
        pres.insert(0, listed)


def fast_partnames(prs: Any) -> None:
    """Make naming new parts constant-time for the rest of this build (see the adapter)."""
    constant_time_partnames(prs.part.package)


class SlideAppender:
    """``prs.slides.add_slide`` in constant time per slide, with the same result.

    python-pptx scans every existing slide relationship and slide id for each new slide (to find
    the next rId, the next id and an existing relationship to reuse), which makes a deck of N
    slides cost O(N²): most of the time of a 6,000-slide deck. A build only ever appends, so the
    next free names can be counted instead. The deck tests compare its output with python-pptx's
    own ``add_slide`` part by part.
    """

    def __init__(self, prs: Any) -> None:
        self.prs = prs
        self.part = prs.part
        self.id_list = prs.slides.element
        ids = [int(item.get("id")) for item in self.id_list.sldId_lst]
        self.count = len(ids)
        self.next_id = max([255, *ids]) + 1
        self.next_rid = 1

    def add(self, layout: Any) -> tuple[Any, int]:
        """Append a slide on ``layout``; return it and its slide id."""
        from lxml import etree
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.oxml.ns import qn
        from pptx.parts.slide import SlidePart

        if self.next_id > 2147483647:  # past PowerPoint's id range: let python-pptx search
            slide = self.prs.slides.add_slide(layout)
            return slide, int(self.id_list.sldId_lst[-1].get("id"))
        self.count += 1
        partname = PackURI(f"/ppt/slides/slide{self.count}.xml")
        slide_part = SlidePart.new(partname, self.part.package, layout.part)
        while f"rId{self.next_rid}" in self.part.rels:
            self.next_rid += 1
        rid = f"rId{self.next_rid}"
        add_relationship(self.part, rid, RT.SLIDE, slide_part)
        slide = slide_part.slide
        slide.shapes.clone_layout_placeholders(layout)
        slide_id = self.next_id
        etree.SubElement(self.id_list, qn("p:sldId"), {"id": str(slide_id), qn("r:id"): rid})
        self.next_id += 1
        return slide, slide_id


def strip_metadata(prs: Any) -> None:
    """Drop what an editor's save leaves in a package: thumbnail, custom properties, printer
    settings, comment authors, SharePoint data, and every core property but the title."""
    from pptx.oxml.ns import qn

    rels = package_rels(prs.part.package)
    for rid, rel in list(rels.items()):
        if rel.reltype in (_RT_THUMBNAIL, _RT_CUSTOM):
            rels.pop(rid)
    for rid, rel in list(prs.part.rels.items()):
        if rel.reltype in _DROP_FROM_PRESENTATION:
            prs.part.rels.pop(rid)
    core = xml_root(prs.core_properties)
    for child in list(core):
        if child.tag != qn("dc:title"):
            core.remove(child)


def clean_metadata(prs: Any, meta: Metadata, slides: Sequence[Any]) -> None:
    """core.xml: title, author (the organisation), subject; app.xml: what the deck really is."""
    from lxml import etree
    from pptx.oxml.ns import qn

    strip_metadata(prs)
    core = xml_root(prs.core_properties)
    for child in list(core):
        core.remove(child)
    etree.SubElement(core, qn("dc:title")).text = meta.title
    if meta.subtitle:
        etree.SubElement(core, qn("dc:subject")).text = meta.subtitle
    if meta.organisation:
        etree.SubElement(core, qn("dc:creator")).text = meta.organisation
    stamp = _core_date(meta)
    if stamp:
        for tag in ("dcterms:created", "dcterms:modified"):
            el = etree.SubElement(core, qn(tag))
            el.set(qn("xsi:type"), "dcterms:W3CDTF")
            el.text = stamp
    write_app_xml(prs, slides)


def write_app_xml(prs: Any, slides: Sequence[Any]) -> None:
    for rel in package_rels(prs.part.package).values():
        if rel.reltype == _RT_EXTENDED:
            rel.target_part.blob = app_xml(prs, slides)


def _core_date(meta: Metadata) -> str | None:
    """SOURCE_DATE_EPOCH when set (as in every output), else the collection's own date."""
    import datetime

    moment = build_time()
    if moment is not None:
        return w3cdtf(moment)
    if meta.date and _DATE.match(meta.date):
        try:
            datetime.date.fromisoformat(meta.date)
        except ValueError:
            return None  # "2024-02-30" is no date a reader could be given
        return f"{meta.date}T00:00:00Z"
    return None


def app_xml(prs: Any, slides: Sequence[Any]) -> bytes:
    """Extended properties that tell the truth: makedocs, the real format and counts."""
    ratio = prs.slide_width / prs.slide_height
    shape = "16:9" if abs(ratio - 16 / 9) < 0.01 else "4:3" if abs(ratio - 4 / 3) < 0.01 else None
    fmt = f"On-screen Show ({shape})" if shape else "Custom"
    titles = [s.title for s in slides]
    # Every slide has notes: at least its speaking time.
    return extended_properties(fmt, _theme_name(prs), titles, notes=len(titles))


def extended_properties(fmt: str, theme: str, titles: Sequence[str], notes: int) -> bytes:
    """``docProps/app.xml`` for a presentation."""
    n = len(titles)
    parts = "".join(f"<vt:lpstr>{escape(t[:255])}</vt:lpstr>" for t in (theme, *titles))
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        'docPropsVTypes"><TotalTime>0</TotalTime>'
        f"<Application>makedocs</Application><PresentationFormat>{escape(fmt)}"
        f"</PresentationFormat><Slides>{n}</Slides><Notes>{notes}</Notes>"
        "<HiddenSlides>0</HiddenSlides><MMClips>0</MMClips><ScaleCrop>false</ScaleCrop>"
        '<HeadingPairs><vt:vector size="4" baseType="variant">'
        "<vt:variant><vt:lpstr>Theme</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4>"
        "</vt:variant><vt:variant><vt:lpstr>Slide Titles</vt:lpstr></vt:variant>"
        f"<vt:variant><vt:i4>{n}</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        f'<TitlesOfParts><vt:vector size="{n + 1}" baseType="lpstr">{parts}</vt:vector>'
        "</TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )
    return xml.encode("utf-8")


def _theme_name(prs: Any) -> str:
    """The name of the master's theme, as PowerPoint lists it under "Theme"."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        blob = prs.slide_master.part.part_related_by(RT.THEME).blob
    except KeyError:
        return "Office Theme"
    return etree.fromstring(blob).get("name") or "Office Theme"


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
