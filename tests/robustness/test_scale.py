"""Big inputs: memory grows with the collection by a small, bounded amount per story.

The full 5,000-story build was measured by hand on 2026-11-25 (10,256-page booklet, 10,557-slide
deck): 951 MB peak RSS, about 190 KB per story and linear; 11.6 minutes, still superlinear in
the deck (600 stories take 20 s): python-pptx walks the package for every new slide. Here two
smaller builds in fresh processes bound the growth per story, so a regression to "every story
keeps its images/fonts/text layout alive twice" shows up in CI in a few seconds.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

_PROBE = """
import resource, sys
from makedocs.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    print("RSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def _stories(folder: Path, count: int) -> None:
    folder.mkdir()
    rng = random.Random(count)
    words = [
        "the",
        "river",
        "was",
        "cold",
        "and",
        "we",
        "crossed",
        "at",
        "night",
        "with",
        "a",
        "small",
        "bag",
        "my",
        "mother",
        "said",
    ]
    for i in range(count):
        paragraphs = [
            " ".join(rng.choice(words) for _ in range(60)).capitalize() + "." for _ in range(4)
        ]
        (folder / f"s{i:05d}.txt").write_text(
            f"Story Number {i} From The Border\n" + "\n".join(paragraphs) + "\n", "utf-8"
        )


def _peak_kb(tmp_path: Path, count: int) -> int:
    src = tmp_path / f"src{count}"
    _stories(src, count)
    config = tmp_path / "makedocs.toml"
    config.write_text('[collection]\ntitle = "Many"\n', "utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, "build", str(src), "-o", str(tmp_path / f"out{count}")]
        + ["--config", str(config)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("RSS "))
    return int(line.split()[1])  # kilobytes on Linux


def test_memory_per_story_is_small_and_bounded(tmp_path: Path) -> None:
    small = _peak_kb(tmp_path, 20)
    large = _peak_kb(tmp_path, 220)
    per_story = (large - small) / 200
    assert large < 500 * 1024, f"peak {large / 1024:.0f} MB for 220 stories"
    assert per_story < 250, f"{per_story:.0f} KB more per story"
