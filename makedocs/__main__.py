"""Allow ``python -m makedocs``."""

from makedocs.cli import main

main()
