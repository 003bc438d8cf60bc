"""`filings search` and `filings show`: query syntax, filters, facets, sorts, pages, snippets, errors."""

import csv
import html
import io
import json
import os
import pty
import re
import shlex
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from indexer.cli import cli

from indexer.engines.whoosh.query import expand, parse
from indexer.engines.whoosh.store import Store
from indexer.parse import document_id
from indexer.search.deadline import Deadline
from search_web import create_app

from .conftest import DEADLINE_SECONDS, SEEDS, build_index, cover, invoke, seeds_with_a_replaced_document

ACME_8K = """FORM 8-K

SECURITIES AND EXCHANGE COMMISSION

Date of Report (Date of earliest event reported): February 3, 2003

ACME WIDGETS INC.
(Exact name of registrant as specified in its charter)

Item 5.02 Departure of Directors

The board approved a two-for-one stock split. A bankruptcy hearing is scheduled.

SIGNATURES

Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused this
report to be signed on its behalf by the undersigned hereunto duly authorized.

ACME WIDGETS INC.
By: /s/ John Q. Smith
Name: John Q. Smith
Title: Chief Executive Officer
"""
ACME_RELEASE = """EXHIBIT 99.1

Acme Widgets Announces Stock Splits

NEW YORK, February 4, 2003 -- Acme Widgets Inc. (NYSE: ACM) today announced two stock splits and the end
of its delisting review. The filing text mentions <script>alert("x")</script> & more.
"""
BETA_6K = """FORM 6-K

For the month of March 2003

BETA TELECOM CO., LTD.
(Name of Registrant)

The exchange announced a trading suspension of the shares after the bankruptcy filing.

SIGNATURES

Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused this
report to be signed on its behalf by the undersigned, thereunto duly authorized.

BETA TELECOM CO., LTD.
By: /s/ Min Kim
Name: Min Kim
Title: Director
"""
DEEP_10K = ("FORM 10-K\n\nFor the fiscal year ended December 31, 2001\n\nGAMMA HOLDINGS PLC\n"
            "(Exact name of registrant as specified in its charter)\n\n"
            + "The company operates warehouses in many regions of the world.\n" * 1200
            + "\nLate in the year the company signed the zeppelin contract with a new customer.\n")
NO_DATE = "EXHIBIT 21\n\nSubsidiaries of the Registrant\n\nAlpha Ltd\tBermuda\nBeta GmbH\tGermany\n"
EXTRA = {"acme-8k.txt": ACME_8K, "acme-release.txt": ACME_RELEASE, "beta-6k.txt": BETA_6K,
         "gamma-10k.txt": DEEP_10K, "subsidiaries.txt": NO_DATE}
ID = {name: document_id(name) for name in [p.name for p in SEEDS.iterdir()] + list(EXTRA)}
COVER_NOV, COVER_OCT, COVER_DEC, COVER_JAN, RELEASE = (
    ID["000_e15dcc41c4970baf.txt"], ID["001_057f5987f338548a.txt"], ID["002_2ebe33ae43ef8f85.txt"],
    ID["003_99d1c6571661b399.txt"], ID["004_df0f2849f12c5e1a.txt"])
SEED_IDS = {COVER_NOV, COVER_OCT, COVER_DEC, COVER_JAN, RELEASE}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("search-corpus")
    for seed in SEEDS.iterdir():
        shutil.copy(seed, corpus / seed.name)
    for name, text in EXTRA.items():
        (corpus / name).write_text(text)
    return build_index(corpus, tmp_path_factory.mktemp("search-index") / "index")


