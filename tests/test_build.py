"""One build through the output registry: subsets, products made once, inputs never
overwritten, and all outputs committed together or not at all."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from makedocs.cli import main
from makedocs.outputs import outputs
from tests.conftest import ROOT, SEED, SEEDS

CONFIG = ROOT / "makedocs.toml"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _project(tmp_path: Path) -> Path:
    """A story with a picture, a config and a theme folder, in tmp_path/project."""
    from PIL import Image

    project = tmp_path / "project"
    (project / "stories").mkdir(parents=True)
    Image.new("RGB", (1200, 800), "#557799").save(project / "stories" / "photo.jpg")
    (project / "stories" / "story.md").write_text(
        "# A Story\n\nSome words.\n\n![A blue field](photo.jpg)\n", "utf-8"
    )
    (project / "makedocs.toml").write_text(CONFIG.read_text("utf-8"), "utf-8")
    (project / "theme").mkdir()
    (project / "theme" / "theme.toml").write_text('[colours]\naccent = "#225588"\n', "utf-8")
    return project


def test_build_only_writes_just_the_outputs_it_names(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", str(SEEDS), "-o", str(out), "--only", "deck,booklet")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["booklet.pdf", "deck.pptx"]
    result = run("build", str(SEEDS), "-o", str(tmp_path / "print"), "--only", "booklet-print")
    assert result.exit_code == 0, result.output
    # The imposition needs the booklet's PDF, which is made but not written.
    assert [p.name for p in (tmp_path / "print").iterdir()] == ["booklet-print.pdf"]


def test_build_only_with_an_unknown_output_is_a_usage_error(tmp_path: Path) -> None:
    result = run("build", str(SEEDS), "-o", str(tmp_path / "out"), "--only", "deck,bookelt")
    assert result.exit_code == 2
    assert "unknown output 'bookelt'" in result.output
    assert not (tmp_path / "out").exists()


def test_the_outputs_command_lists_the_registry() -> None:
    result = run("outputs")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines()]
    assert names == list(outputs())


def test_the_deck_is_planned_once_for_the_deck_and_the_speaker_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import makedocs.deck.render as render

    calls: list[int] = []
    real = render.build_plan

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "build_plan", counting)
    monkeypatch.setenv("MAKEDOCS_JOBS", "1")  # count in this process
    result = run("build", str(SEEDS), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert len(calls) == 1
    assert (tmp_path / "out" / "speaker-notes.pdf").is_file()


def test_a_large_build_hands_memory_back_after_each_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the threshold, what an output left (cycles included) is collected before the next
    output begins, so a group's peak is its largest output's, not the sum; below it, nothing."""
    import gc

    import makedocs.build as build

    collected: list[int] = []
    real = gc.collect

    def counting(*args: object) -> int:
        collected.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(gc, "collect", counting)
    monkeypatch.setenv("MAKEDOCS_JOBS", "1")  # count in this process
    # pytest's own process may be past the real threshold already: set it either side.
    monkeypatch.setattr(build, "_TRIM_ABOVE", 2**62)
    result = run("build", str(SEEDS), "-o", str(tmp_path / "small"), "--only", "booklet,deck")
    assert result.exit_code == 0, result.output
    assert collected == []
    monkeypatch.setattr(build, "_TRIM_ABOVE", 0)
    result = run("build", str(SEEDS), "-o", str(tmp_path / "big"), "--only", "booklet,deck")
    assert result.exit_code == 0, result.output
    assert len(collected) == 2  # after the booklet and after the deck


@pytest.mark.parametrize(
    "target",
    ["stories/photo.jpg", "makedocs.toml", "theme/theme.toml"],
)
def test_no_output_may_overwrite_an_input_of_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    before = (project / target).read_bytes()
    result = run("booklet", "stories", "-o", target, "--theme", "theme")
    assert result.exit_code == 1, result.output
    assert "refusing to overwrite" in result.output
    assert (project / target).read_bytes() == before


def test_the_deck_may_not_overwrite_its_own_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    shutil.copy(ROOT / "templates" / "default" / "deck-16x9.pptx", project / "org.pptx")
    before = (project / "org.pptx").read_bytes()
    result = run("deck", "stories", "--template", "org.pptx", "-o", "org.pptx")
    assert result.exit_code == 1 and "refusing to overwrite" in result.output
    assert (project / "org.pptx").read_bytes() == before


