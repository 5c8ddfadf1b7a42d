"""Tests for makedocs.images: no metadata may ever leave, and bad files only give MakedocsError.

All fixtures are generated here with Pillow (no binary files in the repository).
"""

from __future__ import annotations

import os
import struct
import warnings
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageCms, ImageOps
from PIL.TiffImagePlugin import IFDRational

from makedocs import images
from makedocs.colour import load_press
from makedocs.errors import MakedocsError
from makedocs.images import (
    ImageCache,
    PreparedImage,
    crop_to_aspect,
    max_px_for_box,
    prepare_image,
)
from makedocs.resources import PROFILES_DIR
from makedocs.theme import load_theme

# Strings planted in fixtures that must never appear in any output.
SECRETS = [
    b"SecretMake",
    b"SecretModel",
    b"SERIAL-0042-XYZ",
    b"Kim Secret-Artist",
    b"/home/activist/escape-route/safehouse.png",
    b"SECRET-XMP-LOCATION",
    b"SECRET-JPEG-COMMENT",
    b"SECRET-IPTC-CAPTION",
    b"SECRET-GIF-COMMENT",
    b"SECRET-TIFF-DESCRIPTION",
    b"Secret Studio Profile",
]
# Degrees, minutes, seconds as rationals in lowest terms (Pillow stores them reduced).
PRESS = load_press(load_theme())  # the bundled theme's press, for --cmyk pictures
GPS_LAT = ((38, 1), (45, 1), (617, 50))
GPS_LON = ((125, 1), (44, 1), (2839, 50))

# JPEG markers a clean file may contain: SOI/EOI, JFIF APP0, Adobe APP14 (CMYK), tables, frame.
_JPEG_ALLOWED = {0xD8, 0xE0, 0xEE, 0xDB, 0xC4, 0xC0, 0xC1, 0xC2, 0xDD, 0xDA}
_PNG_ALLOWED = {b"IHDR", b"PLTE", b"IDAT", b"IEND"}


# --- fixture builders ---------------------------------------------------------------------


def photo(width: int, height: int, mode: str = "RGB") -> Image.Image:
    """A deterministic image with thousands of colours, so it counts as a photo."""
    im = Image.new("RGB", (width, height))
    im.putdata(
        [
            ((x * 37 + y * 91) & 255, (x * y * 7 + y) & 255, (x * 11 + y * 3 + (x ^ y)) & 255)
            for y in range(height)
            for x in range(width)
        ]
    )
    return im.convert(mode)


def secret_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "SecretMake"
    exif[0x0110] = "SecretModel"
    exif[0x013B] = "Kim Secret-Artist"
    exif[0x0112] = orientation
    exif.get_ifd(0x8769)[0xA431] = "SERIAL-0042-XYZ"  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = tuple(IFDRational(n, d) for n, d in GPS_LAT)
    gps[3] = "E"
    gps[4] = tuple(IFDRational(n, d) for n, d in GPS_LON)
    return exif


def gps_byte_patterns() -> list[bytes]:
    """The GPS rationals as they would be stored, in both byte orders."""
    out = []
    for coord in (GPS_LAT, GPS_LON):
        flat = [v for pair in coord for v in pair]
        out += [struct.pack("<6L", *flat), struct.pack(">6L", *flat)]
    return out


def insert_jpeg_segment(data: bytes, marker: int, payload: bytes) -> bytes:
    """Insert an APPn/COM segment straight after SOI, as cameras and editors do."""
    assert data[:2] == b"\xff\xd8"
    return (
        data[:2] + bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload + data[2:]
    )


def dirty_jpeg(path: Path, *, size: tuple[int, int] = (40, 20), orientation: int = 6) -> Path:
    """A camera JPEG: EXIF with GPS, serial, artist, orientation; XMP; comment; IPTC."""
    buf = BytesIO()
    photo(*size).save(
        buf,
        "JPEG",
        exif=secret_exif(orientation).tobytes(),
        xmp=b"<x:xmpmeta><rdf:Description>SECRET-XMP-LOCATION</rdf:Description></x:xmpmeta>",
        comment=b"SECRET-JPEG-COMMENT",
        quality=95,
    )
    iptc = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00" + struct.pack(">L", 25) + b"\x1c\x02\x78"
    iptc += struct.pack(">H", 19) + b"SECRET-IPTC-CAPTION" + b"\x00"
    data = insert_jpeg_segment(buf.getvalue(), 0xED, iptc)
    path.write_bytes(data)
    return path


