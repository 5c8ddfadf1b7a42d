"""What the CLI says: --quiet and --verbose, colour only for a terminal, NO_COLOR, a progress
bar only on a terminal and only for work over a second."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from makedocs import console as console_module
from makedocs.cli import main
from makedocs.console import Console, Progress
from tests.conftest import SEED


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_prints_no_file_lines_and_verbose_prints_timings(tmp_path: Path) -> None:
    quiet = CliRunner().invoke(main, ["-q", "booklet", str(SEED), "-o", str(tmp_path / "a.pdf")])
    assert quiet.exit_code == 0 and quiet.output == ""
    loud = CliRunner().invoke(main, ["-v", "booklet", str(SEED), "-o", str(tmp_path / "b.pdf")])
    assert loud.exit_code == 0
    assert "b.pdf  12 pages" in loud.output and "built in" in loud.output


def test_the_version_is_printed() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("makedocs, version ")


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert Console(err=_Terminal()).colour
    assert not Console(err=io.StringIO()).colour
    monkeypatch.setenv("NO_COLOR", "1")
    assert not Console(err=_Terminal()).colour


def _in_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run makedocs with stdout and stderr on a pseudo-terminal; return what it showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "makedocs", *args], stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    process.wait()
    os.close(leader)
    return shown.decode("utf-8", "replace")


def test_errors_are_red_on_a_terminal_unless_no_color(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    missing = str(tmp_path / "missing.md")
    coloured = _in_a_terminal(["build", missing, "-o", str(tmp_path / "o")], env)
    assert "\x1b[31m" in coloured and "no such file" in coloured
    plain = _in_a_terminal(["build", missing, "-o", str(tmp_path / "o")], {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in plain and "makedocs: " in plain


def test_the_progress_bar_shows_after_a_second_and_is_wiped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(console_module, "PROGRESS_AFTER_S", 0.0)
    with Progress(4, terminal, enabled=True) as bar:
        bar.step("reading sources")
        bar.step("booklet")
    shown = terminal.getvalue()
    assert "\r[" in shown and "2/4 booklet" in shown
    assert shown.endswith("\r")  # the line is cleared when the work ends


def test_no_progress_bar_off_a_terminal(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "makedocs", "booklet", str(SEED), "-o", str(tmp_path / "b.pdf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert "\r" not in result.stderr and "[#" not in result.stderr


def test_completion_is_documented_in_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert "_MAKEDOCS_COMPLETE=bash_source" in result.output
