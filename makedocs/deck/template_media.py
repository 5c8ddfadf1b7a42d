"""An organisation's template, made safe to build from: bounded zip members, clean pictures.

A ``.pptx`` template is a zip written by someone else's PowerPoint. Two things in it must never
reach a deck unexamined:

* **Pictures.** A logo on a layout or the slide master is usually a phone photo or an export
  that still carries its EXIF (GPS position, camera serial, the artist's name), XMP, IPTC,
  comments and an embedded thumbnail. Every picture the deck keeps (masters, layouts, notes and
  handout masters, themes) is decoded and re-encoded by the same sanitiser as story images
  (:func:`makedocs.images.prepare_image_data`). Office's SVG copies are dropped in favour of the
  PNG each one carries as a fallback; a picture that cannot be re-encoded (EMF, WMF, video, a
  linked picture outside the file) stops the build with its place in the template, because
  its bytes cannot be proven clean. The package thumbnail (a picture of the author's last
  slide) is dropped. Pictures only on the template's example slides are left alone: the deck
  drops those slides (and so the pictures) anyway.
* **Zip members.** Members are checked against an uncompressed size and a compression ratio
  before python-pptx inflates any of them, so a 2 GB member of zeros is a one-line error rather
  than gigabytes of memory.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path
from typing import Any

from makedocs.errors import MakedocsError

#: A template member larger than this once inflated is refused (a master, a theme and a few
#: logos are a few megabytes; PowerPoint's own templates stay well under 20 MB in all).
MAX_MEMBER_BYTES = 100 * 1024 * 1024
#: All members together, inflated.
MAX_TOTAL_BYTES = 300 * 1024 * 1024
#: Deflate reaches about 1,000:1 on zeros; XML and pictures stay far below this. Only members
#: bigger than RATIO_FLOOR_BYTES are judged, since tiny parts compress oddly.
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_MEMBERS = 10_000

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RT_SLIDE = f"{_RT}/slide"
_RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# External targets that a viewer would fetch (or that name a path on the author's computer).
_EXTERNAL_MEDIA = ("/image", "/video", "/audio", "/media", "/oleObject", "/package")
_EXTENSIONS = {"JPEG": "jpeg", "PNG": "png"}


def check_template_file(path: Path, display: str) -> None:
    """Refuse anything but a regular zip file whose members inflate to a sane size."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise MakedocsError(f"cannot open template: {error.strerror or error}", display) from None
    if not stat.S_ISREG(info.st_mode):
        raise MakedocsError("template is not a regular file (a device, pipe or folder)", display)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise MakedocsError("not a PowerPoint template (not a zip file)", display) from None
    if len(members) > MAX_MEMBERS:
        raise MakedocsError(
            f"template has {len(members):,} zip members; the limit is {MAX_MEMBERS:,}", display
        )
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size > MAX_MEMBER_BYTES:
            raise MakedocsError(
                f"template member {member.filename} inflates to {_mb(size)}; "
                f"members over {_mb(MAX_MEMBER_BYTES)} are refused",
                display,
            )
        if size > RATIO_FLOOR_BYTES and size > MAX_RATIO * max(member.compress_size, 1):
            ratio = size / max(member.compress_size, 1)
            raise MakedocsError(
                f"template member {member.filename} is compressed {ratio:,.0f}:1 "
                f"(the limit is {MAX_RATIO}:1); it looks like a zip bomb",
                display,
            )
    if total > MAX_TOTAL_BYTES:
        raise MakedocsError(
            f"template inflates to {_mb(total)}; templates over {_mb(MAX_TOTAL_BYTES)} are refused",
            display,
        )


def sanitise_template_media(prs: Any, display: str) -> int:
    """Re-encode every picture the deck keeps from the template; return how many.

    ``prs`` is the freshly opened template. Raises MakedocsError (``template.pptx: ...``) for a
    picture that cannot be cleaned, naming the master or layout that uses it.
    """
    from makedocs.images import prepare_image_data

    package = prs.part.package
    for rid, rel in list(package._rels.items()):
        if rel.reltype == _RT_THUMBNAIL:
            package._rels.pop(rid)
    for part, owner in _kept_parts(prs).items():
        _drop_svg_copies(part)
        _refuse_external_media(part, owner, display)
    owners = _kept_parts(prs)  # again: an SVG another part still uses is still kept
    cleaned = 0
    taken = {str(p.partname) for p in owners}
    for part, owner in owners.items():
        kind = str(part.content_type)
        if not kind.startswith(("image/", "video/", "audio/")):
            continue
        name = str(part.partname).lstrip("/")
        if not kind.startswith("image/") or "svg" in kind:
            raise MakedocsError(
                f"template {kind.split('/')[0]} {name} ({kind}, {owner}) cannot be cleaned of "
                "hidden data; remove it from the template or replace it with a PNG or JPEG",
                display,
            )
        try:
            prepared = prepare_image_data(part.blob, f"{name} ({owner})", ref_file=display)
        except MakedocsError as error:
            raise MakedocsError(
                f"template {error.message}; replace it with a PNG or JPEG", display
            ) from None
        _replace_blob(part, prepared.data, prepared.format, taken)
        cleaned += 1
    return cleaned