def dirty_png(path: Path) -> Path:
    """A PNG with alpha, tEXt/zTXt/iTXt chunks, an eXIf chunk and a private ICC profile."""
    from PIL import PngImagePlugin

    im = photo(32, 24, "RGBA")
    im.putalpha(Image.linear_gradient("L").resize((32, 24)))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Kim Secret-Artist")
    info.add_text("Source", "/home/activist/escape-route/safehouse.png", zip=True)
    info.add_itxt("XML:com.adobe.xmp", "SECRET-XMP-LOCATION")
    im.save(path, "PNG", pnginfo=info, exif=secret_exif().tobytes(), icc_profile=swapped_icc())
    return path


def swapped_icc(description: str = "Secret Studio Profile") -> bytes:
    """A minimal ICC v2 RGB profile whose red and green colorants are sRGB's green and red.

    Pixels tagged with it look obviously different once converted to sRGB, which proves the
    conversion happened (and the name is a secret that must not be copied into the output).
    """

    def s15(v: float) -> bytes:
        return struct.pack(">i", round(v * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + s15(x) + s15(y) + s15(z)

    ascii_ = description.encode() + b"\0"
    desc = b"desc\0\0\0\0" + struct.pack(">L", len(ascii_)) + ascii_
    desc += struct.pack(">LL", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67
    curve = b"curv\0\0\0\0" + struct.pack(">LH", 1, round(2.2 * 256)) + b"\0\0"
    tags = [
        (b"desc", desc),
        (b"cprt", b"text\0\0\0\0" + description.encode() + b"\0"),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.3851, 0.7169, 0.0971)),  # sRGB green
        (b"gXYZ", xyz(0.4361, 0.2225, 0.0139)),  # sRGB red
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for sig, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += sig + struct.pack(">LL", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = struct.pack(">L", size) + b"\0" * 4 + struct.pack(">L", 0x02100000)
    header += b"mntrRGB XYZ " + b"\0" * 12 + b"acsp" + b"\0" * 24 + struct.pack(">L", 0)
    header += s15(0.9642) + s15(1.0) + s15(0.8249) + b"\0" * 48
    assert len(header) == 128
    return header + struct.pack(">L", len(tags)) + table + body


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that *claims* a size; decoding would need the pixels, checking must not."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">L", len(data)) + kind + data + struct.pack(">L", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">LLBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def save(im: Image.Image, path: Path, fmt: str | None = None, **params) -> Path:
    im.save(path, fmt, **params)
    return path


# --- cleanliness checks -------------------------------------------------------------------


def jpeg_markers(data: bytes) -> list[int]:
    """Markers up to start-of-scan (metadata always comes before the image data)."""
    assert data[:2] == b"\xff\xd8"
    markers, pos = [0xD8], 2
    while pos < len(data):
        assert data[pos] == 0xFF
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        pos += 2 + length
    return markers


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    kinds, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">L", data[pos : pos + 4])
        kinds.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return kinds


def assert_clean(img: PreparedImage, *, allow_icc: bool = False) -> None:
    """No secret bytes, no metadata segments/chunks, nothing Pillow can read back."""
    for secret in SECRETS + gps_byte_patterns():
        assert secret not in img.data, secret
    if img.format == "JPEG":
        allowed = _JPEG_ALLOWED | ({0xE2} if allow_icc else set())
        assert set(jpeg_markers(img.data)) <= allowed
    else:
        assert img.format == "PNG"
        allowed = _PNG_ALLOWED | ({b"iCCP"} if allow_icc else set())
        assert set(png_chunks(img.data)) <= allowed
    with Image.open(BytesIO(img.data)) as check:
        assert check.format == img.format
        assert len(check.getexif()) == 0
        for key in ("exif", "xmp", "comment", "photoshop", "dpi", "transparency"):
            assert key not in check.info
        assert ("icc_profile" in check.info) == allow_icc
        assert check.size == (img.width, img.height)
        assert check.mode == img.mode
        assert getattr(check, "n_frames", 1) == 1


def decoded(img: PreparedImage) -> Image.Image:
    with Image.open(BytesIO(img.data)) as im:
        im.load()
        return im.copy()


# --- metadata stripping -------------------------------------------------------------------


def test_camera_jpeg_loses_all_metadata(tmp_path: Path) -> None:
    src = dirty_jpeg(tmp_path / "phone.jpg")
    raw = src.read_bytes()
    # The fixture really does carry what we are about to strip.
    for secret in (b"SecretMake", b"SERIAL-0042-XYZ", b"SECRET-XMP-LOCATION", b"SECRET-IPTC"):
        assert secret in raw
    assert any(p in raw for p in gps_byte_patterns())

    img = prepare_image(src)
    assert img.format == "JPEG"
    assert img.data != raw
    assert_clean(img)


def test_png_text_chunks_exif_and_alpha(tmp_path: Path) -> None:
    src = dirty_png(tmp_path / "map.png")
    assert b"safehouse" not in src.read_bytes()  # zTXt is compressed: check decoded info
    with Image.open(src) as check:
        assert "safehouse" in check.info["Source"]

    img = prepare_image(src)
    assert img.format == "PNG"
    assert img.mode == "RGBA"
    assert_clean(img)


@pytest.mark.parametrize("fmt", ["WEBP", "TIFF"])
def test_webp_and_tiff_metadata(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / f"photo.{fmt.lower()}"
    im = photo(30, 20)
    exif = secret_exif()
    if fmt == "WEBP":
        save(im, src, fmt, exif=exif.tobytes(), xmp=b"SECRET-XMP-LOCATION", lossless=True)
        planted = [b"SecretMake", b"SERIAL-0042-XYZ", b"SECRET-XMP-LOCATION"]
    else:  # Pillow writes TIFF tags into IFD0 only (no Exif/GPS sub-IFDs)
        exif[270] = "SECRET-TIFF-DESCRIPTION"
        save(im, src, fmt, tiffinfo=exif)
        planted = [b"SecretMake", b"Kim Secret-Artist", b"SECRET-TIFF-DESCRIPTION"]
    raw = src.read_bytes()
    assert all(secret in raw for secret in planted)
    img = prepare_image(src)
    assert img.format == "JPEG"
    assert_clean(img)


def test_gif_comment_and_later_frames_dropped(tmp_path: Path) -> None:
    first = Image.new("P", (16, 16), 1)
    first.putpalette([0, 0, 0, 200, 30, 30, 0, 0, 255] + [0] * 759)
    second = Image.new("P", (16, 16), 2)
    second.putpalette(first.getpalette() or [])
    src = save(
        first,
        tmp_path / "anim.gif",
        "GIF",
        save_all=True,
        append_images=[second],
        comment=b"SECRET-GIF-COMMENT",
    )
    img = prepare_image(src)
    assert img.format == "PNG"
    assert_clean(img)
    assert decoded(img).convert("RGB").getpixel((8, 8)) == (200, 30, 30)


def test_mpo_second_picture_dropped(tmp_path: Path) -> None:
    """Phones store a second picture (depth map, unedited preview) in MPO files."""
    shown = photo(40, 30)
    hidden = Image.new("RGB", (40, 30), (255, 0, 255))
    src = save(shown, tmp_path / "portrait.jpg", "MPO", save_all=True, append_images=[hidden])
    with Image.open(src) as check:
        assert check.format == "MPO" and check.n_frames == 2
    img = prepare_image(src)
    assert_clean(img)
    assert Image.open(BytesIO(img.data)).format == "JPEG"


def test_colour_under_fully_transparent_pixels_is_blanked(tmp_path: Path) -> None:
    """An "erased" face often keeps its colour under alpha 0; that must not survive."""
    im = Image.new("RGBA", (8, 8), (250, 10, 10, 0))
    im.putpixel((0, 0), (1, 2, 3, 255))
    im.putpixel((1, 0), (90, 80, 70, 128))
    img = prepare_image(save(im, tmp_path / "erased.png"))
    out = decoded(img)
    assert out.getpixel((0, 0)) == (1, 2, 3, 255)
    assert out.getpixel((1, 0)) == (90, 80, 70, 128)
    assert out.getpixel((5, 5)) == (0, 0, 0, 0)


def test_opaque_alpha_is_dropped(tmp_path: Path) -> None:
    img = prepare_image(save(photo(30, 30, "RGBA"), tmp_path / "screenshot.png"))
    assert (img.format, img.mode) == ("JPEG", "RGB")


# --- ICC profiles -------------------------------------------------------------------------


def test_non_srgb_profile_converted_then_dropped(tmp_path: Path) -> None:
    src = save(
        Image.new("RGB", (8, 8), (255, 0, 0)), tmp_path / "p3.png", icc_profile=swapped_icc()
    )
    img = prepare_image(src)
    assert_clean(img)
    r, g, b = decoded(img).getpixel((0, 0))
    assert r < 30 and g > 225 and b < 30  # "red" in that profile is sRGB green


def test_srgb_profile_just_dropped(tmp_path: Path) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    src = save(Image.new("RGB", (8, 8), (200, 100, 50)), tmp_path / "s.png", icc_profile=srgb)
    img = prepare_image(src)
    assert_clean(img)
    assert decoded(img).getpixel((0, 0)) == (200, 100, 50)


def test_without_littlecms_rgb_profile_is_kept(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(images, "ImageCms", None)
    icc = swapped_icc()
    src = save(Image.new("RGB", (8, 8), (255, 0, 0)), tmp_path / "p3.png", icc_profile=icc)
    img = prepare_image(src)
    assert_clean(img, allow_icc=True)
    assert decoded(img).info["icc_profile"] == icc
    assert crop_to_aspect(img, 2.0).data != img.data
    assert_clean(crop_to_aspect(img, 2.0), allow_icc=True)


# --- orientation, modes, format choice ----------------------------------------------------


def test_orientation_6_turns_40x20_into_20x40(tmp_path: Path) -> None:
    img = prepare_image(dirty_jpeg(tmp_path / "phone.jpg", orientation=6))
    assert (img.width, img.height) == (20, 40)
    assert (img.original_width, img.original_height) == (20, 40)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_orientation_matches_exif_transpose(tmp_path: Path, orientation: int) -> None:
    im = Image.new("RGB", (6, 4), (255, 255, 255))
    im.putpixel((0, 0), (255, 0, 0))
    im.putpixel((5, 0), (0, 0, 255))
    exif = Image.Exif()
    exif[0x0112] = orientation
    src = save(im, tmp_path / "o.png", exif=exif.tobytes())
    expected = ImageOps.exif_transpose(Image.open(src))
    img = prepare_image(src)
    assert img.format == "PNG"  # three colours: line art, so the check is lossless
    assert decoded(img).tobytes() == expected.convert("RGB").tobytes()


def test_broken_exif_means_no_rotation(tmp_path: Path) -> None:
    buf = BytesIO()
    photo(40, 20).save(buf, "JPEG")
    data = insert_jpeg_segment(buf.getvalue(), 0xE1, b"Exif\0\0II*\0\xff\xff\xff\x7f garbage")
    src = tmp_path / "odd.jpg"
    src.write_bytes(data)
    img = prepare_image(src)
    assert (img.width, img.height) == (40, 20)
    assert_clean(img)


def test_photo_is_jpeg_and_line_art_is_png(tmp_path: Path) -> None:
    assert prepare_image(save(photo(50, 40), tmp_path / "p.png")).format == "JPEG"
    logo = Image.new("RGB", (50, 40), "white")
    logo.paste((200, 0, 0), (10, 10, 30, 30))
    assert prepare_image(save(logo, tmp_path / "logo.png")).format == "PNG"
    bilevel = Image.new("1", (50, 40), 1)
    img = prepare_image(save(bilevel, tmp_path / "scan.bmp"))
    assert (img.format, img.mode) == ("PNG", "L")


def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path: Path) -> None:
    im = Image.new("I;16", (8, 8), 40000)
    im.putpixel((0, 0), 0)
    img = prepare_image(save(im, tmp_path / "scan16.png"))
    out = decoded(img)
    assert out.mode == "L"
    assert abs(out.getpixel((1, 1)) - 40000 / 257) <= 1
    assert out.getpixel((0, 0)) == 0


def test_grey_with_alpha(tmp_path: Path) -> None:
    im = Image.new("LA", (8, 8), (120, 255))
    im.putpixel((0, 0), (7, 0))
    img = prepare_image(save(im, tmp_path / "la.png"))
    assert (img.format, img.mode) == ("PNG", "LA")
    assert decoded(img).getpixel((0, 0)) == (0, 0)
    assert decoded(img).getpixel((3, 3)) == (120, 255)


def test_palette_with_transparency(tmp_path: Path) -> None:
    im = Image.new("P", (8, 8), 1)
    im.putpalette([10, 20, 30, 200, 0, 0] + [0] * 762)
    im.putpixel((0, 0), 0)
    src = save(im, tmp_path / "icon.gif", transparency=0)
    img = prepare_image(src)
    assert (img.format, img.mode) == ("PNG", "RGBA")
    out = decoded(img)
    assert out.getpixel((0, 0)) == (0, 0, 0, 0)
    assert out.getpixel((4, 4)) == (200, 0, 0, 255)


def test_cmyk_source_becomes_rgb_unless_asked(tmp_path: Path) -> None:
    src = save(photo(30, 20, "CMYK"), tmp_path / "print.jpg")
    assert prepare_image(src).mode == "RGB"
    assert prepare_image(src, cmyk=PRESS).mode == "CMYK"


# --- CMYK output --------------------------------------------------------------------------


def test_cmyk_output_is_a_cmyk_jpeg_through_the_press_profile(tmp_path: Path) -> None:
    """The issue replaced the device formula (black on K only) with the press's ICC profile:
    a photo's pixels are what LittleCMS makes of them, black is the profile's own black."""
    im = photo(60, 40)
    im.paste((0, 0, 0), (0, 0, 20, 20))
    img = prepare_image(save(im, tmp_path / "p.png"), cmyk=PRESS)
    assert (img.format, img.mode) == ("JPEG", "CMYK")
    assert_clean(img)
    transform = ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.getOpenProfile(str(PROFILES_DIR / "FOGRA39-300-makedocs.icc")),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.PERCEPTUAL,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )
    expected = ImageCms.applyTransform(im, transform)
    out = decoded(img)
    for xy in ((5, 5), (30, 10), (50, 30), (10, 35)):
        assert all(
            abs(a - b) <= 12 for a, b in zip(out.getpixel(xy), expected.getpixel(xy), strict=True)
        )
    black = out.getpixel((5, 5))
    assert black[3] > 240 and sum(black) <= 255 * PRESS.ink_limit / 100 + 12


def test_cmyk_keeps_grey_single_channel_and_transparent_images_rgb(tmp_path: Path) -> None:
    grey = prepare_image(save(photo(40, 40, "L"), tmp_path / "g.png"), cmyk=PRESS)
    assert grey.mode == "L"  # black ink only
    alpha = prepare_image(dirty_png(tmp_path / "a.png"), cmyk=PRESS)
    assert (alpha.format, alpha.mode) == ("PNG", "RGBA")  # the renderer flattens it


def test_a_grey_picture_prints_in_black_ink_with_the_tones_it_shows(tmp_path: Path) -> None:
    """Each grey prints, in black ink alone on the press, as light as it looks on screen (the
    screen's black scaled to black ink's): read back through the profile with LittleCMS."""
    steps = (0, 32, 64, 128, 192, 224, 255)
    ramp = Image.new("L", (len(steps), 1))
    ramp.putdata(list(steps))  # few greys: kept lossless (PNG)
    grey = prepare_image(save(ramp, tmp_path / "ramp.png"), cmyk=PRESS)
    assert (grey.format, grey.mode) == ("PNG", "L")
    out = decoded(grey)
    values = [out.getpixel((x, 0)) for x in range(len(steps))]
    assert values[0] == 0 and values[-1] == 255 and values == sorted(values)
    printed = Image.new("CMYK", (len(steps), 1))
    printed.putdata([(0, 0, 0, 255 - v) for v in values])
    to_lab = ImageCms.buildTransform(
        ImageCms.getOpenProfile(str(PROFILES_DIR / "FOGRA39-300-makedocs.icc")),
        ImageCms.createProfile("LAB"),
        "CMYK",
        "LAB",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )
    lab = ImageCms.applyTransform(printed, to_lab)
    lightness = [lab.getpixel((x, 0))[0] * 100 / 255 for x in range(len(steps))]
    black = lightness[0]
    for x, g in enumerate(steps[1:-1], start=1):
        linear = ((g / 255 + 0.055) / 1.055) ** 2.4
        screen = 116 * linear ** (1 / 3) - 16
        assert lightness[x] == pytest.approx(black + (100 - black) * screen / 100, abs=1.5)


# --- size -------------------------------------------------------------------------------


def test_downsample_caps_longer_side(tmp_path: Path) -> None:
    src = save(photo(400, 200), tmp_path / "big.png")
    img = prepare_image(src, max_px=100)
    assert (img.width, img.height) == (100, 50)
    assert (img.original_width, img.original_height) == (400, 200)
    tall = prepare_image(save(photo(90, 300), tmp_path / "tall.png"), max_px=150)
    assert (tall.width, tall.height) == (45, 150)


def test_never_upscales(tmp_path: Path) -> None:
    img = prepare_image(save(photo(400, 200), tmp_path / "big.png"), max_px=5000)
    assert (img.width, img.height) == (400, 200)


def test_bad_max_px_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        prepare_image(save(photo(4, 4), tmp_path / "x.png"), max_px=0)


def test_ppi_and_aspect(tmp_path: Path) -> None:
    img = prepare_image(save(photo(600, 300), tmp_path / "p.png"))
    assert img.aspect == 2.0
    assert img.ppi_at(144) == pytest.approx(300)
    with pytest.raises(ValueError):
        img.ppi_at(0)
    assert max_px_for_box(144, 72, 300) == 600


# --- decompression bombs ------------------------------------------------------------------


def test_max_pixels_parameter(tmp_path: Path) -> None:
    src = save(photo(100, 100), tmp_path / "big.png")
    with pytest.raises(MakedocsError) as err:
        prepare_image(src, max_pixels=5000, ref_file="story.md", ref_line=4)
    text = str(err.value)
    assert text.startswith("story.md:4: ")
    assert "image too large: 100×100 pixels" in text
    assert str(src) in text


def test_huge_claimed_size_refused_without_decoding(tmp_path: Path) -> None:
    src = tmp_path / "bomb.png"
    src.write_bytes(png_header_only(50_000, 50_000))  # Pillow's hard DecompressionBombError
    with pytest.raises(MakedocsError, match="too large") as err:
        prepare_image(src)
    assert str(src) in str(err.value)


def test_size_between_our_limit_and_pillows_hard_limit(tmp_path: Path) -> None:
    src = tmp_path / "bomb.png"
    src.write_bytes(png_header_only(12_000, 8_000))  # 96 MP: only a warning in Pillow
    with pytest.raises(MakedocsError, match="image too large: 12000×8000 pixels"):
        prepare_image(src)


@pytest.mark.parametrize("side", [40, 100])  # 1600 px: Pillow warns; 10000 px: Pillow raises
def test_stricter_global_limit_is_honoured(tmp_path: Path, monkeypatch, side: int) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    src = save(photo(side, side), tmp_path / "p.png")
    with pytest.raises(MakedocsError, match="too large"):
        prepare_image(src)


def test_global_state_untouched(tmp_path: Path) -> None:
    before = (Image.MAX_IMAGE_PIXELS, list(warnings.filters))
    prepare_image(dirty_jpeg(tmp_path / "a.jpg"))
    with pytest.raises(MakedocsError):
        prepare_image(save(photo(50, 50), tmp_path / "b.png"), max_pixels=10)
    assert (Image.MAX_IMAGE_PIXELS, list(warnings.filters)) == before


# --- bad files ----------------------------------------------------------------------------


def expect_error(path: Path, fragment: str) -> str:
    with pytest.raises(MakedocsError) as err:
        prepare_image(path, ref_file="stories/escape.md", ref_line=12)
    text = str(err.value)
    assert text.startswith("stories/escape.md:12: image ")
    assert str(path) in text
    assert fragment in text
    assert "\n" not in text
    return text


def test_missing_file(tmp_path: Path) -> None:
    expect_error(tmp_path / "nowhere.jpg", "not found")


def test_folder_and_empty_file(tmp_path: Path) -> None:
    expect_error(tmp_path, "folder")
    (tmp_path / "empty.png").write_bytes(b"")
    expect_error(tmp_path / "empty.png", "empty")


def test_text_file_named_jpg(tmp_path: Path) -> None:
    src = tmp_path / "photo.jpg"
    src.write_text("Not an image — just notes about the crossing.\n", encoding="utf-8")
    text = expect_error(src, "text file")
    assert "JPEG, PNG, WebP, GIF, TIFF, BMP" in text


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64, "HEIC"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x01\x02\x03\x04\xfe\xfd" * 20, "not a supported image"),
    ],
)
def test_unsupported_formats_are_named(tmp_path: Path, content: bytes, fragment: str) -> None:
    src = tmp_path / "picture.png"
    src.write_bytes(content)
    text = expect_error(src, fragment)
    assert "JPEG, PNG, WebP, GIF, TIFF, BMP" in text


