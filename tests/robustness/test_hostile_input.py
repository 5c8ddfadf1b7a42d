"""Inputs a hostile or careless user tried (issue 10): each gives the right output or one line
``path:line: message`` and exit 1 — never an internal error, a hang or a swollen memory."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from makedocs.cli import main
from tests.robustness.test_bad_input import _jpeg, _src, builds, fails


def _inspect(*args: str) -> dict:
    result = CliRunner().invoke(main, ["inspect", *args, "--json", "--config", "/dev/null"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _check(*args: str) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(main, ["check", *args, "--config", "/dev/null"])
    return result.exit_code, result.stdout.splitlines(), result.stderr


def _story(tmp_path: Path, front: str, body: str = "Text.\n") -> Path:
    path = _src(tmp_path) / "s.md"
    path.write_text(f"---\n{front}---\n\n{body}", "utf-8")
    return path


# --- 12: front matter -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        ("title: T\ndate: 2024-02-30\n", 3, "date '2024-02-30' is not a calendar date"),
        ("title: T\ndate: 2024-13-01\n", 3, "date '2024-13-01' is not a calendar date"),
        ("title: T\nsubtitle: a\nsubtitle: b\n", 4, "front matter key 'subtitle' appears twice"),
        ("title: [a, b]\n", 2, "front matter title must be text, not a list"),
        ("title: T\nbyline: {a: b}\n", 3, "front matter byline must be text, not a mapping"),
        ('title: "a\\ab"\n', 2, "front matter title contains the control character U+0007"),
        ('title: T\nsummary: "x\\0"\n', 3, "front matter summary contains the control character"),
        ("title: T\ntags: [[a]]\n", 3, "tags must be a list of words"),
        ("title: T\nimage: p.jpg\nimage_focus: 5,5\n", 4, "image_focus values must be between"),
        ("title: T\nimage: p.jpg\nimage_focus: left\n", 4, "image_focus must be 'x,y'"),
        ("title: T\nimage: p.jpg\nimage_decorative: maybe\n", 4, "image_decorative must be"),
        ("title: T\nx: " + "[" * 3000 + "]" * 3000 + "\n", 2, "nested too deeply"),
    ],
)
def test_bad_front_matter_is_one_line_at_its_key_in_build_and_check(
    tmp_path: Path, front: str, line: int, message: str
) -> None:
    story = _story(tmp_path, front)
    error = fails(tmp_path, story)
    assert error.startswith(f"{story.as_posix()}:{line}: "), error
    assert message in error
    code, lines, err = _check(str(story))
    assert code == 1 and "internal error" not in err
    assert any(x.startswith(f"{story.as_posix()}:{line}: error: ") and message in x for x in lines)


@pytest.mark.parametrize(
    ("front", "field", "expected"),
    [
        ("title: !!int abc\n", "title", "abc"),
        ("title: T\ndate: !!timestamp x\n", "date", "x"),
        ("title: T\ndate: 2024-05-01\n", "date", "2024-05-01"),
        ("title: 010\n", "title", "010"),
        ("title: 1e3\n", "title", "1e3"),
        ("title: yes\n", "title", "yes"),
        ("title: T\nsubtitle: null\n", "subtitle", None),
        ("title: T\nsubtitle:\n", "subtitle", None),
        ("title: T\ntags: [1, 2.5, true, null, ' x ']\n", "tags", ["1", "2.5", "true", "x"]),
        ("title: T\ntags: 2024\n", "tags", ["2024"]),
        ("title: T\ntags: a, b\n", "tags", ["a", "b"]),
        ("title: &a T\nsubtitle: *a\n", "subtitle", "T"),
        ("title: '[a, b]'\n", "title", "[a, b]"),
    ],
)
def test_front_matter_values_are_the_text_as_written(
    tmp_path: Path, front: str, field: str, expected: object
) -> None:
    story = _story(tmp_path, front)
    (parsed,) = _inspect(str(story))["collection"]["stories"]
    assert parsed[field] == expected


def test_billion_laughs_front_matter_is_refused_without_expanding(tmp_path: Path) -> None:
    lol = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, 9):
        prev = chr(ord("a") + n - 1)
        lol.append(f"{chr(ord('a') + n)}: &{chr(ord('a') + n)} [{', '.join([f'*{prev}'] * 9)}]")
    story = _story(tmp_path, "title: T\n" + "\n".join(lol) + "\ntags: *i\n")
    started = time.monotonic()
    error = fails(tmp_path, story)
    assert time.monotonic() - started < 10
    assert "tags must be a list of words" in error


# --- 14: deep nesting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "*" * 1000 + "deep" + "*" * 1000,
        "*a " * 1000 + "deep" + " b*" * 1000,
        "_" * 1000 + "deep" + "_" * 1000,
        "**" * 500 + "deep" + "**" * 500,
    ],
)
def test_a_thousand_nested_asterisks_build_with_a_warning(tmp_path: Path, body: str) -> None:
    from pypdf import PdfReader

    src = _src(tmp_path)
    (src / "s.md").write_text(f"# Title\n\nIntro.\n\n{body}\n", "utf-8")
    out, err = builds(tmp_path, src)
    text = " ".join(page.extract_text() for page in PdfReader(out / "booklet.pdf").pages)
    assert "deep" in text
    if body.count("*") > 40 or body.count("_") > 40:
        assert f"{(src / 's.md').as_posix()}:5: warning: emphasis nested more than" in err


# --- 15: NUL byte ---------------------------------------------------------------------------------


def test_a_nul_byte_in_a_text_file_names_its_line(tmp_path: Path) -> None:
    path = _src(tmp_path) / "s.txt"
    path.write_bytes(b"A Title Here\nfirst line\nsecond \x00 line\n")
    error = fails(tmp_path, path)
    assert error == f"{path.as_posix()}:3: file looks binary, not text (a NUL byte here)"


# --- 16 and caps: only regular picture files, never too big -----------------------------------


def test_a_device_behind_a_picture_name_is_refused_not_read(tmp_path: Path) -> None:
    src = _src(tmp_path)
    (src / "zero.jpg").symlink_to("/dev/zero")
    story = src / "s.md"
    story.write_text("# T\n\nText.\n\n![A](zero.jpg)\n", "utf-8")
    error = fails(tmp_path, story)
    assert error.startswith(f"{story.as_posix()}:5: image ")
    assert "not a regular file" in error


def test_a_fifo_behind_a_picture_name_is_refused_not_waited_on(tmp_path: Path) -> None:
    src = _src(tmp_path)
    os.mkfifo(src / "pipe.jpg")
    story = src / "s.md"
    story.write_text("---\ntitle: T\nimage: pipe.jpg\nimage_alt: A\n---\n\nText.\n", "utf-8")
    started = time.monotonic()
    error = fails(tmp_path, story)
    assert time.monotonic() - started < 20
    assert error.startswith(f"{story.as_posix()}:3: image ") and "not a regular file" in error


@pytest.mark.parametrize("path", ["/dev/zero", "/etc/hostname", "C:/photos/a.jpg", "file:///x.jpg"])
def test_an_absolute_picture_path_is_refused_at_its_line(tmp_path: Path, path: str) -> None:
    story = _src(tmp_path) / "s.md"
    story.write_text(f"# T\n\nText.\n\n![A](<{path}>)\n", "utf-8")
    error = fails(tmp_path, story)
    assert error.startswith(f"{story.as_posix()}:5: picture path ") and "not relative" in error


def test_a_picture_over_the_byte_cap_is_refused_before_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from makedocs import images

    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 4096)
    src = _src(tmp_path)
    (src / "big.jpg").write_bytes(_jpeg(1400, 900) + b"\0" * 8192)
    story = src / "s.md"
    story.write_text("# T\n\nText.\n\n![A](big.jpg)\n", "utf-8")
    error = fails(tmp_path, story)
    assert error.startswith(f"{story.as_posix()}:5: image ") and "are not read" in error


# --- 17: unbreakable runs -------------------------------------------------------------------------


def test_a_long_line_without_spaces_builds_every_output_in_seconds(tmp_path: Path) -> None:
    from pypdf import PdfReader

    src = _src(tmp_path)
    (src / "s.txt").write_text("A Title Here\n" + "x" * 500_000 + "\n", "utf-8")
    started = time.monotonic()
    out, err = builds(tmp_path, src)
    elapsed = time.monotonic() - started
    assert elapsed < 30, f"a 500,000-character line took {elapsed:.0f} s (was 33 s)"
    assert "without a space was broken into pieces" in err
    text = "".join(page.extract_text() for page in PdfReader(out / "booklet.pdf").pages)
    assert "".join(text.split()).count("x") == 500_000


def test_a_twenty_thousand_character_word_builds_a_deck_in_seconds(tmp_path: Path) -> None:
    src = _src(tmp_path)
    (src / "s.txt").write_text(f"A Title Here\nSome text {'y' * 19_900} more text.\n", "utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(
        main, ["deck", str(src), "-o", str(tmp_path / "d.pptx"), "--config", "/dev/null"]
    )
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.output
    assert elapsed < 8, f"the deck took {elapsed:.1f} s (was 18 s)"
    assert f"{(src / 's.txt').as_posix()}:2: warning: a run of 19,900 characters" in result.stderr


# --- 19: encoded picture paths --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "written"),
    [
        ("사진 1.jpg", "<사진 1.jpg>"),
        ("café.jpg", "café.jpg"),
        ("my photo.jpg", "my%20photo.jpg"),
        ("100%.jpg", "100%25.jpg"),
        ("photos/a b.jpg", "<photos/a b.jpg>"),
    ],
)
def test_pictures_with_spaces_and_non_ascii_names_are_found(
    tmp_path: Path, file: str, written: str
) -> None:
    src = _src(tmp_path)
    (src / file).parent.mkdir(parents=True, exist_ok=True)
    (src / file).write_bytes(_jpeg())
    (src / "s.md").write_text(f"# T\n\nText.\n\n![A field]({written})\n", "utf-8")
    out, _ = builds(tmp_path, src)
    (story,) = _inspect(str(src))["collection"]["stories"]
    assert story["blocks"][1]["path"] == file


@pytest.mark.parametrize(
    "written",
    [
        "../secret.jpg",
        "%2e%2e/secret.jpg",
        "..%2Fsecret.jpg",
        "a/../../secret.jpg",
        "..\\secret.jpg",
    ],
)
def test_climbing_out_of_the_story_folder_stays_refused_encoded_or_not(
    tmp_path: Path, written: str
) -> None:
    (tmp_path / "secret.jpg").write_bytes(_jpeg())
    story = _src(tmp_path) / "s.md"
    story.write_text(f"# T\n\nText.\n\n![A]({written})\n", "utf-8")
    error = fails(tmp_path, story)
    assert error.startswith(f"{story.as_posix()}:5: picture path ") and "leaves" in error


def test_a_cover_picture_outside_the_folder_is_refused_at_its_key(tmp_path: Path) -> None:
    story = _story(tmp_path, "title: T\nimage: ../secret.jpg\nimage_alt: A\n")
    assert fails(tmp_path, story).startswith(f"{story.as_posix()}:3: picture path '../secret.jpg'")


# --- 20: hidden entries and editor locks ----------------------------------------------------------


def test_hidden_folders_and_editor_lock_files_are_not_stories(tmp_path: Path) -> None:
    src = _src(tmp_path)
    (src / "a.md").write_text("# The Real Story\n\nText.\n", "utf-8")
    for hidden in (".git/notes.md", ".venv/lib/readme.txt", "drafts/.old/x.md"):
        (src / hidden).parent.mkdir(parents=True, exist_ok=True)
        (src / hidden).write_text("# Not A Story\n\nSecret draft.\n", "utf-8")
    (src / ".~lock.a.md#").write_text("lock", "utf-8")
    (src / ".~lock.b.md").write_bytes(b"\x00lock")
    (src / "~$a.md").write_bytes(b"\x00\x01binary lock")
    (src / "#a.md#").write_text("# Autosave\n\nOld.\n", "utf-8")
    (src / ".hidden.md").write_text("# Hidden\n\nNo.\n", "utf-8")
    (src / "drafts" / "b.md").write_text("# Second Story\n\nText.\n", "utf-8")
    titles = [s["title"] for s in _inspect(str(src))["collection"]["stories"]]
    assert titles == ["The Real Story", "Second Story"]
    out, err = builds(tmp_path, src)
    assert "Secret" not in err


def test_a_hidden_file_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    path = _src(tmp_path) / ".draft.md"
    path.write_text("# Named Draft\n\nText.\n", "utf-8")
    assert [s["title"] for s in _inspect(str(path))["collection"]["stories"]] == ["Named Draft"]
