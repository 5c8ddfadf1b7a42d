"""The screening handout: one print-ready sheet per event, with a QR code that scans.

- ``content``: what the handout says, chosen from the model;
- ``events``: one event's details, or a batch read from a CSV, checked row by row;
- ``dates``: dates in the collection's language with their weekday;
- ``style``: the theme's ``[handout]`` tables;
- ``layout``: measuring and fitting every block, placing them on the page;
- ``page``: the laid-out page as drawing operations;
- ``sheets``: 1, 2 or 4 copies a sheet, with cut marks;
- ``render``: lay out every event once, then write the PDFs.
"""
