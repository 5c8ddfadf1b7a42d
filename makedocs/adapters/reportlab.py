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
- ``BaseDocTemplate.build``'s loop over its list of flowables: it asks the list's ``len``
  before each flowable and changes only its front (``Flow`` relies on both);
- how ``Canvas.drawImage`` registers an image XObject with the document (``canvas._doc``,
  ``idToObject``, ``_setXObjects``, ``_formsinuse``, ``PDFImageXObject`` and its ``_smask``),
  which ``draw_picture`` does once per picture rather than once per use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from hashlib import md5
from io import BytesIO
from typing import Any

from reportlab.pdfgen.canvas import Canvas


class ReaderCanvas(Canvas):
    """The canvas every makedocs PDF is drawn on. It opens the way a reader expects: the
    document's title (not its file name) in the window's title bar, and the outline panel
    open (``/ViewerPreferences << /DisplayDocTitle true >>``, ``/PageMode /UseOutlines``;
    adapters.pypdf.open_as_a_reader does the same for PDFs pypdf writes). Pass it as
    ``canvasmaker`` to a document template's ``build``.

    Its streams are compressed but not wrapped in ASCII85 (ReportLab's default, a fifth
    larger, and slower to write and to read back, as the imposition does): ReportLab reads
    ``rl_config.useA85`` when a picture is embedded and when the pages are written, both
    after a canvas is made, and every PDF makedocs writes is drawn on this one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from reportlab import rl_config

        rl_config.useA85 = 0
        super().__init__(*args, **kwargs)
        self.setViewerPreference("DisplayDocTitle", "true")
        self.showOutline()


class Picture:
    """A prepared picture (JPEG, PNG or TIFF bytes, already free of metadata) as one image
    XObject of a PDF: embedded the first time it is drawn, drawn by reference every other
    time, without decoding, re-encoding or hashing it again. A JPEG goes in as it is
    (DCTDecode); other formats are decoded once, when embedded, and compressed (FlateDecode).
    ``mask``: keep the picture's alpha channel as a soft mask."""

    __slots__ = ("data", "mask", "name")

    def __init__(self, data: bytes, *, mask: bool = False) -> None:
        self.data = data
        self.mask = "auto" if mask else None
        self.name = _picture_name(data, self.mask)

    def xobject(self) -> Any:
        """The image XObject ReportLab embeds (built anew: call once per document)."""
        from reportlab.lib.utils import ImageReader
        from reportlab.pdfbase.pdfdoc import PDFImageXObject

        return PDFImageXObject(self.name, ImageReader(BytesIO(self.data)), mask=self.mask)


def _picture_name(data: bytes, mask: str | None) -> str:
    """The picture's name in the PDF (``/FormXob.NAME``): a digest of its bytes, as they are."""
    return md5(data + str(mask).encode(), usedforsecurity=False).hexdigest()


def draw_picture(
    canvas: Any, picture: Picture, x: float, y: float, width: float, height: float
) -> None:
    """Draw ``picture`` ``width`` x ``height`` with its lower left corner at (x, y), as
    ``canvas.drawImage`` would, embedding it if this document has not drawn it yet."""
    doc = canvas._doc
    canvas._currentPageHasImages = 1
    name = picture.name
    registered = doc.getXObjectName(name)
    if doc.idToObject.get(registered) is None:
        image = picture.xobject()
        image.name = name
        canvas._setXObjects(image)
        doc.Reference(image, registered)
        doc.addForm(name, image)
        smask = getattr(image, "_smask", None)
        if smask:
            from reportlab.pdfbase.pdfdoc import PDFObjectReference

            mask_name = doc.getXObjectName(smask.name)
            if doc.idToObject.get(mask_name) is None:
                canvas._setXObjects(smask)
                image.smask = doc.Reference(smask, mask_name)
            else:
                image.smask = PDFObjectReference(mask_name)
            del image._smask
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas._code.append(f"/{registered} Do")
    canvas.restoreState()
    canvas._formsinuse.append(name)


class Flow(list[Any]):
    """The flowables a document template lays out, made as the layout reaches them rather
    than all up front: ``first``, then each list ``chunks`` yields (a story's flowables).

    ReportLab's build loop asks the list's ``len`` before each flowable, and that is when the
    next chunk is appended: as soon as no more than the last chunk appended is left. So while
    the layout works on one chunk the whole next one is there, and it sees everything it
    would see in a list made up front (it only looks ahead along a chain of keepWithNext
    flowables, and a story's begins after a page break); and no more than about two chunks'
    flowables (with their paragraphs, wrapped lines and pictures) are held at any time.
    """

    def __init__(self, first: Iterable[Any], chunks: Iterator[list[Any]]) -> None:
        super().__init__(first)
        self._chunks: Iterator[list[Any]] | None = chunks
        self._last = list.__len__(self)  # the length of the last chunk appended

    def __len__(self) -> int:
        size = list.__len__(self)
        while size <= self._last and self._chunks is not None:
            chunk = next(self._chunks, None)
            if chunk is None:
                self._chunks = None
                break
            self.extend(chunk)
            self._last = len(chunk)
            size += len(chunk)
        return size


def build_once(doc: Any, flowables: list[Any], finish: Any, canvasmaker: Any) -> None:
    """Lay ``flowables`` (a list, or a Flow) out once with ``doc`` (a document template),
    then call ``finish`` with the canvas to draw what needed the whole layout (forms the
    pages refer to), then save. (``_doSave`` is how a template is told not to save when its
    build ends.)"""
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
    lines in as many lines; otherwise its spaces stretch just to ``most``, and what is left
    stays at the line's end (a short rag: two lines set with plain spaces in the middle of a
    paragraph read as a paragraph's end). Return how many lines were held short."""
    lines = paragraph.blPara.lines
    for index in range(1, _justified(paragraph, lines)):
        if _stretch(lines[index], space) > most:
            _take_word_from_above(paragraph, index, space, most)
            lines = paragraph.blPara.lines
    ragged = 0
    for index in range(_justified(paragraph, lines)):
        if _stretch(lines[index], space) > most:
            _set_extra(lines, index, (most - 1.0) * space * _gaps(lines[index]))
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
    # breakLines resets these; and its lines index its own list of words (``frags``, which
    # ``split`` cuts by those indices), so a trial not taken must leave the old list.
    kept = paragraph.height, paragraph._width_max, paragraph.frags
    broken = paragraph.breakLines(trial)
    paragraph.height, paragraph._width_max = kept[:2]
    new = broken.lines
    if len(new) == len(lines):  # never a line more: the page breaks already counted on this many
        _set_extra(new, above, _extra(new[above]) + widths[above] - trial[above])
        if _stretch(new[above], space) <= most and _loose(paragraph, new, space, most) < _loose(
            paragraph, lines, space, most
        ):
            paragraph.blPara = broken
            return
    paragraph.frags = kept[2]


def _loose(paragraph: Any, lines: list[Any], space: float, most: float) -> int:
    return sum(_stretch(line, space) > most for line in lines[: _justified(paragraph, lines)])


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
