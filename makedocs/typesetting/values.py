"""One theme table, read strictly: every value converted, every bad value an error at its line.

``Table(theme, "booklet", "body").length("size")`` gives points; a value the theme got wrong is
``theme.toml:LINE: [booklet.body] size: not a length: ...`` from whichever theme file set it.
Every key is read with ``table[key]`` semantics: the bundled default theme has every key a
renderer asks for, so nothing here restates a default.

Lengths take an absolute unit (``in``, ``mm``, ``cm``, ``pt``; a bare number means points), or,
where the caller says what they are relative to:

- ``em``: times the element's own type size;
- ``line``/``lines``: times the output's body leading;
- ``%``: a share of what the key measures against (the text block, the page, a margin).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from makedocs.errors import MakedocsError
from makedocs.theme import Theme
from makedocs.tomlfile import suggest
from makedocs.units import Length

_RELATIVE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(em|lines?|%)\s*$")


#: The largest page a PDF viewer must support (ISO 32000: 14,400 units): no length is larger.
MAX_LENGTH_PT = 14_400.0


class Table:
    """One table of the theme (``[booklet.body]``) and the means to read it strictly."""

    def __init__(self, theme: Theme, *path: str) -> None:
        data: Any = theme.tables
        for part in path:
            data = data[part]
        self.theme = theme
        self.path = path
        self.data: dict[str, Any] = data

    @property
    def name(self) -> str:
        return f"[{'.'.join(self.path)}]"

    def table(self, name: str) -> Table:
        """A table nested in this one (``[booklet.pull_quote.attribution]``)."""
        return Table(self.theme, *self.path, name)

    def __contains__(self, key: str) -> bool:
        return key in self.data and not isinstance(self.data[key], dict)

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def error(self, key: str, problem: str) -> MakedocsError:
        """``theme.toml:LINE: [booklet.body] size: PROBLEM`` at the line that set ``key``."""
        return self.theme.error(f"{self.name} {key}: {problem}", *self.path, key)

    def length(
        self,
        key: str,
        *,
        em: float | None = None,
        line: float | None = None,
        share: float | None = None,
        positive: bool = False,
    ) -> float:
        """A length in points. ``em``, ``line`` and ``share`` are what ``1em``, ``1line`` and
        ``100%`` mean for this key; a relative unit the caller gives no base for is an error."""
        value = self.data[key]
        bases = {"em": em, "line": line, "lines": line, "%": share}
        found = _RELATIVE.match(value) if isinstance(value, str) else None
        if found:
            number, unit = float(found[1]), found[2]
            base = bases[unit]
            if base is None:
                raise self.error(key, f"not a length: {value!r} ({unit} is not allowed here)")
            points = number / 100 * base if unit == "%" else number * base
        else:
            try:
                if isinstance(value, bool):
                    raise TypeError(value)
                points = Length.parse(value).points
            except (ValueError, TypeError):
                units = ", ".join(
                    ["in", "pt", "mm", "cm", *(u for u in ("em", "lines", "%") if bases[u])]
                )
                raise self.error(
                    key, f"not a length: {value!r} (use a number with one of {units})"
                ) from None
        if points < 0 or (positive and points == 0):
            raise self.error(key, f"must be {'more than' if positive else 'at least'} 0pt")
        if points > MAX_LENGTH_PT:
            raise self.error(key, f"{value!r} is larger than any page a PDF can hold (200in)")
        return points

    def number(self, key: str, *, whole: bool = False, minimum: float = 0) -> float:
        """A plain number (a ratio, a count, a resolution) of at least ``minimum``."""
        value = self.data[key]
        kind = "a whole number" if whole else "a number"
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (whole and not isinstance(value, int))
        ):
            raise self.error(key, f"must be {kind}, not {value!r}")
        if value < minimum:
            raise self.error(key, f"must be {kind} of at least {minimum:g}, not {value!r}")
        return float(value)

    def flag(self, key: str) -> bool:
        value = self.data[key]
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, not {value!r}")
        return value

    def text(self, key: str) -> str:
        value = self.data[key]
        if not isinstance(value, str):
            raise self.error(key, f"must be text in quotes, not {value!r}")
        return value

    def choice(self, key: str, options: Iterable[str]) -> str:
        value = self.data[key]
        options = tuple(options)
        if value not in options:
            raise self.error(
                key,
                f"must be one of {', '.join(options)}, not {value!r}{suggest(str(value), options)}",
            )
        return str(value)

    def colour(self, key: str) -> str:
        """The name of a colour of the theme's ``[colours]`` table."""
        value = self.data[key]
        if not isinstance(value, str) or value not in self.theme.colours:
            raise self.error(
                key,
                f"{value!r} is not a colour of [colours]{suggest(str(value), self.theme.colours)}",
            )
        return value

    def family(self, key: str) -> str:
        """The name of a font family of the theme's ``[fonts]`` table."""
        value = self.data[key]
        if not isinstance(value, str) or value not in self.theme.fonts:
            raise self.error(
                key,
                f"{value!r} is not a font family of [fonts]{suggest(str(value), self.theme.fonts)}",
            )
        return value
