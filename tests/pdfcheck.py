"""Facts about PDFs read back with pypdf, shared by the output tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font used on any page -> whether its font file is embedded in the PDF."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            found[str(font["/BaseFont"])] = any(
                key in desc for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return found


# --- what a page draws, read back from its content stream ------------------------------------

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class Mark:
    """One thing a page draws: a glyph (``kind`` "glyph", ``text`` its character code in its
    font), a stroked path ("stroke") or a filled one ("fill"), with where it is, its font and
    size (glyphs), line width (strokes) and colour (fill colour for glyphs and fills, stroke
    colour for strokes: the colour operator and its operands)."""

    page: int
    kind: str
    x: float
    y: float
    colour: tuple[str, tuple[float, ...]]
    font: str = ""
    size: float = 0.0
    text: str = ""
    width: float = 0.0  # line width of a stroke; the bounds' width of a filled path

    def place(self) -> tuple[Any, ...]:
        """Everything but the colour, rounded to a hundredth of a point."""
        return (
            self.page,
            self.kind,
            round(self.x, 2),
            round(self.y, 2),
            self.font,
            round(self.size, 2),
            self.text,
            round(self.width, 2),
        )


def _times(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


_COLOUR_OPS = {"rg": 3, "g": 1, "k": 4, "RG": 3, "G": 1, "K": 4}


def marks(reader: PdfReader) -> list[Mark]:
    """Every glyph, stroke and fill of every page, in drawing order, in PDF user space."""
    from pypdf.generic import ContentStream

    found: list[Mark] = []
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        if contents is None:
            continue
        fonts = {
            str(name): font.get_object()
            for name, font in (page["/Resources"].get("/Font") or {}).items()
        }
        state = {"ctm": _IDENTITY, "fill": ("g", (0.0,)), "stroke": ("G", (0.0,)), "lw": 1.0}
        stack: list[dict[str, Any]] = []
        path: list[tuple[float, float]] = []
        text: dict[str, Any] = {}
        for operands, op in ContentStream(contents, reader).operations:
            name = op.decode("latin-1")
            values = [float(v) for v in operands if isinstance(v, int | float)]
            if name == "q":
                stack.append(dict(state))
            elif name == "Q":
                state = stack.pop()
            elif name == "cm":
                state["ctm"] = _times(tuple(values), state["ctm"])  # type: ignore[arg-type]
            elif name in _COLOUR_OPS or name in ("sc", "scn", "SC", "SCN"):
                key = "fill" if name.islower() else "stroke"
                state[key] = (name.lower(), tuple(round(v, 4) for v in values))
            elif name == "w":
                state["lw"] = values[0]
            elif name in ("m", "l"):
                path.append(_apply(state["ctm"], *values))
            elif name == "c":
                path.append(_apply(state["ctm"], *values[4:6]))
            elif name == "re":
                x, y, w, h = values
                path += [_apply(state["ctm"], x, y), _apply(state["ctm"], x + w, y + h)]
            elif name in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"):
                if path and name != "n":
                    xs, ys = [p[0] for p in path], [p[1] for p in path]
                    stroke = name in ("S", "s")
                    found.append(
                        Mark(
                            number,
                            "stroke" if stroke else "fill",
                            min(xs),
                            min(ys),
                            state["stroke" if stroke else "fill"],
                            width=state["lw"] if stroke else max(xs) - min(xs),
                            text=f"{max(xs) - min(xs):.2f}x{max(ys) - min(ys):.2f}",
                        )
                    )
                path = []
            elif name == "BT":
                text = {"tm": _IDENTITY, "lm": _IDENTITY, "font": None, "size": 0.0}
                text.update({"tc": 0.0, "tw": 0.0, "tz": 1.0, "tl": 0.0, "rise": 0.0})
            elif name == "Tf":
                text["font"], text["size"] = fonts[str(operands[0])], float(operands[1])
            elif name == "Tc":
                text["tc"] = values[0]
            elif name == "Tw":
                text["tw"] = values[0]
            elif name == "Tz":
                text["tz"] = values[0] / 100
            elif name == "TL":
                text["tl"] = values[0]
            elif name == "Ts":
                text["rise"] = values[0]
            elif name in ("Td", "TD", "T*"):
                tx, ty = values if name != "T*" else (0.0, -text["tl"])
                if name == "TD":
                    text["tl"] = -ty
                text["lm"] = text["tm"] = _times((1, 0, 0, 1, tx, ty), text["lm"])
            elif name == "Tm":
                text["lm"] = text["tm"] = tuple(values)
            elif name in ("Tj", "TJ", "'", '"'):
                if name in ("'", '"'):
                    text["lm"] = text["tm"] = _times((1, 0, 0, 1, 0, -text["tl"]), text["lm"])
                items = operands[0] if name == "TJ" else [operands[-1]]
                for item in items:
                    if isinstance(item, int | float):
                        shift = -float(item) / 1000 * text["size"] * text["tz"]
                        text["tm"] = _times((1, 0, 0, 1, shift, 0), text["tm"])
                        continue
                    data = getattr(item, "original_bytes", None) or bytes(item)
                    found.extend(_glyphs(number, data, text, state))
        del stack
    return found


def _glyphs(number: int, data: bytes, text: dict[str, Any], state: dict[str, Any]) -> list[Mark]:
    """One Mark per byte of a simple (8-bit) font's string, advancing the text matrix."""
    font = text["font"]
    widths = font.get("/Widths") or []
    first = int(font.get("/FirstChar", 0))
    base = str(font["/BaseFont"]).split("+")[-1]
    size = text["size"]
    out = []
    for code in data:
        m = _times(text["tm"], state["ctm"])
        x, y = _apply(m, 0, text["rise"])
        scale = (m[0] ** 2 + m[1] ** 2) ** 0.5
        out.append(Mark(number, "glyph", x, y, state["fill"], base, size * scale, f"{code:02x}"))
        index = code - first
        advance = float(widths[index]) / 1000 if 0 <= index < len(widths) else 0.0
        dx = (advance * size + text["tc"] + (text["tw"] if code == 32 else 0.0)) * text["tz"]
        text["tm"] = _times((1, 0, 0, 1, dx, 0), text["tm"])
    return out
