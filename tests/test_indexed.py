"""`indexed`: when a reindex added a document or last changed it. An unchanged document keeps it
through incremental runs and `reindex --full`; a changed one takes the run's instant. The run's clock
is fixed by FILINGS_NOW, so two runs differ without waiting. Sorted by `--sort indexed` (newest
indexed first, ties by filing date then id) and filtered by `--indexed-after` (exclusive)."""

import json
import os
import shutil

import pytest

from .conftest import SEEDS, invoke

T1, T2, T3, T4 = "2026-01-05T08:00:00Z", "2026-01-06T08:00:00Z", "2026-01-07T08:00:00Z", "2026-01-08T08:00:00Z"
# The seeds' documents by file (one each), and the later of them by filing date first.
SPLIT = "5eaacfbfffc9a792"  # 004: an EX-99.1 of 2002-11-27, added by the second run
BY_DATE = ["546a71a2cfce60ee", "133a4a329198e11d", "49ed4057b82157ef", "9b0e2bffb9bd7768"]  # 003, 002, 000, 001
FIRST = "000_e15dcc41c4970baf.txt"


def reindex_at(runner, monkeypatch, instant, corpus, index, *options):
    monkeypatch.setenv("FILINGS_NOW", instant)
    result = invoke(runner, "reindex", "--corpus", corpus, "--index", index, *options)
    assert result.exit_code == 0, result.output
    return result


def stamps(runner, index, *options) -> list[tuple[str, str]]:
    found = json.loads(invoke(runner, "search", "", "--json", "--sort", "indexed", "--index", index, *options).stdout)
    return [(hit["id"], hit["indexed"]) for hit in found["hits"]]


