"""``makedocs check``: one ``path:line: level: message`` per problem, exit 1 on any error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from makedocs.cli import main
from tests.conftest import SEEDS


def _jpeg(path: Path, width: int, height: int) -> None:
    from PIL import Image

    Image.new("RGB", (width, height), (120, 90, 60)).save(path, "JPEG")


def check(*args: str) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout.splitlines(), result.stderr


def test_the_seeds_pass_clean() -> None:
    code, lines, err = check(str(SEEDS), "--config", "/dev/null")
    assert code == 0, lines
    assert lines == []
    assert "0 error(s), 0 warning(s)" in err


def test_an_image_without_alt_text_is_an_error_at_its_line(tmp_path: Path) -> None:
    _jpeg(tmp_path / "p.jpg", 1400, 900)
    story = tmp_path / "s.md"
    story.write_text("# Title\n\nSome text.\n\n![](p.jpg)\n", "utf-8")
    code, lines, _ = check(str(story))
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"{story.as_posix()}:5: error: image p.jpg has no alt text; ")


def test_a_decorative_cover_needs_no_alt_text(tmp_path: Path) -> None:
    _jpeg(tmp_path / "p.jpg", 1400, 900)
    story = tmp_path / "s.md"
    story.write_text("---\ntitle: T\nimage: p.jpg\nimage_decorative: true\n---\n\nText.\n", "utf-8")
    code, lines, _ = check(str(story))
    assert (code, lines) == (0, [])


@pytest.mark.parametrize(("width", "level"), [(1400, None), (1000, "warning"), (400, "error")])
def test_images_are_measured_against_300_ppi_at_the_text_block_width(
    tmp_path: Path, width: int, level: str | None
) -> None:
    _jpeg(tmp_path / "p.jpg", width, 600)
    story = tmp_path / "s.md"
    story.write_text("# Title\n\nText.\n\n![A field](p.jpg)\n", "utf-8")
    code, lines, _ = check(str(story))
    if level is None:
        assert (code, lines) == (0, [])
    else:
        assert len(lines) == 1 and lines[0].startswith(f"{story.as_posix()}:5: {level}: ")
        assert f"{width} pixels wide" in lines[0] and "ppi" in lines[0]
        assert code == (1 if level == "error" else 0)


def test_a_missing_or_broken_image_is_an_error_naming_the_markdown_line(tmp_path: Path) -> None:
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    story = tmp_path / "s.md"
    story.write_text("# Title\n\nText.\n\n![A](gone.jpg)\n\nMore.\n\n![B](broken.jpg)\n", "utf-8")
    code, lines, _ = check(str(story))
    assert code == 1
    assert lines[0].startswith(f"{story.as_posix()}:5: error: image ") and "not found" in lines[0]
    assert lines[1].startswith(f"{story.as_posix()}:9: error: image ") and "broken.jpg" in lines[1]


def test_unknown_front_matter_keys_are_warnings_with_their_line(tmp_path: Path) -> None:
    story = tmp_path / "s.md"
    story.write_text("---\ntitle: T\nauthr: Me\n---\n\nText.\n", "utf-8")
    code, lines, _ = check(str(story))
    assert code == 0
    assert lines == [f"{story.as_posix()}:3: warning: unknown front matter key 'authr'"]


def test_characters_no_font_has_are_listed_with_their_lines(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text(
        "A Title For The Story\nWe laughed \U0001fae0 together.\nPlain line.\n"
        "Again \U0001fae0 and \U0002a6a5.\n",
        "utf-8",
    )
    code, lines, _ = check(str(story))
    assert code == 1
    emoji = [line for line in lines if "U+1FAE0" in line]
    assert [line.split(": error")[0] for line in emoji] == [
        f"{story.as_posix()}:2",
        f"{story.as_posix()}:4",
    ]
    assert any("U+2A6A5" in line and line.startswith(f"{story.as_posix()}:4:") for line in lines)
    assert all("Hangul" not in line for line in lines)


def test_korean_text_is_covered_by_the_bundled_fallback_fonts(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("A Title For The Story\n우리는 자유를 찾았습니다.\n", "utf-8")
    assert check(str(story))[:2] == (0, [])


def test_redacted_names_still_in_the_sources_are_listed_where_found(tmp_path: Path) -> None:
    config = tmp_path / "makedocs.toml"
    config.write_text(
        '[collection]\ntitle = "Stories"\nabout = "Thanks to Hannah Song"\n\n'
        '[privacy]\nredact = { "Hannah Song" = "Jane Doe", "Yusung" = "Minho" }\n',
        "utf-8",
    )
    seed = SEEDS / "link-stories.txt"
    code, lines, _ = check(str(seed), "--config", str(config))
    assert code == 0
    found = [line for line in lines if "redacted name" in line]
    assert (
        f"{config}:3: warning: redacted name 'Hannah Song' is in the source; outputs print "
        "'Jane Doe'" in found
    )
    places = {line.split(": warning")[0] for line in found}
    assert {f"{seed.as_posix()}:10", f"{seed.as_posix()}:20", f"{seed.as_posix()}:36"} <= places
    assert any("(as 'YuSung')" in line for line in found)


def test_overlong_titles_are_warned_about(tmp_path: Path) -> None:
    story = tmp_path / "s.md"
    title = "A Very Long Title " * 6
    story.write_text(f"# {title.strip()}\n\nText.\n", "utf-8")
    code, lines, _ = check(str(story))
    assert code == 0
    assert len(lines) == 1 and lines[0].startswith(f"{story.as_posix()}:1: warning: title is 107")


def test_a_file_that_does_not_parse_is_one_error_and_the_others_are_still_checked(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n", "utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: T\nauthr: x\n---\n\nText.\n", "utf-8")
    code, lines, _ = check(str(tmp_path))
    assert code == 1
    assert lines[0].startswith(f"{(tmp_path / 'a.md').as_posix()}:") and ": error: " in lines[0]
    assert (
        lines[1] == f"{(tmp_path / 'b.md').as_posix()}:3: warning: unknown front matter key 'authr'"
    )


def test_check_finds_a_bad_theme_value_at_its_line(tmp_path: Path) -> None:
    """check renders every output in memory: a theme error shows before anyone prints."""
    (tmp_path / "theme.toml").write_text('# mine\n[deck.quote]\nsize = "huge"\n', "utf-8")
    result = CliRunner().invoke(main, ["check", str(SEEDS), "--theme", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'theme.toml'}:3: error: [deck.quote] size must be" in result.output
    assert not any(tmp_path.glob("*.pdf"))


def test_findings_about_the_settings_file_name_its_line(tmp_path: Path) -> None:
    config = tmp_path / "makedocs.toml"
    config.write_text(
        '# settings\n[collection]\nsubtitle = "Told by Yusung Park"\ntitle = "Stories"\n'
        '[privacy]\nredact = { "Yusung Park" = "Minho Lee" }\n',
        "utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(SEEDS), "--config", str(config)])
    assert f"{config}:3: warning: redacted name 'Yusung Park' is in the source" in result.output
    config.write_text('[collection]\n\ntitle = "A\\u0007bell"\n', "utf-8")
    result = CliRunner().invoke(
        main, ["build", str(SEEDS), "-o", str(tmp_path / "o"), "--config", str(config)]
    )
    assert result.exit_code == 1
    assert result.output.startswith(f"makedocs: {config}:3: text contains the control character")


def test_check_reports_what_only_laying_out_finds(tmp_path: Path) -> None:
    """A table too wide for the page is found by the booklet's layout, which check runs."""
    columns = 8
    rows = [
        "# Wide\n\nText.\n",
        "|" + "|".join(f"Head{i}" for i in range(columns)) + "|",
        "|" + "|".join("---" for _ in range(columns)) + "|",
        "|" + "|".join(f"Supercalifragilisticexpialidocious{i}" for i in range(columns)) + "|",
    ]
    story = tmp_path / "wide.md"
    story.write_text("\n".join(rows) + "\n", "utf-8")
    result = CliRunner().invoke(main, ["check", str(story)])
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if "too wide" in line]
    assert len(lines) == 1 and lines[0].startswith(f"{story.as_posix()}:5: warning: ")
