"""Child order of the DrawingML elements the deck writes, checked against the schema sequences.

PowerPoint offers to "repair" a file whose children are out of schema order (LibreOffice does
not mind, so rendering tests cannot catch it).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

SEQUENCES = {
    # CT_TextParagraphProperties
    "pPr": [
        "lnSpc",
        "spcBef",
        "spcAft",
        "buClrTx",
        "buClr",
        "buSzTx",
        "buSzPct",
        "buSzPts",
        "buFontTx",
        "buFont",
        "buNone",
        "buAutoNum",
        "buChar",
        "buBlip",
        "tabLst",
        "defRPr",
        "extLst",
    ],
    # CT_TextCharacterProperties
    "rPr": [
        "ln",
        "noFill",
        "solidFill",
        "gradFill",
        "blipFill",
        "pattFill",
        "grpFill",
        "effectLst",
        "effectDag",
        "highlight",
        "uLnTx",
        "uLn",
        "uFillTx",
        "uFill",
        "latin",
        "ea",
        "cs",
        "sym",
        "hlinkClick",
        "hlinkMouseOver",
        "rtl",
        "extLst",
    ],
    # CT_ShapeProperties
    "spPr": [
        "xfrm",
        "custGeom",
        "prstGeom",
        "noFill",
        "solidFill",
        "gradFill",
        "blipFill",
        "pattFill",
        "grpFill",
        "ln",
        "effectLst",
        "effectDag",
        "scene3d",
        "sp3d",
        "extLst",
    ],
    # CT_CommonSlideData
    "cSld": ["bg", "spTree", "custDataLst", "controls", "extLst"],
    # CT_TextParagraph
    "p": ["pPr", "r", "br", "fld", "endParaRPr"],
    # CT_TableCellProperties
    "tcPr": [
        "lnL",
        "lnR",
        "lnT",
        "lnB",
        "lnTlToBr",
        "lnBlToTr",
        "cell3D",
        "noFill",
        "solidFill",
        "gradFill",
        "blipFill",
        "pattFill",
        "grpFill",
        "headers",
        "extLst",
    ],
    # CT_TableCell, CT_TableRow, CT_Table
    "tc": ["txBody", "tcPr", "extLst"],
    "tr": ["tc", "extLst"],
    "tbl": ["tblPr", "tblGrid", "tr"],
}
RUNS = {"r", "br", "fld"}  # interleave freely inside a paragraph


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def out_of_order(data: bytes) -> list[str]:
    bad = []
    for el in etree.fromstring(data).iter():
        if not isinstance(el.tag, str):
            continue
        order = SEQUENCES.get(_local(el.tag))
        if order is None:
            continue
        names = [_local(c.tag) for c in el if isinstance(c.tag, str)]
        ranks = [order.index(n) if n in order else -1 for n in names]
        if -1 in ranks:
            bad.append(f"{_local(el.tag)}: unexpected child in {names}")
            continue
        if _local(el.tag) == "p":
            ranks = [order.index("r") if names[i] in RUNS else r for i, r in enumerate(ranks)]
        if ranks != sorted(ranks):
            bad.append(f"{_local(el.tag)}: {names}")
    return bad


def test_slides_write_children_in_schema_order(seed_deck: Path, photo_deck: Path) -> None:
    for deck in (seed_deck, photo_deck):
        with zipfile.ZipFile(deck) as z:
            for name in z.namelist():
                if name.startswith(("ppt/slides/slide", "ppt/notesSlides/")) and name.endswith(
                    ".xml"
                ):
                    assert out_of_order(z.read(name)) == [], name


def test_the_order_check_can_fail() -> None:
    ns = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    assert out_of_order(f"<a:pPr {ns}><a:buNone/><a:lnSpc/></a:pPr>".encode())


def test_presentation_part_keeps_its_schema_order(seed_deck: Path) -> None:
    order = [
        "sldMasterIdLst", "notesMasterIdLst", "handoutMasterIdLst", "sldIdLst", "sldSz",
        "notesSz", "smartTags", "embeddedFontLst", "custShowLst", "photoAlbum", "custDataLst",
        "kinsoku", "defaultTextStyle", "modifyVerifier", "extLst",
    ]  # fmt: skip
    with zipfile.ZipFile(seed_deck) as z:
        root = etree.fromstring(z.read("ppt/presentation.xml"))
    names = [_local(c.tag) for c in root]
    assert names[-1] == "extLst"
    assert [order.index(n) for n in names] == sorted(order.index(n) for n in names)


def test_tables_and_code_write_children_in_schema_order(tmp_path: Path) -> None:
    from makedocs.model import (
        CodeBlock,
        Collection,
        Link,
        Metadata,
        Source,
        Story,
        Strong,
        Table,
        Text,
    )
    from tests.deck.conftest import render

    src = Source("s.md", 1)
    table = Table(
        ((Text("A"),), (Strong((Text("B"),)),)),
        (((Link((Text("x"),), "https://example.org"),), (Text("y"),)),),
        ("", "right"),
        src,
    )
    story = Story("S", (table, CodeBlock("a = 1\n", "python", src)), src)
    deck, _ = render(Collection(Metadata(title="T"), (story,)), tmp_path / "d.pptx")
    with zipfile.ZipFile(deck) as z:
        slides = [n for n in z.namelist() if n.startswith("ppt/slides/slide")]
        assert slides
        for name in slides:
            assert out_of_order(z.read(name)) == [], name