def found(index, *args) -> dict:
    result = invoke(CliRunner(), "search", "--json", "--index", index, "--per-page", "100", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def ids(index, *args) -> set[str]:
    return {hit["id"] for hit in found(index, *args)["hits"]}


def counts(result: dict, field: str) -> dict[str, int]:
    return {value["value"]: value["count"] for value in result["facets"][field]}


@pytest.mark.parametrize("query, expected", [
    ("delisting nasdaq", {COVER_NOV, RELEASE}),                      # every word must match
    ("delisting reverse", {RELEASE}),
    ('"reverse stock split"', {RELEASE}),                           # exact phrase
    ('"stock reverse split"', set()),
    ("suspension OR zeppelin", {ID["beta-6k.txt"], ID["gamma-10k.txt"]}),
    ("delisting NOT reverse", {COVER_NOV, ID["acme-release.txt"]}),
    ("delisting -reverse", {COVER_NOV, ID["acme-release.txt"]}),
    ("bankruptcy -(hearing OR suspension)", set()),
    ("(hearing OR suspension) bankruptcy", {ID["acme-8k.txt"], ID["beta-6k.txt"]}),
    ("delist*", {COVER_NOV, RELEASE, ID["acme-release.txt"]}),     # trailing wildcard
    ("split", {RELEASE, ID["acme-8k.txt"], ID["acme-release.txt"]}),  # stemmed: split finds splits
    ("company:thrunet", SEED_IDS),
    ('signer:"yong s. lee"', {COVER_NOV, COVER_OCT}),
    ("exhibit_type:EX-99.1", {RELEASE, ID["acme-release.txt"]}),
    ("form_type:6-K", {COVER_NOV, COVER_OCT, COVER_DEC, COVER_JAN, ID["beta-6k.txt"]}),
    ("month:[2002-10 TO 2002-11]", {COVER_NOV, COVER_OCT, RELEASE}),
    ("month:[2003-01 TO 2003-02] bankruptcy", {ID["acme-8k.txt"]}),
    ("zeppelin", {ID["gamma-10k.txt"]}),                           # a word deep in a long filing
    ("société", set()),
    # field:* holds exactly the documents with the field, and NOT field:* the others.
    ("signer:*", {COVER_NOV, COVER_OCT, COVER_DEC, COVER_JAN, ID["acme-8k.txt"], ID["beta-6k.txt"]}),
    ("NOT signer:*", {RELEASE, ID["acme-release.txt"], ID["gamma-10k.txt"], ID["subsidiaries.txt"]}),
    ('signer:"yong s. lee" signer:*', {COVER_NOV, COVER_OCT}),
    ("NOT company:*", {ID["subsidiaries.txt"]}),
    ("NOT month:*", {ID["subsidiaries.txt"]}),
    ("NOT year:*", {ID["subsidiaries.txt"]}),
    ("NOT date:*", {ID["acme-8k.txt"], ID["beta-6k.txt"], ID["gamma-10k.txt"], ID["subsidiaries.txt"]}),
    ("NOT title:*", set()),  # a document stating no title is titled by its form or exhibit's class
    ("exhibit_type:* NOT accession:*", set(ID.values())),
    ("delisting *:*", {COVER_NOV, RELEASE, ID["acme-release.txt"]}),  # every document, ANDed
])
def test_query_syntax(index, query, expected):
    assert ids(index, query) == expected


@pytest.mark.parametrize("options, expected", [
    (["--company", "Korea Thrunet Co., Ltd."], SEED_IDS),
    (["--company", "KOREA THRUNET CO LTD"], SEED_IDS),               # any spelling of the name
    (["--month", "2002-11"], {COVER_NOV, RELEASE}),
    (["--month", "2002-11", "--month", "2002-10"], {COVER_NOV, RELEASE, COVER_OCT}),  # OR within a facet
    (["--from", "2003-01"], {COVER_JAN, ID["acme-8k.txt"], ID["acme-release.txt"], ID["beta-6k.txt"]}),
    (["--from", "2002-12", "--to", "2003-01"], {COVER_DEC, COVER_JAN}),
    (["--year", "2003"], {COVER_JAN, ID["acme-8k.txt"], ID["acme-release.txt"], ID["beta-6k.txt"]}),
    (["--form-type", "8-k"], {ID["acme-8k.txt"]}),
    (["--exhibit-type", "EX-99.1", "--exhibit-type", "EX-21"], {RELEASE, ID["acme-release.txt"],
                                                                ID["subsidiaries.txt"]}),
    (["--signer", "Yong S. Lee"], {COVER_NOV, COVER_OCT}),
    (["--signer", "(none)", "--company", "Acme Widgets Inc."], {ID["acme-release.txt"]}),
    (["--month", "(none)"], {ID["subsidiaries.txt"]}),
    (["--year", "(none)", "--year", "2001"], {ID["subsidiaries.txt"], ID["gamma-10k.txt"]}),
    (["--company", "Korea Thrunet Co., Ltd.", "--signer", "Joseph Yoon"], {COVER_JAN}),  # AND across facets
    (["--company", "Acme Widgets Inc.", "--month", "2002-11"], set()),
])
def test_filters(index, options, expected):
    assert ids(index, "", *options) == expected


def test_facet_counts_cover_the_whole_result_and_add_up(index):
    result = found(index, "", "--per-page", "1")
    assert result["total"] == 10 and len(result["hits"]) == 1
    assert counts(result, "company") == {"Korea Thrunet Co., Ltd.": 5, "Acme Widgets Inc.": 2,
                                         "Beta Telecom Co., Ltd.": 1, "Gamma Holdings PLC": 1, "(none)": 1}
    for field in ("company", "month", "year", "form_type", "exhibit_type", "signer"):
        assert sum(counts(result, field).values()) == 10, field
    assert result["facets"]["signer"][-1] == {"value": "(none)", "count": 4, "selected": False}


def test_facet_counts_add_up_over_segments_that_lack_a_facet(tmp_path):
    """A segment whose documents have no signer has no signer column (or a short one): its
    documents count as (none), in a process that has already counted the index before."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    covers = [seed for seed in sorted(SEEDS.iterdir()) if document_id(seed.name) != RELEASE]
    for seed in covers:
        shutil.copy(seed, corpus / seed.name)
    index = build_index(corpus, tmp_path / "index")
    signers = counts(found(index, ""), "signer")
    assert sum(signers.values()) == 4 and "(none)" not in signers
    release = next(seed for seed in SEEDS.iterdir() if seed not in covers)
    shutil.copy(release, corpus / release.name)
    build_index(corpus, index)  # one more segment, its one document without a signer
    assert counts(found(index, ""), "signer") == {**signers, "(none)": 1}


def test_facets_are_multi_select(index):
    result = found(index, "", "--month", "2002-11", "--company", "Korea Thrunet Co., Ltd.")
    # The month facet ignores the month filter (so other months can be added) but keeps the company one...
    assert counts(result, "month") == {"2002-11": 2, "2002-10": 1, "2002-12": 1, "2003-01": 1}
    assert [v["value"] for v in result["facets"]["month"] if v["selected"]] == ["2002-11"]
    # ...and the company facet ignores the company filter but keeps the month one.
    assert counts(result, "company") == {"Korea Thrunet Co., Ltd.": 2}
    assert result["facets"]["company"][0]["selected"] is True
    assert counts(result, "exhibit_type") == {"6-K": 1, "EX-99.1": 1}


def test_a_month_range_filters_the_month_and_year_counts(index):
    result = found(index, "", "--from", "2002-12", "--to", "2003-01", "--month", "2002-11")
    # The range is a filter like any other: only the month facet's own values leave its counts.
    assert (result["total"], counts(result, "month"), counts(result, "year")) == (
        0, {"2002-12": 1, "2003-01": 1, "2002-11": 0}, {})
    assert ids(index, "", "--from", "2002-12", "--to", "2003-01", "--month", "2002-12") == {COVER_DEC}


def test_a_selected_value_without_documents_stays_listed(index):
    result = found(index, "zeppelin", "--company", "Acme Widgets Inc.")
    assert result["total"] == 0
    assert {"value": "Acme Widgets Inc.", "count": 0, "selected": True} in result["facets"]["company"]


def test_sorts(index):
    dated = [hit["id"] for hit in found(index, "", "--sort", "newest")["hits"]]
    assert dated == [ID["beta-6k.txt"], ID["acme-release.txt"], ID["acme-8k.txt"], COVER_JAN, COVER_DEC, RELEASE,
                     COVER_NOV, COVER_OCT, ID["gamma-10k.txt"], ID["subsidiaries.txt"]]
    oldest = [hit["id"] for hit in found(index, "", "--sort", "oldest")["hits"]]
    assert oldest == dated[-2::-1] + [ID["subsidiaries.txt"]]  # undated documents last either way
    relevance = found(index, "delisting")["hits"]
    assert [hit["id"] for hit in relevance][0] == COVER_NOV  # the word in its title too
    assert relevance[0]["score"] >= relevance[1]["score"] > 0
    assert all(hit["score"] is None for hit in found(index, "delisting", "--sort", "newest")["hits"])


def test_pages_are_exact_and_stable(index):
    everything = [hit["id"] for hit in found(index, "", "--sort", "oldest")["hits"]]
    pages = [found(index, "", "--sort", "oldest", "--per-page", "3", "--page", str(page)) for page in (1, 2, 3, 4, 5)]
    assert [page["total"] for page in pages] == [10] * 5
    assert [len(page["hits"]) for page in pages] == [3, 3, 3, 1, 0]
    assert [hit["id"] for page in pages for hit in page["hits"]] == everything


def test_snippets_mark_matched_words_in_escaped_text(index):
    hits = {hit["id"]: hit for hit in found(index, "delisting")["hits"]}
    release = hits[ID["acme-release.txt"]]["snippet"]
    assert "<mark>delisting</mark> review" in release
    assert 'mentions &lt;script&gt;alert("x")&lt;/script&gt; &amp;' in release
    assert "<script>" not in release
    assert "<mark>delisted</mark>" in hits[RELEASE]["snippet"]


def test_snippet_of_a_match_deep_in_a_long_body(index):
    [hit] = found(index, "zeppelin")["hits"]
    assert hit["snippet"].endswith("signed the <mark>zeppelin</mark> contract with a new customer.")


def test_a_field_only_match_gets_the_body_opening(index):
    [hit] = found(index, "signer:kim")["hits"]
    assert hit["snippet"].startswith("FORM 6-K For the month of March 2003 BETA TELECOM CO., LTD.")
    assert "<mark>" not in hit["snippet"]


def test_did_you_mean(index, seed_index):
    assert found(index, "delistng")["suggestion"] == "delisting"
    assert found(index, "DELISTNG")["suggestion"] == "delisting"
    assert found(seed_index, "reverse stok split")["suggestion"] == "reverse stock split"
    assert found(index, "bankrupcy hearing")["suggestion"] == "bankruptcy hearing"
    assert found(index, "delisting")["suggestion"] is None
    text = invoke(CliRunner(), "search", "delistng", "--index", index).stdout
    assert "Did you mean: delisting" in text


@pytest.fixture(scope="module")
def vocabulary_index(tmp_path_factory):
    """An index of a large vocabulary (60,000 distinct words): what makes a leading wildcard slow."""
    corpus = tmp_path_factory.mktemp("vocabulary")
    words = " ".join(f"w{number:06d}" for number in range(60000))
    (corpus / "vocabulary.txt").write_text(f"EXHIBIT 99\n\n{words}\n")
    return build_index(corpus, tmp_path_factory.mktemp("vocabulary-index") / "index")


def out_of_budget(seconds: str, phase: str) -> str:
    return (f"error: the search ran out of its {seconds} s budget while {phase}; "
            "narrow it (fewer wildcards, more words or filters)\n")


def test_the_budget_stops_a_wildcard_in_its_scan_of_the_words(vocabulary_index, monkeypatch):
    """`*x*` matches none of the 60,000 words: the scan finds no word to stop at, and takes some
    ten times the budget (parsing, a hundredth of it)."""
    monkeypatch.setenv("FILINGS_SEARCH_BUDGET", "0.1")
    result = invoke(CliRunner(), "search", "*x*", "--index", vocabulary_index)
    assert (result.exit_code, result.stderr) == (2, out_of_budget("0.1", "expanding body:*x*"))
    # An ordinary query of the same index under the same budget is found, or on a busy machine
    # refused with the budget's own message, never the wildcard's.
    ordinary = invoke(CliRunner(), "search", "w012345", "--json", "--index", vocabulary_index)
    if ordinary.exit_code == 0:
        assert json.loads(ordinary.stdout)["total"] == 1
    else:
        assert ordinary.exit_code == 2
        assert ordinary.stderr.startswith("error: the search ran out of its 0.1 s budget while ")
        assert "expanding" not in ordinary.stderr


class Recorded(Deadline):
    """A deadline that never runs out and lists every phase it was checked in, in order."""

    def __init__(self):
        super().__init__(DEADLINE_SECONDS)
        self.phases: list[str] = []

    def check(self, phase: str) -> None:
        self.phases.append(phase)
        super().check(phase)


def test_the_budget_is_checked_at_every_word_an_expansions_matchers_read(vocabulary_index):
    """`w00*` matches 10,000 words; reading their postings took five times a 1 s budget and used to
    run to the end before the first check. Each word's matcher is built only after a check, so a
    budget that runs out stops the build within one word, however fast the machine."""
    deadline = Recorded()
    with Store(vocabulary_index).open().searcher() as searcher:
        query = expand(parse("w00*"), searcher.reader(), deadline)
        expanded = len(deadline.phases)
        query.matcher(searcher)
    assert deadline.phases[expanded:] == ["reading the postings of the 10000 words body:w00* matches"] * 10000


@pytest.mark.parametrize("budget", ["inf", "1e308", "nan", "61", "0"])
def test_a_budget_past_its_bounds_is_refused_in_one_line(seed_index, monkeypatch, budget):
    monkeypatch.setenv("FILINGS_SEARCH_BUDGET", budget)
    result = invoke(CliRunner(), "search", "delisting", "--index", seed_index)
    assert (result.exit_code, result.stderr) == (
        2, f"error: FILINGS_SEARCH_BUDGET='{budget}' is not a number above 0 and at most 60\n")


def test_too_broad_a_wildcard_is_refused_with_a_message(vocabulary_index):
    result = invoke(CliRunner(), "search", "w*", "--index", vocabulary_index)
    assert result.exit_code == 2
    assert "matches more than 20000 words; make it more specific" in result.stderr


def test_json_is_the_result_model(index):
    result = found(index, "delisting")
    assert list(result) == ["query", "total", "page", "per_page", "hits", "facets", "facet_totals", "suggestion",
                            "took_ms", "partial", "bounded", "warnings", "reachable", "entity"]
    assert (result["partial"], result["bounded"], result["warnings"], result["reachable"]) == (False, False, [], None)
    assert set(result["hits"][0]) == {"id", "source", "accession", "cik", "company", "ticker", "former_names", "form_type", "exhibit_type",
                                      "description", "filename", "month", "date", "filed", "period", "items", "category", "sic",
                                      "industry", "incorporated", "location", "signer", "signer_title", "title", "indexed",
                                      "score", "snippet", "snippet_spans"}
    assert result["facets"]["company"][0] == {"value": "Korea Thrunet Co., Ltd.", "count": 2, "selected": False}


def test_csv_one_row_per_hit_and_all_pages(index):
    runner = CliRunner()
    page = invoke(runner, "search", "", "--csv", "--per-page", "4", "--index", index)
    rows = list(csv.DictReader(io.StringIO(page.stdout)))
    assert len(rows) == 4 and rows[0]["id"] and "snippet" not in rows[0]
    everything = list(csv.DictReader(io.StringIO(invoke(runner, "search", "", "--csv", "--all", "--sort", "oldest",
                                                        "--index", index).stdout)))
    assert [row["id"] for row in everything] == [hit["id"] for hit in found(index, "", "--sort", "oldest")["hits"]]
    assert {row["company"] for row in everything} >= {"Korea Thrunet Co., Ltd.", "Acme Widgets Inc."}


def test_terminal_output(index):
    text = invoke(CliRunner(), "search", "delisting", "--index", index).stdout
    assert text.startswith("3 documents for 'delisting'")
    assert "1. A press release dated November 13, 2002" in text
    assert "\n   Korea Thrunet Co., Ltd. · 6-K · 2002-11-14 · signed by Yong S. Lee\n" in text
    assert "subject to delisting from The Nasdaq" in text and "<mark>" not in text and "\x1b[" not in text
    assert "\nsigner: Yong S. Lee (1), (none) (2)" in text


def test_terminal_output_wraps_to_the_width_keeping_the_indent(index):
    """COLUMNS stands for a terminal's width; off a terminal without it, lines are whole."""
    wide = invoke(CliRunner(), "search", "reverse split", "--index", index).stdout
    narrow = CliRunner(env={"COLUMNS": "44"}).invoke(cli, ["search", "reverse split", "--index", str(index)]).stdout
    assert max(map(len, narrow.splitlines())) <= 44 < max(map(len, wide.splitlines()))
    hits = narrow.split("\n\n")[1:-1]
    assert hits and all(line.startswith("   ") for hit in hits for line in hit.splitlines()[1:])
    words = [" ".join(re.sub(r"\([\d.]+ ms\)", "", text).split()) for text in (narrow, wide)]
    assert words[0] == words[1]  # every word kept, in order


def test_json_snippets_as_spans(index):
    hit = found(index, "delisting")["hits"][0]
    spans = hit["snippet_spans"]
    assert "".join(span["text"] for span in spans) == html.unescape(re.sub("</?mark>", "", hit["snippet"]))
    assert [span["text"] for span in spans if span["matched"]] == re.findall("<mark>(.*?)</mark>", hit["snippet"])


def test_show_pages_a_document_through_the_pager_on_a_terminal(index, tmp_path):
    """A real process on a terminal (a pty): the body goes to PAGER, not straight to the screen."""
    paged, pager = tmp_path / "paged.txt", tmp_path / "pager"
    pager.write_text(f"#!/bin/sh\ncat > {shlex.quote(str(paged))}\n")
    pager.chmod(0o755)
    primary, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "indexer", "show", RELEASE, "--index", str(index)],
                               stdin=secondary, stdout=secondary, stderr=secondary,
                               env={**os.environ, "PAGER": str(pager)})
    os.close(secondary)
    screen = b""
    while True:  # the terminal's side, read until the process closes it
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    assert process.wait(timeout=DEADLINE_SECONDS) == 0
    os.close(primary)
    assert "Seoul and New York, November 27, 2002" in paged.read_text()
    assert b"Seoul and New York" not in screen


