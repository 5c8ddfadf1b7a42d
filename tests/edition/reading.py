"""Reading the edition back with real parsers: zipfile and lxml for the EPUB."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from lxml import etree

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {"x": XHTML, "epub": EPUB, "opf": OPF, "dc": "http://purl.org/dc/elements/1.1/"}
_SPACE = re.compile(r"\s+")
# Elements whose boundaries separate words, however the file is indented.
_BLOCKS = frozenset({"body", "header", "footer", "main", "section", "nav", "div", "p", "ul"})
_BLOCKS |= {"ol", "li", "blockquote", "figure", "figcaption", "hr", "br"}
_BLOCKS |= {f"h{level}" for level in range(1, 7)}


def epub_files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


class Epub:
    """An EPUB's package, documents in spine order, and its nav."""

    def __init__(self, data: bytes) -> None:
        self.files = epub_files(data)
        container = etree.fromstring(self.files["META-INF/container.xml"])
        path = container.find(".//{*}rootfile").get("full-path")
        self.root = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
        self.opf = etree.fromstring(self.files[path])
        manifest = {item.get("id"): item for item in self.opf.iterfind("opf:manifest/opf:item", NS)}
        self.manifest = manifest
        self.spine = [
            manifest[ref.get("idref")].get("href")
            for ref in self.opf.iterfind("opf:spine/opf:itemref", NS)
        ]
        nav = next(item for item in manifest.values() if "nav" in (item.get("properties") or ""))
        self.nav_href = nav.get("href")

    def document(self, href: str) -> etree._Element:
        return etree.fromstring(self.files[self.root + href.split("#")[0]])

    def documents(self) -> Iterator[tuple[str, etree._Element]]:
        for href in self.spine:
            yield href, self.document(href)

    def nav(self, kind: str) -> etree._Element | None:
        found = self.document(self.nav_href).xpath(f'//x:nav[@epub:type="{kind}"]', namespaces=NS)
        return found[0] if found else None

    def properties(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for meta in self.opf.iterfind("opf:metadata/opf:meta", NS):
            if meta.get("property") and not meta.get("refines"):
                out.setdefault(meta.get("property"), []).append(meta.text or "")
        return out

    def dc(self, name: str) -> list[str]:
        return [e.text or "" for e in self.opf.iterfind(f"opf:metadata/dc:{name}", NS)]

    def resolve(self, href: str) -> etree._Element:
        """The element a ``doc.xhtml#id`` link points to."""
        doc, _, fragment = href.partition("#")
        found = self.document(doc).xpath(f'//*[@id="{fragment}"]')
        assert len(found) == 1, href
        return found[0]


def text_of(element: etree._Element, *, skip_nav: bool = True) -> str:
    """Reader-visible text, whitespace collapsed; ``nav`` elements left out."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if not isinstance(node.tag, str):
            return
        local = etree.QName(node).localname
        if skip_nav and local == "nav":
            return
        if local in ("script", "style", "title", "head"):
            return
        block = local in _BLOCKS
        parts.append(" " if block else "")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        parts.append(" " if block else "")

    walk(element)
    return _SPACE.sub(" ", "".join(parts)).strip()


def language_of(element: etree._Element) -> str | None:
    """The language an element's text is read in: its own or its nearest ancestor's."""
    while element is not None:
        value = element.get(XML_LANG) or element.get("lang")
        if value:
            return value
        element = element.getparent()
    return None


def text_nodes(root: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """(text, element whose language applies to it) for every text node."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.text:
            yield element.text, element
        if element.tail and element.getparent() is not None:
            yield element.tail, element.getparent()


def is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff"
