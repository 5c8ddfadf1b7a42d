"""Where the bundled fonts/ and templates/ live.

In a checkout (and an editable install) they sit beside the package; a regular install puts
them under ``<prefix>/share/makedocs`` (pyproject's data-files).
"""

from __future__ import annotations

import sys
from pathlib import Path


def _root() -> Path:
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "fonts").is_dir() and (checkout / "templates").is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "makedocs"


ROOT = _root()
FONTS_DIR = ROOT / "fonts"
TEMPLATES_DIR = ROOT / "templates"
