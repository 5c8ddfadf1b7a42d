"""A justified line that would be looser than the theme allows, and cannot take a word from the
line above, is set with its spaces at the limit: it ends a little short of the margin instead
of being set with plain spaces (two such lines mid-paragraph read as a paragraph's end)."""

from __future__ import annotations

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from makedocs.adapters.reportlab import _stretch, settle_loose_lines

MOST = 1.6


def _paragraph(width: float) -> tuple[Paragraph, float]:
    style = ParagraphStyle("p", fontName="Times-Roman", fontSize=10, leading=12)
    style.alignment = TA_JUSTIFY
    text = (
        "A short one extraordinarily incomprehensibilities then characteristically "
        "a word uncharacteristically and counterrevolutionaries with internationalisation."
    )
    para = Paragraph(text, style)
    para.wrap(width, 1000)
    return para, stringWidth(" ", "Times-Roman", 10)


def test_a_line_too_loose_to_mend_is_set_at_the_limit_not_with_plain_spaces() -> None:
    para, space = _paragraph(150)
    lines = para.blPara.lines
    assert any(_stretch(line, space) > MOST for line in lines[:-1])  # the case exists
    held = settle_loose_lines(para, space, MOST)
    lines = para.blPara.lines
    stretches = [_stretch(line, space) for line in lines[:-1]]
    assert held >= 1
    assert max(stretches) <= MOST + 1e-9
    # held lines keep a stretch at the limit: not 1.0 (plain spaces, a ragged line)
    assert sum(abs(s - MOST) < 1e-9 for s in stretches) == held
