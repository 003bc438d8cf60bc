"""The search page and /api/search: hits, facets and the links that toggle them, chips, sort,
paging, the timeline, "did you mean", and the empty states."""

import csv
import io
from urllib.parse import parse_qs, urlencode, urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.search.request import request_from
from search_web.labels import shown

from .conftest import links, page_of, search, texts

ACME_FORM, ACME_RELEASE = "a891a0d79b0129d5", "da2be788ee721dda"
KOREA = "Korea+Thrunet+Co.,+Ltd."
ACME = "Acme+Widgets+Co.,+Ltd."


def test_start_page_invites_a_search_and_offers_the_facets(client):
    tree = page_of(client.get("/"))
    assert texts(tree, "//h1") == ["Search 7 documents"]
    assert tree.xpath("//ol[@class='hits']") == []
    assert links(tree, "//section[h3='Company']//a[contains(@class, 'facet-value')]") == [
        ("Korea Thrunet Co., Ltd. 5", f"/?company={KOREA}"), ("Acme Widgets Co., Ltd. 2", f"/?company={ACME}")]
    assert links(tree, "//section[h3='Signer']//a[contains(@class, 'facet-value')]")[-1] == ("(none) 2", "/?signer=(none)")


def test_search_lists_each_hit_with_its_facts_and_snippet(client):
    tree = page_of(client.get("/?q=widgets"))
    assert texts(tree, "//h1") == ["2 documents for “widgets”"]
    assert links(tree, "//li[@class='hit']/h2/a") == [
        ("A press release about <b>widgets</b> & gadgets, dated December 4, 2002", f"/doc/{ACME_FORM}?q=widgets"),
        ("PRESS RELEASE", f"/doc/{ACME_RELEASE}?q=widgets"),
    ]
    assert [texts(hit, "p[@class='facts']/span") for hit in tree.xpath("//li[@class='hit']")] == [
        ["Acme Widgets Co., Ltd.", "6-K", "Filed 2002-12-05", "period 2002-12-31", "CIK 0001234567",
         "accession 0000950103-02-009999", "signed by Jane Q. Roe"],
        ["Acme Widgets Co., Ltd.", "6-K · EX-99.1", "Filed 2002-12-05", "period 2002-12-31", "CIK 0001234567",
         "accession 0000950103-02-009999"],
    ]
    assert texts(tree, "//li[@class='hit'][2]/p[@class='snippet']/mark") == [
        "Widgets", "Widget", "Widgets", "widget", "Widgets", "Widgets"]


def test_facet_values_link_to_the_search_with_them_added(client):
    tree = page_of(client.get("/?q=thrunet"))
    assert links(tree, "//section[h3='Month']//a[contains(@class, 'facet-value')]") == [
        ("2002-11 2", "/?q=thrunet&month=2002-11"), ("2002-10 1", "/?q=thrunet&month=2002-10"),
        ("2002-12 1", "/?q=thrunet&month=2002-12"), ("2003-01 1", "/?q=thrunet&month=2003-01"),
    ]
    assert tree.xpath("//section[h3='Month']//a[contains(@class, 'facet-value')]/@aria-label")[0] == "Month 2002-11: 2 documents, activate to add"


def test_selected_facet_values_link_to_the_search_without_them(client):
    tree = page_of(client.get("/?q=thrunet&month=2002-11&month=2002-10"))
    assert texts(tree, "//h1") == ["3 documents for “thrunet”"]
    # A facet's own filter leaves its counts alone (multi-select); the other facets count the 3.
    assert links(tree, "//section[h3='Month']//a[contains(@class, 'facet-value')]") == [
        ("2002-11 2", "/?q=thrunet&month=2002-10"), ("2002-10 1", "/?q=thrunet&month=2002-11"),
        ("2002-12 1", "/?q=thrunet&month=2002-11&month=2002-10&month=2002-12"),
        ("2003-01 1", "/?q=thrunet&month=2002-11&month=2002-10&month=2003-01"),
    ]
    assert tree.xpath("//section[h3='Month']//a[contains(@class, 'facet-value')][@aria-current='true']/span[@class='value']/text()") == [
        "2002-11", "2002-10"]
    assert links(tree, "//section[h3='Company']//a[contains(@class, 'facet-value')]") == [
        ("Korea Thrunet Co., Ltd. 3", f"/?q=thrunet&company={KOREA}&month=2002-11&month=2002-10")]


