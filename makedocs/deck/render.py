"""Model + theme -> an editable PPTX deck (python-pptx), in the default or the org's template.

plan.py decides the slides, paginate.py fits their text (measured with the fonts the deck names),
this module writes them into the template's layouts: every word is editable text with an
explicit size and autofit off; unused placeholders are removed; slide numbers are cloned from
the layout (python-pptx does not); each story is a PowerPoint section; the package is rewritten
with fixed dates and a stable order so the same input gives the same bytes.
"""

from __future__ import annotations

import copy
import functools
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

from makedocs.adapters.pptx import placeholder_of, shape_proxy
from makedocs.context import BuildContext
from makedocs.deck import package
from makedocs.deck import template as templates
from makedocs.deck.fit import SAFETY, Box, Measure, Measures, Para, split_text
from makedocs.deck.notes import notes_text
from makedocs.deck.options import DeckOptions
from makedocs.deck.paginate import Paginator, attribution_para, body_paras
from makedocs.deck.plan import Grid, Item, Slide, plan_deck
from makedocs.deck.rich import cut, safe_url, segments, style_name
from makedocs.deck.style import DeckStyle
from makedocs.model import Collection, Image
from makedocs.units import EMU_PER_PT, Length

SECTION_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
#: PowerPoint 2019's hyperlink colour extension: a link keeps its text's (checked) colour.
HLINK_COLOUR_URI = "{A12FA001-AC4F-418D-AE19-62706E023703}"
AHYP = "http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor"
#: The built-in "No Style, No Grid" table style: every cell's look is set explicitly.
PLAIN_TABLE_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_NAMESPACE = uuid.UUID("0f6b1c52-7d0e-4f7e-9d55-6d616b65646f")  # fixed: stable section ids


@dataclass(frozen=True, slots=True)
class DeckResult:
    slides: int


@dataclass(slots=True)
class Built:
    """A fitted deck: slides, sections and the template they go into."""

    slides: list[Slide]
    sections: list[str]
    template: templates.Template
    style: DeckStyle
    measure: Measure  # the body text's (previews measure with it)
    measures: Measures


def build_plan(collection: Collection, ctx: BuildContext, options: DeckOptions) -> Built:
    """Plan and fit the deck (shared by the PPTX and the speaker-notes PDF)."""
    template = templates.open_template(
        options.template, options.aspect, options.layouts, ctx.warned, ctx.theme
    )
    style = template.style
    faces = {slot.face for slots in template.slots.values() for slot in slots.values()}
    stand_ins = [f for f in faces if f and f.family == style.metrics.stand_in and not f.compatible]
    for face in sorted(stand_ins, key=lambda f: f.typeface):
        how = templates.measured_with(face, template)
        ctx.warned.warn(
            f"template font {face.typeface!r} has no bundled metrics; its text is {how}",
            template.display,
        )
    measures = Measures(ctx.fonts, style.size_step)
    text_face = template.face(None)
    plan = plan_deck(collection, style)
    slides = Paginator(template, style, measures).paginate(plan)
    body = measures.get(text_face.family, text_face.margin)
    return Built(slides, plan.sections, template, style, body, measures)


def render_deck(
    collection: Collection, ctx: BuildContext, out: BinaryIO, options: DeckOptions
) -> DeckResult:
    """Plan the deck and write it to ``out``."""
    built = build_plan(collection, ctx, options)
    return DeckResult(slides=write_deck(built, collection, ctx, out))


def write_deck(built: Built, collection: Collection, ctx: BuildContext, out: BinaryIO) -> int:
    """Write an already planned deck to ``out`` (streamed: each zip member as it is ready);
    return its slide count."""
    _Writer(built, ctx, collection).write(out)
    return len(built.slides)


