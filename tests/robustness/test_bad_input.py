"""Whatever volunteers feed it: one line ``makedocs: path[:line]: message``, exit 1, no
traceback, no partial file, and the previous dist/ exactly as it was."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from makedocs.cli import main
from tests.conftest import SEEDS

OLD = {"booklet.pdf": b"previous booklet", "deck.pptx": b"previous deck"}


def _dist(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    dist.mkdir(exist_ok=True)
    for name, data in OLD.items():
        (dist / name).write_bytes(data)
    return dist


def _config(tmp_path: Path, text: str = "") -> Path:
    config = tmp_path / "makedocs.toml"
    config.write_text(text, "utf-8")
    return config


def fails(tmp_path: Path, *sources: Path | str, config: Path | None = None) -> str:
    """Run a build that must fail; return its one line of output."""
    dist = _dist(tmp_path)
    result = CliRunner().invoke(
        main,
        [
            "build",
            *map(str, sources),
            "-o",
            str(dist),
            "--config",
            str(config or _config(tmp_path)),
        ],
    )
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and "internal error" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("makedocs: "), result.stderr
    assert result.stdout == ""
    assert {p.name: p.read_bytes() for p in dist.iterdir()} == OLD
    return lines[0].removeprefix("makedocs: ")


def builds(tmp_path: Path, *sources: Path | str) -> tuple[Path, str]:
    """Run a build that must succeed; return the output folder and stderr (warnings)."""
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["build", *map(str, sources), "-o", str(out), "--config", str(_config(tmp_path))],
    )
    assert result.exit_code == 0, result.output
    return out, result.stderr


def _src(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    return src


# --- text files ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data"), [("s.txt", b""), ("s.md", b""), ("s.txt", b"\n \n\t\n")])
def test_an_empty_file_is_one_line_with_its_path(tmp_path: Path, name: str, data: bytes) -> None:
    path = _src(tmp_path) / name
    path.write_bytes(data)
    assert fails(tmp_path, path) == f"{path.as_posix()}:1: file is empty: no stories found"


def test_a_binary_file_named_txt_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    path = _src(tmp_path) / "photo.txt"
    Image.new("RGB", (50, 50), (1, 2, 3)).save(path, "PNG")
    message = fails(tmp_path, path)
    assert message.startswith(path.as_posix()) and "binary" in message


def test_utf16_and_latin1_sources_build_with_the_right_characters(tmp_path: Path) -> None:
    from pypdf import PdfReader

    src = _src(tmp_path)
    (src / "a.txt").write_bytes(
        "Hyesan In Winter\n\u201cCaf\u00e9\u201d, said \ud61c\uc0b0.\n".encode("utf-16")
    )
    (src / "b.txt").write_bytes(
        "Seoul In Spring\nNa\u00efve r\u00e9sum\u00e9 here.\n".encode("latin-1")
    )
    out, err = builds(tmp_path, src)
    text = " ".join(page.extract_text() for page in PdfReader(out / "booklet.pdf").pages)
    assert "Caf\u00e9" in text and "\ud61c\uc0b0" in text and "r\u00e9sum\u00e9" in text
    assert "\u00c3" not in text  # no mojibake
    assert f"{(src / 'b.txt').as_posix()}:2: warning: file is not UTF-8" in err


def test_utf8_bom_and_crlf_just_work(tmp_path: Path) -> None:
    src = _src(tmp_path)
    data = "A Story Title\r\nFirst line.\r\n\r\nSecond Title Here\r\nMore text.\r\n"
    (src / "s.txt").write_bytes(b"\xef\xbb\xbf" + data.encode())
    result = CliRunner().invoke(main, ["inspect", str(src / "s.txt"), "--json"])
    assert result.exit_code == 0
    assert '"title": "A Story Title"' in result.output and "\ufeff" not in result.output
    assert '"line": 4' in result.output
    builds(tmp_path, src)


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ("title: T\nsubtitle: a: b\n", 3),
        ("title: T\n  bad indent: [\n", 3),
        ("- a list\n", 2),
        ("title: T\nsubtitle: [never closed\nbyline: x\n", 3),
        ('title: "never closed\nbyline: x\n', 2),
    ],
)
def test_invalid_yaml_front_matter_names_its_line(tmp_path: Path, front: str, line: int) -> None:
    path = _src(tmp_path) / "s.md"
    path.write_text(f"---\n{front}---\n\nText.\n", "utf-8")
    message = fails(tmp_path, path)
    assert message.startswith(f"{path.as_posix()}:{line}: "), message
    assert "front matter" in message


def test_invalid_toml_config_names_its_line(tmp_path: Path) -> None:
    config = _config(tmp_path, '[collection]\ntitle = "Stories"\nsubtitle = \n')
    message = fails(tmp_path, SEEDS, config=config)
    assert message == (
        f'{config}:3: invalid TOML: Invalid value (text must be in quotes: title = "Our stories")'
    )


# --- images --------------------------------------------------------------------------------------


def _story_with_image(src: Path, image: str, front: bool = False) -> Path:
    path = src / "s.md"
    if front:
        path.write_text(f"---\ntitle: T\nimage: {image}\nimage_alt: A\n---\n\nText.\n", "utf-8")
    else:
        path.write_text(f"# T\n\nText.\n\n![A field]({image})\n", "utf-8")
    return path


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 4096))
        + chunk(b"IEND", b"")
    )


def _jpeg(width: int = 1400, height: int = 900) -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (width, height), (40, 80, 120)).save(out, "JPEG")
    return out.getvalue()


def _tga() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (64, 64)).save(out, "TGA")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("gone.jpg", None, "file not found"),
        ("truncated.jpg", "truncated", "truncated"),
        ("corrupt.jpg", b"\xff\xd8\xff\xe0" + b"not a jpeg" * 50, "damaged"),
        ("bomb.png", _png_header(60_000, 60_000), "too large"),
        ("picture.tga", "tga", "not a supported image"),
        ("vector.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
        ("phone.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\0" * 64, "HEIC"),
    ],
)
@pytest.mark.parametrize("front", [False, True])
def test_a_bad_image_fails_fast_at_the_markdown_line_that_uses_it(
    tmp_path: Path, name: str, data: bytes | str | None, expected: str, front: bool
) -> None:
    src = _src(tmp_path)
    if data == "truncated":
        data = _jpeg()[:3000]
    elif data == "tga":
        data = _tga()
    if isinstance(data, bytes):
        (src / name).write_bytes(data)
    story = _story_with_image(src, name, front)
    message = fails(tmp_path, story)
    line = 3 if front else 5  # the front matter's image: key, or the ![...] line
    assert message.startswith(f"{story.as_posix()}:{line}: image "), message
    assert expected in message and name in message


# --- fonts ---------------------------------------------------------------------------------------


def test_characters_no_font_has_are_warned_about_with_their_lines(tmp_path: Path) -> None:
    from pypdf import PdfReader

    src = _src(tmp_path)
    story = src / "s.txt"
    story.write_text(
        "A Story Title\nWe smiled \U0001fae0 at the border.\n"
        "Korean \ud61c\uc0b0 and a star \u2605 are fine.\nRare \U0002a6a5 here, and \U0001fae0.\n",
        "utf-8",
    )
    out, err = builds(tmp_path, src)
    warnings = [line for line in err.splitlines() if "no bundled font has" in line]
    where = sorted(line.split(": warning")[0] + line[line.index("(U+") :][:8] for line in warnings)
    posix = story.as_posix()
    assert where == sorted([f"{posix}:2(U+1FAE0", f"{posix}:4(U+1FAE0", f"{posix}:4(U+2A6A5"]), err
    text = " ".join(page.extract_text() for page in PdfReader(out / "booklet.pdf").pages)
    assert "\ud61c\uc0b0" in text and "\u2605" in text


# --- size ----------------------------------------------------------------------------------------


def test_a_one_megabyte_paragraph_builds_in_reasonable_time(tmp_path: Path) -> None:
    import time

    from pypdf import PdfReader

    src = _src(tmp_path)
    sentence = "We crossed the river at night with nothing but a small bag. "
    body = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000].strip()
    (src / "s.txt").write_text(f"A Very Long Story\n{body} The end.\n", "utf-8")
    started = time.monotonic()
    out, err = builds(tmp_path, src)
    elapsed = time.monotonic() - started
    assert elapsed < 120, f"1 MB paragraph took {elapsed:.0f} s"
    assert f"{(src / 's.txt').as_posix()}:2: warning: paragraph of 1,000,009 characters" in err
    reader = PdfReader(out / "booklet.pdf")
    assert len(reader.pages) > 200
    assert "The end." in reader.pages[-1].extract_text() + reader.pages[-2].extract_text()


# --- where outputs go ----------------------------------------------------------------------------


def test_an_unwritable_output_folder_is_one_line_and_nothing_is_left_behind(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output folder should be")
    result = CliRunner().invoke(
        main, ["build", str(SEEDS), "-o", str(blocker / "dist"), "--config", str(_config(tmp_path))]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"makedocs: {blocker}") and "cannot write" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["makedocs.toml", "not-a-folder"]


def test_a_read_only_output_folder_fails_cleanly(tmp_path: Path) -> None:
    import os

    dist = _dist(tmp_path)
    os.chmod(dist, 0o555)
    try:
        # root ignores permission bits; /proc refuses new folders even to root
        target = Path("/proc/makedocs-test") if os.access(dist, os.W_OK) else dist
        result = CliRunner().invoke(
            main, ["build", str(SEEDS), "-o", str(target), "--config", str(_config(tmp_path))]
        )
    finally:
        os.chmod(dist, 0o755)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("makedocs: ") and "cannot write" in result.stderr
    assert {p.name: p.read_bytes() for p in dist.iterdir()} == OLD


def test_output_inside_seeds_is_refused_and_seeds_are_untouched() -> None:
    before = sorted(p.name for p in SEEDS.rglob("*"))
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(SEEDS / "dist")])
    assert result.exit_code == 1
    assert "refusing to write output inside a source folder" in result.stderr
    assert sorted(p.name for p in SEEDS.rglob("*")) == before
