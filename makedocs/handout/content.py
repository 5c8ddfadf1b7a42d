"""What a handout says, chosen from the (already redacted) model.

- the title: the story's when the handout is about one story, else the collection's;
- the summary: front matter ``summary``, else the opening paragraphs, as sentences that the
  layout may trim from the end (never in the middle of one);
- quotations to choose from: epigraphs and pull quotes in reading order, those credited to
  someone first; the layout takes the first that fits;
- the call to action, the organisation's web address, and (for the back) what the
  organisation is about and the stories the collection holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from makedocs.deck.fit import sentences
from makedocs.model import (
    CallToAction,
    Collection,
    Epigraph,
    Paragraph,
    PullQuote,
    Source,
    Story,
    plain_text,
)

#: Ends a sentence cut short; stripped before it: a clause's last mark.
ELLIPSIS = "\u00a0…"
CLAUSE_ENDS = ",;:—–-"


@dataclass(frozen=True, slots=True)
class Quotation:
    text: str
    attribution: str
    source: Source


@dataclass(frozen=True, slots=True)
class Summary:
    """Paragraphs of sentences; ``source`` is where they were written (front matter or text)."""

    paragraphs: tuple[tuple[str, ...], ...]
    source: Source | None

    @property
    def count(self) -> int:
        return sum(len(p) for p in self.paragraphs)

    def first(self, n: int) -> tuple[str, ...]:
        """The first ``n`` sentences as paragraphs of text."""
        out: list[str] = []
        for paragraph in self.paragraphs:
            if n <= 0:
                break
            out.append(" ".join(paragraph[:n]))
            n -= len(paragraph)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Content:
    title: str
    title_source: Source | None  # None: the collection's title, from makedocs.toml
    subtitle: str
    organisation: str
    summary: Summary
    quotations: tuple[Quotation, ...]
    call_to_action: str
    url: str  # the organisation's address ("" if none)
    about: Summary
    stories: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Limits:
    """How many words each kind of text may bring to a handout, before any measuring."""

    summary: int
    quote: int
    about: int


def select(collection: Collection, limits: Limits) -> Content:
    """The handout's content, each text within its limit: the summary and the organisation's
    about in whole sentences (a first sentence that alone is over the limit is cut at a word,
    with an ellipsis), quotations over their limit left out. So a long opening never crowds
    the page, and no text is measured that could never fit."""
    meta = collection.meta
    stories = collection.stories
    story = stories[0] if len(stories) == 1 else None
    title = story.title if story else meta.title
    subtitle = (story.subtitle if story else meta.subtitle) or ""
    call, url = meta.call_to_action or "", meta.url or ""
    for block in (b for s in stories for b in s.blocks):
        if isinstance(block, CallToAction):
            call = call or block.text
            url = url or block.url
            break
    about = Summary((tuple(sentences(meta.about)),), None) if meta.about else Summary((), None)
    return Content(
        title=title,
        title_source=story.source if story else None,
        subtitle=subtitle,
        organisation=meta.organisation or "",
        summary=_summary(stories, limits.summary),
        quotations=_quotations(stories, limits.quote),
        call_to_action=call,
        url=url,
        about=_cap(about, limits.about),
        stories=tuple(s.title for s in stories) if len(stories) > 1 else (),
    )


def _summary(stories: tuple[Story, ...], max_words: int) -> Summary:
    for story in stories:
        if story.summary:
            return _cap(Summary((tuple(sentences(story.summary)),), story.source), max_words)
    for story in stories:
        paragraphs = [b for b in story.blocks if isinstance(b, Paragraph)]
        if paragraphs:
            found = tuple(tuple(sentences(plain_text(p.content))) for p in paragraphs[:6])
            return _cap(Summary(found, paragraphs[0].source), max_words)
    return Summary((), None)


def _cap(summary: Summary, max_words: int) -> Summary:
    """Whole sentences up to ``max_words`` words; at least the first, cut at a word if it is
    longer than that alone."""
    kept: list[tuple[str, ...]] = []
    words = 0
    for paragraph in summary.paragraphs:
        taken: list[str] = []
        for sentence in paragraph:
            count = len(sentence.split())
            if words + count > max_words:
                if not kept and not taken:  # the first sentence alone is too long
                    head = " ".join(sentence.split()[:max_words]).rstrip(CLAUSE_ENDS)
                    taken.append(head + ELLIPSIS)
                break
            taken.append(sentence)
            words += count
        if taken:
            kept.append(tuple(taken))
        if len(taken) < len(paragraph):
            break
    return Summary(tuple(kept), summary.source)


def _quotations(stories: tuple[Story, ...], max_words: int) -> tuple[Quotation, ...]:
    found: list[Quotation] = []
    for story in stories:
        for block in story.blocks:
            match block:
                case (
                    Epigraph(content=content, attribution=who, source=source)
                    | PullQuote(content=content, attribution=who, source=source)
                ):
                    text = " ".join(plain_text(content).split())
                    if text and len(text.split()) <= max_words:
                        found.append(Quotation(text, who or "", source))
    return tuple(sorted(found, key=lambda q: not q.attribution))
