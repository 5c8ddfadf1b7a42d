"""Re-measure text boxes of a saved deck, independently of how the renderer planned them."""

from __future__ import annotations

from typing import Any

from pptx.util import Emu

from makedocs.context import BuildContext
from makedocs.deck.fit import Measure
from makedocs.deck.style import deck_style
from makedocs.theme import load_theme

_DEFAULT_INSETS = {"lIns": 91440, "tIns": 45720, "rIns": 91440, "bIns": 45720}


def measure() -> Measure:
    ctx = BuildContext.create(load_theme("default"))
    style = deck_style(ctx.theme)
    return Measure(ctx.fonts, style.font, style.size_step)


def insets(shape: Any) -> dict[str, int]:
    """bodyPr insets on the slide, else on the layout placeholder, else the defaults."""
    found = dict(_DEFAULT_INSETS)
    chain = [shape.element]
    if shape.is_placeholder:
        layout_ph = shape.part.slide_layout.placeholders.get(idx=shape.placeholder_format.idx)
        if layout_ph is not None:
            chain.insert(0, layout_ph.element)
    for el in chain:
        body = el.find(".//{*}txBody/{*}bodyPr")
        if body is None:
            continue
        for key in found:
            if body.get(key) is not None:
                found[key] = int(body.get(key))
    return found


def text_height(shape: Any, m: Measure) -> tuple[float, float]:
    """(needed height, available height) in points for the text of ``shape``."""
    ins = insets(shape)
    width = Emu(shape.width - ins["lIns"] - ins["rIns"]).pt
    room = Emu(shape.height - ins["tIns"] - ins["bIns"]).pt
    total = 0.0
    elements = shape.element.findall("{*}txBody/{*}p")
    for n, (para, p) in enumerate(zip(shape.text_frame.paragraphs, elements, strict=True)):
        runs = para.runs
        if not runs:
            continue
        size = max(r.font.size.pt for r in runs)
        bold = bool(runs[0].font.bold)
        italic = bool(runs[0].font.italic)
        style = (
            "bold_italic"
            if bold and italic
            else "bold"
            if bold
            else "italic"
            if italic
            else "regular"
        )
        ppr = p.find("{*}pPr")
        indent = int(ppr.get("marL", "0")) / 12700 if ppr is not None else 0.0
        spacing = 1.0
        before = 0.0
        if ppr is not None:
            pct = ppr.find("{*}lnSpc/{*}spcPct")
            if pct is not None:
                spacing = int(pct.get("val")) / 100000
            pts = ppr.find("{*}spcBef/{*}spcPts")
            if pts is not None and n:
                before = int(pts.get("val")) / 100
        text = "\n".join(_lines(p))
        lines = m.lines(text, style, size, width - indent)
        total += len(lines) * size * m.line_height(style) * spacing + before
    return total, room


def _lines(p: Any) -> list[str]:
    """Paragraph text (of an ``a:p``) split at <a:br/> line breaks."""
    out = [""]
    for child in p:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "br":
            out.append("")
        elif tag in ("r", "fld"):
            t = child.find("{*}t")
            out[-1] += t.text or "" if t is not None else ""
    return out
