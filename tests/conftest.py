"""Shared fixtures: the repository's seeds and a built dist/ shared by output tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from makedocs.errors import Warned

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "link-stories.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of a text, ignoring punctuation and quotation marks."""
    return _WORD.findall(text)


@pytest.fixture
def warned() -> Warned:
    return Warned()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``makedocs build`` of the bundled seeds with the bundled makedocs.toml, once per session."""
    from click.testing import CliRunner

    from makedocs.cli import main

    out = tmp_path_factory.mktemp("dist")
    result = CliRunner().invoke(
        main, ["build", str(SEEDS), "-o", str(out), "--config", str(ROOT / "makedocs.toml")]
    )
    assert result.exit_code == 0, result.output
    return out
