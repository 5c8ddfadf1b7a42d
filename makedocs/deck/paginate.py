"""Slide plan + template geometry -> fitted slides: explicit sizes, continuation slides.

Each text box is measured with the font the deck names. A box steps its size down to the
theme's floor; what still does not fit moves to a continuation slide titled "… (cont.)".
Titles never split: a title that does not fit at the floor takes room from the body below.
"""

from __future__ import annotations

from dataclasses import replace

from makedocs.deck.fit import SAFETY, Box, Measure, Para, split_text
from makedocs.deck.plan import Item, Plan, Slide
from makedocs.deck.style import DeckStyle
from makedocs.deck.template import Rect, Slot, Template
from makedocs.units import EMU_PER_PT

NBSP = "\u00a0"  # keeps "(2)" and "(cont.)" on the line of the word before them
CONT = NBSP + "(cont.)"
#: Room every title keeps for what may be added later: "(cont. 22)" or a number "(12)".
TITLE_RESERVE = NBSP + "(cont.\u00a022)"


def style_name(bold: bool, italic: bool) -> str:
    if bold and italic:
        return "bold_italic"
    return "bold" if bold else "italic" if italic else "regular"


def box_of(rect: Rect) -> Box:
    return Box(rect.text_width_pt, rect.text_height_pt)


