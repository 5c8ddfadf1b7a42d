"""The model as JSON (``makedocs inspect --json``) and as a readable tree."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from makedocs.model import (
    SCHEMA_VERSION,
    Block,
    CodeBlock,
    Collection,
    Story,
    Table,
    block_text,
    plain_text,
)


def to_data(value: Any) -> Any:
    """Plain JSON data for any model value; every dataclass gets a ``type`` field."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data: dict[str, Any] = {"type": type(value).__name__}
        for item in dataclasses.fields(value):
            data[item.name] = to_data(getattr(value, item.name))
        return data
    if isinstance(value, tuple | list):
        return [to_data(item) for item in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    return value


def to_json(collection: Collection) -> str:
    return json.dumps(
        {"version": SCHEMA_VERSION, "collection": to_data(collection)},
        ensure_ascii=False,
        indent=2,
    )


def to_tree(collection: Collection) -> str:
    """A short outline: one line per story and block, with source lines."""
    meta = collection.meta
    lines = [f"Collection: {meta.title}" + (f" — {meta.subtitle}" if meta.subtitle else "")]
    for story in collection.stories:
        lines.extend(_story_tree(story))
    return "\n".join(lines)


def _story_tree(story: Story) -> list[str]:
    lines = [f"  Story: {story.title}  ({story.source.file}:{story.source.line})"]
    for block in story.blocks:
        text = " ".join(_summary(block).split())
        if len(text) > 70:
            text = text[:69] + "…"
        lines.append(f"    {type(block).__name__:<13} {block.source.line:>4}  {text}")
    return lines


def _summary(block: Block) -> str:
    """What one line of the tree says about a block: its text, or for a table its shape,
    caption and header, for code its language, length and first line."""
    match block:
        case Table(header=header, rows=rows, caption=caption):
            shape = f"{_count(block.columns, 'column')} × {_count(len(rows), 'row')}"
            head = " | ".join(plain_text(cell) for cell in header) or "no header row"
            return f"{shape}: " + (f"{plain_text(caption)}: " if caption else "") + head
        case CodeBlock(text=text, language=language):
            lines = text.split("\n")
            count = _count(len(lines), "line")
            return f"{language + ', ' if language else ''}{count}: {lines[0]}"
    return block_text(block)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
