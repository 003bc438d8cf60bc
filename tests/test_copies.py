"""A document stored twice is shown once: a file copied into two folders, and one filing held as EDGAR's
`.nc` and `.txt` (the real pair in ../shared/corpus/edgar), give one hit, counted once in totals and
facets, through `filings search`, the API and the export; the document page and `filings show` list
the copies; "Documents of this filing" lists each document once. (The cluster: test_cluster_copies.py.)"""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from search_web import create_app

from .conftest import EDGAR, SEEDS, build_index, invoke, links, page_of, texts

COPIED = "000_e15dcc41c4970baf.txt"  # the seed copied into a second folder
COPIED_ID, MIRRORED_ID = "49ed4057b82157ef", "8d233373d42d0339"  # of COPIED and of mirror/COPIED
PAIR = "edgartools__sgml_0001104659-25-002604"  # one filing as .nc and .txt, two documents each
TXT = {"deabb9573dde688c": f"{PAIR}.txt#1", "a945b365216b7efb": f"{PAIR}.txt#2"}
NC = {"adee07dd16844377": f"{PAIR}.nc#1", "bb2e63da903189cc": f"{PAIR}.nc#2"}
QUERIES = ["", "delisting", "thrunet", "determination", "nasdaq OR korea", '"staff determination"', "delist*"]


def seeds_with_a_copy(folder: Path) -> Path:
    """The seeds, and one of them copied into the folder `mirror`."""
    shutil.copytree(SEEDS, folder)
    (folder / "mirror").mkdir()
    shutil.copy2(SEEDS / COPIED, folder / "mirror" / COPIED)
    return folder


def the_pair(folder: Path) -> Path:
    if not EDGAR.is_dir():
        pytest.skip(f"the shared EDGAR corpus is not at {EDGAR} (it lives beside the repo in ../shared)")
    folder.mkdir()
    for suffix in (".nc", ".txt"):
        shutil.copy2(EDGAR / f"{PAIR}{suffix}", folder / f"{PAIR}{suffix}")
    return folder


def searched(runner, index, query: str, *options: str) -> dict:
    result = invoke(runner, "search", query, "--json", "--per-page", "100", "--index", index, *options)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def seen(result: dict) -> tuple:
    """What a search shows and counts: the total, the hits, every facet's counts. (The hits as a set:
    a copy left out still weighs in the words' statistics that relevance ranks by, as a deleted
    document does until its segment is merged.)"""
    return (result["total"], sorted(hit["id"] for hit in result["hits"]),
            {field: [(value["value"], value["count"]) for value in values] for field, values in result["facets"].items()})


@pytest.fixture(scope="module")
def copied(tmp_path_factory) -> tuple[Path, Path]:
    """(corpus, index) of the seeds with one of them copied into a second folder."""
    root = tmp_path_factory.mktemp("copied")
    return seeds_with_a_copy(root / "corpus"), build_index(root / "corpus", root / "index")


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("pair")
    return the_pair(root / "corpus"), build_index(root / "corpus", root / "index")


@pytest.mark.parametrize("query", QUERIES)
def test_a_file_copied_into_two_folders_is_found_and_counted_once(runner, copied, seed_index, query):
    """The search over the seeds and a copy of one shows and counts what the search over the seeds
    alone does: the copy first by source (the original) is the one shown."""
    _, index = copied
    assert seen(searched(runner, index, query)) == seen(searched(runner, seed_index, query))
    narrowed = ("--company", "korea thrunet", "--month", "2002-11")
    assert seen(searched(runner, index, query, *narrowed)) == seen(searched(runner, seed_index, query, *narrowed))
    newest = [hit["id"] for hit in searched(runner, index, query, "--sort", "newest")["hits"]]
    assert newest == [hit["id"] for hit in searched(runner, seed_index, query, "--sort", "newest")["hits"]]


def test_the_export_and_the_api_count_a_copied_file_once(runner, copied, seed_index):
    corpus, index = copied
    exported = invoke(runner, "search", "title:determination", "--csv", "--all", "--index", index).stdout
    assert [row["id"] for row in csv.DictReader(io.StringIO(exported))] == [COPIED_ID]
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    answer = client.get("/api/search?q=title:determination").get_json()
    assert (answer["total"], [hit["id"] for hit in answer["hits"]]) == (1, [COPIED_ID])
    rows = list(csv.DictReader(io.StringIO(client.get("/export.csv?q=").get_data(as_text=True))))
    assert len(rows) == searched(runner, seed_index, "")["total"] == 5


