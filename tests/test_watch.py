"""``makedocs watch`` as a real process: rebuilds after a change, reports an error and goes on,
stops cleanly on Ctrl-C with no temporary files left."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import SEED

TIMEOUT = 60.0


class _Lines:
    """The watch's stdout, line by line, without blocking the test forever."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.queue: queue.Queue[str] = queue.Queue()
        assert process.stdout is not None
        stream = process.stdout
        threading.Thread(
            target=lambda: [self.queue.put(line) for line in stream], daemon=True
        ).start()

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.queue.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} within {TIMEOUT} s")


def test_watch_rebuilds_after_a_change_and_survives_an_error(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    story = project / "story.md"
    story.write_text("# First Title\n\nSome words.\n", "utf-8")
    shutil.copy(SEED, project / "other.txt")
    process = subprocess.Popen(
        [sys.executable, "-m", "makedocs", "watch", "story.md", "-o", "out", "--only", "booklet"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    lines = _Lines(process)
    try:
        lines.wait_for("built 1 file")
        first = (project / "out" / "booklet.pdf").read_bytes()
        time.sleep(1.0)  # let the watch start: the change below must be seen as an event
        story.write_text("# Second Title\n\nOther words.\n", "utf-8")
        assert "story.md" in lines.wait_for("built 1 file")
        assert (project / "out" / "booklet.pdf").read_bytes() != first
        story.write_text("---\ntitle: [broken\n---\n\nWords.\n", "utf-8")
        error = lines.wait_for("still watching")
        assert "story.md:2:" in error
        story.write_text("# Third Title\n\nMended.\n", "utf-8")
        lines.wait_for("built 1 file")
        # An editor saving as sed -i does: a scratch file, renamed over the story.
        scratch = project / "sedX1y2Z3"
        scratch.write_text("# Fourth Title\n\nSaved.\n", "utf-8")
        scratch.replace(story)
        built = lines.wait_for("built 1 file")
        assert "story.md" in built and "sedX1y2Z3" not in built
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=TIMEOUT)
        assert process.stdout is not None
        process.stdout.close()
    assert process.returncode == 0
    leftovers = [p.name for p in (project / "out").iterdir() if p.name.startswith(".")]
    assert leftovers == []
