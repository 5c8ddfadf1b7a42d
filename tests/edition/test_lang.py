"""Language runs: Hangul in English text and Latin in Korean text are marked for screen readers."""

from __future__ import annotations

import pytest

from makedocs.edition.lang import main_language, runs, valid_tag, whole_language


def test_a_hangul_run_in_english_is_korean_and_keeps_its_inner_spaces() -> None:
    assert runs("We crossed. 우리는 밤에 강을 건넜습니다. Cold.", "en", "en") == [
        ("We crossed. ", None),
        ("우리는 밤에 강을 건넜습니다", "ko"),
        (". Cold.", None),
    ]


def test_a_latin_run_in_korean_is_english() -> None:
    assert runs("서울에서 LiNK 직원들이", "ko", "ko") == [
        ("서울에서 ", None),
        ("LiNK", "en"),
        (" 직원들이", None),
    ]


def test_latin_inside_a_korean_story_of_an_english_collection_is_the_collection_language() -> None:
    assert runs("서울 Hannah Song 씨", "ko", "en") == [
        ("서울 ", None),
        ("Hannah Song", "en"),
        (" 씨", None),
    ]


def test_digits_and_punctuation_alone_are_no_run() -> None:
    assert runs("2008 — 40 days!", "en", "en") == [("2008 — 40 days!", None)]
    assert runs("", "en", "en") == [("", None)]


def test_a_whole_element_in_the_other_language_is_marked_as_a_whole() -> None:
    assert whole_language("우리는 함께 저녁을 먹었습니다.", "en", "en") == "ko"
    assert whole_language("서울에 LiNK", "en", "en") is None
    assert whole_language("Hello", "en", "en") is None
    assert whole_language("Hello", "ko", "en") == "en"


def test_a_story_mostly_in_korean_is_korean() -> None:
    assert main_language("새로운 시작 서울에 도착했을 때 LiNK 직원들이", "en") == "ko"
    assert main_language("We crossed at night. 우리는 밤에", "en") is None
    assert main_language("1, 2, 3", "en") is None


@pytest.mark.parametrize("tag", ["en", "ko", "en-GB", "ko-KR", "zh-Hant-TW", "sr-Latn"])
def test_language_tags_readers_understand(tag: str) -> None:
    assert valid_tag(tag)


@pytest.mark.parametrize("tag", ["", "english", "en_GB", "e", "ko KR", "한국어"])
def test_language_names_that_are_not_tags(tag: str) -> None:
    assert not valid_tag(tag)


def test_the_latin_table_skips_only_blocks_without_latin_letters() -> None:
    import unicodedata

    from makedocs.edition.lang import _NOT_LATIN

    for low, high in _NOT_LATIN:
        names = {unicodedata.name(chr(code), "") for code in range(low, high + 1)}
        assert not any(name.startswith("LATIN") for name in names), hex(low)