@pytest.mark.parametrize("args, message", [
    (['"unbalanced'], "unbalanced quote"),
    (["(delisting OR split"], "unbalanced parenthesis"),
    (["colour:red"], "unknown field 'colour'"),
    (["month:2002-13"], "bad month '2002-13'"),
    (["", "--month", "November"], "bad search parameter --month 'November': months are written YYYY-MM"),
    (["", "--from", "2003-01", "--to", "2002-01"], "--from 2003-01 is after --to 2002-01"),
    (["", "--from", "2003", "--to", "2002"], "--from 2003-01 is after --to 2002-12"),
    (["year:19x9"], "bad year '19x9' in query 'year:19x9': years are written YYYY"),
    (["date:[2002-01-01 TO soon]"], "bad date 'soon'"),
    (["(" * 40 + "a" + ")" * 40], "nests parentheses more than 32 deep"),
    (["x", "--per-page", "1000"], "--per-page '1000'"),  # read as text, as the web reads it, named as typed
    (["x", "--page", "0"], "--page '0'"),
    (["x", "--sort", "random"], "Invalid value for '--sort'"),
    (["x", "--json", "--csv"], "--json and --csv cannot be used together"),
])
def test_errors_are_one_line_and_exit_two(index, args, message):
    result = invoke(CliRunner(), "search", *args, "--index", index)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args, message", [
    (["--month", "٢٠٠٢-١١"], "bad search parameter --month '٢٠٠٢-١١': months are written YYYY-MM"),
    (["--month", "٢٠٠٢-11"], "bad search parameter --month '٢٠٠٢-11': months are written YYYY-MM"),
    (["--from", "٢٠٠٢-01"], "bad search parameter --from '٢٠٠٢-01': months are written YYYY-MM"),
    (["--to", "2003-0١"], "bad search parameter --to '2003-0١': months are written YYYY-MM"),
    (["--year", "٢٠٠٢"], "bad search parameter --year '٢٠٠٢': years are written YYYY"),
    (["--page", "1_0"], "bad search parameter --page '1_0': write a whole number with the digits 0-9"),
    (["--page", "١"], "bad search parameter --page '١': write a whole number with the digits 0-9"),
    (["--per-page", "+5"], "bad search parameter --per-page '+5': write a whole number with the digits 0-9"),
    (["date:٢٠٠٢-11-13"], "bad date '٢٠٠٢-11-13' in query 'date:٢٠٠٢-11-13': dates are written YYYY-MM-DD"),
])
def test_numbers_in_other_digits_than_0_to_9_are_refused(index, args, message):
    result = invoke(CliRunner(), "search", *(args if args[0].startswith("date:") else ["", *args]), "--index", index)
    assert (result.exit_code, result.stderr) == (2, f"error: {message}\n")


