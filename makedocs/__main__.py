"""Allow ``python -m makedocs``."""

from makedocs.cli import run

run()
