"""Deck templates: the theme's bundled template per aspect, or the organisation's own ``.pptx``.

Layouts are found by name (the names PowerPoint's own templates use), through the
``[deck.layouts]`` mapping in makedocs.toml when an organisation's names differ, then by the
layout's type; a role with no layout falls back to the nearest one with a one-line warning. The
geometry of each placeholder (box and insets) is what fitting measures against. The bundled
templates are themed as they are opened (``theming.py``); an organisation's keeps its own look.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from makedocs.adapters.pptx import ph_type
from makedocs.errors import MakedocsError, Warned
from makedocs.units import EMU_PER_PT

if TYPE_CHECKING:
    from makedocs.deck.style import DeckStyle
    from makedocs.theme import Theme

#: Aspect -> the bundled template's file, found in the theme's folders (``Theme.file``).
TEMPLATE_FILES = {"16:9": "deck-16x9.pptx", "4:3": "deck-4x3.pptx"}

#: Role -> the standard layout name (as in PowerPoint's own templates).
LAYOUT_NAMES: dict[str, str] = {
    "title": "Title Slide",
    "section": "Section Header",
    "content": "Title and Content",
    "title_only": "Title Only",
    "picture": "Picture with Caption",
    "quote": "Quote",
    "blank": "Blank",
}
#: Role -> the ``type`` attribute PowerPoint gives such a layout (names may be translated).
_LAYOUT_TYPES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "section": ("secHead",),
    "content": ("obj", "tx"),
    "title_only": ("titleOnly",),
    "picture": ("picTx",),
    "quote": (),
    "blank": ("blank",),
}
#: Role -> roles tried, in order, when the template has no layout for it.
_FALLBACKS: dict[str, tuple[str, ...]] = {
    "title": ("section", "content", "title_only"),
    "section": ("title", "content", "title_only"),
    "content": ("title_only", "section"),
    "title_only": ("content", "section"),
    "picture": ("content", "title_only"),
    "quote": ("section", "content", "title_only"),
    "blank": ("title_only", "content"),
}
#: Role -> placeholders a slide of that role fills: slot name -> accepted placeholder types.
SLOTS: dict[str, dict[str, tuple[str, ...]]] = {
    "title": {"title": ("ctrTitle", "title"), "body": ("subTitle", "body", "obj")},
    "section": {"title": ("title", "ctrTitle"), "body": ("body", "subTitle", "obj")},
    "content": {"title": ("title",), "body": ("body", "obj")},
    "title_only": {"title": ("title",)},
    "picture": {"title": ("title",), "body": ("body", "obj"), "picture": ("pic",)},
    "quote": {"title": ("title", "ctrTitle"), "body": ("body", "subTitle", "obj")},
    "blank": {},
}
_DEFAULT_INSETS = (91440, 45720, 91440, 45720)  # l, t, r, b (EMU): the DrawingML spec's


@dataclass(frozen=True, slots=True)
class Rect:
    """A box on the slide in EMU, with the text insets of the placeholder."""

    x: int
    y: int
    cx: int
    cy: int
    insets: tuple[int, int, int, int] = _DEFAULT_INSETS
    anchor: str = "t"

    @property
    def text_width_pt(self) -> float:
        return (self.cx - self.insets[0] - self.insets[2]) / EMU_PER_PT

    @property
    def text_height_pt(self) -> float:
        return (self.cy - self.insets[1] - self.insets[3]) / EMU_PER_PT

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.cx, self.cy)

    def moved(self, *, y: int | None = None, cy: int | None = None) -> Rect:
        return Rect(
            self.x,
            self.y if y is None else y,
            self.cx,
            self.cy if cy is None else cy,
            self.insets,
            self.anchor,
        )


@dataclass(frozen=True, slots=True)
class Face:
    """A typeface text is set in, and the bundled font family that measures it.

    ``margin`` widens measured widths: 1 for a metric-compatible family, more for one that is
    only close, and the theme's stand-in margin for a typeface makedocs has no metrics for.
    """

    typeface: str
    family: str
    margin: float = 1.0
    compatible: bool = True


@dataclass(frozen=True, slots=True)
class Slot:
    """One placeholder a role uses: its idx on the layout, box, the template's type size and
    the face its text is set in (the template's theme font, or the bundled one)."""

    idx: int
    ph_type: str
    rect: Rect
    size: float | None  # points, from the template's text styles; None if it names none
    bold: bool = False
    italic: bool = False
    face: Face | None = None


@dataclass(slots=True)
class Template:
    """An opened template and the layout chosen for every role."""

    path: Path
    display: str
    prs: Any
    style: DeckStyle
    layouts: dict[str, Any] = field(default_factory=dict)  # role -> SlideLayout
    slots: dict[str, dict[str, Slot]] = field(default_factory=dict)  # role -> slot -> Slot
    notes: list[str] = field(default_factory=list)  # the --check-template report
    latin_typeface: str | None = None  # the theme's body (minor) font
    east_asian_typeface: str | None = None
    major_typeface: str | None = None  # the theme's heading font
    #: Whether runs name their typefaces (the bundled templates, themed with the deck's own
    #: fonts); an organisation's template lets text inherit its theme fonts instead.
    names_fonts: bool = True
    text_face: Face | None = None  # text boxes makedocs adds (body font)
    quote_choice: str = ""  # why the quote layout was chosen, when it is a fallback
    font_files: dict[str, Path] = field(default_factory=dict)  # [fonts] family -> regular file

    def face(self, typeface: str | None) -> Face:
        """The face for ``typeface`` (None: the theme's body font)."""
        return face_for(typeface or self.latin_typeface or "", self.style, self.names_fonts)

    @property
    def width(self) -> int:
        return int(self.prs.slide_width)

    @property
    def height(self) -> int:
        return int(self.prs.slide_height)


def bundled_template(theme: Theme, aspect: str) -> Path:
    """The theme's template for ``aspect`` (from the theme's folder or those it extends)."""
    name = TEMPLATE_FILES.get(aspect)
    if name is None:
        raise MakedocsError(f"aspect must be 16:9 or 4:3, not {aspect!r}")
    return theme.file(name)


def open_template(
    path: Path | None,
    aspect: str | None,
    mapping: Mapping[str, str] | None,
    warned: Warned,
    theme: Theme,
) -> Template:
    """Open ``path`` (or the theme's bundled template for ``aspect``, themed) and choose a
    layout for every role.

    An organisation's template keeps its own slide size; asking for another aspect as well
    is warned about, not obeyed (stretching a master distorts it).
    """
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    from makedocs.deck.style import deck_style
    from makedocs.deck.template_media import check_template_file, sanitise_template_media

    style = deck_style(theme)
    file = path or bundled_template(theme, aspect or "16:9")
    display = str(path) if path else file.name
    check_template_file(file, display)
    try:
        prs = Presentation(str(file))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise MakedocsError(f"cannot open template: {error}", display) from None
    except Exception as error:  # a zip that is not a presentation
        raise MakedocsError(
            f"not a PowerPoint template ({type(error).__name__})", display
        ) from None
    sanitise_template_media(prs, display)
    ratio = prs.slide_width / prs.slide_height
    if aspect is not None and path is not None:
        want = {"16:9": 16 / 9, "4:3": 4 / 3}[aspect]
        if abs(ratio - want) > 0.01:
            warned.warn(
                f"template slides are {_shape(ratio)}, not {aspect}; "
                "the template's own size is used",
                display,
            )
    if path is None:
        from makedocs.deck.theming import apply_theme

        apply_theme(prs, style, LAYOUT_NAMES)
    template = Template(path=file, display=display, prs=prs, style=style)
    template.names_fonts = path is None
    template.font_files = {key: family.file("regular") for key, family in theme.fonts.items()}
    _read_fonts(template)
    template.text_face = template.face(None)
    mapping = dict(mapping or {})
    for key in mapping:
        if key not in LAYOUT_NAMES.values():
            raise MakedocsError(
                f"[deck.layouts] key {key!r} is not a layout makedocs uses; "
                f"use one of: {', '.join(LAYOUT_NAMES.values())}"
            )
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    found: dict[str, Any] = {}
    how: dict[str, str] = {}
    for role, standard in LAYOUT_NAMES.items():
        wanted = mapping.get(standard, standard)
        if wanted in by_name:
            found[role] = by_name[wanted]
            how[role] = f"'{wanted}'" + (
                f" (mapped from '{standard}')" if wanted != standard else ""
            )
            continue
        if standard in mapping:
            warned.warn(
                f"template has no layout named '{wanted}' ([deck.layouts] '{standard}')",
                display,
            )
        typed = _by_type(prs, _LAYOUT_TYPES[role], [id(v) for v in found.values()])
        if typed is not None:
            found[role] = typed
            how[role] = f"'{typed.name}' (by layout type; no layout named '{wanted}')"
    for role, standard in LAYOUT_NAMES.items():
        if role in found:
            continue
        candidates = [found[other] for other in _FALLBACKS[role] if other in found]
        if not candidates:
            raise MakedocsError(
                f"template has no usable layout for '{standard}' (it needs a title placeholder)",
                display,
            )
        layout, why = candidates[0], ""
        if role == "quote":  # chosen by what the layout does to text, not by a fixed order
            layout, why = _quote_layout(candidates, template)
            template.quote_choice = why
        found[role] = layout
        wanted = mapping.get(standard, standard)
        how[role] = f"'{layout.name}' (fallback: no layout named '{wanted}'" + (
            f"; {why})" if why else ")"
        )
        warned.warn(
            f"template has no layout '{wanted}'; using '{layout.name}' instead"
            f" (map it in makedocs.toml [deck.layouts])",
            display,
        )
    template.layouts = found
    for role in LAYOUT_NAMES:
        layout = found[role]
        slots = _slots(layout, role, template, warned, display)
        template.slots[role] = slots
        used = ", ".join(
            f"{slot} = {s.ph_type} idx {s.idx}"
            if s.idx >= 0
            else f"{slot} = text box (no placeholder)"
            for slot, s in slots.items()
        )
        template.notes.append(
            f"{LAYOUT_NAMES[role]:<20} -> {how[role]}: {used or 'no text placeholders'}"
        )
    number = slide_number_source(found["content"])
    template.notes.append(
        "slide numbers        -> "
        + (
            "placeholder from the layout/master"
            if number is not None
            else "text box (none in template)"
        )
    )
    return template


def _shape(ratio: float) -> str:
    for name, value in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10)):
        if abs(ratio - value) < 0.01:
            return name
    return f"{ratio:.2f}:1"


