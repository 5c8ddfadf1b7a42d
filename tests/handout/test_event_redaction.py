"""The events CSV is a way in too: a real name in it is redacted on the page, in the QR code's
address and in the file names, as it is in the stories."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from makedocs.cli import main
from tests.conftest import ROOT, SEEDS


def test_names_in_the_events_csv_are_redacted_everywhere(tmp_path: Path) -> None:
    config = tmp_path / "makedocs.toml"
    config.write_text(
        (ROOT / "makedocs.toml").read_text("utf-8")
        + '\n[privacy]\nredact = { "Yusung Park" = "Minho Lee", "Yusung" = "Minho" }\n',
        "utf-8",
    )
    events = tmp_path / "events.csv"
    events.write_text(
        "title,date,time,venue,address,host,url,notes\n"
        "Screening,2027-02-11,7 PM,Yusung Park Hall,1 Main St,Hosted by Yusung,"
        "https://example.org/yusung-park,Ask for Yusung at the door\n",
        "utf-8",
    )
    out = tmp_path / "out" / "handouts.pdf"
    result = CliRunner().invoke(
        main,
        ["handout", str(SEEDS), "--events", str(events), "-o", str(out), "--config", str(config)],
    )
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(out.parent).as_posix() for p in out.parent.rglob("*.pdf"))
    assert not any("yusung" in name.lower() for name in files), files
    assert any("minho" in name.lower() for name in files), files
    for pdf in out.parent.rglob("*.pdf"):
        text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert "Yusung" not in text and "yusung" not in text, pdf
        assert "Minho Lee Hall" in " ".join(text.split()), pdf
