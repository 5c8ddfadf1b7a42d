"""A deliberately hard 20-story collection: long titles, long sentences and quotes, Hangul."""

from __future__ import annotations

from pathlib import Path

WORDS = [
    "river",
    "border",
    "night",
    "family",
    "freedom",
    "courage",
    "waiting",
    "border",
    "guards",
    "cold",
    "water",
    "phone",
    "code",
    "mother",
    "brother",
    "market",
    "beans",
    "rice",
    "corn",
    "school",
    "fields",
    "season",
    "police",
    "question",
    "silence",
    "broker",
    "journey",
    "China",
    "Laos",
    "Thailand",
    "embassy",
    "shelter",
    "friends",
    "letters",
    "photographs",
    "memory",
]


def _sentence(n: int, length: int) -> str:
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def story_markdown(n: int) -> str:
    """Story ``n``: every fourth has extreme lengths, every fifth Hangul."""
    long_title = n % 4 == 0
    title = (
        "The Long Road From the Northern Border Through Three Countries to a Safe Place "
        f"Called Home {n}"
        if long_title
        else f"Crossing Number {n}"
    )
    parts = [f"# {title}", ""]
    if n % 3 == 0:
        quote = " ".join(_sentence(n + k, 14) for k in range(5))
        who = "A witness who asked not to be named, Seoul, 2019"
        if n == 9:  # an attribution far longer than its box
            who = " ".join([who] * 6)
        parts += [f"> “{quote}”", f"> — {who}", ""]
    for p in range(3 + n % 4):
        length = 70 if (long_title and p == 0) else 9 + (n + p) % 12
        sentences = [_sentence(n + p, length)] + [_sentence(n + p + k, 11) for k in range(4)]
        parts += [" ".join(sentences), ""]
    if n % 5 == 0:
        parts += [
            "우리는 밤에 강을 건넜습니다. 어머니는 아무 말도 하지 않았습니다. "
            "국경 경비대는 자정에 교대했습니다.",
            "",
        ]
    if n % 2 == 0:
        parts += [f"“{_sentence(n, 22)}”", ""]
    if n % 6 == 0:
        parts += ["## What we carried", ""]
        parts += [f"- {_sentence(n + k, 6 + k * 5)}" for k in range(9)]
        parts += [""]
    parts += ["---", "", f"— Storyteller {n}, resettled in 20{10 + n}", ""]
    return "\n".join(parts)


def write_collection(folder: Path, count: int = 20) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, count + 1):
        (folder / f"{n:02d}.md").write_text(story_markdown(n), "utf-8")
    return folder
