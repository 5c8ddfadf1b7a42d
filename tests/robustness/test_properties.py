"""Property-based: random text, Markdown and bytes into the readers, parsers and the full build.

The only allowed outcomes are success or a MakedocsError with a message (one line from the
CLI, exit 1) — never another exception, never a traceback.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from makedocs.cli import main
from makedocs.errors import MakedocsError, Warned
from makedocs.links import decode_url, is_clickable
from makedocs.model import Link, Source, story_text
from makedocs.redaction import PARTICLES
from makedocs.sources.markdown import parse_markdown
from makedocs.sources.reading import read_source
from makedocs.sources.text import parse_text
from makedocs.transforms import Redactor, apply_transforms

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
# --- links of every scheme, percent-encoded addresses, Hangul names with particles ------------

_SCHEMES = st.sampled_from(
    [
        "https://",
        "http://",
        "HTTPS://",
        "mailto:",
        "smb://",
        "file:///",
        "C:/",
        "c:\\",
        "ms-word:",
        "launch:",
        "javascript:",
        "JaVaScRiPt:",
        "vbscript:",
        "data:text/html,",
        "ftp://",
        "//",
        "",
        "../",
        "#",
        "tel:",
        "x-",
        " https://",
        "https:",
        "http://exa mple.org/",
    ]
)
_url_tail = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20).map(
    lambda t: t.replace(")", "").replace("(", "").replace(">", "").replace("\n", "")
)
_link = st.builds(
    lambda s, t, w: f"[{w or 'x'}](<{s}{t}>)",
    _SCHEMES,
    _url_tail,
    _words.map(lambda w: w.replace("[", "").replace("]", "")),
)

_SYLLABLES = [chr(c) for c in range(0xAC00, 0xD7A4, 97)]  # a spread of Hangul syllables
_hangul_name = st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=3).map("".join)
_particles = st.lists(st.sampled_from(PARTICLES), max_size=3).map("".join)
# syllables that begin no particle: a word that merely starts with a name (한나라당)
_NOT_PARTICLE = [s for s in _SYLLABLES if not any(p.startswith(s) for p in PARTICLES)]


def _encodings(name: str) -> st.SearchStrategy[str]:
    """The ways a name can appear in a link address once a parser has had it."""
    from urllib.parse import quote

    return st.sampled_from(
        [
            name,
            quote(name),
            quote(name).lower(),
            quote(name, safe=""),
            name.replace(" ", "%20"),
            name.replace(" ", "-").lower(),
            name.replace(" ", "_").upper(),
            name.replace(" ", "+"),
        ]
    )


# --- front matter of every YAML type, written as YAML text --------------------------------------

_yaml_scalar = st.one_of(
    _words.map(lambda w: json.dumps(w, ensure_ascii=False)),  # a quoted string
    st.sampled_from(
        [
            "2024-02-30",
            "2024-13-01",
            "2024-05-01",
            "2024-05-01T10:00:00Z",
            "2001-12-14 21:59:43.10 -5",
            "!!int abc",
            "!!int 12",
            "!!float x",
            "!!timestamp x",
            "!!bool maybe",
            "!!null x",
            "!!binary aGVsbG8=",
            "!!binary ***",
            "!!str 12",
            "!!python/object:os.system x",
            "!!set {a, b}",
            "!!omap [a: 1]",
            "!custom x",
            "010",
            "0x1F",
            "1e3",
            ".nan",
            "-.inf",
            "yes",
            "No",
            "on",
            "~",
            "null",
            "",
            "'quoted'",
            '"\\a bell"',
            '"\\0 nul"',
            '"\\uD800"',
            '"\\x85 next line"',
            "|\n  block\n  text",
            ">\n  folded",
            "&anchor value",
            "*anchor",
            "[a, b]",
            "[[a]]",
            "{a: 1}",
            "[1, 2.5, true, null]",
        ]
    ),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
_FRONT_KEYS = st.sampled_from(
    [
        "title",
        "subtitle",
        "kicker",
        "byline",
        "summary",
        "date",
        "tags",
        "image",
        "image_alt",
        "image_focus",
        "image_decorative",
        "x",
        "title",
    ]
)
_front_text = st.lists(
    st.builds(lambda k, v: f"{k}: {v}", _FRONT_KEYS, _yaml_scalar), max_size=6
).map("\n".join)


def _raw_front_matter(front: str, body: str) -> str:
    return f"---\n{front}\n---\n{body}"


_markdown = st.lists(st.one_of(_line, _link), max_size=25).map("\n".join)
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


@QUICK
@given(_front_text, _markdown)
def test_front_matter_of_every_yaml_type_parses_or_fails_at_a_line(front: str, body: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.md"
        path.write_text(_raw_front_matter(front, "# T\n\nText.\n" + body), "utf-8")
        try:
            stories = parse_markdown(path, "s.md", Warned())
        except MakedocsError as error:
            assert error.message.strip() and "\n" not in str(error)
            assert error.path == "s.md" and error.line, str(error)
            return
        for story in stories:
            for value in (story.title, story.subtitle, story.date, *story.tags):
                assert value is None or isinstance(value, str)


def _links(value: object) -> list[Link]:
    import dataclasses

    if isinstance(value, Link):
        return [value, *_links(value.children)]
    if isinstance(value, tuple):
        return [link for item in value for link in _links(item)]
    if dataclasses.is_dataclass(value) and not isinstance(value, Source | type):
        return [link for f in dataclasses.fields(value) for link in _links(getattr(value, f.name))]
    return []


@QUICK
@given(st.lists(st.one_of(_link, _words), min_size=1, max_size=8).map(" ".join))
def test_after_the_model_passes_every_link_is_a_web_or_mail_link(text: str) -> None:
    from makedocs.model import Collection, Metadata

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.md"
        path.write_text(f"# T\n\n{text}\n", "utf-8")
        try:
            stories = parse_markdown(path, "s.md", Warned())
        except MakedocsError:
            return
        warned = Warned()
        try:
            model = apply_transforms(Collection(Metadata(), tuple(stories)), {}, warned)
        except MakedocsError as error:
            assert error.line, str(error)
            return
        before = _links(tuple(stories))
        after = _links(model)
        assert all(is_clickable(link.url) for link in after)
        unsafe = [link for link in before if not is_clickable(link.url)]
        assert len([w for w in warned.items if "is printed as text" in w]) == len(unsafe)


@QUICK
@given(
    st.sampled_from(["Yusung Park", "박연미", "Hannah Song", "O'Brien"]),
    st.data(),
    _url_tail,
    _url_tail,
)
def test_a_name_in_a_link_address_is_redacted_however_it_is_encoded(
    name: str, data: st.DataObject, before: str, after: str
) -> None:
    from urllib.parse import quote

    encoded = data.draw(_encodings(name))
    url = f"https://example.org/{quote(before)}/{encoded}/{quote(after)}?q={encoded}#{encoded}"
    redactor = Redactor({name: "Alias Person"})
    out = redactor.url(url)
    assert list(redactor.find_in_url(out)) == [], (url, out)
    assert "alias" in decode_url(out).casefold()
    assert redactor.url(out) == out  # already redacted: left exactly as it is
    host = data.draw(st.sampled_from([name.replace(" ", "-").replace("'", ""), name]))
    idna_url = "https://" + ".".join(
        ("xn--" + part.encode("punycode").decode()) if not part.isascii() else part
        for part in (host, "org")
    )
    assert list(redactor.find_in_url(redactor.url(idna_url))) == []


@QUICK
@given(
    _hangul_name,
    _particles,
    st.sampled_from(_NOT_PARTICLE),
    st.text(_printable, max_size=30),
)
def test_a_hangul_name_is_redacted_with_its_particles_and_longer_words_are_kept(
    name: str, particles: str, syllable: str, around: str
) -> None:
    redactor = Redactor({name: "지은"})
    text = f"{around} {name}{particles} {around}"
    out = redactor.text(text)
    assert list(redactor.find(out)) == []
    assert "지은" in out
    longer = f"{around} {name}{syllable} {around}"
    if not list(redactor.find(longer)):  # unless ``around`` holds the name itself
        assert redactor.text(longer) == longer
        assert any(near.longer_word for near in redactor.near_misses(longer))


_titled = st.builds(lambda title, body: f"# {title}\n\nText.\n\n{body}", _words, _markdown)


_any_story = st.one_of(
    _titled,
    _markdown,
    st.builds(_front_matter, _front, _markdown),
    st.builds(_raw_front_matter, _front_text, _titled),
)


@SLOW
@given(_any_story, st.booleans())
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
@given(_any_story, st.booleans())
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
