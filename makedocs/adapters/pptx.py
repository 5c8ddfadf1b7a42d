"""The python-pptx internals makedocs relies on, in one place.

python-pptx (tested with 1.0.2; pyproject.toml pins the range) has no public API for these.
Everything else in makedocs uses its public objects (``shape.element``, ``slide.shapes``,
``part.rels``, ``part.blob``) and the public methods of its XML element classes.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any


def package_rels(package: Any) -> MutableMapping[str, Any]:
    """The package-level relationships (core and app properties, thumbnail, custom properties):
    python-pptx lists a part's relationships publicly (``part.rels``), the package's not."""
    return package._rels


def xml_root(part: Any) -> Any:
    """The root element of an XML part with no proxy object of its own (core properties,
    whose public API can set fields but not remove them)."""
    return part._element


def add_relationship(part: Any, rid: str, reltype: str, target: Any) -> None:
    """Relate ``part`` to ``target`` under a known-free ``rid`` in constant time.

    ``part.relate_to`` searches every relationship of the type for a match and every rId for a
    free one, which makes a deck of N slides cost O(N²)."""
    from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
    from pptx.opc.package import _Relationship

    rels = part.rels
    rels._rels[rid] = _Relationship(rels._base_uri, rid, reltype, RTM.INTERNAL, target)


def constant_time_partnames(package: Any) -> None:
    """Make naming new parts constant-time for the rest of a build.

    python-pptx finds the next free name (``/ppt/notesSlides/notesSlide%d.xml``) by walking
    every part of the package each time, so a deck of N slides costs O(N²): a third of the
    time of a 600-slide deck. Same names, same order; only call it once no part will be
    removed. Replaces ``OpcPackage.next_partname`` on this one package object.
    """
    from pptx.opc.packuri import PackURI

    taken: dict[str, set[str]] = {}

    def next_partname(tmpl: str) -> PackURI:
        prefix = tmpl[: (tmpl % 42).find("42")]
        names = taken.get(prefix)
        if names is None:
            names = {str(p.partname) for p in package.iter_parts() if p.partname.startswith(prefix)}
            taken[prefix] = names
        for n in range(len(names) + 1, 0, -1):  # python-pptx's own search order
            candidate = tmpl % n
            if candidate not in names:
                names.add(candidate)
                return PackURI(candidate)
        raise RuntimeError("ran out of part names")  # pragma: no cover

    package.next_partname = next_partname