class _Writer:
    def __init__(self, built: Built, ctx: BuildContext, collection: Collection) -> None:
        self.built = built
        self.ctx = ctx
        self.collection = collection
        self.style = built.style
        self.template = built.template
        self.prs = built.template.prs
        self.lang = _lang(collection.meta.language)
        self.placeholders: dict[int, Any] = {}  # the current slide's, by idx
        self.crops: dict[tuple[int, float, tuple[float, float], int], tuple[Any, bytes]] = {}
        self.numbers: dict[Any, tuple[Any, Any]] = {}  # layout element -> its number source

    def write(self, out: BinaryIO) -> None:
        package.remove_example_slides(self.prs)
        package.fast_partnames(self.prs)
        self.appender = package.SlideAppender(self.prs)
        self.notes_slides = package.NotesSlides()
        self.pictures = package.Pictures(self.prs)
        self.archive = package.Archive()
        ids: list[int] = []
        for number, slide in enumerate(self.built.slides, start=1):
            ids.append(self.add(slide, number))
        self.sections(ids)
        package.list_notes_master(self.prs)
        package.clean_metadata(self.prs, self.collection.meta, self.built.slides)
        self.archive.write(self.prs, out)

    # --- one slide -----------------------------------------------------------------------

    def add(self, slide: Slide, number: int) -> int:
        """Add one planned slide; return its slide id."""
        role = slide.role
        if slide.kind == "image" and self.portrait(slide):
            role = "picture"
        layout = self.template.layouts[role]
        slots = self.template.slots[role]
        keep = {slots[name].idx for name in _filled(slide, role, slots) if slots[name].idx >= 0}
        added = self.appender.add(layout, keep)
        pptx_slide, slide_id = added.slide, added.slide_id
        self.placeholders = added.placeholders
        used: set[int] = set()
        title_shape = self.text_slot(pptx_slide, slots["title"], used)
        if slide.kind == "image" and role == "picture":
            self.picture_slide(pptx_slide, slide, title_shape, slots, used)
        elif slide.kind == "image":
            self.image_slide(pptx_slide, slide, title_shape, slots["title"])
        else:
            title_style = style_name(slots["title"].bold, slots["title"].italic)
            spacing = self.style.title.line_spacing
            quote = slide.kind == "quote"
            if quote:
                title_style, spacing = self.style.quote.style, self.style.quote.line_spacing
            _place(title_shape, slide.title_box)
            title = Para(slide.title, title_style, line_spacing=spacing, marks=slide.title_marks)
            self.fill(title_shape, [title], slide.title_size, plain_case=quote)
            body_items = [i for i in slide.items if i.text]
            if quote and slide.attribution and "body" in slots:
                body = self.text_slot(pptx_slide, slots["body"], used)
                _place(body, slide.body_box)
                para = attribution_para(self.style, slide.attribution)
                self.fill(body, [para], slide.attribution_size, plain_case=True)
            elif slide.grid is not None:
                where = slide.body_box or slots["body"].rect.box  # below a grown title
                self.table(pptx_slide, slide.grid, where, slide.body_size)
            elif slide.code is not None and "body" in slots:
                body = self.text_slot(pptx_slide, slots["body"], used)
                _place(body, slide.body_box)
                self.code(body, slide.code, slide.body_size)
            elif body_items and "body" in slots:
                body = self.text_slot(pptx_slide, slots["body"], used)
                _place(body, slide.body_box)
                self.fill_items(body, slide, body_items, slots["body"])
            if slide.kind == "closing" and slide.url:
                self.qr(pptx_slide, slide.url, slots)
        if any(idx not in used for idx in self.placeholders):
            _remove_unused_placeholders(pptx_slide, used)
        _title_first(pptx_slide, title_shape)
        if number > 1:
            light = slide.kind == "image" and role != "picture"
            self.slide_number(pptx_slide, layout, number, light=light)
        notes = self.notes(pptx_slide, slide, number)
        self.archive.finish(pptx_slide.part)  # done: compressed, its XML let go
        self.archive.finish(notes.part)
        return slide_id

    def text_slot(self, pptx_slide: Any, slot: templates.Slot, used: set[int]) -> Any:
        """The slide's placeholder for ``slot``, or a text box where the template has none."""
        if slot.idx >= 0:
            element = self.placeholders.get(slot.idx)
            if element is not None:
                used.add(slot.idx)
                return shape_proxy(pptx_slide, element)
        r = slot.rect
        box = pptx_slide.shapes.add_textbox(r.x, r.y, r.cx, r.cy)
        _insets(box, *r.insets)
        return box

    def fill(
        self,
        shape: Any,
        paras: Sequence[Para],
        size: float,
        colour: str | None = None,
        bullets: Sequence[str | None] | None = None,
        plain_case: bool = False,
        typeface: str | None = None,
    ) -> None:
        """Replace the shape's text: explicit sizes, autofit off, word wrap on.

        ``plain_case`` sets capitals off (a quote in a layout whose titles are capitals);
        ``typeface`` names a face for every run (code); else runs name the bundled template's
        fonts, or inherit an organisation's theme fonts.
        """
        from lxml import etree
        from pptx.enum.text import MSO_AUTO_SIZE
        from pptx.oxml.ns import qn

        frame = shape.text_frame
        frame.clear()
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        body = shape.element.find(qn("p:txBody"))
        faces = _faces(self, typeface, inherit=placeholder_of(shape.element) is not None)
        for n, para in enumerate(paras):
            p = body.find(_A_P) if n == 0 else etree.SubElement(body, _A_P)
            run = _RunStyle(size, colour, None, faces, plain_case)
            self.paragraph(p, para, run, bullets[n] if bullets else None, shape.part)

    def paragraph(self, p: Any, para: Para, look: _RunStyle, bullet: str | None, part: Any) -> None:
        from lxml import etree
        from pptx.oxml.ns import qn

        size = look.size
        ppr = p.find(_A_PPR)
        if ppr is None:  # as python-pptx adds it: the paragraph's first child
            ppr = etree.SubElement(p, _A_PPR)
            p.insert(0, ppr)
        indent = round(para.indent * EMU_PER_PT)
        ppr.set("marL", str(indent))
        ppr.set("indent", str(-indent))
        # Rebuild the spacing and bullet children in schema order (lnSpc, spcBef, spcAft,
        # bullet colour/size/font, bullet kind, tabLst, defRPr, extLst): PowerPoint asks to
        # repair a file whose children are out of order.
        owned = ("lnSpc", "spcBef", "spcAft", "buNone", "buAutoNum", "buChar", "buBlip")
        for child in list(ppr):
            if child.tag.rsplit("}", 1)[-1] in owned:
                ppr.remove(child)
        ln = etree.Element(qn("a:lnSpc"))
        etree.SubElement(ln, qn("a:spcPct")).set("val", str(round(para.line_spacing * 100000)))
        before = etree.Element(qn("a:spcBef"))
        etree.SubElement(before, qn("a:spcPts")).set(
            "val", str(round(para.space_before * size * 100))
        )
        if bullet is None:
            kind = etree.Element(qn("a:buNone"))
        elif bullet.startswith("auto:"):
            kind = etree.Element(qn("a:buAutoNum"), type=self.style.body.numbering)
            if bullet != "auto:1":
                kind.set("startAt", bullet[5:])
        else:
            kind = etree.Element(qn("a:buChar"), char=bullet)
        ppr.insert(0, before)
        ppr.insert(0, ln)
        tail = next(
            (c for c in ppr if c.tag.rsplit("}", 1)[-1] in ("tabLst", "defRPr", "extLst")), None
        )
        if tail is None:
            ppr.append(kind)
        else:
            tail.addprevious(kind)
        position = 0
        end = p.find(_A_END)  # runs and breaks go before it, as python-pptx adds them
        for n, line in enumerate(para.text.split("\n")):
            if n:
                _text_child(p, _A_BR, end)
            pieces = list(segments(line, cut(para.marks, position, position + len(line))))
            position += len(line) + 1
            for piece in pieces or [None]:  # an empty line keeps a run: its size sets its height
                text = piece.text if piece else ""
                bold = "bold" in para.style or (piece is not None and piece.bold)
                italic = "italic" in para.style or (piece is not None and piece.italic)
                rpr = _run(p, text, end)
                self.run_props(rpr, text, look, style_name(bold, italic))
                if piece is not None and piece.url:
                    _link(rpr, part, piece.url)

    def run_props(self, rpr: Any, text: str, look: _RunStyle, style: str) -> None:
        """Explicit size, weight, language, colour and typefaces on one ``a:rPr``."""
        from lxml import etree
        from pptx.oxml.ns import qn

        rpr.set("lang", self.lang)
        if any("\uac00" <= c <= "\ud7a3" or "\u1100" <= c <= "\u11ff" for c in text):
            rpr.set("altLang", "ko-KR")  # Hangul: spell-check and line breaking as Korean
        rpr.set("sz", str(round(look.size * 100)))
        rpr.set("b", "1" if "bold" in style else "0")
        rpr.set("i", "1" if "italic" in style else "0")
        if look.plain_case:
            rpr.set("cap", "none")
        for child in list(rpr):
            rpr.remove(child)
        if look.colour:
            fill = etree.SubElement(rpr, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr"), val=look.colour.lstrip("#").upper())
        elif look.scheme:
            fill = etree.SubElement(rpr, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:schemeClr"), val=look.scheme)
        latin, east_asian = look.faces.latin, look.faces.east_asian
        if latin:
            etree.SubElement(rpr, qn("a:latin")).set("typeface", latin)
        if east_asian:
            etree.SubElement(rpr, qn("a:ea")).set("typeface", east_asian)

    def fill_items(self, shape: Any, slide: Slide, items: list[Item], slot: templates.Slot) -> None:
        bullets: list[str | None] = []
        for item in items:
            if item.bullet and slide.ordered:
                # every paragraph of one numbered list carries the same startAt
                bullets.append(f"auto:{slide.start}")
            else:
                bullets.append(self.style.body.bullet if item.bullet else None)
        paras = body_paras(self.style, slide, items, slot)
        self.fill(shape, paras, slide.body_size, bullets=bullets)

    # --- tables and code --------------------------------------------------------------------

    def table(
        self, pptx_slide: Any, grid: Grid, where: tuple[int, int, int, int], size: float
    ) -> None:
        """A native table where the body goes: header row marked, every cell's fill, rules
        and text set from the theme's scheme slots, widths and heights as fitted."""
        from pptx.oxml.ns import qn

        look = self.style.table
        rows = ([grid.header] if grid.header else []) + list(grid.rows)
        x, y, _, _ = where
        frame = pptx_slide.shapes.add_table(
            len(rows), grid.columns, x, y, sum(grid.widths), sum(grid.heights)
        )
        frame.name = "Table"
        tbl = frame.element.find(f".//{qn('a:tbl')}")
        pr = tbl.find(qn("a:tblPr"))
        for attr in list(pr.attrib):
            del pr.attrib[attr]
        if grid.header:
            pr.set("firstRow", "1")
        pr.set("bandRow", "1")
        style_id = pr.find(qn("a:tableStyleId"))
        if style_id is None:
            style_id = pr.makeelement(qn("a:tableStyleId"), {})
            pr.append(style_id)
        style_id.text = PLAIN_TABLE_STYLE
        for col, width in zip(tbl.find(qn("a:tblGrid")), grid.widths, strict=True):
            col.set("w", str(width))
        faces = _faces(self, None, inherit=False)
        for n, (tr, cells, height) in enumerate(
            zip(tbl.findall(qn("a:tr")), rows, grid.heights, strict=True)
        ):
            tr.set("h", str(height))
            header = bool(grid.header) and n == 0
            band = n - (1 if grid.header else 0)
            fill = look.header_fill if header else look.band_fill if band % 2 else look.body_fill
            text = look.header_text if header else look.body_text
            last = n == len(rows) - 1
            for column, tc in enumerate(tr.findall(qn("a:tc"))):
                cell = cells[column] if column < len(cells) else None
                para = Para(
                    cell.text if cell else "",
                    "bold" if header else "regular",
                    line_spacing=look.line_spacing,
                    marks=cell.marks if cell else (),
                )
                p = tc.find(f"{qn('a:txBody')}/{qn('a:p')}")
                self.paragraph(p, para, _RunStyle(size, None, text, faces), None, frame.part)
                p.find(qn("a:pPr")).set("algn", _ALIGN.get(_at(grid.align, column), "l"))
                _cell_look(tc, look, fill, last)

    def code(self, shape: Any, code: str, size: float) -> None:
        """Code lines as written, one paragraph each, in the monospaced typeface."""
        look = self.style.code
        paras = [Para(line, line_spacing=look.line_spacing) for line in code.split("\n")]
        self.fill(shape, paras, size, typeface=look.typeface)
        for p in shape.text_frame.paragraphs:
            p.alignment = _left()

    # --- pictures --------------------------------------------------------------------------

    def prepared(self, image: Image, aspect: float) -> bytes:
        """The picture cropped to ``aspect`` around its focus, once per picture and shape."""
        from makedocs.images import crop_to_aspect

        path = self.ctx.image_path(image.base_dir, image.path)
        img = self.ctx.images.get(path, ref_file=image.source.file, ref_line=image.source.line)
        max_px = self.style.picture.max_px
        key = (id(img), aspect, image.focus, max_px)
        found = self.crops.get(key)
        if found is None or found[0] is not img:
            data = crop_to_aspect(img, aspect, image.focus, max_px=max_px).data
            found = self.crops[key] = (img, data)  # holding img keeps its id unique
        return found[1]

    def measure(self, slot: templates.Slot) -> Measure:
        """The measure of the face a slot's text is set in."""
        face = slot.face or self.template.face(None)
        return self.built.measures.get(face.family, face.margin)

    def image_slide(
        self, pptx_slide: Any, slide: Slide, title_shape: Any, title_slot: templates.Slot
    ) -> None:
        """Full-bleed photo with the caption (the slide title) and credit on a scrim band.

        Reading order must start with the title, yet a full-bleed picture would cover
        anything under it. So the photo is the slide background, the title placeholder is a
        translucent band over its lower part, and the picture shape (with the alt text) covers
        exactly the part above the band, pixel for pixel the same image.
        """
        from pptx.dml.color import RGBColor
        from pptx.enum.text import MSO_ANCHOR
        from pptx.oxml.ns import qn

        image = slide.image
        assert image is not None
        w, h = self.template.width, self.template.height
        data = self.prepared(image, w / h)
        _, rid = self.pictures.related(pptx_slide, data)
        _set_background_picture(pptx_slide, rid)

        margin = self.template.slots["content"]["title"].rect.x
        text_w = (w - 2 * margin) / EMU_PER_PT
        caption, scrim, floor = self.style.caption, self.style.scrim, self.style.title.min
        title_para = Para(slide.title, "bold", line_spacing=caption.line_spacing)
        credit_para = (
            Para(image.credit, "regular", line_spacing=caption.line_spacing)
            if image.credit
            else None
        )
        measure, credits = self.measure(title_slot), self.built.measure
        room = Box(text_w, h * caption.max_height / EMU_PER_PT)
        title_size = measure.best_size([title_para], room, caption.size, floor)
        if title_size is None:  # a caption too long for the band: shorten it (notes keep it)
            head, _ = split_text(measure, title_para, floor, room)
            title_para, title_size = replace(title_para, text=head), floor
        credit_room = Box(text_w, h * caption.credit_max_height / EMU_PER_PT)
        if credit_para and not credits.fits([credit_para], caption.credit_size, credit_room):
            head, _ = split_text(credits, credit_para, caption.credit_size, credit_room)
            credit_para = replace(credit_para, text=head)
        credit_size = caption.credit_size
        title_h = measure.height([title_para], title_size, text_w * SAFETY) / SAFETY
        credit_h = (
            credits.height([credit_para], credit_size, text_w * SAFETY) / SAFETY
            if credit_para
            else 0.0
        )
        pad, gap = caption.padding, caption.credit_gap
        band_h_pt = pad + title_h + (gap + credit_h if credit_para else 0) + pad + caption.footer
        band_h = min(round(band_h_pt * EMU_PER_PT), round(h * caption.max_band))
        band_y = h - band_h

        title_shape.left, title_shape.top, title_shape.width, title_shape.height = (
            0,
            band_y,
            w,
            band_h,
        )
        title_shape.fill.solid()
        title_shape.fill.fore_color.rgb = RGBColor.from_string(scrim.colour.lstrip("#").upper())
        # python-pptx has no API for a fill's transparency
        srgb = title_shape.element.find(f"{qn('p:spPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")
        srgb.append(srgb.makeelement(qn("a:alpha"), {"val": str(round(scrim.alpha * 100000))}))
        bottom = band_h - round((pad + title_h) * EMU_PER_PT) - round(pad * EMU_PER_PT)
        _insets(title_shape, margin, round(pad * EMU_PER_PT), margin, max(0, bottom))
        title_shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        self.fill(title_shape, [title_para], title_size, colour=scrim.text_colour)

        pic = self.pictures.add(pptx_slide, data, 0, 0, w, band_y)
        pic.crop_bottom = band_h / h
        self.describe(pic, image)
        if credit_para:
            y = band_y + round((pad + title_h + gap) * EMU_PER_PT)
            # a little slack under the credit's last line, so rounding never clips it
            box = pptx_slide.shapes.add_textbox(
                margin, y, w - 2 * margin, round((credit_h + 4) * EMU_PER_PT)
            )
            _insets(box, 0, 0, 0, 0)
            box.name = "Credit"
            self.fill(box, [credit_para], credit_size, colour=scrim.muted_colour)

    def describe(self, pic: Any, image: Image) -> None:
        _describe(pic, image)
        if not image.alt and not image.decorative:
            self.ctx.warned.warn(
                f"picture {image.path} has no alt text, so screen readers skip it; describe it "
                "in ![...] (or image_alt), or mark it image_decorative",
                image.source.file,
                image.source.line,
            )

    def portrait(self, slide: Slide) -> bool:
        """Portrait and square photos, and graphics (logos, maps: PNG, transparency), go
        beside their caption rather than full-bleed: a crop to 16:9 would lose most of them."""
        image = slide.image
        if image is None or "picture" not in self.template.slots["picture"]:
            return False
        if self.template.layouts["picture"] is self.template.layouts["title_only"]:
            return False
        path = self.ctx.image_path(image.base_dir, image.path)
        img = self.ctx.images.get(path, ref_file=image.source.file, ref_line=image.source.line)
        return img.aspect < self.style.picture.portrait_below or _graphic(img)

    def picture_slide(
        self,
        pptx_slide: Any,
        slide: Slide,
        title_shape: Any,
        slots: dict[str, templates.Slot],
        used: set[int],
    ) -> None:
        """The layout's picture area holds the photo; caption (the title) and credit beside it."""
        image = slide.image
        assert image is not None
        style = self.style
        floor, body_min = style.title.min, style.body.min
        title_slot = slots["title"]
        measure = self.measure(title_slot)
        title_style = style_name(title_slot.bold, title_slot.italic)
        title_para = Para(slide.title, title_style, line_spacing=style.title.line_spacing)
        box = Box(title_slot.rect.text_width_pt, title_slot.rect.text_height_pt)
        largest = max(title_slot.size or style.caption.side_size, floor)
        size = measure.best_size([title_para], box, largest, floor)
        if size is None:
            head, _ = split_text(measure, title_para, floor, box)
            title_para, size = replace(title_para, text=head), floor
        self.fill(title_shape, [title_para], size)
        if image.credit and "body" in slots:
            body_slot = slots["body"]
            body = self.text_slot(pptx_slide, body_slot, used)
            credit = Para(image.credit, "regular", line_spacing=style.caption.line_spacing)
            room = Box(body_slot.rect.text_width_pt, body_slot.rect.text_height_pt)
            measure = self.measure(body_slot)
            credit_size = measure.best_size(
                [credit], room, max(body_slot.size or 0, style.caption.credit_size), body_min
            )
            if credit_size is None:
                head, _ = split_text(measure, credit, body_min, room)
                credit, credit_size = replace(credit, text=head), body_min
            self.fill(body, [credit], credit_size)
        r = slots["picture"].rect
        path = self.ctx.image_path(image.base_dir, image.path)
        img = self.ctx.images.get(path, ref_file=image.source.file, ref_line=image.source.line)
        if _graphic(img):  # fitted whole, with a margin, never cropped
            margin = round(min(r.cx, r.cy) * style.picture.graphic_margin)
            cx, cy = r.cx - 2 * margin, r.cy - 2 * margin
            if img.aspect > cx / cy:
                cy = round(cx / img.aspect)
            else:
                cx = round(cy * img.aspect)
            x, y = r.x + (r.cx - cx) // 2, r.y + (r.cy - cy) // 2
            pic = self.pictures.add(pptx_slide, img.data, x, y, cx, cy)
        else:
            data = self.prepared(image, r.cx / r.cy)
            pic = self.pictures.add(pptx_slide, data, r.x, r.y, r.cx, r.cy)
        self.describe(pic, image)

    def qr(self, pptx_slide: Any, url: str, slots: dict[str, templates.Slot]) -> None:
        """The QR code, and under it the address to type, as large as fits on one line."""
        from pptx.enum.text import PP_ALIGN
        from pptx.oxml.ns import qn

        from makedocs.deck.qr import qr_png

        qr, body = self.style.qr, self.style.body
        area = slots.get("picture")
        if area is not None:
            r = area.rect
            x, y, cx, cy = r.x, r.y, r.cx, r.cy
        else:  # no picture placeholder: where the theme puts it
            x, y, cx, cy = _fractions(qr.area, self.template.width, self.template.height)
        margin = round(cx * qr.margin)
        width_pt = (cx - 2 * margin) / EMU_PER_PT
        shown = display_url(url)
        para = Para(shown, "regular", line_spacing=body.line_spacing)
        measure = self.built.measure
        size = body.min
        candidate = body.list_size
        while candidate >= body.min:
            if len(measure.lines(shown, "regular", candidate, width_pt * SAFETY)) == 1:
                size = candidate
                break
            candidate -= measure.step
        text_h = measure.height([para], size, width_pt * SAFETY) / SAFETY
        text_h = round(text_h * EMU_PER_PT) + EMU_PER_PT  # a point of slack against rounding
        gap = Length.pt(qr.gap).emu
        side = min(round(min(cx, cy) * qr.size), cy - text_h - gap - 2 * margin)
        top = y + (cy - side - gap - text_h) // 2
        pic = self.pictures.add(
            pptx_slide, qr_png(url, qr.module_px), x + (cx - side) // 2, top, side, side
        )
        pic.name = "QR code"
        pic.element.find(f"{qn('p:nvPicPr')}/{qn('p:cNvPr')}").set(
            "descr", f"QR code that opens {url}"
        )
        box = pptx_slide.shapes.add_textbox(x + margin, top + side + gap, cx - 2 * margin, text_h)
        box.name = "Web address"
        _insets(box, 0, 0, 0, 0)
        self.fill(box, [para], size)
        box.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
        _link(box.element.find(f".//{qn('a:r')}/{qn('a:rPr')}"), box.part, url)

    # --- numbers, notes, sections -----------------------------------------------------------

    def number_source(self, layout: Any) -> tuple[Any, Any]:
        """The layout's (or master's) slide number placeholder, and the copy every slide's
        number starts from: without its own position where the layout's is inherited."""
        found = self.numbers.get(layout.element)
        if found is None:
            source = templates.slide_number_source(layout)
            start = None
            if source is not None:
                start = copy.deepcopy(source)
                sp_pr = start.find("{*}spPr")
                if sp_pr is not None and not _is_master(source):
                    # the layout's own placeholder: the slide inherits its position and style
                    for child in list(sp_pr):
                        sp_pr.remove(child)
            found = self.numbers[layout.element] = (source, start)
        return found

    def slide_number(self, pptx_slide: Any, layout: Any, number: int, light: bool) -> None:
        source, start = self.number_source(layout)
        numbers = self.style.slide_number
        size: float | None = None
        if source is None:
            x, y, cx, cy = _fractions(numbers.box, self.template.width, self.template.height)
            box = pptx_slide.shapes.add_textbox(x, y, cx, cy)
            box.name = "Slide Number"
            sp = box.element
            size = numbers.size  # a placeholder has the template's own
        else:
            sp = copy.deepcopy(start)
            c_nv_pr = sp.find("{*}nvSpPr/{*}cNvPr")
            c_nv_pr.set("id", str(_next_id(pptx_slide)))
            c_nv_pr.set("name", f"Slide Number {number}")
            pptx_slide.shapes.element.append(sp)
        colour = self.style.scrim.text_colour if light else None
        _slide_number_text(sp, number, self.lang, colour, size)

    def notes(self, pptx_slide: Any, slide: Slide, number: int) -> Any:
        """The slide's notes page: its text and its slide number. Returns the notes slide."""
        notes_slide, body, numbers = self.notes_slides.add(pptx_slide)
        paragraphs = notes_text(slide, self.style.words_per_minute).split("\n\n")
        _notes_text(body, paragraphs)
        # the notes page's slide number shows the number, as PowerPoint writes it
        for element in numbers:
            _slide_number_text(element, number, self.lang, None, None)
        return notes_slide

    def sections(self, ids: Sequence[int]) -> None:
        from lxml import etree
        from pptx.oxml.ns import qn

        pres = self.prs.element
        by_section: dict[int, list[int]] = {}
        for slide, sid in zip(self.built.slides, ids, strict=True):
            by_section.setdefault(slide.section, []).append(sid)
        ext_lst = pres.find(qn("p:extLst"))
        if ext_lst is None:
            ext_lst = etree.SubElement(pres, qn("p:extLst"))
        for ext in ext_lst.findall(qn("p:ext")):
            if ext.get("uri") == SECTION_URI:
                ext_lst.remove(ext)
        ext = etree.Element(qn("p:ext"), uri=SECTION_URI)
        ext_lst.insert(0, ext)
        lst = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
        for index, name in enumerate(self.built.sections):
            members = by_section.get(index)
            if not members:
                continue
            guid = uuid.uuid5(_NAMESPACE, f"{index}:{name}")
            section = etree.SubElement(
                lst, f"{{{P14}}}section", name=name, id="{" + str(guid).upper() + "}"
            )
            sld_ids = etree.SubElement(section, f"{{{P14}}}sldIdLst")
            for sid in members:
                etree.SubElement(sld_ids, f"{{{P14}}}sldId", id=str(sid))


# --- XML helpers ------------------------------------------------------------------------------

_ALIGN = {"left": "l", "center": "ctr", "right": "r"}


def _at(values: Sequence[str], n: int) -> str:
    return values[n] if n < len(values) else ""


def _left() -> Any:
    from pptx.enum.text import PP_ALIGN

    return PP_ALIGN.LEFT


@dataclass(frozen=True, slots=True)
class _Faces:
    """The typefaces runs name (None: the run names none and inherits)."""

    latin: str | None
    east_asian: str | None


def _faces(writer: _Writer, typeface: str | None, inherit: bool) -> _Faces:
    """The bundled template's own fonts; in an organisation's template, nothing in a
    placeholder (its text inherits the theme fonts) and the theme's body fonts (``+mn-lt``,
    ``+mn-ea``) elsewhere; or ``typeface`` for every run (code)."""
    style = writer.style
    if writer.template.names_fonts:
        return _Faces(typeface or style.latin_typeface, style.east_asian_typeface)
    if typeface:
        return _Faces(typeface, "+mn-ea")
    if inherit:
        return _Faces(None, None)
    return _Faces("+mn-lt", "+mn-ea")


@dataclass(frozen=True, slots=True)
class _RunStyle:
    """How every run of a paragraph is set: size, colour (#rrggbb, or a scheme slot), faces,
    and whether capitals a layout asks for are turned off."""

    size: float
    colour: str | None
    scheme: str | None
    faces: _Faces
    plain_case: bool = False


def _link(rpr: Any, part: Any, url: str) -> None:
    """A clickable link on one run (its ``a:rPr``): an external relationship to ``url`` and an
    underline;
    the link keeps the run's colour (which the contrast checks cover) where PowerPoint
    supports that, rather than the theme's hyperlink colour, which may not suit a dark slide."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn

    if not safe_url(url):
        return
    rid = part.relate_to(url, RT.HYPERLINK, is_external=True)
    rpr.set("u", "sng")
    click = etree.SubElement(rpr, qn("a:hlinkClick"))
    click.set(qn("r:id"), rid)
    ext = etree.SubElement(etree.SubElement(click, qn("a:extLst")), qn("a:ext"))
    ext.set("uri", HLINK_COLOUR_URI)
    etree.SubElement(ext, f"{{{AHYP}}}hlinkClr", nsmap={"ahyp": AHYP}).set("val", "tx")


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_A_P, _A_PPR, _A_R, _A_RPR, _A_T = f"{_A}p", f"{_A}pPr", f"{_A}r", f"{_A}rPr", f"{_A}t"
_A_BR, _A_END = f"{_A}br", f"{_A}endParaRPr"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")  # what python-pptx escapes in run text
_BREAKS = re.compile("\n|\v")


def _text_child(p: Any, tag: str, end: Any | None) -> Any:
    """A new ``a:r`` or ``a:br`` at the end of paragraph ``p`` (before its ``a:endParaRPr``)."""
    from lxml import etree

    child = etree.SubElement(p, tag)
    if end is not None:
        end.addprevious(child)
    return child


def _run(p: Any, text: str, end: Any | None, props: bool = True) -> Any:
    """A run of ``text`` added to ``p`` as python-pptx's ``add_r`` adds it (control characters
    escaped as ``_x001B_``, an empty run with an empty ``a:t``), with an empty ``a:rPr`` as
    ``get_or_add_rPr`` adds it (``props``); returns the ``a:rPr`` (else the ``a:r``)."""
    from lxml import etree

    r = _text_child(p, _A_R, end)
    rpr = etree.SubElement(r, _A_RPR) if props else r
    t = etree.SubElement(r, _A_T)
    if text:
        t.text = _CONTROL.sub(_escaped, text)
    return rpr


def _escaped(match: re.Match[str]) -> str:
    return f"_x{ord(match.group(1)):04X}_"


def _append_text(p: Any, text: str) -> None:
    """python-pptx's ``append_text``: a run per line, an ``a:br`` between lines, no empty
    runs."""
    for n, line in enumerate(_BREAKS.split(text)):
        if n:
            _text_child(p, _A_BR, None)
        if line:
            _run(p, line, None, props=False)


def _notes_text(body: Any, paragraphs: Sequence[str]) -> None:
    """The notes placeholder's text: what ``frame.text = paragraphs[0]`` and then
    ``frame.add_paragraph().text = p`` for the others make (a notes master without a notes
    placeholder fails, as python-pptx does)."""
    from lxml import etree

    frame = body.text_frame  # adds the p:txBody if the placeholder has none
    tx = body.element.find(f"{_P}txBody")
    for p in tx.findall(_A_P):
        tx.remove(p)
    for line in paragraphs[0].split("\n"):
        _append_text(etree.SubElement(tx, _A_P), line)
    for text in paragraphs[1:]:
        _append_text(etree.SubElement(tx, _A_P), text)
    del frame


def _cell_look(tc: Any, look: Any, fill: str, last: bool) -> None:
    """A cell's insets, rules (only under the last row) and fill, in schema order."""
    from lxml import etree
    from pptx.oxml.ns import qn

    pr = tc.find(qn("a:tcPr"))
    if pr is None:
        pr = etree.SubElement(tc, qn("a:tcPr"))
    for child in list(pr):
        pr.remove(child)
    pad_x, pad_y = round(look.padding_x * EMU_PER_PT), round(look.padding_y * EMU_PER_PT)
    for attr, value in (("marL", pad_x), ("marR", pad_x), ("marT", pad_y), ("marB", pad_y)):
        pr.set(attr, str(value))
    for side in ("lnL", "lnR", "lnT", "lnB"):
        ruled = side == "lnB" and last
        width = round(look.rule_width * EMU_PER_PT) if ruled else 0
        ln = etree.SubElement(pr, qn(f"a:{side}"), w=str(width))
        if ruled:
            solid = etree.SubElement(ln, qn("a:solidFill"))
            etree.SubElement(solid, qn("a:schemeClr"), val=look.rule)
        else:
            etree.SubElement(ln, qn("a:noFill"))
    solid = etree.SubElement(pr, qn("a:solidFill"))
    etree.SubElement(solid, qn("a:schemeClr"), val=fill)


def _graphic(img: Any) -> bool:
    """PNG is what images.py chooses for transparency, palettes and few-colour art."""
    return img.format == "PNG" or img.has_alpha


def display_url(url: str) -> str:
    """The address as people type it: no scheme, no trailing slash."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            url = url[len(scheme) :]
    return url.rstrip("/")


def _lang(language: str) -> str:
    return {"en": "en-US", "ko": "ko-KR"}.get(language, language or "en-US")


def _is_master(element: Any) -> bool:
    root = element.getroottree().getroot()
    return root.tag.endswith("}sldMaster")


def _next_id(pptx_slide: Any) -> int:
    tree = pptx_slide.shapes.element
    ids = [int(el.get("id")) for el in tree.iter("{*}cNvPr")]
    return max(ids, default=1) + 1


def _fractions(rect: tuple[float, ...], width: int, height: int) -> tuple[int, int, int, int]:
    """A box given in fractions of the slide (x, y, width, height) -> EMU."""
    x, y, cx, cy = rect
    return round(width * x), round(height * y), round(width * cx), round(height * cy)


def _insets(shape: Any, left: int, top: int, right: int, bottom: int) -> None:
    frame = shape.text_frame
    frame.margin_left, frame.margin_top = left, top
    frame.margin_right, frame.margin_bottom = right, bottom


def _slide_number_text(
    sp: Any, number: int, lang: str, colour: str | None, size: float | None
) -> None:
    tx = copy.deepcopy(_number_body(lang, colour, size))
    tx.find(".//{*}t").text = str(number)
    old = sp.find("{*}txBody")
    if old is not None:
        sp.replace(old, tx)
    else:
        sp.append(tx)


@functools.cache
def _number_body(lang: str, colour: str | None, size: float | None) -> Any:
    """The ``p:txBody`` of a slide number (a ``slidenum`` field), to be copied per slide."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    fill = (
        f'<a:solidFill><a:srgbClr val="{colour.lstrip("#").upper()}"/></a:solidFill>'
        if colour
        else ""
    )
    sz = f' sz="{round(size * 100)}"' if size else ""
    field_id = "{" + str(uuid.uuid5(_NAMESPACE, "slidenum")).upper() + "}"
    return parse_xml(
        f"<p:txBody {nsdecls('a', 'p')}><a:bodyPr/><a:lstStyle/><a:p>"
        f'<a:fld id="{field_id}" type="slidenum"><a:rPr lang="{lang}"{sz}>{fill}</a:rPr>'
        f"<a:t>0</a:t></a:fld></a:p></p:txBody>"
    )


