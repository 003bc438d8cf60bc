"""What a query marks, in snippets (`filings search`, /api/search) and on the document page: a
phrase as one mark where its words stand in sequence, a proximity query's words within their
window, a wildcard's words, plain words; never a word NOT excludes."""

import html
import json
import re

import pytest
from click.testing import CliRunner

from indexer.cli import cli
from indexer.parse import document_id
from search_web import create_app

from .conftest import EDGAR, build_index, invoke, page_of

RESULTS = """EXHIBIT 99.1

Acme Widgets Reports Net Income for 2003

Net income rose to $5 million, and net
income per share doubled. Net sales and income from services grew; other
income, net of taxes, was flat. Taxes on net income fell.

The shares were delisted in 2001 and the delisting review has ended.
"""
INTEREST = """EXHIBIT 99.2

Beta Holdings Interest Report

Interest income grew as the bank's income from loans rose.
"""
_LONE = "Income from bonds was steady while the net asset value moved; income, taxes and the net yield varied. "
_FILLER = "The fund holds bonds of many issuers across regions and sectors. "
# The phrase once, late, after many fragments that hold its words apart.
LETTER = ("EXHIBIT 99.3\n\nGamma Fund Annual Letter\n\n" + (_LONE + _FILLER * 3) * 6 + _FILLER * 6
          + "In the year the fund earned net income of $2 million. " + _FILLER * 4 + "\n")
FILES = {"results.txt": RESULTS, "interest.txt": INTEREST, "letter.txt": LETTER}
ID = {name: document_id(name) for name in FILES}
# A press release of the shared EDGAR corpus that says "net income" 7 times, "net" 20 and "income" 14.
BUCKLE = document_id("edgartools__html_BuckleInc.8-K.EX99.1.html#1")


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("marks-corpus")
    for name, text in FILES.items():
        (corpus / name).write_text(text)
    return corpus, build_index(corpus, tmp_path_factory.mktemp("marks-index") / "index")


@pytest.fixture(scope="module")
def web(corpus_index):
    corpus, index = corpus_index
    return create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()


@pytest.fixture
def edgar_web(edgar_index):
    return create_app({"FILINGS_CORPUS": EDGAR, "FILINGS_INDEX": edgar_index}).test_client()


def marks_in(snippet: str) -> list[str]:
    """The text of each <mark> of a snippet, as a reader sees it."""
    return [html.unescape(text) for text in re.findall(r"<mark>(.*?)</mark>", snippet, re.DOTALL)]


def plain(snippet: str) -> str:
    return html.unescape(re.sub(r"</?mark>", "", snippet))


def snippets(index, query: str) -> dict[str, list[str]]:
    """Each hit's id → the marks of its snippet, from `filings search --json`."""
    result = invoke(CliRunner(), "search", query, "--json", "--per-page", "100", "--index", index)
    assert result.exit_code == 0, result.stderr
    return {hit["id"]: marks_in(hit["snippet"]) for hit in json.loads(result.stdout)["hits"]}


def api_snippets(client, query: str) -> dict[str, list[str]]:
    response = client.get("/api/search", query_string={"q": query, "per_page": 100})
    assert response.status_code == 200
    return {hit["id"]: marks_in(hit["snippet"]) for hit in response.get_json()["hits"]}


def page_marks(client, document: str, query: str) -> list[str]:
    """The text of each mark of a document page, in order (their ids checked to run m1, m2, …)."""
    tree = page_of(client.get(f"/doc/{document}", query_string={"q": query}))
    marks = tree.xpath("//pre/mark")
    assert [mark.get("id") for mark in marks] == [f"m{number}" for number in range(1, len(marks) + 1)]
    return [mark.text_content() for mark in marks]


def phrase_count(text: str) -> int:
    return len(re.findall(r"\bnet\s+income\b", text, re.IGNORECASE))


def test_a_phrase_is_one_mark_wherever_it_occurs_on_the_document_page(edgar_web):
    body = edgar_web.get(f"/api/doc/{BUCKLE}").get_json()["body"]
    marks = page_marks(edgar_web, BUCKLE, '"net income"')
    assert len(marks) == phrase_count(body) == 7
    assert {" ".join(mark.lower().split()) for mark in marks} == {"net income"}


def test_a_phrase_is_one_mark_in_every_snippet(edgar_index, edgar_web):
    result = json.loads(invoke(CliRunner(), "search", '"net income"', "--json", "--index", edgar_index).stdout)
    web = {hit["id"]: hit["snippet"] for hit in edgar_web.get('/api/search?q="net income"').get_json()["hits"]}
    assert len(result["hits"]) == len(web) == 9  # a filing held as .nc and .txt is one hit
    for hit in result["hits"]:
        marks = marks_in(hit["snippet"])
        assert len(marks) == phrase_count(plain(hit["snippet"])) >= 1, hit["id"]
        assert {mark.lower() for mark in marks} == {"net income"}, hit["id"]
        assert web[hit["id"]] == hit["snippet"]


