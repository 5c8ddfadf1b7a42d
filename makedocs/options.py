"""Settings an output takes from ``makedocs.toml`` and the command line, declared once.

Each output module declares its settings as a mapping of name -> :class:`Option`. The same
declaration parses the output's table of ``makedocs.toml`` (a bad value is an error at its line,
exit 1) and checks a command-line value (a bad one is a usage error, exit 2), so a default or a
bound is never written twice.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from makedocs.links import is_web_url
from makedocs.units import Length, Offset

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Option:
    """One setting: its kind, default, and the bounds a value must respect."""

    # "flag", "length", "offset", "choice", "count", "text", "path", "names", "date", "url"
    kind: str
    default: Any = None
    choices: tuple[str, ...] = ()
    low: Length | int | None = None  # smallest allowed (inclusive)
    high: Length | int | None = None  # largest allowed (inclusive)
    help: str = ""
    example: Any = None  # shown in a new project's makedocs.toml when there is no default

    def check(self, value: Any, name: str) -> Any:
        """The value as the output uses it; ValueError with a one-line reason otherwise."""
        if value is None:
            return None
        match self.kind:
            case "flag":
                if not isinstance(value, bool):
                    raise ValueError(f"{name} must be true or false, not {value!r}")
                return value
            case "length":
                return _length(value, name, self.low, self.high)  # type: ignore[arg-type]
            case "offset":
                return _offset(value, name, self.low, self.high)  # type: ignore[arg-type]
            case "choice":
                if value in self.choices:
                    return value
                for choice in self.choices:  # "A4" is a4: people write paper sizes in capitals
                    if isinstance(value, str) and value.casefold() == choice.casefold():
                        return choice
                allowed = " or ".join(repr(c) for c in self.choices)
                raise ValueError(f"{name} must be {allowed}, not {value!r}")
            case "count":
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ValueError(f"{name} must be a whole number, not {value!r}")
                if (self.low is not None and value < self.low) or (  # type: ignore[operator]
                    self.high is not None and value > self.high  # type: ignore[operator]
                ):
                    raise ValueError(
                        f"{name} must be a whole number from {self.low} to {self.high}, not {value}"
                    )
                return value
            case "text" | "path":
                if not isinstance(value, str) or not value.strip():
                    raise ValueError(f"{name} must be text")
                return value
            case "date":
                found = iso_date(value)
                if found is None:
                    raise ValueError(
                        f"{name} must be a real date written YYYY-MM-DD (e.g. 2027-02-11), "
                        f"not {str(value)!r}"
                    )
                return found
            case "url":
                if not isinstance(value, str) or not is_web_url(value.strip()):
                    raise ValueError(
                        f"{name} must be an http:// or https:// address, not {value!r}"
                    )
                return value.strip()
            case "names":
                if not isinstance(value, dict) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in value.items()
                ):
                    raise ValueError(f'{name} must map names to names: "A" = "B"')
                return dict(value)
        raise AssertionError(self.kind)


def iso_date(value: Any) -> datetime.date | None:
    """A date written ``YYYY-MM-DD`` (or TOML's own date), if it is a real one; else None.

    Only that one form: ``fromisoformat`` alone would also take ``20270211`` and week dates,
    and a date a person misread is printed on hundreds of handouts."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        return None
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _length(value: Any, name: str, low: Length | None, high: Length | None) -> Length:
    if isinstance(value, Length):
        found = value
    elif isinstance(value, str) and value.strip() and not _bare_number(value):
        try:
            found = Length.parse(value)
        except ValueError as error:
            raise ValueError(f"{name}: {error}") from None
    else:
        raise ValueError(f"{name} needs a unit: {value!r} (e.g. 3mm, 0.125in or 9pt)")
    if low is not None and found < low:
        raise ValueError(f"{name} must be at least {_shown(low)}, not {_shown(found)}")
    if high is not None and found > high:
        raise ValueError(f"{name} must be at most {_shown(high)}, not {_shown(found)}")
    return found


def _offset(value: Any, name: str, low: Length | None, high: Length | None) -> Offset:
    """``"1.5mm, -0.5mm"``: x (to the right) and y (up), each with a unit, each in bounds."""
    if isinstance(value, Offset):
        return value
    parts = value.split(",") if isinstance(value, str) else []
    if len(parts) != 2:
        raise ValueError(
            f'{name} takes two lengths, across and up, such as "1.5mm, -0.5mm": {value!r}'
        )
    x, y = (
        _length(part.strip().removeprefix("+"), f"{name} {axis}", low, high)
        for part, axis in zip(parts, ("x", "y"), strict=True)
    )
    return Offset(x, y)


def _bare_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _shown(length: Length) -> str:
    return f"{length.millimetres:g}mm"


def defaults(spec: Mapping[str, Option]) -> dict[str, Any]:
    return {name: option.default for name, option in spec.items()}
