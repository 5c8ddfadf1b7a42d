"""``makedocs init DIR``: a new project a volunteer can build at once and then make their own.

It writes an example story (every kind of block, a picture with its description), an events
CSV for handouts, and a ``makedocs.toml`` listing every setting with a comment. The settings
file is generated from the options the outputs declare, so it can never miss one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from makedocs.errors import MakedocsError
from makedocs.resources import TEMPLATES_DIR

SCAFFOLD = TEMPLATES_DIR / "project"
_PICTURE = Path("seeds") / "pictures" / "hills-at-dawn.jpg"

_COLLECTION = {
    "title": ("Our Stories", "the booklet's title, on its cover and every title page"),
    "subtitle": ("Stories of escape and freedom", "under the title on the cover"),
    "organisation": ("Your chapter's name", "printed on the covers; the files' author"),
    "url": ("https://www.example.org", "a link and a QR code on the back cover and slides"),
    "call_to_action": ("Help refugees reach freedom.", "the last slide and the back cover"),
    "about": (
        "A paragraph about your organisation for the inside cover.",
        "printed inside the front cover",
    ),
    "date": (None, "an optional date for the collection"),
    "language": ("en", "a language tag: en, en-GB, ko ... (hyphenation and screen readers)"),
}


@dataclass(frozen=True, slots=True)
class Planned:
    path: Path
    data: bytes


def plan(folder: Path) -> list[Planned]:
    """Every file ``init`` writes into ``folder``."""
    return [
        Planned(folder / "makedocs.toml", settings_text().encode("utf-8")),
        Planned(folder / "seeds" / "example.md", (SCAFFOLD / "story.md").read_bytes()),
        Planned(folder / _PICTURE, example_picture()),
        Planned(folder / "events.csv", (SCAFFOLD / "events.csv").read_bytes()),
    ]


def init(folder: Path, force: bool = False) -> list[Path]:
    """Write the project; refuse to overwrite any file unless ``force``."""
    files = plan(folder)
    existing = [item.path for item in files if item.path.exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        raise MakedocsError(f"already exists: {names} (use --force to overwrite)")
    for item in files:
        if item.path.exists() and not item.path.is_file():
            raise MakedocsError("is not a regular file", str(item.path))
    from makedocs.output import OutputSet

    with OutputSet() as outputs:
        for item in files:
            with outputs.open(item.path) as handle:
                handle.write(item.data)
    return [item.path for item in files]


def settings_text() -> str:
    """makedocs.toml with every setting, each with a comment; defaults commented out."""
    from makedocs.config import _PRIVACY, _TOP
    from makedocs.model import Metadata
    from makedocs.outputs import settings_tables

    lines = [
        "# makedocs settings for this project. Every setting is here; remove the # in front of",
        "# one to change it. `makedocs --help` lists the commands; README.md explains each one.",
        "",
    ]
    for key, option in _TOP.items():
        lines += [f"# {option.help}", f"{key} = {_toml(option.default)}"]
    lines += ["", "[collection]"]
    known = {f.name for f in fields(Metadata)}
    for key, (value, help) in _COLLECTION.items():
        assert key in known, key
        lines.append(f"# {help}")
        lines.append(f"{key} = {_toml(value)}" if value is not None else f'# {key} = "2027-02-11"')
    lines += ["", "[privacy]", "# Real names replaced in every output by an alias."]
    lines.append(f"# redact = {_toml({'Real Name': 'Alias'})}")
    assert set(_PRIVACY) == {"redact"}
    for table, keys in settings_tables().items():
        lines += ["", f"[{table}]"]
        for key, option in keys.items():
            lines.append(f"# {option.help}")
            value = option.default if option.default not in (None, {}) else option.example
            lines.append(f"# {key} = {_toml(value)}")
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def example_picture() -> bytes:
    """Hills at dawn, drawn here (so it carries no one's metadata), 2400 x 1600 pixels: sharp
    enough to print across the booklet's text block at 300 ppi."""
    import io

    from PIL import Image, ImageDraw

    width, height = 2400, 1600
    picture = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):  # the sky, pale gold at the horizon to blue above
        t = y / height
        draw.line([(0, y), (width, y)], fill=_mix((96, 140, 190), (246, 214, 160), t))
    draw.ellipse([1500, 700, 1800, 1000], fill=(255, 236, 190))
    for index, (base, colour) in enumerate(_hills()):
        points = [(x, base + _ridge(x, index)) for x in range(0, width + 40, 40)]
        draw.polygon([(0, height), *points, (width, height)], fill=colour)
    path = [(1200 + 30 * (y - 1600) // 40, y) for y in range(1600, 1000, -40)]
    draw.line(path, fill=(214, 196, 150), width=24)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue()


def _hills() -> Iterator[tuple[int, tuple[int, int, int]]]:
    yield 980, (92, 128, 96)
    yield 1120, (70, 108, 78)
    yield 1280, (52, 88, 60)


def _ridge(x: int, index: int) -> int:
    import math

    return round(60 * math.sin(x / (300 + 90 * index) + index) + 25 * math.sin(x / 97 + index))


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]
