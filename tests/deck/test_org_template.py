"""An organisation's own template: layouts by name or [deck.layouts], warnings, hygiene."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation

from makedocs.cli import main
from tests.conftest import FIXTURES, ROOT, SEEDS
from tests.deck.test_render import fitted

RENAMED = FIXTURES / "renamed-layouts.pptx"
MAPPING = """
[deck.layouts]
"Title Slide" = "Cover"
"Section Header" = "Chapter"
"Title and Content" = "Text"
"Title Only" = "Heading Only"
"Picture with Caption" = "Photo"
"Quote" = "Big Quote"
"Blank" = "Empty"
"""


def config(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "makedocs.toml"
    path.write_text((ROOT / "makedocs.toml").read_text("utf-8") + extra, "utf-8")
    return path


def deck(tmp_path: Path, cfg: Path, *args: str) -> tuple[Path, str]:
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(
        main, ["deck", str(SEEDS), "-o", str(out), "--config", str(cfg), *args]
    )
    assert result.exit_code == 0, result.output
    return out, result.output


def test_mapped_layouts_are_used_without_warnings(tmp_path: Path) -> None:
    out, output = deck(tmp_path, config(tmp_path, MAPPING), "--template", str(RENAMED))
    assert "warning" not in output
    prs = Presentation(str(out))
    used = [s.slide_layout.name for s in prs.slides]
    assert used[0] == "Cover" and "Chapter" in used and "Text" in used
    assert used.count("Big Quote") == 3
    assert fitted(out) == []


def test_a_missing_layout_is_named_in_one_warning_and_falls_back(tmp_path: Path) -> None:
    out, output = deck(tmp_path, config(tmp_path), "--template", str(RENAMED))
    warnings = [line for line in output.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert (
        "'Quote'" in warnings[0] and "'Chapter'" in warnings[0] and "[deck.layouts]" in warnings[0]
    )
    prs = Presentation(str(out))
    assert "Chapter" in [s.slide_layout.name for s in prs.slides]


def test_the_templates_example_slide_is_not_carried_over(tmp_path: Path) -> None:
    out, _ = deck(tmp_path, config(tmp_path, MAPPING), "--template", str(RENAMED))
    prs = Presentation(str(out))
    texts = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    assert not any("Example slide" in t or "ignores them" in t for t in texts)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        blobs = b"".join(z.read(n) for n in names if n.endswith((".xml", ".rels")))
    assert b"Example slide" not in blobs
    assert b"test fixture" not in blobs  # the template's own core.xml title is gone
    slides = [n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    notes = [n for n in names if re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n)]
    assert len(slides) == len(prs.slides) == len(notes)
    rels = zipfile.ZipFile(out).read("ppt/_rels/presentation.xml.rels").decode()
    assert rels.count('relationships/slide"') == len(prs.slides)


def test_check_template_reports_layouts_and_placeholders(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["deck", "--check-template", str(RENAMED), "--config", str(config(tmp_path, MAPPING))],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "1 example slide" in lines[0]
    quote = next(line for line in lines if line.startswith("Quote"))
    assert (
        "'Big Quote'" in quote and "title = title idx 0" in quote and "body = body idx 1" in quote
    )
    picture = next(line for line in lines if line.startswith("Picture with Caption"))
    assert "'Photo'" in picture and "picture = pic idx 1" in picture
    assert not (tmp_path / "deck.pptx").exists()


def test_check_template_without_mapping_names_the_missing_layout(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["deck", "--check-template", str(RENAMED), "--config", str(config(tmp_path))]
    )
    assert result.exit_code == 0
    assert "fallback: no layout named 'Quote'" in result.output


def test_unknown_layout_mapping_key_is_a_one_line_error(tmp_path: Path) -> None:
    cfg = config(tmp_path, '\n[deck.layouts]\n"Big Picture" = "Photo"\n')
    result = CliRunner().invoke(
        main, ["deck", str(SEEDS), "-o", str(tmp_path / "d.pptx"), "--config", str(cfg)]
    )
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1 and "'Big Picture'" in result.output


def test_a_layout_without_a_body_placeholder_is_named_and_text_still_fits(tmp_path: Path) -> None:
    # Remove the body placeholder from the "Text" layout of a copy of the fixture.
    from pptx.oxml.ns import qn

    template = tmp_path / "nobody.pptx"
    shutil.copy(RENAMED, template)
    prs = Presentation(str(template))
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Text")
    body = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 1)
    body.element.getparent().remove(body.element)
    assert layout.element.find(qn("p:cSld")) is not None
    prs.save(str(template))
    out, output = deck(tmp_path, config(tmp_path, MAPPING), "--template", str(template))
    assert "layout 'Text' has no body placeholder" in output
    prs = Presentation(str(out))
    assert fitted(out) == []
    agenda = prs.slides[1]
    assert any(
        "Humans of North Korea" in sh.text_frame.text for sh in agenda.shapes if sh.has_text_frame
    )


def test_an_organisations_author_and_thumbnail_do_not_leak(tmp_path: Path) -> None:
    template = tmp_path / "org.pptx"
    prs = Presentation(str(RENAMED))
    prs.core_properties.author = "Jane Private"
    prs.core_properties.last_modified_by = "jane@laptop"
    prs.save(str(template))
    out, _ = deck(tmp_path, config(tmp_path, MAPPING), "--template", str(template))
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            data = z.read(name)
            assert b"Jane Private" not in data and b"jane@laptop" not in data, name


def test_asking_for_another_aspect_than_the_templates_is_warned(tmp_path: Path) -> None:
    out, output = deck(
        tmp_path, config(tmp_path, MAPPING), "--template", str(RENAMED), "--aspect", "4:3"
    )
    assert "template slides are 16:9, not 4:3" in output
    prs = Presentation(str(out))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)


def test_a_template_font_without_bundled_metrics_is_named(tmp_path: Path) -> None:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    template = tmp_path / "arial.pptx"
    prs = Presentation(str(RENAMED))
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    theme.blob = theme.blob.replace(b'typeface="Calibri"', b'typeface="Futura Bold"')
    prs.save(str(template))
    out, output = deck(tmp_path, config(tmp_path, MAPPING), "--template", str(template))
    assert "'Futura Bold' has no bundled metrics" in output
    assert "measured with the stand-in Noto Sans, every width 10% wider" in output
    prs = Presentation(str(out))
    run = prs.slides[0].shapes.title.text_frame.paragraphs[0].runs[0]
    # Issue 9 changed this: the organisation's theme font shows (the run names none and
    # inherits it), measured with a conservative stand-in, rather than Calibri set over it.
    assert run.font.name is None


def test_a_missing_picture_is_one_line_naming_the_source_line(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    story = tmp_path / "src" / "s.md"
    story.write_text("# A story\n\nText.\n\n![A field](nowhere.jpg)\n", "utf-8")
    result = CliRunner().invoke(
        main,
        ["deck", str(story), "-o", str(tmp_path / "d.pptx"), "--config", str(config(tmp_path))],
    )
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "s.md:5" in lines[0] and "nowhere.jpg" in lines[0]
    assert not (tmp_path / "d.pptx").exists()


def test_slide_numbers_come_from_the_master_when_a_layout_has_none(tmp_path: Path) -> None:
    template = tmp_path / "nonumber.pptx"
    prs = Presentation(str(RENAMED))
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Text")
    for ph in list(layout.placeholders):
        if ph.placeholder_format.idx == 12:
            ph.element.getparent().remove(ph.element)
    prs.save(str(template))
    out, _ = deck(tmp_path, config(tmp_path, MAPPING), "--template", str(template))
    prs = Presentation(str(out))
    for number, slide in enumerate(prs.slides, start=1):
        fields = slide.element.findall(".//{*}fld[@type='slidenum']")
        assert len(fields) == (0 if number == 1 else 1), number
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top + shape.height <= prs.slide_height


def test_template_in_makedocs_toml_is_relative_to_that_file(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    shutil.copy(RENAMED, folder / "brand.pptx")
    cfg = folder / "makedocs.toml"
    cfg.write_text(
        (ROOT / "makedocs.toml").read_text("utf-8")
        + '\n[deck]\ntemplate = "brand.pptx"\n'
        + MAPPING,
        "utf-8",
    )
    out, output = deck(tmp_path, cfg)
    assert "warning" not in output
    assert Presentation(str(out)).slides[0].slide_layout.name == "Cover"


def test_a_bad_deck_setting_names_the_settings_file(tmp_path: Path) -> None:
    cfg = config(tmp_path, '\n[deck]\naspect = "21:9"\n')
    result = CliRunner().invoke(
        main, ["deck", str(SEEDS), "-o", str(tmp_path / "d.pptx"), "--config", str(cfg)]
    )
    assert result.exit_code == 1
    line = cfg.read_text("utf-8").splitlines().index('aspect = "21:9"') + 1
    assert result.output.startswith(f"makedocs: {cfg}:{line}: [deck] aspect must be")


def test_sharepoint_custom_xml_of_a_template_does_not_leak(tmp_path: Path) -> None:
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    template = tmp_path / "sharepoint.pptx"
    prs = Presentation(str(RENAMED))
    blob = b'<?xml version="1.0"?><people><owner>jane.private@example.org</owner></people>'
    part = Part(PackURI("/customXml/item1.xml"), "application/xml", prs.part.package, blob)
    prs.part.relate_to(
        part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
    )
    prs.save(str(template))
    with zipfile.ZipFile(template) as z:
        assert "customXml/item1.xml" in z.namelist()  # the fixture really has it
    out, _ = deck(tmp_path, config(tmp_path, MAPPING), "--template", str(template))
    with zipfile.ZipFile(out) as z:
        assert not any(n.startswith("customXml/") for n in z.namelist())
        assert all(b"jane.private" not in z.read(n) for n in z.namelist())


def test_custom_shows_of_the_templates_example_slides_are_dropped(tmp_path: Path) -> None:
    from lxml import etree
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls, qn

    template = tmp_path / "shows.pptx"
    prs = Presentation(str(RENAMED))
    rid = prs.slides.element[0].get(qn("r:id"))
    shows = parse_xml(
        f'<p:custShowLst {nsdecls("p", "r")}><p:custShow name="Short" id="0"><p:sldLst>'
        f'<p:sld r:id="{rid}"/></p:sldLst></p:custShow></p:custShowLst>'
    )
    prs.element.find(qn("p:notesSz")).addnext(shows)
    prs.save(str(template))
    out, _ = deck(tmp_path, config(tmp_path, MAPPING), "--template", str(template))
    with zipfile.ZipFile(out) as z:
        root = etree.fromstring(z.read("ppt/presentation.xml"))
    assert root.find(qn("p:custShowLst")) is None
    assert len(Presentation(str(out)).slides) > 10
