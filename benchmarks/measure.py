"""Whole-process measurements: wall time, CPU time and peak RSS of one child, in paired rounds.

Every run is a fresh process started with ``Popen`` and reaped with ``os.wait4``, whose resource
usage is that child's own (and its waited-for descendants', e.g. LibreOffice's ``soffice.bin``):
user + system CPU seconds, and ``ru_maxrss``. Commands compared with each other run in the same
round, one after the other, and the order rotates each round, so a burst of load from elsewhere
lands on both sides of a pair; ratios are then taken pair by pair.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Command:
    """One thing to time, writing into ``folder`` (emptied before every run, so each run writes
    afresh). ``expect`` must exist after a run (or, if it is ``folder``, hold a file), or the run
    failed: some tools exit 0 having written nothing."""

    key: str
    label: str
    argv: tuple[str, ...]
    cwd: Path
    folder: Path
    expect: Path | None
    makedocs: bool = False
    size: int = 0  # stories or events, where it applies


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds
    rss: float  # MiB


@dataclass
class Outcome:
    """A command's samples across the groups it ran in, or why it has none."""

    command: Command
    samples: dict[str, list[Sample]] = field(default_factory=dict)  # by group
    failure: str | None = None

    def all(self) -> list[Sample]:
        return [s for group in self.samples.values() for s in group]

    def median(self, what: str) -> float:
        return statistics.median(getattr(s, what) for s in self.all())

    def peak(self) -> float:
        return max(s.rss for s in self.all())


class RunFailed(Exception):
    pass


# Started by this module, it starts the command and reports the command's own usage. Without it,
# the peak RSS would include this process's: Linux counts the memory of the forking process, up to
# the exec, in the child's ru_maxrss. This launcher is a bare interpreter (about 8 MiB, the least
# any Python command here measures), and its own start-up is outside the timed span. ru_maxrss is
# the largest single process; a build that runs outputs in parallel processes holds their sum, so
# a thread also adds up the RSS of the process group every 0.1 s (about 0.5 ms of CPU each time).
LAUNCHER = """\
import os, sys, threading, time
report, *argv = sys.argv[1:]
me, group, page = os.getpid(), os.getpgid(0), os.sysconf("SC_PAGE_SIZE")
summed, done = [0], threading.Event()

def sample():
    while not done.wait(0.1):
        total = 0
        for name in os.listdir("/proc"):
            if not name.isdigit() or int(name) == me:
                continue
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            fields = stat[stat.rindex(b")") + 2 :].split()
            if int(fields[2]) == group:
                total += int(fields[21]) * page
        summed[0] = max(summed[0], total)

if os.path.isdir("/proc"):
    threading.Thread(target=sample, daemon=True).start()
start = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
done.set()
with open(report, "w") as f:
    cpu = usage.ru_utime + usage.ru_stime
    rss = max(usage.ru_maxrss, summed[0] // 1024)
    f.write(f"{wall} {cpu} {rss} {os.waitstatus_to_exitcode(status)}")
"""


def run_once(command: Command, timeout: float, log: Path) -> Sample:
    """Run ``command`` once in a fresh process; raise :class:`RunFailed` with its last words."""
    shutil.rmtree(command.folder, ignore_errors=True)
    command.folder.mkdir(parents=True)
    out, err, usage = (log.parent / f"{log.name}.{part}" for part in ("out", "err", "usage"))
    usage.unlink(missing_ok=True)
    argv = [sys.executable, "-I", "-S", "-c", LAUNCHER, str(usage), *command.argv]
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen(
            argv,
            cwd=command.cwd,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,  # its own process group, so a timeout stops all of it
        )
        killer = threading.Timer(timeout, _kill_group, (proc.pid,))
        killer.start()
        try:
            proc.wait()
        finally:
            killer.cancel()
    if not usage.exists():
        raise RunFailed(f"did not run: {_last_line(err) or f'timed out or exit {proc.returncode}'}")
    wall, cpu, rss, code = usage.read_text().split()
    if int(code) != 0:
        raise RunFailed(f"exit {code}: {_last_line(err) or _last_line(out)}")
    expect = command.expect
    if expect and not (any(expect.iterdir()) if expect == command.folder else expect.exists()):
        raise RunFailed(f"wrote no {expect.name}: {_last_line(err) or _last_line(out)}")
    return Sample(float(wall), float(cpu), int(rss) / 1024)


