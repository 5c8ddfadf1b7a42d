"""Picture paths as authors write them, made into safe paths relative to the story's folder.

Markdown percent-encodes a link destination (``![a](<사진 1.jpg>)`` reaches us as
``%EC%82%AC%EC%A7%84%201.jpg``), so it is decoded before the file is looked for. A story may
only use pictures in its own folder or below it. An absolute path, a drive or network path
(``C:/``, ``//server``), an address (``file:``, ``https:``) or ``..`` climbing out of the folder
is refused, whether written plainly or encoded (``%2e%2e%2f``), so a story handed in by someone
else cannot pull a picture from elsewhere on the computer into a booklet. A symbolic link inside
the folder is the folder owner's own choice and is followed.
"""

from __future__ import annotations

import re
from contextlib import suppress
from posixpath import normpath
from urllib.parse import unquote

_DRIVE_OR_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def picture_path(written: str, *, encoded: bool) -> str:
    """The relative path to open for ``written`` (decoded first when ``encoded``).

    Raises ValueError with a message for the author when the path is not allowed.
    """
    path = written.strip()
    if encoded:
        with suppress(UnicodeDecodeError):  # not UTF-8 once decoded: keep it as written
            path = unquote(path, errors="strict")
    if "\x00" in path:
        raise ValueError(f"picture path {written!r} contains a NUL character")
    path = path.replace("\\", "/")
    if not path:
        return path
    if path.startswith("/") or _DRIVE_OR_SCHEME.match(path):
        raise ValueError(
            f"picture path {written!r} is not relative to the story; put the picture in the "
            "story's folder (or below it) and write its path from there"
        )
    normal = normpath(path)
    if normal == ".." or normal.startswith("../"):
        raise ValueError(
            f"picture path {written!r} leaves the story's folder; put the picture in the "
            "story's folder (or below it)"
        )
    return path
