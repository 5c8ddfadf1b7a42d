"""The booklet's work, counted (never timed): each picture decoded and embedded once however
often it is used, a bounded number of stories' flowables alive at once, streams neither
ASCII85-wrapped nor recompressed by the imposition.

PDFs are read back with pypdf; what is counted in the build (decodes, live flowables) is
counted by wrapping Pillow and the typesetter from outside, not by makedocs' own bookkeeping.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

from makedocs.booklet import typeset
from tests.booklet.conftest import build_booklet, write_collection

PARAGRAPH = (
    "We left before dawn with a small bag and some money, and walked until the river was "
    "behind us. Nobody spoke; every sound carried across the water in the cold air. "
)


def picture_collection(folder: Path, uses: int) -> Path:
    """Stories using one JPEG photo and one PNG with transparency ``uses`` times each; the
    first story also has the photo as its own picture (printed smaller, above its title)."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True)
    across = Image.linear_gradient("L").resize((1600, 1000))
    down = Image.linear_gradient("L").rotate(90).resize((1600, 1000))
    photo = Image.merge("RGB", (across, down, Image.effect_noise((1600, 1000), 60)))
    photo.save(folder / "river.jpg", quality=85)  # thousands of colours: stays a JPEG
    mark = Image.new("RGBA", (900, 900), (0, 0, 0, 0))
    ImageDraw.Draw(mark).ellipse((50, 50, 850, 850), fill=(200, 40, 60, 255))
    mark.save(folder / "mark.png")
    for n in range(uses):
        body = [
            PARAGRAPH * 3,
            f'![A river](river.jpg "The river, use {n + 1} | Photo: Archive")',
            PARAGRAPH * 2,
            "![A red circle](mark.png)",
            PARAGRAPH,
        ]
        front = f"title: Crossing {n + 1}" + ("\nimage: river.jpg" if n == 0 else "")
        text = f"---\n{front}\n---\n\n" + "\n\n".join(body) + "\n"
        (folder / f"{n + 1:02d}.md").write_text(text, "utf-8")
    return folder


def decodes_while_building(monkeypatch: pytest.MonkeyPatch, out: Path, source: Path) -> int:
    """How many times Pillow decodes a picture while ``makedocs booklet`` runs (in process)."""
    from PIL import Image

    count = 0
    real = Image._getdecoder

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal count
        count += 1
        return real(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(Image, "_getdecoder", counting)
        build_booklet(out, source)
    return count


def image_xobjects(reader: PdfReader) -> dict[int, str]:
    """Object number -> "image" or "mask" for every image XObject the pages draw."""
    found: dict[int, str] = {}
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        for ref in resources.get("/XObject", {}).values():
            image = ref.get_object()
            if image["/Subtype"] == "/Image":
                found[ref.idnum] = "image"
                if "/SMask" in image:
                    found[image.raw_get("/SMask").idnum] = "mask"
    return found


def test_a_picture_used_many_times_is_decoded_and_embedded_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    once = picture_collection(tmp_path / "once", 1)
    often = picture_collection(tmp_path / "often", 8)
    decoded_once = decodes_while_building(monkeypatch, tmp_path / "once.pdf", once)
    decoded_often = decodes_while_building(monkeypatch, tmp_path / "often.pdf", often)
    # Eight uses of each picture cost what one does: nothing is decoded per use.
    assert decoded_often == decoded_once
    reader = PdfReader(tmp_path / "often.pdf")
    kinds = image_xobjects(reader)
    # The photo (in the text and above a title: prepared once, at the larger size), the
    # PNG and its alpha channel.
    assert sorted(kinds.values()) == ["image", "image", "mask"]
    drawn = [
        ref.idnum
        for page in reader.pages
        for ref in page["/Resources"].get_object().get("/XObject", {}).values()
        if ref.get_object()["/Subtype"] == "/Image"
    ]
    assert len(drawn) == 17 and set(drawn) == {n for n, k in kinds.items() if k == "image"}
    # The JPEG went in as JPEG data, the PNG as compressed pixels.
    filters = sorted(_filters(reader.get_object(n)) for n, k in kinds.items() if k == "image")
    assert filters == [["/DCTDecode"], ["/FlateDecode"]]


def test_the_booklet_holds_a_bounded_number_of_stories_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each story's flowables are made when the layout comes near it and let go once they
    are on the page: when a story is made, at most two earlier ones still have any."""
    alive: list[weakref.WeakSet[Any]] = []
    most = 0
    real = typeset.Typesetter.story

    def story(self: typeset.Typesetter, *args: Any, **kwargs: Any) -> list[Any]:
        nonlocal most
        gc.collect()
        most = max(most, sum(1 for made in alive if len(made)))
        items = real(self, *args, **kwargs)
        alive.append(weakref.WeakSet(_every(items)))
        return items

    monkeypatch.setattr(typeset.Typesetter, "story", story)
    source = write_collection(tmp_path / "src", 40)
    build_booklet(tmp_path / "forty.pdf", source)
    assert len(alive) == 40
    assert 1 <= most <= 2


def _every(flowables: list[Any]) -> Iterator[Any]:
    for flowable in flowables:
        yield flowable
        yield from _every(getattr(flowable, "_content", None) or [])


def _streams(reader: PdfReader) -> Iterator[StreamObject]:
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(IndirectObject(number, 0, reader))
        if isinstance(obj, StreamObject):
            yield obj


def _filters(stream: StreamObject) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    return [str(f) for f in value] if isinstance(value, list) else [str(value)]


def test_booklet_streams_are_compressed_but_never_ascii85(seed_build: Path) -> None:
    for name in ("booklet.pdf", "booklet-print.pdf"):
        streams = list(_streams(PdfReader(seed_build / name)))
        filters = [f for stream in streams for f in _filters(stream)]
        assert "/FlateDecode" in filters, name
        assert "/ASCII85Decode" not in filters, name


def test_imposed_pages_draw_the_booklets_own_content_streams(seed_build: Path) -> None:
    """Each page of the imposition shows a booklet page as a form whose stream is that
    page's content stream, byte for byte (still compressed: never decoded and recompressed)."""
    booklet = PdfReader(seed_build / "booklet.pdf")
    imposed = PdfReader(seed_build / "booklet-print.pdf")
    originals = [page["/Contents"].get_object() for page in booklet.pages]
    placed = 0
    for side in imposed.pages:
        for name, ref in side["/Resources"]["/XObject"].items():
            form = ref.get_object()
            original = originals[int(name[2:]) - 1]  # /P7 is the booklet's page 7
            assert form["/Subtype"] == "/Form"
            assert _filters(form) == _filters(original) == ["/FlateDecode"]
            assert form._data == original._data  # the encoded bytes (pypdf keeps no other name)
            assert form.get_data() == original.get_data()
            placed += 1
    assert placed == len(booklet.pages)