def _by_type(prs: Any, types: tuple[str, ...], taken: list[int]) -> Any | None:
    for layout in prs.slide_layouts:
        if layout.element.get("type") in types and id(layout) not in taken:
            return layout
    return None


def _slots(
    layout: Any, role: str, template: Template, warned: Warned, display: str
) -> dict[str, Slot]:
    """Find each placeholder the role fills on ``layout``; warn about and fall back for gaps."""
    out: dict[str, Slot] = {}
    taken: set[int] = set()
    for slot, types in SLOTS[role].items():
        match = None
        for wanted in types:
            for ph in layout.placeholders:
                idx = ph.placeholder_format.idx
                if ph_type(ph) == wanted and idx not in taken:
                    match = ph
                    break
            if match is not None:
                break
        if match is None:
            if slot == "picture":
                continue  # pictures are placed as free shapes anyway
            rect = _fallback_rect(slot, template, out)
            warned.warn(
                f"layout '{layout.name}' has no {slot} placeholder; "
                f"the {slot} is drawn as a text box",
                display,
            )
            out[slot] = Slot(-1, "textbox", rect, None, slot == "title", face=template.text_face)
            continue
        taken.add(match.placeholder_format.idx)
        size, bold, italic = _template_font(match, layout, slot)
        typeface = _resolve_typeface(_inherited(match, layout, slot, "latin"), template)
        out[slot] = Slot(
            _ph_type_idx(match),
            ph_type(match),
            _rect(match, layout),
            size,
            bold,
            italic,
            template.face(typeface),
        )
    return out