def test_chips_each_remove_one_filter_and_clear_all_keeps_the_rest(client):
    tree = page_of(client.get(f"/?q=thrunet&company={KOREA}&month=2002-11&month_from=2002-10&sort=newest&page=1"))
    assert links(tree, "//ul[@class='chips']//a") == [
        ("Company: Korea Thrunet Co., Ltd. ×", "/?q=thrunet&month=2002-11&month_from=2002-10&sort=newest"),
        ("Month: 2002-11 ×", f"/?q=thrunet&company={KOREA}&month_from=2002-10&sort=newest"),
        ("From: 2002-10 ×", f"/?q=thrunet&company={KOREA}&month=2002-11&sort=newest"),
        ("Clear all filters", "/?q=thrunet&sort=newest"),
    ]
    assert tree.xpath("//a[@class='chip']/@aria-label")[0] == "Remove filter Company: Korea Thrunet Co., Ltd."


def test_sort_links_keep_the_filters_and_go_back_to_the_first_page(client):
    tree = page_of(client.get("/?q=thrunet&month=2002-11&sort=oldest&per_page=1&page=2"))
    assert links(tree, "//nav[@class='sort']/a") == [
        ("Relevance", "/?q=thrunet&month=2002-11&per_page=1"),
        ("Newest", "/?q=thrunet&month=2002-11&sort=newest&per_page=1"),
        ("Oldest", "/?q=thrunet&month=2002-11&sort=oldest&per_page=1"),
        ("Newest indexed", "/?q=thrunet&month=2002-11&sort=indexed&per_page=1"),
    ]
    assert texts(tree, "//nav[@class='sort']/a[@aria-current]") == ["Oldest"]


def test_paging_links_step_through_the_hits(client):
    tree = page_of(client.get("/?q=thrunet&sort=newest&per_page=2&page=2"))
    assert [href.split("?")[0] for href in tree.xpath("//li[@class='hit']/h2/a/@href")] == [
        "/doc/5eaacfbfffc9a792", "/doc/49ed4057b82157ef"]
    assert tree.xpath("//ol[@class='hits']/@start") == ["3"]
    first, second, third = (f"/?q=thrunet&sort=newest{page}&per_page=2" for page in ("", "&page=2", "&page=3"))
    assert links(tree, "//nav[@class='pages']//a") == [
        ("Previous", first), ("1", first), ("2", second), ("3", third), ("Next", third)]
    assert texts(tree, "//nav[@class='pages']//a[@aria-current='page']") == ["2"]


def test_paging_shows_the_ends_and_a_gap(client):
    tree = page_of(client.get("/?q=thrunet&sort=newest&per_page=1"))
    assert texts(tree, "//nav[@class='pages']//a") == ["1", "2", "3", "5", "Next"]
    assert texts(tree, "//nav[@class='pages']//li[@class='gap']") == ["…"]


def test_a_page_past_the_last_says_so_and_links_back(client):
    tree = page_of(client.get("/?q=thrunet&per_page=2&page=9"))
    assert texts(tree, "//p[@class='empty']") == ["This page is past the last one. Go to the first page."]
    assert links(tree, "//p[@class='empty']/a") == [("Go to the first page", "/?q=thrunet&per_page=2")]
    assert links(tree, "//nav[@class='pages']//a[@rel='prev']") == [("Previous", "/?q=thrunet&page=3&per_page=2")]


def _bars(tree) -> list[tuple[str, str, str, str]]:
    """The timeline's bars as a pointer sees them: (what each says, where it goes, height, class)."""
    return [(link.xpath("string(title)"), link.get("href"), link.xpath("rect/@height")[0], link.xpath("rect/@class")[0])
            for link in tree.xpath("//figure[@class='timeline']//svg//a")]


def _listed(tree) -> list[tuple[str, str]]:
    """The timeline's bars as a keyboard or a screen reader reaches them: the list after it."""
    return links(tree, "//figure[@class='timeline']//details[@class='periods']//a")


