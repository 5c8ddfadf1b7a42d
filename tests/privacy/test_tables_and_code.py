"""Names in table cells, table captions and code blocks are redacted like any other text.

Code is set exactly as written, but privacy comes first: a real name inside code is replaced
by its alias before any renderer sees it (and ``check`` lists every place one still occurs).
Read back from every output file of a real build.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from makedocs.cli import main
from makedocs.model import CodeBlock, Source, Table, Text
from makedocs.transforms import redact
from tests.privacy.extract import all_texts, squeeze

NAMES = {"Yusung Park": "Minho Lee", "Yusung": "Minho", "한나": "지은"}

STORY = """\
# The Route

| Who | Where |
|-----|-------|
| Yusung Park | Hyesan |
| 한나가 | **Yusung**'s village |

Table: Yusung's route

The message, as it was sent:

```python
sender = "Yusung Park"  # 한나를 보냈다 -- "as written"
print(sender, 'YUSUNG')
```
"""


def test_the_model_pass_redacts_cells_captions_and_code_and_keeps_code_as_written() -> None:
    from makedocs.model import Collection, Metadata, Story

    source = Source("s.md", 3)
    table = Table(
        ((Text("Yusung Park"),),), (((Text("한나가 left"),),),), ("",), source, (Text("Yusung"),)
    )
    code = CodeBlock("sender = \"Yusung Park\"  # 한나를 -- 'x'", "yusung", source)
    story = Story("S", (table, code), source)
    after = redact(Collection(Metadata(), (story,)), NAMES).stories[0]
    table_after, code_after = after.blocks
    assert table_after.header == ((Text("Minho Lee"),),)
    assert table_after.rows == (((Text("지은이 left"),),),)
    assert table_after.caption == (Text("Minho"),)
    # names replaced, and nothing else: straight quotes, dashes and spacing stay as written
    assert code_after.text == "sender = \"Minho Lee\"  # 지은을 -- 'x'"
    assert code_after.language == "yusung"  # an info string is never shown


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("redact-tables")
    (root / "src").mkdir()
    (root / "src" / "route.md").write_text(STORY, "utf-8")
    config = root / "makedocs.toml"
    config.write_text(
        '[collection]\ntitle = "Routes"\n\n[privacy]\n'
        'redact = { "Yusung Park" = "Minho Lee", "Yusung" = "Minho", "한나" = "지은" }\n',
        "utf-8",
    )
    out = root / "dist"
    result = CliRunner().invoke(
        main, ["build", str(root / "src"), "-o", str(out), "--config", str(config)]
    )
    assert result.exit_code == 0, result.output
    return out


def test_no_output_holds_a_name_from_a_cell_a_caption_or_code(build: Path) -> None:
    texts = all_texts(build)
    assert {"booklet.pdf", "booklet.epub", "booklet.html"} <= set(texts)
    for name, text in texts.items():
        flat = squeeze(text)
        assert "yusung" not in flat, f"a name leaked into {name}"
        assert "한나" not in text, f"a Hangul name leaked into {name}"


def test_the_booklet_prints_the_aliases_in_cells_caption_and_code(build: Path) -> None:
    text = "\n".join(page.extract_text() for page in PdfReader(build / "booklet.pdf").pages)
    assert 'sender = "Minho Lee"  # 지은을 보냈다 -- "as written"' in text
    assert "print(sender, 'MINHO')" in text
    assert "Minho Lee" in text and "지은이" in text and "Minho’s route" in text