def _fallback_rect(slot: str, template: Template, found: Mapping[str, Slot]) -> Rect:
    """Where a missing placeholder's text goes: title band at the top, body below it."""
    fallback = template.style.fallback
    w, h = template.width, template.height
    margin = round(w * fallback.margin)
    title_top, title_height = (round(h * f) for f in fallback.title)
    if slot == "title":
        return Rect(margin, title_top, w - 2 * margin, title_height)
    title = found["title"].rect if "title" in found else Rect(0, title_top, 0, title_height)
    top = title.y + title.cy + round(h * fallback.gap)
    return Rect(margin, top, w - 2 * margin, round(h * fallback.bottom) - top)


def _rect(ph: Any, layout: Any) -> Rect:
    """Box and insets of a layout placeholder, inherited from the master where not set."""
    insets = list(_DEFAULT_INSETS)
    anchor = "t"
    chain = [ph.element]
    master_ph = _master_placeholder(layout, ph)
    if master_ph is not None:
        chain.append(master_ph)
    # nearest definition wins: walk from the master to the layout
    for el in reversed(chain):
        body_pr = el.find(".//{*}txBody/{*}bodyPr")
        if body_pr is None:
            continue
        for n, attr in enumerate(("lIns", "tIns", "rIns", "bIns")):
            if body_pr.get(attr) is not None:
                insets[n] = int(body_pr.get(attr))
        if body_pr.get("anchor"):
            anchor = body_pr.get("anchor")
    return Rect(
        int(ph.left or 0),
        int(ph.top or 0),
        int(ph.width or 0),
        int(ph.height or 0),
        (insets[0], insets[1], insets[2], insets[3]),
        anchor,
    )


