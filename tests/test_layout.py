"""The layout of the package: imports point one way, and no module grows past about 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import famk_data

PACKAGE = Path(famk_data.__file__).parent
MODULES = {path.stem: path for path in sorted(PACKAGE.glob("*.py"))}
MAX_LINES = 400
# Capability modules: they take tables, indexes or a protocol, never the Dataset.
CAPABILITIES = (
    "_appearances",
    "_columns",
    "_credits",
    "_datasette",
    "_diff",
    "_disputes",
    "_events",
    "_export",
    "_hidden",
    "_indexes",
    "_lookup",
    "_names",
    "_spoilers",
    "_sqlite",
    "_sqlite_build",
    "_timeline",
    "_timeline_queries",
    "_view_coverage",
    "_views",
)
ARCHITECTURE = Path(__file__).parent.parent / "docs" / "architecture.md"


def imports_of(path: Path) -> set[str]:
    """The package modules ``path`` imports anywhere: at module level, under TYPE_CHECKING, in functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            elif node.level == 1:  # relative to the package: `from . import x`, `from ._x import y`
                base = "famk_data" + (f".{node.module}" if node.module else "")
            else:  # pragma: no cover - the package has no subpackages
                raise AssertionError(f"{path.name}: a relative import above the package")
            if base == "famk_data":
                found.update(alias.name for alias in node.names if alias.name in MODULES)
            elif base.startswith("famk_data."):
                found.add(base.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("famk_data."))
    found.discard(path.stem)
    return {name for name in found if name in MODULES}


GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def test_the_graph_sees_every_kind_of_import() -> None:
    assert "_dataset" in GRAPH["_load"]  # a function-level import
    assert "_protocols" in GRAPH["_appearances"]  # under TYPE_CHECKING
    assert "_values" in GRAPH["_models"]  # relative, at module level


def test_imports_have_no_cycle() -> None:
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in sorted(GRAPH[name]):
            if state.get(target) == "open":
                cycle = [*path[path.index(target) :], target]
                raise AssertionError(f"import cycle: {' -> '.join(cycle)}")
            if target not in state:
                visit(target, [*path, target])
        state[name] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])


def test_no_capability_imports_the_dataset() -> None:
    for name in CAPABILITIES:
        assert "_dataset" not in GRAPH[name], name


def test_no_module_is_over_the_limit() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    over = {name: size for name, size in sizes.items() if size > MAX_LINES}
    assert not over, f"modules over {MAX_LINES} lines: {over}"


def test_the_architecture_page_names_every_module() -> None:
    page = ARCHITECTURE.read_text(encoding="utf-8")
    missing = [name for name in MODULES if name != "__main__" and f"`{name}.py`" not in page]
    assert not missing, f"docs/architecture.md does not say what these modules hold: {missing}"
