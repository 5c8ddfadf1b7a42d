"""Event details: one event from the command line or ``[event]``, or a batch from a CSV.

Every event is checked before anything is drawn: the date and the venue are required (the
file name is made of them), the date is written ``YYYY-MM-DD`` and is a real day, a web
address is http(s). A bad row of a CSV is ``events.csv:ROW: message``, ROW being the line the
row starts on, as a text editor or a spreadsheet numbers it.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from makedocs.errors import MakedocsError
from makedocs.links import is_web_url
from makedocs.options import iso_date
from makedocs.typography import smarten

#: Every field an event has, in the order the CSV template lists them.
FIELDS = ("title", "date", "time", "venue", "address", "host", "url", "notes")
#: Fields without which a row is bad: the file name is ``<date>-<venue>.pdf``.
REQUIRED = ("date", "venue")
#: A field longer than this could never fit a handout; it is refused before measuring it.
MAX_FIELD = 600
#: A CSV larger than this is not a list of screenings.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DELIMITERS = ",;\t"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an event's values came from, so a message names the right thing: a CSV row
    (``events.csv:4: venue ...``), a makedocs.toml key (``makedocs.toml:12: [event] venue ...``)
    or a command-line option (``--venue ...``)."""

    path: str | None = None
    line: int | None = None
    names: Mapping[str, str] = field(default_factory=dict)  # field -> how to name it
    lines: Mapping[str, int] = field(default_factory=dict)  # field -> its own line

    def name(self, key: str) -> str:
        return self.names.get(key, key)

    def error(self, key: str, message: str) -> MakedocsError:
        """``message`` about ``key``, at its line; a value from the command line has none."""
        line = self.lines.get(key, self.line)
        path = self.path if line is not None else None
        return MakedocsError(f"{self.name(key)} {message}", path, line)


@dataclass(frozen=True, slots=True)
class Event:
    date: datetime.date
    venue: str
    title: str = ""
    time: str = ""
    address: str = ""
    host: str = ""
    url: str = ""
    notes: str = ""
    origin: Origin = field(default_factory=Origin, compare=False)


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class EventTable:
    """A CSV's events and its bad rows, in file order."""

    path: str
    events: tuple[Event, ...]
    bad: tuple[BadRow, ...]

    def refuse(self) -> None:
        """Stop at the first bad row, naming how many more there are."""
        if not self.bad:
            return
        first, rest = self.bad[0], self.bad[1:]
        more = ""
        if rest:
            listed = "; ".join(f"row {bad.line}: {bad.message}" for bad in rest[:5])
            more = f" ({len(rest)} more bad row{'s' if len(rest) > 1 else ''}: {listed}"
            more += "; …)" if len(rest) > 5 else ")"
        raise MakedocsError(
            f"{first.message}{more}; nothing was written (fix the rows, or use --skip-bad-rows "
            "to write the good ones)",
            self.path,
            first.line,
        )


def make_event(values: Mapping[str, object], origin: Origin) -> Event:
    """An event from raw values (text, or a date from TOML); MakedocsError naming the field."""
    clean: dict[str, str] = {}
    for key in FIELDS:
        value = values.get(key)
        if value is None:
            continue
        if isinstance(value, datetime.date):
            value = value.isoformat()
        text = " ".join(str(value).split())
        if _CONTROL.search(text):
            raise origin.error(key, "contains a control character; remove it")
        if len(text) > MAX_FIELD:
            raise origin.error(
                key, f"is {len(text)} characters long; a handout has room for far fewer"
            )
        if text:
            clean[key] = text
    for key in REQUIRED:
        if key not in clean:
            raise origin.error(key, "is missing (every event needs a date and a venue)")
    day = iso_date(clean["date"])
    if day is None:
        raise origin.error(
            "date",
            f"{clean['date']!r} is not a real date written YYYY-MM-DD (e.g. 2027-02-11)",
        )
    url = clean.get("url", "")
    if url and not is_web_url(url):
        raise origin.error("url", f"{url!r} is not an http:// or https:// address")
    text = {key: smarten(clean.get(key, "")) for key in ("title", "venue", "address", "host")}
    return Event(
        date=day,
        venue=text["venue"],
        title=text["title"],
        time=clean.get("time", ""),
        address=text["address"],
        host=text["host"],
        url=url,
        notes=smarten(clean.get("notes", "")),
        origin=origin,
    )


