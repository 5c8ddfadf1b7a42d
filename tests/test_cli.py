"""The CLI: options reach the build, errors are one line with exit 1, outputs are atomic."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from makedocs.cli import main
from makedocs.model import SCHEMA_VERSION
from tests.conftest import ROOT, SEED, SEEDS


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


def test_build_writes_booklet_and_deck_and_reports_each(tmp_path: Path) -> None:
    result = run("build", str(SEEDS), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith(str(tmp_path / "out" / "booklet.pdf")) and "pages" in lines[0]
    assert lines[1].startswith(str(tmp_path / "out" / "deck.pptx")) and "slides" in lines[1]
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        "booklet-print.pdf",
        "booklet.epub",
        "booklet.html",
        "booklet.pdf",
        "deck.pptx",
        "handout.pdf",
        "speaker-notes.pdf",
    ]


def test_inspect_json_carries_a_version_and_both_stories() -> None:
    result = run("inspect", str(SEED), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["version"] == SCHEMA_VERSION
    titles = [s["title"] for s in data["collection"]["stories"]]
    assert titles == [
        "Beyond Utopia: Documenting the Escape From North Korea",
        "Humans of North Korea: YuSung",
    ]
    first = data["collection"]["stories"][0]["blocks"][0]
    assert first["type"] == "Epigraph" and first["source"]["line"] == 2


def test_inspect_tree_lists_blocks_with_lines() -> None:
    result = run("inspect", str(SEED))
    assert result.exit_code == 0
    assert "Story: Humans of North Korea: YuSung" in result.output
    assert "Attribution     36" in result.output


def test_bad_input_is_one_line_with_file_and_line_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [oops\n---\n\nText.\n", "utf-8")
    result = CliRunner().invoke(main, ["inspect", str(bad)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"makedocs: {bad}:")
    assert "Traceback" not in result.output


def test_a_missing_source_is_exit_1(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "no such file" in result.output


def test_usage_errors_exit_2() -> None:
    assert run("build", "--page-size", "tabloid").exit_code == 2
    assert run("no-such-command").exit_code == 2


def test_every_command_has_help() -> None:
    for command in ("build", "booklet", "deck", "inspect"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_a_failed_build_leaves_previous_outputs_untouched(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert run("build", str(SEEDS), "-o", str(out)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    result = run("build", str(empty), "-o", str(out))
    assert result.exit_code == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_output_inside_the_sources_is_refused(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    before = sorted(p.name for p in seeds.iterdir())
    result = run("build", str(seeds), "-o", str(seeds / "out"))
    assert result.exit_code == 1 and "source folder" in result.output
    assert sorted(p.name for p in seeds.iterdir()) == before


def test_booklet_and_deck_commands_write_their_file(tmp_path: Path) -> None:
    assert run("booklet", str(SEED), "-o", str(tmp_path / "b.pdf")).exit_code == 0
    assert run("deck", str(SEED), "-o", str(tmp_path / "d.pptx")).exit_code == 0
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "d.pptx").read_bytes().startswith(b"PK")


def test_python_dash_m_runs_and_help_does_not_import_renderers() -> None:
    code = (
        "import sys; from makedocs.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit: pass\n"
        "heavy = [m for m in ('reportlab', 'pptx', 'PIL') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "HEAVY []" in out.stdout
    module = subprocess.run(
        [sys.executable, "-m", "makedocs", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ},
    )
    assert module.returncode == 0 and "makedocs" in module.stdout


def test_the_command_keeps_its_exit_status_and_every_line_it_printed(tmp_path: Path) -> None:
    """``makedocs`` (``cli.run``) ends without the interpreter's teardown: the status and the
    output through a pipe must be exactly those of an ordinary exit."""

    def command(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "makedocs", *args], capture_output=True, text=True, cwd=ROOT
        )

    built = command("build", str(SEEDS), "-o", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    assert len(built.stdout.splitlines()) == len(list((tmp_path / "out").iterdir())) == 7
    listed = command("outputs")
    assert listed.returncode == 0 and listed.stdout.rstrip().endswith("(one per event of a CSV)")
    bad = command("build", str(tmp_path / "missing"), "-o", str(tmp_path / "bad"))
    assert bad.returncode == 1 and bad.stderr.startswith("makedocs: ") and bad.stdout == ""
    usage = command("build", "--only", "nope")
    assert usage.returncode == 2 and "unknown output 'nope'" in usage.stderr


def test_a_story_in_the_current_folder_builds_into_dist_beside_it(
    tmp_path: Path, monkeypatch: object
) -> None:
    shutil.copy(SEED, tmp_path / "story.txt")
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    result = run("build", "story.txt")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dist" / "booklet.pdf").is_file()
    assert run("booklet", "story.txt", "-o", "story.txt").exit_code == 1
    assert (tmp_path / "story.txt").read_bytes() == SEED.read_bytes()


def test_a_seed_file_still_protects_its_folder(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    result = run("build", str(seeds / "link-stories.txt"), "-o", str(seeds / "out"))
    assert result.exit_code == 1 and "source folder" in result.output
    assert not (seeds / "out").exists()


def test_bad_option_values_are_usage_errors_with_the_reason() -> None:
    for args, reason in (
        (["--print", "p.pdf", "--signature", "0"], "whole number from 1 to 100, not 0"),
        (["--print", "p.pdf", "--creep", "-1mm"], "at least 0mm"),
        (["--bleed", "lots"], "not a length"),
        (["--bleed", "3"], "needs a unit"),
    ):
        result = run("booklet", str(SEED), "-o", "never.pdf", *args)
        assert result.exit_code == 2, (args, result.output)
        assert reason in result.output, (args, result.output)
    assert not Path("never.pdf").exists()


def test_a_stop_raised_again_by_reportlab_still_names_its_signal() -> None:
    """The build's own process lays out the booklet: SIGTERM can arrive inside ReportLab,
    which raises the exception again with its page event as the argument."""
    import signal

    from reportlab.lib.utils import annotateException

    from makedocs.cli import Stopped

    try:
        try:
            raise Stopped(signal.SIGTERM)
        except Stopped:
            annotateException("\nhandle_pageBegin args=()")
    except Stopped as stopped:
        assert not isinstance(stopped.signum, int)  # what ReportLab made of it
        assert stopped.signal() == signal.SIGTERM