def _filled(slide: Slide, role: str, slots: dict[str, templates.Slot]) -> list[str]:
    """The slots ``_Writer.add`` fills with text on this slide: their placeholders are the
    ones the slide keeps (the same choices as ``add`` makes, in the same order)."""
    names = ["title"]
    if slide.kind == "image":
        image = slide.image
        if role == "picture" and image is not None and image.credit and "body" in slots:
            names.append("body")
        return names
    attribution = slide.kind == "quote" and bool(slide.attribution)
    text = slide.grid is None and (slide.code is not None or any(i.text for i in slide.items))
    if "body" in slots and (attribution or text):  # a table is a shape of its own
        names.append("body")
    return names


def _place(shape: Any, box: tuple[int, int, int, int] | None) -> None:
    if box is not None:
        shape.left, shape.top, shape.width, shape.height = box


def _remove_unused_placeholders(pptx_slide: Any, used: set[int]) -> None:
    """No "Click to add text" left behind: drop every placeholder we did not fill."""
    for ph in list(pptx_slide.placeholders):
        if ph.placeholder_format.idx not in used:
            ph.element.getparent().remove(ph.element)


def _title_first(pptx_slide: Any, title_shape: Any) -> None:
    """Screen readers read shapes in tree order: the title goes first."""
    tree = pptx_slide.shapes.element
    el = title_shape.element
    tree.remove(el)
    tree.insert(2, el)  # after nvGrpSpPr and grpSpPr


