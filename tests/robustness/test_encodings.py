"""Source files in the encodings volunteers actually have: read right, or refused at the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from makedocs.errors import MakedocsError, Warned
from makedocs.sources.reading import read_source

TEXT = "A Title Here\n\u201cCaf\u00e9\u201d in \ud61c\uc0b0, she said.\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_unicode_encodings_with_or_without_a_bom_read_exactly(
    tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(TEXT.replace("\ud61c\uc0b0", "Hyesan").encode(encoding))
    warned = Warned()
    assert read_source(path, "s.txt", warned) == TEXT.replace("\ud61c\uc0b0", "Hyesan")
    assert warned.items == []


def test_a_bom_and_crlf_line_endings_just_work(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode("utf-8"))
    assert read_source(path, "s.txt", Warned()) == TEXT


def test_latin_1_is_read_as_latin_1_with_a_warning_not_as_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes("A Title Here\nR\u00e9sum\u00e9 \u00e0 la fa\u00e7on.\n".encode("latin-1"))
    warned = Warned()
    assert (
        read_source(path, "s.txt", warned)
        == "A Title Here\nR\u00e9sum\u00e9 \u00e0 la fa\u00e7on.\n"
    )
    assert warned.items == [
        "s.txt:2: warning: file is not UTF-8; read it as Windows-1252/Latin-1 "
        "(save as UTF-8 to be sure)"
    ]


def test_korean_windows_encoding_is_read_as_korean(tmp_path: Path) -> None:
    korean = "A Title Here\n\uc6b0\ub9ac\ub294 \uc790\uc720\ub97c \ucc3e\uc558\uc2b5\ub2c8\ub2e4.\n"
    path = tmp_path / "s.txt"
    path.write_bytes(korean.encode("cp949"))
    warned = Warned()
    assert read_source(path, "s.txt", warned) == korean
    assert "Korean" in warned.items[0] and warned.items[0].startswith("s.txt:2: warning:")


def test_utf_8_with_a_stray_byte_is_refused_at_its_line_instead_of_garbled(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes("A Title Here\nCaf\u00e9 \u2014 fine.\n".encode() + b"Caf\xe9 broken.\n")
    with pytest.raises(MakedocsError) as caught:
        read_source(path, "s.txt", Warned())
    assert (
        str(caught.value) == "s.txt:3: file mixes UTF-8 with other bytes here; re-save it as UTF-8"
    )


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        bytes(range(256)) * 8,
        b"A Title\n\x1b[31mcolour codes\x07\n",
    ],
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(data)
    with pytest.raises(MakedocsError, match="binary|not UTF-8"):
        read_source(path, "s.txt", Warned())


def test_word_page_breaks_and_manual_line_breaks_are_spaces_and_lines_stay_true(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(b"A Title Here\nOne\x0btwo.\n\x0cThree.\n")
    assert read_source(path, "s.txt", Warned()) == "A Title Here\nOne two.\n Three.\n"


def test_a_number_where_front_matter_tags_are_expected_is_one_tag(tmp_path: Path) -> None:
    from makedocs.sources.markdown import parse_markdown

    path = tmp_path / "s.md"
    path.write_text("---\ntitle: T\ntags: 2024\n---\n\nText.\n", "utf-8")
    assert parse_markdown(path, "s.md", Warned())[0].tags == ("2024",)


def test_an_empty_heading_is_titled_after_the_file_with_a_warning(tmp_path: Path) -> None:
    from makedocs.sources.markdown import parse_markdown

    path = tmp_path / "river-crossing.md"
    path.write_text("#\n\nText.\n", "utf-8")
    warned = Warned()
    assert parse_markdown(path, "river-crossing.md", warned)[0].title == "River Crossing"
    assert warned.items == [
        "river-crossing.md:1: warning: empty title; titling the story after the file"
    ]
