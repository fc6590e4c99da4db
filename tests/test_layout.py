"""The package's folders are its architecture: data flows one way, and the core knows no engine.

`roadmap/` (load, check, model) imports nothing from `site/` or `engines/`; `site/` (pages,
HTML, published files) imports nothing from `engines/`; neither imports an engine's package.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "learnpath"
ENGINE_PACKAGES = ("mkdocs", "material", "properdocs", "zensical")
# What each layer may not import: the layers above it, and any engine.
FORBIDDEN = {
    "roadmap": ("learnpath.site", "learnpath.engines", "learnpath.cli", *ENGINE_PACKAGES),
    "site": ("learnpath.engines", "learnpath.cli", *ENGINE_PACKAGES),
}


def imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    modules = sorted((PACKAGE / layer).glob("*.py"))
    assert len(modules) >= 5, layer
    wrong = [
        (module.name, name)
        for module in modules
        for name in imported_modules(module)
        if name == "learnpath" or name.startswith(FORBIDDEN[layer])
    ]
    assert wrong == []


def test_each_engine_is_one_module_beside_the_others() -> None:
    engines = {path.stem for path in (PACKAGE / "engines").glob("*.py")}
    assert {"mkdocs", "zensical", "marker"} <= engines
