"""The one ReportLab text pipeline, shared by every PDF makedocs writes.

The booklet, its covers, the imposition's test sheet and the speaker notes all set text the
same way, and so will any new PDF output:

- ``values.Table`` reads one table of the theme strictly: lengths with units or relative to the
  element (``1.2em``, ``0.5lines``, ``22%``), colour names, numbers; a bad value is an error at
  the line of the theme file that set it.
- ``styles.text_style`` turns an element's table (``[booklet.pull_quote]``, ``[notes.body]``)
  into a ``TextStyle``: family, style, size, leading, colour name, spacing, indents, tracking.
- ``compositor.Compositor`` holds what every renderer needs to set type: the build's fonts, the
  palette and the hyphenation language. It makes ReportLab paragraph styles from TextStyles,
  run markup (each run in the first font of the family's fallback chain that has its glyphs),
  measures with the embedded fonts, shortens a line with an ellipsis, draws letter-spaced
  lines, and fits a paragraph to a box by stepping its size down to the theme's minimum.
- ``flowables`` has the platypus pieces: letter-spaced labels, balanced display paragraphs
  (no lone word on a title's last line) and rules.
- ``wrapping`` is the pure-Python greedy wrap and shortening both of them use.
"""
