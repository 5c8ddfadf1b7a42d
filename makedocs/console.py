"""What the CLI says on the terminal: quiet or verbose, coloured only for a person, and a
progress bar for work that takes longer than a second.

Colour and the progress bar appear only when stderr is a terminal, never in a pipe, a log or
CI, and never when ``NO_COLOR`` is set (https://no-color.org).
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

import click

#: The bar appears only for work that has already taken this long.
PROGRESS_AFTER_S = 1.0
_WIDTH = 24


@dataclass
class Console:
    verbose: bool = False
    quiet: bool = False
    err: TextIO = field(default_factory=lambda: sys.stderr)

    @property
    def colour(self) -> bool:
        return _is_tty(self.err) and not os.environ.get("NO_COLOR")

    def result(self, line: str) -> None:
        """A file written, a finding: stdout, unless --quiet."""
        if not self.quiet:
            click.echo(line)

    def warning(self, line: str) -> None:
        """Warnings are shown even with --quiet: they are about what the reader will see."""
        head, sep, rest = line.partition(": warning: ")
        if sep and self.colour:
            line = f"{head}: {click.style('warning', fg='yellow', bold=True)}: {rest}"
        click.echo(line, err=True, color=self.colour)

    def error(self, line: str) -> None:
        if self.colour:
            line = line.replace(
                "makedocs: ", f"{click.style('makedocs', fg='red', bold=True)}: ", 1
            )
        click.echo(line, err=True, color=self.colour)

    def detail(self, line: str) -> None:
        """Only with --verbose."""
        if self.verbose and not self.quiet:
            click.echo(click.style(line, dim=True) if self.colour else line, err=True)

    def progress(self, total: int) -> Progress:
        return Progress(total, self.err, enabled=_is_tty(self.err) and not self.quiet)


class Progress:
    """``[########----------------] 3/8 deck`` on stderr, redrawn in place; shown only once
    the work has taken more than a second, and wiped when it ends."""

    def __init__(self, total: int, err: TextIO, *, enabled: bool) -> None:
        self.total = max(1, total)
        self.err = err
        self.enabled = enabled
        self.done = 0
        self.start = time.monotonic()
        self.shown = False

    def step(self, label: str) -> None:
        if self.done < self.total:
            self.done += 1
        if not self.enabled or time.monotonic() - self.start < PROGRESS_AFTER_S:
            return
        filled = round(_WIDTH * (self.done - 1) / self.total)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        self.err.write(f"\r[{bar}] {self.done}/{self.total} {label[:40]:<40}")
        self.err.flush()
        self.shown = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.shown:
            self.err.write("\r" + " " * (_WIDTH + 50) + "\r")
            self.err.flush()


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