def read_events(path: Path, display: str | None = None) -> EventTable:
    """Every row of a CSV with a header row (title, date, time, venue, address, host, url,
    notes; in any order, any case; other columns ignored; optional ones may be missing)."""
    shown = display or path.as_posix()
    try:
        if not path.is_file():
            raise MakedocsError("no such file (give a CSV with a header row)", shown)
        if path.stat().st_size > MAX_BYTES:
            raise MakedocsError(
                f"is over {MAX_BYTES // (1024 * 1024)} MB; not an events list", shown
            )
        raw = path.read_bytes()
    except OSError as error:
        raise MakedocsError(f"cannot read: {error.strerror or error}", shown) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise MakedocsError(
            "is not UTF-8 text (in a spreadsheet, save as \u201cCSV UTF-8\u201d)", shown, line
        ) from None
    return parse_events(text, shown)


def parse_events(text: str, shown: str) -> EventTable:
    header_line = text.split("\n", 1)[0]
    delimiter = next((d for d in _DELIMITERS if d in header_line), ",")
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise MakedocsError("is empty; it needs a header row: " + ",".join(FIELDS), shown) from None
    except csv.Error as error:
        raise MakedocsError(f"is not a CSV file: {error}", shown, 1) from None
    columns = {name.strip().casefold(): index for index, name in reversed(list(enumerate(header)))}
    missing = [key for key in REQUIRED if key not in columns]
    if missing:
        raise MakedocsError(
            f"has no {' or '.join(repr(key) for key in missing)} column; the header row "
            f"names the columns: {','.join(FIELDS)}",
            shown,
            1,
        )
    events: list[Event] = []
    bad: list[BadRow] = []
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            bad.append(BadRow(start, f"not a CSV row: {error}"))
            break
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(events) + len(bad) >= MAX_ROWS:
            raise MakedocsError(f"has over {MAX_ROWS} events; split it into several files", shown)
        if any(cell.strip() for cell in row[len(header) :]):
            # Most likely a comma inside an unquoted field: every later value would be shifted.
            bad.append(
                BadRow(
                    line,
                    f"has {len(row)} fields but the header row has {len(header)}; a comma "
                    'inside a field needs quotes around the field ("Free entry, donations '
                    'welcome")',
                )
            )
            continue
        values = {
            key: row[index] for key, index in columns.items() if key in FIELDS and index < len(row)
        }
        try:
            events.append(make_event(values, Origin(shown, line)))
        except MakedocsError as error:
            bad.append(BadRow(line, error.message))
    if not events and not bad:
        raise MakedocsError("has a header row but no events", shown, 1)
    return EventTable(shown, tuple(events), tuple(bad))


def file_names(events: list[Event] | tuple[Event, ...]) -> list[str]:
    """``<date>-<venue-slug>.pdf`` for each event, distinct and stable: a second event at the
    same date and venue is ``...-2.pdf`` (rows keep their order, so names keep theirs)."""
    taken: set[str] = set()
    names = []
    for event in events:
        stem = f"{event.date.isoformat()}-{slug(event.venue)}"
        name, n = stem, 1
        while name.casefold() in taken:  # case-insensitive disks: Hall and hall are one file
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        names.append(f"{name}.pdf")
    return names


def slug(text: str, limit: int = 48) -> str:
    """``Student Union Theater`` -> ``student-union-theater``; accents dropped, other letters
    (Hangul) kept; ``event`` if nothing is left."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", letters).casefold())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or (words[0][:limit] if words else "event")
