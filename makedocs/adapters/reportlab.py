"""ReportLab internals makedocs relies on, where ReportLab has no public API for them.

Tested with ReportLab 4.4 to 5.1 (pinned in pyproject.toml):

- ``Paragraph.blPara`` (the broken lines after ``wrap``: ``(extra space, words)`` tuples for a
  paragraph in one font, ``FragLine``s with ``extraSpace``/``wordCount``/``lineBreak`` otherwise),
  ``Paragraph.breakLines`` with a list of widths (one per line, the last for every later
  line) and ``Paragraph._offsets`` (how far each line is moved right when drawn), which
  ReportLab's own ``ParagraphAndImage`` uses to set text around a picture;
- the text object a paragraph draws its lines in (``Paragraph.beginText``; its ``_code``
  list of operators) and ``canvas._curr_tx_info``, which holds that text object while a
  ``<onDraw>`` callback runs;
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas


class ReaderCanvas(Canvas):
    """The canvas every makedocs PDF is drawn on. It opens the way a reader expects: the
    document's title (not its file name) in the window's title bar, and the outline panel
    open (``/ViewerPreferences << /DisplayDocTitle true >>``, ``/PageMode /UseOutlines``;
    adapters.pypdf.open_as_a_reader does the same for PDFs pypdf writes). Pass it as
    ``canvasmaker`` to a document template's ``build``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setViewerPreference("DisplayDocTitle", "true")
        self.showOutline()


def build_once(doc: Any, flowables: list[Any], finish: Any, canvasmaker: Any) -> None:
    """Lay ``flowables`` out once with ``doc`` (a document template), then call ``finish``
    with the canvas to draw what needed the whole layout (forms the pages refer to), then
    save. (``_doSave`` is how a template is told not to save when its build ends.)"""
    doc._doSave = 0
    doc.build(flowables, canvasmaker=canvasmaker)
    finish(doc.canv)
    doc.canv.save()


def last_line_words(paragraph: Any) -> int:
    """Words on the last line of a Paragraph that has just been wrapped."""
    lines = paragraph.blPara.lines
    if not lines:
        return 0
    line = lines[-1]
    count = getattr(line, "wordCount", None)  # a FragLine (text with font changes)
    if count is not None:
        return int(count)
    return len(line[1]) if isinstance(line, tuple) else 2  # (extra space, words)


def line_words(paragraph: Any) -> list[list[str]]:
    """The words on each line of a Paragraph that has just been wrapped (split at any space,
    no-break spaces included)."""
    out = []
    for line in paragraph.blPara.lines:
        if isinstance(line, tuple):
            text = " ".join(line[1])
        else:
            text = "".join(getattr(frag, "text", "") for frag in line.words)
        out.append(text.split())
    return out


def paragraph_text(paragraph: Any) -> str:
    """The words a Paragraph prints: those of its lines once it has been wrapped or split off
    another (whose text ReportLab no longer keeps as text), else its text."""
    if getattr(paragraph, "blPara", None) is not None:
        return " ".join(" ".join(words) for words in line_words(paragraph))
    return str(paragraph.getPlainText())


def line_count(paragraph: Any) -> int:
    """Lines of a Paragraph that has just been wrapped."""
    return len(paragraph.blPara.lines)


def break_lines(paragraph: Any, widths: list[float], offsets: list[float]) -> int:
    """Break ``paragraph`` into lines ``widths`` wide (the last width for every later line),
    each drawn ``offsets`` further right (likewise); return how many lines it takes."""
    paragraph._wrapWidths = widths
    paragraph.blPara = paragraph.breakLines(widths)
    paragraph._offsets = list(offsets)
    return len(paragraph.blPara.lines)


def rag_loose_lines(paragraph: Any, space: float, most: float) -> int:
    """Set ragged (with plain spaces) every justified line of a just-wrapped ``paragraph``
    whose spaces would stretch beyond ``most`` times ``space``; return how many were."""
    ragged = 0
    lines = paragraph.blPara.lines
    # A paragraph's last line is set ragged anyway, unless the paragraph goes on on the next
    # page (the part ReportLab split off first justifies its last line).
    justified = lines if getattr(paragraph, "_JustifyLast", False) else lines[:-1]
    for index, line in enumerate(justified):
        if isinstance(line, tuple):
            extra, words = line
            gaps = len(words) - 1
        else:
            if getattr(line, "lineBreak", False):
                continue
            extra = line.extraSpace
            gaps = line.wordCount - 1
        if gaps <= 0 or extra <= 0 or space + extra / gaps <= most * space:
            continue
        if isinstance(line, tuple):
            lines[index] = (0.0, line[1])
        else:
            line.extraSpace = 0.0
        ragged += 1
    return ragged


def on_draw(name: str) -> str:
    """Paragraph markup that calls the canvas callback ``name`` when drawing reaches it."""
    return f'<onDraw name="{name}"/>'


def text_object(canvas: Any) -> Any:
    """The text object a paragraph is drawing, inside an ``<onDraw>`` callback."""
    return canvas._curr_tx_info["tx"]


def emit(text: Any, operators: str) -> None:
    """Append raw content-stream ``operators`` to ``text`` (a text object being drawn)."""
    text._code.append(operators)


def show(text: Any, string: str, font: str, size: float, colour: Any, *, rise: float) -> None:
    """Draw ``string`` at the start of the current line of ``text`` (a text object being
    drawn), ``rise`` above its baseline, leaving the line's position, rise, font and colour for
    the paragraph to set again (ReportLab resets them when a paragraph's text object begins)."""
    text._setFont(font, size)
    text.setFillColor(colour)
    text._code.append(f"{rise:.2f} Ts")
    text._textOut(string)
    text._code.append("0 Ts")


def actual_text(text: str) -> str:
    """``/Span <</ActualText ...>> BDC``: begin marked content read as ``text`` (UTF-16)."""
    encoded = ("\ufeff" + text).encode("utf-16-be").hex().upper()
    return f"/Span <</ActualText <{encoded}>>> BDC"
