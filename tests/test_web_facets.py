"""Facets that scale, on a corpus with more companies and signers than a facet lists at first: how
many values each has, more on request, a box narrowing a facet's values (a plain GET form), date
order, and a value excluded as well as selected, through the page, the API and the CLI."""

import json
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from benchmarks.generate import write_corpus
from indexer.models import FACET_VALUES
from search_web import create_app

from .conftest import build_index, invoke, links, page_of, texts

DOCUMENTS = 120


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("facets")
    write_corpus(root / "corpus", DOCUMENTS)
    return root / "corpus", build_index(root / "corpus", root / "index")


@pytest.fixture(scope="module")
def client(generated):
    corpus, index = generated
    return create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()


def _api(client, **params) -> dict:
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def _every(client, field: str, **params) -> list[tuple[str, int]]:
    return [(value["value"], value["count"]) for value in _api(client, more=field, **params)["facets"][field]]


def _values(tree, field: str) -> list[tuple[str, int]]:
    """The page's values of a facet, as (value, count)."""
    return [(link.xpath("string(span[@class='value'])"), int(link.xpath("string(span[@class='count'])")))
            for link in tree.xpath(f"//section[@aria-labelledby='facet-{field}']//a[contains(@class, 'facet-value')]")]


def _section(field: str) -> str:
    return f"//section[@aria-labelledby='facet-{field}']"


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_a_long_facet_lists_its_first_values_says_how_many_and_shows_more_on_request(client):
    every = _every(client, "company")
    assert len(every) > FACET_VALUES + 5 and every == sorted(every, key=lambda value: -value[1])
    browse = _api(client)
    assert browse["facet_totals"]["company"] == len(every)
    assert [(value["value"], value["count"]) for value in browse["facets"]["company"]] == every[:FACET_VALUES]
    tree = page_of(client.get("/"))
    assert _values(tree, "company") == every[:FACET_VALUES]
    assert texts(tree, f"{_section('company')}//span[@class='total']") == [f"{len(every)} values"]
    hidden = len(every) - FACET_VALUES
    assert links(tree, f"{_section('company')}//p[@class='facet-more']/a") == [(f"Show more ({hidden})", "/?more=company")]
    tree = page_of(client.get("/?more=company"))
    assert _values(tree, "company") == every
    assert links(tree, f"{_section('company')}//p[@class='facet-more']/a") == [("Show fewer", "/")]
    # Months and years list every value: the timeline is drawn from them.
    assert len(browse["facets"]["month"]) == browse["facet_totals"]["month"] > FACET_VALUES


def test_a_selected_or_excluded_value_past_the_first_is_listed_with_its_count(client, runner, generated):
    every = _every(client, "company")
    (last, count), (before, other) = every[-1], every[-2]
    result = _api(client, company=last, not_company=before)
    listed = [(value["value"], value["count"], value["selected"], value.get("excluded", False))
              for value in result["facets"]["company"]]
    assert listed == [(*value, False, False) for value in every[:FACET_VALUES]] + [
        (before, other, False, True), (last, count, True, False)]
    tree = page_of(client.get("/", query_string={"company": last, "not_company": before}))
    hidden = len(every) - FACET_VALUES - 2
    assert texts(tree, f"{_section('company')}//p[@class='facet-more']/a") == [f"Show more ({hidden})"]
    printed = invoke(runner, "search", "--company", last, "--not-company", before, "--json", "--index", generated[1])
    assert json.loads(printed.stdout)["facets"]["company"] == result["facets"]["company"]


