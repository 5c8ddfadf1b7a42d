"""Event dates as people read them, in the collection's language, always with the weekday.

The weekday is worked out from the date, never typed, so a handout can never say "Thursday"
for a Friday. Babel carries the Unicode CLDR's formats: ``en`` gives "Thursday, February 11,
2027", ``en-GB`` "Thursday, 11 February 2027", ``ko`` "2027년 2월 11일 목요일".
"""

from __future__ import annotations

import datetime
from functools import cache


def long_date(day: datetime.date, language: str) -> str:
    """``day`` in ``language``'s full form, with its weekday."""
    from babel.dates import format_date

    return format_date(day, format="full", locale=_locale(language))


@cache
def _locale(language: str) -> object:
    """The CLDR locale for a BCP 47 tag, else its language alone, else English."""
    from babel import Locale, UnknownLocaleError

    for tag in (language, language.split("-")[0]):
        try:
            return Locale.parse(tag, sep="-")
        except (ValueError, UnknownLocaleError):
            continue
    return Locale.parse("en")
