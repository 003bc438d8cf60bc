"""The engine boundary: only an engine's package imports its library, and the faces of the product
(the CLI, the web) reach an index through indexer.engines alone, so that a second engine is one
more package under indexer/engines/. The cluster's engine analyses documents and reads queries with
the embedded engine's declarations (its schema, analyzers, query parser), so that both match alike:
it may import those modules of the Whoosh package, and nothing else of it."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENGINE = "indexer.engines.whoosh"
CLUSTER_ENGINE = "indexer.engines.sphinx"
FACES = ("indexer.cli", "search_web")
# The Whoosh package's modules the cluster's engine shares (what a field holds and how a query reads).
SHARED_WITH_THE_CLUSTER = tuple(f"{ENGINE}.{name}" for name in ("analysis", "query", "schema", "companies"))


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
    return name in ("whoosh", "pymysql") or name.startswith(("whoosh.", "pymysql.", ENGINE, CLUSTER_ENGINE))


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(f"{package}.")


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_only_the_engines_package_imports_whoosh(path):
    name = module_name(path)
    reaching = sorted(module for module in imported(path) if is_engine(module))
    if _within(name, ENGINE):
        allowed = [module for module in reaching if not _within(module, CLUSTER_ENGINE) and not module.startswith("pymysql")]
    elif _within(name, CLUSTER_ENGINE):
        allowed = [module for module in reaching if _within(module, CLUSTER_ENGINE) or module.startswith("pymysql")
                   or module.startswith(SHARED_WITH_THE_CLUSTER)]
    else:
        # The one place an engine is chosen (from the index's location) may name it.
        allowed = {"indexer.engines": [ENGINE, f"{ENGINE}.WhooshBuilder", f"{ENGINE}.WhooshIndex",
                                       f"{CLUSTER_ENGINE}.index", f"{CLUSTER_ENGINE}.index.SphinxIndex",
                                       f"{CLUSTER_ENGINE}.writer", f"{CLUSTER_ENGINE}.writer.SphinxBuilder"],
                   # `filings cluster` runs a cluster's searchd processes (when it runs), no index.
                   "indexer.cli.cluster": [CLUSTER_ENGINE, f"{CLUSTER_ENGINE}.cluster"]}.get(name, [])
    assert [module for module in reaching if module not in allowed] == [], f"{name} imports an engine it may not"


def test_the_faces_load_no_engine_until_an_index_is_opened():
    """Every module of the CLI and the web imported, as a command or the app does: no engine, nor its
    library, is loaded by any of them."""
    faces = [module_name(path) for path in SOURCES if module_name(path).startswith(FACES)]
    script = ("import importlib, sys\n"
              f"for name in {faces!r}:\n"
              "    importlib.import_module(name)\n"
              "print('\\n'.join(sorted(name for name in sys.modules if name in ('whoosh', 'pymysql') or name.startswith("
              f"('whoosh.', 'pymysql.', {ENGINE!r}, {CLUSTER_ENGINE!r})))))\n")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert loaded.stdout.split() == []
