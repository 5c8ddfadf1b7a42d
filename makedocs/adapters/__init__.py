"""The only modules allowed to touch a library's private internals, one per library.

Each use here has no public equivalent in the library's API. Keeping them together means a
library upgrade breaks one small module, and pyproject.toml pins each library to the range
these were tested with.
"""
