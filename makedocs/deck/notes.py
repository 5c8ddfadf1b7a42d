"""Speaker notes: the full text a slide stands for, and how long it takes to say."""

from __future__ import annotations

from makedocs.deck.plan import Slide


def word_count(text: str) -> int:
    """Words as a word processor counts them: runs between spaces that hold a letter or digit."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def speaking_seconds(text: str, words_per_minute: float) -> int:
    return round(word_count(text) * 60 / words_per_minute)


def timing_line(seconds: int) -> str:
    return f"Estimated speaking time: {seconds // 60} min {seconds % 60} s"


def notes_paragraphs(slide: Slide) -> list[str]:
    """The notes of one slide, paragraph by paragraph, without the timing line."""
    return slide.all_notes()


def notes_text(slide: Slide, words_per_minute: float) -> str:
    """Notes paragraphs separated by blank lines, then the estimated speaking time."""
    paragraphs = notes_paragraphs(slide)
    seconds = speaking_seconds(" ".join(paragraphs), words_per_minute)
    return "\n\n".join([*paragraphs, timing_line(seconds)])