def test_formats_outside_the_allow_list_are_refused(tmp_path: Path) -> None:
    src = save(photo(8, 8), tmp_path / "image.ico", "ICO")
    expect_error(src, "not a supported image")


def test_truncated_jpeg(tmp_path: Path) -> None:
    buf = BytesIO()
    photo(200, 200).save(buf, "JPEG")
    src = tmp_path / "cut.jpg"
    src.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    expect_error(src, "damaged")


def test_truncated_and_corrupt_png(tmp_path: Path) -> None:
    data = (save(photo(100, 100), tmp_path / "ok.png")).read_bytes()
    (tmp_path / "cut.png").write_bytes(data[: len(data) // 2])
    expect_error(tmp_path / "cut.png", "damaged")
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0xFF  # breaks an IDAT CRC: verify() must notice
    (tmp_path / "crc.png").write_bytes(bytes(flipped))
    expect_error(tmp_path / "crc.png", "damaged")


def test_leak_guard_is_an_internal_error_not_a_user_error(tmp_path: Path, monkeypatch) -> None:
    """If encoding ever let metadata through, the build must stop loudly as a bug."""
    real_encode = images._encode

    def leaky(im: Image.Image, fmt: str, *, icc: bytes | None = None) -> bytes:
        clean = real_encode(im, fmt, icc=icc)
        buf = BytesIO()
        Image.open(BytesIO(clean)).save(buf, fmt, comment=b"SECRET-JPEG-COMMENT")
        images._check_clean(buf.getvalue())
        return buf.getvalue()

    monkeypatch.setattr(images, "_encode", leaky)
    with pytest.raises(images.MetadataLeakError):
        prepare_image(save(photo(40, 40), tmp_path / "p.png"))


def test_error_without_reference_still_names_image(tmp_path: Path) -> None:
    with pytest.raises(MakedocsError) as err:
        prepare_image(tmp_path / "gone.png")
    assert str(err.value) == f"image {tmp_path / 'gone.png'}: file not found"


# --- determinism and caching ---------------------------------------------------------------


@pytest.mark.parametrize("cmyk", [False, True])
def test_deterministic(tmp_path: Path, cmyk: bool) -> None:
    jpg = dirty_jpeg(tmp_path / "a.jpg", size=(120, 80))
    png = dirty_png(tmp_path / "b.png")
    press = PRESS if cmyk else None
    for src in (jpg, png):
        first = prepare_image(src, max_px=50, cmyk=press)
        second = prepare_image(src, max_px=50, cmyk=press)
        assert first == second


def test_cache_memoises_and_notices_changes(tmp_path: Path) -> None:
    src = save(photo(60, 40), tmp_path / "p.png")
    cache = ImageCache()
    first = cache.get(src, ref_file="a.md", ref_line=1)
    assert cache.get(src, ref_file="b.md", ref_line=9) is first
    assert cache.get(tmp_path / "." / "p.png") is first  # same resolved path
    assert cache.get(src, max_px=30) is not first
    assert cache.get(src, cmyk=PRESS).mode == "CMYK"
    assert len(cache) == 3

    save(photo(80, 40), src)
    stat = src.stat()
    os.utime(src, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert cache.get(src).width == 80


def test_cache_reports_each_reference(tmp_path: Path) -> None:
    cache = ImageCache(max_pixels=100)
    src = save(photo(20, 20), tmp_path / "p.png")
    for line in (3, 7):
        with pytest.raises(MakedocsError) as err:
            cache.get(src, ref_file="s.md", ref_line=line)
        assert str(err.value).startswith(f"s.md:{line}: ")
    with pytest.raises(MakedocsError, match="not found"):
        cache.get(tmp_path / "missing.png", ref_file="s.md", ref_line=1)
    assert len(cache) == 0


def test_pictures_prepared_ahead_are_the_same_and_errors_keep_their_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    good = save(photo(120, 80), tmp_path / "good.png")
    bad = save(photo(20, 20), tmp_path / "bad.png")
    alone = ImageCache(max_pixels=100 * 100).get(good, max_px=50)
    cache = ImageCache(max_pixels=100 * 100)
    prepared_in: list[str] = []
    real = images.prepare_image

    def recording(*args: object, **kwargs: object) -> object:
        prepared_in.append(threading.current_thread().name)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(images, "prepare_image", recording)
    save(Image.new("RGB", (200, 200)), bad)  # over max_pixels: refused
    with cache.ahead([(good, 50), (bad, 50), (tmp_path / "gone.png", 50)]):
        assert cache.get(good, max_px=50) == alone
        with pytest.raises(MakedocsError) as err:
            cache.get(bad, max_px=50, ref_file="s.md", ref_line=7)
        assert str(err.value).startswith("s.md:7: ")  # the line of this use, not none
        with pytest.raises(MakedocsError, match="not found"):
            cache.get(tmp_path / "gone.png", max_px=50, ref_file="s.md", ref_line=8)
        cache.get(good, max_px=20)  # not asked for ahead: still prepared in that thread
    # Every preparation ran in the one background thread, and none runs after the block.
    assert prepared_in and all(name.startswith("makedocs-pictures") for name in prepared_in)
    assert not [t for t in threading.enumerate() if t.name.startswith("makedocs-pictures")]
    assert cache.get(good, max_px=50) == alone and len(cache) == 2


# --- cropping -----------------------------------------------------------------------------


def marker_image(width: int, height: int, at: tuple[int, int]) -> Image.Image:
    im = Image.new("RGB", (width, height), "white")
    x, y = at
    im.paste((255, 0, 0), (x - 2, y - 2, x + 3, y + 3))
    return im


def red_centre(im: Image.Image) -> tuple[float, float]:
    reds = [
        (x, y)
        for y in range(im.height)
        for x in range(im.width)
        if im.getpixel((x, y))[:3] == (255, 0, 0)
    ]
    return sum(x for x, _ in reds) / len(reds), sum(y for _, y in reds) / len(reds)


def test_crop_keeps_focal_point_centred(tmp_path: Path) -> None:
    img = prepare_image(save(marker_image(400, 200, (240, 100)), tmp_path / "m.png"))
    assert img.format == "PNG"
    square = crop_to_aspect(img, 1.0, focus=(0.6, 0.5))
    assert (square.width, square.height) == (200, 200)
    assert red_centre(decoded(square)) == (100, 100)
    assert_clean(square)


def test_crop_clamps_at_the_edge(tmp_path: Path) -> None:
    img = prepare_image(save(marker_image(400, 200, (390, 100)), tmp_path / "m.png"))
    square = crop_to_aspect(img, 1.0, focus=(390 / 400, 0.5))
    assert red_centre(decoded(square)) == (190, 100)


def test_crop_tall_image_vertically(tmp_path: Path) -> None:
    img = prepare_image(save(marker_image(100, 400, (50, 60)), tmp_path / "m.png"))
    wide = crop_to_aspect(img, 2.0, focus=(0.5, 60 / 400))
    assert (wide.width, wide.height) == (100, 50)
    assert red_centre(decoded(wide)) == (50, 25)


def test_crop_keeps_format_mode_and_scales_originals(tmp_path: Path) -> None:
    img = prepare_image(save(photo(400, 300), tmp_path / "p.png"), max_px=200, cmyk=PRESS)
    assert (img.width, img.height, img.original_width) == (200, 150, 400)
    cropped = crop_to_aspect(img, 16 / 9)
    assert (cropped.format, cropped.mode) == ("JPEG", "CMYK")
    assert (cropped.width, cropped.height) == (200, 112)
    assert (cropped.original_width, cropped.original_height) == (400, 224)
    assert_clean(cropped)
    smaller = crop_to_aspect(img, 1.0, max_px=60)
    assert (smaller.width, smaller.height) == (60, 60)


def test_crop_noop_and_bad_arguments(tmp_path: Path) -> None:
    img = prepare_image(save(photo(40, 20), tmp_path / "p.png"))
    assert crop_to_aspect(img, 2.0) is img
    for bad in (0.0, -1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError):
            crop_to_aspect(img, bad)
    with pytest.raises(ValueError):
        crop_to_aspect(img, 1.0, focus=(1.5, 0.5))


# --- fuzzing ------------------------------------------------------------------------------


def _seed_files() -> list[bytes]:
    out = []
    for fmt, mode in [
        ("PNG", "RGBA"),
        ("JPEG", "RGB"),
        ("GIF", "P"),
        ("BMP", "RGB"),
        ("TIFF", "RGB"),
        ("WEBP", "RGB"),
    ]:
        buf = BytesIO()
        photo(12, 9, mode).save(buf, fmt)
        out.append(buf.getvalue())
    return out


_SEEDS = _seed_files()


@st.composite
def mangled_images(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(_SEEDS)))
    for _ in range(draw(st.integers(0, 6))):
        pos = draw(st.integers(0, len(data) - 1))
        data[pos] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(1, len(data)))]
    return bytes(data)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.one_of(st.binary(max_size=2048), mangled_images()))
