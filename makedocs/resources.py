"""Where the bundled fonts/ and templates/ live (beside the package in the repository)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS_DIR = ROOT / "fonts"
TEMPLATES_DIR = ROOT / "templates"
