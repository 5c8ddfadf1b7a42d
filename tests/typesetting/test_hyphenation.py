"""makedocs reads hyphenation patterns itself, faster than pyphen: the patterns must be the same."""

from __future__ import annotations

import pyphen
import pytest

from makedocs.typesetting.hyphenation import Hyphenator, parse_patterns


@pytest.mark.parametrize(
    "language",
    [
        "en_US",  # what "en" means
        "en_GB",
        "de_DE",  # digits side by side ("a12b"): a place each
        "ru_RU",  # not ASCII, nor UTF-8 in every file
        "fr",
        "nl_NL",
    ],
)
def test_patterns_are_read_as_pyphen_reads_them(language: str) -> None:
    path = pyphen.LANGUAGES[language]
    assert parse_patterns(path) == pyphen.HyphDict(path).patterns


def test_a_file_with_nonstandard_hyphens_is_left_to_pyphen() -> None:
    path = pyphen.LANGUAGES["hu_HU"]  # "ssz/sz=sz,1,3": a break that changes the letters
    assert parse_patterns(path) is None
    assert list(Hyphenator("hu_HU")("megszentségteleníthetetlenség"))  # pyphen reads it


def test_the_hyphenator_uses_the_patterns_read_here(monkeypatch: pytest.MonkeyPatch) -> None:
    path = pyphen.LANGUAGES["en_US"]
    monkeypatch.delitem(pyphen.hdcache, path, raising=False)

    def refused(*args: object) -> None:
        raise AssertionError("pyphen read the patterns again")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", refused)
    hyphenate = Hyphenator("en_US")
    assert ("hyphen", "ation") in list(hyphenate("hyphenation"))
