"""Search over the real EDGAR filings: facet counts checked against a count made from `filings parse`."""

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from indexer.facets import name_key
from indexer.engines.whoosh.query import USER_FIELDS
from indexer.engines.whoosh.schema import NAMES, WORDS

from .conftest import EDGAR, invoke, shown_once


def words(analyzer, text: str | None) -> set[str]:
    return {token.text for token in analyzer(text or "")}


@pytest.fixture(scope="module")
def documents():
    """Each parsed document a search shows (a filing held as .nc and .txt once) with the words a search
    looks at: its text fields stemmed, its names as written."""
    if not EDGAR.is_dir():
        pytest.skip(f"the shared EDGAR corpus is not at {EDGAR} (it lives beside the repo in ../shared)")
    parsed = shown_once(json.loads(invoke(CliRunner(), "parse", "--json", EDGAR).stdout))
    return [(doc, words(WORDS, " ".join(filter(None, (doc["title"], doc["body"], doc["description"])))),
             words(NAMES, " ".join(filter(None, (doc["company"], doc["signer"]))))) for doc in parsed]


@pytest.mark.parametrize("word", ["exhibit", "securities", "director"])
def test_common_word_facet_counts_match_a_count_by_hand(runner, documents, edgar_index, word):
    [stem] = words(WORDS, word)
    matching = [doc for doc, text_words, name_words in documents if stem in text_words or word in name_words]

    def by_hand(field: str, key) -> Counter:
        return Counter(key(doc[field]) if doc[field] else "(none)" for doc in matching)

    every = [arg for field in ("company", "signer", "form_type", "exhibit_type") for arg in ("--more", field)]
    result = json.loads(invoke(runner, "search", word, *every, "--json", "--index", edgar_index).stdout)
    assert result["total"] == len(matching) > 20

    def shown(field: str, key) -> Counter:
        return Counter({key(v["value"]) if v["value"] != "(none)" else "(none)": v["count"]
                        for v in result["facets"][field]})

    for field, key in [("company", name_key), ("signer", name_key), ("month", str), ("form_type", str.lower),
                       ("exhibit_type", str.lower)]:
        assert shown(field, key) == by_hand(field, key), field
    assert shown("year", str) == Counter(doc["month"][:4] if doc["month"] else "(none)" for doc in matching)


def holds(doc: dict, field: str) -> bool:
    """Whether a parsed document has `field`, as a search sees it: a text field or a name only with a word in it."""
    if field == "indexed":  # stamped by the reindex on every document, never by the parser
        return True
    value = doc["month"] if field == "year" else doc[field]
    if field in ("company", "signer"):
        return bool(words(NAMES, value))
    if field in ("title", "body", "description", "signer_title"):
        return bool(words(WORDS, value))
    return value not in (None, [])  # a list field (items) holds nothing when empty


@pytest.mark.parametrize("field", USER_FIELDS)
def test_field_star_finds_the_documents_that_have_the_field(runner, documents, edgar_index, field):
    def found(query: str) -> set[str]:
        result = json.loads(invoke(runner, "search", query, "--json", "--per-page", "100", "--index",
                                   edgar_index).stdout)
        assert result["total"] == len(result["hits"])
        return {hit["id"] for hit in result["hits"]}

    having = {doc["id"] for doc, _, _ in documents if holds(doc, field)}
    assert found(f"{field}:*") == having
    assert found(f"NOT {field}:*") == {doc["id"] for doc, _, _ in documents} - having
