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
    assert _option("sort").type.choices == ("relevance", "newest", "oldest", "indexed") and _option("sort").default == "relevance"
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
    names = list(model.model_fields)
    assert names[names.index("sort") - 2:names.index("group") + 1] == [
        "sector", "fiscal_year", "sort", "page", "per_page", "group"]
    assert [name for name in names if "sector" in name] == ["sector", "not_sector", "narrow_sector"]
    assert names[-2:] == ["more", "by_value"]
    assert model.model_validate({"sector": ["Energy"], "fiscal_year": ["(none)"]}).sector == ["Energy"]
    assert model.model_validate({"more": ["sector"], "by_value": ["fiscal_year"]}).more == ["sector"]
    with pytest.raises(ValueError, match="string_pattern_mismatch"):
        model.model_validate({"fiscal_year": ["20x2"]})
    with pytest.raises(ValueError, match="string_pattern_mismatch"):
        model.model_validate({"not_fiscal_year": ["20x2"]})

    @click.command()
    @request_options(model)
    def asked(**fields):
        click.echo(json.dumps(fields))

    result = runner.invoke(asked, ["--sector", "Energy", "--sector", "Utilities", "--fiscal-year", "2003",
                                   "--not-sector", "Mining", "--narrow-sector", "en", "--more", "sector"])
    assert result.exit_code == 0, result.output
    every = (*FACET_FIELDS, "sector", "fiscal_year")
    assert json.loads(result.stdout) == {
        **{name: [] for name in FACET_FIELDS}, "query": "", "month_from": None, "month_to": None,
        "filed_from": None, "filed_to": None, "filed_within": None, "entity": None, "group": "document", "sort": "relevance",
        "indexed_after": None, "page": "1", "per_page": "20", "sector": ["Energy", "Utilities"], "fiscal_year": ["2003"],
        **{f"not_{name}": [] for name in every}, "not_sector": ["Mining"],
        **{f"narrow_{name}": None for name in every}, "narrow_sector": "en", "more": ["sector"], "by_value": []}
    helped = " ".join(runner.invoke(asked, ["--help"]).stdout.split())
    assert f"--sector TEXT Only this sector. {REPEATS}" in helped
    assert "--not-sector TEXT Not this sector. Repeat for several (each is left out)." in helped
    assert "--narrow-sector TEXT List only the Sector facet's values holding this text" in helped


# The web tests' corpus's documents, every one.
EVERY = sorted({id for _, ids in HOLDING.values() for id in ids})


@pytest.mark.parametrize("facet", FACETS, ids=FACET_FIELDS)
def test_a_facet_has_an_exclusion_and_a_narrowing_option_with_their_help(facet):
    excluding, narrowing = _option(facet.excluding), _option(facet.narrowing)
    assert (excluding.opts, excluding.multiple, narrowing.opts, narrowing.multiple) == (
        [f"--not-{facet.name.replace('_', '-')}"], True, [f"--narrow-{facet.name.replace('_', '-')}"], False)
    assert excluding.help == f"{facet.excluding_help} Repeat for several (each is left out)."
    assert excluding.help.startswith("Not ") and facet.help.removeprefix("Only ") in excluding.help
    assert SearchRequest.model_fields[facet.excluding].description == facet.excluding_help


@pytest.mark.parametrize("facet", FACETS, ids=FACET_FIELDS)
def test_a_facet_excludes_as_its_option_and_as_its_url_parameter(runner, client, web_index, facet):
    """What a value finds is left out of the hits, and out of every other facet's counts; the
    facet's own counts leave its exclusion out, as they leave out its selection, so the value is
    listed with what it would bring back, marked excluded."""
    value, holding = HOLDING[facet.name]
    rest = sorted(set(EVERY) - set(holding))
    printed = invoke(runner, "search", flag(facet.excluding), value, "--json", "--index", web_index[1])
    assert printed.exit_code == 0, printed.output
    answered = client.get("/api/search", query_string={facet.excluding: value}).get_json()
    for result in (json.loads(printed.stdout), answered):
        assert _ids(result) == rest and result["total"] == len(rest)
        assert [(shown["value"], shown["count"]) for shown in result["facets"][facet.name]
                if shown.get("excluded")] == [(value, len(holding))]
        assert not any(shown["selected"] for shown in result["facets"][facet.name])


@pytest.mark.parametrize("facet", FACETS, ids=FACET_FIELDS)
def test_every_value_of_a_facet_is_listed_by_the_command_and_the_api(runner, client, web_index, facet):
    """`filings facets FIELD` and /api/facets/FIELD list the values the search's facet counts, with
    how many there are; the page's search lists the same, or its first FACET_VALUES and a link to more."""
    browse = client.get("/api/search").get_json()
    expected = [(shown["value"], shown["count"]) for shown in browse["facets"][facet.name]]
    printed = invoke(runner, "facets", facet.name, "--json", "--index", web_index[1])
    assert printed.exit_code == 0, printed.output
    answered = client.get(f"/api/facets/{facet.name}").get_json()
    for listing in (json.loads(printed.stdout), answered):
        assert (listing["field"], listing["total"], listing["facet_total"]) == (
            facet.name, len(EVERY), browse["facet_totals"][facet.name])
        assert [(shown["value"], shown["count"]) for shown in listing["values"]] == expected
    narrowed = invoke(runner, "facets", facet.name, "--narrow", HOLDING[facet.name][0], "--json",
                      "--index", web_index[1])
    assert HOLDING[facet.name][0] in [shown["value"] for shown in json.loads(narrowed.stdout)["values"]]


def test_an_unknown_facet_is_one_line_and_exit_2_or_a_400(runner, client, web_index):
    printed = invoke(runner, "facets", "sector", "--index", web_index[1])
    assert printed.exit_code == 2 and printed.stdout == ""
    assert printed.stderr == f"error: unknown facet 'sector'; facets are: {', '.join(FACET_FIELDS)}\n"
    answered = client.get("/api/facets/sector")
    assert answered.status_code == 400 and answered.get_json()["error"].startswith("unknown facet 'sector'")
    assert invoke(runner, "facets", "form-type", "--json", "--index", web_index[1]).exit_code == 0
