"""The package's import graph: arrows point one way, and the CLI knows no renderer or parser."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "makedocs"
RENDERERS = ("makedocs.booklet", "makedocs.deck", "makedocs.edition", "makedocs.handout")
PARSERS = ("makedocs.sources",)


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every makedocs module ``path`` imports, at the top or inside a function (imports for
    type checkers only, under ``if TYPE_CHECKING:``, never run and do not count)."""
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    package = _module(path) if path.name == "__init__.py" else _module(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    modules = {_module(p) for p in PACKAGE.rglob("*.py")}
    return {name for name in found if name in modules and name != _module(path)}


def graph() -> dict[str, set[str]]:
    return {_module(path): _imports(path) for path in PACKAGE.rglob("*.py")}


def test_the_graph_has_no_cycles() -> None:
    edges = graph()
    # A package's __init__ is imported with its modules; only real module-to-module arrows count.
    edges = {m: {n for n in e if not m.startswith(n + ".")} for m, e in edges.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :] + [nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)


def test_the_cli_imports_no_renderer_and_no_parser() -> None:
    imported = graph()["makedocs.cli"]
    wrong = [m for m in imported if m.startswith(RENDERERS + PARSERS)]
    assert not wrong, wrong


def test_the_model_imports_nothing_of_the_package() -> None:
    assert graph()["makedocs.model"] == set()


def test_renderers_never_import_a_parser_or_the_cli() -> None:
    for module, imported in graph().items():
        if module.startswith(RENDERERS):
            wrong = [m for m in imported if m.startswith(PARSERS) or m == "makedocs.cli"]
            assert not wrong, (module, wrong)


def test_this_test_sees_imports_inside_functions() -> None:
    """The checker itself: load.py imports the parsers inside a function."""
    assert "makedocs.sources" in graph()["makedocs.load"]
