"""Benchmark: build time and peak memory as the collection grows, as ratios to a same-run baseline.

Usage: ``.venv/bin/python tools/bench.py [--stories 100,1000] [--repeat 3]``

Every figure is measured in this run: start-up against a bare ``python -c pass``, and builds of
N stories against the build of the bundled seed (2 stories). Each run is a fresh subprocess, so
peak RSS is that build's own. Collections are made by repeating the seed's stories with
distinct titles, so the text is realistic.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "link-stories.txt"


def measure(args: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time and peak RSS over ``repeat`` runs, each in a clean subprocess."""
    times, peaks = [], []
    for _ in range(repeat):
        probe = [
            sys.executable,
            "-c",
            "import resource, subprocess, sys, time\n"
            "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True)\n"
            "e = time.perf_counter() - t\n"
            "sys.exit(r.returncode) if r.returncode else None\n"
            "print(e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)",
            *args,
        ]
        out = subprocess.run(probe, capture_output=True, text=True, cwd=ROOT)
        if out.returncode:
            sys.exit(f"benchmark command failed: {' '.join(args)}")
        elapsed, peak = (float(x) for x in out.stdout.split())
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def make_collection(folder: Path, stories: int) -> Path:
    """``stories`` stories in files of 2, made from the seed with distinct titles."""
    text = SEED.read_text("utf-8")
    titles = [
        "Beyond Utopia: Documenting the Escape From North Korea",
        "Humans of North Korea: YuSung",
    ]
    for index in range(0, stories, 2):
        copy = text
        for title in titles:
            copy = copy.replace(title, f"{title} Part {index // 2 + 1}", 1)
        (folder / f"stories-{index // 2:05d}.txt").write_text(copy, "utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", default="100,1000", help="collection sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    sizes = [int(n) for n in options.stories.split(",") if n]
    py = sys.executable
    config = ["--config", str(ROOT / "makedocs.toml")]
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        bare, bare_mem = measure([py, "-c", "pass"], options.repeat)
        helped, help_mem = measure([py, "-m", "makedocs", "--help"], options.repeat)
        print(
            f"start-up: makedocs --help {helped * 1000:.0f} ms = {helped / bare:.1f}x bare "
            f"python ({bare * 1000:.0f} ms); peak {help_mem:.0f} MiB"
        )
        base, base_mem = measure(
            [py, "-m", "makedocs", "build", str(SEED), "-o", str(tmpdir / "seed"), *config],
            options.repeat,
        )
        print(f"baseline: seed (2 stories) build {base:.2f} s, peak {base_mem:.0f} MiB")
        for size in sizes:
            folder = tmpdir / f"c{size}"
            folder.mkdir()
            make_collection(folder, size)
            took, mem = measure(
                [
                    py,
                    "-m",
                    "makedocs",
                    "build",
                    str(folder),
                    "-o",
                    str(tmpdir / f"o{size}"),
                    *config,
                ],
                1 if size >= 1000 else options.repeat,
            )
            per = (took - base) / max(size - 2, 1) * 1000
            print(
                f"{size:>5} stories: {took:.2f} s = {took / base:.1f}x baseline "
                f"({per:.0f} ms per extra story); peak {mem:.0f} MiB = "
                f"{mem / base_mem:.1f}x baseline"
            )
        outputs = sorted((tmpdir / f"o{sizes[-1]}").iterdir()) if sizes else []
        for path in outputs:
            print(f"  {path.name}: {path.stat().st_size / 1024 / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
