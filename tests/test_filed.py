"""Filing-date ranges: `--filed-from`/`--filed-to` (days, or a year or a month read as its first or
last day), a span back from the day of the search (`--filed-within 5y`), documents without a filing
date left out by any of them; the page's presets (Last year, 5 years, 10 years, Custom) with the one
chosen marked and removable as a chip. The same on a folder and on the cluster."""

import datetime
import json
import shutil
from pathlib import Path

import pytest

from search_web import create_app

from .conftest import FOLDER_OR_CLUSTER, SEEDS, engine_index, invoke, links, page_of, submission, texts


def _back(years: int = 0, days: int = 0) -> datetime.date:
    """Today `years` and `days` earlier, far from any preset's edge by the test's choice of them."""
    today = datetime.datetime.now(datetime.UTC).date()
    return today.replace(year=today.year - years, day=min(today.day, 28)) - datetime.timedelta(days=days)


# Name -> filing date: a month ago, 3, 7 and 20 years ago.
FILED = {"recent": _back(days=30), "three": _back(3), "seven": _back(7), "twenty": _back(20)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """One filing per FILED date, each of its own company, and a seed cover without a filing date."""
    folder = tmp_path_factory.mktemp("filed") / "corpus"
    folder.mkdir()
    for number, (name, filed) in enumerate(FILED.items(), 1):
        (folder / f"{name}.txt").write_text(submission(f"0000000001-00-{number:06d}", filed.isoformat(),
                                                       company=f"{name.upper()} CORP", cik=f"{number:010d}"))
    shutil.copy(SEEDS / "000_e15dcc41c4970baf.txt", folder)
    return folder


@pytest.fixture(scope="module", params=FOLDER_OR_CLUSTER)
def index(request, corpus, tmp_path_factory) -> str:
    return engine_index(request, corpus, tmp_path_factory)


def _companies(runner, index: str, *options: str) -> list[str]:
    result = invoke(runner, "search", "--json", "--sort", "newest", "--index", index, *options)
    assert result.exit_code == 0, result.stderr
    return [hit["company"] for hit in json.loads(result.stdout)["hits"]]


@pytest.mark.parametrize("options, found", [
    ((), ["Recent Corp", "Three Corp", "Seven Corp", "Twenty Corp", "Korea Thrunet Co., Ltd."]),
    (("--filed-within", "1y"), ["Recent Corp"]),
    (("--filed-within", "5y"), ["Recent Corp", "Three Corp"]),
    (("--filed-within", "10y"), ["Recent Corp", "Three Corp", "Seven Corp"]),
    (("--filed-within", "99y"), ["Recent Corp", "Three Corp", "Seven Corp", "Twenty Corp"]),
    (("--filed-from", FILED["seven"].isoformat()), ["Recent Corp", "Three Corp", "Seven Corp"]),
    (("--filed-to", FILED["seven"].isoformat()), ["Seven Corp", "Twenty Corp"]),
    (("--filed-from", FILED["seven"].isoformat(), "--filed-to", FILED["seven"].isoformat()), ["Seven Corp"]),
    (("--filed-from", str(FILED["twenty"].year), "--filed-to", str(FILED["twenty"].year)), ["Twenty Corp"]),
    (("--filed-from", FILED["three"].isoformat()[:7], "--filed-to", FILED["three"].isoformat()[:7]), ["Three Corp"]),
    (("--filed-to", str(FILED["twenty"].year - 1)), []),
])
def test_a_filed_range_keeps_the_filings_filed_in_it(runner, index, options, found):
    assert _companies(runner, index, *options) == found


def test_a_year_or_a_month_is_read_as_its_first_or_last_day(runner, index):
    year, month = str(FILED["three"].year), FILED["three"].isoformat()[:7]
    assert _companies(runner, index, "--filed-from", year, "--filed-to", year) == \
        _companies(runner, index, "--filed-from", f"{year}-01-01", "--filed-to", f"{year}-12-31") == ["Three Corp"]
    last = (datetime.date(FILED["three"].year + (FILED["three"].month == 12), FILED["three"].month % 12 + 1, 1)
            - datetime.timedelta(days=1))
    assert _companies(runner, index, "--filed-from", month, "--filed-to", month) == \
        _companies(runner, index, "--filed-from", f"{month}-01", "--filed-to", last.isoformat())


@pytest.mark.parametrize("options, said", [
    (("--filed-from", "2020-02-30"), "bad search parameter --filed-from '2020-02-30': there is no such day"),
    (("--filed-from", "2020/01/01"),
     "bad search parameter --filed-from '2020/01/01': dates are written YYYY-MM-DD (or YYYY, YYYY-MM)"),
    (("--filed-within", "5"), "bad search parameter --filed-within '5': a span of years is written Ny"),
    (("--filed-from", "2021", "--filed-to", "2020"), "--filed-from 2021-01-01 is after --filed-to 2020-12-31"),
    (("--filed-within", "5y", "--filed-from", "2020"),
     "--filed-within 5y is a range of its own: give it without --filed-from and --filed-to"),
])
def test_a_bad_filed_range_is_one_line_naming_the_option(runner, index, options, said):
    result = invoke(runner, "search", "--index", index, *options)
    assert (result.exit_code, result.stderr) == (2, f"error: {said}\n")


def test_the_facets_count_within_the_filed_range(runner, index):
    result = json.loads(invoke(runner, "search", "--json", "--filed-within", "5y", "--index", index).stdout)
    assert result["total"] == 2
    assert {value["value"]: value["count"] for value in result["facets"]["company"]} == {"Recent Corp": 1,
                                                                                       "Three Corp": 1}


@pytest.fixture
def client(index, corpus):
    return create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()


PRESETS = ["Any time", "Last year", "Last 5 years", "Last 10 years"]


def _presets(tree) -> list[tuple[str, str]]:
    return links(tree, "//form[contains(@class, 'filed')]//ul[@class='presets']//a")


def _current(tree) -> list[str]:
    return texts(tree, "//form[contains(@class, 'filed')]//a[@aria-current='true']")


def test_the_page_offers_the_presets_and_marks_the_one_chosen(client):
    tree = page_of(client.get("/?q=annual"))
    assert [label for label, _ in _presets(tree)] == PRESETS and _current(tree) == ["Any time"]
    chosen = dict(_presets(tree))["Last 5 years"]
    assert chosen == "/?q=annual&filed_within=5y"
    tree = page_of(client.get(chosen))
    assert texts(tree, "//h1") == ["2 documents for “annual”"]
    assert _current(tree) == ["Last 5 years"]
    today = datetime.datetime.now(datetime.UTC).date()
    since = today.replace(year=today.year - 5, day=28 if (today.month, today.day) == (2, 29) else today.day)
    assert links(tree, "//ul[@class='chips']//a[@class='chip']") == [
        (f"Filed: last 5 years (since {since.isoformat()}) ×", "/?q=annual")]
    # The chosen preset removes itself; another takes its place.
    assert dict(_presets(tree))["Last 5 years"] == "/?q=annual"
    assert dict(_presets(tree))["Last year"] == "/?q=annual&filed_within=1y"


def test_the_custom_range_is_two_date_inputs_that_keep_the_rest_of_the_search(client):
    tree = page_of(client.get("/?q=annual&filed_within=10y&sort=newest"))
    form = tree.xpath("//form[contains(@class, 'filed')]")[0]
    assert [(field.get("name"), field.get("type")) for field in form.xpath(".//input[@type='date']")] == [
        ("filed_from", "date"), ("filed_to", "date")]
    # The preset is left out: the custom range replaces it.
    assert [(field.get("name"), field.get("value")) for field in form.xpath(".//input[@type='hidden']")] == [
        ("q", "annual"), ("sort", "newest")]
    year = FILED["seven"].year
    tree = page_of(client.get(f"/?q=annual&sort=newest&filed_from={year}&filed_to={year}"))
    assert texts(tree, "//h1") == ["1 document for “annual”"]
    assert _current(tree) == [] and texts(tree, "//form[contains(@class, 'filed')]//span[@class='custom selected']")
    assert [field.get("value") for field in tree.xpath("//input[@type='date']")] == [f"{year}-01-01", f"{year}-12-31"]
    assert links(tree, "//ul[@class='chips']//a[@class='chip']") == [
        (f"Filed: {year}-01-01 to {year}-12-31 ×", "/?q=annual&sort=newest")]


def test_the_api_filters_alike_and_a_bad_date_is_a_400(client):
    assert client.get("/api/search?filed_within=10y").get_json()["total"] == 3
    assert client.get(f"/api/search?filed_to={FILED['twenty'].isoformat()}").get_json()["total"] == 1
    bad = client.get("/api/search?filed_from=2020-13-01")
    assert bad.status_code == 400 and "filed_from=" in bad.get_data(as_text=True)
    assert page_of(client.get("/?filed_from=2021&filed_to=2020"), 400) is not None