def test_a_phrase_is_marked_in_the_terminal_output(corpus_index):
    result = CliRunner().invoke(cli, ["search", '"net income"', "--index", str(corpus_index[1])], color=True)
    assert result.exit_code == 0, result.stderr
    # Marks are shown in bold yellow; nothing else is yellow.
    assert re.findall(r"\x1b\[33m\x1b\[1m(.*?)\x1b\[0m", result.stdout) == [
        "Net Income", "Net income", "net income", "net income", "net income"]


def test_a_phrase_in_a_snippet_and_on_the_page_of_the_corpus(corpus_index, web):
    wanted = ["Net Income", "Net income", "net income", "net income"]
    assert snippets(corpus_index[1], '"net income"') == {ID["results.txt"]: wanted, ID["letter.txt"]: ["net income"]}
    assert api_snippets(web, '"net income"') == {ID["results.txt"]: wanted, ID["letter.txt"]: ["net income"]}
    assert page_marks(web, ID["results.txt"], '"net income"') == [
        "Net Income", "Net income", "net\nincome", "net income"]
    assert len(page_marks(web, ID["results.txt"], '"net income"')) == phrase_count(RESULTS)


def test_snippet_fragments_surround_the_phrase_not_its_lone_words(corpus_index):
    result = invoke(CliRunner(), "search", '"net income"', "--json", "--index", corpus_index[1])
    [snippet] = [hit["snippet"] for hit in json.loads(result.stdout)["hits"] if hit["id"] == ID["letter.txt"]]
    assert snippet == ("bonds of many issuers across regions and sectors. In the year the fund earned "
                       "<mark>net income</mark> of $2 million. The fund holds bonds of many issuers across regions "
                       "and sectors.")


def test_a_proximity_query_marks_its_words_only_within_their_window(corpus_index, web):
    # "Net sales and income" is within 3 positions; "income, net" is the wrong way round.
    words = ["Net", "Income", "Net", "income", "net", "income", "Net", "income", "net", "income"]
    assert page_marks(web, ID["results.txt"], '"net income"~3') == [
        "Net", "Income", "Net", "income", "net", "income", "Net", "income", "net", "income"]
    assert snippets(corpus_index[1], '"net income"~3')[ID["results.txt"]] == words
    assert api_snippets(web, '"net income"~3')[ID["results.txt"]] == words
    # One position further, "Net sales fell, and income" would be; "net asset value moved; income" is not.
    assert page_marks(web, ID["letter.txt"], '"net income"~3') == ["net", "income"]


def test_a_wildcard_marks_the_words_it_expanded_to(corpus_index, web):
    assert page_marks(web, ID["results.txt"], "delist*") == ["delisted", "delisting"]
    assert snippets(corpus_index[1], "delist*") == {ID["results.txt"]: ["delisted", "delisting"]}
    assert api_snippets(web, "delist*") == {ID["results.txt"]: ["delisted", "delisting"]}
    assert page_marks(web, ID["results.txt"], "deli*") == ["delisted", "delisting"]


def test_a_phrase_and_a_word(corpus_index, web):
    assert page_marks(web, ID["results.txt"], '"net income" taxes') == [
        "Net Income", "Net income", "net\nincome", "taxes", "Taxes", "net income"]
    assert snippets(corpus_index[1], '"net income" taxes')[ID["results.txt"]] == [
        "Net Income", "Net income", "net income", "taxes", "Taxes", "net income"]
    # A word of the phrase asked for on its own too: marked everywhere, the phrase still one mark.
    assert page_marks(web, ID["results.txt"], '"net income" net') == [
        "Net Income", "Net income", "net\nincome", "Net", "net", "net income"]


def test_words_excluded_by_not_are_never_marked(corpus_index, web):
    incomes = re.findall(r"\bincome\b", RESULTS, re.IGNORECASE)
    assert page_marks(web, ID["results.txt"], "income -net") == incomes
    assert page_marks(web, ID["results.txt"], "income NOT (net OR taxes)") == incomes
    assert snippets(corpus_index[1], "income -net") == {ID["interest.txt"]: ["income", "income"]}
    assert api_snippets(web, "income -net") == {ID["interest.txt"]: ["income", "income"]}
    # An excluded word is not marked inside a phrase either.
    assert page_marks(web, ID["results.txt"], '"net income" -net') == []
