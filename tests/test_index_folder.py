"""The index folder: the store changes only what it made there, refuses a folder that is not an
index, and never takes the corpus for (or puts it in) the index."""

import json
import shutil
from pathlib import Path

import pytest

from indexer.engines.whoosh.store import MARKER
from search_web import create_app

from .conftest import SEEDS, invoke


def reindex(runner, corpus: Path, index: Path | str, *extra):
    return invoke(runner, "reindex", "--corpus", corpus, "--index", index, "--jobs", "1", *extra)


def tree(folder: Path) -> dict[str, str | bytes]:
    """Everything below `folder`: each folder, file (its bytes) and symlink (its target)."""
    found: dict[str, str | bytes] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = f"-> {path.readlink()}"
        elif path.is_dir():
            found[name] = "folder"
        else:
            found[name] = path.read_bytes()
    return found


def store_generations(index: Path) -> list[str]:
    return sorted(json.loads((index / MARKER).read_text())["generations"])


def answer(runner, index: Path) -> dict:
    """What `filings search thrunet --json` prints, but for its time (the command must succeed)."""
    result = invoke(runner, "search", "thrunet", "--json", "--index", index)
    assert result.exit_code == 0, result.stderr
    return {**json.loads(result.stdout), "took_ms": 0}


def not_an_index(folder: Path | str) -> str:
    return (f"error: {folder} is not an index folder (it is not empty and holds no index): give --index "
            "a new or empty folder, or one `filings reindex` built\n")


@pytest.fixture
def corpus(tmp_path) -> Path:
    return Path(shutil.copytree(SEEDS, tmp_path / "corpus"))


def test_reindex_of_a_corpus_into_the_folder_that_holds_it_is_refused_and_deletes_nothing(
        runner, tmp_path, monkeypatch):
    """Found by trying to break it: the store removed every gen-* folder of the index root, the corpus with them."""
    shutil.copytree(SEEDS, tmp_path / "gen-filings")
    (tmp_path / "current").write_text("a note of the user's\n")
    monkeypatch.chdir(tmp_path)
    before = tree(tmp_path)
    result = reindex(runner, "gen-filings", ".")
    assert (result.exit_code, result.stderr) == (
        2, "error: the corpus folder gen-filings is inside the index folder .: give the index a folder of its own\n")
    assert tree(tmp_path) == before


@pytest.mark.parametrize("contents", [
    {"gen-x/notes.txt": "kept", "current": "a plain file", "previous": "another", "todo.txt": "x"},
    {"gen-x/notes.txt": "kept"},
    {".hidden": "x"},
], ids=["gen-current-previous", "gen-only", "hidden-only"])
def test_a_folder_that_is_not_an_index_is_refused_by_every_command_and_left_untouched(
        runner, tmp_path, corpus, contents):
    folder = tmp_path / "notes"
    for name, text in contents.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    before = tree(folder)
    for command in (["reindex", "--corpus", corpus, "--jobs", "1"], ["reindex", "--full", "--corpus", corpus],
                    ["search", "thrunet"], ["show", "some-id"], ["stats"], ["serve", "--corpus", corpus]):
        result = invoke(runner, *command, "--index", folder)
        assert (result.exit_code, result.stderr) == (2, not_an_index(folder)), command
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": folder}).test_client()
    for url in ("/api/search?q=thrunet", "/healthz"):
        response = client.get(url)
        assert (response.status_code, response.get_json()) == (503, {"status": 503, "error": not_an_index(folder)[7:-1]})
    page = client.get("/?q=thrunet")
    assert page.status_code == 503 and f"{folder} is not an index folder" in page.get_data(as_text=True)
    assert tree(folder) == before


def test_an_absent_or_empty_folder_becomes_an_index(runner, tmp_path, corpus):
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "empty", tmp_path / "absent" / "index"):
        assert reindex(runner, corpus, folder).exit_code == 0
        assert len(store_generations(folder)) == 1
        assert invoke(runner, "search", "thrunet", "--index", folder).exit_code == 0