def test_missing_index_names_the_command_that_builds_it(tmp_path):
    result = invoke(CliRunner(), "search", "delisting", "--index", tmp_path / "nothing")
    assert (result.exit_code, result.stderr.strip()) == (
        2, f"error: no index at {tmp_path / 'nothing'}: build it with `filings reindex --index {tmp_path / 'nothing'}`")


def test_show(index):
    runner = CliRunner()
    document = json.loads(invoke(runner, "show", RELEASE, "--json", "--index", index).stdout)
    assert (document["title"], document["body"][:12]) == (
        "Korea Thrunet Announces Shareholder Approval of Reverse Stock Split", "EXHIBIT 99.1")
    text = invoke(runner, "show", RELEASE, "--index", index).stdout
    assert "exhibit_type: EX-99.1\n" in text and "Seoul and New York, November 27, 2002" in text
    missing = invoke(runner, "show", "0000000000000000", "--index", index)
    assert (missing.exit_code, missing.stderr.strip()) == (1, "error: no document with id '0000000000000000' in the index")


def test_seed_corpus_acceptance(seed_index):
    """The issue's own example: an index of corpus/ and `filings search delisting --json`."""
    result = found(seed_index, "delisting")
    assert {hit["id"] for hit in result["hits"]} == {COVER_NOV, RELEASE}
    assert {(hit["month"], hit["exhibit_type"]) for hit in result["hits"]} == {("2002-11", "6-K"), ("2002-11", "EX-99.1")}
    assert counts(result, "company") == {"Korea Thrunet Co., Ltd.": 2}
    assert counts(result, "month") == {"2002-11": 2}
    assert counts(result, "exhibit_type") == {"6-K": 1, "EX-99.1": 1}
    assert counts(result, "signer") == {"Yong S. Lee": 1, "(none)": 1}
    assert found(seed_index, "delistng")["suggestion"] == "delisting"


