"""ReportLab internals makedocs relies on, where ReportLab has no public API for them.

Tested with ReportLab 4.4 to 5.1 (pinned in pyproject.toml): ``Paragraph.blPara`` (the broken
lines after ``wrap``) and the size protocol ``ImageAndFlowables`` calls on its image
(``_restrictSize``/``_unRestrictSize``, which only ReportLab's own Image implements).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus.flowables import Flowable


def last_line_words(paragraph: Any) -> int:
    """Words on the last line of a Paragraph that has just been wrapped."""
    lines = paragraph.blPara.lines
    if not lines:
        return 0
    line = lines[-1]
    count = getattr(line, "wordCount", None)  # a FragLine (text with font changes)
    if count is not None:
        return int(count)
    return len(line[1]) if isinstance(line, tuple) else 2  # (extra space, words)


class _Unshrinkable(Flowable):
    """A flowable that answers ImageAndFlowables' request to shrink with its own size."""

    def __init__(self, inner: Flowable) -> None:
        super().__init__()
        self.inner = inner

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.inner.wrap(availWidth, availHeight)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        self.inner.drawOn(canvas, x, y, _sW)

    def _restrictSize(self, aW: float, aH: float) -> tuple[float, float]:  # noqa: N802, N803
        return self.inner.wrap(aW, aH)

    def _unRestrictSize(self) -> None:  # noqa: N802
        pass


def beside(first: Flowable, flowables: list[Any], side: str = "left") -> Flowable:
    """``flowables`` set in the room beside ``first`` (a drop cap), then below it, with no
    padding; ``first`` keeps its size however little room there is."""
    from reportlab.platypus import ImageAndFlowables

    return ImageAndFlowables(
        _Unshrinkable(first),
        flowables,
        imageSide=side,
        imageLeftPadding=0,
        imageRightPadding=0,
        imageTopPadding=0,
        imageBottomPadding=0,
    )
