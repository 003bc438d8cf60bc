"""`filings watch`: a saved search's run prints only the hits gained since it last ran, exit 0 when
some are new and 1 when none are, 2 for bad input; the watches live beside the index and outlast a
`reindex --full`. FILINGS_NOW fixes each reindex's clock (test_indexed.py)."""

import csv
import io
import json
import shutil

import pytest

from .conftest import SEEDS, invoke
from .test_indexed import SPLIT, T1, T2, T3, T4, reindex_at

COVER = "49ed4057b82157ef"  # 000: a 6-K of 2002-11-14


@pytest.fixture
def watched(runner, monkeypatch, tmp_path):
    """The seeds but 004 indexed at T1 and two watches added; `add_split()` brings 004 at T2."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEEDS, corpus)
    split = next(corpus.glob("004_*"))
    aside = tmp_path / split.name
    split.rename(aside)
    reindex_at(runner, monkeypatch, T1, corpus, index)
    for args in (("splits", "split"), ("covers", "", "--form-type", "6-K", "--not-company", "Acme")):
        added = invoke(runner, "watch", "add", *args, "--index", index)
        assert added.exit_code == 0, added.output
        assert added.stdout == f"saved {args[0]}: new hits are those indexed after {T1}\n"

    def add_split() -> None:
        aside.rename(split)
        reindex_at(runner, monkeypatch, T2, corpus, index)

    return corpus, index, add_split


def run(runner, index, *args):
    return invoke(runner, "watch", "run", *args, "--index", index)


def gained(runner, index, *names) -> tuple[int, dict[str, list[str]]]:
    result = run(runner, index, "--json", *names)
    return result.exit_code, {each["name"]: [hit["id"] for hit in each["hits"]] for each in json.loads(result.stdout)}


def test_a_new_watch_reports_only_what_later_reindexes_bring(runner, watched):
    corpus, index, add_split = watched
    assert gained(runner, index) == (1, {"covers": [], "splits": []})
    add_split()
    result = run(runner, index)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"covers: 0 new documents since {T1}\n\nsplits: 1 new document since {T1}\n\n"
                                    "1. Korea Thrunet Announces Shareholder Approval of Reverse Stock Split\n")
    assert f"[{SPLIT}] 004_df0f2849f12c5e1a.txt" in result.stdout
    # What a run reported is not new to the next.
    assert gained(runner, index) == (1, {"covers": [], "splits": []})


def test_watches_outlast_a_full_rebuild_which_reports_nothing_new(runner, monkeypatch, watched):
    corpus, index, add_split = watched
    add_split()
    reindex_at(runner, monkeypatch, T3, corpus, index, "--full")
    assert gained(runner, index) == (0, {"covers": [], "splits": [SPLIT]})
    reindex_at(runner, monkeypatch, T4, corpus, index, "--full")
    assert gained(runner, index) == (1, {"covers": [], "splits": []})
    listed = json.loads(invoke(runner, "watch", "list", "--json", "--index", index).stdout)
    assert [(each["name"], each["mark"]) for each in listed] == [("covers", T2), ("splits", T2)]


def test_a_changed_document_is_new_to_the_watches_that_find_it(runner, monkeypatch, watched):
    corpus, index, _ = watched
    cover = corpus / "000_e15dcc41c4970baf.txt"
    cover.write_text(cover.read_text() + "\nAmended.\n")
    reindex_at(runner, monkeypatch, T2, corpus, index)
    assert gained(runner, index, "covers") == (0, {"covers": [COVER]})
    # Only the watch named ran: the other's mark did not move.
    assert gained(runner, index, "splits") == (1, {"splits": []})
    listed = json.loads(invoke(runner, "watch", "list", "--json", "--index", index).stdout)
    assert listed[0]["request"]["form_type"] == ["6-K"] and listed[0]["request"]["not_company"] == ["Acme"]


def test_csv_has_a_row_a_hit_its_watch_first(runner, watched):
    _, index, add_split = watched
    add_split()
    rows = list(csv.DictReader(io.StringIO(run(runner, index, "--csv").stdout)))
    assert [(row["watch"], row["id"], row["indexed"]) for row in rows] == [("splits", SPLIT, T2)]
    assert "reverse stock split" in rows[0]["snippet"]


def test_list_and_remove(runner, watched):
    _, index, _ = watched
    listed = invoke(runner, "watch", "list", "--index", index).stdout
    assert listed == (f"covers: '' --form-type '6-K' --not-company 'Acme' (new after {T1})\n"
                      f"splits: 'split' (new after {T1})\n")
    assert invoke(runner, "watch", "remove", "covers", "--index", index).stdout == "removed covers\n"
    assert gained(runner, index) == (1, {"splits": []})


@pytest.mark.parametrize("args, line", [
    (("run", "nope"), "no saved search named 'nope' (saved: covers, splits)"),
    (("remove", "nope"), "no saved search named 'nope' (saved: covers, splits)"),
    (("add", "splits", "split"), "a saved search named 'splits' exists: `filings watch remove splits` first"),
    (("add", "no name", "x"), "watch name 'no name': use letters, digits, '_', '.', '-' (at most 64, starting "
                              "with a letter or digit)"),
    (("add", "dated", "x", "--month", "2002-13"), "bad search parameter --month '2002-13': months are written "
                                                   "YYYY-MM"),
    (("run", "--json", "--csv"), "--json and --csv cannot be used together"),
])
def test_bad_input_is_one_line_and_exit_2(runner, watched, args, line):
    _, index, _ = watched
    result = invoke(runner, "watch", *args, "--index", index)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {line}") and result.stderr.count("\n") == 1


def test_add_takes_the_search_filters_but_not_how_a_page_lists(runner, watched):
    _, index, _ = watched
    helped = invoke(runner, "watch", "add", "--help").stdout
    for option in ("--company", "--form-type", "--not-signer", "--filed-within", "--entity", "--month"):
        assert option in helped
    for option in ("--sort", "--page", "--per-page", "--group", "--more", "--indexed-after", "--narrow-company"):
        assert option not in helped
    assert invoke(runner, "watch", "run", "--help").exit_code == 0
    missing = invoke(runner, "watch", "list", "--index", index.parent / "none")
    assert missing.exit_code == 2 and missing.stderr.startswith("error: ")
