"""Nothing leaves makedocs that the author did not write: no paths, user or host names, tool
defaults, EXIF/GPS, and the same inputs always give the same bytes."""

from __future__ import annotations

import contextlib
import getpass
import os
import re
import socket
import sys
import time
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner

from makedocs.cli import main
from tests.conftest import ROOT, SEED
from tests.privacy.extract import all_texts, image_bytes, squeeze

SERIAL = "SN-8842-KX-1107"
LENS_SERIAL = "LENS-5521-QZ"
MAKER = "PhoneCorpX"
XMP_GPS = "41,23.667N"
PHOTO = "yusung-park-at-the-river.jpg"  # people name files after people


def _user_names() -> set[str]:
    names = set()
    for get in (getpass.getuser, os.getlogin):
        with contextlib.suppress(OSError, KeyError):  # no controlling terminal in CI
            names.add(get())
    return {name for name in names if name}


def _absolute_paths(out: Path) -> list[str]:
    paths = {str(ROOT), str(out), str(out.parent), str(Path.home()), sys.prefix, str(Path.cwd())}
    return sorted(p for p in paths if len(p) > 1)


_PATHLIKE = re.compile(r"(?<![\w.:/])/(?:home|root|tmp|work|usr|Users|var|private|opt)/|[A-Z]:\\\\")


def test_seed_build_carries_no_paths_user_host_or_tool_defaults(seed_build: Path) -> None:
    texts = all_texts(seed_build, binary=False)
    assert {"booklet.pdf", "deck.pptx"} <= set(texts)
    words = _user_names() | {socket.gethostname()}
    for name, text in texts.items():
        for path in _absolute_paths(seed_build):
            # A path ends where a name cannot go on: "/root" is not in "</rootfiles>".
            assert not re.search(rf"{re.escape(path)}(?![\w.-])", text), f"{path} in {name}"
        found = _PATHLIKE.search(text)
        assert found is None, f"path {text[found.start() - 40 : found.end() + 40]!r} in {name}"
        for word in words:
            assert not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text), (
                f"{word!r} in {name}"
            )
        lowered = text.casefold()
        for default in ("python-pptx", "anonymous", "2013-", "lastmodifiedby"):
            assert default not in lowered, f"{default!r} in {name}"


def test_every_pdf_names_makedocs_as_creator_and_producer_and_nothing_else(
    seed_build: Path,
) -> None:
    from pypdf import PdfReader

    for path in sorted(seed_build.glob("*.pdf")):
        info = PdfReader(path).metadata or {}
        assert info.get("/Producer") == "makedocs", path.name
        assert info.get("/Creator", "makedocs") == "makedocs", path.name
        assert info.get("/Author") == "Liberty in North Korea", path.name
        assert set(info) <= {
            "/Title",
            "/Author",
            "/Subject",
            "/Creator",
            "/Producer",
            "/Keywords",
            "/CreationDate",
            "/ModDate",
            "/Trapped",
        }, path.name


def test_no_output_names_reportlab_anywhere_in_its_bytes(seed_build: Path) -> None:
    """ReportLab writes a "ReportLab Generated PDF document" comment into every file; the
    organisation wants files to carry nothing but what makedocs.toml says."""
    for path in sorted(seed_build.iterdir()):
        assert b"reportlab" not in path.read_bytes().lower(), path.name


def test_the_deck_package_properties_are_true_and_nothing_more(seed_build: Path) -> None:
    from pptx import Presentation

    prs = Presentation(str(seed_build / "deck.pptx"))
    core = prs.core_properties
    assert core.title == "Beyond Utopia"
    assert core.author == "Liberty in North Korea"
    assert core.last_modified_by in ("", None)
    assert core.created is None or core.created.year != 2013
    assert core.modified is None or core.modified.year != 2013
    assert "python-pptx" not in (core.comments or "") + (core.keywords or "")


# --- the held-up example: a phone photo with GPS and a serial, and a real name --------------


def _phone_photo(path: Path) -> None:
    from PIL import Image

    gradient = Image.linear_gradient("L").resize((1800, 1200))
    photo = Image.merge("RGB", (gradient, gradient.rotate(90).resize((1800, 1200)), gradient))
    exif = Image.Exif()
    exif[0x010F] = MAKER  # Make
    exif[0x0110] = f"{MAKER} Pro"  # Model
    exif[0x013B] = "Yusung Park"  # Artist
    exif[0x0112] = 1  # Orientation
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (41.0, 23.0, 40.02), 3: "E", 4: (128.0, 10.0, 55.5)})
    details = exif.get_ifd(0x8769)
    details.update({0xA431: SERIAL, 0xA435: LENS_SERIAL})
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
        '22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
        f'exif:GPSLatitude="{XMP_GPS}" exif:BodySerialNumber="{SERIAL}"/></rdf:RDF></x:xmpmeta>'
    )
    photo.save(path, "JPEG", exif=exif, comment=b"owner Yusung Park", xmp=xmp.encode())


