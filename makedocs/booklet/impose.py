"""Saddle-stitch imposition: turn a reading-order PDF into sheets for a duplex office printer.

The booklet builder writes pages in reading order (cover, inside pages, back cover), each page
the finished size with its TrimBox set. This module places two finished pages side by side on
a landscape sheet so that, printed double-sided, stacked, folded and stapled, the pages read in
order. Only the trim area of each page is printed: bleed and crop marks are clipped away, since
an office printer cannot print to the edge and the sheet is not trimmed.

Terms used below: a *sheet* is one physical piece of paper with a front and a back *side*; the
output PDF has one page per side (front, back, front, back, ...). A *signature* is a group of
sheets nested inside each other and folded together.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    RectangleObject,
    StreamObject,
)

from makedocs.adapters.pypdf import add_object, open_as_a_reader, set_file_id
from makedocs.errors import MakedocsError
from makedocs.reproducible import build_time, pdf_date
from makedocs.units import Length, Offset

Duplex = Literal["short-edge", "long-edge"]

# Finished pages within this many points of each other count as the same size (rounding noise
# from mm/in conversions); anything bigger is a real mismatch that would misalign the fold.
_SIZE_TOLERANCE_PT = 1.0

# Office paper sizes in points, portrait (width, height). A spread this close to a standard
# sheet is centred on that sheet instead, so the printer does not "fit to page" and rescale it
# (two A5 pages are 296 x 210 mm, a millimetre short of A4 landscape).
PAPERS: dict[str, tuple[float, float]] = {
    "letter": (612.0, 792.0),
    "legal": (612.0, 1008.0),
    "tabloid": (792.0, 1224.0),
    "a4": (595.2756, 841.8898),
    "a3": (841.8898, 1190.5512),
}
_PAPER_SNAP_PT = Length.parse("3mm").points

_NO_CREEP = Length(0)  # Length is frozen, so one shared default is safe
_NO_OFFSET = Offset()


@dataclass(frozen=True, slots=True)
class SheetSide:
    """One side of one landscape sheet: the page printed in each half.

    ``left``/``right`` are 0-based page numbers of the source (reading-order) PDF, i.e. entries
    of :func:`padded_order`; ``None`` means the slot stays blank (padding).
    """

    left: int | None
    right: int | None


@dataclass(frozen=True, slots=True)
class Sheet:
    """One physical sheet as seen before any long-edge rotation (both sides upright)."""

    front: SheetSide
    back: SheetSide
    signature: int  # 0-based signature number


def padded_order(page_count: int, multiple: int = 4) -> list[int | None]:
    """Reading order padded with blanks (``None``) to a multiple of ``multiple``.

    Blanks go just before the back cover so the back cover stays the outside of the booklet.
    A single page has no back cover: it stays first and the blanks follow it. Zero pages give
    an empty list.
    """
    if page_count < 0:
        raise ValueError(f"page_count must be >= 0, got {page_count}")
    if multiple < 1:
        raise ValueError(f"multiple must be >= 1, got {multiple}")
    blanks = -page_count % multiple
    order: list[int | None] = list(range(page_count))
    if page_count == 1:
        return order + [None] * blanks
    if page_count == 0:
        return order
    return order[:-1] + [None] * blanks + order[-1:]


def sheet_plan(page_count: int, signature: int | None = None) -> list[Sheet]:
    """Which page goes where on every sheet, in printing order.

    For a signature of Q padded pages, sheet k (0-based, outermost first) has, in padded
    positions, front [Q-2k-1 | 2k] and back [2k+1 | Q-2k-2] (1-based: front [Q-2k | 2k+1],
    back [2k+2 | Q-2k-1]). With ``signature=N`` the padded order is cut into consecutive
    signatures of 4N pages (the last may be shorter, still a multiple of 4), each imposed that
    way; the signatures are then stacked in order. Without ``signature`` everything is one
    signature. Slot values are entries of :func:`padded_order`.
    """
    if signature is not None and signature < 1:
        raise MakedocsError(f"signature must be at least 1 sheet, got {signature}")
    order = padded_order(page_count)
    size = len(order) if signature is None else 4 * signature
    sheets: list[Sheet] = []
    for number, start in enumerate(range(0, len(order), max(size, 1))):
        chunk = order[start : start + size]
        pages = len(chunk)
        for k in range(pages // 4):
            front = SheetSide(left=chunk[pages - 2 * k - 1], right=chunk[2 * k])
            back = SheetSide(left=chunk[2 * k + 1], right=chunk[pages - 2 * k - 2])
            sheets.append(Sheet(front=front, back=back, signature=number))
    return sheets


def creep_offsets(sheets: list[Sheet], creep: Length) -> list[float]:
    """Shift toward the spine, in points, for each sheet: 0 outside, ``creep`` innermost.

    Inner sheets of a signature stick out further at the fore-edge once folded, so trimming
    (or just the eye) makes their outer margin narrower. Shingling moves their content toward
    the spine by ``creep * k / (n - 1)`` to keep the fore-edge margin even.
    """
    counts: dict[int, int] = {}
    for sheet in sheets:
        counts[sheet.signature] = counts.get(sheet.signature, 0) + 1
    offsets: list[float] = []
    index_in_signature = 0
    for i, sheet in enumerate(sheets):
        if i == 0 or sheets[i - 1].signature != sheet.signature:
            index_in_signature = 0
        n = counts[sheet.signature]
        offsets.append(creep.points * index_in_signature / (n - 1) if n > 1 else 0.0)
        index_in_signature += 1
    return offsets


def impose(
    source: Path | BinaryIO,
    target: BinaryIO,
    *,
    duplex: Duplex = "short-edge",
    signature: int | None = None,
    creep: Length = _NO_CREEP,
    back_offset: Offset = _NO_OFFSET,
    metadata: Mapping[str, str] | None = None,
) -> int:
    """Write the print PDF (front, back, front, back, ...) and return its page count.

    Every source page must have the same finished size, taken from its TrimBox (which per the
    PDF spec defaults to the CropBox, then the MediaBox). Each sheet is two finished pages wide;
    if that is within 3 mm of a standard paper size (Letter, Legal, Tabloid, A4, A3) the sheet
    is that paper size with the spread centred, so A5 pages land on true A4.

    ``duplex="short-edge"`` (the default) matches a printer that flips on the short edge: no
    rotation. ``"long-edge"`` rotates every back side 180 degrees so a printer that flips on the
    long edge still yields upright pages. ``creep`` is the total shingling shift (see
    :func:`creep_offsets`); each page's inner edge is cut by its shift at the spine rather than
    spilling onto the facing page. ``back_offset`` moves every back side's pages, x to the
    right and y up as the back is read (it turns with a long-edge back): it makes up for a
    duplex printer that prints the back a little off (the test sheet's rulers measure it).
    Pages are placed as a viewer shows them (their /Rotate is honoured). Annotations (links)
    are not carried over: this is for paper. Output is byte-for-byte
    reproducible: no dates (``SOURCE_DATE_EPOCH`` when set), and a /ID derived
    from the input, options and metadata.
    """
    if duplex not in ("short-edge", "long-edge"):
        raise MakedocsError(f"duplex must be 'short-edge' or 'long-edge', got {duplex!r}")
    if signature is not None and signature < 1:
        raise MakedocsError(f"signature must be at least 1 sheet, got {signature}")
    if creep.emu < 0:
        raise MakedocsError(f"creep cannot be negative, got {creep}")
    where = str(source) if isinstance(source, Path) else None

    try:
        data = source.read_bytes() if isinstance(source, Path) else source.read()
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise MakedocsError("the PDF is password-protected", path=where)
        pages = list(reader.pages)
        width, height = _finished_size(pages, where)
    except (OSError, PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise MakedocsError(f"cannot read the PDF: {exc}", path=where) from exc
    if creep.points * 2 >= width:
        raise MakedocsError(f"creep {creep} is wider than half a page", path=where)

    sheets = sheet_plan(len(pages), signature)
    shifts = creep_offsets(sheets, creep)
    paper_w, paper_h = _sheet_size(2 * width, height)
    origin = ((paper_w - 2 * width) / 2, (paper_h - height) / 2)

    writer = PdfWriter()
    writer.pdf_header = max(reader.pdf_header, "%PDF-1.4")
    try:
        for sheet, shift in zip(sheets, shifts, strict=True):
            back = (back_offset.x.points, back_offset.y.points)
            sides = ((sheet.front, False, (0.0, 0.0)), (sheet.back, duplex == "long-edge", back))
            for side, rotate, moved in sides:
                out = writer.add_blank_page(paper_w, paper_h)
                forms = DictionaryObject()
                drawing: list[str] = []
                for slot, index in enumerate((side.left, side.right)):
                    if index is not None:
                        place = _Placement(
                            width, height, paper_w, paper_h, origin, shift, rotate, moved
                        )
                        name = f"/P{index + 1}"
                        matrix, form = _place(writer, pages[index], slot, place)
                        forms[NameObject(name)] = form
                        numbers = " ".join(_num(v) for v in matrix)
                        drawing.append(f"q {numbers} cm {name} Do Q")
                out[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): forms})
                stream = DecodedStreamObject()
                stream.set_data("\n".join(drawing).encode("ascii"))
                out.replace_contents(stream.flate_encode())
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise MakedocsError(f"cannot impose the PDF: {exc}", path=where) from exc

    info = {NameObject(_pdf_name(k)): v for k, v in (metadata or {}).items()}
    info[NameObject("/Producer")] = "makedocs"
    moment = build_time()
    if moment is not None:  # SOURCE_DATE_EPOCH: every output carries that time, or none does
        info[NameObject("/CreationDate")] = info[NameObject("/ModDate")] = pdf_date(moment)
    writer.metadata = info  # replaces pypdf's own /Producer entry
    digest = hashlib.sha256(data)
    options: list[object] = [duplex, signature, creep.emu, sorted(info.items())]
    if back_offset != _NO_OFFSET:  # files imposed without one keep the /ID they always had
        options += [back_offset.x.emu, back_offset.y.emu]
    digest.update(repr(tuple(options)).encode())
    # A fixed ID keeps the output reproducible while still identifying the file for printers
    # that ask.
    set_file_id(writer, digest.digest()[:16])
    open_as_a_reader(writer)
    writer.write(target)
    return len(sheets) * 2


@dataclass(frozen=True, slots=True)
class _Placement:
    """Geometry shared by both slots of one sheet side."""

    width: float  # finished page
    height: float
    paper_w: float
    paper_h: float
    origin: tuple[float, float]  # lower-left of the two-page spread on the paper
    shift: float  # creep toward the spine
    rotate: bool  # 180 degrees for long-edge backs
    offset: tuple[float, float] = (0.0, 0.0)  # the back's shift, as the side is read


Matrix = tuple[float, float, float, float, float, float]  # PDF [a b c d e f]


def _place(
    writer: PdfWriter, page: PageObject, slot: int, place: _Placement
) -> tuple[Matrix, object]:
    """The trim area of ``page`` as a Form XObject, and where it goes on the sheet side.

    A page becomes a form with its own resources and a BBox that clips it, so nothing is
    re-parsed or renamed: placing a page costs the same however much it draws. The form's
    stream is the page's own content stream, byte for byte.
    """
    # Work in "display" coordinates: the page as a viewer shows it, after its /Rotate.
    to_display = _display_matrix(page)
    left, bottom, _right, _top = _bounds(to_display, _trim_box(page))
    # Shingling pushes the page toward the spine; the part that would cross the fold is cut off.
    # The form's BBox is the clip: trim area only, no bleed or crop marks.
    shift = place.shift if slot == 0 else -place.shift
    if slot == 0:
        clip = (left, bottom, left + place.width - place.shift, bottom + place.height)
    else:
        clip = (left + place.shift, bottom, left + place.width, bottom + place.height)
    form = _content_stream(writer, page)
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(
        FloatObject(v) for v in _bounds(_inverse(to_display), clip)
    )
    resources = page.get("/Resources")
    if resources is not None:
        form[NameObject("/Resources")] = resources.get_object().clone(writer)
    dx = place.origin[0] + slot * place.width + shift - left + place.offset[0]
    dy = place.origin[1] - bottom + place.offset[1]
    if place.rotate:
        # Whole side turned about its centre: (x, y) -> (W - x, H - y). Written as a matrix,
        # not a rotation by 180 degrees, to keep floating-point noise out of the output.
        to_sheet: Matrix = (-1.0, 0.0, 0.0, -1.0, place.paper_w - dx, place.paper_h - dy)
    else:
        to_sheet = (1.0, 0.0, 0.0, 1.0, dx, dy)
    reference = getattr(form, "indirect_reference", None)  # the clone is the writer's
    return _then(to_display, to_sheet), reference or add_object(writer, form)


def _content_stream(writer: PdfWriter, page: PageObject) -> StreamObject:
    """The page's content stream, as the writer's own object, to become the page's form:
    passed through as it is (still compressed, never decoded) when the page has one stream,
    as ReportLab writes; several streams are joined and compressed again."""
    contents = page.get(NameObject("/Contents"))
    stream = contents.get_object() if contents is not None else None
    if isinstance(stream, StreamObject):
        return stream.clone(writer, force_duplicate=True)
    joined = DecodedStreamObject()
    whole = page.get_contents()
    joined.set_data(whole.get_data() if whole is not None else b"")
    return joined.flate_encode()


def _num(value: float) -> str:
    """A PDF number without float noise or exponent notation."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _display_matrix(page: PageObject) -> Matrix:
    """Map page coordinates to how a viewer shows the page, honouring /Rotate (clockwise)."""
    box = page.mediabox
    x0, y0, x1, y1 = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    rotation = page.rotation % 360
    if rotation == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1)
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1)
    if rotation == 270:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0)
    if rotation == 0:
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    raise MakedocsError(f"page /Rotate {page.rotation} is not a multiple of 90 degrees")


