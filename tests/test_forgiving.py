"""Filters and queries as EDGAR users type them: a company without its legal form or case, a form
type without its hyphen, a CIK without its leading zeros, an accession number pasted as the
query, with or without dashes. The same through the CLI and the web (the cluster's parity suite
asks the same of the cluster)."""

import html
import json
import re

import pytest
from click.testing import CliRunner

from .conftest import invoke

# (what is typed, what it stands for): each as search options, or as the query.
TYPED = [
    (["--company", "acme widgets"], ["--company", "ACME WIDGETS CO LTD"]),
    (["--company", "Acme Widgets Co., Ltd."], ["--company", "ACME WIDGETS CO LTD"]),
    (["--company", "korea thrunet"], ["--company", "Korea Thrunet Co., Ltd."]),
    (["--form-type", "6k"], ["--form-type", "6-K"]),
    (["--form-type", "6 K"], ["--form-type", "6-K"]),
    (["--exhibit-type", "ex99.1"], ["--exhibit-type", "EX-99.1"]),
    (["cik:1234567"], ["cik:0001234567"]),
    (["0000950103-02-009999"], ["accession:0000950103-02-009999"]),
    (["000095010302009999"], ["accession:0000950103-02-009999"]),
    (["  0000950103-02-009999 "], ["accession:0000950103-02-009999"]),
]


def _found(index, args: list[str]) -> list[str]:
    query, options = (args[0], args[1:]) if not args[0].startswith("--") else ("", args)
    result = invoke(CliRunner(), "search", query, *options, "--json", "--per-page", "100", "--index", index)
    assert result.exit_code == 0, result.stderr
    return sorted(hit["id"] for hit in json.loads(result.stdout)["hits"])


@pytest.mark.parametrize("typed, meant", TYPED)
def test_the_cli_finds_what_was_meant(web_index, typed, meant):
    _, index = web_index
    expected = _found(index, meant)
    assert expected and _found(index, typed) == expected


def _params(args: list[str]) -> dict:
    if not args[0].startswith("--"):
        return {"q": args[0]}
    return {args[0][2:].replace("-", "_"): args[1]}


@pytest.mark.parametrize("typed, meant", TYPED)
def test_the_web_finds_what_was_meant(client, typed, meant):
    def found(args):
        response = client.get("/api/search", query_string={**_params(args), "per_page": 100})
        assert response.status_code == 200, response.get_data(as_text=True)
        return sorted(hit["id"] for hit in response.get_json()["hits"])

    assert found(meant) and found(typed) == found(meant)


def test_a_legal_form_goes_only_from_a_names_end():
    from indexer.facets import company_key

    assert [company_key(name) for name in ("Company", "Co., Ltd.", "Tesla, Inc.", "Inc. Research Holdings, Inc.")] == \
        ["company", "co", "tesla", "inc research holdings"]


def test_a_typed_filter_is_shown_selected_in_the_facet(client):
    facet = client.get("/api/search", query_string={"company": "acme widgets"}).get_json()["facets"]["company"]
    assert [value["selected"] for value in facet if value["value"].upper().startswith("ACME")] == [True]


def test_a_filter_matching_nothing_offers_the_nearest_values(web_index, client):
    """In the JSON (the facet's value, `nearest`), on the command line and on the page, whose
    links put a nearest value in the filter's place."""
    _, index = web_index
    result = invoke(CliRunner(), "search", "", "--company", "acme widgts", "--json", "--index", index)
    chosen = [value for value in json.loads(result.stdout)["facets"]["company"] if value["selected"]]
    assert chosen == [{"value": "acme widgts", "count": 0, "selected": True, "nearest": ["Acme Widgets Co., Ltd."]}]
    text = invoke(CliRunner(), "search", "", "--company", "acme widgts", "--form-type", "6k", "--index", index).stdout
    assert "--company 'acme widgts' matches nothing. Did you mean: Acme Widgets Co., Ltd.?" in text
    page = client.get("/", query_string={"company": "acme widgts", "form_type": "6k"}).get_data(as_text=True)
    assert "No company matches “acme widgts”." in page
    link = re.search(r'Did you mean <a href="([^"]+)">Acme Widgets Co., Ltd.</a>', page).group(1)
    again = client.get(html.unescape(link)).get_data(as_text=True)
    assert "No company matches" not in again and "2 documents" in again
    nothing_near = invoke(CliRunner(), "search", "", "--company", "zzzz qqqq", "--json", "--index", index).stdout
    assert [value for value in json.loads(nothing_near)["facets"]["company"] if value["selected"]] == [
        {"value": "zzzz qqqq", "count": 0, "selected": True}]
