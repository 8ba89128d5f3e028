"""The house's shape: no import circles among hamtimer's modules, no module over 400 lines.

Every import counts as an arrow, wherever it is written: at the top, inside a function or
under `if TYPE_CHECKING:`. `lint-imports` checks the layers between packages; this checks
the modules inside them too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

HAMTIMER = Path(__file__).parent.parent / "hamtimer"

MAX_LINES = 400
"""The most lines a module may have; past it, it is split by what it holds."""


def modules(root: Path) -> dict[str, tuple[Path, bool]]:
    """Each module under the package at `root`, by dotted name: (its file, whether it is a
    package's `__init__`)."""
    found: dict[str, tuple[Path, bool]] = {}
    for path in sorted(root.rglob("*.py")):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if package else parts)] = (path, package)
    return found


def imports(name: str, path: Path, package: bool, known: Mapping[str, object]) -> set[str]:
    """The modules of `known` that module `name` imports, anywhere in its file: relative
    imports resolved, `from package import module` counted as the module."""

    def owner(dotted: str) -> str | None:
        while dotted and dotted not in known:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    here = name if package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(filter(None, (owner(alias.name) for alias in node.names)))
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                parts = here.split(".")[: len(here.split(".")) - node.level + 1]
                source = ".".join([*parts, *([node.module] if node.module else [])])
            for alias in node.names:
                whole = f"{source}.{alias.name}"
                target = whole if whole in known else owner(source)
                if target:
                    found.add(target)
    found.discard(name)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Each module under `root` and the modules there it imports."""
    known = modules(root)
    return {name: imports(name, path, package, known) for name, (path, package) in known.items()}


def circles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def line_counts(root: Path) -> Iterator[tuple[str, int]]:
    """Each module's path under `root` and its number of lines."""
    for path in sorted(root.rglob("*.py")):
        with path.open(encoding="utf-8") as lines:
            yield path.relative_to(root).as_posix(), sum(1 for _ in lines)


def test_no_module_of_hamtimer_imports_itself_through_others() -> None:
    graph = import_graph(HAMTIMER)
    assert "hamtimer.circuit.model" in graph
    assert "hamtimer.circuit.blocks" in graph["hamtimer.circuit.model"]
    assert circles(graph) == []


def test_no_module_of_hamtimer_is_over_the_limit() -> None:
    counts = dict(line_counts(HAMTIMER))
    assert counts["circuit/model.py"] > 0
    assert [name for name, count in counts.items() if count > MAX_LINES] == []


LOWER = "def helper() -> None:\n    pass\n"


@pytest.mark.parametrize(
    ("upper", "lower", "circle"),
    [
        ("from pkg.lower import helper\n", LOWER, False),  # one way only
        ("from pkg.lower import helper\n", "from pkg.upper import x\n", True),
        (
            "from pkg.lower import helper\n",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import upper\n",
            True,
        ),
        ("from . import lower\n", "def f() -> None:\n    from .upper import x\n", True),
        ("import pkg.lower\n", "def f() -> None:\n    import pkg.upper.x\n", True),
        ("from pkg.lower import helper\n", "import pkg\n", True),  # pkg/__init__ imports upper
        ("from pkg.lower import helper\n", "import os\nfrom pkg.other import y\n", False),
    ],
)
def test_every_import_counts_as_an_arrow(
    tmp_path: Path, upper: str, lower: str, circle: bool
) -> None:
    """The check itself: an import at the top, in a function or under TYPE_CHECKING,
    absolute or relative, of a module or a name in it, each closes a circle."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("from pkg.upper import *\n")
    (package / "upper.py").write_text(upper)
    (package / "lower.py").write_text(lower)
    (package / "other.py").write_text("y = 1\n")
    found = circles(import_graph(package))
    assert bool(found) is circle
    if circle:
        assert {"pkg.upper", "pkg.lower"} <= set(found[0])