def test_the_box_narrows_a_facets_values_as_a_plain_get_form_keeping_the_search(client):
    every = _every(client, "company")
    word = next(name.split()[-1] for name, _ in every if name.split()[-1] not in ("Ltd.", "SA", "Limited"))
    tree = page_of(client.get("/?q=&form_type=6-K&sort=newest"))
    form = tree.xpath(f"{_section('company')}//form[@class='narrow']")[0]
    assert (form.get("method"), form.get("action")) == ("get", "/")
    fields = [(field.get("name"), field.get("value")) for field in form.xpath(".//input")]
    assert fields == [("narrow_company", ""), ("form_type", "6-K"), ("sort", "newest")]
    typed = word.lower()[:-1]
    submitted = "/?" + urlencode([(name, typed if name == "narrow_company" else value) for name, value in fields])
    tree = page_of(client.get(submitted))
    within = _every(client, "company", form_type="6-K")
    expected = [value for value in within if typed in value[0].lower()]
    assert expected and _values(tree, "company") == expected[:FACET_VALUES]
    assert texts(tree, f"{_section('company')}//span[@class='total']")[0].startswith(f"{len(expected)} value")
    assert texts(tree, "//a[@class='chip']") == ["Form type: 6-K ×"]  # the hits are not narrowed
    assert links(tree, f"{_section('company')}//a[@class='clear-narrowing']") == [
        ("Every value", "/?form_type=6-K&sort=newest")]
    nothing = page_of(client.get("/?narrow_company=zzzqqq"))
    assert texts(nothing, f"{_section('company')}//p[@class='facet-said']") == ["No value holds “zzzqqq”."]
    assert nothing.xpath(f"{_section('company')}//form[@class='narrow']")


def test_the_box_matches_a_name_by_its_key(client):
    every = _every(client, "company")
    name = next(name for name, _ in every if name.endswith((" Ltd.", " Limited", " SA")))
    core = name.rsplit(" ", 1)[0]
    for typed in (core.upper(), core.replace(" ", "  ") + ",", f"{core.lower()} ltd"):
        found = [value["value"] for value in _api(client, narrow_company=typed, more="company")["facets"]["company"]]
        assert name in found, typed


def test_a_date_facet_reads_in_date_order_and_back(client):
    tree = page_of(client.get("/?q="))
    (order,) = tree.xpath(f"{_section('year')}//p[@class='facet-about']/a")
    assert (order.text_content(), order.get("href")) == ("Date order", "/?by_value=year")
    tree = page_of(client.get(order.get("href")))
    years = _values(tree, "year")
    dated = [value for value in years if value[0] != "(none)"]
    assert dated == sorted(dated) and sorted(years) == sorted(_values(page_of(client.get("/")), "year"))
    assert links(tree, f"{_section('year')}//p[@class='facet-about']/a") == [("Most common first", "/")]
    months = [value["value"] for value in _api(client, by_value="month")["facets"]["month"] if value["value"] != "(none)"]
    assert months == sorted(months) and len(months) > FACET_VALUES


def test_an_exclude_link_leaves_out_what_its_value_counts(client):
    """A value's "not" link finds what the page finds less the value's count, on every facet without a
    filter of its own; the excluded value stays listed with its count, struck through, and its link and
    its chip each bring it back."""
    url = "/?q=&form_type=6-K"
    tree = page_of(client.get(url))
    total = _api(client, **{name: values[0] for name, values in _query(url).items()})["total"]
    checked = 0
    for link in tree.xpath("//a[@class='exclude']"):
        field = link.getparent().getparent().getparent().get("aria-labelledby").removeprefix("facet-")
        if field == "form_type":
            continue
        count = int(link.getparent().xpath("string(a[contains(@class, 'facet-value')]/span[@class='count'])"))
        params = _query(link.get("href"))
        assert {name: values for name, values in params.items() if name != f"not_{field}"} == {"form_type": ["6-K"]}
        assert _api(client, **params)["total"] == total - count, link.get("href")
        checked += 1
    assert checked > 20
    company, count = _every(client, "company", form_type="6-K")[0]
    excluded = page_of(client.get("/", query_string={"form_type": "6-K", "not_company": company}))
    (value,) = excluded.xpath(f"{_section('company')}//a[contains(@class, 'excluded')]")
    assert (value.xpath("string(span[@class='value'])"), value.get("href")) == (company, "/?form_type=6-K")
    assert int(value.xpath("string(span[@class='count'])")) == count
    assert links(excluded, "//a[@class='chip']")[1] == (f"Company: not {company} ×", "/?form_type=6-K")