def test_the_test_sheet_is_never_written_into_a_source_folder(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    result = run("booklet", str(seeds), "--test-sheet", "-o", str(seeds / "x.pdf"))
    assert result.exit_code == 1 and "source folder" in result.output
    assert sorted(p.name for p in seeds.iterdir()) == ["link-stories.txt"]


def test_two_outputs_of_one_command_may_not_share_a_file(tmp_path: Path) -> None:
    same = tmp_path / "same.pptx"
    result = run("deck", str(SEED), "-o", str(same), "--notes", str(same))
    assert result.exit_code == 2
    assert "deck and speaker-notes would both be written to" in result.output
    assert not same.exists()


def test_a_folder_where_a_file_should_go_fails_before_anything_changes(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert run("build", str(SEEDS), "-o", str(out)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "deck.pptx").unlink()
    (out / "deck.pptx").mkdir()
    del before["deck.pptx"]
    result = run("build", str(SEEDS), "-o", str(out))
    assert result.exit_code == 1
    assert result.output.strip() == f"makedocs: {out / 'deck.pptx'}: is a folder; give a file name"
    files = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert files == before  # nothing replaced, no .part files left


def test_a_rename_failing_half_way_puts_back_what_was_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    assert run("build", str(SEEDS), "-o", str(out)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = os.replace
    done: list[str] = []

    def failing(src: object, dst: object) -> None:
        if str(dst).endswith("speaker-notes.pdf") and str(src).endswith(".part"):
            raise OSError(28, "No space left on device", str(dst))
        done.append(str(dst))
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing)
    result = run("build", str(SEEDS), "-o", str(out), "--page-size", "a4")
    monkeypatch.setattr(os, "replace", real)
    assert result.exit_code == 1
    assert "No space left on device; no files were changed" in result.output
    assert any(name.endswith("booklet.pdf") for name in done)  # it really had replaced one
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_device_is_never_replaced_by_a_file(tmp_path: Path) -> None:
    result = run("booklet", str(SEED), "-o", os.devnull)
    assert result.exit_code == 1 and "not a regular file" in result.output
    assert Path(os.devnull).is_char_device()


def _stopping_build(out: Path, jobs: str, signal_name: str, to: str) -> subprocess.CompletedProcess:
    """A build of the seeds (``jobs`` processes) that, while writing the deck, sends
    ``signal_name`` to ``to``: "build" (the makedocs process) or "writer" (the process
    writing the deck, a worker when jobs > 1)."""
    script = textwrap.dedent(
        f"""
        import os, signal, time
        import makedocs.deck.render as render
        build = os.getpid()
        real = render.write_deck
        def stopping(*args, **kwargs):
            target = build if {to!r} == "build" else os.getpid()
            os.kill(target, signal.{signal_name})
            time.sleep(0.5)  # a worker goes on writing while the build stops
            return real(*args, **kwargs)
        render.write_deck = stopping
        from makedocs.cli import main
        main(["build", {str(SEEDS)!r}, "-o", {str(out)!r}])
        """
    )
    env = {**os.environ, "MAKEDOCS_JOBS": jobs}
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_a_stopped_build_leaves_no_temporary_files(
    tmp_path: Path, jobs: str, signal_name: str
) -> None:
    """Stopped while writing (Ctrl-C or SIGTERM reaching makedocs), a build kills its workers
    before it removes its hidden .part files: none is written after that."""
    out = tmp_path / "dist"
    done = _stopping_build(out, jobs, signal_name, "build")
    if signal_name == "SIGTERM":
        assert done.returncode == 128 + signal.SIGTERM, done.stderr
        assert "stopped by SIGTERM; no files were changed" in done.stderr
    else:
        assert done.returncode == 130, done.stderr
        assert "interrupted; no files were changed" in done.stderr
    time.sleep(1.0)  # a worker left running would write its file by now
    assert list(out.iterdir()) == []


def test_a_worker_killed_fails_the_build_clearly(tmp_path: Path) -> None:
    """A worker killed (the kernel's out-of-memory killer, say) fails the build with one
    line, instead of leaving it waiting, and nothing is written."""
    out = tmp_path / "dist"
    done = _stopping_build(out, "2", "SIGKILL", "writer")
    assert done.returncode == 1, done.stderr
    assert "a worker process was killed" in done.stderr
    assert "no files were changed" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(out.iterdir()) == []


def test_a_killed_build_s_leftovers_are_removed_by_the_next_build(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = out / f".booklet.pdf.makedocs-{dead.stdout.strip()}-x1y2.part"
    stale.write_bytes(b"half a PDF")
    mine = out / ".notes.txt"  # not makedocs' naming: left alone
    mine.write_text("keep", "utf-8")
    assert run("build", str(SEEDS), "-o", str(out)).exit_code == 0
    assert not stale.exists() and mine.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[collection]\nurl = "javascript:alert(1)"\n', "url must be an http:// or https://"),
        ('[collection]\nlanguage = "en\\" b=\\"1"\n', "language must be a language tag"),
        ('[collection]\nlanguage = "xx-<>&"\n', "language must be a language tag"),
        (
            '[collection]\ntitel = "x"\n',
            "unknown key 'titel' in \\[collection\\] \\(did you mean 'title'\\?\\)",
        ),
        ("[decks]\n", "unknown key 'decks' \\(did you mean 'deck'\\?\\)"),
        ('[deck]\naspect = "21:9"\n', "aspect must be '16:9' or '4:3'"),
        ('theme = "no-such-theme"\n', "unknown theme 'no-such-theme'"),
        (
            'theme = "larg-print"\n',
            "unknown theme 'larg-print' \\(did you mean 'large-print'\\?\\)",
        ),
        ('[booklet]\npage_size = "a4"\n', "page_size is set at the top of makedocs.toml"),
    ],
)
def test_bad_settings_stop_the_build_at_their_line(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "makedocs.toml"
    config.write_text("# settings\n" + text, "utf-8")
    result = run("build", str(SEED), "-o", str(tmp_path / "out"), "--config", str(config))
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"makedocs: {config}:{text.count(chr(10)) + 1}: ")
    import re

    assert re.search(message, result.output), result.output
    assert not (tmp_path / "out").exists()


def test_a_theme_is_chosen_in_makedocs_toml_relative_to_it(tmp_path: Path) -> None:
    project = _project(tmp_path)
    config = project / "makedocs.toml"
    config.write_text('theme = "theme"\n' + config.read_text("utf-8"), "utf-8")
    result = run(
        "build",
        str(project / "stories"),
        "-o",
        str(tmp_path / "out"),
        "--config",
        str(config),
        "--only",
        "deck",
    )
    assert result.exit_code == 0, result.output


def test_a_parallel_build_gives_the_same_bytes_as_a_serial_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from makedocs.build import independent_groups

    assert independent_groups(list(outputs())) == [
        ["booklet", "booklet-print", "epub", "html"],
        ["deck", "speaker-notes"],
        ["test-sheet"],
        ["handout"],
    ]
    built = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("MAKEDOCS_JOBS", jobs)
        out = tmp_path / f"jobs-{jobs}"
        result = run("build", str(SEEDS), "-o", str(out), "--config", str(CONFIG))
        assert result.exit_code == 0, result.output
        report = result.output.replace(str(out), "OUT")
        built[jobs] = ({p.name: p.read_bytes() for p in out.iterdir()}, report)
    assert built["1"] == built["2"]  # same files, same bytes, same report


def test_an_error_in_a_worker_process_keeps_its_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    from makedocs.errors import MakedocsError

    error = pickle.loads(pickle.dumps(MakedocsError("bad picture", "story.md", 12)))
    assert str(error) == "story.md:12: bad picture"


def test_a_missing_cover_picture_is_reported_at_its_front_matter_line(tmp_path: Path) -> None:
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "a.md").write_text(
        "---\ntitle: A story\nbyline: Someone\nimage: pictures/nope.jpg\nimage_alt: A field\n"
        "---\n\nHello there.\n",
        "utf-8",
    )
    result = run("build", str(stories), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"{stories / 'a.md'}:4: image" in result.output and "file not found" in result.output
    assert not (tmp_path / "out").exists()


def test_a_choice_may_be_written_in_capitals(tmp_path: Path) -> None:
    """``page_size = "A4"`` is a4, as people write paper sizes."""
    config = tmp_path / "makedocs.toml"
    config.write_text('page_size = "A4"\n', "utf-8")
    out = tmp_path / "out"
    result = run("build", str(SEEDS), "--config", str(config), "-o", str(out), "--only", "booklet")
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader

    box = PdfReader(out / "booklet.pdf").pages[0].trimbox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)  # A5, from A4


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ('[collection]\ntitle = "Our stories\n', 2, "a quoted value is not closed on this line"),
        ("[collection]\ntitle = Our stories\n", 2, "text must be in quotes"),
        ('page_size = "a4"\npage_size = "a4"\n', 2, "this key is set twice"),
    ],
)
def test_a_toml_mistake_is_explained_at_its_line(
    tmp_path: Path, text: str, line: int, hint: str
) -> None:
    config = tmp_path / "makedocs.toml"
    config.write_text(text, "utf-8")
    result = run("build", str(SEEDS), "--config", str(config), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"{config}:{line}: invalid TOML: " in result.output and hint in result.output


def test_an_unknown_theme_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    result = run("build", str(SEEDS), "--theme", "bolt", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "Invalid value for '--theme': unknown theme 'bolt' (did you mean 'bold'?)" in (
        result.output
    )
    assert not (tmp_path / "out").exists()