def test_timeline_bars_count_each_month_and_filter_to_it(client):
    tree = page_of(client.get("/?q=thrunet&month=2002-11&month_from=2002-01"))
    # A bar keeps the range: it is a filter like the others.
    assert _bars(tree) == [
        ("2002-10: 1 document", "/?q=thrunet&month=2002-10&month_from=2002-01", "20.0", "bar"),
        ("2002-11: 2 documents, selected", "/?q=thrunet&month_from=2002-01", "40.0", "bar selected"),
        ("2002-12: 1 document", "/?q=thrunet&month=2002-12&month_from=2002-01", "20.0", "bar"),
        ("2003-01: 1 document", "/?q=thrunet&month=2003-01&month_from=2002-01", "20.0", "bar"),
    ]
    assert _listed(tree) == [(label, url) for label, url, *_ in _bars(tree)]
    # Four months widen to a year, centred, so that each is a bar; the graphic fits its column.
    assert tree.xpath("//figure[@class='timeline']/svg/@viewbox") == ["0 0 120 40"]
    assert tree.xpath("//figure[@class='timeline']//svg/@width") == ["100%", "100%"]
    assert tree.xpath("//figure[@class='timeline']//rect/@x") == ["41", "51", "61", "71"]
    assert texts(tree, "//figure[@class='timeline']//svg[@class='axis']/text") == ["2002", "2003"]
    assert texts(tree, "//figure[@class='timeline']/figcaption") == ["Documents per month (a bar filters to its month)"]


def test_the_timeline_is_one_tab_stop_however_many_bars(client):
    tree = page_of(client.get("/?q=thrunet"))
    assert tree.xpath("//figure[@class='timeline']//svg//a/@tabindex") == ["-1"] * len(_bars(tree))
    assert tree.xpath("//figure[@class='timeline']//svg/@aria-hidden") == ["true", "true"]
    # The one stop is the list's summary; its links are reached only once it is opened.
    assert texts(tree, "//figure[@class='timeline']//summary") == ["Documents per month as a list"]


def _month_values(*counted: tuple[str, int]) -> list:
    from indexer.models import FacetValue

    return [FacetValue(value=month, count=count) for month, count in counted]


def test_a_long_span_gets_a_bar_a_quarter_or_a_year_and_an_axis_of_years():
    from search_web.timeline import timeline

    def url(period):
        return f"{period.first}..{period.last}"

    quarters = timeline(_month_values(("2001-02", 1), ("2001-03", 2), ("2006-11", 4)), url, lambda period: False)
    assert quarters.unit == "quarter" and [bar.description for bar in quarters.bars] == [
        "2001 Q1: 3 documents", "2006 Q4: 4 documents"]
    assert [bar.url for bar in quarters.bars] == ["2001-01..2001-03", "2006-10..2006-12"]
    assert quarters.width == 24 * 10 and [tick.year for tick in quarters.ticks] == [str(year) for year in range(2001, 2007)]
    years = timeline(_month_values(("1994-05", 1), ("2024-01", 9)), url, lambda period: False)
    assert years.unit == "year" and len(years.bars) == 2 and years.width == 31 * 10
    assert [bar.url for bar in years.bars] == ["1994-01..1994-12", "2024-01..2024-12"]
    assert len(years.ticks) <= 8 and years.ticks[0].year == "1994" and years.ticks[0].percent == 0


def test_a_quarter_bar_filters_to_its_months_within_the_searchs_range(client, tmp_path):
    from search_web.results import ResultsPage
    from indexer.models import SearchRequest, SearchResult

    request = SearchRequest(query="x", month_from="2003-02", company=["Acme"])
    months = _month_values(("2001-02", 1), ("2003-02", 2), ("2006-11", 4))
    result = SearchResult(query="x", total=7, page=1, per_page=20, hits=[], facets={"month": months}, took_ms=1)
    with client.application.test_request_context("/"):
        chart = ResultsPage(request, result).timeline
        urls = {bar.period.name: bar.url for bar in chart.bars}
        chosen = ResultsPage(SearchRequest(query="x", month_from="2003-01", month_to="2003-03"), result).timeline
    assert urls["2003 Q1"] == "/?q=x&company=Acme&month_from=2003-02&month_to=2003-03"
    assert urls["2006 Q4"] == "/?q=x&company=Acme&month_from=2006-10&month_to=2006-12"
    selected = [bar for bar in chosen.bars if bar.selected]
    assert [bar.period.name for bar in selected] == ["2003 Q1"] and selected[0].url == "/?q=x"


def test_did_you_mean_links_the_corrected_query_with_the_filters(client):
    tree = page_of(client.get(f"/?q=widgts&company={ACME}"))
    assert texts(tree, "//h1") == ["0 documents for “widgts”"]
    assert links(tree, "//p[@class='suggestion']/a") == [("widgets", f"/?q=widgets&company={ACME}")]


