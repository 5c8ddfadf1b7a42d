"""handout.pdf: the screening handout, one sheet with the event and a QR code that scans.

With ``[event]`` (or ``--date``, ``--venue`` ...) the handout carries that event; without, it
is a generic handout with no event block. With a CSV of events (``--events``, or ``events``
in ``[handout]``) ``handout.pdf`` holds every event's sheet, for printing them all at once,
and each event also gets its own file, ``handouts/<date>-<venue>.pdf`` beside it: the
output's parts, committed with the rest of the build or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from makedocs.options import Option
from makedocs.outputs import Job, Output, count

if TYPE_CHECKING:
    from makedocs.config import Settings
    from makedocs.handout.events import Event, EventTable
    from makedocs.handout.render import Handouts
    from makedocs.theme import Theme

#: Where each event's own file goes, beside the combined one.
PARTS_FOLDER = "handouts"

SETTINGS = {
    "event": {
        "title": Option(
            "text", None, help="the event's name, over its details", example="Film screening"
        ),
        "date": Option(
            "date",
            None,
            help="the day, written YYYY-MM-DD; printed in words with its weekday",
            example="2027-02-11",
        ),
        "time": Option(
            "text", None, help="when it starts, as it should be printed", example="7 PM"
        ),
        "venue": Option("text", None, help="where (required with a date)", example="City Hall"),
        "address": Option("text", None, help="the venue's address", example="1 Main Street"),
        "host": Option("text", None, help="who hosts the event", example="Campus chapter"),
        "url": Option(
            "url",
            None,
            help="the event's own page: its QR code opens it (else [collection] url)",
            example="https://www.example.org/events/city-hall",
        ),
        "notes": Option("text", None, help="one more line: doors, tickets", example="Free entry"),
    },
    "handout": {
        "back": Option("flag", False, help="a back page: about you, the stories, the QR code"),
        "up": Option(
            "count", 1, low=1, high=4, help="copies a sheet: 1, or 2 or 4 flyers with cut marks"
        ),
        "events": Option(
            "path",
            None,
            help="a CSV of events: every handout in handout.pdf, and each in handouts/",
            example="events.csv",
        ),
        "skip_bad_rows": Option(
            "flag", False, help="with events: write the good rows and list the bad ones"
        ),
    },
}
_EVENT_FLAGS = {"title": "--event-title"}


@dataclass(frozen=True, slots=True)
class HandoutOptions:
    event: Event | None  # one event (from [event] or the command line), or None
    table: EventTable | None  # a batch from a CSV
    back: bool
    up: int
    inputs: tuple[Path, ...] = ()  # files the build reads (the CSV): never written over

    @property
    def events(self) -> tuple[Event | None, ...]:
        return self.table.events if self.table is not None else (self.event,)


def _options(values: Mapping[str, Any], settings: Settings) -> HandoutOptions:
    from makedocs.errors import MakedocsError
    from makedocs.handout.events import Origin, make_event, read_events

    up = values["up"]
    if up not in (1, 2, 4):
        raise settings.error(f"[handout] up must be 1, 2 or 4, not {up}", "handout", "up")
    given = {key: values[key] for key in SETTINGS["event"] if values.get(key) is not None}
    written = settings.table("event")
    in_file = {key for key, value in given.items() if written.get(key) == value}
    origin = Origin(
        path=settings.path,
        names={
            key: f"[event] {key}" if key in in_file else _EVENT_FLAGS.get(key, f"--{key}")
            for key in SETTINGS["event"]
        },
        lines={key: line for key in in_file if (line := settings.line("event", key))},
    )
    event = make_event(given, origin) if given else None
    table = None
    inputs: tuple[Path, ...] = ()
    if values["events"] is not None:
        path = Path(values["events"])
        if event is not None:
            raise MakedocsError(
                "give one event ([event] or --date, --venue ...) or a CSV of events, not both",
                str(path),
            )
        table = read_events(path, str(path))
        if not values["skip_bad_rows"]:
            table.refuse()
        if not table.events:
            raise MakedocsError("has no good rows; nothing was written", table.path)
        inputs = (path,)
    return _redacted(HandoutOptions(event, table, values["back"], up, inputs), settings.redact)


def _redacted(options: HandoutOptions, names: Mapping[str, str]) -> HandoutOptions:
    """Events come from the organiser's CSV or settings, not the stories, but they reach the
    page, the QR code and the file names just the same: every real name is replaced there too
    (a host, a venue named after a person, a name in an event's address)."""
    from dataclasses import fields, replace

    from makedocs.redaction import Redactor

    redactor = Redactor(names)
    if not redactor:
        return options

    def clean(event: Event | None) -> Event | None:
        if event is None:
            return None
        changes: dict[str, Any] = {}
        for item in fields(event):
            value = getattr(event, item.name)
            if isinstance(value, str) and value:
                changes[item.name] = (
                    redactor.url(value) if item.name == "url" else redactor.text(value)
                )
        return replace(event, **changes)

    table = options.table
    if table is not None:
        table = replace(table, events=tuple(clean(e) for e in table.events))  # type: ignore[misc]
    return replace(options, event=clean(options.event), table=table)


def _make(job: Job) -> Handouts:
    from makedocs.handout.render import lay_out

    options: HandoutOptions = job.options
    if options.table is not None:
        for bad in options.table.bad:
            job.ctx.warned.warn(f"skipped this row: {bad.message}", options.table.path, bad.line)
    return lay_out(
        job.collection,
        job.ctx,
        options.events,
        job.page_size,
        back=options.back,
        up=options.up,
    )


def _write(job: Job, product: Handouts, out: BinaryIO) -> str:
    from makedocs.handout.render import write

    sides = write(product, out)
    return _detail(job, product, sides)


def _parts(options: HandoutOptions, target: Path) -> tuple[Path, ...]:
    """Each event's own file, when there is a CSV of them."""
    if options.table is None:
        return ()
    from makedocs.handout.events import file_names

    folder = target.parent / PARTS_FOLDER
    return tuple(folder / name for name in file_names(options.table.events))


def _write_part(job: Job, product: Handouts, index: int, out: BinaryIO) -> str:
    from makedocs.handout.render import write

    sides = write(product, out, [index])
    return _detail(job, product, sides)


def _detail(job: Job, product: Handouts, sides: int) -> str:
    kind = "sheet" if product.imposition.up > 1 else "page"
    detail = count(sides, kind)
    if product.imposition.up > 1:
        detail += f", {product.imposition.up} up"
    return detail


def _fonts(theme: Theme) -> tuple[str, ...]:
    from makedocs.handout.style import font_families

    return font_families(theme)


OUTPUT = Output(
    name="handout",
    filename="handout.pdf",
    summary="the screening handout: the story, the event, a QR code (one per event of a CSV)",
    make=_make,
    write=_write,
    options=_options,
    settings=SETTINGS,
    theme_table="handout",
    fonts=_fonts,
    parts=_parts,
    write_part=_write_part,
)
