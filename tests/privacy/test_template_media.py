"""Pictures inside an organisation's template pass the same sanitiser as story pictures.

The held-up example: a logo JPEG on the slide master and on a layout of ``--template org.pptx``
carries a GPS position, the artist's name, XMP, IPTC, a comment and an EXIF thumbnail; the notes
master has a PNG with text chunks; a layout picture has Office's SVG copy beside its PNG; the
package has a thumbnail of the author's last slide. Every media part of the built deck is read
back: re-encoded, nothing but pixels, one picture per file.
"""

from __future__ import annotations

import struct
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from makedocs.cli import main
from tests.conftest import ROOT, SEEDS
from tests.test_images import (
    SECRETS,
    dirty_jpeg,
    dirty_png,
    gps_byte_patterns,
    insert_jpeg_segment,
    jpeg_markers,
    photo,
    png_chunks,
)

DEFAULT = ROOT / "templates" / "default" / "deck-16x9.pptx"
THUMB_SECRET = b"THUMBNAIL-OF-UNCROPPED-PHOTO"
SVG_SECRET = b"SVG-AUTHOR-kim@example.org"
PACKAGE_THUMB_SECRET = b"LAST-DECK-THUMBNAIL"
_JPEG_CLEAN = {0xD8, 0xE0, 0xDB, 0xC4, 0xC0, 0xDA}
_PNG_CLEAN = {b"IHDR", b"PLTE", b"IDAT", b"IEND"}
_SVG_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def jpeg_with_thumbnail(path: Path) -> Path:
    """A JPEG whose EXIF has an IFD1 thumbnail (another, uncropped picture) and an artist."""
    buf = BytesIO()
    Image.new("RGB", (16, 16), (250, 0, 250)).save(buf, "JPEG", comment=THUMB_SECRET)
    thumb = buf.getvalue()
    artist = b"Kim Secret-Artist\x00"
    ifd0 = 8
    ifd1 = ifd0 + 2 + 12 + 4
    artist_at = ifd1 + 2 + 24 + 4
    thumb_at = artist_at + len(artist)
    tiff = b"II*\x00" + struct.pack("<L", ifd0)
    tiff += struct.pack("<H", 1) + struct.pack("<HHLL", 0x013B, 2, len(artist), artist_at)
    tiff += struct.pack("<L", ifd1)
    tiff += struct.pack("<H", 2)
    tiff += struct.pack("<HHLL", 0x0201, 4, 1, thumb_at)
    tiff += struct.pack("<HHLL", 0x0202, 4, 1, len(thumb))
    tiff += struct.pack("<L", 0) + artist + thumb
    out = BytesIO()
    photo(120, 60).save(out, "JPEG", quality=90)
    path.write_bytes(insert_jpeg_segment(out.getvalue(), 0xE1, b"Exif\x00\x00" + tiff))
    return path