def test_any_bytes_give_image_or_makedocs_error(tmp_path: Path, content: bytes) -> None:
    src = tmp_path / "fuzz.img"
    src.write_bytes(content)
    try:
        img = prepare_image(src, max_px=64, max_pixels=1_000_000)
    except MakedocsError as err:
        assert str(src) in str(err)
    else:
        assert isinstance(img, PreparedImage)
        assert_clean(img)


def _jpeg(size: tuple[int, int], orientation: int = 1) -> bytes:
    im = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = BytesIO()
    im.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def decoded_sizes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The size of every image Pillow decodes from here on."""
    from PIL import ImageFile

    sizes: list[tuple[int, int]] = []
    load = ImageFile.ImageFile.load

    def spy(self):  # noqa: ANN001, ANN202
        sizes.append(self.size)
        return load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    return sizes


@pytest.mark.parametrize(("orientation", "upright"), [(1, (1600, 1200)), (6, (1200, 1600))])
def test_a_small_probe_decodes_a_fraction_of_a_jpeg_and_still_knows_its_size(
    decoded_sizes: list[tuple[int, int]], orientation: int, upright: tuple[int, int]
) -> None:
    prepared = images.prepare_image_data(_jpeg((1600, 1200), orientation), "photo.jpg", max_px=64)
    assert decoded_sizes and (1600, 1200) not in decoded_sizes  # libjpeg's scaled decode
    assert max(decoded_sizes[0]) <= 1600 // 4
    assert (prepared.original_width, prepared.original_height) == upright
    assert max(prepared.width, prepared.height) == 64
    assert (prepared.width > prepared.height) == (upright[0] > upright[1])


def test_a_print_size_picture_is_decoded_whole(decoded_sizes: list[tuple[int, int]]) -> None:
    """At print and slide sizes the full decode stays (the outputs' pictures keep their bytes)."""
    prepared = images.prepare_image_data(_jpeg((1600, 1200)), "photo.jpg", max_px=1000)
    assert decoded_sizes[0] == (1600, 1200)
    assert (prepared.width, prepared.height) == (1000, 750)
