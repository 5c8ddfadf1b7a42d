"""Reading handouts back: text per page, words with their boxes, QR codes from rendered pages."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from makedocs.cli import main
from tests.conftest import ROOT

CONFIG = ROOT / "makedocs.toml"
SEEDS = ROOT / "seeds"
EDGE = 18.0  # 0.25in
HEADER = "title,date,time,venue,address,host,url,notes\n"


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


def handout(*args: str, sources: tuple[str, ...] = (str(SEEDS),), config: Path = CONFIG) -> object:
    return run("handout", *sources, "--config", str(config), *args)


def pages_text(path: Path) -> list[str]:
    """Each page's text, whitespace collapsed."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float  # PDF points, origin at the top-left corner of the page (as pdftotext gives)
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True, slots=True)
class Sheet:
    width: float
    height: float
    words: tuple[Word, ...]


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(
    r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>'
)


def words(path: Path) -> list[Sheet]:
    """Every word of every page with its box, as poppler lays the glyphs out."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    sheets = []
    for width, height, body in _PAGE.findall(html):
        found = tuple(
            Word(text, float(a), float(b), float(c), float(d))
            for a, b, c, d, text in _WORD.findall(body)
        )
        sheets.append(Sheet(float(width), float(height), found))
    return sheets


def qr_codes(path: Path, page: int = 0, scale: float = 4.0) -> list[str]:
    """The payload of every QR code on ``page``, read from the page rendered at ``scale``
    (72 dpi times scale) by zxing-cpp, as a phone's camera would."""
    import pypdfium2 as pdfium
    import zxingcpp

    document = pdfium.PdfDocument(str(path))
    try:
        picture = document[page].render(scale=scale).to_pil()
    finally:
        document.close()
    return sorted(code.text for code in zxingcpp.read_barcodes(picture))


def csv_file(folder: Path, rows: list[str], name: str = "events.csv") -> Path:
    path = folder / name
    path.write_text(HEADER + "".join(row + "\n" for row in rows), "utf-8")
    return path
