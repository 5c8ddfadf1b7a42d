"""FontBook: per-run fallback, coverage and measuring with the bundled fonts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from makedocs.fonts import FontBook, Run
from makedocs.theme import load_theme


@pytest.fixture(scope="module")
def book() -> FontBook:
    return FontBook(load_theme("default"))


def test_latin_text_is_one_run_in_the_primary_font(book: FontBook) -> None:
    runs = book.runs("Are these real strawberries?!", "serif")
    assert [(r.text, r.font.name) for r in runs] == [
        ("Are these real strawberries?!", "NotoSerif-Regular.ttf")
    ]


def test_hangul_falls_back_to_a_korean_font_and_back(book: FontBook) -> None:
    runs = book.runs("Hanawon 하나원 center", "serif", "bold")
    assert [(r.text, r.font.name) for r in runs] == [
        ("Hanawon ", "NotoSerif-Bold.ttf"),
        ("하나원", "NanumMyeongjoBold.ttf"),
        (" center", "NotoSerif-Bold.ttf"),
    ]
    assert "".join(r.text for r in runs) == "Hanawon 하나원 center"


@settings(max_examples=300)
@given(
    text=st.text(alphabet="ab 김지호\n\u00ad\u200b—é\u4e00\U0001f600\U0001fae0", max_size=30),
    family=st.sampled_from(["serif", "sans", "mono"]),
    style=st.sampled_from(["regular", "italic", "bold"]),
)
def test_runs_are_the_longest_stretches_of_one_font_character_by_character(
    book: FontBook, text: str, family: str, style: str
) -> None:
    """Each character goes to the first font of the chain that has it (else the first), and
    a run is a longest stretch of characters going to the same font."""
    chain = book.chain(family, style)
    expected: list[Run] = []
    for char in text:
        font = next((f for f in chain if book.covers(f, char)), chain[0])
        if expected and expected[-1].font == font:
            expected[-1] = Run(expected[-1].text + char, font)
        else:
            expected.append(Run(char, font))
    assert book.runs(text, family, style) == expected


def test_characters_no_font_has_are_reported(book: FontBook) -> None:
    assert book.missing("hello \U0001fae0 world \U0002a6a5", "serif") == {
        "\U0001fae0",
        "\U0002a6a5",
    }


def test_emoji_fall_back_to_the_monochrome_emoji_font(book: FontBook) -> None:
    runs = book.runs("We smiled 😀 at the border", "serif")
    assert [r.font.name for r in runs] == [
        "NotoSerif-Regular.ttf",
        "Symbola.ttf",
        "NotoSerif-Regular.ttf",
    ]
    assert book.missing("😀 👍 ❤", "sans") == set()
    assert book.missing("하나원 ☃", "sans") == set()


def test_widths_add_up_across_runs(book: FontBook) -> None:
    whole = book.width("Hanawon 하나원", "serif", "regular", 12)
    parts = book.width("Hanawon ", "serif", "regular", 12) + book.width(
        "하나원", "serif", "regular", 12
    )
    assert whole == pytest.approx(parts)
    assert book.width("WWW", "serif", "regular", 12) > book.width("iii", "serif", "regular", 12)


def test_a_build_never_searches_the_system_for_type1_font_metrics(tmp_path) -> None:
    """ReportLab's getFont() on an unregistered name parses every .afm file it can find; a
    build must only ever ask the registry for names it registered (fresh process, empty registry).
    """
    import subprocess
    import sys
    import textwrap

    from tests.conftest import ROOT, SEEDS

    script = textwrap.dedent(
        f"""
        import sys
        from reportlab.pdfbase import pdfmetrics
        calls = []
        real = pdfmetrics.bruteForceSearchForAFM
        def counting(name):
            calls.append(name)
            return real(name)
        pdfmetrics.bruteForceSearchForAFM = counting
        from makedocs.cli import main
        try:
            main(["build", {str(SEEDS)!r}, "-o", {str(tmp_path / "dist")!r},
                  "--config", {str(ROOT / "makedocs.toml")!r}])
        except SystemExit as exit:
            assert not exit.code, exit.code
        print("AFM searches:", len(calls), sorted(set(calls))[:5])
        sys.exit(1 if calls else 0)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0, done.stdout + done.stderr