def _kept_parts(prs: Any) -> dict[Any, str]:
    """Every part reachable without passing through an example slide -> who uses it first."""
    package = prs.part.package
    owners: dict[Any, str] = {}

    def walk(part: Any, owner: str) -> None:
        stack = [(part, owner)]
        while stack:
            current, label = stack.pop()
            if current in owners:
                continue
            owners[current] = label
            here = _describe(current) or label
            for rel in current.rels.values():
                if rel.is_external or rel.reltype == _RT_SLIDE:
                    continue
                stack.append((rel.target_part, here))

    for rel in package._rels.values():
        if not rel.is_external:
            walk(rel.target_part, "the package")
    return owners


def _describe(part: Any) -> str | None:
    """A name an author recognises: "layout 'Title Slide'", "the slide master", ..."""
    name = str(part.partname)
    if name.startswith("/ppt/slideLayouts/"):
        try:
            return f"layout '{part.slide_layout.name}'"
        except Exception:
            return f"layout {name.lstrip('/')}"
    if name.startswith("/ppt/slideMasters/"):
        return "the slide master"
    if name.startswith("/ppt/notesMasters/"):
        return "the notes master"
    if name.startswith("/ppt/handoutMasters/"):
        return "the handout master"
    if name.startswith("/ppt/theme/"):
        return "the theme"
    return None


def _drop_svg_copies(part: Any) -> None:
    """Office stores an SVG beside each picture's PNG fallback; keep only the fallback."""
    element = getattr(part, "_element", None)
    if element is None:
        return
    for ext in list(element.iter("{*}ext")):
        if ext.get("uri") != _SVG_EXT:
            continue
        for svg in ext.iter("{*}svgBlip"):
            rid = svg.get(f"{{{_R}}}embed") or svg.get(f"{{{_R}}}link")
            if rid and rid in part.rels and not _still_used(element, ext, rid):
                part.rels._rels.pop(rid)
        parent = ext.getparent()
        parent.remove(ext)
        if len(parent) == 0 and parent.tag.endswith("}extLst"):
            parent.getparent().remove(parent)


def _still_used(element: Any, ext: Any, rid: str) -> bool:
    """Whether ``rid`` is referenced anywhere in ``element`` outside ``ext``."""
    inside = set(ext.iter())
    for el in element.iter():
        if el in inside:
            continue
        if rid in (el.get(f"{{{_R}}}embed"), el.get(f"{{{_R}}}link"), el.get(f"{{{_R}}}id")):
            return True
    return False


def _refuse_external_media(part: Any, owner: str, display: str) -> None:
    for rel in part.rels.values():
        if rel.is_external and rel.reltype.endswith(_EXTERNAL_MEDIA):
            raise MakedocsError(
                f"template links to a picture or media file outside itself "
                f"({_describe(part) or owner}): a viewer would fetch it, and its address names "
                "a computer or server; embed the picture in the template instead",
                display,
            )


def _replace_blob(part: Any, data: bytes, fmt: str, taken: set[str]) -> None:
    """Put the clean bytes in place; rename the part if its format changed (JPEG logo -> PNG)."""
    from pptx.opc.packuri import PackURI

    part._blob = data
    extension = _EXTENSIONS[fmt]
    content_type = f"image/{extension}"
    name = str(part.partname)
    if part.content_type == content_type and name.lower().endswith(f".{extension}"):
        return
    stem = name.rsplit(".", 1)[0]
    candidate, n = f"{stem}.{extension}", 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}.{extension}"
    taken.discard(name)
    taken.add(candidate)
    part.partname = PackURI(candidate)
    part._content_type = content_type
    part.__dict__.pop("content_type", None)  # python-pptx caches it (lazyproperty)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"