class Paginator:
    def __init__(self, template: Template, style: DeckStyle, measure: Measure) -> None:
        self.template = template
        self.style = style
        self.measure = measure

    # --- paragraphs as they will be set ---------------------------------------------------

    def body_paras(self, slide: Slide, items: tuple[Item, ...], slot: Slot) -> list[Para]:
        return body_paras(self.style, slide, [i for i in items if i.text], slot)

    def title_para(self, text: str, slot: Slot, spacing: float | None = None) -> Para:
        spacing = self.style.title.line_spacing if spacing is None else spacing
        return Para(text, style_name(slot.bold, slot.italic), line_spacing=spacing)

    # --- fitting ----------------------------------------------------------------------------

    def fit_title(self, text: str, slot: Slot, largest: float) -> float | None:
        return self.measure.best_size(
            [self.title_para(text, slot)],
            box_of(slot.rect),
            max(largest, self.style.title.min),
            self.style.title.min,
        )

    def paginate(self, plan: Plan) -> list[Slide]:
        out: list[Slide] = []
        for slide in number_titles(plan.slides):
            out.extend(self.fit(slide))
        return unique_titles(out)

    def fit(self, slide: Slide) -> list[Slide]:
        slots = self.template.slots[slide.role]
        if slide.kind == "quote":
            return self.fit_quote(slide, slots)
        if slide.kind == "image":
            return [slide]  # the image slide's band is sized by the renderer's own fitting
        title_slot = slots["title"]
        theme = self.style.title
        largest = {
            "title": title_slot.size or theme.cover_size,
            "section": title_slot.size or theme.section_size,
        }.get(slide.kind, title_slot.size or theme.size)
        title_size = self.fit_title(slide.title + TITLE_RESERVE, title_slot, largest)
        body_slot = slots.get("body")
        if title_size is None:
            slide, title_slot, body_slot = self.grow_title(slide, title_slot, body_slot)
            title_size = theme.min
        if body_slot is None or not any(i.text for i in slide.items):
            return [replace(slide, title_size=title_size)]
        largest_body = self.body_largest(slide, body_slot)
        smallest = self.style.body.min
        return self.split_body(slide, body_slot, title_size, largest_body, smallest)

    def grow_title(
        self, slide: Slide, title: Slot, body: Slot | None
    ) -> tuple[Slide, Slot, Slot | None]:
        """A title too long for its box at the floor size takes room from the body below.

        Titles are never split; past the theme's share of the slide the visible title is
        shortened with an ellipsis (the full title stays in the notes).
        """
        size = self.style.title.min
        rect = title.rect
        para = self.title_para(slide.title + TITLE_RESERVE, title)
        width = rect.text_width_pt * SAFETY
        needed_pt = self.measure.height([para], size, width) / SAFETY
        limit = round(self.template.height * self.style.title.max_height)
        cy = round(needed_pt * EMU_PER_PT) + rect.insets[1] + rect.insets[3]
        text = slide.title
        if cy > limit:
            cy = limit
            box = Box(rect.text_width_pt, (limit - rect.insets[1] - rect.insets[3]) / EMU_PER_PT)
            text, _ = split_text(
                self.measure, self.title_para(text, title), size, box, reserve=TITLE_RESERVE
            )
            slide = replace(slide, notes=(slide.title, *slide.notes))
        delta = cy - rect.cy
        new_title = replace(title, rect=rect.moved(cy=cy))
        new_body = None
        if body is not None:
            new_body = replace(
                body, rect=body.rect.moved(y=body.rect.y + delta, cy=body.rect.cy - delta)
            )
        slide = replace(
            slide,
            title=text,
            title_box=new_title.rect.box,
            body_box=new_body.rect.box if new_body else None,
        )
        return slide, new_title, new_body

    def body_largest(self, slide: Slide, slot: Slot) -> float:
        """Start from the larger of the template's size and the theme's reading size."""
        body = self.style.body
        template = slot.size or body.list_size
        if slide.kind in ("content", "summary") and not any(i.bullet for i in slide.items):
            return max(template, body.size)  # one key sentence: set it large
        if slide.kind in ("title", "section", "closing"):
            return max(template, body.min)
        return max(template, body.list_size)

    def pack(self, slide: Slide, slot: Slot, size: float) -> list[list[Item]]:
        """Greedily fill slides at ``size``; a paragraph too long for a slide is cut."""
        box = box_of(slot.rect)
        pages: list[list[Item]] = []
        pending = list(slide.items)
        while pending:
            page: list[Item] = []
            while pending:
                item = pending[0]
                if not item.text:  # notes only: travels with the text before it
                    page.append(pending.pop(0))
                    continue
                trial = (*page, item)
                if self.measure.fits(self.body_paras(slide, trial, slot), size, box):
                    page.append(pending.pop(0))
                    continue
                if not any(i.text for i in page):
                    para = self.body_paras(slide, (item,), slot)[0]
                    head, rest = split_text(self.measure, para, size, box)
                    page.append(Item(head, item.notes, item.bullet))
                    pending.pop(0)
                    if rest:
                        pending.insert(0, Item(rest, (), item.bullet))
                break
            pages.append(page)
        return pages

    def split_body(
        self, slide: Slide, slot: Slot, title_size: float, largest: float, smallest: float
    ) -> list[Slide]:
        """As few slides as the floor size allows, at the largest size that keeps that count.

        All slides cut from one get the same body size, so a list does not jump in size.
        """
        box = box_of(slot.rect)
        fewest = len(self.pack(slide, slot, smallest))
        size = largest
        pages = self.pack(slide, slot, size)
        step = self.measure.step
        while len(pages) > fewest and size - step >= smallest:
            size -= step
            pages = self.pack(slide, slot, size)
        if len(pages) > fewest:
            size, pages = smallest, self.pack(slide, slot, smallest)
        sizes = [
            self.measure.best_size(self.body_paras(slide, tuple(p), slot), box, largest, smallest)
            or smallest
            for p in pages
        ]
        common = min(sizes)
        out: list[Slide] = []
        start = slide.start
        for n, page in enumerate(pages):
            out.append(
                replace(
                    slide,
                    title=continued_title(slide.title, n),
                    items=tuple(page),
                    notes=slide.notes if n == 0 else (),
                    title_size=title_size,
                    body_size=common,
                    continued=n > 0,
                    start=start,
                    url=slide.url if n == len(pages) - 1 else None,
                )
            )
            start += sum(1 for i in page if i.text and i.bullet)
        return out

    def fit_quote(self, slide: Slide, slots: dict[str, Slot]) -> list[Slide]:
        slot = slots["title"]
        quote, body_min = self.style.quote, self.style.body.min
        largest = max(slot.size or 0, quote.size, quote.min)
        smallest = quote.min
        box = box_of(slot.rect)
        slot = replace(slot, bold=False, italic=True)  # quotes are set italic, not bold
        spacing = quote.line_spacing
        attribution_size = max(
            (slots["body"].size if "body" in slots else None) or quote.attribution_size, body_min
        )
        attribution = slide.attribution
        if attribution and "body" in slots:
            room = box_of(slots["body"].rect)
            para = attribution_para(self.style, attribution)
            fitted = self.measure.best_size([para], room, attribution_size, body_min)
            if fitted is None:  # a credit line longer than its box: shorten (notes keep it)
                head, _ = split_text(self.measure, para, body_min, room)
                attribution, fitted = head.removeprefix("— "), body_min
            attribution_size = fitted
        pieces: list[str] = []
        rest = slide.title
        while rest:
            para = self.title_para(rest, slot, spacing)
            if self.measure.fits([para], smallest, box):
                pieces.append(rest)
                break
            head, rest = split_text(self.measure, para, smallest, box)
            pieces.append(head)
        out = []
        for n, piece in enumerate(pieces):
            last = n == len(pieces) - 1
            size = self.measure.best_size(
                [self.title_para(piece, slot, spacing)], box, largest, smallest
            )
            out.append(
                replace(
                    slide,
                    title=piece,
                    notes=slide.notes if n == 0 else (),
                    items=slide.items if last else (),
                    attribution=attribution if last else None,
                    title_size=size or smallest,
                    attribution_size=attribution_size,
                    continued=n > 0,
                )
            )
        return out


