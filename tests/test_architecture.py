"""The engine boundary: only an engine's package imports its library, and the faces of the product
(the CLI, the web) reach an index through indexer.engines alone, so that a second engine is one
more package under indexer/engines/. The cluster engine reads queries and analyses text with the
embedded engine's own parser and analyzers (so that both match alike): it alone may reach into it."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENGINE = "indexer.engines.whoosh"
CLUSTER = "indexer.engines.sphinx"
FACES = ("indexer.cli", "search_web")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every module `path` imports, anywhere in it, relative imports made absolute."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


SOURCES = sorted(path for folder in ("indexer", "search_web") for path in (ROOT / folder).rglob("*.py"))


def is_engine(name: str) -> bool:
    return name == "whoosh" or name.startswith(("whoosh.", ENGINE))


def is_cluster_engine(name: str) -> bool:
    return name == "pymysql" or name.startswith(("pymysql.", CLUSTER))


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_only_the_engines_package_imports_whoosh(path):
    name = module_name(path)
    if name.startswith((ENGINE, CLUSTER)):
        return
    reaching = sorted(module for module in imported(path) if is_engine(module))
    # The one place an engine is chosen (from the index's location) may name it.
    allowed = {"indexer.engines": [f"{ENGINE}.WhooshBuilder", f"{ENGINE}.WhooshIndex", ENGINE]}.get(name, [])
    assert [module for module in reaching if module not in allowed] == [], f"{name} imports the engine"


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_only_the_cluster_package_imports_its_client(path):
    name = module_name(path)
    if name.startswith(CLUSTER):
        return
    reaching = sorted(module for module in imported(path) if is_cluster_engine(module))
    allowed = {
        "indexer.engines": [f"{CLUSTER}.index", f"{CLUSTER}.index.SphinxIndex", f"{CLUSTER}.writer",
                            f"{CLUSTER}.writer.SphinxBuilder"],
        # `filings cluster` runs the nodes: its commands load the package when they run.
        "indexer.cli.cluster": [f"{CLUSTER}", f"{CLUSTER}.cluster"],
    }.get(name, [])
    assert [module for module in reaching if module not in allowed] == [], f"{name} imports the cluster engine"


def test_the_faces_load_no_engine_until_an_index_is_opened():
    """Every module of the CLI and the web imported, as a command or the app does: no engine and
    no engine's library is loaded by any of them."""
    faces = [module_name(path) for path in SOURCES if module_name(path).startswith(FACES)]
    script = ("import importlib, sys\n"
              f"for name in {faces!r}:\n"
              "    importlib.import_module(name)\n"
              "print('\\n'.join(sorted(name for name in sys.modules if name in ('whoosh', 'pymysql') or name.startswith("
              f"('whoosh.', 'pymysql.', {ENGINE!r}, {CLUSTER!r})))))\n")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert loaded.stdout.split() == []
