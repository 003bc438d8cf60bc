"""A filing's 8-K items, SIC code and industry, state of incorporation and location: parsed from the
header in each of its formats (modern and 1990s `KEY: value` lines, the .nc tags) or from an 8-K's
own Item headings, checked on real EDGAR filings, and counted and filtered as facets."""

import json

import pytest

from indexer.parse.items import item_names

from .conftest import EDGAR, invoke, parse_json

MODERN_8K = """<SEC-DOCUMENT>0001213900-25-000001.txt : 20250415
<SEC-HEADER>0001213900-25-000001.hdr.sgml : 20250415
ACCESSION NUMBER:		0001213900-25-000001
CONFORMED SUBMISSION TYPE:	8-K
PUBLIC DOCUMENT COUNT:		2
CONFORMED PERIOD OF REPORT:	20250414
ITEM INFORMATION:		Results of Operations and Financial Condition
ITEM INFORMATION:		Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers: Compensatory Arrangements of Certain Officers
ITEM INFORMATION:		Financial Statements and Exhibits
FILED AS OF DATE:		20250415

FILER:

	COMPANY DATA:	
		COMPANY CONFORMED NAME:			SOFTCO HOLDINGS INC
		CENTRAL INDEX KEY:			0000555001
		STANDARD INDUSTRIAL CLASSIFICATION:	SERVICES-PREPACKAGED SOFTWARE [7372]
		STATE OF INCORPORATION:			DE

	BUSINESS ADDRESS:	
		STREET 1:		1 MAIN STREET
		CITY:			AUSTIN
		STATE:			TX

	MAIL ADDRESS:	
		CITY:			NEW YORK
		STATE:			NY
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<TEXT>
FORM 8-K
SECURITIES AND EXCHANGE COMMISSION
Item 2.02 Results of Operations and Financial Condition
Softco Holdings Inc. reported its results.
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<TEXT>
EXHIBIT 99.1
Softco Holdings Inc. Reports First Quarter Results
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""

# A 1990s header whose ITEM INFORMATION is empty: the report's old Item headings say what it reports.
OLD_8K = """<SEC-DOCUMENT>0000950103-97-000123.txt : 19970303
<SEC-HEADER>0000950103-97-000123.hdr.sgml : 19970303
ACCESSION NUMBER:		0000950103-97-000123
CONFORMED SUBMISSION TYPE:	8-K
PUBLIC DOCUMENT COUNT:		1
CONFORMED PERIOD OF REPORT:	19970228
ITEM INFORMATION:
FILED AS OF DATE:		19970303

FILER:

	COMPANY DATA:	
		COMPANY CONFORMED NAME:			NORTHERN MILLS CORP
		CENTRAL INDEX KEY:			0000777002
		STANDARD INDUSTRIAL CLASSIFICATION:	PAPER MILLS [2621]
		STATE OF INCORPORATION:			A6
		FISCAL YEAR END:			1231

	BUSINESS ADDRESS:	
		STREET 1:		100 KING STREET WEST
		CITY:			TORONTO
		STATE:			A6
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<TEXT>
                    SECURITIES AND EXCHANGE COMMISSION
                               FORM 8-K
Item 5.  Other Events.
         Northern Mills Corp. sold its mill.
Item 7.  Financial Statements and Exhibits.
         (c) Exhibits.
Item 9.  Sales of Equity Securities Pursuant to Regulation S.
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""

NC_8K = """<SUBMISSION>
<ACCESSION-NUMBER>0001493152-25-000002
<TYPE>8-K
<PUBLIC-DOCUMENT-COUNT>1
<ITEMS>2.02
<ITEMS>9.01
<PERIOD>20250107
<FILING-DATE>20250108
<FILER>
<COMPANY-DATA>
<CONFORMED-NAME>Seoul Semis Co., Ltd.
<CIK>0000888003
<ASSIGNED-SIC>3674
<STATE-OF-INCORPORATION>M5
</COMPANY-DATA>
<BUSINESS-ADDRESS>
<CITY>SEOUL
<STATE>M5
</BUSINESS-ADDRESS>
<MAIL-ADDRESS>
<CITY>PALO ALTO
<STATE>CA
</MAIL-ADDRESS>
</FILER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<TEXT>
FORM 8-K
SECURITIES AND EXCHANGE COMMISSION
Item 2.02 Results of Operations and Financial Condition
</TEXT>
</DOCUMENT>
</SUBMISSION>
"""