def test_deleting_the_copy_shown_leaves_the_other_found(runner, tmp_path):
    corpus = seeds_with_a_copy(tmp_path / "corpus")
    index = build_index(corpus, tmp_path / "index")
    assert [hit["id"] for hit in searched(runner, index, "title:determination")["hits"]] == [COPIED_ID]
    (corpus / COPIED).unlink()
    build_index(corpus, index)
    found = searched(runner, index, "title:determination")
    assert (found["total"], [(hit["id"], hit["source"]) for hit in found["hits"]]) == (
        1, [(MIRRORED_ID, f"mirror/{COPIED}")])
    assert [(value["value"], value["count"]) for value in found["facets"]["month"]] == [("2002-11", 1)]
    (corpus / COPIED).write_bytes((SEEDS / COPIED).read_bytes())
    build_index(corpus, index)
    assert [hit["id"] for hit in searched(runner, index, "title:determination")["hits"]] == [COPIED_ID]


def test_one_filing_held_as_nc_and_txt_is_each_document_once(runner, pair):
    """The real pair: the `.txt`, which also names the industry, is the copy shown; each of the
    filing's two documents is one hit, counted once in every facet."""
    _, index = pair
    result = searched(runner, index, "")
    assert (result["total"], [hit["source"] for hit in result["hits"]]) == (2, sorted(TXT.values()))
    facets = {field: [(value["value"], value["count"]) for value in values] for field, values in result["facets"].items()}
    assert facets["industry"] == [("Petroleum Refining", 2)]
    assert facets["company"] == [("CVR Energy, Inc.", 2)]
    assert facets["exhibit_type"] == [("EX-99.(A)(5)(C)", 1), ("SC TO-T/A", 1)]
    # However found: a word of both documents, one of the form only, the filing's accession number.
    assert sorted(hit["id"] for hit in searched(runner, index, "icahn")["hits"]) == sorted(TXT)
    assert [hit["id"] for hit in searched(runner, index, "papapostolou")["hits"]] == ["deabb9573dde688c"]
    assert searched(runner, index, "000110465925002604")["total"] == 2
    exported = invoke(runner, "search", "", "--csv", "--all", "--index", index).stdout
    assert sorted(row["source"] for row in csv.DictReader(io.StringIO(exported))) == sorted(TXT.values())


def test_the_document_page_lists_the_copies_with_their_raw_files(pair):
    corpus, index = pair
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    tree = page_of(client.get("/doc/adee07dd16844377?q=icahn"))  # the .nc's form: the copy not shown
    assert texts(tree, "//ul[@class='copies']/li") == [
        f"{PAIR}.txt#1 (raw source) · the copy searches show", f"{PAIR}.nc#1 (raw source)"]
    assert links(tree, "//ul[@class='copies']//a") == [
        (f"{PAIR}.txt#1", "/doc/deabb9573dde688c?q=icahn"), ("raw source", "/raw/deabb9573dde688c"),
        ("raw source", "/raw/adee07dd16844377")]
    assert texts(tree, "//ul[@class='copies']/li/span[@aria-current='page']") == [f"{PAIR}.nc#1"]
    for raw, suffix in (("/raw/deabb9573dde688c", ".txt"), ("/raw/adee07dd16844377", ".nc")):
        with client.get(raw) as response:
            assert response.get_data() == (corpus / f"{PAIR}{suffix}").read_bytes()
    # Its filing's documents, each once, by the copy searches show, this one marked as the current.
    assert texts(tree, "//ol[@class='filing']/li") == [
        "SC TO-T/A: Schedule TO-T (amendment): Tender offer statement by a third party",
        "SC TO-T/A · EX-99.(A)(5)(C): ICAHN ENTERPRISES L.P. AND ICAHN ENTERPRISES HOLDINGS L.P. ANNOUNCE RESULTS "
        "OF TENDER OFFER FOR UP TO 17,753,322 SHARES OF COMMON STOCK OF CVR ENERGY"]
    assert tree.xpath("//ol[@class='filing']/li[1]/span/@aria-current") == ["page"]
    assert links(tree, "//ol[@class='filing']//a")[0][1] == "/doc/a945b365216b7efb?q=icahn"


def test_a_document_stored_once_lists_no_copies(copied):
    corpus, index = copied
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    assert page_of(client.get("/doc/133a4a329198e11d")).xpath("//ul[@class='copies']") == []
    assert [source for source in texts(page_of(client.get(f"/doc/{MIRRORED_ID}")), "//ul[@class='copies']/li")] == [
        f"{COPIED} (raw source) · the copy searches show", f"mirror/{COPIED} (raw source)"]


def test_show_names_the_copies(runner, pair):
    _, index = pair
    shown = invoke(runner, "show", "adee07dd16844377", "--index", index)
    assert shown.exit_code == 0, shown.stderr
    assert f"copies: {PAIR}.txt#1 [deabb9573dde688c], {PAIR}.nc#1 [adee07dd16844377]" in shown.stdout.splitlines()
    alone = invoke(runner, "show", "adee07dd16844377", "--json", "--index", index)
    assert json.loads(alone.stdout)["source"] == f"{PAIR}.nc#1"
