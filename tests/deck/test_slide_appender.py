"""The constant-time slide appender gives exactly what python-pptx's own add_slide gives."""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation

from makedocs.deck.package import SlideAppender, fast_partnames
from makedocs.resources import TEMPLATES_DIR

TEMPLATE = TEMPLATES_DIR / "default" / "deck-16x9.pptx"


def _parts(prs: object) -> dict[str, bytes]:
    buffer = io.BytesIO()
    prs.save(buffer)  # type: ignore[attr-defined]
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_appended_slides_match_python_pptx_part_for_part() -> None:
    ours, theirs = Presentation(str(TEMPLATE)), Presentation(str(TEMPLATE))
    fast_partnames(ours)
    appender = SlideAppender(ours)
    ids = []
    for index in range(12):
        layout = index % len(ours.slide_layouts)
        added = appender.add(ours.slide_layouts[layout])
        slide, slide_id = added.slide, added.slide_id
        slide.notes_slide.notes_text_frame.text = f"notes {index}"
        ids.append(slide_id)
        other = theirs.slides.add_slide(theirs.slide_layouts[layout])
        other.notes_slide.notes_text_frame.text = f"notes {index}"
    assert ids == [int(s.slide_id) for s in theirs.slides]
    assert len(ours.slides) == 12
    assert _parts(ours) == _parts(theirs)
