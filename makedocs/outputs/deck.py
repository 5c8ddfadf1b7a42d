"""deck.pptx: the slide deck, editable, with the full story in the speaker notes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO

from makedocs.options import Option
from makedocs.outputs import Job, Output, count

if TYPE_CHECKING:
    from makedocs.config import Settings
    from makedocs.deck.options import DeckOptions
    from makedocs.deck.render import Built
    from makedocs.theme import Theme

SETTINGS = {
    "deck": {
        "aspect": Option(
            "choice", None, choices=("16:9", "4:3"), help="slide shape", example="16:9"
        ),
        "template": Option(
            "path",
            None,
            help="your organisation's .pptx template (relative to this file)",
            example="brand/our-template.pptx",
        ),
        "layouts": Option(
            "names",
            {},
            help="layout names makedocs looks for, mapped to your template's",
            example={"Quote": "Big Quote"},
        ),
    }
}


def _options(values: Mapping[str, Any], settings: Settings) -> DeckOptions:
    from pathlib import Path

    from makedocs.deck.options import DeckOptions

    template = values["template"]
    return DeckOptions(
        aspect=values["aspect"],
        template=Path(template) if template is not None else None,
        layouts=dict(values["layouts"] or {}),
    )


def _make(job: Job) -> Built:
    """The fitted slide plan, made once: the speaker notes print the same slides."""
    from makedocs.deck.render import build_plan

    return build_plan(job.collection, job.ctx, job.options)


def _write(job: Job, built: Built, out: BinaryIO) -> str:
    from makedocs.deck.render import write_deck

    return count(write_deck(built, job.collection, job.ctx, out), "slide")


def fonts(theme: Theme) -> tuple[str, ...]:
    """The family slides are measured in, and the one code slides are."""
    return (str(theme.deck["font"]), str(theme.deck["code"]["font"]))


OUTPUT = Output(
    name="deck",
    filename="deck.pptx",
    summary="the slide deck (PowerPoint, Keynote, LibreOffice), story text in the notes",
    make=_make,
    write=_write,
    options=_options,
    settings=SETTINGS,
    preview="slides",
    theme_table="deck",
    fonts=fonts,
)