def test_the_total_and_counts_do_not_depend_on_the_page_size(tmp_path):
    """Whoosh's top-N collector, once its heap holds a better hit than one field alone can score,
    swaps the matcher for one that skips what can no longer make the top N: the word searched in
    title OR body became title AND body, and a one-hit page counted 15 documents of 40."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(15):  # in title and body, each scoring higher than the one before
        (corpus / f"{number:03d}.txt").write_text(
            f"EXHIBIT 99.1\n\nAcme Announces Warrants Offering {number}\n\nNEW YORK, February 4, 2003 -- "
            f"{'The board met. ' * (15 - number)}Acme issued warrants.\n")
    for number in range(15, 40):  # in the body only
        (corpus / f"{number:03d}.txt").write_text(
            f"EXHIBIT 99.1\n\nNotice {number}\n\n{'The board met again. ' * 20}It discussed warrants.\n")
    index = build_index(corpus, tmp_path / "index")
    pages = {size: found(index, "warrants", "--per-page", str(size)) for size in (1, 5, 100)}
    assert {size: page["total"] for size, page in pages.items()} == {1: 40, 5: 40, 100: 40}
    assert pages[1]["facets"] == pages[5]["facets"] == pages[100]["facets"]
    assert [hit["id"] for hit in pages[5]["hits"]] == [hit["id"] for hit in pages[100]["hits"][:5]]


def test_a_phrase_after_a_reindex_that_replaced_a_document(tmp_path):
    """A segment with a deleted document (each changed file leaves one) wraps its postings in a
    matcher that does not know its word: phrase hits had no matched words, and the snippet of
    the first one raised a TypeError."""
    _, index = seeds_with_a_replaced_document(tmp_path)
    result = found(index, '"reverse stock split"')
    assert [hit["id"] for hit in result["hits"]] == [RELEASE]
    assert "The <mark>reverse stock split</mark> will take effect" in result["hits"][0]["snippet"]


def test_field_star_over_segments_with_deleted_documents(tmp_path):
    """`field:*` is read segment by segment: a deleted document (each changed or removed file
    leaves one) is not found by it, a document of a newer segment is."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index = build_index(corpus, tmp_path / "index")
    cover = corpus / "000_e15dcc41c4970baf.txt"
    cover.write_text(cover.read_text() + "\nAmended.\n")
    (corpus / "001_057f5987f338548a.txt").unlink()
    build_index(corpus, index)
    assert ids(index, "signer:*") == {COVER_NOV, COVER_DEC, COVER_JAN}
    assert ids(index, "NOT signer:*") == {RELEASE}
    assert ids(index, "title:* NOT accession:*") == {COVER_NOV, COVER_DEC, COVER_JAN, RELEASE}