HELD_UP_STORY = f"""\
---
title: Yusung Park Crossed at Night
byline: As told by Yusung Park
image: {PHOTO}
image_alt: Yusung Park at the river the night he crossed
image_caption: Yusung at the river
---

Yusung Park waited until the guards changed. "Now," Yusung said.

![Yusung’s bag on the riverbank]({PHOTO} "Yusung’s bag | Photo: a friend of Yusung")

— Yusung Park, escaped North Korea in 2008
"""


@pytest.fixture(scope="module")
def held_up(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("held-up")
    src = root / "stories"
    src.mkdir()
    (src / "a.txt").write_bytes(SEED.read_bytes())
    (src / "b-crossing.md").write_text(HELD_UP_STORY, "utf-8")
    _phone_photo(src / PHOTO)
    config = root / "makedocs.toml"
    config.write_text(
        '[collection]\ntitle = "Crossings"\norganisation = "Liberty in North Korea"\n\n'
        '[privacy]\nredact = { "Yusung Park" = "Minho Lee", "Yusung" = "Minho" }\n',
        "utf-8",
    )
    return src, config


def _build(src: Path, config: Path, out: Path) -> Path:
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(out), "--config", str(config)])
    assert result.exit_code == 0, result.output
    return out


def test_the_phone_photo_really_carries_gps_serial_and_a_name(held_up: tuple[Path, Path]) -> None:
    from PIL import Image

    src, _ = held_up
    with Image.open(src / PHOTO) as photo:
        exif = photo.getexif()
        assert exif.get_ifd(0x8825)[2] == (41.0, 23.0, 40.02)
        assert exif.get_ifd(0x8769)[0xA431] == SERIAL
    data = (src / PHOTO).read_bytes()
    assert SERIAL.encode() in data and b"Yusung Park" in data and XMP_GPS.encode() in data


def test_held_up_example_no_output_has_the_name_gps_or_serial(
    held_up: tuple[Path, Path], tmp_path: Path
) -> None:
    src, config = held_up
    out = _build(src, config, tmp_path / "dist")
    texts = all_texts(out)
    assert {"booklet.pdf", "deck.pptx"} <= set(texts)
    for name, text in texts.items():
        flat = squeeze(text)
        assert "yusung" not in flat, f"the real name is in {name}"
        if name != "handout.pdf":  # a selection (title, summary, one quote): see tests/handout
            assert "minho" in flat, f"the alias is missing from {name}"
        for secret in (SERIAL, LENS_SERIAL, MAKER, XMP_GPS):
            assert squeeze(secret) not in flat, f"{secret} in {name}"
    for path in out.iterdir():
        data = path.read_bytes()
        assert b"Exif\x00\x00" not in data and b"http://ns.adobe.com/xap" not in data, path.name


def test_held_up_example_embedded_images_have_no_metadata(
    held_up: tuple[Path, Path], tmp_path: Path
) -> None:
    from PIL import Image

    src, config = held_up
    out = _build(src, config, tmp_path / "dist")
    found = image_bytes(out)
    assert found["booklet.pdf"], "the booklet embeds no picture; nothing was checked"
    assert found["deck.pptx"], "the deck embeds no picture; nothing was checked"
    for name, images in found.items():
        for data in images:
            assert SERIAL.encode() not in data and b"Exif" not in data, name
            with Image.open(BytesIO(data)) as image:
                assert dict(image.getexif()) == {}, name
                leftovers = set(image.info) - {
                    "jfif",
                    "jfif_version",
                    "jfif_unit",
                    "jfif_density",
                    "dpi",
                    "adobe",
                    "adobe_transform",
                    "progressive",
                    "progression",
                }
                assert not leftovers & {"exif", "xmp", "comment", "icc_profile", "photoshop"}, (
                    name,
                    leftovers,
                )


def test_same_inputs_give_byte_identical_files(held_up: tuple[Path, Path], tmp_path: Path) -> None:
    src, config = held_up
    first = _build(src, config, tmp_path / "first")
    time.sleep(1.1)  # a timestamp taken from the clock would now differ
    second = _build(src, config, tmp_path / "second" / "elsewhere")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert {"booklet.pdf", "deck.pptx"} <= set(names)
    different = [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()]
    assert different == []