def _kill_group(pid: int) -> None:
    """Stop a run that outlived its timeout: the process group this module started, only."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def _last_line(path: Path) -> str:
    lines = [line.strip() for line in path.read_text("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line and "javaldx" not in line]
    return lines[-1][:300] if lines else ""


@dataclass
class Bench:
    """Runs groups of commands in rounds and keeps every outcome by key."""

    logs: Path
    timeout: float
    warmup: bool
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    warmed: set[str] = field(default_factory=set)
    say: Callable[[str], None] = lambda text: print(text, file=sys.stderr, flush=True)

    def outcome(self, command: Command) -> Outcome:
        return self.outcomes.setdefault(command.key, Outcome(command))

    def unavailable(self, command: Command, why: str) -> None:
        self.outcome(command).failure = why

    def prime(self, command: Command) -> bool:
        """One unmeasured run (warm caches, first-start profiles); False if it failed."""
        outcome = self.outcome(command)
        if outcome.failure or command.key in self.warmed:
            return outcome.failure is None
        self.say(f"  warm-up  {command.label}")
        try:
            run_once(command, self.timeout, self.logs / f"{command.key}.warmup")
        except RunFailed as error:
            outcome.failure = f"failed: {error}"
            self.say(f"  FAILED   {command.label}: {error}")
            return False
        self.warmed.add(command.key)
        return True

    def group(self, name: str, commands: Sequence[Command], runs: int, warmup: bool = True) -> None:
        """``runs`` rounds of every command that works, order rotated each round."""
        if self.warmup and warmup:
            for command in commands:
                self.prime(command)
        live = [c for c in commands if not self.outcome(c).failure]
        for c in live:
            self.outcome(c).samples[name] = []
        for round_ in range(runs):
            order = live[round_ % len(live) :] + live[: round_ % len(live)] if live else []
            for command in order:
                outcome = self.outcome(command)
                if outcome.failure:
                    continue
                try:
                    sample = run_once(
                        command, self.timeout, self.logs / f"{command.key}.{name}.{round_}"
                    )
                except RunFailed as error:
                    outcome.failure = f"failed: {error}"
                    self.say(f"  FAILED   {command.label}: {error}")
                    continue
                outcome.samples[name].append(sample)
                self.say(
                    f"  {name} {round_ + 1}/{runs}  {command.label}: {sample.wall:.2f} s wall, "
                    f"{sample.cpu:.2f} s CPU, {sample.rss:.0f} MiB"
                )

    def pairs(self, a: str, b: str) -> list[tuple[Sample, Sample]]:
        """Samples of ``a`` and ``b`` taken in the same rounds of the same group."""
        first, second = self.outcomes.get(a), self.outcomes.get(b)
        if not first or not second or first.failure or second.failure:
            return []
        out = []
        for group, samples in first.samples.items():
            others = second.samples.get(group, [])
            out.extend(zip(samples, others, strict=False))
        return out

    def ratio(self, a: str, b: str, what: str = "wall") -> Ratio | None:
        """Median over paired rounds of a/b (``what`` is wall or cpu)."""
        pairs = self.pairs(a, b)
        if not pairs:
            return None
        values = [getattr(x, what) / getattr(y, what) for x, y in pairs]
        return Ratio(statistics.median(values), min(values), max(values), len(values))


@dataclass(frozen=True)
class Ratio:
    median: float
    low: float
    high: float
    pairs: int