@pytest.fixture
def grown(runner, monkeypatch, tmp_path):
    """The seeds but 004 indexed at T1, then 004 added and indexed at T2."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEEDS, corpus)
    aside = tmp_path / "aside"
    aside.mkdir()
    split = next(corpus.glob("004_*"))
    split.rename(aside / split.name)
    reindex_at(runner, monkeypatch, T1, corpus, index)
    (aside / split.name).rename(split)
    reindex_at(runner, monkeypatch, T2, corpus, index)
    return corpus, index


def test_indexed_is_when_a_reindex_added_the_document(runner, grown):
    _, index = grown
    assert stamps(runner, index) == [(SPLIT, T2), *((each, T1) for each in BY_DATE)]
    shown = json.loads(invoke(runner, "show", SPLIT, "--json", "--index", index).stdout)
    assert shown["indexed"] == T2
    assert f"indexed: {T1}" in invoke(runner, "show", BY_DATE[0], "--index", index).stdout


def test_indexed_after_is_exclusive(runner, grown):
    _, index = grown
    assert stamps(runner, index, "--indexed-after", T1) == [(SPLIT, T2)]
    assert stamps(runner, index, "--indexed-after", "2026-01-05T07:59:59Z") == stamps(runner, index)
    assert stamps(runner, index, "--indexed-after", T2) == []
    found = json.loads(invoke(runner, "search", "split", "--json", "--indexed-after", T1, "--index", index).stdout)
    assert [hit["id"] for hit in found["hits"]] == [SPLIT]


def test_unchanged_documents_keep_indexed_through_runs_and_a_full_rebuild(runner, monkeypatch, grown):
    corpus, index = grown
    before = stamps(runner, index)
    reindex_at(runner, monkeypatch, T3, corpus, index)
    assert stamps(runner, index) == before
    # A new mtime, the same content: restamped, not changed.
    os.utime(corpus / FIRST, (1_000_000_000, 1_000_000_000))
    reindex_at(runner, monkeypatch, T3, corpus, index)
    assert stamps(runner, index) == before
    result = reindex_at(runner, monkeypatch, T3, corpus, index, "--full")
    assert "reindex (full)" in result.output
    assert stamps(runner, index) == before


def test_a_changed_document_takes_the_runs_instant_even_in_a_rebuild(runner, monkeypatch, grown):
    corpus, index = grown
    cover = corpus / FIRST
    cover.write_text(cover.read_text() + "\nAmended.\n")
    reindex_at(runner, monkeypatch, T3, corpus, index, "--full")
    assert stamps(runner, index) == [("49ed4057b82157ef", T3), (SPLIT, T2),
                                     *((each, T1) for each in BY_DATE if each != "49ed4057b82157ef")]
    cover.write_text(cover.read_text() + "\nAmended again.\n")
    reindex_at(runner, monkeypatch, T4, corpus, index)
    assert stamps(runner, index)[0] == ("49ed4057b82157ef", T4)


def test_bad_indexed_after_and_bad_clock_are_one_line(runner, monkeypatch, grown):
    corpus, index = grown
    bad = invoke(runner, "search", "", "--indexed-after", "2026-01-05", "--index", index)
    assert bad.exit_code == 2
    assert bad.stderr == ("error: bad search parameter --indexed-after '2026-01-05': timestamps are written "
                          "YYYY-MM-DDTHH:MM:SSZ (UTC)\n")
    monkeypatch.setenv("FILINGS_NOW", "yesterday")
    clock = invoke(runner, "reindex", "--corpus", corpus, "--index", index)
    assert clock.exit_code == 2
    assert clock.stderr.strip().splitlines() == ["error: FILINGS_NOW='yesterday' is not an instant: timestamps are "
                                                 "written YYYY-MM-DDTHH:MM:SSZ"]


def test_the_page_sorts_by_indexed_and_shows_it(grown):
    from search_web import create_app

    from .conftest import links, page_of, texts

    corpus, index = grown
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    page = page_of(client.get("/?q=korea"))
    assert ("Newest indexed", "/?q=korea&sort=indexed") in links(page, "//a")
    sorted_page = page_of(client.get("/?q=korea&sort=indexed"))
    assert [href.split("?")[0] for _, href in links(sorted_page, "//li[@class='hit']/h2/a")] == \
        [f"/doc/{each}" for each in [SPLIT, *BY_DATE]]
    document = page_of(client.get(f"/doc/{SPLIT}"))
    assert ("Indexed", T2) in list(zip(texts(document, "//dl/dt"), texts(document, "//dl/dd")))


def test_the_page_says_it_shows_only_what_was_indexed_after_an_instant(grown):
    from search_web import create_app

    from .conftest import links, page_of, texts

    corpus, index = grown
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    page = page_of(client.get(f"/?q=korea&indexed_after={T1}"))
    assert texts(page, "//h1") == ["1 document for “korea”"]
    chips = [(text, href) for text, href in links(page, "//*[contains(@class, 'chips')]//a")
             if text.startswith("Indexed after")]
    assert chips == [(f"Indexed after: {T1} ×", "/?q=korea")]


def test_an_archives_members_keep_indexed_through_a_rebuild_and_take_a_new_one_when_changed(runner, monkeypatch,
                                                                                             tmp_path):
    from .archives import nc, write_tar

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    members = {"a.nc": nc("0000950103-02-000001", "ALPHA CO", "widgets"),
               "b.nc": nc("0000950103-02-000002", "BETA CO", "gadgets")}
    write_tar(corpus / "feed.tar.gz", members)
    reindex_at(runner, monkeypatch, T1, corpus, index)
    first = dict(stamps(runner, index))
    assert set(first.values()) == {T1} and len(first) == 4
    reindex_at(runner, monkeypatch, T2, corpus, index, "--full")
    assert dict(stamps(runner, index)) == first
    write_tar(corpus / "feed.tar.gz", {**members, "b.nc": nc("0000950103-02-000002", "BETA CO", "sprockets")})
    reindex_at(runner, monkeypatch, T3, corpus, index)
    changed = dict(stamps(runner, index, "--indexed-after", T1))
    found = json.loads(invoke(runner, "search", "", "--json", "--company", "BETA CO", "--index", index).stdout)
    assert set(changed) <= {hit["id"] for hit in found["hits"]} and set(changed.values()) == {T3} and changed
