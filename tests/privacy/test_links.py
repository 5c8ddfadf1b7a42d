"""Links: redacted in decoded form (the parser percent-encodes them), and only http(s) and mailto
are ever clickable, in every output."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from makedocs.cli import main
from makedocs.errors import Warned
from makedocs.links import decode_url, is_clickable, rewrite_url
from makedocs.model import Collection, Link, Metadata, Paragraph, Source, Story, Text
from makedocs.transforms import Redactor, safe_links

NAMES = {"박연미": "김철수", "Yusung Park": "Minho Lee"}


# --- decoding and rewriting addresses ------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://ko.wikipedia.org/wiki/%EB%B0%95%EC%97%B0%EB%AF%B8",
            "https://ko.wikipedia.org/wiki/%EA%B9%80%EC%B2%A0%EC%88%98",
        ),
        # the particle 는 stays, still encoded; the rest is untouched byte for byte
        (
            "https://x.org/a?q=%EB%B0%95%EC%97%B0%EB%AF%B8%EB%8A%94&Z=%7e#f",
            "https://x.org/a?q=%EA%B9%80%EC%B2%A0%EC%88%98%EB%8A%94&Z=%7e#f",
        ),
        # an international host name arrives as Punycode
        ("https://xn--hg3b3b133b.kr/", "https://xn--4k0b998acvh.kr/"),
        (
            "mailto:%EB%B0%95%EC%97%B0%EB%AF%B8@example.org",
            "mailto:%EA%B9%80%EC%B2%A0%EC%88%98@example.org",
        ),
        (
            "https://example.org/Yusung%20Park/yusung-park",
            "https://example.org/Minho-Lee/minho-lee",
        ),
        ("https://example.org/%ZZ/%FF/yusung_park", "https://example.org/%ZZ/%FF/minho-lee"),
        ("https://example.org/nothing%20here", "https://example.org/nothing%20here"),
    ],
)
def test_link_addresses_are_redacted_decoded_and_encoded_again(url: str, expected: str) -> None:
    assert Redactor(NAMES).url(url) == expected


def test_decoding_shows_what_a_reader_sees() -> None:
    assert (
        decode_url("https://xn--hg3b3b133b.kr/%EC%82%AC%EC%A7%84%201") == "https://박연미.kr/사진 1"
    )
    assert decode_url("https://a.org/%E2%82") == "https://a.org/%E2%82"  # broken UTF-8 stays


def test_an_unmatched_address_is_returned_exactly() -> None:
    import re

    url = "HTTPS://Example.ORG/%7Euser/%41?x=%2F"
    assert rewrite_url(url, re.compile("nobody"), lambda m: "x") == url


# --- which links are clickable ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["https://example.org", "HTTP://example.org/x?y#z", "mailto:office@example.org"],
)
def test_web_and_mail_links_are_clickable(url: str) -> None:
    assert is_clickable(url)


@pytest.mark.parametrize(
    "url",
    [
        "smb://server/share",
        "file:///etc/passwd",
        "C:/Windows/System32/calc.exe",
        "C:\\Windows\\calc.exe",
        "ms-word:ofe|u|https://example.org/a.docx",
        "launch:calc.exe",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>",
        "other-story.md",
        "../secret.pdf",
        "#anchor",
        "//example.org/x",
        "https://",
        "https:/example.org",
        "http://exa mple.org",
        "mailto:",
        "",
    ],
)
def test_anything_else_is_not(url: str) -> None:
    assert not is_clickable(url)


def test_unsafe_links_become_their_text_with_a_warning_at_their_line() -> None:
    src = Source("s.md", 7)
    content = (
        Text("see "),
        Link((Text("the share"),), "smb://server/share"),
        Text(" and "),
        Link((Text("the site"),), "https://example.org"),
    )
    collection = Collection(Metadata(), (Story("T", (Paragraph(content, src),), src),))
    warned = Warned()
    out = safe_links(collection, warned)
    paragraph = out.stories[0].blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.content == (
        Text("see "),
        Text("the share"),
        Text(" and "),
        Link((Text("the site"),), "https://example.org"),
    )
    assert len(warned.items) == 1
    assert warned.items[0].startswith("s.md:7: warning: link to 'smb://server/share' is printed")


# --- end to end ----------------------------------------------------------------------------------

STORY = """\
# 박연미 이야기

