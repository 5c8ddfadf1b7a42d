"""The organisation's own plain-text format: stories pasted one after another, no markup.

Rules (also in README.md):
- every non-blank line is one paragraph; blank lines only separate;
- a *title* line starts a story: short (at most 14 words, 100 characters), no sentence-ending
  punctuation, not starting with a quotation mark or dash, most longer words capitalised. It may
  follow the previous story's last paragraph directly, with no blank line;
- a line that is a quotation followed by a dash and a source (``“…” – IndieWire``) is the story's
  *epigraph* when it opens the story, a *block quote* with attribution elsewhere;
- a line that is one quotation from start to end (at most 300 characters) is a *pull quote*;
- a line starting with an em or en dash is an *attribution* (``— Yusung Park, …``);
- copy-paste repairs: a closing quotation mark stranded at the start of a line moves back to the
  end of the quotation it closes; a line that opens a quotation and never closes it gets its
  closing mark; straight quotes become curly, a quotation nested in another takes single marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from makedocs.errors import MakedocsError, Warned
from makedocs.model import (
    Attribution,
    Block,
    Epigraph,
    Paragraph,
    PullQuote,
    Quote,
    Source,
    Story,
    Text,
)
from makedocs.sources.reading import read_source
from makedocs.typography import (
    CLOSE_DOUBLE,
    DASHES,
    OPEN_DOUBLE,
    is_whole_quotation,
    nest_quotes,
    smarten,
    unclosed_double,
)

MAX_TITLE_WORDS = 14
MAX_TITLE_CHARS = 100
MAX_PULL_QUOTE_CHARS = 300
MAX_SOURCE_CHARS = 80

_SENTENCE_END = tuple(".,;:!?…\u201d\u2019\"')")
_MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "over",
        "the",
        "to",
        "up",
        "upon",
        "via",
        "with",
        "vs",
    ]
)
_SOURCE_LINE = re.compile(
    rf"^(?P<quote>{OPEN_DOUBLE}.*{CLOSE_DOUBLE})\s*[{DASHES}-]\s*(?P<source>[^{DASHES}]+?)\s*$"
)


@dataclass(slots=True)
class _Line:
    text: str
    number: int


def parse_text(path: Path, display: str, warned: Warned) -> list[Story]:
    """Parse one ``.txt`` file into stories."""
    text = read_source(path, display, warned)
    lines = [
        _Line(smarten(raw.strip()), number)
        for number, raw in enumerate(text.split("\n"), start=1)
        if raw.strip()
    ]
    if not lines:
        raise MakedocsError("file is empty: no stories found", display, 1)
    _repair_quotes(lines)

    stories: list[Story] = []
    title: _Line | None = None
    blocks: list[Block] = []
    if not is_title_line(lines[0].text) or len(lines) == 1:
        # Prose on the first line: the author left the title out. Name the story after the file
        # rather than swallow a paragraph into a title.
        title = _Line(path.stem.replace("-", " ").replace("_", " ").strip().title(), 1)
        warned.warn(
            "first line does not look like a title; titling the story after the file", display, 1
        )
    for index, line in enumerate(lines):
        if is_title_line(line.text) and index + 1 < len(lines):
            if title is not None:
                stories.append(_story(title, blocks, display))
            title, blocks = line, []
            continue
        blocks.append(_block(line, display, opens_story=not blocks))
    assert title is not None
    stories.append(_story(title, blocks, display))
    return stories


def is_title_line(text: str) -> bool:
    """A short, unpunctuated, mostly capitalised line: how the organisation writes titles."""
    words = text.split()
    if not words or len(words) > MAX_TITLE_WORDS or len(text) > MAX_TITLE_CHARS:
        return False
    if text.endswith(_SENTENCE_END) or text[0] in "\"'“‘«—–-" or not text[0].isupper():
        return False
    significant = [w for w in words if w.lower().strip(":,") not in _MINOR_WORDS]
    capitalised = [w for w in significant if w[0].isupper() or w[0].isdigit()]
    return len(capitalised) >= max(1, round(len(significant) * 0.6))


def _repair_quotes(lines: list[_Line]) -> None:
    """Mend the two copy-paste artifacts: stranded closing marks and never-closed quotations."""
    for index, line in enumerate(lines):
        if line.text.startswith(CLOSE_DOUBLE) and index:
            previous = lines[index - 1]
            if unclosed_double(previous.text):
                previous.text += CLOSE_DOUBLE
                line.text = line.text[1:].lstrip()
    for line in lines:
        if line.text.startswith(OPEN_DOUBLE) and unclosed_double(line.text):
            line.text += CLOSE_DOUBLE * unclosed_double(line.text)
        line.text = nest_quotes(line.text)


def _block(line: _Line, display: str, opens_story: bool) -> Block:
    source = Source(display, line.number)
    text = line.text
    if text[0] in DASHES and len(text) > 1:
        return Attribution(text[1:].strip(), source)
    match = _SOURCE_LINE.match(text)
    if match and len(match["source"]) <= MAX_SOURCE_CHARS and is_whole_quotation(match["quote"]):
        content = (Text(match["quote"]),)
        if opens_story:
            return Epigraph(content, match["source"], source)
        return Quote((content,), match["source"], source)
    if len(text) <= MAX_PULL_QUOTE_CHARS and is_whole_quotation(text):
        return PullQuote((Text(text),), source)
    return Paragraph((Text(text),), source)


def _story(title: _Line, blocks: list[Block], display: str) -> Story:
    if not blocks:
        raise MakedocsError(f"story {title.text!r} has a title but no text", display, title.number)
    return Story(title=title.text, blocks=tuple(blocks), source=Source(display, title.number))
