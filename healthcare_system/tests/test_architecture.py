"""The layer diagram of docs/architecture.md is drawn from the code, and agrees with import-linter.

`make lint` runs `lint-imports` over the layers contract of pyproject.toml; these tests keep the
picture of that contract honest.
"""

import grimp

from healthcare_system import architecture


def test_layer_diagram_is_generated_from_the_current_imports():
    committed = architecture.DOC.read_text(encoding="utf-8")
    assert committed == architecture.render(committed), (
        "docs/architecture.md's layer diagram is stale: run `python -m healthcare_system.architecture` and commit."
    )
    assert committed.index(architecture.START) < committed.index("## Components"), "the diagram opens the page"


def test_every_app_is_in_exactly_one_layer():
    apps = architecture.apps()
    assert len(apps) == len(set(apps))
    config = architecture.tomllib.loads(architecture.PYPROJECT.read_text(encoding="utf-8"))
    assert set(config["tool"]["importlinter"]["root_packages"]) == set(apps)
    ours = {path.parent.name for path in architecture.BASE_DIR.glob("*/apps.py")} | {architecture.KERNEL}
    assert ours == set(apps), "a new app needs a place in the layers contract of pyproject.toml"


def test_diagram_sees_the_same_app_imports_as_import_linter():
    """The ast reading of the diagram and grimp's graph (what lint-imports checks) agree."""
    graph = grimp.build_graph(*architecture.apps(), cache_dir=None)
    seen = set()
    for importer in graph.modules:
        parts = importer.split(".")
        if architecture.EXCLUDED_DIRS & set(parts[1:]):
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            if parts[0] != imported.split(".")[0]:
                seen.add((parts[0], imported.split(".")[0]))
    drawn = {(importer, imported) for importer, targets in architecture.app_edges().items() for imported in targets}
    assert drawn == seen


def test_upward_imports_are_exactly_the_contracts_listed_exceptions():
    """Each upward import is named in ignore_imports (else lint fails), and each named one exists
    (else it is stale debt in the docs)."""
    listed = {line for line in architecture.layers_contract()["ignore_imports"] if "*" not in line}
    edges = architecture.module_edges()
    upward = {f"{src} -> {dst}" for pair in architecture.upward_edges() for src, dst in edges[pair]}
    assert listed == upward
