"""makedocs against WeasyPrint, LibreOffice, pandoc and plain ReportLab/python-pptx, side by side.

Usage: ``.venv/bin/python benchmarks/run.py [--quick] [--sizes 1,40,100,400,1000] ...``

One command on a fresh machine (after ``pip install -e '.[bench]'`` for WeasyPrint and
``apt-get install pandoc libreoffice-writer-nogui`` for the others; whatever is missing is skipped
with a note). It generates deterministic inputs once (``benchmarks/.cache/``), runs every command
as a fresh process, pairs each makedocs run with the runs it is compared with in the same round,
prints a table and writes ``benchmarks/RESULTS.md`` with the machine, the date, the command and
every target of issue 14, met or missed by how much. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(ROOT))

from benchmarks import corpus, report  # noqa: E402
from benchmarks.measure import Bench, Command  # noqa: E402

CONFIG = ROOT / "makedocs.toml"
TEMPLATE = ROOT / "templates" / "default" / "deck-16x9.pptx"
COMPETITORS = ("weasyprint", "libreoffice", "pandoc", "reportlab", "python-pptx")
IMPORT_FLOOR = "import reportlab.platypus, pptx, PIL.Image, click"


def options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sizes = parser.add_argument_group("what to measure")
    sizes.add_argument(
        "--sizes",
        default="1,40,100,400,1000",
        help="collections to `makedocs build` (default: %(default)s; 1 is the "
        "baseline of the per-story times and is always built)",
    )
    sizes.add_argument(
        "--compare-sizes",
        default="40,400",
        help="collections for booklet and deck against the other tools (default: %(default)s)",
    )
    sizes.add_argument(
        "--events",
        type=int,
        default=100,
        help="rows of the events CSV for `makedocs handout` (default: %(default)s)",
    )
    sizes.add_argument(
        "--competitors",
        default=",".join(COMPETITORS),
        help="comma-separated, from: " + ", ".join(COMPETITORS),
    )
    sizes.add_argument("--only-makedocs", action="store_true", help="no other tools, no floors")
    runs = parser.add_argument_group("how often")
    runs.add_argument("--runs", type=int, default=5, help="paired rounds (default: %(default)s)")
    runs.add_argument(
        "--large-runs",
        type=int,
        default=3,
        help="rounds for collections of --large-from stories or more (default: %(default)s)",
    )
    runs.add_argument("--large-from", type=int, default=400)
    runs.add_argument(
        "--no-warmup", action="store_true", help="skip the unmeasured first run of every command"
    )
    runs.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    runs.add_argument(
        "--quick",
        action="store_true",
        help="smoke test: 1 and 3 stories, 5 events, 1 round, no warm-up",
    )
    out = parser.add_argument_group("where")
    out.add_argument(
        "--results",
        type=Path,
        default=ROOT / "benchmarks" / "RESULTS.md",
        help="Markdown report to write (default: benchmarks/RESULTS.md)",
    )
    out.add_argument(
        "--cache",
        type=Path,
        default=ROOT / "benchmarks" / ".cache",
        help="generated inputs, reused across runs (default: benchmarks/.cache)",
    )
    out.add_argument(
        "--note",
        default="",
        help="a paragraph for the top of RESULTS.md (e.g. what else was running)",
    )
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else list(argv)
    if args.quick:
        args.sizes, args.compare_sizes, args.events = "1,3", "3", 5
        args.runs = args.large_runs = 1
        args.no_warmup = True
    args.build_sizes = sorted({1, *_ints(args.sizes)})
    args.compare = sorted(set(_ints(args.compare_sizes)))
    chosen = set() if args.only_makedocs else set(_names(args.competitors))
    unknown = chosen - set(COMPETITORS)
    if unknown:
        parser.error(f"unknown competitor(s): {', '.join(sorted(unknown))}")
    args.chosen = chosen
    if args.runs < 1 or args.large_runs < 1 or args.events < 2:
        parser.error("--runs and --large-runs must be at least 1, --events at least 2")
    return args


def _ints(text: str) -> list[int]:
    values = [int(x) for x in _names(text)]
    if any(v < 1 for v in values):
        raise SystemExit("sizes must be positive")
    return values


def _names(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


def makedocs_argv() -> list[str]:
    script = Path(sys.executable).with_name("makedocs")
    return [str(script)] if script.exists() else [sys.executable, "-m", "makedocs"]


class Plan:
    """Builds the commands; each writes into its own folder under ``work``."""

    def __init__(self, work: Path, data: corpus.Corpus) -> None:
        self.work = work
        self.data = data
        self.md = makedocs_argv()

    def command(
        self,
        key: str,
        label: str,
        argv: list[str],
        expect: str | None,
        makedocs: bool = False,
        size: int = 0,
        cwd: Path | None = None,
    ) -> Command:
        folder = self.work / "out" / key
        return Command(
            key=key,
            label=label,
            argv=tuple(argv),
            cwd=cwd or self.work,
            folder=folder,
            expect=None if expect is None else folder / expect,
            makedocs=makedocs,
            size=size,
        )

    def out(self, key: str, name: str = "") -> str:
        return str(self.work / "out" / key / name) if name else str(self.work / "out" / key)

    def python(self, key: str, label: str, code: str) -> Command:
        return self.command(key, label, [sys.executable, "-c", code], None)

    def build(self, size: int | None, one_process: bool = False) -> Command:
        """``makedocs build``; with ``one_process``, under ``MAKEDOCS_JOBS=1``: every output in
        one process, one after another (less memory, more time than one process per core)."""
        key = f"build-{size}" if size else "build-seeds"
        source = self.data.stories(size) if size else ROOT / "seeds"
        label = f"makedocs build, {_stories(size)}" if size else "makedocs build, seeds/"
        prefix: list[str] = []
        if one_process:
            key, label = f"{key}-one-process", f"{label}, MAKEDOCS_JOBS=1"
            prefix = ["/usr/bin/env", "MAKEDOCS_JOBS=1"]
        argv = [*prefix, *self.md, "build", str(source), "-o", self.out(key)]
        argv += ["--config", str(CONFIG)]
        return self.command(key, label, argv, "booklet.pdf", makedocs=True, size=size or 0)

    def booklet(self, size: int) -> Command:
        key = f"booklet-{size}"
        argv = [
            *self.md,
            "booklet",
            str(self.data.stories(size)),
            "-o",
            self.out(key, "b.pdf"),
            "--config",
            str(CONFIG),
        ]
        return self.command(
            key, f"makedocs booklet, {_stories(size)}", argv, "b.pdf", makedocs=True, size=size
        )

    def deck(self, size: int) -> Command:
        key = f"deck-{size}"
        argv = [
            *self.md,
            "deck",
            str(self.data.stories(size)),
            "-o",
            self.out(key, "d.pptx"),
            "--config",
            str(CONFIG),
        ]
        return self.command(
            key, f"makedocs deck, {_stories(size)}", argv, "d.pptx", makedocs=True, size=size
        )

    def handout(self, key: str, events: int) -> Command:
        argv = [
            *self.md,
            "handout",
            str(ROOT / "seeds"),
            "--events",
            str(self.data.events(events)),
            "-o",
            self.out(key, "handout.pdf"),
            "--config",
            str(CONFIG),
        ]
        label = f"makedocs handout --events, {events} event{'s' if events > 1 else ''}"
        return self.command(key, label, argv, "", makedocs=True, size=events)  # any file

    def weasyprint(self, size: int) -> Command:
        key = f"weasyprint-{size}"
        argv = [
            sys.executable,
            "-m",
            "weasyprint",
            str(self.data.html(size)),
            self.out(key, "w.pdf"),
        ]
        return self.command(
            key, f"WeasyPrint HTML → PDF, {_stories(size)}", argv, "w.pdf", size=size
        )

    def libreoffice(self, size: int) -> Command:
        key = f"libreoffice-{size}"
        profile = (self.work / "libreoffice-profile").as_uri()
        html = self.data.html(size)
        argv = [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--infilter=HTML (StarWriter)",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            self.out(key),
            str(html),
        ]
        return self.command(
            key,
            f"LibreOffice Writer HTML → PDF, {_stories(size)}",
            argv,
            f"{html.stem}.pdf",
            size=size,
        )

    def pandoc(self, size: int) -> Command:
        key = f"pandoc-{size}"
        argv = [
            "pandoc",
            str(self.data.pandoc(size)),
            "--slide-level=1",
            "-o",
            self.out(key, "p.pptx"),
        ]
        return self.command(
            key,
            f"pandoc Markdown → PPTX, {_stories(size)}",
            argv,
            "p.pptx",
            cwd=self.data.root,
            size=size,
        )

    def reportlab(self, size: int) -> Command:
        key = f"reportlab-{size}"
        argv = [
            sys.executable,
            str(ROOT / "benchmarks" / "floor_reportlab.py"),
            str(self.data.data(size)),
            self.out(key, "r.pdf"),
        ]
        return self.command(
            key, f"ReportLab-only floor, {_stories(size)}", argv, "r.pdf", size=size
        )

    def pptx(self, size: int, slides: int) -> Command:
        key = f"pptx-{size}"
        argv = [
            sys.executable,
            str(ROOT / "benchmarks" / "floor_pptx.py"),
            str(self.data.data(size)),
            str(TEMPLATE),
            str(slides),
            self.out(key, "f.pptx"),
        ]
        return self.command(
            key,
            f"python-pptx-only floor, {_stories(size)}, {slides:,} slides",
            argv,
            "f.pptx",
            size=size,
        )


def _stories(size: int | None) -> str:
    return f"{size:,} stor{'y' if size == 1 else 'ies'}"


def slide_count(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        xml = z.read("ppt/presentation.xml").decode("utf-8")
    return len(re.findall(r"<p:sldId\b", xml))


def available(args: argparse.Namespace) -> dict[str, str]:
    """Why a chosen competitor cannot run here ("" when it can)."""
    why = {name: "" for name in COMPETITORS}
    for name in COMPETITORS:
        if name not in args.chosen:
            why[name] = "not chosen (--competitors / --only-makedocs)"
    if why["weasyprint"] == "" and importlib.util.find_spec("weasyprint") is None:
        why["weasyprint"] = "not installed: `.venv/bin/pip install -e '.[bench]'`"
    if why["libreoffice"] == "" and shutil.which("soffice") is None:
        why["libreoffice"] = "not installed: `apt-get install libreoffice-writer-nogui`"
    if why["pandoc"] == "" and shutil.which("pandoc") is None:
        why["pandoc"] = "not installed: `apt-get install pandoc`"
    return why


def handout_available(md: list[str]) -> str:
    """ "" if `makedocs handout --help` works, else the reason for the report."""
    try:
        done = subprocess.run([*md, "handout", "--help"], capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"not available: {error}"
    return "" if done.returncode == 0 else "not available (`makedocs handout --help` fails)"


def main(argv: list[str] | None = None) -> int:
    args = options(argv)
    say = report_to_stderr
    started = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()
    say(f"inputs: generating or reusing {args.cache}")
    data = corpus.prepare(args.cache, {*args.build_sizes, *args.compare}, {1, args.events})
    why = available(args)
    with tempfile.TemporaryDirectory(prefix="makedocs-bench-") as tmp:
        work = Path(tmp)
        (work / "logs").mkdir()
        bench = Bench(work / "logs", args.timeout, warmup=not args.no_warmup, say=say)
        plan = Plan(work, data)

        def runs(size: int) -> int:
            return args.large_runs if size >= args.large_from else args.runs

        def warm(size: int) -> bool:
            """Warm-up runs help short commands (page cache, .pyc files, LibreOffice's first
            start); for the large sizes they would only double the time."""
            return size < args.large_from

        say("start-up and the seed build")
        startup = [
            plan.python("pass", "python -c pass", "pass"),
            plan.python("import-floor", f"import floor: python -c '{IMPORT_FLOOR}'", IMPORT_FLOOR),
            plan.command("help", "makedocs --help", [*plan.md, "--help"], None),
            plan.build(None),
        ]
        bench.group("startup", startup, args.runs)

        one = plan.build(1)
        for size in args.build_sizes:
            say(f"build, {_stories(size)}")
            group = [one] if size == 1 else [one, plan.build(size)]
            if size > 1 and size == max(args.build_sizes):
                group.append(plan.build(size, one_process=True))
            bench.group(f"build{size}", group, runs(size), warm(size))

        if args.compare and not why["libreoffice"]:
            say("LibreOffice's first start (creates its profile; not measured)")
            bench.prime(plan.libreoffice(1))
        for size in args.compare:
            say(f"booklet, {_stories(size)}")
            group = [plan.booklet(size)]
            for name, make in (
                ("weasyprint", plan.weasyprint),
                ("libreoffice", plan.libreoffice),
                ("reportlab", plan.reportlab),
            ):
                group.append(make(size))
                if why[name]:
                    bench.unavailable(group[-1], why[name])
            bench.group(f"booklet{size}", group, runs(size), warm(size))

            say(f"deck, {_stories(size)}")
            deck = plan.deck(size)
            group = [deck, plan.pandoc(size)]
            if why["pandoc"]:
                bench.unavailable(group[-1], why["pandoc"])
            if not why["python-pptx"]:
                slides = _deck_slides(bench, deck)
                if slides:
                    group.append(plan.pptx(size, slides))
            bench.group(f"deck{size}", group, runs(size), warm(size))

        say(f"handouts, {args.events} events")
        many, single = plan.handout("handout-many", args.events), plan.handout("handout-1", 1)
        missing = handout_available(plan.md)
        if missing:
            bench.unavailable(many, missing)
            bench.unavailable(single, missing)
        bench.group("handouts", [single, many], args.runs)

        products = {key: report.product(o.command.folder) for key, o in bench.outcomes.items()}
        stories = corpus.make_stories(max(args.build_sizes + args.compare))
        text = write_results(args, bench, products, stories, started, load_before, why)
    failed = [
        o
        for o in bench.outcomes.values()
        if o.command.makedocs and o.failure and not o.failure.startswith("not available")
    ]
    print(text["stdout"])
    say(f"wrote {args.results}")
    if failed:
        say("makedocs failed: " + "; ".join(f"{o.command.label}: {o.failure}" for o in failed))
        return 1
    return 0


def _deck_slides(bench: Bench, deck: Command) -> int:
    """The slide count of makedocs' deck, which the python-pptx floor matches (its warm-up run)."""
    if not bench.prime(deck) or deck.expect is None:
        return 0
    return slide_count(deck.expect)


