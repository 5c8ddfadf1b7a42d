"""Link addresses: which ones may be clickable, and reading and rewriting them in decoded form.

Markdown parsers percent-encode a link (``/wiki/박연미`` becomes ``/wiki/%EB%B0%95…``) and turn an
international host name into Punycode (``박연미.kr`` becomes ``xn--hg3b3b133b.kr``), so a name
searched for in the address as written is never found. Everything that looks for names in an
address (redaction, ``makedocs check``) works on the decoded form, and a rewrite re-encodes
only what it changed: every other byte of the address stays exactly as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

#: The only schemes a reader's click may follow. Anything else (``smb:``, ``file:``, ``C:/…``,
#: ``ms-word:``, ``launch:``, ``javascript:``, a relative path) opens programs or files on the
#: reader's computer, or means nothing outside the author's folder.
CLICKABLE_SCHEMES = ("https", "http", "mailto")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f\\]")
_AUTHORITY = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?(?P<host>[^/?#:\[\]]*)")
_MAIL_HOST = re.compile(r"@(?P<host>[^@,?&/#]+)")
_ESCAPE_OR_CHAR = re.compile(r"%([0-9A-Fa-f]{2})|.", re.S)
Replace = Callable[[re.Match[str]], str]


def scheme(url: str) -> str | None:
    """The scheme in lower case (``"https"``), or None for a relative address."""
    found = _SCHEME.match(url.strip())
    return found.group(1).lower() if found else None


def is_clickable(url: str) -> bool:
    """Whether ``url`` may become a link a reader can click: http(s) with a host, or mailto."""
    kind = scheme(url)
    if kind not in CLICKABLE_SCHEMES or _UNSAFE_CHARS.search(url):
        return False
    if kind == "mailto":
        return len(url) > len("mailto:")
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:  # a malformed port or IPv6 address
        return False


def is_web_url(url: str) -> bool:
    """An absolute http(s) address with a host: the only kind a printed QR code may carry."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and not any(c.isspace() or ord(c) < 32 for c in url)
    )


def bare_url(url: str) -> str:
    """A URL as people read it aloud: no scheme, no trailing slash."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
    return url.rstrip("/")


def decode_url(url: str) -> str:
    """The address as a person reads it: international hosts and %-escapes decoded."""
    text = _rewrite_hosts(url, None)
    return "".join(unit.char for unit in _units(text))


def rewrite_url(url: str, pattern: re.Pattern[str], replace: Replace) -> str:
    """``url`` with every match of ``pattern`` in its decoded form replaced, then re-encoded.

    Unmatched parts keep their original spelling (escapes, case, Punycode) byte for byte.
    """
    url = _rewrite_hosts(url, (pattern, replace))
    units = _units(url)
    decoded = "".join(unit.char for unit in units)
    matches = list(pattern.finditer(decoded))
    if not matches:
        return url
    # unit index of every decoded character (each unit decodes to exactly one character)
    out: list[str] = []
    position = 0
    for match in matches:
        start, end = match.span()
        if start < position:
            continue
        out.extend(unit.written for unit in units[position:start])
        out.append(quote(replace(match), safe="-._~!$&'()*+,;=:@/"))
        position = end
    out.extend(unit.written for unit in units[position:])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _Unit:
    char: str  # what it means
    written: str  # how the address spells it


def _units(url: str) -> list[_Unit]:
    """One unit per decoded character; a %-escaped UTF-8 sequence is one unit."""
    units: list[_Unit] = []
    pending: list[tuple[int, str]] = []  # escaped bytes not yet decoded

    def flush() -> None:
        data = bytes(byte for byte, _ in pending)
        i = 0
        while i < len(data):
            length = _utf8_length(data[i])
            chunk = data[i : i + length]
            try:
                char = chunk.decode("utf-8") if length else ""
            except UnicodeDecodeError:
                char = ""
            if len(char) == 1:
                units.append(_Unit(char, "".join(w for _, w in pending[i : i + length])))
                i += length
            else:  # not UTF-8: the escape stays three literal characters
                units.extend(_Unit(c, c) for c in pending[i][1])
                i += 1
        pending.clear()

    for found in _ESCAPE_OR_CHAR.finditer(url):
        if found.group(1) is not None:
            pending.append((int(found.group(1), 16), found.group(0)))
            continue
        if pending:
            flush()
        units.append(_Unit(found.group(0), found.group(0)))
    if pending:
        flush()
    return units


def _utf8_length(lead: int) -> int:
    if lead < 0x80:
        return 1
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _rewrite_hosts(url: str, rewrite: tuple[re.Pattern[str], Replace] | None) -> str:
    """Decode Punycode host labels; with ``rewrite``, redact them and encode them again."""
    spans: list[tuple[int, int]] = []
    found = _AUTHORITY.match(url)
    if found:
        spans.append(found.span("host"))
    elif scheme(url) == "mailto":
        spans.extend(m.span("host") for m in _MAIL_HOST.finditer(url))
    for start, end in reversed(spans):
        host = url[start:end]
        decoded = ".".join(_from_punycode(label) for label in host.split("."))
        if rewrite is None:
            new = decoded
        else:
            pattern, replace = rewrite
            if not pattern.search(decoded):
                continue
            new = ".".join(
                _to_punycode(label) for label in pattern.sub(replace, decoded).split(".")
            )
        url = url[:start] + new + url[end:]
    return url


def _from_punycode(label: str) -> str:
    if not label.lower().startswith("xn--"):
        return label
    try:
        return label[4:].encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        return label


def _to_punycode(label: str) -> str:
    if label.isascii():
        return label
    return "xn--" + label.encode("punycode").decode("ascii")
