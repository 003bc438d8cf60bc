"""Each facet is declared once (indexer/facets.py): its request field, its `filings search` option,
its URL parameter, its JSON key and its label all derive from the declaration, and so would a new one's."""

import json

import click
import pytest

from indexer.cli import cli
from indexer.cli.request_options import flag, request_options
from indexer.facets import FACET_FIELDS, FACETS, Facet
from indexer.models import SearchRequest, request_model

from .conftest import invoke, page_of, texts

REPEATS = "Repeat for several (any of them matches)."
# For each declared facet, a value of the web tests' corpus and the documents holding it: a facet
# added to the declaration needs its row here.
HOLDING = {
    "company": ("Acme Widgets Co., Ltd.", ["a891a0d79b0129d5", "da2be788ee721dda"]),
    "month": ("2002-11", ["49ed4057b82157ef", "5eaacfbfffc9a792"]),
    "year": ("2003", ["546a71a2cfce60ee"]),
    "form_type": ("EX-99.1", ["5eaacfbfffc9a792"]),
    "exhibit_type": ("EX-99.1", ["5eaacfbfffc9a792", "da2be788ee721dda"]),
    "category": ("Current reports", ["133a4a329198e11d", "49ed4057b82157ef", "546a71a2cfce60ee", "9b0e2bffb9bd7768",
                                     "a891a0d79b0129d5", "da2be788ee721dda"]),
    "signer": ("Yong S. Lee", ["49ed4057b82157ef", "9b0e2bffb9bd7768"]),
    # The corpus holds no 8-K (tests/test_registrant.py counts items over one that does).
    "items": ("(none)", ["133a4a329198e11d", "49ed4057b82157ef", "546a71a2cfce60ee", "5eaacfbfffc9a792",
                         "9b0e2bffb9bd7768", "a891a0d79b0129d5", "da2be788ee721dda"]),
    "sic": ("3490", ["a891a0d79b0129d5", "da2be788ee721dda"]),
    "industry": ("Miscellaneous Fabricated Metal Products", ["a891a0d79b0129d5", "da2be788ee721dda"]),
    "incorporated": ("M5", ["a891a0d79b0129d5", "da2be788ee721dda"]),
    "location": ("M5", ["a891a0d79b0129d5", "da2be788ee721dda"]),
}
SEARCH = cli.get_command(None, "search")


def _option(name: str) -> click.Option:
    return next(param for param in SEARCH.params if param.name == name)


def _ids(result: dict) -> list[str]:
    return sorted(hit["id"] for hit in result["hits"])


def test_every_declared_facet_has_a_row_of_values_here():
    assert list(HOLDING) == list(FACET_FIELDS)


def test_the_search_options_are_named_as_before():
    assert [param.opts for param in SEARCH.params][:22] == [
        ["query"], ["--entity"], ["--company"], ["--month"], ["--from"], ["--to"], ["--filed-from"], ["--filed-to"],
        ["--filed-within"], ["--year"], ["--form-type"], ["--exhibit-type"],
        ["--category"], ["--signer"], ["--items"], ["--sic"], ["--industry"], ["--incorporated"], ["--location"], ["--sort"],
        ["--page"], ["--per-page"]]
    assert (flag("exhibit_type"), flag("month_from"), flag("per_page")) == ("--exhibit-type", "--from", "--per-page")


def test_every_field_of_the_request_is_an_argument_of_the_search_command():
    assert [param.name for param in SEARCH.params][:len(SearchRequest.model_fields)] == list(SearchRequest.model_fields)
    assert _option("sort").type.choices == ("relevance", "newest", "oldest") and _option("sort").default == "relevance"
    assert (_option("per_page").default, _option("per_page").help) == ("20", "Hits per page (at most 100).")


@pytest.mark.parametrize("facet", FACETS, ids=FACET_FIELDS)
def test_a_facet_is_a_repeatable_option_with_its_help(runner, facet):
    option = _option(facet.name)
    assert option.opts == [flag(facet.name)] and option.multiple
    assert option.help == f"{facet.help} {REPEATS}"
    assert SearchRequest.model_fields[facet.name].description == facet.help
    helped = " ".join(invoke(runner, "search", "--help").stdout.split())
    assert f"{flag(facet.name)} TEXT {facet.help} {REPEATS}" in helped


@pytest.mark.parametrize("facet", FACETS, ids=FACET_FIELDS)
def test_a_facet_filters_as_its_option_and_as_its_url_parameter(runner, client, web_index, facet):
    value, holding = HOLDING[facet.name]
    printed = invoke(runner, "search", flag(facet.name), value, "--json", "--index", web_index[1])
    assert printed.exit_code == 0, printed.output
    answered = client.get("/api/search", query_string={facet.name: value}).get_json()
    for result in (json.loads(printed.stdout), answered):
        assert _ids(result) == holding and result["total"] == len(holding)
        assert list(result["facets"]) == list(FACET_FIELDS)
        assert [shown["value"] for shown in result["facets"][facet.name] if shown["selected"]] == [value]


def test_the_pages_label_each_facet_as_declared(client):
    assert texts(page_of(client.get("/")), "//aside[@id='facets']//h3") == [facet.label for facet in FACETS]


SECTOR = Facet("sector", "Sector", "value", "Only this sector.")
FISCAL_YEAR = Facet("fiscal_year", "Fiscal year", "year", "Only this fiscal year.")


def test_a_facet_added_to_the_declaration_gets_its_field_and_its_option(runner):
    model = request_model((*FACETS, SECTOR, FISCAL_YEAR))
    assert list(model.model_fields)[-6:] == ["sector", "fiscal_year", "sort", "page", "per_page", "group"]
    assert model.model_validate({"sector": ["Energy"], "fiscal_year": ["(none)"]}).sector == ["Energy"]
    with pytest.raises(ValueError, match="string_pattern_mismatch"):
        model.model_validate({"fiscal_year": ["20x2"]})

    @click.command()
    @request_options(model)
    def asked(**fields):
        click.echo(json.dumps(fields))

    result = runner.invoke(asked, ["--sector", "Energy", "--sector", "Utilities", "--fiscal-year", "2003"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {**{name: [] for name in FACET_FIELDS}, "query": "", "month_from": None,
                                         "month_to": None, "filed_from": None, "filed_to": None, "filed_within": None,
                                         "sort": "relevance", "page": "1", "per_page": "20", "group": "document",
                                         "sector": ["Energy", "Utilities"], "fiscal_year": ["2003"],
                                         "entity": None}
    helped = " ".join(runner.invoke(asked, ["--help"]).stdout.split())
    assert f"--sector TEXT Only this sector. {REPEATS}" in helped
