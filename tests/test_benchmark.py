"""The benchmark's instrument, not its numbers: deterministic inputs, and an end-to-end quick run.

No timing is asserted (issue 14): these tests only check that ``benchmarks/run.py`` measures the
same inputs every time and writes a report that says what it measured.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from benchmarks import corpus, report
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One generation shared by the tests (pictures take a second or two to make)."""
    root = tmp_path_factory.mktemp("bench-cache")
    corpus.prepare(root, [1, 3, 4, 40], [1, 5, 10, 100])
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_two_generations_of_the_inputs_are_identical_bytes(cache: Path, tmp_path: Path) -> None:
    again = corpus.prepare(tmp_path, [4, 1], [10, 1])
    first, second = _files(cache / corpus.cache_key()), _files(again.root)
    assert len(second) > 20 and set(second) <= set(first)
    assert [name for name in second if first[name] != second[name]] == []
    assert len(list(again.stories(4).glob("*.md"))) == 4
    for name, fmt, size, orientation in corpus.PICTURES:
        with Image.open(again.root / "images" / name) as picture:
            assert picture.format == fmt
            assert picture.size == (size if orientation != 6 else size[::-1])


def test_a_story_is_the_same_in_every_collection_size(cache: Path) -> None:
    data = corpus.Corpus(cache / corpus.cache_key())
    small = json.loads(data.data(1).read_text("utf-8"))["stories"]
    large = json.loads(data.data(4).read_text("utf-8"))["stories"]
    assert small == large[:1]
    assert sorted(p.name for p in data.stories(1).glob("*.md")) == [
        sorted(p.name for p in data.stories(4).glob("*.md"))[0]
    ]


def test_the_events_csv_has_the_handout_columns_and_iso_dates(cache: Path) -> None:
    data = corpus.Corpus(cache / corpus.cache_key())
    rows = list(csv.DictReader(io.StringIO(data.events(100).read_text("utf-8"))))
    assert len(rows) == 100
    assert tuple(rows[0]) == corpus.EVENT_FIELDS
    dates = [datetime.date.fromisoformat(row["date"]) for row in rows]
    assert dates == sorted(dates)
    assert (rows[3]["date"], rows[3]["venue"]) == (rows[4]["date"], rows[4]["venue"])


def test_makedocs_reads_every_generated_story(cache: Path) -> None:
    from makedocs.errors import Warned
    from makedocs.sources import parse_sources

    data = corpus.Corpus(cache / corpus.cache_key())
    stories = json.loads(data.data(40).read_text("utf-8"))["stories"]
    warned = Warned()
    parsed = parse_sources([data.stories(40)], warned)
    assert [s.title for s in parsed] == [s["title"] for s in stories]
    kinds = {type(block).__name__ for story in parsed for block in story.blocks}
    assert {"Paragraph", "PullQuote", "Quote", "Epigraph", "ListBlock", "Image"} <= kinds
    assert warned.items == []


def _table(markdown: str, heading: str) -> list[dict[str, str]]:
    """The first table under ``## heading`` as dicts keyed by its header row."""
    section = markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    split = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines]
    head, _, *body = split
    return [dict(zip(head, row, strict=True)) for row in body]


def test_a_quick_run_measures_makedocs_and_the_floors_and_writes_results(
    cache: Path, tmp_path: Path
) -> None:
    results = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--competitors",
            "reportlab,python-pptx",
            "--results",
            str(results),
            "--cache",
            str(cache),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    text = results.read_text("utf-8")
    assert "benchmarks/run.py --quick" in text

    targets = {row["target (issue 14)"]: row for row in _table(text, "Targets of issue 14")}
    assert list(targets) == [target.text for target in report.TARGETS]
    assert targets["`makedocs --help` < 0.15 s"]["verdict"].startswith(("met", "**missed**"))
    assert "not measured" in targets["deck ≤ 1.5× pandoc, 400 stories"]["verdict"]

    measured = {row["measured"]: row for row in _table(text, "Every measurement")}
    for label in (
        "python -c pass",
        "makedocs --help",
        "makedocs build, seeds/",
        "makedocs build, 3 stories",
        "makedocs booklet, 3 stories",
        "ReportLab-only floor, 3 stories",
    ):
        assert measured[label]["runs"] == "1", label
    assert "WeasyPrint HTML → PDF, 3 stories" in measured  # listed, with why it did not run
    assert measured["WeasyPrint HTML → PDF, 3 stories"]["runs"] == "0"
    deck = measured["makedocs deck, 3 stories"]["wrote"]
    floors = [label for label in measured if label.startswith("python-pptx-only floor")]
    assert len(floors) == 1
    assert measured[floors[0]]["wrote"].split(" slides")[0] == deck.split(" slides")[0]
    handout = measured["makedocs handout --events, 5 events"]
    assert handout["runs"] == "1" or handout["wall"].startswith("not available")

    comparisons = _table(text, "makedocs against the others")
    floor = [row for row in comparisons if row["against"] == "ReportLab-only floor, 3 stories"]
    assert floor and floor[0]["makedocs ÷ other, wall"].endswith("(1 pair)")


def test_the_python_pptx_floor_writes_the_slides_it_is_asked_for(
    cache: Path, tmp_path: Path
) -> None:
    data = corpus.Corpus(cache / corpus.cache_key())
    out = tmp_path / "floor.pptx"
    template = ROOT / "templates" / "default" / "deck-16x9.pptx"
    script = ROOT / "benchmarks" / "floor_pptx.py"
    subprocess.run(
        [sys.executable, str(script), str(data.data(3)), str(template), "17", str(out)],
        check=True,
        timeout=300,
    )
    from pptx import Presentation

    deck = Presentation(str(out))
    assert len(deck.slides) == 17
    assert len({slide.slide_id for slide in deck.slides}) == 17
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
    titles = [slide.shapes.title.text for slide in deck.slides]
    stories = json.loads(data.data(3).read_text("utf-8"))["stories"]
    assert [t for t in titles if not t.endswith("(cont.)")] == [s["title"] for s in stories]