def body_paras(style: DeckStyle, slide: Slide, items: list[Item], slot: Slot) -> list[Para]:
    """Body paragraphs as they are measured and set: hanging indents for bullets and numbers,
    space before every paragraph but the first."""
    body = style.body
    kind = style_name(slot.bold, slot.italic)
    out = []
    for n, item in enumerate(items):
        indent = 0.0
        if item.bullet:
            indent = body.number_indent if slide.ordered else body.bullet_indent
        space = body.paragraph_space if n else 0.0
        out.append(Para(item.text, kind, indent, space, body.line_spacing))
    return out


def attribution_para(style: DeckStyle, attribution: str) -> Para:
    return Para(f"— {attribution}", "regular", line_spacing=style.body.line_spacing)


def continued_title(title: str, n: int) -> str:
    """The title of the ``n``-th slide cut from one: "Title", "Title (cont.)", "(cont. 2)"."""
    if n == 0:
        return title
    return title + (CONT if n == 1 else f"{NBSP}(cont.{NBSP}{n})")


def _key(title: str) -> str:
    return " ".join(title.split()).casefold()


def number_titles(slides: list[Slide]) -> list[Slide]:
    """Slides that share a title are numbered "Title (1)", "Title (2)", … before fitting.

    Section and title slides keep the plain title (they introduce the story); quote slides
    are titled by their own words and are never renamed.
    """
    reserved = {_key(s.title) for s in slides if s.kind in ("title", "section")}
    counts: dict[str, int] = {}
    for slide in slides:
        if slide.kind not in ("title", "section", "quote"):
            counts[_key(slide.title)] = counts.get(_key(slide.title), 0) + 1
    seen: dict[str, int] = {}
    out = []
    for slide in slides:
        key = _key(slide.title)
        if slide.kind not in ("title", "section", "quote") and (counts[key] > 1 or key in reserved):
            seen[key] = seen.get(key, 0) + 1
            slide = replace(slide, title=f"{slide.title}{NBSP}({seen[key]})")
        out.append(slide)
    return out


def unique_titles(slides: list[Slide]) -> list[Slide]:
    """A last guard: any title still repeated gets a number ("Title (2)").

    Unique slide titles are what screen-reader users navigate by, so this applies to every
    slide; in practice only degenerate input reaches it.
    """
    taken = {_key(s.title) for s in slides}
    seen: set[str] = set()
    out = []
    for slide in slides:
        key = _key(slide.title)
        if key in seen:  # even a quote (a fragment of a long one can repeat another's words)
            n = 2
            while _key(f"{slide.title}{NBSP}({n})") in taken:
                n += 1
            slide = replace(slide, title=f"{slide.title}{NBSP}({n})")
            key = _key(slide.title)
            taken.add(key)
        seen.add(key)
        out.append(slide)
    return out
