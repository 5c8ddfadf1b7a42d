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


def table_cells(table: Any) -> list[Any]:
    """What the cells of a ReportLab Table (or a part split off one) hold, row by row: each a
    flowable, a list of flowables or a string."""
    return [cell for row in getattr(table, "_cellvalues", None) or [] for cell in row]


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


def settle_loose_lines(paragraph: Any, space: float, most: float) -> int:
    """Keep every justified line of a just-wrapped ``paragraph`` within ``most`` times
    ``space`` between words. A line that would be looser first takes the last word of the line
    above (which ReportLab hyphenates if only part of it fits) when that leaves fewer loose
    lines in as many lines; otherwise it is set ragged, with plain spaces. Return how many
    lines were set ragged."""
    lines = paragraph.blPara.lines
    for index in range(1, _justified(paragraph, lines)):
        if _stretch(lines[index], space) > most:
            _take_word_from_above(paragraph, index, space, most)
            lines = paragraph.blPara.lines
    ragged = 0
    for index in range(_justified(paragraph, lines)):
        if _stretch(lines[index], space) > most:
            _set_extra(lines, index, 0.0)
            ragged += 1
    return ragged


def _justified(paragraph: Any, lines: list[Any]) -> int:
    """How many of the lines are justified: all but the last, unless the paragraph goes on
    on the next page (the part ReportLab split off first justifies its last line)."""
    return len(lines) if getattr(paragraph, "_JustifyLast", False) else len(lines) - 1


def _extra(line: Any) -> float:
    return float(line[0] if isinstance(line, tuple) else line.extraSpace)


def _set_extra(lines: list[Any], index: int, extra: float) -> None:
    line = lines[index]
    if isinstance(line, tuple):
        lines[index] = (extra, line[1])
    else:
        line.extraSpace = extra


def _gaps(line: Any) -> int:
    return len(line[1]) - 1 if isinstance(line, tuple) else int(line.wordCount) - 1


def _stretch(line: Any, space: float) -> float:
    """How many times ``space`` the gaps between the words of a justified line are."""
    if not isinstance(line, tuple) and getattr(line, "lineBreak", False):
        return 1.0  # ends at a forced break: never justified
    gaps = _gaps(line)
    extra = _extra(line)
    if gaps <= 0 or extra <= 0:
        return 1.0
    return (space + extra / gaps) / space


def _take_word_from_above(paragraph: Any, index: int, space: float, most: float) -> None:
    """Break the line above line ``index`` before its last word (or inside it, hyphenated),
    if that keeps the line above within ``most``, leaves fewer loose lines and no more lines."""
    lines = paragraph.blPara.lines
    given = list(paragraph._wrapWidths)
    widths = [given[min(i, len(given) - 1)] for i in range(len(lines) + 1)]
    above = index - 1
    trial = list(widths)
    # Its words, less what ReportLab may squeeze out of its spaces to fit one more, less a hair.
    squeeze = (_gaps(lines[above]) + 1) * space * paragraph.style.spaceShrinkage
    trial[above] = widths[above] - _extra(lines[above]) - squeeze - 0.01
    kept = paragraph.height, paragraph._width_max  # breakLines resets them
    broken = paragraph.breakLines(trial)
    paragraph.height, paragraph._width_max = kept
    new = broken.lines
    if len(new) != len(lines):
        return  # never a line more: the page breaks already counted on this many
    _set_extra(new, above, _extra(new[above]) + widths[above] - trial[above])
    if _stretch(new[above], space) <= most and _loose(paragraph, new, space, most) < _loose(
        paragraph, lines, space, most
    ):
        paragraph.blPara = broken


def _loose(paragraph: Any, lines: list[Any], space: float, most: float) -> int:
    return sum(_stretch(line, space) > most for line in lines[: _justified(paragraph, lines)])


def _texts(lines: list[Any]) -> list[str]:
    return [
        " ".join(line[1])
        if isinstance(line, tuple)
        else "".join(getattr(frag, "text", "") for frag in line.words)
        for line in lines
    ]


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
