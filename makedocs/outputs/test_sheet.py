"""test-sheet.pdf: one sheet to print once, to see which way the printer turns paper and how
far off it prints the back; laid out with the [printer] settings the booklet's print uses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from makedocs.outputs import Job, Output
from makedocs.outputs.booklet_print import SETTINGS as PRINT_SETTINGS
from makedocs.units import Offset

if TYPE_CHECKING:
    from makedocs.config import Settings
    from makedocs.theme import Theme

# The same declarations as the print's: one default, one bound, one message.
SETTINGS = {"printer": {key: PRINT_SETTINGS["printer"][key] for key in ("duplex", "back_offset")}}


@dataclass(frozen=True, slots=True)
class SheetOptions:
    duplex: str
    back_offset: Offset


def _options(values: Mapping[str, Any], settings: Settings) -> SheetOptions:
    return SheetOptions(values["duplex"], values["back_offset"] or Offset())


def _write(job: Job, product: None, out: BinaryIO) -> str:
    from makedocs.booklet.calibration import write_test_sheet

    options: SheetOptions = job.options
    write_test_sheet(
        out,
        job.page_size,
        job.ctx.fonts,
        duplex=options.duplex,  # type: ignore[arg-type]
        back_offset=options.back_offset,
    )
    return f"1 sheet, 2 sides, duplex {options.duplex}"


def _fonts(theme: Theme) -> tuple[str, ...]:
    from makedocs.typesetting.values import Table

    return (Table(theme, "test_sheet").family("font"),)


OUTPUT = Output(
    name="test-sheet",
    filename="test-sheet.pdf",
    summary="a duplex test sheet: how your printer turns paper and where it prints the back",
    make=lambda job: None,
    write=_write,
    options=_options,
    settings=SETTINGS,
    theme_table="test_sheet",
    fonts=_fonts,
    in_build=False,
    needs_content=False,
)
