"""The edition's stylesheet, derived from the theme's ``[edition]`` table.

Every size is relative, so a reader's own font and size settings win; nothing fixes a page
size. Colours come in two schemes (light, and dark for ``prefers-color-scheme: dark``), each
checked for contrast by tests against the theme's actual values. Links stay underlined, so
colour is never the only sign of one.
"""

from __future__ import annotations

from makedocs.edition.style import EditionStyle, Palette

_GENERIC = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"})


def font_list(names: list[str]) -> str:
    return ", ".join(name if name in _GENERIC else f'"{name}"' for name in names)


def stylesheet(style: EditionStyle, *, web: bool) -> str:
    """The CSS for the EPUB (``web=False``: the reading system owns margins) or the web page."""
    s = style.size
    body = font_list(style.fonts("body_fonts"))
    label = font_list(style.fonts("label_fonts"))
    hangul = font_list(style.fonts("hangul_fonts"))
    code = font_list(style.fonts("code_fonts"))
    padding = style.sizes("cell_padding")
    rules = [
        f"body {{ font-family: {body}; line-height: {style.number('line_height')}; }}",
        f":lang(ko) {{ font-family: {hangul}; word-break: keep-all; }}",
        "h1, h2, h3, h4, h5, h6 { font-weight: normal; line-height: 1.2; margin: 1.5em 0 0.6em; }",
        f".subheading {{ font-size: {s('heading_size')}; font-weight: bold; }}",
        f".story-title {{ font-size: {s('title_size')}; margin-top: 0.4em; }}",
        f".book-title {{ font-size: {s('cover_title_size')}; margin: 0.4em 0; }}",
        f".subtitle {{ font-size: {s('subtitle_size')}; font-style: italic; margin: 0 0 1em; }}",
        f".label {{ font-family: {label}; font-size: {s('label_size')}; "
        f"letter-spacing: {s('label_tracking')}; text-transform: uppercase; margin: 0.5em 0; }}",
        "header { margin-bottom: 2em; }",
        "p { margin: 0; }",
        # A story's paragraphs are indented except the first after a heading, quote or picture
        # (the writer marks those), as in print; page markers between them change nothing.
        f".story > p {{ text-indent: {s('paragraph_indent')}; }}",
        ".story > p.first { text-indent: 0; }",
        "header p + p, .about p + p, .back p + p { margin-top: 0.5em; }",
        f"p.opening::first-letter {{ float: left; font-size: {s('drop_cap_size')}; "
        "line-height: 0.8; margin: 0.06em 0.08em 0 0; }",
        f"blockquote {{ margin: {s('block_space')} 1.5em; }}",
        "blockquote p + p { margin-top: 0.5em; }",
        f".epigraph {{ font-size: {s('epigraph_size')}; font-style: italic; "
        f"margin: 0 0 {s('block_space')} 3em; }}",
        f".pullquote {{ font-size: {s('pull_quote_size')}; font-style: italic; "
        f"margin: {s('block_space')} 0; padding: 0.5em 0; text-align: center; "
        "border-top: thin solid; border-bottom: thin solid; }",
        "blockquote footer { margin-top: 0.4em; font-style: normal; font-size: 0.9em; }",
        "blockquote cite { font-style: normal; }",
        'blockquote footer::before, .attribution::before { content: "\\2014\\00a0"; }',
        ".epigraph footer { text-align: right; }",
        ".story > p.attribution { margin-top: 1em; text-indent: 0; font-style: italic; }",
        f"figure, .picture {{ margin: {s('block_space')} 0; }}",
        "img { max-width: 100%; height: auto; }",
        f"figcaption {{ font-size: {s('caption_size')}; margin-top: 0.4em; }}",
        ".credit { font-style: italic; }",
        f"ul, ol {{ margin: {s('block_space')} 0; padding-left: 1.6em; }}",
        f"hr {{ border: 0; border-top: thin solid; width: 30%; margin: {s('block_space')} auto; }}",
        f"table {{ border-collapse: collapse; margin: {s('block_space')} 0; "
        f"font-size: {s('table_size')}; }}",
        f"th, td {{ padding: {padding}; border-bottom: thin solid; text-align: left; "
        "vertical-align: top; overflow-wrap: anywhere; }",
        "th { font-weight: bold; }",
        f"caption {{ caption-side: top; text-align: left; font-style: italic; "
        f"font-size: {s('caption_size')}; padding-bottom: 0.4em; }}",
        ".align-left { text-align: left; } .align-center { text-align: center; } "
        ".align-right { text-align: right; }",
        f"pre {{ margin: {s('block_space')} 0; white-space: pre-wrap; overflow-wrap: anywhere; }}",
        f"code {{ font-family: {code}; font-size: {s('code_size')}; }}",
        ".call-to-action { font-weight: bold; }",
        ".back { margin-top: 3em; }",
        f".pagebreak::after {{ content: attr(aria-label); float: right; font-family: {label}; "
        f"font-size: {s('folio_size')}; font-style: normal; font-weight: normal; "
        "text-indent: 0; margin-left: 0.5em; clear: right; }",
        "nav ol { list-style: none; padding-left: 0; }",
        "nav li { margin: 0.4em 0; }",
    ]
    if web:
        rules = [
            "html { color-scheme: light dark; -webkit-text-size-adjust: 100%; "
            "text-size-adjust: 100%; }",
            f"body {{ max-width: {s('measure')}; margin: 0 auto; "
            f"padding: 0 {s('page_padding')} 3em; }}",
            "main > section, .back { border-top: thin solid; padding-top: 1em; margin-top: 3em; }",
            *rules,
        ]
    rules += _colours(style.light)
    rules.append("@media (prefers-color-scheme: dark) {")
    rules += ["  " + rule for rule in _colours(style.dark)]
    rules.append("}")
    return "\n".join(rules) + "\n"


def _colours(palette: Palette) -> list[str]:
    """Colour rules of one scheme: body text, muted text (labels, captions, folios), accent
    (links, the drop cap). Borders take the muted colour."""
    return [
        f"body {{ color: {palette.text}; background-color: {palette.background}; }}",
        f".label, .subtitle, figcaption, caption, .pagebreak::after, blockquote footer, "
        f".attribution {{ color: {palette.muted}; }}",
        f"hr, .pullquote, main > section, .back, th, td {{ border-color: {palette.muted}; }}",
        f"a, p.opening::first-letter, .kicker {{ color: {palette.accent}; }}",
    ]
