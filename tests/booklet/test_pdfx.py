"""The print shop's booklet (--cmyk): colours through the press's ICC profile, black text on the
black plate, registration only for crop marks, and a PDF/X-1a:2001 file (output intent, boxes,
no RGB, no transparency), read back with pypdf, LittleCMS and Ghostscript."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw
from pypdf import PdfReader

from makedocs.colour import load_press
from makedocs.errors import MakedocsError
from makedocs.resources import PROFILES_DIR
from makedocs.theme import load_theme
from tests.booklet.conftest import build_booklet, write_collection
from tests.pdfcheck import embedded_fonts, marks
from tests.pdfcolour import colour_uses, images, space_name

GS = shutil.which("gs")
PROFILE = PROFILES_DIR / "FOGRA39-300-makedocs.icc"
PRESS = load_press(load_theme())
REGISTRATION = "/Separation /All"
INK_SLACK = 0.005  # rounding of the colour operands


def _pictures(folder: Path) -> Path:
    """Ten stories with a photo and a flat graphic, and one with a grey photo, two logos with
    transparency (one in colour, one grey), a table and a code block."""
    write_collection(folder, count=10)
    grey = Image.linear_gradient("L").resize((600, 400))
    ImageDraw.Draw(grey).ellipse((200, 100, 400, 300), fill=30)
    grey.save(folder / "grey.jpg", quality=90)
    logo = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((20, 20, 280, 180), fill=(200, 40, 30, 255))
    logo.save(folder / "logo.png")
    logo.convert("LA").save(folder / "grey-logo.png")
    (folder / "11.md").write_text(
        "---\ntitle: Pictures in grey\n---\n\nA grey photograph.\n\n"
        '![A grey photograph](grey.jpg "Grey | Photo: Archive")\n\n'
        '![A red logo](logo.png "Logo | Drawing: Volunteer")\n\n'
        '![A grey logo](grey-logo.png "Grey logo | Drawing: Volunteer")\n\n'
        "| Year | Event |\n|---|---|\n| 2008 | Crossed the river |\n| 2009 | Reached Seoul |\n\n"
        "```\nmessage = 'the beans are ready'\n```\n",
        "utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("pdfx")
    options = ("--cmyk", "--bleed", "3mm", "--crop-marks")
    return build_booklet(base / "shop.pdf", _pictures(base / "src"), options=options)


@pytest.fixture(scope="module")
def black_theme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A theme with a black cover and black rules: rich black on the cover, K alone in rules."""
    folder = tmp_path_factory.mktemp("black-theme")
    (folder / "theme.toml").write_text(
        '[colours]\ncover = "#141414"\n'
        '[booklet.title_rule]\ncolour = "ink"\n'
        '[booklet.pull_quote.rule]\ncolour = "ink"\n'
        '[booklet.divider]\ncolour = "ink"\n',
        "utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def black_shop(tmp_path_factory: pytest.TempPathFactory, black_theme: Path) -> Path:
    base = tmp_path_factory.mktemp("black")
    options = ("--cmyk", "--bleed", "3mm", "--theme", str(black_theme))
    return build_booklet(
        base / "black.pdf", write_collection(base / "src", count=8), options=options
    )


# --- colours --------------------------------------------------------------------------------


def test_no_rgb_anywhere_only_cmyk_grey_and_the_registration_separation(shop: Path) -> None:
    reader = PdfReader(shop)
    uses = colour_uses(reader)
    assert uses
    spaces = {use.space for use in uses}
    assert spaces <= {"/DeviceCMYK", "/DeviceGray", REGISTRATION}, spaces
    assert not [use for use in uses if use.op in ("rg", "RG")]
    for page in reader.pages:
        for space in (page["/Resources"].get("/ColorSpace") or {}).values():
            assert space_name(space) == REGISTRATION
    found = images(reader)
    assert len(found) >= 5  # photo, graphic, grey photo, two logos
    for _, image in found:
        assert image["/ColorSpace"] in ("/DeviceCMYK", "/DeviceGray"), image["/ColorSpace"]
        assert "/SMask" not in image and "/Mask" not in image  # flattened onto the paper


def test_every_colour_is_the_press_ink_of_a_theme_colour_within_the_ink_limit(shop: Path) -> None:
    theme = load_theme()
    allowed = {PRESS.ink(v) for v in theme.colours.values()}
    allowed |= {PRESS.area(v) for v in theme.colours.values()}
    for use in colour_uses(PdfReader(shop)):
        if use.op in ("k", "K"):
            assert any(
                all(abs(a - b) < INK_SLACK for a, b in zip(use.values, ink, strict=True))
                for ink in allowed
            ), use
            assert sum(use.values) <= PRESS.ink_limit / 100 + INK_SLACK, use


def test_body_text_and_neutral_text_print_on_the_black_plate_only(shop: Path) -> None:
    glyphs = [m for m in marks(PdfReader(shop)) if m.kind == "glyph"]
    body = [m for m in glyphs if m.font == "NotoSerif-Regular" and round(m.size, 2) == 10]
    assert len(body) > 2000
    assert {m.colour for m in body} == {("k", (0.0, 0.0, 0.0, 1.0))}
    greys = {m.colour for m in glyphs if m.colour[0] == "k" and m.colour[1][:3] == (0, 0, 0)}
    assert ("k", (0.0, 0.0, 0.0, 0.78)) in greys  # the muted running heads: a black tint
    for colour in {m.colour for m in glyphs}:
        c, m_, y, k = colour[1]
        if (c, m_, y) != (0, 0, 0):
            # any colour with C, M or Y is a real colour, not a near-black the profile made
            assert max(c, m_, y) > 0.04 or k < 0.5, colour


def test_black_rules_are_black_ink_and_a_black_cover_is_rich_black(black_shop: Path) -> None:
    reader = PdfReader(black_shop)
    drawn = marks(reader)
    strokes = [m for m in drawn if m.kind == "stroke" and m.page > 1]
    assert strokes
    assert {m.colour for m in strokes} == {("k", (0.0, 0.0, 0.0, 1.0))}
    cover = max((m for m in drawn if m.page == 1 and m.kind == "fill"), key=lambda m: m.width)
    assert cover.colour == ("k", (0.6, 0.4, 0.4, 1.0))  # the theme's rich black
    assert sum(cover.colour[1]) * 100 <= PRESS.ink_limit
    body = {m.colour for m in drawn if m.kind == "glyph" and round(m.size, 2) == 10}
    assert body == {("k", (0.0, 0.0, 0.0, 1.0))}


def test_registration_colour_is_for_crop_marks_only(shop: Path) -> None:
    reader = PdfReader(shop)
    uses = colour_uses(reader)
    registration = [u for u in uses if u.space == REGISTRATION and u.op in ("SCN", "SC")]
    assert registration and all(u.values == (1.0,) for u in registration)
    assert not [u for u in uses if u.space == REGISTRATION and u.op in ("scn", "sc")]
    assert not [u for u in uses if u.op in ("k", "K") and u.values == (1, 1, 1, 1)]
    crop = [m for m in marks(reader) if m.colour == ("scn", (1.0,))]
    assert len(crop) == 8 * len(reader.pages)  # two hairlines at each corner
    for mark in crop:
        page = reader.pages[mark.page - 1]
        x0, y0, x1, y1 = (float(v) for v in page.bleedbox)
        width, height = (float(v) for v in mark.text.split("x"))
        inside_x = x0 < mark.x + width / 2 < x1
        inside_y = y0 < mark.y + height / 2 < y1
        assert not (inside_x and inside_y), mark  # outside the bleed


def test_pictures_go_through_the_profile_within_the_ink_limit(shop: Path) -> None:
    reader = PdfReader(shop)
    inks = 0
    for page in reader.pages:
        for picture in page.images:
            image = picture.image
            if image.mode != "CMYK":
                assert image.mode == "L"
                continue
            inks += 1
            worst = max(
                sum(image.getpixel((x, y)))
                for x in range(0, image.width, 7)
                for y in range(0, image.height, 7)
            )
            assert worst <= 255 * PRESS.ink_limit / 100 + 20  # JPEG ringing
    assert inks >= 2


# --- PDF/X ----------------------------------------------------------------------------------


def test_the_output_intent_embeds_the_press_profile(shop: Path) -> None:
    reader = PdfReader(shop)
    [intent] = reader.trailer["/Root"]["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/Type"] == "/OutputIntent" and intent["/S"] == "/GTS_PDFX"
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert intent["/RegistryName"] == "http://www.color.org"
    stream = intent["/DestOutputProfile"].get_object()
    data = stream.get_data()
    assert stream["/N"] == 4 and data == PROFILE.read_bytes()
    profile = ImageCms.ImageCmsProfile(io.BytesIO(data)).profile
    assert profile.xcolor_space.strip() == "CMYK" and profile.device_class.strip() == "prtr"
    assert data[36:40] == b"acsp"  # the ICC header's signature


def test_the_file_declares_pdfx_1a_and_meets_its_rules(shop: Path) -> None:
    data = shop.read_bytes()
    assert data.startswith(b"%PDF-1.3")
    reader = PdfReader(shop)
    info = reader.metadata
    assert info["/GTS_PDFXVersion"] == "PDF/X-1:2001"
    assert info["/GTS_PDFXConformance"] == "PDF/X-1a:2001"
    assert info["/Trapped"] == "/False"
    assert info["/Title"] and info["/CreationDate"] and info["/ModDate"]
    assert reader.trailer["/ID"]
    assert all(embedded_fonts(reader).values())
    for page in reader.pages:
        assert "/TrimBox" in page and "/BleedBox" in page and "/ArtBox" not in page
        assert "/Annots" not in page  # no links on the printed area
        media, bleed, trim = (
            [float(v) for v in box] for box in (page.mediabox, page.bleedbox, page.trimbox)
        )
        assert media[0] <= bleed[0] <= trim[0] and trim[2] <= bleed[2] <= media[2]
        assert media[1] <= bleed[1] <= trim[1] and trim[3] <= bleed[3] <= media[3]


def test_no_transparency_anywhere(shop: Path) -> None:
    reader = PdfReader(shop)
    for page in reader.pages:
        resources = page["/Resources"]
        for state in (resources.get("/ExtGState") or {}).values():
            state = state.get_object()
            assert float(state.get("/ca", 1)) == 1 and float(state.get("/CA", 1)) == 1
            assert state.get("/SMask", "/None") == "/None"
    for _, image in images(reader):
        assert "/SMask" not in image


def test_the_print_shop_booklet_is_byte_identical_across_builds(tmp_path: Path) -> None:
    source = write_collection(tmp_path / "src", count=3)
    one = build_booklet(tmp_path / "one.pdf", source, options=("--cmyk",)).read_bytes()
    two = build_booklet(tmp_path / "two.pdf", source, options=("--cmyk",)).read_bytes()
    assert one == two


# --- the theme's [print] table ----------------------------------------------------------------


def test_a_shop_profile_beside_the_theme_is_used_and_named(tmp_path: Path) -> None:
    folder = tmp_path / "shop-theme"
    folder.mkdir()
    shutil.copy(PROFILE, folder / "our-press.icc")
    (folder / "theme.toml").write_text(
        '[print]\nprofile = "our-press.icc"\ncondition = "Our press, uncoated"\nregistry = ""\n',
        "utf-8",
    )
    press = load_press(load_theme(str(folder)))
    assert press.file == "our-press.icc" and press.registry == ""
    out = build_booklet(
        tmp_path / "b.pdf",
        write_collection(tmp_path / "src", count=2),
        options=("--cmyk", "--theme", str(folder)),
    )
    [intent] = PdfReader(out).trailer["/Root"]["/OutputIntents"]
    assert intent.get_object()["/OutputConditionIdentifier"] == "Our press, uncoated"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[print]\nprofile = "missing.icc"\n', r"\[print\] profile: 'missing.icc' is neither"),
        ("[print]\nrich_black = [100, 100, 100, 100]\n", r"rich_black: uses 400% ink, more than"),
        ('[print]\nrich_black = "deep"\n', r"rich_black: must be \[C, M, Y, K\] in %"),
        ('[print]\ncolour_intent = "vivid"\n', r"colour_intent: must be one of perceptual"),
        ("[print]\ndark_lightness = 140\n", r"dark_lightness: is a lightness L\* from 0 to 100"),
        ('[print]\nprofile = "rgb.icc"\n', r"rgb.icc must be a CMYK output \(printer\) profile"),
        ('[print]\nprofile = "junk.icc"\n', r"junk.icc is not an ICC profile"),
    ],
)
def test_a_bad_print_table_is_an_error_at_its_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "rgb.icc").write_bytes(
        ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    )
    (tmp_path / "junk.icc").write_bytes(b"not a profile at all")
    (tmp_path / "theme.toml").write_text(text, "utf-8")
    with pytest.raises(MakedocsError, match=message) as caught:
        load_press(load_theme(str(tmp_path)))
    assert str(caught.value).startswith(f"{tmp_path / 'theme.toml'}:2: ")


