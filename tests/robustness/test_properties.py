"""Property-based: random text, Markdown and bytes into the readers, parsers and the full build.

The only allowed outcomes are success or a MakedocsError with a message (one line from the
CLI, exit 1) — never another exception, never a traceback.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from makedocs.cli import main
from makedocs.errors import MakedocsError, Warned
from makedocs.model import story_text
from makedocs.sources.markdown import parse_markdown
from makedocs.sources.reading import read_source
from makedocs.sources.text import parse_text
from makedocs.transforms import Redactor

QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_alphabet = st.characters(codec="utf-8", exclude_categories=("Cs",))
# Mostly printable, so the full build gets past the reader (control characters have their own
# test above) and exercises the renderers; still any script, emoji and combining marks.
_printable = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
_words = st.text(_printable, max_size=40)
_line = st.one_of(
    _words,
    st.sampled_from(
        [
            "# Title",
            "## Heading",
            "> quoted",
            "> — Someone",
            "— Attribution",
            "---",
            "***",
            "- item",
            "1. item",
            '"A whole quotation."',
            "“Curly quotation.” – Source",
            "*emphasis* and **strong** and [link](http://x)",
            "![alt](missing.jpg 'caption | credit')",
            "![](photo.png)",
            "<div>html</div>",
            "```",
            "    code",
            "...",
            "--",
            "\u00ad\u200b\ufeff",
            "Humans Of North Korea",
        ]
    ),
)
_markdown = st.lists(_line, max_size=25).map("\n".join)
_front = st.dictionaries(
    st.sampled_from(["title", "subtitle", "byline", "tags", "image", "image_focus", "date", "x"]),
    st.one_of(_words, st.integers(), st.lists(_words, max_size=3), st.none()),
    max_size=5,
)


def _front_matter(front: dict[str, object], body: str) -> str:
    import yaml

    return f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n{body}"


def _parse(parser, suffix: str, data: bytes) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"s{suffix}"
        path.write_bytes(data)
        try:
            stories = parser(path, path.name, Warned())
        except MakedocsError as error:
            assert error.message.strip() and "\n" not in str(error)
            return
        assert stories and all(story.title and story.blocks for story in stories)
        for story in stories:
            story_text(story)


@QUICK
@given(st.binary(max_size=400))
def test_any_bytes_are_text_or_a_makedocs_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.txt"
        path.write_bytes(data)
        try:
            text = read_source(path, "s.txt", Warned())
        except MakedocsError as error:
            assert str(error).startswith("s.txt")
            return
        assert "\r" not in text


@QUICK
@given(st.text(_alphabet, max_size=600))
def test_random_text_parses_as_plain_text_or_fails_cleanly(text: str) -> None:
    _parse(parse_text, ".txt", text.encode())


@QUICK
@given(_markdown)
def test_random_markdown_parses_or_fails_cleanly(text: str) -> None:
    _parse(parse_markdown, ".md", text.encode())


@QUICK
@given(_front, _markdown)
def test_random_front_matter_parses_or_fails_cleanly(front: dict[str, object], body: str) -> None:
    _parse(parse_markdown, ".md", _front_matter(front, body).encode())


@QUICK
@given(st.text(_alphabet, max_size=200), st.sampled_from(["Yusung", "Hannah Song", "박연미"]))
def test_redaction_leaves_no_trace_of_the_name(text: str, name: str) -> None:
    redactor = Redactor({name: "Alias"})
    for sample in (f"{text} {name} {text}", f"{name}'s {text}", f"{text}{name.upper()}."):
        out = redactor.text(sample)
        assert list(redactor.find(out)) == []


_titled = st.builds(lambda title, body: f"# {title}\n\nText.\n\n{body}", _words, _markdown)


@SLOW
@given(
    st.one_of(_titled, _markdown, st.builds(_front_matter, _front, _markdown)),
    st.booleans(),
)
def test_the_full_build_succeeds_or_fails_with_one_line(text: str, as_text: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        src = root / "src"
        src.mkdir()
        (src / ("s.txt" if as_text else "s.md")).write_text(text, "utf-8")
        (root / "makedocs.toml").write_text('[privacy]\nredact = { "Yusung" = "Minho" }\n')
        result = CliRunner().invoke(
            main,
            ["build", str(src), "-o", str(root / "out"), "--config", str(root / "makedocs.toml")],
        )
        if result.exit_code == 0:
            assert (root / "out" / "booklet.pdf").stat().st_size > 0
            return
        assert result.exit_code == 1, result.output
        lines = result.stderr.strip().splitlines()
        assert lines[-1].startswith("makedocs: "), result.stderr
        assert "internal error" not in result.stderr and "Traceback" not in result.output
        assert not (root / "out").exists() or not any((root / "out").iterdir())


@SLOW
@given(st.one_of(_titled, _markdown, st.builds(_front_matter, _front, _markdown)), st.booleans())
def test_check_reports_findings_and_never_crashes(text: str, as_text: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        src = Path(folder) / "src"
        src.mkdir()
        (src / ("s.txt" if as_text else "s.md")).write_text(text, "utf-8")
        config = Path(folder) / "makedocs.toml"
        config.write_text('[privacy]\nredact = { "Title" = "Alias" }\n')
        result = CliRunner().invoke(main, ["check", str(src), "--config", str(config)])
        assert result.exit_code in (0, 1), result.output
        assert "internal error" not in result.stderr and "Traceback" not in result.output
        for line in result.stdout.splitlines():
            assert re.match(r"^[^:]*(:\d+)?: (error|warning): \S", line), line