def _add_picture(part_owner: object, data: bytes, name: str, svg: bytes | None = None) -> None:
    """A picture shape on a master or layout (python-pptx only adds them to slides)."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI
    from pptx.oxml.shapes.picture import CT_Picture

    part = part_owner.part  # type: ignore[attr-defined]
    _, rid = part.get_or_add_image_part(BytesIO(data))
    tree = part_owner.shapes._spTree  # type: ignore[attr-defined]
    ids = [int(el.get("id")) for el in tree.iter() if el.tag.endswith("}cNvPr")]
    pic = CT_Picture.new_pic(max(ids, default=1) + 1, name, "", rid, 0, 0, 914400, 457200)
    if svg is not None:
        svg_part = Part(PackURI("/ppt/media/logo-copy.svg"), "image/svg+xml", part.package, svg)
        svg_rid = part.relate_to(svg_part, RT.IMAGE)
        blip = pic.find(".//{*}blip")
        ext_lst = etree.SubElement(
            blip, "{http://schemas.openxmlformats.org/drawingml/2006/main}extLst"
        )
        ext = etree.SubElement(
            ext_lst, "{http://schemas.openxmlformats.org/drawingml/2006/main}ext", uri=_SVG_URI
        )
        etree.SubElement(
            ext,
            "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip",
            {f"{{{_R}}}embed": svg_rid},
        )
    tree.append(pic)


def org_template(folder: Path) -> Path:
    """The default template with dirty pictures on the master, two layouts and notes master."""
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    folder.mkdir(parents=True, exist_ok=True)
    logo = dirty_jpeg(folder / "logo.jpg", size=(160, 80), orientation=1).read_bytes()
    banner = jpeg_with_thumbnail(folder / "banner.jpg").read_bytes()
    notes_logo = dirty_png(folder / "notes.png").read_bytes()
    fallback = BytesIO()
    Image.new("RGB", (40, 40), (0, 90, 160)).save(fallback, "PNG")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><metadata>' + SVG_SECRET + b"</metadata></svg>"

    prs = Presentation(str(DEFAULT))
    _add_picture(prs.slide_master, logo, "Logo")
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    _add_picture(layouts["Title Slide"], logo, "Logo")  # the same picture, shared
    _add_picture(layouts["Title and Content"], banner, "Banner")
    _add_picture(layouts["Section Header"], fallback.getvalue(), "Mark", svg=svg)
    _add_picture(prs.notes_master, notes_logo, "Notes logo")
    thumb = Part(PackURI("/docProps/thumbnail.jpeg"), "image/jpeg", prs.part.package, banner)
    prs.part.package.relate_to(thumb, RT.THUMBNAIL)
    path = folder / "org.pptx"
    prs.save(str(path))
    return path


# What the fixtures plant in the clear (the PNG's path and ICC name are zlib-compressed).
PLANTED = [
    b"SecretMake",
    b"SecretModel",
    b"SERIAL-0042-XYZ",
    b"Kim Secret-Artist",
    b"SECRET-XMP-LOCATION",
    b"SECRET-JPEG-COMMENT",
    b"SECRET-IPTC-CAPTION",
    THUMB_SECRET,
    SVG_SECRET,
]


def _secrets() -> list[bytes]:
    return [*SECRETS, *PLANTED, *gps_byte_patterns()]


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return org_template(tmp_path_factory.mktemp("org"))


def _deck(template: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        main,
        [
            "deck",
            str(SEEDS),
            "-o",
            str(out),
            "--template",
            str(template),
            "--config",
            str(ROOT / "makedocs.toml"),
        ],
    )
    return result.exit_code, result.output


def test_the_test_template_really_carries_every_kind_of_metadata(org: Path) -> None:
    with zipfile.ZipFile(org) as archive:
        media = {n: archive.read(n) for n in archive.namelist() if "/media/" in n}
        names = archive.namelist()
    blob = b"".join(media.values())
    for secret in PLANTED:
        assert secret in blob, secret
    assert any(gps in blob for gps in gps_byte_patterns())
    pngs = [data for data in media.values() if data[:4] == b"\x89PNG"]
    assert any({b"zTXt", b"iCCP", b"eXIf"} <= set(png_chunks(data)) for data in pngs)
    jpegs = [data for data in media.values() if data[:2] == b"\xff\xd8"]
    assert any(data.count(b"\xff\xd8\xff") == 2 for data in jpegs), "no EXIF thumbnail planted"
    assert any(n.endswith(".svg") for n in media)
    assert "docProps/thumbnail.jpeg" in names


def test_every_picture_of_the_template_in_the_deck_is_reencoded_without_metadata(
    org: Path, tmp_path: Path
) -> None:
    code, output = _deck(org, tmp_path / "deck.pptx")
    assert code == 0, output
    with zipfile.ZipFile(tmp_path / "deck.pptx") as archive:
        names = archive.namelist()
        media = {n: archive.read(n) for n in names if n.startswith("ppt/media/")}
    assert "docProps/thumbnail.jpeg" not in names
    assert not any(n.endswith(".svg") for n in media), "the SVG copy was kept"
    assert len(media) >= 4, sorted(media)  # logo, banner, SVG fallback, notes logo
    for name, data in media.items():
        for secret in _secrets():
            assert secret not in data, (name, secret)
        with Image.open(BytesIO(data)) as image:
            assert dict(image.getexif()) == {}, name
            assert not set(image.info) & {"exif", "xmp", "comment", "icc_profile", "photoshop"}
            assert getattr(image, "n_frames", 1) == 1
            fmt = image.format
        if fmt == "JPEG":
            assert set(jpeg_markers(data)) <= _JPEG_CLEAN, name
            assert data.count(b"\xff\xd8") == 1, f"{name} holds a second picture (thumbnail)"
            assert name.endswith(".jpeg")
        else:
            assert fmt == "PNG", name
            assert set(png_chunks(data)) <= _PNG_CLEAN, name
            assert name.endswith(".png")


def test_the_template_pictures_are_still_on_the_master_layouts_and_notes_master(
    org: Path, tmp_path: Path
) -> None:
    from pptx import Presentation

    code, output = _deck(org, tmp_path / "deck.pptx")
    assert code == 0, output
    prs = Presentation(str(tmp_path / "deck.pptx"))

    def pictures(owner: object) -> list[bytes]:
        return [s.image.blob for s in owner.shapes if s.shape_type == 13]  # type: ignore[attr-defined]

    assert len(pictures(prs.slide_master)) == 1
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    assert pictures(layouts["Title Slide"]) == pictures(prs.slide_master)
    (banner,) = pictures(layouts["Title and Content"])
    with Image.open(BytesIO(banner)) as image:
        assert image.size == (120, 60)  # the logo itself, not its thumbnail
    (mark,) = pictures(layouts["Section Header"])
    with Image.open(BytesIO(mark)) as image:
        assert image.convert("RGB").getpixel((20, 20)) == (0, 90, 160)
    section = layouts["Section Header"].shapes._spTree
    assert not any(el.get("uri") == _SVG_URI for el in section.iter("{*}ext"))
    assert len(pictures(prs.notes_master)) == 1


def test_a_picture_that_cannot_be_cleaned_stops_the_build_naming_its_layout(
    tmp_path: Path,
) -> None:
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    prs = Presentation(str(DEFAULT))
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title Slide")
    emf = Part(PackURI("/ppt/media/image7.emf"), "image/x-emf", prs.part.package, b"\x01" * 200)
    layout.part.relate_to(emf, RT.IMAGE)
    template = tmp_path / "emf.pptx"
    prs.save(str(template))
    code, output = _deck(template, tmp_path / "deck.pptx")
    assert code == 1
    line = output.strip().splitlines()[-1]
    assert line.startswith(f"makedocs: {template}: template image ppt/media/image7.emf")
    assert "layout 'Title Slide'" in line and "PNG or JPEG" in line
    assert not (tmp_path / "deck.pptx").exists()


def test_an_svg_without_a_png_fallback_elsewhere_is_still_refused(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation(str(org_template(tmp_path / "org")))
    svg = next(p for p in prs.part.package.iter_parts() if str(p.partname).endswith(".svg"))
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title Only")
    layout.part.relate_to(svg, RT.IMAGE)  # a second use, with no PNG beside it
    template = tmp_path / "svg.pptx"
    prs.save(str(template))
    code, output = _deck(template, tmp_path / "deck.pptx")
    assert code == 1
    assert "template image ppt/media/logo-copy.svg (image/svg+xml, layout 'Title Only')" in output
    assert not (tmp_path / "deck.pptx").exists()


def test_a_linked_outside_picture_is_refused(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation(str(DEFAULT))
    prs.slide_master.part.rels.get_or_add_ext_rel(RT.IMAGE, r"C:\Users\kim\logo.png")
    template = tmp_path / "linked.pptx"
    prs.save(str(template))
    code, output = _deck(template, tmp_path / "deck.pptx")
    assert code == 1
    assert "outside itself (the slide master)" in output and "Traceback" not in output


# --- caps on what a template zip may inflate to --------------------------------------------


def _with_member(tmp_path: Path, name: str, data: bytes) -> Path:
    template = tmp_path / "big.pptx"
    with zipfile.ZipFile(DEFAULT) as src, zipfile.ZipFile(template, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return template


def test_a_zip_bomb_member_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    from makedocs.deck import template_media

    size = template_media.RATIO_FLOOR_BYTES * 8  # 8 MB of zeros deflate about 1,000:1
    template = _with_member(tmp_path, "ppt/media/bomb.bin", bytes(size))
    code, output = _deck(template, tmp_path / "deck.pptx")
    assert code == 1
    assert f"{template}: template member ppt/media/bomb.bin is compressed" in output
    assert "zip bomb" in output


def test_an_oversized_member_is_refused_by_its_declared_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from makedocs.deck import template_media

    monkeypatch.setattr(template_media, "MAX_MEMBER_BYTES", 64 * 1024)
    rng = bytes((i * 7919 + (i >> 3) * 104729) % 251 for i in range(100 * 1024))
    template = _with_member(tmp_path, "ppt/media/huge.bin", rng)
    code, output = _deck(template, tmp_path / "deck.pptx")
    assert code == 1
    assert "template member ppt/media/huge.bin inflates to" in output


def test_a_template_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "org.pptx"
    os.mkfifo(fifo)
    code, output = _deck(fifo, tmp_path / "deck.pptx")
    assert code == 1
    assert "not a regular file" in output
