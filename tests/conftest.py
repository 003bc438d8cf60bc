"""Shared fixtures: a CLI runner, the shipped seeds, the shared EDGAR corpus, small corpora in tmp_path."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus"
EDGAR = ROOT.parent / "shared" / "corpus" / "edgar"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def edgar() -> Path:
    if not EDGAR.is_dir():
        pytest.skip(f"the shared EDGAR corpus is not at {EDGAR} (it lives beside the repo in ../shared)")
    return EDGAR


def invoke(runner: CliRunner, *args: str | Path):
    return runner.invoke(cli, [str(arg) for arg in args], catch_exceptions=False)


def parse_json(runner: CliRunner, *paths: str | Path) -> list[dict]:
    """The documents `filings parse --json` prints for `paths` (the command must succeed)."""
    result = invoke(runner, "parse", "--json", *paths)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def parse_one(runner: CliRunner, tmp_path: Path):
    """Write `content` to a file in tmp_path and return the documents parsed from it."""

    def parse(content: str | bytes, name: str = "filing.txt") -> list[dict]:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return parse_json(runner, path)

    return parse


def build_index(corpus: Path, index: Path) -> Path:
    """A real index of `corpus`, built by the reindex job (one process: quick for small corpora)."""
    from indexer.reindex import reindex

    reindex(corpus, index, jobs=1)
    return index


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """An index of the five shipped seeds."""
    return build_index(SEEDS, tmp_path_factory.mktemp("seed-index") / "index")


@pytest.fixture(scope="session")
def edgar_index(tmp_path_factory) -> Path:
    if not EDGAR.is_dir():
        pytest.skip(f"the shared EDGAR corpus is not at {EDGAR} (it lives beside the repo in ../shared)")
    return build_index(EDGAR, tmp_path_factory.mktemp("edgar-index") / "index")