def _master_placeholder(layout: Any, ph: Any) -> Any | None:
    kind = ph_type(ph)
    kinds = {"ctrTitle": "title", "subTitle": "body", "obj": "body"}.get(kind, kind)
    for candidate in layout.slide_master.placeholders:
        if ph_type(candidate) in (kind, kinds):
            return candidate.element
    return None


def _ph_type_idx(ph: Any) -> int:
    return int(ph.placeholder_format.idx)


def _template_font(ph: Any, layout: Any, slot: str) -> tuple[float | None, bool, bool]:
    """First-level size (points), bold and italic the template gives this placeholder."""
    master = layout.slide_master.element
    style = "titleStyle" if slot == "title" else "bodyStyle"
    candidates = [
        ph.element.find(".//{*}lstStyle/{*}lvl1pPr/{*}defRPr"),
        master.find(f".//{{*}}txStyles/{{*}}{style}/{{*}}lvl1pPr/{{*}}defRPr"),
    ]
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    for el in candidates:
        if el is None:
            continue
        if size is None and el.get("sz"):
            size = int(el.get("sz")) / 100
        if bold is None and el.get("b") is not None:
            bold = el.get("b") in ("1", "true")
        if italic is None and el.get("i") is not None:
            italic = el.get("i") in ("1", "true")
    return size, bool(bold), bool(italic)


#: EMU two boxes may overlap and still count as one above the other.
TOLERANCE = 91440


def _inherited(ph: Any, layout: Any, slot: str, what: str) -> str | None:
    """A first-level text property as the placeholder inherits it: the layout's list style,
    the master placeholder's, then the master's title or body style. ``what`` is ``algn`` (of
    the paragraph), ``cap`` (of the run) or ``latin`` (the run's typeface)."""
    master = layout.slide_master.element
    style = "titleStyle" if slot == "title" else "bodyStyle"
    chain = [ph.element.find(".//{*}lstStyle"), None, master.find(f".//{{*}}txStyles/{{*}}{style}")]
    master_ph = _master_placeholder(layout, ph)
    if master_ph is not None:
        chain[1] = master_ph.find(".//{*}lstStyle")
    for styles in chain:
        if styles is None:
            continue
        level = styles.find("{*}lvl1pPr")
        if level is None:
            continue
        if what == "algn":
            found = level.get("algn")
        elif what == "cap":
            rpr = level.find("{*}defRPr")
            found = rpr.get("cap") if rpr is not None else None
        else:
            el = level.find(f"{{*}}defRPr/{{*}}{what}")
            found = el.get("typeface") if el is not None else None
        if found:
            return found
    return None


def _resolve_typeface(typeface: str | None, template: Template) -> str | None:
    """``+mj-lt`` and ``+mn-lt`` are the theme's heading and body fonts; None is the body's."""
    if typeface is None or typeface.startswith("+mn"):
        return template.latin_typeface
    if typeface.startswith("+mj"):
        return template.major_typeface or template.latin_typeface
    return typeface


def face_for(typeface: str, style: DeckStyle, names_fonts: bool) -> Face:
    """The bundled family that measures ``typeface``: the deck's own for the bundled templates,
    else a metric-compatible one from ``[deck.metrics]``, else the theme's stand-in."""
    if names_fonts:
        return Face(style.latin_typeface, style.font)
    key = typeface.casefold()
    for name, family, margin in style.metrics.compatible:
        if name.casefold() == key:
            return Face(typeface, family, margin, margin == 1)
    metrics = style.metrics
    return Face(typeface, metrics.stand_in, metrics.stand_in_margin, False)