def _set_background_picture(pptx_slide: Any, rid: str) -> None:
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls, qn

    c_sld = pptx_slide.element.find(qn("p:cSld"))
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    bg = parse_xml(
        f'<p:bg {nsdecls("a", "p", "r")}><p:bgPr><a:blipFill dpi="0" rotWithShape="1">'
        f'<a:blip r:embed="{rid}"/><a:srcRect/><a:stretch><a:fillRect/></a:stretch>'
        "</a:blipFill><a:effectLst/></p:bgPr></p:bg>"
    )
    c_sld.insert(0, bg)


def _describe(pic: Any, image: Image) -> None:
    """Alt text from the source, never the file name; decorative pictures say so."""
    from lxml import etree
    from pptx.oxml.ns import qn

    c_nv_pr = pic.element.find(f"{qn('p:nvPicPr')}/{qn('p:cNvPr')}")
    c_nv_pr.set("name", "Photo")
    if image.decorative or not image.alt:
        c_nv_pr.attrib.pop("descr", None)
        if image.decorative:
            ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
            ext = etree.SubElement(ext_lst, qn("a:ext"), uri=DECORATIVE_URI)
            etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC}, val="1")
        return
    c_nv_pr.set("descr", image.alt)


__all__ = ["DeckOptions", "DeckResult", "build_plan", "render_deck", "write_deck"]