def test_a_gen_folder_the_user_put_in_an_index_survives_rebuilds(runner, tmp_path, corpus):
    index = tmp_path / "index"
    assert reindex(runner, corpus, index).exit_code == 0
    (index / "gen-mine").mkdir()
    (index / "gen-mine" / "notes.txt").write_text("mine")
    for _ in range(3):
        assert reindex(runner, corpus, index, "--full").exit_code == 0
    assert (index / "gen-mine" / "notes.txt").read_text() == "mine"
    # The store's own generations: the current one and the one it replaced, and no other.
    generations = store_generations(index)
    assert generations == sorted((index / link).resolve().name for link in ("current", "previous"))
    assert sorted(path.name for path in index.glob("gen-*")) == sorted([*generations, "gen-mine"])


def test_an_index_built_before_the_marker_is_adopted_and_answers_as_before(runner, tmp_path, corpus):
    index = tmp_path / "index"
    assert reindex(runner, corpus, index).exit_code == 0
    assert reindex(runner, corpus, index, "--full").exit_code == 0
    (index / MARKER).unlink()  # as the release before the marker left it
    old = sorted((index / link).resolve().name for link in ("current", "previous"))
    before = answer(runner, index)
    assert before["total"] == 5
    assert invoke(runner, "stats", "--index", index).exit_code == 0

    incremental = reindex(runner, corpus, index)
    assert incremental.stderr.startswith("reindex: 5 files seen, 0 added, 0 updated, 0 deleted, 0 failed; ")
    assert store_generations(index) == old
    assert answer(runner, index) == before
    # Adopted generations are the store's: two rebuilds later both are gone.
    for _ in range(2):
        assert reindex(runner, corpus, index, "--full").exit_code == 0
    assert not set(old) & {path.name for path in index.glob("gen-*")}


@pytest.mark.parametrize("spelling", ["same", "trailing-slash", "dot-dot", "symlink"])
def test_an_index_folder_that_is_the_corpus_is_refused(runner, tmp_path, corpus, spelling):
    index = {"same": str(corpus), "trailing-slash": f"{corpus}/", "dot-dot": f"{corpus}/../corpus",
             "symlink": str(tmp_path / "link")}[spelling]
    (tmp_path / "link").symlink_to(corpus)
    before = tree(corpus)
    result = reindex(runner, corpus, index)
    assert (result.exit_code, result.stderr) == (
        2, f"error: the corpus folder {corpus} is the index folder {Path(index)}: give the index a folder of its own\n")
    assert tree(corpus) == before


def test_a_corpus_inside_the_index_folder_is_refused(runner, tmp_path, corpus):
    index = tmp_path / "index"
    assert reindex(runner, corpus, index).exit_code == 0
    inside = Path(shutil.copytree(SEEDS, index / "filings"))
    before = tree(index)
    result = reindex(runner, inside, index)
    assert (result.exit_code, result.stderr) == (2, f"error: the corpus folder {inside} is inside the index folder "
                                                 f"{index}: give the index a folder of its own\n")
    assert tree(index) == before


def test_an_index_folder_inside_the_corpus_is_still_allowed(runner, corpus):
    result = reindex(runner, corpus, corpus / "index")
    assert result.stderr.startswith("reindex (full): 5 files seen, 5 added, ")


def test_a_looping_previous_link_does_not_stop_searches_or_the_next_rebuild(runner, tmp_path, corpus):
    index = tmp_path / "index"
    assert reindex(runner, corpus, index).exit_code == 0
    (index / "previous").symlink_to("previous")
    assert answer(runner, index)["total"] == 5
    assert reindex(runner, corpus, index).exit_code == 0
    assert reindex(runner, corpus, index, "--full").exit_code == 0
    assert (index / "previous").resolve().name in store_generations(index)


def test_a_marker_naming_other_folders_leads_no_rebuild_to_remove_them(runner, tmp_path, corpus):
    index = tmp_path / "index"
    assert reindex(runner, corpus, index).exit_code == 0
    (index / "gen-mine").mkdir()
    (index / MARKER).write_text(json.dumps({"generations": [*store_generations(index), "../corpus", "gen-mine/.."]}))
    before = tree(corpus)
    for _ in range(2):
        assert reindex(runner, corpus, index, "--full").exit_code == 0
    assert tree(corpus) == before and (index / "gen-mine").is_dir()