def test_no_hits_says_so_without_sort_or_timeline(client):
    tree = page_of(client.get("/?q=zebra"))
    assert texts(tree, "//div[@class='empty']/p[1]") == ["No documents match."]
    assert tree.xpath("//nav[@class='sort'] | //figure[@class='timeline'] | //ol[@class='hits']") == []


def test_a_new_query_keeps_the_filters_but_not_the_page(client):
    tree = page_of(client.get(f"/?q=thrunet&company={KOREA}&month=2002-11&sort=newest&page=2"))
    hidden = [(field.get("name"), field.get("value"))
              for field in tree.xpath("//form[@role='search']//input[@type='hidden']")]
    assert hidden == [("company", "Korea Thrunet Co., Ltd."), ("month", "2002-11"), ("sort", "newest")]
    assert tree.xpath("//form[@role='search']//input[@name='q']/@value") == ["thrunet"]


def test_api_search_answers_the_search_model(client, web_index):
    response = client.get("/api/search?q=thrunet&month=2002-11&month=2002-12&sort=newest&per_page=2")
    assert response.status_code == 200 and response.mimetype == "application/json"
    expected = search(web_index[1], request_from(
        {"q": "thrunet", "month": ["2002-11", "2002-12"], "sort": "newest", "per_page": "2"})).model_dump(mode="json")
    answered = response.get_json()
    assert answered.pop("took_ms") >= 0 and expected.pop("took_ms") >= 0
    assert answered == expected
    assert [hit["id"] for hit in answered["hits"]] == ["133a4a329198e11d", "5eaacfbfffc9a792"]
    assert answered["total"] == 3


def test_the_month_range_form_keeps_the_other_parameters_and_blank_means_open(client):
    tree = page_of(client.get("/?q=thrunet&month=2002-11&month_from=2002-10&sort=newest&page=2"))
    form = tree.xpath("//form[@class='range']")[0]
    assert [(field.get("name"), field.get("value")) for field in form.xpath(".//input")] == [
        ("month_from", "2002-10"), ("month_to", ""), ("q", "thrunet"), ("month", "2002-11"), ("sort", "newest")]
    tree = page_of(client.get("/?q=thrunet&month_from=2002-12&month_to="))
    assert texts(tree, "//h1") == ["2 documents for “thrunet”"]
    assert texts(tree, "//a[@class='chip']") == ["From: 2002-12 ×"]


def test_a_selected_name_spelt_otherwise_in_the_url_is_removed_by_its_facet_link(client):
    tree = page_of(client.get("/?q=thrunet&company=KOREA+THRUNET+CO+LTD"))
    assert links(tree, "//section[h3='Company']//a[contains(@class, 'facet-value')]") == [("Korea Thrunet Co., Ltd. 5", "/?q=thrunet")]
    assert tree.xpath("//section[h3='Company']//a[contains(@class, 'facet-value')]/@aria-current") == ["true"]


def test_a_month_range_narrows_the_month_and_year_facets_and_the_timeline(client):
    tree = page_of(client.get("/?month_from=2002-12&month_to=2003-01&sort=newest&per_page=2"))
    assert texts(tree, "//h1") == ["4 documents"]
    assert links(tree, "//section[h3='Month']//a[contains(@class, 'facet-value')]") == [
        ("2002-12 3", "/?month=2002-12&month_from=2002-12&month_to=2003-01&sort=newest&per_page=2"),
        ("2003-01 1", "/?month=2003-01&month_from=2002-12&month_to=2003-01&sort=newest&per_page=2")]
    assert texts(tree, "//section[h3='Year']//a[contains(@class, 'facet-value')]") == ["2002 3", "2003 1"]
    assert [label for label, *_ in _bars(tree)] == ["2002-12: 3 documents", "2003-01: 1 document"]


