"""The package a deck with notes must be, as PowerPoint writes it: Keynote refuses one whose
presentation.xml does not list its notes master (python-pptx issue 1051)."""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from tests.conftest import FIXTURES
from tests.deck.conftest import build_deck
from tests.deck.test_libreoffice import SOFFICE, outside, to_pdf

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
NOTES_MASTER_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"
NOTES_SLIDE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"
THEME_TYPE = "application/vnd.openxmlformats-officedocument.theme+xml"
ORDER = [
    "sldMasterIdLst", "notesMasterIdLst", "handoutMasterIdLst", "sldIdLst", "sldSz", "notesSz",
    "smartTags", "embeddedFontLst", "custShowLst", "photoAlbum", "custDataLst", "kinsoku",
    "defaultTextStyle", "modifyVerifier", "extLst",
]  # fmt: skip


def rels(z: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """rId -> (relationship type, target part name) of ``part``."""
    folder, name = posixpath.split(part)
    root = etree.fromstring(z.read(f"{folder}/_rels/{name}.rels"))
    return {
        rel.get("Id"): (rel.get("Type"), posixpath.normpath(f"{folder}/{rel.get('Target')}"))
        for rel in root.iter(f"{PKG}Relationship")
    }


def content_types(z: zipfile.ZipFile) -> dict[str, str]:
    root = etree.fromstring(z.read("[Content_Types].xml"))
    return {o.get("PartName").lstrip("/"): o.get("ContentType") for o in root.iter(f"{CT}Override")}


@pytest.fixture(scope="module")
def org_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A deck in an organisation's template (its notes master is made by the build)."""
    out = tmp_path_factory.mktemp("org") / "deck.pptx"
    return build_deck(out, "--template", str(FIXTURES / "renamed-layouts.pptx"))[0]


def check_package(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("ppt/presentation.xml"))
        names = [etree.QName(c).localname for c in root]
        # every child in schema order, the notes master listed right after the slide masters
        assert [ORDER.index(n) for n in names] == sorted(ORDER.index(n) for n in names)
        listed = root.findall(f"{P}notesMasterIdLst/{P}notesMasterId")
        assert len(listed) == 1
        pres_rels = rels(z, "ppt/presentation.xml")
        kind, master = pres_rels[listed[0].get(f"{R}id")]
        assert kind == RT + "notesMaster"
        assert [t for t, _ in pres_rels.values()].count(RT + "notesMaster") == 1
        types = content_types(z)
        assert types[master] == NOTES_MASTER_TYPE
        (theme,) = [target for t, target in rels(z, master).values() if t == RT + "theme"]
        assert types[theme] == THEME_TYPE and theme in z.namelist()
        slides = [target for t, target in pres_rels.values() if t == RT + "slide"]
        assert len(slides) == len(root.findall(f"{P}sldIdLst/{P}sldId")) > 5
        for slide in slides:
            (notes,) = [n for t, n in rels(z, slide).values() if t == RT + "notesSlide"]
            assert types[notes] == NOTES_SLIDE_TYPE
            back = {t: target for t, target in rels(z, notes).values()}
            assert back == {RT + "notesMaster": master, RT + "slide": slide}
            # the notes page's slide number shows, as PowerPoint writes it
            page = etree.fromstring(z.read(notes))
            number = page.find(".//{*}fld[@type='slidenum']/{*}t")
            assert number is not None and number.text == str(slides.index(slide) + 1)


def test_presentation_lists_the_notes_master_as_powerpoint_does(
    seed_deck: Path, org_deck: Path
) -> None:
    check_package(seed_deck)
    check_package(org_deck)


def test_the_deck_survives_a_python_pptx_round_trip(seed_deck: Path, tmp_path: Path) -> None:
    before = Presentation(str(seed_deck))
    saved = io.BytesIO()
    before.save(saved)
    after = Presentation(io.BytesIO(saved.getvalue()))
    assert [s.notes_slide.notes_text_frame.text for s in after.slides] == [
        s.notes_slide.notes_text_frame.text for s in before.slides
    ]
    (tmp_path / "again.pptx").write_bytes(saved.getvalue())
    check_package(tmp_path / "again.pptx")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_still_renders_every_slide(org_deck: Path, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = to_pdf(org_deck, tmp_path)
    doc = pdfium.PdfDocument(str(pdf))
    assert len(doc) == len(Presentation(str(org_deck)).slides)
    doc.close()
    assert outside(pdf) == []
