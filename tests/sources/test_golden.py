"""Golden JSON of the parsed model (the ``inspect --json`` form), reviewed like code.

Regenerate after an intended change with ``MAKEDOCS_UPDATE_GOLDEN=1 pytest tests/sources``
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from makedocs.errors import Warned
from makedocs.jsonform import to_json
from makedocs.model import Collection, Metadata
from makedocs.sources import PARSERS
from tests.conftest import FIXTURES, ROOT, SEED

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
CASES = {
    "seed": SEED,
    "markdown-story": FIXTURES / "markdown" / "story.md",
    "markdown-two-stories": FIXTURES / "markdown" / "two-stories.md",
    "markdown-tables-and-code": FIXTURES / "markdown" / "tables-and-code.md",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_parsed_model_matches_its_golden_json(name: str) -> None:
    source = CASES[name]
    display = source.relative_to(ROOT).as_posix()
    stories = PARSERS[source.suffix](source, display, Warned())
    got = to_json(Collection(Metadata(), tuple(stories))) + "\n"
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("MAKEDOCS_UPDATE_GOLDEN"):
        golden.write_text(got, "utf-8")
    assert got == golden.read_text("utf-8")
