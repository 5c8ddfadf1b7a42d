"""Where the bundled fonts/, profiles/ and templates/ live.

In a checkout (and an editable install) they sit beside the package; a regular install puts
them under ``<data>/share/makedocs`` (pyproject's data-files), where ``<data>`` is the install
scheme's data folder: the virtual environment, the system prefix or the user's base.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path


def _candidates() -> list[Path]:
    found = [Path(__file__).resolve().parent.parent]
    for scheme in (None, f"{os.name}_user"):
        try:
            data = sysconfig.get_path("data", scheme) if scheme else sysconfig.get_path("data")
        except KeyError:
            continue
        found.append(Path(data) / "share" / "makedocs")
    found.append(Path(sys.prefix) / "share" / "makedocs")
    return found


def _root() -> Path:
    for root in _candidates():
        if (root / "fonts").is_dir() and (root / "templates").is_dir():
            return root
    return _candidates()[-1]  # nothing found: messages will name the expected place


ROOT = _root()
FONTS_DIR = ROOT / "fonts"
PROFILES_DIR = ROOT / "profiles"  # ICC profiles for --cmyk (see profiles/licenses/)
TEMPLATES_DIR = ROOT / "templates"