def test_an_excluded_value_narrows_every_other_facets_counts(client):
    """Leaving out one of two form types counts the other facets as selecting the other one does."""
    kinds = _every(client, "form_type")
    assert [value for value, _ in kinds] == ["6-K", "EX-99.1"]
    excluding, selecting = _api(client, not_form_type="6-K"), _api(client, form_type="EX-99.1")
    assert excluding["total"] == selecting["total"] == kinds[1][1]
    for field in excluding["facets"]:
        if field != "form_type":
            assert excluding["facets"][field] == selecting["facets"][field], field
            assert excluding["facet_totals"][field] == selecting["facet_totals"][field], field


def test_a_value_is_left_out_beside_a_selection_and_a_selected_one_is_taken_off_first(client):
    (first, _), (second, _), (third, _) = _every(client, "company")[:3]
    tree = page_of(client.get("/", query_string={"company": [first, second]}))
    excluding = {link.get("aria-label"): _query(link.get("href"))
                 for link in tree.xpath(f"{_section('company')}//a[@class='exclude']")}
    assert excluding[f"Leave out Company {third}"] == {"company": [first, second], "not_company": [third]}
    assert f"Leave out Company {first}" not in excluding and f"Leave out Company {second}" not in excluding


def test_the_facets_command_lists_every_value_one_a_line(runner, client, generated):
    every = _every(client, "company")
    printed = invoke(runner, "facets", "company", "--index", generated[1])
    assert printed.exit_code == 0, printed.output
    lines = printed.stdout.splitlines()
    assert lines[0] == f"Company: {len(every)} values in {DOCUMENTS} documents"
    width = len(str(every[0][1]))
    assert lines[1:] == [f"{count:>{width}}  {value}" for value, count in every]
    left_out = invoke(runner, "facets", "company", "--not-company", every[0][0], "--form-type", "6-K",
                      "--index", generated[1])
    assert left_out.exit_code == 0, left_out.output
    within = dict(_every(client, "company", form_type="6-K"))
    assert [line.split() for line in left_out.stdout.splitlines() if line.endswith(" (left out)")] == [
        [str(within[every[0][0]]), *every[0][0].split(), "(left", "out)"]]
    dated = invoke(runner, "facets", "year", "--by-value", "--json", "--index", generated[1])
    years = [value["value"] for value in json.loads(dated.stdout)["values"]]
    assert years == sorted(years, key=lambda year: (year == "(none)", year))


@pytest.mark.parametrize("args, says", [
    (["facets"], "Missing argument 'FIELD'"),
    (["facets", "nope"], "unknown facet 'nope'; facets are: company, month,"),
    (["facets", "month", "--not-month", "2002-1"], "--not-month '2002-1': months are written YYYY-MM"),
    (["search", "--more", "nope"], "'nope' is not one of"),
])
def test_a_bad_facet_argument_is_one_line_and_exit_2(runner, generated, args, says):
    printed = invoke(runner, *args, "--index", generated[1])
    assert printed.exit_code == 2 and says in printed.stderr and len(printed.stderr.splitlines()) == 1, printed.stderr


@pytest.mark.parametrize("params, says", [
    ({"more": "nope"}, "more='nope'"),
    ({"not_year": "20x"}, "not_year='20x': years are written YYYY"),
    ({"narrow_company": "x" * 201}, "narrow_company="),
])
def test_a_bad_facet_parameter_is_a_400_naming_it(client, params, says):
    assert client.get("/", query_string=params).status_code == 400
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 400 and says in response.get_json()["error"]


def test_the_box_finds_a_code_by_its_name_and_a_company_by_its_cik(runner, web_index):
    corpus, index = web_index
    web = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    assert [value["value"] for value in _api(web, narrow_incorporated="korea")["facets"]["incorporated"]] == ["M5"]
    assert [value["value"] for value in _api(web, narrow_company="1234567")["facets"]["company"]] == [
        "Acme Widgets Co., Ltd."]
    printed = invoke(runner, "facets", "form_type", "--narrow", "ex99", "--index", index)
    assert printed.stdout.splitlines() == ["Form type: 1 value holding 'ex99' in 7 documents", "1  EX-99.1"]
