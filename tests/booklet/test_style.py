"""Theme [booklet] table and booklet options: defaults, units, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from makedocs.booklet.render import booklet_options
from makedocs.booklet.style import load_style
from makedocs.cli import main
from makedocs.errors import MakedocsError
from makedocs.theme import load_theme
from makedocs.typesetting.styles import rgb_to_cmyk
from makedocs.units import Length
from tests.conftest import SEED


def test_default_theme_gives_half_letter_and_a5_pages() -> None:
    theme = load_theme("default")
    letter = load_style(theme, "letter").geometry
    a5 = load_style(theme, "a4").geometry
    assert (letter.width, letter.height) == (396.0, 612.0)
    assert a5.width == pytest.approx(419.53, abs=0.01)
    assert letter.outer >= letter.inner  # the fore-edge margin is the wider one


def test_bleed_and_marks_grow_the_media_around_the_trim() -> None:
    geometry = load_style(
        load_theme("default"), "letter", bleed=Length.parse("3mm"), crop_marks=True
    ).geometry
    x0, y0, x1, y1 = geometry.trim_box
    bx0, by0, bx1, by1 = geometry.bleed_box
    assert x0 - bx0 == pytest.approx(3 / 25.4 * 72)
    assert bx0 > 12  # marks have room outside the bleed
    assert geometry.media == pytest.approx((x1 + x0, y1 + y0))


def test_a_bad_theme_length_names_the_theme_file_and_key(tmp_path: Path) -> None:
    theme = load_theme("default")
    (tmp_path / "theme.toml").write_text('[booklet.body]\nsize = "ten points"\n')
    broken = load_theme(str(tmp_path))
    with pytest.raises(
        MakedocsError, match=r"theme\.toml(:\d+)?: \[booklet\.body\] size: not a length"
    ):
        load_style(broken, "letter")
    with pytest.raises(MakedocsError, match=r"\[booklet\.tabloid\] page size is missing"):
        load_style(theme, "tabloid")


def test_cmyk_conversion_puts_grey_on_black_ink_only() -> None:
    assert rgb_to_cmyk(0, 0, 0) == (0, 0, 0, 1)
    assert rgb_to_cmyk(0.5, 0.5, 0.5) == (0, 0, 0, 0.5)
    c, m, y, k = rgb_to_cmyk(0x1D / 255, 0x2A / 255, 0x3A / 255)  # the cover navy
    assert c > m > y == 0 and k > 0.7


def test_options_come_from_the_command_line_then_the_settings() -> None:
    table = {"page_size": "a4", "bleed": "0.125in", "recto": False, "duplex": "long-edge"}
    options, imposition = booklet_options(table, page_size="letter", creep="0.5")
    assert options.page_size == "letter" and not options.recto
    assert options.bleed == Length.parse("0.125in")
    assert imposition.duplex == "long-edge" and imposition.creep == Length.parse("0.5mm")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"page_size": "a3"}, "page_size must be 'letter' or 'a4'"),
        ({"recto": "no"}, "recto must be true or false"),
        ({"bleed": "lots"}, "bleed: not a length"),
        ({"signature": 0}, "signature must be a whole number"),
    ],
)
def test_bad_booklet_settings_are_one_line_errors(table: dict[str, object], message: str) -> None:
    with pytest.raises(MakedocsError, match=message) as caught:
        booklet_options(table, where="makedocs.toml")
    assert str(caught.value).startswith("makedocs.toml: ")


def test_a_bad_bleed_on_the_command_line_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["booklet", str(SEED), "-o", str(tmp_path / "b.pdf"), "--bleed", "wide"]
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "makedocs: bleed: not a length: 'wide' (use a number with in, pt, mm or cm)"
    ]