# A Form D's <ITEMS> are its exemptions (Rule 506(b)), not an 8-K's items.
NC_FORM_D = """<SUBMISSION>
<ACCESSION-NUMBER>0002002260-24-000009
<TYPE>D
<ITEMS>06b
<ITEMS>3C
<FILING-DATE>20240102
<PRIMARY-ISSUER>
<COMPANY-DATA>
<CONFORMED-NAME>Fund One LP
<CIK>0002002260
<STATE-OF-INCORPORATION>DE
</COMPANY-DATA>
<BUSINESS-ADDRESS>
<STATE>CA
</BUSINESS-ADDRESS>
</PRIMARY-ISSUER>
</SUBMISSION>
"""

# A Form 4's header names the reporting owner first; the facts are the issuer's, the filing's company.
OWNER_AND_ISSUER = """<SEC-DOCUMENT>0001127602-25-000003.txt : 20250213
<SEC-HEADER>0001127602-25-000003.hdr.sgml : 20250213
ACCESSION NUMBER:		0001127602-25-000003
CONFORMED SUBMISSION TYPE:	4
FILED AS OF DATE:		20250213

REPORTING-OWNER:

	OWNER DATA:	
		COMPANY CONFORMED NAME:			DOE JANE
		CENTRAL INDEX KEY:			0001870999

	MAIL ADDRESS:	
		STATE:			CO

ISSUER:

	COMPANY DATA:	
		COMPANY CONFORMED NAME:			WIDGET PARTS INC
		CENTRAL INDEX KEY:			0000007000
		STANDARD INDUSTRIAL CLASSIFICATION:	AIRCRAFT & PARTS [3720]
		STATE OF INCORPORATION:			NY

	BUSINESS ADDRESS:	
		STATE:			IL
</SEC-HEADER>
</SEC-DOCUMENT>
"""

LONE_8K = """FORM 8-K
SECURITIES AND EXCHANGE COMMISSION
CURRENT REPORT
Acme Gadgets Inc.
(Exact name of registrant as specified in its charter)
Item 1.01 Entry into a Material Definitive Agreement.
Acme Gadgets Inc. entered into an agreement.
Item - 9.01 Financial Statements and Exhibits.
"""

RESULTS, DEPARTURES, EXHIBITS = (
    "Results of Operations and Financial Condition",
    "Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers; "
    "Compensatory Arrangements of Certain Officers",
    "Financial Statements and Exhibits")
NONE = {"items": [], "sic": None, "industry": None, "incorporated": None, "location": None}

# (text, file name, the fields of each document it gives)
PARSED = [
    (MODERN_8K, "modern.txt", [
        {"items": [RESULTS, DEPARTURES, EXHIBITS], "sic": "7372", "industry": "Services-Prepackaged Software",
         "incorporated": "DE", "location": "TX"}] * 2),
    (OLD_8K, "old.txt", [
        {"items": ["Other Events", EXHIBITS, "Unregistered Sales of Equity Securities"], "sic": "2621",
         "industry": "Paper Mills", "incorporated": "A6", "location": "A6"}]),
    (NC_8K, "current.nc", [
        {"items": [RESULTS, EXHIBITS], "sic": "3674", "industry": None, "incorporated": "M5", "location": "M5"}]),
    (NC_FORM_D, "form-d.nc", [{"items": [], "sic": None, "industry": None, "incorporated": "DE", "location": "CA"}]),
    (OWNER_AND_ISSUER, "form4.txt", [
        {"items": [], "sic": "3720", "industry": "Aircraft & Parts", "incorporated": "NY", "location": "IL"}]),
    (LONE_8K, "lone-8k.txt", [{**NONE, "items": ["Entry into a Material Definitive Agreement", EXHIBITS]}]),
]


@pytest.mark.parametrize("text, name, expected", PARSED, ids=[case[1] for case in PARSED])
def test_the_header_or_the_report_gives_items_industry_and_places(parse_one, text, name, expected):
    assert [{field: document[field] for field in NONE} for document in parse_one(text, name)] == expected


