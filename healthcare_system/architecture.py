"""The layer diagram at the top of ``docs/architecture.md``, drawn from the code's imports.

    python -m healthcare_system.architecture            # rewrite the diagram in docs/architecture.md
    python -m healthcare_system.architecture --check    # exit 1 when the committed diagram is stale
    python -m healthcare_system.architecture --edges    # every app-to-app import, module by module

The layers are the import-linter contract in ``pyproject.toml`` (``make lint`` runs
``lint-imports``); the arrows are the imports of the production code, read with ``ast``:
tests, migrations and management commands are left out, imports inside functions (lazy
ones) are in. So the picture, the contract and the code cannot disagree: the contract fails
``make lint`` on an upward import, and ``healthcare_system/tests/test_architecture.py`` fails
when this diagram no longer matches the imports.

No Django here (pure ``ast`` and ``tomllib``), so it runs before settings are configured.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYPROJECT = BASE_DIR / "pyproject.toml"
DOC = BASE_DIR / "docs" / "architecture.md"

# Directories whose code is not production code: their imports are not part of the layering.
EXCLUDED_DIRS = frozenset({"tests", "migrations", "management"})
# The shared kernel every app may use; its arrows would only clutter the picture.
KERNEL = "healthcare_system"

START = "<!-- layers:start -->"
END = "<!-- layers:end -->"


def layers_contract() -> dict:
    """The import-linter layers contract of pyproject.toml."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return contract


def layers() -> list[list[str]]:
    """Top layer first; each layer is a list of sibling apps (``a | b`` in the contract)."""
    return [[app.strip() for app in layer.split("|")] for layer in layers_contract()["layers"]]


def apps() -> list[str]:
    return [app for layer in layers() for app in layer]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(BASE_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function, absolute names."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module
            for alias in node.names:
                # ``from appointments import hooks`` imports the module appointments.hooks.
                found.add(f"{name}.{alias.name}" if _is_module(f"{name}.{alias.name}") else name)
    return found


def _is_module(name: str) -> bool:
    path = BASE_DIR.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def production_files(app: str) -> list[Path]:
    return sorted(
        path
        for path in (BASE_DIR / app).rglob("*.py")
        if not EXCLUDED_DIRS & set(path.relative_to(BASE_DIR / app).parts[:-1])
    )


def module_edges() -> dict[tuple[str, str], set[tuple[str, str]]]:
    """(importing app, imported app) -> {(importing module, imported module)} across apps."""
    known = set(apps())
    edges: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for app in known:
        for path in production_files(app):
            importer = _module_name(path)
            for imported in _imported_modules(path):
                top = imported.split(".")[0]
                if top in known and top != app:
                    edges[(app, top)].add((importer, imported))
    return edges


def app_edges() -> dict[str, list[str]]:
    graph: dict[str, list[str]] = {app: [] for app in apps()}
    for importer, imported in sorted(module_edges()):
        graph[importer].append(imported)
    return graph


def upward_edges() -> list[tuple[str, str]]:
    """App imports that point up (or sideways between independent siblings): the debt."""
    rank = {app: number for number, layer in enumerate(layers()) for app in layer}
    return [
        (importer, imported)
        for importer, targets in app_edges().items()
        for imported in targets
        if rank[imported] <= rank[importer]
    ]


def graph_lines() -> list[str]:
    """``a -> b, c`` per app, as in the closing note of an architecture issue."""
    lines = []
    for app, targets in app_edges().items():
        lines.append(f"{app} -> {', '.join(t for t in targets if t != KERNEL) or '(nothing)'}")
    return lines


def render_block() -> str:
    """The generated part of docs/architecture.md, markers included."""
    upward = set(upward_edges())
    lines = [
        START,
        "<!-- Generated by `python -m healthcare_system.architecture` from pyproject.toml's",
        "import-linter contract and the code's imports; healthcare_system/tests/test_architecture.py",
        "fails when it is stale. -->",
        "",
        "```mermaid",
        "flowchart TB",
    ]
    for number, layer in enumerate(layers()):
        lines.append(f'    subgraph L{number}["layer {len(layers()) - number}"]')
        lines.append("        direction LR")
        lines.extend(f"        {app}" for app in layer)
        lines.append("    end")
    for number in range(len(layers()) - 1):
        lines.append(f"    L{number} ~~~ L{number + 1}")
    link = len(layers()) - 1
    red = []
    for importer, targets in app_edges().items():
        for imported in targets:
            if imported == KERNEL:
                continue
            if (importer, imported) in upward:
                lines.append(f"    {importer} -.->|upward| {imported}")
                red.append(str(link))
            else:
                lines.append(f"    {importer} --> {imported}")
            link += 1
    if red:
        lines.append(f"    linkStyle {','.join(red)} stroke:#d33,color:#d33")
    lines.append("```")
    lines.append("")
    lines.append(
        f"Arrows are imports between apps in production code (lazy imports included); every app may use "
        f"`{KERNEL}`, whose arrows are left out."
    )
    if upward:
        lines.append(
            "Dashed red arrows point up: they are listed in the contract's `ignore_imports` until they are moved "
            "(no new ones pass `make lint`):"
        )
        lines.append("")
        for importer, imported in sorted(upward):
            modules = sorted(f"`{src} -> {dst}`" for src, dst in module_edges()[(importer, imported)])
            lines.append(f"- {importer} -> {imported}: {', '.join(modules)}")
    lines.append(END)
    return "\n".join(lines)


def render(text: str) -> str:
    """``text`` (docs/architecture.md) with its generated block replaced."""
    head, start, rest = text.partition(START)
    _, end, tail = rest.partition(END)
    if not (start and end):
        raise SystemExit(f"{DOC}: the markers {START} and {END} are missing")
    return head + render_block() + tail


def main(argv: list[str]) -> int:
    if "--edges" in argv:
        for (importer, imported), pairs in sorted(module_edges().items()):
            if imported != KERNEL:
                for src, dst in sorted(pairs):
                    print(f"{importer} -> {imported}: {src} -> {dst}")
        return 0
    if "--graph" in argv:
        print("\n".join(graph_lines()))
        return 0
    current = DOC.read_text(encoding="utf-8")
    wanted = render(current)
    if "--check" in argv:
        if current != wanted:
            print(f"{DOC} is stale: run `python -m healthcare_system.architecture`.", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
