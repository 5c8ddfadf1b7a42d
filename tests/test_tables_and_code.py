"""Tables and code outside the booklet: ``check`` (glyphs and names in cells and code),
``inspect`` (the tree and the JSON), and the accessible edition (caption, header cells, code as
written), each read back with the parser the reader would use."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from makedocs.cli import main
from tests.conftest import FIXTURES
from tests.edition.reading import NS, Epub

TABLES = FIXTURES / "markdown" / "tables-and-code.md"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_finds_characters_no_font_has_in_cells_and_code(tmp_path: Path) -> None:
    story = tmp_path / "s.md"
    story.write_text(
        "# Story\n\nText.\n\n| a | b |\n|---|---|\n| x | melting \U0001fae0 |\n\n"
        "```\nrare = '\U0002a6a5'\n```\n",
        "utf-8",
    )
    code, out, _ = run("check", str(story))
    assert code == 1
    where = {
        line.split(": error")[0]
        for line in out.splitlines()
        if "no bundled font has" in line and ("U+1FAE0" in line or "U+2A6A5" in line)
    }
    assert where == {f"{story.as_posix()}:5", f"{story.as_posix()}:9"}, out


def test_hangul_in_cells_and_code_is_covered_by_the_fallback_fonts(tmp_path: Path) -> None:
    story = tmp_path / "s.md"
    story.write_text(
        "# Story\n\nText.\n\n| 강 | b |\n|---|---|\n| 두만강 | x |\n\n```\nriver = '두만강'\n```\n",
        "utf-8",
    )
    code, out, _ = run("check", str(story))
    assert (code, out) == (0, "")


def test_check_lists_redacted_names_in_cells_and_code(tmp_path: Path) -> None:
    story = tmp_path / "s.md"
    story.write_text(
        "# Story\n\nText.\n\n| Who |\n|---|\n| Yusung |\n\n```\nname = 'Yusung'\n```\n", "utf-8"
    )
    config = tmp_path / "makedocs.toml"
    config.write_text('[privacy]\nredact = { "Yusung" = "Minho" }\n', "utf-8")
    _code, out, _ = run("check", str(story), "--config", str(config))
    places = {line.split(": warning")[0] for line in out.splitlines() if "redacted name" in line}
    assert places == {f"{story.as_posix()}:5", f"{story.as_posix()}:9"}, out


def test_inspect_shows_a_table_shape_and_a_code_blocks_language(tmp_path: Path) -> None:
    code, out, _ = run("inspect", str(TABLES), "--config", "/dev/null")
    assert code == 0
    lines = [line.split() for line in out.splitlines()]
    assert lines[3][:7] == ["Table", "9", "3", "columns", "×", "3", "rows:"]
    assert out.splitlines()[3].endswith("rows: Routes out of the north: Year | Route | Days")
    assert lines[5][:5] == ["CodeBlock", "17", "python,", "2", "lines:"]
    assert lines[6][:4] == ["CodeBlock", "22", "1", "line:"]


def test_inspect_json_carries_the_table_and_the_code_as_written() -> None:
    code, out, _ = run("inspect", str(TABLES), "--json", "--config", "/dev/null")
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 2
    blocks = data["collection"]["stories"][0]["blocks"]
    table = next(b for b in blocks if b["type"] == "Table")
    assert table["align"] == ["left", "left", "right"]
    assert [c[0]["text"] for c in table["header"]] == ["Year", "Route", "Days"]
    code_block = next(b for b in blocks if b["type"] == "CodeBlock")
    assert code_block["language"] == "python"
    assert code_block["text"].startswith('route = ["Hyesan", \'Shenyang\']  # "quoted" --')
    assert "\n\tif route:  # a tab, and    spaces" in code_block["text"]


def test_the_edition_sets_caption_header_cells_and_code_as_written(tmp_path: Path) -> None:
    out = tmp_path / "out" / "b.epub"
    code, _out, err = run("epub", str(TABLES), "-o", str(out), "--config", "/dev/null")
    assert code == 0, err
    documents = [doc for _href, doc in Epub(out.read_bytes()).documents()]
    tables = [t for doc in documents for t in doc.iterfind(".//x:table", NS)]
    assert len(tables) == 2
    caption = tables[0].find("x:caption", NS)
    assert "".join(caption.itertext()) == "Routes out of the north"
    assert tables[0].index(caption) == 0  # the first child, as HTML requires
    headers = tables[0].findall(".//x:th", NS)
    assert [("".join(h.itertext()), h.get("scope")) for h in headers] == [
        ("Year", "col"),
        ("Route", "col"),
        ("Days", "col"),
    ]
    assert "".join(tables[1].find("x:caption", NS).itertext()) == "The people in this story"
    codes = [
        "".join(c.itertext()) for doc in documents for c in doc.iterfind(".//x:pre/x:code", NS)
    ]
    assert codes == [
        'route = ["Hyesan", \'Shenyang\']  # "quoted" -- as written...\n'
        "\tif route:  # a tab, and    spaces",
        'indented = "code"',
    ]
    assert etree.tostring(documents[0])  # well-formed throughout
