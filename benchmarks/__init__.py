"""The benchmark behind issue 14: makedocs against WeasyPrint, LibreOffice, pandoc and the floors.

Run ``.venv/bin/python benchmarks/run.py``; see ``run.py`` for the options.
"""