# --- Ghostscript ----------------------------------------------------------------------------


@pytest.mark.skipif(GS is None, reason="Ghostscript (gs) is not installed")
def test_ghostscript_renders_every_page_without_complaint(shop: Path) -> None:
    done = subprocess.run(
        [GS, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", str(shop)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "error" not in (done.stdout + done.stderr).lower()


@pytest.mark.skipif(GS is None, reason="Ghostscript (gs) is not installed")
def test_a_text_page_prints_on_the_black_plate_alone(shop: Path, tmp_path: Path) -> None:
    """Ghostscript's separations of a page of running text: nothing on cyan, magenta or yellow
    inside the trim (the crop marks outside it are on every plate), ink on black."""
    reader = PdfReader(shop)
    drawn = marks(reader)
    pictures = {number for number, _ in images(reader)}
    text_pages = [
        number
        for number in range(2, len(reader.pages))
        if number not in pictures
        and len([m for m in drawn if m.page == number and m.kind == "glyph"]) > 1500
        and all(
            m.colour[1][:3] == (0, 0, 0) for m in drawn if m.page == number and m.kind != "stroke"
        )
    ]
    assert text_pages
    number = text_pages[0]
    out = tmp_path / "plate.tif"
    subprocess.run(
        [
            GS,
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-dSAFER",
            "-sDEVICE=tiffsep",
            "-r72",
            f"-dFirstPage={number}",
            f"-dLastPage={number}",
            f"-sOutputFile={out}",
            str(shop),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    page = reader.pages[number - 1]
    height = float(page.mediabox.top)
    x0, y0, x1, y1 = (float(v) for v in page.trimbox)
    trim = (round(x0) + 1, round(height - y1) + 1, round(x1) - 1, round(height - y0) - 1)
    for plate in ("Cyan", "Magenta", "Yellow"):
        with Image.open(tmp_path / f"plate({plate}).tif") as separation:
            assert separation.crop(trim).getextrema() == (255, 255), plate  # 255: no ink
        with Image.open(tmp_path / f"plate({plate}).tif") as separation:
            assert separation.getextrema()[0] < 255, plate  # the crop marks
    with Image.open(tmp_path / "plate(Black).tif") as black:
        assert black.crop(trim).getextrema()[0] < 128
