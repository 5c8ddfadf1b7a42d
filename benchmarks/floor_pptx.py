"""The python-pptx floor: as many slides as makedocs' deck, with the same text, and no makedocs.

Usage: ``python benchmarks/floor_pptx.py STORIES.json TEMPLATE.pptx SLIDES OUT.pptx``

What makedocs' deck is held to (at most 1.2x, issue 14). Each story gets its share of SLIDES (the
count makedocs wrote for the same stories); its blocks are dealt over them in order. Every slide
uses the template's "Title and Content" layout: the story's title in the title placeholder, the
blocks' plain text in the body placeholder, the same text in the speaker notes, and the story's
pictures added as they come. Slides are appended in constant time (python-pptx rescans every slide
and part per new slide, which is quadratic) and the file is saved once. Not done: measuring or
fitting text, other layouts, picture cropping or re-encoding, sections, metadata cleaning.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def plain(block: dict[str, Any]) -> list[str]:
    match block["kind"]:
        case "paragraph" | "pull":
            return ["".join(span[1] for span in block["spans"])]
        case "epigraph" | "quote":
            return ["".join(span[1] for span in block["spans"]), f"— {block['by']}"]
        case "list":
            return list(block["items"])
        case "image":
            return [block["caption"]] if block["caption"] else []
        case "attribution":
            return [f"— {block['text']}"]
    return []


class Appender:
    """``prs.slides.add_slide`` without python-pptx's per-slide scans of the whole package."""

    def __init__(self, prs: Any) -> None:
        from pptx.opc.packuri import PackURI

        self.prs = prs
        self.ids = prs.part._element.get_or_add_sldIdLst()
        self.count = len(self.ids.sldId_lst)
        self.next_id = max([255, *(int(s.get("id")) for s in self.ids.sldId_lst)]) + 1
        self.next_rid = 1
        package = prs.part.package
        counters: dict[str, int] = {}

        def next_partname(tmpl: str) -> PackURI:  # only ever appending: count, don't search
            if tmpl not in counters:
                counters[tmpl] = sum(
                    1 for p in package.iter_parts() if p.partname.startswith(tmpl.split("%")[0])
                )
            counters[tmpl] += 1
            return PackURI(tmpl % counters[tmpl])

        package.next_partname = next_partname

    def add(self, layout: Any) -> Any:
        from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.package import _Relationship
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import SlidePart

        self.count += 1
        name = PackURI(f"/ppt/slides/slide{self.count}.xml")
        part = SlidePart.new(name, self.prs.part.package, layout.part)
        rels = self.prs.part.rels
        while f"rId{self.next_rid}" in rels._rels:
            self.next_rid += 1
        rid = f"rId{self.next_rid}"
        rels._rels[rid] = _Relationship(
            rels._base_uri, rid, RT.SLIDE, target_mode=RTM.INTERNAL, target=part
        )
        part.slide.shapes.clone_layout_placeholders(layout)
        self.ids._add_sldId(id=self.next_id, rId=rid)
        self.next_id += 1
        return part.slide


def main(data_path: Path, template: Path, slides: int, out_path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Emu

    data = json.loads(data_path.read_text("utf-8"))
    stories = data["stories"]
    prs = Presentation(str(template))
    layout = next(layout for layout in prs.slide_layouts if layout.name == "Title and Content")
    appender = Appender(prs)
    base = data_path.parent
    share, extra = divmod(slides, max(len(stories), 1))
    for n, story in enumerate(stories):
        count = max(share + (n < extra), 1)
        blocks = story["blocks"] if "image" not in story else [story["image"], *story["blocks"]]
        for k in range(count):
            slide = appender.add(layout)
            chunk = blocks[k * len(blocks) // count : (k + 1) * len(blocks) // count]
            slide.shapes.title.text = story["title"] + (" (cont.)" if k else "")
            lines = [line for block in chunk for line in plain(block)]
            body = slide.placeholders[1].text_frame
            body.text = "\n".join(lines)
            slide.notes_slide.notes_text_frame.text = "\n".join(lines)
            for block in chunk:
                if block["kind"] == "image":
                    height = Emu(prs.slide_height // 3)
                    slide.shapes.add_picture(
                        str(base / block["path"]), Emu(0), Emu(0), height=height
                    )
    prs.save(str(out_path))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
