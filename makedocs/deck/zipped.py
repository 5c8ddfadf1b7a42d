"""The deck's zip, written once, member by member, in a fixed order.

A member is deflated when its part is finished (so a finished slide is kept as a few kilobytes
of compressed bytes, not as its XML tree) and written when its turn in the order comes, straight
to the output. The bytes are those ``zipfile.ZipFile.writestr`` writes for a ``ZipInfo`` with
the build's date, DOS attributes and DEFLATE at ``LEVEL`` (``tests/deck/test_zipped.py`` holds
the two side by side), but nothing is compressed twice and nothing needs to seek.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

#: DEFLATE level of every member. Level 9 costs little more than 6 on slide XML (measured:
#: benchmarks/RESULTS.md, "deck") and keeps the deck's bytes as they were.
LEVEL = 9
_VERSION = 20  # zipfile's DEFAULT_VERSION: made by / needed to extract (DEFLATE)
_DEFLATED = 8
_PERMISSIONS = 0o600 << 16  # what zipfile gives a member whose attributes are 0
_UTF8_NAME = 0x800
_LIMIT = (1 << 32) - 1  # past this an offset or size needs ZIP64, which a deck never does
_MANY = 0xFFFF  # members past this need the ZIP64 end records


@dataclass(frozen=True, slots=True)
class Member:
    """One compressed member: its name, CRC-32, uncompressed size and DEFLATE stream."""

    name: str
    crc: int
    size: int
    data: bytes


def deflate(name: str, data: bytes, level: int = LEVEL) -> Member:
    """``data`` compressed as zipfile compresses a member (raw DEFLATE, one call, then flush)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    packed = compressor.compress(data) + compressor.flush()
    if len(data) > _LIMIT or len(packed) > _LIMIT:
        raise ValueError(f"{name}: a member over 4 GiB needs ZIP64")
    return Member(name, zlib.crc32(data), len(data), packed)


def write_zip(
    out: BinaryIO, members: Iterable[Member], date_time: tuple[int, int, int, int, int, int]
) -> int:
    """Write ``members`` in the order given, then the central directory; return the bytes
    written. Each member is written as it comes, so a caller may make them one at a time."""
    y, mo, d, h, mi, s = date_time
    dosdate = (y - 1980) << 9 | mo << 5 | d
    dostime = h << 11 | mi << 5 | (s // 2)
    directory: list[bytes] = []
    offset = 0
    for member in members:
        name, flags = _encoded(member.name)
        if offset > _LIMIT:
            raise ValueError("a zip over 4 GiB needs ZIP64")
        header = struct.pack(
            "<4s2B4HL2L2H",
            b"PK\003\004",
            _VERSION,
            0,
            flags,
            _DEFLATED,
            dostime,
            dosdate,
            member.crc,
            len(member.data),
            member.size,
            len(name),
            0,
        )
        directory.append(
            struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\001\002",
                _VERSION,
                0,  # made on MS-DOS: no Unix owner or mode in the file
                _VERSION,
                0,
                flags,
                _DEFLATED,
                dostime,
                dosdate,
                member.crc,
                len(member.data),
                member.size,
                len(name),
                0,
                0,
                0,
                0,
                _PERMISSIONS,
                offset,
            )
            + name
        )
        out.write(header + name)
        out.write(member.data)
        offset += len(header) + len(name) + len(member.data)
    start = offset
    for entry in directory:
        out.write(entry)
        offset += len(entry)
    size = offset - start
    count = len(directory)
    if start > _LIMIT or size > _LIMIT:
        raise ValueError("a zip over 4 GiB needs ZIP64")
    if count > _MANY:  # as zipfile does: the ZIP64 end record and its locator first
        record = struct.pack(
            "<4sQ2H2L4Q", b"PK\006\006", 44, 45, 45, 0, 0, count, count, size, start
        )
        locator = struct.pack("<4sLQL", b"PK\006\007", 0, offset, 1)
        out.write(record + locator)
        offset += len(record) + len(locator)
        count = _MANY
    end = struct.pack("<4s4H2LH", b"PK\005\006", 0, 0, count, count, size, start, 0)
    out.write(end)
    return offset + len(end)


def _encoded(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME
