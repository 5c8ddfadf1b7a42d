"""makedocs: one content model, many print and screen outputs."""

__version__ = "0.1.0"
