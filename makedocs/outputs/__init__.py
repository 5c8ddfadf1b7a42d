"""The output registry: every file makedocs can write, each declared once in its own module.

An output declares its name and default file name, the ``makedocs.toml`` tables and keys it
owns, the theme table and font families it uses, and what it needs from other outputs (the
print imposition needs the booklet's PDF; the speaker notes need the deck's plan). ``build``
walks this registry and hands products on explicitly; nothing else knows any one output.

Adding an output is one module in this package, one line in ``REGISTRY`` and one table in
``templates/default/theme.toml``. Output modules import their renderer inside ``make`` and
``write``, so reading the registry stays cheap (``makedocs --help`` imports no renderer).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from makedocs.options import Option

if TYPE_CHECKING:
    from makedocs.config import Settings
    from makedocs.context import BuildContext
    from makedocs.model import Collection
    from makedocs.theme import Theme

#: Output modules in build order: an output comes after every output it needs.
REGISTRY = (
    "booklet",
    "deck",
    "speaker_notes",
    "booklet_print",
    "epub",
    "html",
    "test_sheet",
    "handout",
)


@dataclass(frozen=True, slots=True)
class Job:
    """What one output gets to make its product: the model, the build's context, its own
    options (parsed from its settings tables and the command line), the sheet size, and the
    products of the outputs it needs, by name."""

    collection: Collection
    ctx: BuildContext
    options: Any
    page_size: str
    products: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Output:
    name: str  # as in ``build --only NAME``
    filename: str  # default file name inside the build folder
    summary: str  # one line for ``makedocs outputs``
    make: Callable[[Job], Any]  # the product: what this output writes and others may need
    write: Callable[[Job, Any, BinaryIO], str]  # the file; returns "12 pages" for the report
    options: Callable[[Mapping[str, Any], Settings], Any] = lambda values, settings: values
    settings: Mapping[str, Mapping[str, Option]] = field(default_factory=dict)  # table -> keys
    theme_table: str | None = None
    fonts: Callable[[Theme], tuple[str, ...]] = lambda theme: ()
    needs: tuple[str, ...] = ()
    in_build: bool = True  # written by ``makedocs build``
    needs_content: bool = True  # False for outputs drawn without stories (the test sheet)
    print_width: Callable[[Theme, str], float] | None = None  # widest printed picture, in pt
    preview: str = "pages"  # how ``makedocs preview`` shows it: pages, spreads, sheets, slides,
    # or none
    findings: Callable[[Collection, Theme], list[Any]] | None = None  # for ``makedocs check``
    # Further files an output writes beside its own, from its options (one per event of a
    # CSV: handouts/<date>-<venue>.pdf), each written by ``write_part(job, product, index,
    # out)``; committed with every other file of the build, or not at all.
    parts: Callable[[Any, Path], tuple[Path, ...]] = lambda options, target: ()
    write_part: Callable[[Job, Any, int, BinaryIO], str] | None = None


@cache
def outputs() -> dict[str, Output]:
    """Every registered output by name, in build order."""
    found: dict[str, Output] = {}
    for module in REGISTRY:
        output: Output = importlib.import_module(f"makedocs.outputs.{module}").OUTPUT
        for need in output.needs:
            if need not in found:
                raise AssertionError(f"output {output.name!r} needs {need!r}, registered later")
        found[output.name] = output
    return found


def output(name: str) -> Output:
    return outputs()[name]


def settings_tables() -> dict[str, dict[str, Option]]:
    """Every ``makedocs.toml`` table an output owns, with the keys it takes."""
    tables: dict[str, dict[str, Option]] = {}
    for item in outputs().values():
        for table, keys in item.settings.items():
            tables.setdefault(table, {}).update(keys)
    return tables


def option_values(item: Output, settings: Settings, overrides: Mapping[str, Any]) -> Any:
    """An output's options: the command line's values, else its tables', else the defaults.

    Command-line values were checked by the CLI with the same :class:`Option` declarations.
    """
    values: dict[str, Any] = {}
    for table, keys in item.settings.items():
        given = settings.table(table)
        for key, option in keys.items():
            values[key] = given.get(key, option.default)
    for key, value in overrides.items():
        if value is not None:
            values[key] = value
    return item.options(values, settings)


def closure(names: list[str]) -> list[str]:
    """``names`` and every output they need, in build order."""
    wanted: set[str] = set()

    def add(name: str) -> None:
        if name not in wanted:
            wanted.add(name)
            for need in output(name).needs:
                add(need)

    for name in names:
        add(name)
    return [name for name in outputs() if name in wanted]


def default_targets(folder: Path, only: list[str] | None = None) -> dict[str, Path]:
    """The build folder's files: every output ``makedocs build`` writes, or just ``only``."""
    chosen = only or [name for name, item in outputs().items() if item.in_build]
    return {name: folder / output(name).filename for name in chosen}


def count(n: int, noun: str) -> str:
    """``"1 page"``, ``"12 pages"``: the report's detail for a file."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
