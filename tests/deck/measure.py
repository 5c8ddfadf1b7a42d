"""Re-measure text boxes of a saved deck, independently of how the renderer planned them."""

from __future__ import annotations

from typing import Any

from pptx.util import Emu

from makedocs.context import BuildContext
from makedocs.deck.fit import Measure
from makedocs.deck.rich import Mark
from makedocs.deck.style import deck_style
from makedocs.theme import load_theme

_DEFAULT_INSETS = {"lIns": 91440, "tIns": 45720, "rIns": 91440, "bIns": 45720}


def measure(family: str | None = None, margin: float = 1.0) -> Measure:
    """A measure of the default theme: the deck's own family, or ``family`` widened by
    ``margin`` (an organisation's template measured with a stand-in)."""
    ctx = BuildContext.create(load_theme("default"))
    style = deck_style(ctx.theme)
    return Measure(ctx.fonts, family or style.font, style.size_step, margin)


def mono() -> Measure:
    """The measure of code (the theme's monospaced family)."""
    ctx = BuildContext.create(load_theme("default"))
    style = deck_style(ctx.theme)
    return Measure(ctx.fonts, style.code.font, style.size_step)


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


def text_height(shape: Any, m: Measure, code: Measure | None = None) -> tuple[float, float]:
    """(needed height, available height) in points for the text of ``shape``: every run
    measured in its own face (bold, italic), code (Courier New) with ``code``."""
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
        text, marks = _styled(p)
        style = "regular"
        faces = {r.font.name for r in runs}
        measuring = code if code is not None and faces == {"Courier New"} else m
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
        lines = measuring.lines(text, style, size, width - indent, marks)
        total += len(lines) * size * measuring.line_height(style) * spacing + before
    return total, room


def _styled(p: Any) -> tuple[str, tuple[Mark, ...]]:
    """Paragraph text (line breaks as newlines) and marks of its bold and italic runs."""
    text = ""
    marks = []
    for child in p:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "br":
            text += "\n"
        elif tag in ("r", "fld"):
            value = child.findtext("{*}t") or ""
            rpr = child.find("{*}rPr")
            bold = rpr is not None and rpr.get("b") in ("1", "true")
            italic = rpr is not None and rpr.get("i") in ("1", "true")
            if value and (bold or italic):
                marks.append(Mark(len(text), len(text) + len(value), bold, italic))
            text += value
    return text, tuple(marks)