def _then(first: Matrix, second: Matrix) -> Matrix:
    """The matrix applying ``first`` and then ``second`` (PDF row-vector convention)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = second
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _inverse(m: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    det = a * d - b * c
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_))


def _bounds(
    m: Matrix, rect: RectangleObject | tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    """Axis-aligned bounds of ``rect`` after ``m`` (exact for quarter turns)."""
    x0, y0, x1, y1 = (float(v) for v in rect)
    a, b, c, d, e, f = m
    xs = [a * x + c * y + e for x in (x0, x1) for y in (y0, y1)]
    ys = [b * x + d * y + f for x in (x0, x1) for y in (y0, y1)]
    return min(xs), min(ys), max(xs), max(ys)


def _trim_box(page: PageObject) -> RectangleObject:
    """TrimBox, defaulting (as the PDF spec says) to the CropBox and then the MediaBox."""
    return RectangleObject(page.trimbox)


def _finished_size(pages: list[PageObject], where: str | None) -> tuple[float, float]:
    """The one finished page size of the document; mixed sizes cannot share a fold."""
    if not pages:
        raise MakedocsError("the PDF has no pages", path=where)
    sizes = []
    for number, page in enumerate(pages, start=1):
        if page.rotation % 90:
            raise MakedocsError(
                f"page {number} has /Rotate {page.rotation}, not a multiple of 90 degrees",
                path=where,
            )
        trim = _trim_box(page)
        w, h = float(trim.width), float(trim.height)
        if page.rotation % 180:
            w, h = h, w
        sizes.append((w, h))
    width, height = sizes[0]
    for number, (w, h) in enumerate(sizes, start=1):
        if abs(w - width) > _SIZE_TOLERANCE_PT or abs(h - height) > _SIZE_TOLERANCE_PT:
            raise MakedocsError(
                f"page {number} is {w:.1f} x {h:.1f} pt but page 1 is {width:.1f} x "
                f"{height:.1f} pt; every page of a booklet must have the same trim size",
                path=where,
            )
    return width, height


def _sheet_size(spread_w: float, spread_h: float) -> tuple[float, float]:
    """Landscape paper for a spread: a standard size if one fits closely, else the spread."""
    for short, long in PAPERS.values():
        paper_w, paper_h = long, short
        if 0 <= paper_w - spread_w <= _PAPER_SNAP_PT and 0 <= paper_h - spread_h <= _PAPER_SNAP_PT:
            return paper_w, paper_h
    return spread_w, spread_h


def _pdf_name(key: str) -> str:
    """Accept ``"Title"`` as well as ``"/Title"`` for document-info keys."""
    return key if key.startswith("/") else f"/{key}"
