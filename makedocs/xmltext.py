"""Text made safe inside XML or ReportLab paragraph markup.

Not ``xml.sax.saxutils.escape``: importing it pulls in ``urllib.request``, ``http.client`` and
the ``email`` package, about 17 ms of start-up in every process that sets text.
"""

from __future__ import annotations

from html import escape as _escape


def xml_text(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities; quotes left as they are (element content)."""
    return _escape(text, quote=False)


def xml_attribute(text: str) -> str:
    """``&``, ``<``, ``>`` and ``"`` as entities: for a double-quoted attribute value."""
    return _escape(text, quote=False).replace('"', "&quot;")
