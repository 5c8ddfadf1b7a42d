"""Theme [booklet] table and booklet options: defaults, units, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from makedocs.booklet.style import load_style
from makedocs.cli import main
from makedocs.config import Settings, settings_from
from makedocs.errors import MakedocsError
from makedocs.outputs import option_values, output
from makedocs.theme import load_theme
from makedocs.tomlfile import parse_toml
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
    """The issue replaced the device formula with the press's ICC profile: greys still go on
    the black plate alone (black as solid K, a mid grey as a K tint), colours through it."""
    from makedocs.colour import load_press

    press = load_press(load_theme("default"))
    assert press.ink("#000000") == (0, 0, 0, 1)
    c, m, y, k = press.ink("#808080")
    assert (c, m, y) == (0, 0, 0) and 0.4 < k < 0.8
    c, m, y, k = press.ink("#1d2a3a")  # the cover navy: cyan-heavy, through the profile
    assert c > m > y and k > 0.7 and c + m + y + k <= 3.0


def _settings(text: str) -> Settings:
    return settings_from(parse_toml(text, "makedocs.toml"))


def test_options_come_from_the_command_line_then_the_settings() -> None:
    settings = _settings(
        'page_size = "a4"\n[booklet]\nbleed = "0.125in"\nrecto = false\n'
        '[printer]\nduplex = "long-edge"\n'
    )
    options = option_values(output("booklet"), settings, {"cmyk": True})
    imposition = option_values(output("booklet-print"), settings, {"creep": Length.mm(0.5)})
    assert options.page_size == "a4" and not options.recto and options.cmyk
    assert options.bleed == Length.parse("0.125in")
    assert imposition.duplex == "long-edge" and imposition.creep == Length.parse("0.5mm")


def test_the_command_line_page_size_wins_over_the_settings(tmp_path: Path) -> None:
    config = tmp_path / "makedocs.toml"
    config.write_text('page_size = "a4"\n', "utf-8")
    out = tmp_path / "b.pdf"
    args = ["booklet", str(SEED), "-o", str(out), "--config", str(config)]
    assert CliRunner().invoke(main, [*args, "--page-size", "letter"]).exit_code == 0
    assert round(float(PdfReader(out).pages[0].trimbox.width)) == 396  # half-letter
    assert CliRunner().invoke(main, args).exit_code == 0
    assert round(float(PdfReader(out).pages[0].trimbox.width)) == 420  # A5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('page_size = "a3"\n', "page_size must be 'letter' or 'a4'"),
        ('[booklet]\nrecto = "no"\n', "recto must be true or false"),
        ('[booklet]\nbleed = "lots"\n', "bleed: not a length"),
        ("[booklet]\nbleed = 3\n", "bleed needs a unit"),
        ('[booklet]\nbleed = "3000mm"\n', "bleed must be at most 20mm"),
        ("[printer]\nsignature = 0\n", "signature must be a whole number"),
        (
            "[booklet]\ncrop_mraks = true\n",
            "unknown key 'crop_mraks' in \\[booklet\\] \\(did you mean 'crop_marks'\\?\\)",
        ),
        (
            '[booklet]\nduplex = "long-edge"\n',
            "unknown key 'duplex' in \\[booklet\\] \\(it belongs in \\[printer\\]\\)",
        ),
    ],
)
def test_bad_booklet_settings_are_one_line_errors_at_their_line(text: str, message: str) -> None:
    with pytest.raises(MakedocsError, match=message) as caught:
        _settings(text)
    line = text.count("\n")
    assert str(caught.value).startswith(f"makedocs.toml:{line}: ")


def test_a_bad_bleed_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["booklet", str(SEED), "-o", str(tmp_path / "b.pdf"), "--bleed", "wide"]
    )
    assert result.exit_code == 2
    assert (
        "Invalid value for '--bleed': not a length: 'wide' (use a number with in, pt, mm or cm)"
        in result.output
    )
    assert not (tmp_path / "b.pdf").exists()