def _quote_layout(candidates: list[Any], template: Template) -> tuple[Any, str]:
    """The fallback layout that sets a quotation best, judged by what it does to the text of
    its title: no forced capitals, an attribution placeholder below the quote (not above),
    left or centred alignment; then the tallest title box (room for the words)."""
    scored = []
    for order, layout in enumerate(candidates):
        title = body = None
        for ph in layout.placeholders:
            kind = ph_type(ph)
            if title is None and kind in SLOTS["quote"]["title"]:
                title = ph
            elif body is None and kind in SLOTS["quote"]["body"]:
                body = ph
        if title is None:
            continue
        cap = _inherited(title, layout, "title", "cap") or "none"
        align = _inherited(title, layout, "title", "algn") or "l"
        above = (
            body is not None
            and int(body.top or 0) < int(title.top or 0) + int(title.height or 0) - TOLERANCE
        )
        faults = [
            f"capitals ({cap})" if cap != "none" else "",
            "attribution above the title" if above else "",
            f"alignment {align}" if align not in ("l", "ctr") else "",
        ]
        faults = [f for f in faults if f]
        scored.append((len(faults), -int(title.height or 0), order, layout, faults))
    if not scored:
        return candidates[0], ""
    _, _, _, layout, faults = min(scored, key=lambda s: s[:3])
    if faults:
        return layout, "chosen for quotes, though it sets " + ", ".join(faults)
    return layout, "chosen for quotes: no capitals, attribution below, readable alignment"


def slide_number_source(layout: Any) -> Any | None:
    """The ``sldNum`` placeholder element to clone onto slides: the layout's, else the master's."""
    for source in (layout, layout.slide_master):
        for ph in source.placeholders:
            if ph_type(ph) == "sldNum":
                return ph.element
    return None


def _read_fonts(template: Template) -> None:
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        theme = template.prs.slide_master.part.part_related_by(RT.THEME)
    except KeyError:
        return
    root = etree.fromstring(theme.blob)
    minor = root.find(".//{*}fontScheme/{*}minorFont")
    major = root.find(".//{*}fontScheme/{*}majorFont")
    if minor is None:
        return
    latin = minor.find("{*}latin")
    ea = minor.find("{*}ea")
    template.latin_typeface = (latin.get("typeface") or None) if latin is not None else None
    template.east_asian_typeface = (ea.get("typeface") or None) if ea is not None else None
    heading = major.find("{*}latin") if major is not None else None
    template.major_typeface = (heading.get("typeface") or None) if heading is not None else None


def check_report(template: Template) -> str:
    """What ``makedocs deck --check-template`` prints."""
    size = f"{template.width / 914400:.2f} × {template.height / 914400:.2f} in"
    head = [
        f"template {template.display}: {size}, {len(template.prs.slide_layouts)} layouts, "
        f"{len(template.prs.slides)} example slide(s) (not carried into decks)",
        f"theme font: {template.latin_typeface or 'unknown'}"
        + (
            f" (body), {template.major_typeface} (headings)"
            if template.major_typeface not in (None, template.latin_typeface)
            else ""
        ),
    ]
    fonts = []
    heading, body = template.major_typeface, template.latin_typeface
    for role, typeface in (("headings", heading), ("body", body)):
        if typeface:
            face = template.face(typeface)
            fonts.append(f"  {role}: {typeface}, {measured_with(face, template)}")
    return "\n".join(head + fonts + template.notes)


def measured_with(face: Face, template: Template) -> str:
    """How text in ``face`` is measured, for reports and warnings."""
    style = template.style
    name = family_name(template, face.family)
    if face.compatible:
        return f"measured with {name} (metric-compatible)"
    extra = round((face.margin - 1) * 100)
    if face.family == style.metrics.stand_in:
        return (
            f"measured with the stand-in {name}, every width {extra}% wider to be safe "
            "(no metric-compatible font is bundled)"
        )
    return f"measured with {name}, every width {extra}% wider (a close, not identical, font)"


def family_name(template: Template, family: str) -> str:
    """The family name inside the bundled font file (``Noto Sans``), for messages."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    path = template.font_files.get(family)
    if path is None:
        return family
    name = TTFontFile(str(path)).familyName
    return name.decode("utf-8", "replace") if isinstance(name, bytes) else str(name)
