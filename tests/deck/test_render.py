"""The seed deck and a photo story read back with python-pptx: structure, fit, accessibility."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from makedocs.deck.fit import Measure
from makedocs.deck.style import deck_style
from makedocs.errors import Warned
from makedocs.model import Paragraph, plain_text
from makedocs.sources.text import parse_text
from makedocs.theme import load_theme
from tests.conftest import SEED, words
from tests.deck.conftest import build_deck
from tests.deck.measure import measure, mono, text_height

P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def titles(deck) -> list[str]:
    return [s.shapes.title.text_frame.text for s in deck.slides]


def test_every_slide_has_a_unique_title_first_in_reading_order(seed_deck: Path) -> None:
    deck = Presentation(str(seed_deck))
    names = titles(deck)
    assert all(t.strip() for t in names)
    assert len({" ".join(t.split()).casefold() for t in names}) == len(names), names
    for slide in deck.slides:
        first = next(iter(slide.shapes))
        assert first.is_placeholder and first.placeholder_format.type in TITLES


def test_slides_follow_the_stories_in_order(seed_deck: Path) -> None:
    deck = Presentation(str(seed_deck))
    names = titles(deck)
    assert names[0] == "Beyond Utopia" and names[1] == "Agenda"
    a = names.index("Beyond Utopia: Documenting the Escape From North Korea")
    b = names.index("Humans of North Korea: YuSung")
    assert 1 < a < b
    assert names[-1] == "Help North Korean refugees reach freedom."
    layouts = [s.slide_layout.name for s in deck.slides]
    assert layouts[0] == "Title Slide" and layouts[a] == layouts[b] == "Section Header"
    assert layouts.count("Quote") == 3


def test_slide_numbers_on_every_slide_but_the_title(seed_deck: Path) -> None:
    deck = Presentation(str(seed_deck))
    for number, slide in enumerate(deck.slides, start=1):
        fields = slide.element.findall(".//{*}fld[@type='slidenum']")
        if number == 1:
            assert not fields
            continue
        assert len(fields) == 1, number
        assert fields[0].findtext("{*}t") == str(number)
        holder = fields[0].getparent().getparent().getparent()
        assert holder.find(".//{*}nvPr/{*}ph").get("type") == "sldNum"


def test_each_story_is_a_powerpoint_section(seed_deck: Path) -> None:
    deck = Presentation(str(seed_deck))
    pres = deck.element
    sections = pres.findall(f".//{P14}section")
    assert [s.get("name") for s in sections] == [
        "Introduction",
        "Beyond Utopia: Documenting the Escape From North Korea",
        "Humans of North Korea: YuSung",
        "Closing",
    ]
    listed = [int(i.get("id")) for s in sections for i in s.findall(f"{P14}sldIdLst/{P14}sldId")]
    assert listed == [s.slide_id for s in deck.slides]
    ext = sections[0].getparent().getparent()
    assert ext.get("uri") == "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
    opener = [
        s.slide_id for s in deck.slides if s.shapes.title.text_frame.text == sections[2].get("name")
    ]
    assert int(sections[2].find(f"{P14}sldIdLst/{P14}sldId").get("id")) == opener[0]


def test_notes_hold_every_paragraph_in_order_with_speaking_time(seed_deck: Path) -> None:
    deck = Presentation(str(seed_deck))
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides]
    for text in notes:
        found = re.findall(r"Estimated speaking time: (\d+) min (\d+) s", text)
        assert len(found) == 1
        body = text.rsplit("Estimated speaking time", 1)[0]
        seconds = int(found[0][0]) * 60 + int(found[0][1])
        spoken = [w for w in body.split() if any(c.isalnum() for c in w)]
        assert abs(seconds - len(spoken) * 60 / 150) <= 0.5
    joined = " ".join(words(" ".join(notes)))
    position = 0
    for story in parse_text(SEED, "seed", Warned()):
        for block in story.blocks:
            if isinstance(block, Paragraph):
                probe = " ".join(words(plain_text(block.content)))
                found = joined.find(probe, position)
                assert found >= 0, probe[:60]
                position = found + len(probe)


def test_every_shape_lies_inside_the_slide(seed_deck: Path, photo_deck: Path) -> None:
    for path in (seed_deck, photo_deck):
        deck = Presentation(str(path))
        for number, slide in enumerate(deck.slides, start=1):
            for shape in slide.shapes:
                box = (shape.left, shape.top, shape.width, shape.height)
                assert None not in box, (number, shape.name)
                assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
                assert shape.left + shape.width <= deck.slide_width, (number, shape.name)
                assert shape.top + shape.height <= deck.slide_height, (number, shape.name)


def fitted(path: Path, m: Measure | None = None) -> list[tuple[int, str, float, float]]:
    """Every text box whose measured text is taller than the box (measured with ``m``, by
    default the bundled deck font; code with the monospaced one)."""
    m = m or measure()
    code = mono()
    deck = Presentation(str(path))
    over = []
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            need, room = text_height(shape, m, code)
            if need > room:
                over.append((number, shape.name, round(need, 1), round(room, 1)))
    return over


def test_no_text_box_overflows_by_measurement(seed_deck: Path, photo_deck: Path) -> None:
    assert fitted(seed_deck) == []
    assert fitted(photo_deck) == []


def test_text_has_explicit_sizes_within_the_floors_and_autofit_off(seed_deck: Path) -> None:
    deck = Presentation(str(seed_deck))
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            body = shape.element.find("{*}txBody/{*}bodyPr")
            if (
                shape.is_placeholder
                and shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
            ):
                continue
            assert body.find("{*}normAutofit") is None and body.find("{*}spAutoFit") is None
            assert body.find("{*}noAutofit") is not None
            assert body.get("wrap") in (None, "square")
            title = shape.is_placeholder and shape.placeholder_format.type in TITLES
            floor = 28 if title else 18
            for para in shape.text_frame.paragraphs:
                for run in para.runs:
                    assert run.font.size is not None, (number, shape.name)
                    assert run.font.size.pt >= floor, (number, shape.name, run.text)


def test_no_empty_placeholders_or_prompt_text_remain(seed_deck: Path, photo_deck: Path) -> None:
    for path in (seed_deck, photo_deck):
        deck = Presentation(str(path))
        for slide in deck.slides:
            for shape in slide.placeholders:
                kind = shape.placeholder_format.type
                if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
                    continue
                assert shape.has_text_frame and shape.text_frame.text.strip(), shape.name
            xml = etree.tostring(slide.element).decode()
            assert "Click to" not in xml


def test_pictures_carry_alt_text_from_the_source_never_a_file_name(photo_deck: Path) -> None:
    deck = Presentation(str(photo_deck))
    pictures = [
        (sh.element.nvPicPr.cNvPr, slide)
        for slide in deck.slides
        for sh in slide.shapes
        if sh.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    descriptions = [c.get("descr") for c, _ in pictures]
    assert "A river at dusk seen from a hillside" in descriptions
    assert "A small cloth bag on a table" in descriptions
    assert any(d and d.startswith("QR code that opens https://") for d in descriptions)
    for descr in descriptions:
        assert descr is None or not re.search(r"\.(jpe?g|png)\b|/", descr.split("https://")[0])


def test_image_slides_are_full_bleed_with_caption_as_title_over_a_scrim(photo_deck: Path) -> None:
    deck = Presentation(str(photo_deck))
    slide = next(
        s for s in deck.slides if s.shapes.title.text_frame.text == "The river at the border"
    )
    bg = slide.element.find(".//{*}bg/{*}bgPr/{*}blipFill")
    assert bg is not None  # the photo covers the whole slide as its background
    title = slide.shapes.title
    assert (title.left, title.width) == (0, deck.slide_width)
    assert title.top + title.height == deck.slide_height
    alpha = title.element.find(".//{*}spPr/{*}solidFill/{*}srgbClr/{*}alpha")
    assert alpha is not None and int(alpha.get("val")) >= 80000
    pic = next(sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert (pic.left, pic.top, pic.width) == (0, 0, deck.slide_width)
    assert pic.top + pic.height == title.top  # exactly the part above the band
    texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    assert "Photo by a volunteer" in texts


def test_decorative_pictures_are_marked_decorative(tmp_path: Path, photo_story: Path) -> None:
    text = photo_story.read_text("utf-8").replace(
        "image_focus: 0.5,0.3", "image_focus: 0.5,0.3\nimage_decorative: true"
    )
    story = photo_story.parent / "decorative.md"
    story.write_text(text, "utf-8")
    path, _ = build_deck(tmp_path / "d.pptx", sources=(story,))
    deck = Presentation(str(path))
    marked = deck.slides[2].element.findall(".//{*}cNvPr/{*}extLst/{*}ext/{*}decorative")
    assert len(marked) == 1 and marked[0].get("val") == "1"
    assert marked[0].getparent().get("uri") == "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"


def test_no_image_metadata_or_local_paths_in_the_package(
    photo_deck: Path, photo_story: Path
) -> None:
    from io import BytesIO

    from PIL import Image

    with zipfile.ZipFile(photo_deck) as z:
        for name in z.namelist():
            data = z.read(name)
            assert b"Secret Owner" not in data, name
            assert str(photo_story.parent).encode() not in data, name
            assert b"python-pptx" not in data, name
            if name.startswith("ppt/media/"):
                with Image.open(BytesIO(data)) as img:
                    assert not img.getexif() and "exif" not in img.info


def test_closing_slide_has_a_qr_code_and_the_url(seed_deck: Path) -> None:
    deck = Presentation(str(seed_deck))
    closing = deck.slides[len(deck.slides) - 1]
    text = " ".join(sh.text_frame.text for sh in closing.shapes if sh.has_text_frame)
    assert "www.libertyinnorthkorea.org" in text and "Liberty in North Korea" in text
    links = [
        r.hyperlink.address
        for sh in closing.shapes
        if sh.has_text_frame
        for p in sh.text_frame.paragraphs
        for r in p.runs
        if r.hyperlink.address
    ]
    assert links == ["https://www.libertyinnorthkorea.org"]
    pics = [sh for sh in closing.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pics) == 1 and pics[0].image.content_type == "image/png"
    assert abs(pics[0].width - pics[0].height) < 2


def test_credits_slide_lists_image_credits(photo_deck: Path) -> None:
    deck = Presentation(str(photo_deck))
    last = deck.slides[len(deck.slides) - 1]
    assert last.shapes.title.text_frame.text == "Image credits"
    body = last.placeholders[1].text_frame.text
    assert "The river at the border — Photo by a volunteer" in body
    assert "The bag we carried — Photo: Family archive" in body


def test_metadata_is_the_collection_only(seed_deck: Path) -> None:
    with zipfile.ZipFile(seed_deck) as z:
        core = etree.fromstring(z.read("docProps/core.xml"))
        app = etree.fromstring(z.read("docProps/app.xml"))
        names = z.namelist()
    fields = {el.tag.rsplit("}", 1)[-1]: el.text for el in core}
    assert fields["title"] == "Beyond Utopia"
    assert fields["creator"] == "Liberty in North Korea"
    assert fields["subject"] == "Stories of escape and freedom from North Korea"
    assert set(fields) == {"title", "creator", "subject"}  # no lastModifiedBy, revision, dates
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    deck = Presentation(str(seed_deck))
    assert app.findtext(f"{ns}Slides") == str(len(deck.slides))
    assert app.findtext(f"{ns}PresentationFormat") == "On-screen Show (16:9)"
    assert not any("thumbnail" in n for n in names)
    slides = [n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    assert len(slides) == len(deck.slides)


def test_building_twice_gives_identical_bytes(tmp_path: Path, photo_story: Path) -> None:
    a, _ = build_deck(tmp_path / "a.pptx", sources=(photo_story,))
    b, _ = build_deck(tmp_path / "b.pptx", sources=(photo_story,))
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_four_by_three_uses_the_4_3_template(tmp_path: Path) -> None:
    path, _ = build_deck(tmp_path / "d.pptx", "--aspect", "4:3")
    deck = Presentation(str(path))
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)
    assert fitted(path) == []
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= deck.slide_width


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_hangul_runs_name_the_east_asian_typeface(
    tmp_path: Path, aspect: str, photo_deck: Path
) -> None:
    deck = Presentation(str(photo_deck))
    style = deck_style(load_theme("default"))
    runs = [
        r
        for s in deck.slides
        for sh in s.shapes
        if sh.has_text_frame
        for r in sh.element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}r")
    ]
    assert runs
    for run in runs:
        rpr = run.find("{*}rPr")
        assert rpr.find("{*}latin").get("typeface") == style.latin_typeface  # Calibri
        assert rpr.find("{*}ea").get("typeface") == style.east_asian_typeface  # Malgun Gothic


def test_qr_code_encodes_the_url_and_carries_no_metadata(seed_deck: Path) -> None:
    from io import BytesIO

    import qrcode
    from PIL import Image

    deck = Presentation(str(seed_deck))
    closing = deck.slides[len(deck.slides) - 1]
    pic = next(sh for sh in closing.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE)
    with Image.open(BytesIO(pic.image.blob)) as img:
        assert set(img.info) <= {"dpi"} and not img.getexif()
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
        code.add_data("https://www.libertyinnorthkorea.org")
        code.make(fit=True)
        matrix = code.get_matrix()
        box = img.width // len(matrix)
        grey = img.convert("L")
        seen = [
            [
                grey.getpixel((x * box + box // 2, y * box + box // 2)) < 128
                for x in range(len(matrix))
            ]
            for y in range(len(matrix))
        ]
    assert seen == matrix


def test_portrait_photos_sit_beside_their_caption(photo_deck: Path) -> None:
    deck = Presentation(str(photo_deck))
    slide = next(s for s in deck.slides if s.shapes.title.text_frame.text == "The bag we carried")
    assert slide.slide_layout.name == "Picture with Caption"
    pic = next(sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert pic.element.nvPicPr.cNvPr.get("descr") == "A small cloth bag on a table"
    area = next(
        ph for ph in slide.slide_layout.placeholders if ph.placeholder_format.idx == 1
    )  # the layout's picture placeholder
    assert (pic.left, pic.top, pic.width, pic.height) == (
        area.left,
        area.top,
        area.width,
        area.height,
    )
    assert pic.image.size[0] / pic.image.size[1] == pytest.approx(
        area.width / area.height, rel=0.01
    )
    texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    assert "Photo: Family archive" in texts
    assert slide.element.find(".//{*}bg/{*}bgPr/{*}blipFill") is None


def test_separate_processes_build_identical_bytes(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT, SEEDS

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"deck{seed}.pptx"
        subprocess.run(
            [sys.executable, "-m", "makedocs", "deck", str(SEEDS), "-o", str(out),
             "--config", str(ROOT / "makedocs.toml")],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=tmp_path,
        )  # fmt: skip
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_a_picture_without_alt_text_is_warned_about_with_its_line(
    tmp_path: Path, photo_story: Path
) -> None:
    _, output = build_deck(tmp_path / "d.pptx", sources=(photo_story,))
    warnings = [line for line in output.splitlines() if "alt text" in line]
    assert len(warnings) == 1
    assert "beans.md:25: warning: picture photos/pattern.jpg has no alt text" in warnings[0]


@pytest.mark.parametrize(("focus", "expected"), [("0.5,0.05", "red"), ("0.5,0.95", "blue")])
def test_the_focal_point_stays_in_frame(tmp_path: Path, focus: str, expected: str) -> None:
    from io import BytesIO

    from PIL import Image, ImageDraw

    src = tmp_path / "src"
    (src / "photos").mkdir(parents=True)
    img = Image.new("RGB", (1600, 3000), (200, 20, 20))
    ImageDraw.Draw(img).rectangle([0, 1500, 1600, 3000], fill=(20, 20, 200))
    for n in range(0, 1600, 9):  # texture, so it is kept as a photo (JPEG)
        ImageDraw.Draw(img).line([(n, 0), (n, 3000)], fill=(120, 120, 120))
    img.save(src / "photos" / "tall.jpg", "JPEG")
    story = src / "s.md"
    story.write_text(
        f"---\ntitle: Tall\nimage: photos/tall.jpg\nimage_alt: A tall photo\n"
        f"image_caption: Tall photo\nimage_focus: {focus}\n---\n\nText.\n",
        "utf-8",
    )
    path, _ = build_deck(tmp_path / "d.pptx", sources=(story,))
    deck = Presentation(str(path))
    slide = next(s for s in deck.slides if s.shapes.title.text_frame.text == "Tall photo")
    pic = next(sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE)
    with Image.open(BytesIO(pic.image.blob)) as shown:
        r, _, b = shown.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    assert (r > b) == (expected == "red")


def test_notes_of_a_markdown_story_hold_every_block_in_order(
    photo_deck: Path, photo_story: Path
) -> None:
    from makedocs.model import block_text
    from makedocs.sources.markdown import parse_markdown

    deck = Presentation(str(photo_deck))
    joined = " ".join(words(" ".join(s.notes_slide.notes_text_frame.text for s in deck.slides)))
    position = 0
    (story,) = parse_markdown(photo_story, "beans.md", Warned())
    for block in story.blocks:
        text = block_text(block)
        if not text:
            continue
        probe = " ".join(words(text))
        found = joined.find(probe, position)
        assert found >= 0, probe[:60]
        position = found + len(probe)


def test_graphics_are_fitted_whole_beside_their_caption(tmp_path: Path) -> None:
    from PIL import Image as PILImage

    src = tmp_path / "src"
    src.mkdir()
    logo = PILImage.new("RGBA", (600, 80), (0, 0, 0, 0))
    logo.paste((30, 60, 90, 255), (0, 0, 300, 80))
    logo.save(src / "logo.png")
    story = src / "s.md"
    story.write_text('# Logo\n\nText.\n\n![Our logo](logo.png "The logo")\n', "utf-8")
    path, _ = build_deck(tmp_path / "d.pptx", sources=(story,))
    deck = Presentation(str(path))
    slide = next(s for s in deck.slides if s.shapes.title.text_frame.text == "The logo")
    assert slide.slide_layout.name == "Picture with Caption"
    pic = next(sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert pic.crop_left == pic.crop_right == pic.crop_top == pic.crop_bottom == 0
    assert pic.width / pic.height == pytest.approx(600 / 80, rel=0.01)
    assert pic.image.size == (600, 80)  # not cropped to the area
