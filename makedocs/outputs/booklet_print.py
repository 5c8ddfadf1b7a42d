"""booklet-print.pdf: the booklet imposed two pages a side for a duplex office printer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from makedocs.options import Option
from makedocs.outputs import Job, Output, count
from makedocs.units import Length, Offset

if TYPE_CHECKING:
    from makedocs.config import Settings
    from makedocs.outputs.booklet import BookletPDF

SETTINGS = {
    "printer": {
        "duplex": Option(
            "choice",
            "short-edge",
            choices=("short-edge", "long-edge"),
            help="how your printer turns the sheet (see makedocs booklet --test-sheet)",
        ),
        "signature": Option(
            "count",
            None,
            low=1,
            high=100,
            help="sheets folded together, for thick booklets",
            example=4,
        ),
        "creep": Option(
            "length",
            None,
            low=Length(0),
            high=Length.mm(5),
            help="shift inner pages toward the spine by up to this, for thick booklets",
            example="0.5mm",
        ),
        "back_offset": Option(
            "offset",
            None,
            low=Length.mm(-10),
            high=Length.mm(10),
            help="move every back page right and up by this, as the test sheet's rulers read",
            example="1.5mm, -0.5mm",
        ),
    }
}


@dataclass(frozen=True, slots=True)
class Imposition:
    duplex: str
    signature: int | None
    creep: Length
    back_offset: Offset = Offset()


def _options(values: Mapping[str, Any], settings: Settings) -> Imposition:
    return Imposition(
        values["duplex"],
        values["signature"],
        values["creep"] or Length(0),
        values["back_offset"] or Offset(),
    )


def _write(job: Job, product: None, out: BinaryIO) -> str:
    import io

    from makedocs.booklet.impose import impose

    booklet: BookletPDF = job.products["booklet"]
    meta = job.collection.meta
    info = {"Title": meta.title, "Author": meta.organisation or "", "Subject": meta.subtitle or ""}
    sides = impose(
        io.BytesIO(booklet.data),
        out,
        duplex=job.options.duplex,
        signature=job.options.signature,
        creep=job.options.creep,
        back_offset=job.options.back_offset,
        metadata={k: v for k, v in info.items() if v},
    )
    return f"{count(sides // 2, 'sheet')}, duplex {job.options.duplex}"


OUTPUT = Output(
    name="booklet-print",
    filename="booklet-print.pdf",
    summary="the booklet imposed for a duplex office printer: print, fold, staple",
    make=lambda job: None,
    write=_write,
    options=_options,
    settings=SETTINGS,
    preview="sheets",
    needs=("booklet",),
)