def test_old_and_new_item_numbers_and_edgars_spellings_are_one_name():
    assert item_names(["5", "8.01", "Other events", "OTHER EVENTS AND REGULATION FD DISCLOSURE"]) == ["Other Events"]
    assert item_names(["12", "2.02"]) == [RESULTS]
    assert item_names(["7", "Financial statements, pro forma financial information and exhibits"]) == [EXHIBITS]
    # Old Item 9 was sales under Regulation S until Regulation FD took the number in October 2000.
    assert item_names(["9"], filed="1999-06-30") == ["Unregistered Sales of Equity Securities"]
    assert item_names(["9"], filed="2002-06-30") == item_names(["7.01"]) == ["Regulation FD Disclosure"]
    assert item_names(["A new item the list does not know", "4.99", "13"]) == ["A new item the list does not know"]


# (file, document number, fields) read off each filing's header or text by hand.
REAL = [
    ("edgartools__sgml_0001213900-25-032135.txt", 1, {
        "items": [RESULTS, "Non-Reliance on Previously Issued Financial Statements or a Related Audit Report or "
                           "Completed Interim Review", "Regulation FD Disclosure", EXHIBITS],
        "sic": "2834", "industry": "Pharmaceutical Preparations", "incorporated": "NV", "location": "CA"}),
    ("edgartools__sgml_0000943374-24-000509.txt", 0, {
        "items": [DEPARTURES], "sic": "6036", "industry": "Savings Institutions, Not Federally Chartered",
        "incorporated": "MD", "location": "WI"}),
    ("edgartools__localstorage_filings_20250108_0001493152-25-001317.nc", 0, {
        "items": [DEPARTURES, EXHIBITS], "sic": "8711", "industry": None, "incorporated": "DE", "location": "DE"}),
    ("edgartools__sgml_0001011438-98-000429.txt", 1, {
        "items": [EXHIBITS], "sic": "6189", "industry": "Asset-Backed Securities", "incorporated": "CA",
        "location": "CA"}),
    ("edgartools__1990sheader.txt", 0, {
        "items": [], "sic": "2890", "industry": "Miscellaneous Chemical Products", "incorporated": "IN",
        "location": "IL"}),
    ("edgartools__secheader.4.evercommerce.txt", 0, {
        "items": [], "sic": "7372", "industry": "Services-Prepackaged Software", "incorporated": "DE",
        "location": "CO"}),
    ("edgartools__sgml_0001127602-25-004598.nc", 0, {
        "items": [], "sic": "5065", "industry": None, "incorporated": "NY", "location": "CO"}),
    ("edgartools__sgml_0002002260-24-000001.nc", 0, {**NONE, "incorporated": "DE", "location": "CA"}),
    ("edgartools__sgml_0001193125-24-100942.txt", 0, {**NONE, "incorporated": "DE", "location": "CA"}),
    ("edgartools__parity_gate_8-K_0001104659-03-004925.html", 0, {**NONE, "items": ["Regulation FD Disclosure"]}),
    ("edgartools__html_BuckleInc.8-K.html", 0, {**NONE, "items": [RESULTS, EXHIBITS]}),
    ("edgartools__html_document-with-pre.html", 0, {**NONE, "items": [DEPARTURES]}),
    ("edgartools__html_BuckleInc.8-K.EX99.1.html", 0, {**NONE, "former_names": []}),
    # Former names, from the .txt header's FORMER COMPANY blocks (one listed twice) and the .nc's.
    ("edgartools__MultipleFormerCompaniesHeader.txt", 0, {
        "company": "Regenerex Pharma, Inc.",
        "former_names": ["Peptide Technologies, Inc.", "Eternelle Skincare Products Inc."]}),
    ("edgartools__localstorage_filings_20250108_0001493152-25-001317.nc", 1, {
        "company": "Acorn Energy, Inc.",
        "former_names": ["Acorn Factor, Inc.", "Data Systems & Software Inc", "Defense Software & Systems Inc"]}),
]