def _params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _total(client, url: str) -> int:
    """What following a link of the page finds, asked of the API."""
    response = client.get("/api/search?" + urlsplit(url).query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["total"]


def _link_count(link) -> int:
    return int(link.xpath("span[@class='count']/text()")[0])


MONTHS = ["2002-09", "2002-10", "2002-11", "2002-12", "2003-01", "2003-02"]
SELECTABLE = [("month", "2002-11"), ("month", "2002-12"), ("month", "(none)"), ("year", "2002"),
              ("company", "Korea Thrunet Co., Ltd."), ("signer", "(none)"), ("form_type", "6-K"),
              ("exhibit_type", "EX-99.1"), ("incorporated", "M5"), ("sic", "(none)")]
searches = st.fixed_dictionaries({
    "q": st.sampled_from(["", "thrunet", "widgets", "press"]),
    "month_from": st.sampled_from(["", *MONTHS]), "month_to": st.sampled_from(["", *MONTHS]),
    "sort": st.sampled_from(["", "newest"]), "per_page": st.sampled_from(["", "2"]),
    "selected": st.lists(st.sampled_from(SELECTABLE), max_size=3, unique=True),
}).filter(lambda search: not (search["month_from"] and search["month_to"] and search["month_from"] > search["month_to"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(wanted=searches)
def test_every_facet_link_and_timeline_bar_finds_what_its_count_says(client, wanted):
    """Facet counts predict a click: a value added finds its count more (a facet's values are OR-ed, and
    each document has one value of each), a value removed its count less, or the facet's whole count
    when it was the last selected; a bar finds its month's count. Every link keeps the other parameters."""
    selected = wanted.pop("selected")
    url = "/?" + urlencode([*wanted.items(), *selected])
    tree = page_of(client.get(url))
    total = _total(client, url)
    api_facets = client.get("/api" + url.replace("/?", "/search?", 1)).get_json()["facets"]
    asked = _params(url)
    for section in tree.xpath("//section[starts-with(@aria-labelledby, 'facet-')]"):
        field = section.get("aria-labelledby").removeprefix("facet-")
        values = section.xpath(".//a[contains(@class, 'facet-value')]")
        assert [(link.xpath("span[@class='value']/text()")[0], _link_count(link)) for link in values] == [
            (shown(field, value["value"]), value["count"]) for value in api_facets[field]]
        chosen = [link for link in values if link.get("aria-current") == "true"]
        whole = sum(map(_link_count, values))
        for link in values:
            count, href = _link_count(link), link.get("href")
            if link.get("aria-current") != "true":
                expected = (total if chosen else 0) + count
            else:
                expected = total - count if len(chosen) > 1 else whole
            assert _total(client, href) == expected, (field, href)
            assert {name: v for name, v in _params(href).items() if name != field} == {
                name: v for name, v in asked.items() if name != field}, href
    month_whole = sum(value["count"] for value in api_facets["month"])
    for label, href, *_ in _bars(tree):
        month, count = label.split(": ")[0], int(label.split(": ")[1].split()[0])
        assert _total(client, href) == (count if _params(href).get("month") == [month] else month_whole), href
        assert {name: v for name, v in _params(href).items() if name != "month"} == {
            name: v for name, v in asked.items() if name != "month"}, href


def test_every_results_page_links_its_export_and_the_page_sizes(client):
    tree = page_of(client.get(f"/?q=thrunet&company={KOREA}&per_page=2&page=2"))
    assert links(tree, "//p[@class='tools']//a") == [
        ("20", f"/?q=thrunet&company={KOREA}"), ("50", f"/?q=thrunet&company={KOREA}&per_page=50"),
        ("100", f"/?q=thrunet&company={KOREA}&per_page=100"),
        ("CSV", f"/export.csv?q=thrunet&company={KOREA}&per_page=2"),
        ("JSON", f"/api/search?q=thrunet&company={KOREA}&page=2&per_page=2"),
        ("Feed", f"/feed.atom?q=thrunet&company={KOREA}&per_page=2")]
    exported = client.get(f"/export.csv?q=thrunet&company={KOREA}&per_page=2")
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    assert "attachment" in exported.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True))))
    api = client.get(f"/api/search?q=thrunet&company={KOREA}&per_page=100").get_json()
    assert [row["id"] for row in rows] == [hit["id"] for hit in api["hits"]] and len(rows) == api["total"] == 5
    assert rows[0]["link"] == f"http://localhost/doc/{rows[0]['id']}"


def test_an_export_of_a_search_that_cannot_run_is_a_400_and_of_nothing_a_header(client):
    refused = client.get("/export.csv?q=%22unbalanced")
    assert refused.status_code == 400 and "unbalanced quote" in refused.get_data(as_text=True)
    empty = client.get("/export.csv?q=zeppelin")
    assert empty.status_code == 200 and empty.get_data(as_text=True).startswith("id,source,")
    assert empty.get_data(as_text=True).count("\n") == 1
