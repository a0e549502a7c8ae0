"""The package's layers: every import points down, and no two modules import each other.

cli → run → briefs → tables → (extracted, ingest) → extract → (keys, store, schema, errors,
region_names, years).
Read from the source with ``ast`` (imports inside functions count too): a module that needs
something from a layer above it is a sign that the thing lives in the wrong layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "analysis"
#: Each top-level module or subpackage of ``analysis`` and its floor (higher imports lower).
FLOORS = {
    "errors": 0, "schema": 0, "store": 0, "labels": 0, "region_names": 0, "years": 0, "keys": 1,
    "extract": 2, "extracted": 3, "ingest": 3, "tables": 4, "briefs": 5, "run": 6, "cli": 7,
}  # fmt: skip


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The ``analysis`` modules ``path`` imports (a name imported from a package counts as its
    submodule when there is one)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "analysis"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "analysis":
                continue
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                sub_path = PACKAGE.parent / Path(*sub.split("."))
                is_module = sub_path.with_suffix(".py").is_file() or sub_path.is_dir()
                out.add(sub if is_module else node.module)
    return out


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _floor(module: str) -> int | None:
    parts = module.split(".")
    return FLOORS.get(parts[1]) if len(parts) > 1 else None


def test_every_top_level_part_has_a_floor():
    names = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    names |= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert names == set(FLOORS), "a new part of the package needs its floor here"


def test_imports_point_down():
    up = [
        f"{m} -> {t}"
        for m, targets in _graph().items()
        for t in targets
        if _floor(m) is not None and (_floor(t) or 0) > _floor(m)  # type: ignore[operator]
    ]
    assert up == []


def test_no_import_cycles():
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for t in sorted(graph.get(m, ())):
            if t not in graph or t == m:
                continue
            if state.get(t) == 1:
                cycles.append([*path[path.index(t) :], t] if t in path else [m, t])
            elif t not in state:
                visit(t, [*path, t])
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m, [m])
    assert cycles == []


@pytest.mark.parametrize("module", ["analysis.tables.compare", "analysis.tables.year"])
def test_the_computing_layer_makes_no_html(module):
    """tables/ hands pandas to briefs/: no template, no markup, no chart library."""
    path = PACKAGE.parent / Path(*module.split(".")).with_suffix(".py")
    text = path.read_text("utf-8")
    imports = _imports(path)
    assert not any(t.startswith(("analysis.briefs", "analysis.run")) for t in imports)
    assert "import altair" not in text and "jinja2" not in text and "<td" not in text