def report_to_stderr(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def write_results(
    args: argparse.Namespace,
    bench: Bench,
    products: dict[str, str],
    stories: list[corpus.Story],
    started: datetime.datetime,
    load_before: tuple[float, float, float],
    why: dict[str, str],
) -> dict[str, str]:
    """Write RESULTS.md; return the terminal version as well."""
    comparisons = [
        report.Comparison("help", "pass"),
        report.Comparison("build-seeds", "import-floor"),
    ]
    for size in args.compare:
        comparisons += [
            report.Comparison(f"booklet-{size}", f"weasyprint-{size}"),
            report.Comparison(f"booklet-{size}", f"libreoffice-{size}"),
            report.Comparison(f"booklet-{size}", f"reportlab-{size}"),
            report.Comparison(f"deck-{size}", f"pandoc-{size}"),
            report.Comparison(f"deck-{size}", f"pptx-{size}"),
        ]
    targets = report.target_rows(bench)
    per_story = report.story_rows(bench, args.build_sizes)
    compared = report.comparison_rows(bench, comparisons)
    measured = report.measurement_rows(bench, products)
    load_after = os.getloadavg()
    python = (
        os.path.relpath(sys.executable, ROOT)
        if sys.executable.startswith(str(ROOT))
        else sys.executable
    )
    command = shlex.join([python, "benchmarks/run.py", *args.argv])
    skipped = [f"- {name}: {reason}" for name, reason in why.items() if reason]
    sizes = sorted({*args.build_sizes, *args.compare})
    inputs = [f"- {corpus.describe(stories[:n])}" for n in sizes]
    machine = [["", ""], *[[k, v] for k, v in report.machine(ROOT)]]
    machine.append(
        ["load average", f"{_load(load_before)} at the start, {_load(load_after)} at the end"]
    )
    note = f"{args.note}\n\n" if args.note else ""
    note += busy(bench, load_before, load_after)
    rounds = (
        f"Rounds: {args.runs}, and {args.large_runs} for collections of {args.large_from:,} "
        "stories or more; "
        + (
            "no warm-up runs."
            if args.no_warmup
            else f"every command on fewer than {args.large_from:,} stories ran once unmeasured "
            "first (so did the large decks, to count their slides for the python-pptx floor)."
        )
    )
    md = f"""# Benchmark results

{note}Measured {started:%Y-%m-%d %H:%M} UTC with

```sh
{command}
```

Every figure is a median of whole-process runs (fresh subprocesses: wall time; CPU = user + system
time of the child and its waited-for children; peak RSS = the larger of the child's `ru_maxrss`
and the summed RSS of its process group, sampled every 0.1 s, so parallel workers add up; peak
RSS in the tables is the largest over the runs). makedocs and what it is compared with
run in the same rounds, one after the other, order rotated each round; a ratio is the median of
the per-round ratios. {rounds}

## Machine

{report.markdown(machine)}

## Targets of issue 14

{report.markdown(targets)}

Why the missed targets are missed:

{report.misses(bench)}

## Time per story

"Per extra story" is the median over paired rounds of (build N − build 1) / (N − 1).

{report.markdown(per_story)}

## makedocs against the others

A ratio below 1 means makedocs took less time. The range and number of pairs follow the median.

{report.markdown(compared)}

## Every measurement

{report.markdown(measured)}

## Inputs

Generated by `benchmarks/corpus.py` (deterministic; cached in `benchmarks/.cache/`): the same
stories for every tool, as Markdown files with front matter (makedocs), one HTML file with the
default theme's page, margins, type sizes and bundled fonts (WeasyPrint, LibreOffice), one
Markdown file with a `#` slide per story (pandoc), and JSON (the floors). Pictures: six JPEG
photos (one rotated by its EXIF tag) and two PNGs, 1200–2000 px, shared by the stories.
Handouts: `seeds/` with an events CSV of {args.events} rows (and of 1 row, for the start-up).

{chr(10).join(inputs)}

What the others do with them:

- **WeasyPrint**: `python -m weasyprint stories.html out.pdf`, CSS with `@page` size and
  margins, `@font-face` for the bundled Noto Serif and Nanum Myeongjo, justified and hyphenated
  text, a contents list with `target-counter` page numbers, one `break-before: right` per story.
- **LibreOffice Writer**: `soffice --headless --infilter="HTML (StarWriter)" --convert-to
  pdf:writer_pdf_Export` of the same HTML with its own profile (it ignores the fonts and most
  of the CSS, so its pages are not the same pages).
- **pandoc**: `pandoc stories.pandoc.md --slide-level=1 -o out.pptx`: a title slide, one slide
  per story with all its text (no fitting, no notes), and a slide of its own for each picture.
- **ReportLab-only floor** (`benchmarks/floor_reportlab.py`): the same text and bundled fonts
  with plain platypus Paragraphs, justified and hyphenated with pyphen, pictures at text width,
  a page break per story; no cover, contents, running heads or picture re-encoding.
- **python-pptx-only floor** (`benchmarks/floor_pptx.py`): as many slides as makedocs' deck,
  the same text in title and body placeholders and the speaker notes, the pictures, slides
  appended in constant time, saved once; no measuring or fitting.

Competitors skipped in this run: {"none" if not skipped else ""}
{chr(10).join(skipped)}
"""
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(md, "utf-8")
    stdout = "\n\n".join(
        [
            "Targets of issue 14\n" + report.aligned(targets, 90),
            "Time per story\n" + report.aligned(per_story),
            "makedocs against the others (makedocs ÷ other)\n" + report.aligned(compared, 48),
            "Every measurement\n" + report.aligned(measured, 60),
        ]
    )
    return {"stdout": stdout, "markdown": md}


def busy(
    bench: Bench, before: tuple[float, float, float], after: tuple[float, float, float]
) -> str:
    """A warning paragraph when other work shared the CPUs, with how much it showed: makedocs
    runs on one core, so an idle machine gives it a CPU for nearly all of its wall time."""
    cores = len(os.sched_getaffinity(0))
    shares = [
        sample.cpu / sample.wall
        for outcome in bench.outcomes.values()
        if outcome.command.makedocs
        for sample in outcome.all()
    ]
    share = statistics.median(shares) if shares else 1.0
    if share >= 0.9 and max(before[0], after[0]) < cores:
        return ""
    return (
        f"**A busy machine.** The load average was {before[0]:.1f} when this run started and "
        f"{after[0]:.1f} when it ended, on {cores} cores: other work shared the CPUs, and "
        f"makedocs was on a CPU for {share:.0%} of its wall time (median over its runs; nearly "
        "100% when idle). Wall times are inflated and noisy; paired ratios suffer less and "
        "CPU-time ratios least, and a verdict says where CPU time would decide otherwise.\n\n"
    )


def _load(values: tuple[float, float, float]) -> str:
    return " / ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
