"""Slide thumbnails drawn from the fitted plan, for ``makedocs preview`` without LibreOffice.

Not a second renderer of the deck: a faithful sketch. Text is wrapped and drawn with the same
font files and sizes the deck was fitted with, in the boxes the template gives each slide,
pictures are placed as on the slide, and the colours are the theme's. What the sketch leaves
out is the template's own artwork (its master's shapes and background pictures).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from makedocs.units import EMU_PER_PT

if TYPE_CHECKING:
    from PIL.Image import Image

    from makedocs.context import BuildContext
    from makedocs.deck.plan import Slide
    from makedocs.deck.render import Built

#: Slide kinds drawn light on dark, as the bundled templates set them.
_DARK = frozenset({"title", "section", "quote"})


def draw_slides(built: Built, ctx: BuildContext, height: int) -> list[Image]:
    return [_Sketch(built, ctx, height).draw(slide) for slide in built.slides]


class _Sketch:
    def __init__(self, built: Built, ctx: BuildContext, height: int) -> None:
        self.built = built
        self.ctx = ctx
        self.scale = height / built.template.height  # pixels per EMU
        self.size = (round(built.template.width * self.scale), height)
        self.fonts: dict[tuple[str, int], Any] = {}

    def draw(self, slide: Slide) -> Image:
        from PIL import Image as PILImage
        from PIL import ImageDraw

        colours = self.ctx.theme.colours
        dark = slide.kind in _DARK
        picture = PILImage.new("RGB", self.size, colours["cover" if dark else "paper"])
        draw = ImageDraw.Draw(picture)
        ink = colours["cover_ink" if dark else "ink"]
        slots = self.built.template.slots[slide.role]
        if slide.kind == "image" and slide.image is not None:
            self.photo(picture, slide)
            ink = colours["cover_ink"]
        title = slots["title"]
        box = slide.title_box or title.rect.box
        quote = self.built.style.quote.style
        style = quote if slide.kind == "quote" else ("bold" if title.bold else "regular")
        self.text(draw, [slide.title], box, slide.title_size, style, ink)
        if slide.kind == "quote" and slide.attribution and "body" in slots:
            self.text(
                draw,
                [f"— {slide.attribution}"],
                slide.body_box or slots["body"].rect.box,
                slide.attribution_size,
                "regular",
                ink,
            )
        elif "body" in slots and (slide.grid is not None or slide.code is not None):
            # a sketch: the table's rows (cells side by side) or the code's lines
            grid = slide.grid
            lines = (
                ["   ".join(c.text for c in row) for row in (grid.header, *grid.rows) if row]
                if grid is not None
                else (slide.code or "").split("\n")
            )
            box = slide.body_box or slots["body"].rect.box
            self.text(draw, lines, box, slide.body_size, "regular", ink)
        elif "body" in slots and any(item.text for item in slide.items):
            lines = [("• " if item.bullet else "") + item.text for item in slide.items if item.text]
            box = slide.body_box or slots["body"].rect.box
            self.text(draw, lines, box, slide.body_size, "regular", ink)
        if slide.kind == "closing" and slide.url:
            self.qr(picture, slide.url)
        return picture

    def text(
        self,
        draw: Any,
        paras: list[str],
        box: tuple[int, int, int, int],
        size: float,
        style: str,
        colour: str,
    ) -> None:
        x, y, cx, _ = (round(v * self.scale) for v in box)
        px = max(1, round(size * EMU_PER_PT * self.scale))
        measure = self.built.measure
        width_pt = cx / self.scale / EMU_PER_PT
        top = y
        for para in paras:
            for line in measure.lines(para, style, size, width_pt):
                left = x
                for run in self.ctx.fonts.runs(line, self.built.style.font, style):
                    font = self.font(str(run.font), px)
                    draw.text((left, top), run.text, fill=colour, font=font)
                    left += draw.textlength(run.text, font=font)
                top += round(px * 1.15)
            top += round(px * 0.4)

    def font(self, file: str, px: int) -> Any:
        from PIL import ImageFont

        key = (file, px)
        if key not in self.fonts:
            self.fonts[key] = ImageFont.truetype(file, px)
        return self.fonts[key]

    def photo(self, picture: Image, slide: Slide) -> None:
        from PIL import Image as PILImage

        from makedocs.images import crop_to_aspect

        image = slide.image
        assert image is not None
        path = self.ctx.image_path(image.base_dir, image.path)
        prepared = self.ctx.images.get(path, ref_file=image.source.file, ref_line=image.source.line)
        aspect = self.size[0] / self.size[1]
        data = crop_to_aspect(prepared, aspect, image.focus, max_px=self.size[0]).data
        import io

        with PILImage.open(io.BytesIO(data)) as photo:
            picture.paste(photo.convert("RGB").resize(self.size))
        band = PILImage.new(
            "RGB", (self.size[0], self.size[1] // 4), self.ctx.theme.colours["cover"]
        )
        picture.paste(band, (0, self.size[1] - band.height))

    def qr(self, picture: Image, url: str) -> None:
        import qrcode

        code = qrcode.QRCode(border=4)
        code.add_data(url)
        code.make(fit=True)
        side = self.size[1] // 2
        image = code.make_image().convert("RGB").resize((side, side))
        picture.paste(image, (self.size[0] // 12, (self.size[1] - side) // 2))
