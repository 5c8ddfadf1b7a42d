"""``makedocs init``: a new project that builds at once, lists every setting, and is never
written over an existing one."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from makedocs.cli import main
from makedocs.outputs import outputs, settings_tables


def test_init_then_build_gives_every_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "chapter"
    result = CliRunner().invoke(main, ["init", str(project)])
    assert result.exit_code == 0, result.output
    assert f"cd {project} && makedocs build" in result.output
    monkeypatch.chdir(project)
    built = CliRunner().invoke(main, ["build"])
    assert built.exit_code == 0, built.output
    expected = sorted(o.filename for o in outputs().values() if o.in_build)
    assert sorted(p.name for p in (project / "dist").iterdir()) == expected
    check = CliRunner().invoke(main, ["check"])
    assert check.exit_code == 0, check.output  # the example has no error to fix


def test_a_second_init_refuses_and_force_overwrites(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["init", str(tmp_path)]).exit_code == 0
    story = tmp_path / "seeds" / "example.md"
    story.write_text("# Mine\n\nMy own words.\n", "utf-8")
    again = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert again.exit_code == 1 and "use --force" in again.output
    assert story.read_text("utf-8") == "# Mine\n\nMy own words.\n"
    assert CliRunner().invoke(main, ["init", str(tmp_path), "--force"]).exit_code == 0
    assert story.read_text("utf-8").startswith("---\ntitle: Your First Story")


def test_the_settings_file_lists_every_setting_with_a_comment(tmp_path: Path) -> None:
    CliRunner().invoke(main, ["init", str(tmp_path)])
    text = (tmp_path / "makedocs.toml").read_text("utf-8")
    tomllib.loads(text)  # valid as written
    uncommented = tomllib.loads(
        "\n".join(
            line.removeprefix("# ")
            for line in text.splitlines()
            if not line.startswith("# ") or " = " in line
        )
    )
    for table, keys in settings_tables().items():
        assert set(uncommented[table]) == set(keys), table
    assert "redact" in uncommented["privacy"]
    for line_no, line in enumerate(text.splitlines()):
        if " = " in line and not line.startswith("["):
            assert text.splitlines()[line_no - 1].startswith("# "), line  # a comment above


def test_the_example_story_has_every_kind_of_block_and_a_described_picture(tmp_path: Path) -> None:
    CliRunner().invoke(main, ["init", str(tmp_path)])
    result = CliRunner().invoke(main, ["inspect", str(tmp_path / "seeds"), "--json"])
    import json

    story = json.loads(result.output)["collection"]["stories"][0]
    kinds = {block["type"] for block in story["blocks"]}
    assert {"Epigraph", "PullQuote", "Image", "ListBlock", "Heading", "Divider"} <= kinds
    assert story["image"]["alt"]
    with Image.open(tmp_path / "seeds" / "pictures" / "hills-at-dawn.jpg") as picture:
        assert picture.size == (2400, 1600)
        assert not picture.getexif()  # drawn by makedocs: no one's metadata