def test_a_year_alone_bounds_a_range_by_its_first_and_last_month(index):
    by_years = found(index, "", "--from", "2002", "--to", "2002")
    by_months = found(index, "", "--from", "2002-01", "--to", "2002-12")
    assert by_years["total"] == by_months["total"] > 0
    assert {hit["id"] for hit in by_years["hits"]} == {hit["id"] for hit in by_months["hits"]}
    assert found(index, "", "--from", "2003")["total"] == found(index, "", "--from", "2003-01")["total"]


def test_newest_and_oldest_order_by_the_filing_date_then_the_documents_own(tmp_path):
    """A filing made in January about December sorts after one made in December about November,
    whatever the dates its documents carry; the documents of one filing by their own dates."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    acme = (SEEDS.parent / "tests" / "data" / "acme" / "0000950103-02-009999.txt").read_text()
    late = acme.replace("0000950103-02-009999", "0000950103-03-000001").replace(
        "FILED AS OF DATE:\t\t20021205", "FILED AS OF DATE:\t\t20030110")
    (corpus / "early.txt").write_text(acme)
    (corpus / "late.txt").write_text(late)
    (corpus / "undated.txt").write_text(cover(month_line="", form="FORM 6-K"))
    index = build_index(corpus, tmp_path / "index")
    newest = found(index, "", "--sort", "newest")["hits"]
    filed = [hit["filed"] for hit in newest]
    assert filed[:2] == ["2003-01-10", "2003-01-10"] and filed[2:4] == ["2002-12-05", "2002-12-05"]
    assert newest[-1]["filed"] is None and newest[-1]["date"] is None  # undated last
    oldest = found(index, "", "--sort", "oldest")["hits"]
    assert [hit["filed"] for hit in oldest][:4] == ["2002-12-05", "2002-12-05", "2003-01-10", "2003-01-10"]
    assert oldest[-1]["id"] == newest[-1]["id"]


def test_csv_with_snippets_and_links(index):
    runner = CliRunner()
    page = invoke(runner, "search", "delisting", "--csv", "--snippets", "--link", "http://search.example/",
                  "--index", index)
    rows = list(csv.DictReader(io.StringIO(page.stdout)))
    assert page.exit_code == 0 and len(rows) == 3 and list(rows[0])[-2:] == ["snippet", "link"]
    assert all(row["link"] == f"http://search.example/doc/{row['id']}" for row in rows)
    assert any("delisting" in row["snippet"].lower() for row in rows) and "<mark>" not in page.stdout
    everything = invoke(runner, "search", "delisting", "--csv", "--all", "--link", "http://search.example",
                        "--index", index)
    assert [row["link"] for row in csv.DictReader(io.StringIO(everything.stdout))] == [row["link"] for row in rows]
    for args, message in ((["--snippets"], "--snippets goes with --csv"),
                          (["--csv", "--all", "--snippets"], "--snippets goes with a page of hits, not --all")):
        refused = invoke(runner, "search", "delisting", *args, "--index", index)
        assert refused.exit_code == 2 and message in refused.stderr


def test_a_reindex_that_only_deletes_is_seen_by_a_running_server(tmp_path):
    """A commit that only deletes keeps every segment's id: what searches keep per index state
    (the live documents, a browse page's counts) must still tell it from the state before."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index = build_index(corpus, tmp_path / "index")
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    for query in ("", "thrunet"):
        assert client.get(f"/api/search?q={query}").get_json()["total"] == 5
    (corpus / "000_e15dcc41c4970baf.txt").unlink()
    build_index(corpus, index)
    for query in ("", "thrunet"):
        answer = client.get(f"/api/search?q={query}").get_json()
        assert (answer["total"], len(answer["hits"])) == (4, 4)
        assert "000_e15dcc41c4970baf.txt" not in [hit["source"] for hit in answer["hits"]]
        assert sum(value["count"] for value in answer["facets"]["month"]) == 4
