"""``SOURCE_DATE_EPOCH``: the one clock every output may read (reproducible-builds.org).

Outputs carry no time of their own: building twice gives the same bytes. When the environment
sets ``SOURCE_DATE_EPOCH`` (seconds since 1970-01-01 UTC, as packaging tools do), *every*
output takes that time instead: the PDFs' creation and modification dates (and so their
``/ID``), the imposed print PDF too, the deck's ``docProps/core.xml`` dates and the time of
every member of its zip. Unset, the PDFs keep ReportLab's fixed invariant date, the deck its
collection date (if any) and the zip 1980-01-01.

ReportLab reads the variable itself and crashes on a value that is not a whole number, so every
PDF writer calls :func:`source_date_epoch` first: a bad value is one clear error.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from makedocs.errors import MakedocsError

#: The zip format's epoch; earlier times cannot be stored in a zip member.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_LATEST = 253402300799  # 9999-12-31T23:59:59Z
_ZIP_LATEST = (2107, 12, 31, 23, 59, 58)


def source_date_epoch() -> int | None:
    """The validated value of ``SOURCE_DATE_EPOCH``, or None when it is unset or empty."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) > _LATEST:
        raise MakedocsError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, "
            f"not {raw[:40]!r}"
        )
    return int(raw)


def build_time() -> datetime | None:
    """``SOURCE_DATE_EPOCH`` as a UTC datetime, or None."""
    epoch = source_date_epoch()
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC)


def w3cdtf(moment: datetime) -> str:
    """The form OOXML core properties use: ``2024-05-01T12:00:00Z``."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def pdf_date(moment: datetime) -> str:
    """The form PDF dates use: ``D:20240501120000+00'00'``, as ReportLab writes them."""
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def zip_date_time() -> tuple[int, int, int, int, int, int]:
    """The time for every zip member: ``SOURCE_DATE_EPOCH`` within the zip range, else 1980."""
    moment = build_time()
    if moment is None:
        return ZIP_EPOCH
    found = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return max(ZIP_EPOCH, min(_ZIP_LATEST, found))
