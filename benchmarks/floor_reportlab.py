"""The ReportLab floor: the benchmark's stories set with plain platypus, and no makedocs.

Usage: ``python benchmarks/floor_reportlab.py STORIES.json OUT.pdf``

What makedocs' booklet is held to (at most 2x, issue 14): the same text in the same bundled fonts,
sizes, page and margins as the default theme (``corpus.py`` reads them and puts them in the JSON),
justified and hyphenated with pyphen (through ReportLab's own ``hyphenationLang``), Hangul in
Nanum Myeongjo, pictures at the text width, one page break per story. Not done here: cover,
contents, running heads and folios, drop caps, recto openings, picture re-encoding, glyph
fallback, redaction, metadata cleaning.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54}
FONTS = {
    "Serif": "NotoSerif-Regular.ttf",
    "Serif-Italic": "NotoSerif-Italic.ttf",
    "Serif-Bold": "NotoSerif-Bold.ttf",
    "Serif-BoldItalic": "NotoSerif-BoldItalic.ttf",
    "Sans": "NotoSans-Regular.ttf",
    "Hangul": "NanumMyeongjo.ttf",
}


def points(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)\s*(pt|in|mm|cm)", value)
    if match is None:
        raise ValueError(f"not an absolute length: {value!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def markup(spans: list[list[str]]) -> str:
    out = []
    for kind, text, *rest in spans:
        text = escape(text)
        match kind:
            case "em":
                out.append(f"<i>{text}</i>")
            case "strong":
                out.append(f"<b>{text}</b>")
            case "link":
                out.append(f'<a href="{escape(rest[0])}">{text}</a>')
            case "hangul":
                out.append(f'<font name="Hangul">{text}</font>')
            case _:
                out.append(text)
    return "".join(out)


def main(data_path: Path, out_path: Path) -> None:
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.fonts import addMapping
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (
        Image,
        ListFlowable,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
    )

    data = json.loads(data_path.read_text("utf-8"))
    theme = {name: points(value) for name, value in data["booklet"].items()}
    for name, file in FONTS.items():
        pdfmetrics.registerFont(TTFont(name, str(ROOT / "fonts" / file)))
    for bold, italic, face in (
        (0, 0, ""),
        (0, 1, "-Italic"),
        (1, 0, "-Bold"),
        (1, 1, "-BoldItalic"),
    ):
        addMapping("Serif", bold, italic, f"Serif{face}")

    size, leading = theme["body"], theme["leading"]
    body = ParagraphStyle(
        "body",
        fontName="Serif",
        fontSize=size,
        leading=leading,
        alignment=TA_JUSTIFY,
        firstLineIndent=size * 1.2,
        hyphenationLang="en_US",
        embeddedHyphenation=1,
    )
    first = ParagraphStyle("first", parent=body, firstLineIndent=0)
    title_size = theme["title"]
    title = ParagraphStyle(
        "title",
        parent=first,
        fontName="Serif-Bold",
        fontSize=title_size,
        leading=title_size * 1.2,
        alignment=TA_LEFT,
        hyphenationLang="",
        spaceAfter=leading,
    )
    subtitle = ParagraphStyle(
        "subtitle",
        parent=first,
        fontName="Serif-Italic",
        fontSize=theme["subtitle"],
        leading=theme["subtitle"] * 1.3,
        alignment=TA_LEFT,
        spaceAfter=leading / 2,
    )
    label = ParagraphStyle(
        "label",
        parent=first,
        fontName="Sans",
        fontSize=theme["label"],
        alignment=TA_LEFT,
        spaceAfter=leading,
    )
    pull_size = theme["pull_quote"]
    pull = ParagraphStyle(
        "pull",
        parent=first,
        fontSize=pull_size,
        leading=pull_size * 1.3,
        alignment=TA_LEFT,
        leftIndent=size,
        rightIndent=size,
        spaceBefore=leading,
        spaceAfter=leading,
        hyphenationLang="",
    )
    quote = ParagraphStyle(
        "quote",
        parent=first,
        leftIndent=size * 1.5,
        rightIndent=size * 1.5,
        spaceBefore=leading / 2,
    )
    epigraph = ParagraphStyle(
        "epigraph", parent=quote, fontName="Serif-Italic", fontSize=theme["epigraph"]
    )
    by = ParagraphStyle(
        "by", parent=first, fontName="Serif-Italic", alignment=TA_RIGHT, spaceAfter=leading / 2
    )
    caption = ParagraphStyle(
        "caption",
        parent=first,
        fontName="Sans",
        fontSize=theme["caption"],
        leading=theme["caption"] * 1.3,
        alignment=TA_LEFT,
        spaceAfter=leading,
    )

    width, height = theme["width"], theme["height"]
    inner, outer = theme["inner"], theme["outer"]
    text_width = width - inner - outer
    sizes: dict[str, tuple[int, int]] = {}
    base = data_path.parent

    def picture(block: dict[str, Any]) -> list[Any]:
        path = str(base / block["path"])
        if path not in sizes:
            sizes[path] = ImageReader(path).getSize()
        w, h = sizes[path]
        scaled = min(text_width, (height - 3 * 72) * w / h)
        out: list[Any] = [Spacer(1, leading / 2), Image(path, scaled, scaled * h / w)]
        if block["caption"]:
            out.append(Paragraph(escape(f"{block['caption']} {block['credit']}"), caption))
        return out

    flow: list[Any] = []
    for story in data["stories"]:
        flow.append(Paragraph(escape(story["title"]), title))
        if "subtitle" in story:
            flow.append(Paragraph(escape(story["subtitle"]), subtitle))
        if "byline" in story:
            flow.append(Paragraph(escape(story["byline"].upper()), label))
        if "image" in story:
            flow.extend(picture(story["image"]))
        style = first
        for block in story["blocks"]:
            match block["kind"]:
                case "paragraph":
                    flow.append(Paragraph(markup(block["spans"]), style))
                    style = body
                    continue
                case "pull":
                    flow.append(Paragraph(markup(block["spans"]), pull))
                case "epigraph" | "quote":
                    flow.append(
                        Paragraph(
                            markup(block["spans"]),
                            epigraph if block["kind"] == "epigraph" else quote,
                        )
                    )
                    flow.append(Paragraph(escape(f"— {block['by']}"), by))
                case "list":
                    items = [Paragraph(escape(item), first) for item in block["items"]]
                    flow.append(
                        ListFlowable(
                            items,
                            bulletType="1" if block["ordered"] else "bullet",
                            bulletFontName="Serif",
                            bulletFontSize=size,
                        )
                    )
                case "image":
                    flow.extend(picture(block))
                case "divider":
                    flow.append(
                        Paragraph(
                            "*\u2003*\u2003*",
                            ParagraphStyle(
                                "divider",
                                parent=first,
                                alignment=1,
                                spaceBefore=leading / 2,
                                spaceAfter=leading / 2,
                            ),
                        )
                    )
                case "attribution":
                    flow.append(Paragraph(escape(f"— {block['text']}"), by))
            style = first
        flow.append(PageBreak())

    doc = SimpleDocTemplate(
        str(out_path),
        pagesize=(width, height),
        leftMargin=inner,
        rightMargin=outer,
        topMargin=theme["top"],
        bottomMargin=theme["bottom"],
        title=data["title"],
        invariant=1,
    )
    doc.build(flow)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
