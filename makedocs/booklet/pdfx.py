"""The print shop's booklet (``--cmyk``) as PDF/X-1a:2001, the exchange format prepress
preflights check against (ISO 15930-1).

ReportLab writes the pages: colours and pictures already in the press's CMYK (or black-only
grey), crop marks in the registration separation "All", fonts embedded, TrimBox and BleedBox on
every page. This module adds what ReportLab has no API for and takes away what PDF/X forbids:

- the output intent: ``/OutputIntents`` with ``/S /GTS_PDFX``, the print condition's name and
  registry, and the press's ICC profile embedded as ``/DestOutputProfile``;
- ``/GTS_PDFXVersion (PDF/X-1:2001)`` and ``/GTS_PDFXConformance (PDF/X-1a:2001)`` in the
  document information, with ``/Trapped /False`` (nobody trapped it);
- a PDF 1.3 header: X-1a:2001 is PDF 1.3. ReportLab announces 1.4 as soon as a colour is set
  with its default opacity of 1, although it writes no transparency; that no page uses any is
  checked here, not assumed;
- no ArtBox (a PDF/X page has a TrimBox or an ArtBox, not both) and no annotations: a link is
  no use on paper, and PDF/X allows none on the printed area.

The file keeps ReportLab's fixed /ID, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from makedocs.errors import MakedocsError

if TYPE_CHECKING:
    from makedocs.colour import Press

PDFX_VERSION = "PDF/X-1:2001"
PDFX_CONFORMANCE = "PDF/X-1a:2001"


def make_pdfx(data: bytes, press: Press) -> bytes:
    """The ReportLab booklet ``data`` as PDF/X-1a:2001 for ``press``."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    from makedocs.adapters.pypdf import add_object, set_file_id

    reader = PdfReader(io.BytesIO(data))
    for number, page in enumerate(reader.pages, start=1):
        _refuse_transparency(page, number)
        # Dropped from the page object itself before cloning (``reader.pages`` hands out
        # copies), so the links' objects are not carried over unreferenced.
        source = page.indirect_reference.get_object() if page.indirect_reference else page
        for key in ("/Annots", "/ArtBox"):
            if key in source:
                del source[key]
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = "%PDF-1.3"

    profile = DecodedStreamObject()
    profile.set_data(press.profile)
    profile[NameObject("/N")] = NumberObject(4)
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFX"),
            NameObject("/OutputConditionIdentifier"): TextStringObject(press.condition),
            NameObject("/RegistryName"): TextStringObject(press.registry),
            NameObject("/OutputCondition"): TextStringObject(press.condition_info),
            NameObject("/Info"): TextStringObject(press.description),
            NameObject("/DestOutputProfile"): add_object(writer, profile.flate_encode()),
        }
    )
    writer.root_object[NameObject("/OutputIntents")] = ArrayObject([intent])
    writer.add_metadata(
        {
            "/GTS_PDFXVersion": PDFX_VERSION,
            "/GTS_PDFXConformance": PDFX_CONFORMANCE,
            "/Trapped": NameObject("/False"),
        }
    )
    file_id = reader.trailer.get("/ID")
    if file_id:
        first = file_id[0].get_object()
        set_file_id(writer, bytes(getattr(first, "original_bytes", first)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _refuse_transparency(page: Any, number: int) -> None:
    """PDF/X-1a allows no transparency: no soft mask, no opacity below 1, anywhere."""
    resources = page.get("/Resources")
    seen: set[int] = set()

    def walk(resources: Any) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        if id(resources) in seen:
            return
        seen.add(id(resources))
        for state in (resources.get("/ExtGState") or {}).values():
            state = state.get_object()
            soft = state.get("/SMask")
            opaque = all(float(state.get(key, 1)) == 1 for key in ("/CA", "/ca"))
            if not opaque or (soft is not None and soft != "/None"):
                raise _transparent(number)
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if "/SMask" in xobject or "/Group" in xobject:
                raise _transparent(number)
            walk(xobject.get("/Resources"))

    walk(resources)


def _transparent(number: int) -> MakedocsError:
    return MakedocsError(
        f"page {number} of the booklet uses transparency, which a PDF/X-1a print file may not"
    )