[interview](https://ko.wikipedia.org/wiki/박연미) and [mail](mailto:박연미@example.org) and
[home](https://박연미.kr/).

[share](smb://server/share) [calc](C:/Windows/System32/calc.exe) [word](ms-word:ofe|u|x)
[run](launch:calc.exe) [data](data:image/png;base64,AAAA) [story](other.md) <file:///etc/passwd>
"""

CONFIG = """\
[collection]
title = "Links"
url = "https://example.org/박연미"
call_to_action = "Write to us"

[privacy]
redact = { "박연미" = "김철수" }
"""
UNSAFE_TEXTS = ("share", "calc", "word", "run", "data", "story", "file:///etc/passwd")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("links")
    (root / "src").mkdir()
    (root / "src" / "s.md").write_text(STORY, "utf-8")
    (root / "makedocs.toml").write_text(CONFIG, "utf-8")
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(root / "src"),
            "-o",
            str(root / "out"),
            "--config",
            str(root / "makedocs.toml"),
        ],
    )
    assert result.exit_code == 0, result.output
    return root, result.stderr


def _pdf_uris(path: Path) -> list[str]:
    from pypdf import PdfReader

    uris = []
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None:
                uris.append(str(action.get_object().get("/URI")))
    return uris


def _pptx_targets(path: Path) -> list[str]:
    import zipfile

    from lxml import etree

    targets = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".rels"):
                for rel in etree.fromstring(archive.read(name)):
                    if rel.get("TargetMode") == "External":
                        targets.append(rel.get("Target"))
    return targets


def test_the_booklet_links_only_to_web_and_mail_addresses_without_the_name(
    built: tuple[Path, str],
) -> None:
    root, _ = built
    uris = _pdf_uris(root / "out" / "booklet.pdf")
    assert len(uris) >= 4, uris  # three story links and the collection's address
    for uri in uris:
        assert uri.split(":", 1)[0] in ("https", "mailto"), uri
        decoded = decode_url(unquote(uri))
        assert "박연미" not in decoded, uri
    decoded = [decode_url(u) for u in uris]
    assert "https://ko.wikipedia.org/wiki/김철수" in decoded
    assert "mailto:김철수@example.org" in decoded
    assert "https://김철수.kr/" in decoded


def test_unsafe_links_are_printed_as_their_text(built: tuple[Path, str]) -> None:
    from pypdf import PdfReader

    root, _ = built
    text = " ".join(page.extract_text() for page in PdfReader(root / "out" / "booklet.pdf").pages)
    for word in UNSAFE_TEXTS:
        assert word in text, word


def test_the_deck_hyperlinks_carry_no_name_and_no_unsafe_scheme(built: tuple[Path, str]) -> None:
    root, _ = built
    targets = _pptx_targets(root / "out" / "deck.pptx")
    assert targets, "the deck links to the collection's address"
    for target in targets:
        assert target.split(":", 1)[0] in ("https", "http", "mailto"), target
        assert "박연미" not in decode_url(target), target


def test_the_build_warns_about_each_unsafe_link_at_its_line(built: tuple[Path, str]) -> None:
    root, stderr = built
    source = (root / "src" / "s.md").as_posix()
    warnings = [line for line in stderr.splitlines() if "is printed as text" in line]
    assert len(warnings) == 7, warnings
    # the line of the paragraph that holds them (the model keeps lines per block)
    assert all(line.startswith(f"{source}:6: warning: link to ") for line in warnings)
    assert any("'file:///etc/passwd'" in line for line in warnings)


def test_inspect_shows_only_safe_and_redacted_links(built: tuple[Path, str]) -> None:
    root, _ = built
    result = CliRunner().invoke(
        main,
        ["inspect", str(root / "src" / "s.md"), "--json", "--config", str(root / "makedocs.toml")],
    )
    assert result.exit_code == 0, result.output
    urls: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if value.get("type") == "Link":
                urls.append(value["url"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(result.stdout))
    assert len(urls) == 3 and all(is_clickable(u) for u in urls)
    assert all("박연미" not in decode_url(u) for u in urls)


def test_check_warns_about_a_redacted_name_inside_a_link(built: tuple[Path, str]) -> None:
    root, _ = built
    result = CliRunner().invoke(
        main, ["check", str(root / "src" / "s.md"), "--config", str(root / "makedocs.toml")]
    )
    source = (root / "src" / "s.md").as_posix()
    lines = result.stdout.splitlines()
    in_links = [line for line in lines if "is in the link address" in line]
    expected = (
        f"{source}:3: warning: redacted name '박연미' is in the link address "
        "'https://ko.wikipedia.org/wiki/박연미'; outputs link to it with '김철수'"
    )
    assert expected in in_links
    assert sum(line.startswith(f"{source}:3:") for line in in_links) == 3
    config = root / "makedocs.toml"
    assert any(line.startswith(f"{config}:3: warning: redacted") for line in in_links)  # url
    assert sum("is printed as text" in line for line in lines) == 7