@pytest.mark.parametrize("name, number, expected", REAL, ids=[f"{case[0]}#{case[1] + 1}" for case in REAL])
def test_real_filings_give_their_items_industry_and_places(runner, name, number, expected):
    if not EDGAR.is_dir():
        pytest.skip(f"the shared EDGAR corpus is not at {EDGAR} (it lives beside the repo in ../shared)")
    document = parse_json(runner, EDGAR / name)[number]
    assert {field: document[field] for field in expected} == expected


def _filing(accession: str, cik: str, name: str, filed: str, items: list[str], sic: str, state: str,
            former: tuple[str, ...] = ()) -> str:
    item_lines = "".join(f"ITEM INFORMATION:\t\t{item}\n" for item in items)
    former_blocks = "".join(f"\n\tFORMER COMPANY:\t\n\t\tFORMER CONFORMED NAME:\t{each}\n" for each in former)
    return f"""<SEC-DOCUMENT>{accession}.txt : {filed}
<SEC-HEADER>{accession}.hdr.sgml : {filed}
ACCESSION NUMBER:		{accession}
CONFORMED SUBMISSION TYPE:	8-K
{item_lines}FILED AS OF DATE:		{filed}

FILER:

	COMPANY DATA:	
		COMPANY CONFORMED NAME:			{name}
		CENTRAL INDEX KEY:			{cik}
		STANDARD INDUSTRIAL CLASSIFICATION:	{sic}
		STATE OF INCORPORATION:			{state}

	BUSINESS ADDRESS:	
		STATE:			{state}
{former_blocks}</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<TEXT>
FORM 8-K
SECURITIES AND EXCHANGE COMMISSION
{name} reports.
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


SOFTWARE, MILLS = "SERVICES-PREPACKAGED SOFTWARE [7372]", "PAPER MILLS [2621]"
# One CIK that filed as Old Name Inc until it became New Name Inc, and a press release of its old
# name on its own (no header, no CIK); another company; and an 8-K without a header of a company no
# CIK filed under.
FILINGS = {
    "old-2003.txt": _filing("0000555001-03-000001", "0000555001", "OLD NAME INC", "20030305", ["Other Events"],
                            SOFTWARE, "DE"),
    "old-2004.txt": _filing("0000555001-04-000001", "0000555001", "OLD NAME INC", "20040305",
                            ["Other Events", "Financial Statements and Exhibits"], SOFTWARE, "DE"),
    "new-2006.txt": _filing("0000555001-06-000001", "555001", "NEW NAME INC", "20060305",
                            ["Results of Operations and Financial Condition"], SOFTWARE, "DE",
                            former=("OLD NAME INC", "ANCIENT NAME CORP")),
    "mills-2005.txt": _filing("0000777002-05-000001", "0000777002", "NORTHERN MILLS CORP", "20050110",
                              ["Other Events"], MILLS, "A6"),
    "lone.txt": LONE_8K,
    "release.txt": "EXHIBIT 99.1\nOld Name Inc. Announces Results\nAUSTIN, Texas, March 5, 2003 -- Old Name Inc. "
                   "(NASDAQ: OLDN) today announced its results.\n",
}
OLD = ["old-2003.txt#1", "old-2004.txt#1", "release.txt"]
NEW = ["new-2006.txt#1"]


@pytest.fixture
def registrants(runner, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for name, text in FILINGS.items():
        (corpus / name).write_text(text)
    assert invoke(runner, "reindex", "--corpus", corpus, "--index", index, "--jobs", "1").exit_code == 0
    return corpus, index


def _search(runner, index, *options: str) -> dict:
    result = invoke(runner, "search", "", "--json", "--per-page", "100", "--index", index, *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _counts(result: dict, field: str) -> dict[str, int]:
    return {value["value"]: value["count"] for value in result["facets"][field]}


def test_each_new_facet_counts_every_document_and_an_items_value_once_per_8k(runner, registrants):
    result = _search(runner, registrants[1])
    assert result["total"] == 6
    assert _counts(result, "items") == {"Other Events": 3, "Entry into a Material Definitive Agreement": 1,
                                        "Financial Statements and Exhibits": 2, RESULTS: 1, "(none)": 1}
    assert _counts(result, "sic") == {"7372": 3, "2621": 1, "(none)": 2}
    assert _counts(result, "industry") == {"Services-Prepackaged Software": 3, "Paper Mills": 1, "(none)": 2}
    assert _counts(result, "incorporated") == {"DE": 3, "A6": 1, "(none)": 2}
    assert _counts(result, "location") == {"DE": 3, "A6": 1, "(none)": 2}


def test_a_cik_that_filed_under_two_names_is_one_company_shown_by_its_latest_name(runner, registrants):
    result = _search(runner, registrants[1])
    assert _counts(result, "company") == {"New Name Inc": 4, "Acme Gadgets Inc.": 1, "Northern Mills Corp": 1}
    # Ancient Name Corp, a former name its header lists, filed nothing the index holds.
    for name in ("Old Name Inc", "OLD NAME INC.", "New Name Inc", "Ancient Name Corp"):
        found = _search(runner, registrants[1], "--company", name)
        assert sorted(hit["source"] for hit in found["hits"]) == [*NEW, *OLD], name
        assert [value for value in found["facets"]["company"] if value["selected"]] == [
            {"value": "New Name Inc", "count": 4, "selected": True}]
    searched = _search(runner, registrants[1], "--company", "(none)")
    assert searched["total"] == 0
    by_words = invoke(runner, "search", "company:ancient", "--json", "--index", registrants[1])
    assert [hit["source"] for hit in json.loads(by_words.stdout)["hits"]] == NEW
    stats = json.loads(invoke(runner, "stats", "--json", "--index", registrants[1]).stdout)
    assert stats["facets"]["company"][0] == {"value": "New Name Inc", "count": 4, "selected": False}


def test_filters_on_the_new_facets_find_exactly_their_documents(runner, registrants):
    def sources(*options: str) -> list[str]:
        return sorted(hit["source"] for hit in _search(runner, registrants[1], *options)["hits"])

    assert sources("--items", "other events") == ["mills-2005.txt#1", *OLD[:2]]
    assert sources("--items", RESULTS, "--items", "Financial Statements and Exhibits") == ["lone.txt", *NEW, OLD[1]]
    assert sources("--items", "(none)") == ["release.txt"]
    assert sources("--sic", "2621") == sources("--industry", "PAPER MILLS") == ["mills-2005.txt#1"]
    assert sources("--incorporated", "a6", "--location", "A6") == ["mills-2005.txt#1"]
    assert sources("--location", "(none)") == ["lone.txt", "release.txt"]
    assert sources("--company", "Old Name Inc", "--items", "Other Events") == OLD[:2]


def test_the_sidebar_and_the_document_page_show_the_new_fields_with_the_names_of_codes(registrants):
    from search_web import create_app

    from .conftest import page_of, texts

    corpus, index = registrants
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    tree = page_of(client.get("/"))
    assert texts(tree, "//section[h3='8-K item']//a[contains(@class, 'facet-value')]") == [
        "Other Events 3", "Financial Statements and Exhibits 2", "Entry into a Material Definitive Agreement 1",
        f"{RESULTS} 1", "(none) 1"]
    assert texts(tree, "//section[h3='Incorporated in']//a[contains(@class, 'facet-value')]") == [
        "Delaware (DE) 3", "Ontario, Canada (A6) 1", "(none) 2"]
    assert texts(tree, "//section[h3='Location']//a[contains(@class, 'facet-value')]") == ["Delaware (DE) 3", "Ontario, Canada (A6) 1", "(none) 2"]
    assert texts(tree, "//section[h3='Industry']//a[contains(@class, 'facet-value')]") == [
        "Services-Prepackaged Software 3", "Paper Mills 1", "(none) 2"]
    chips = texts(page_of(client.get("/?incorporated=A6")), "//*[contains(@class, 'chips')]//a")
    assert chips[0].startswith("Incorporated in: Ontario, Canada (A6)")
    hit = next(h for h in client.get("/api/search?q=&company=Northern+Mills+Corp").get_json()["hits"])
    fields = dict(zip(*(texts(page_of(client.get(f"/doc/{hit['id']}")), f"//dl/{tag}") for tag in ("dt", "dd"))))
    assert {name: fields[name] for name in ("8-K item", "SIC code", "Industry", "Incorporated in", "Location")} == {
        "8-K item": "Other Events", "SIC code": "2621", "Industry": "Paper Mills",
        "Incorporated in": "Ontario, Canada (A6)", "Location": "Ontario, Canada (A6)"}
