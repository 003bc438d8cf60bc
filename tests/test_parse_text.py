"""Plain-text filings, standalone exhibits and titles, in the variants filers wrote them: each fixture
file (tests/textforms: text, titles, exhibits) -> the fields it must give, exactly. They are kept out
of tests/data, the web tests' corpus."""

import pytest
from click.testing import CliRunner

from indexer.parse.forms import title_for_form

from .conftest import ROOT, parse_json

FIXTURES = [ROOT / "tests" / "textforms" / folder for folder in ("text", "titles", "exhibits")]

# (file, document number, field -> value).
EXPECTED = [
    # Stray SGML pseudo-tags in any case keep a text document text: its words, lines and fields.
    ("stray-tags-10q-1996.txt", 0, {
        "company": "Harbor Lamp Works Inc", "form_type": "10-Q", "month": "1996-03", "date": "1996-05-13",
        "signer": "Walter P. Quayle", "signer_title": "Treasurer"}),
    ("stray-page-ex99-1998.txt", 0, {
        "company": "Tidewater Ferry Lines, Inc.", "exhibit_type": "EX-99", "month": "1998-09",
        "date": "1998-09-08", "title": "Tidewater Ferry Lines Reports Record Summer Ridership"}),
    ("stray-p-tags-8k-1997.txt", 0, {
        "company": "Quillan Mills Corp", "form_type": "8-K", "signer": "Harriet B. Lowell",
        "signer_title": "President", "title": "Item 5 Other Events"}),
    # XML without a declaration is XML when its root closes at its end, a comment after it or not.
    ("xml-undeclared-infotable-2024.txt", 0, {"exhibit_type": "INFORMATION TABLE", "title": None}),
    # An HTML fragment with no <html> or <body> is still HTML.
    ("html-fragment-ex99-2001.txt", 0, {
        "company": "Marlowe Instruments, Inc.", "exhibit_type": "EX-99.1", "month": "2001-03",
        "date": "2001-03-05", "title": "Marlowe Instruments Names New Chief Financial Officer"}),
    # A title is never a converter's name, a link, a wrapper or a form's instructions: a form that
    # states no title is named by what it reports.
    ("converter-title-10k-2004.htm", 0, {
        "company": "Pelham Bay Salvage Corp.", "form_type": "10-K", "title": "Form 10-K: Annual report"}),
    ("url-title-8k-2009.htm", 0, {
        "company": "Orrin Valley Bancorp", "form_type": "8-K", "title": "Form 8-K: Current report"}),
    ("instructions-10k-1997.txt", 0, {
        "company": "Merrimack Granite Company", "form_type": "10-K", "month": "1996-12",
        "title": "Form 10-K: Annual report"}),
    ("pem-wrapped-ex99-1996.txt", 0, {
        "company": "Passaic Valley Water Utilities Inc.", "exhibit_type": "EX-99", "date": "1996-10-03",
        "title": "Exhibit 99: Additional exhibit"}),
    ("reference-not-heading-8k-2006.txt", 0, {
        "company": "Kestrel Optical Corp.", "exhibit_type": "8-K", "title": "Item 8.01 Other Events"}),
    # A standalone exhibit, its heading spelled and placed any way, its dateline ending any way.
    ("centred-prnewswire-2002.txt", 0, {
        "exhibit_type": "EX-99.1", "month": "2002-11", "date": "2002-11-14", "company": "Hudson Slate Roofing Corp.",
        "title": "Hudson Slate Roofing Reports Third Quarter Results"}),
    ("exhibit-no-businesswire-2002.txt", 0, {
        "exhibit_type": "EX-99.1", "month": "2002-11", "date": "2002-11-14",
        "company": "Hanseong Fiber Optics Co., Ltd.", "title": "Hanseong Fiber Optics Wins Busan Metro Contract"}),
    ("after-text-date-first-2003.txt", 0, {
        "exhibit_type": "EX-99.1", "month": "2003-03", "date": "2003-03-03", "company": "Corliss Pump Works, Inc.",
        "title": "Corliss Pump Works Names Chief Executive"}),
    ("caption-after-number-1999.txt", 0, {
        "exhibit_type": "EX-99.2", "month": "1999-02", "date": "1999-02-09",
        "company": "Ozark Poultry Cooperative, Inc.", "title": "Ozark Poultry Cooperative Elects Directors"}),
    ("emdash-to-form-2011.htm", 0, {
        "exhibit_type": "EX-99.1", "month": "2011-05", "date": "2011-05-05", "company": "Thameside Water plc",
        "title": "Thameside Water plc Raises Its Dividend"}),
    ("period-dateline-2008.htm", 0, {
        "exhibit_type": "EX-99.1", "month": "2008-06", "date": "2008-06-02",
        "company": "Galveston Marine Terminals, Inc.",
        "title": "Galveston Marine Terminals Completes Berth Expansion"}),
    ("trailing-name-2005.htm", 0, {
        "exhibit_type": "EX-99.1", "month": "2005-08", "date": "2005-08-22", "company": "Sable Creek Mining Corp.",
        "title": "Sable Creek Mining Restarts Its Nevada Mill"}),
]
# (file, a line the body must hold as written): a text document keeps its layout.
LINES = [
    ("stray-tags-10q-1996.txt", "Inventories of brass fittings                 96,550         101,227"),
    ("stray-page-ex99-1998.txt", "     Tangier Island            38,125        36,880"),
    ("stray-p-tags-8k-1997.txt", "to Narragansett Textiles for $4.2 million in cash.<BR>"),
    ("html-fragment-ex99-2001.txt", "Contact:\tOwen Tate, 617-555-0142"),
    ("xml-undeclared-infotable-2024.txt", "Name of issuer: KESTREL OPTICAL CORP"),
]


@pytest.fixture(scope="module")
def parsed() -> dict[str, list[dict]]:
    by_file: dict[str, list[dict]] = {}
    for doc in parse_json(CliRunner(), *FIXTURES):
        by_file.setdefault(doc["source"].split("#")[0], []).append(doc)
    return by_file


@pytest.mark.parametrize("name, number, expected", EXPECTED, ids=[f"{e[0]}#{e[1] + 1}" for e in EXPECTED])
def test_text_fixture_fields(parsed, name, number, expected):
    doc = parsed[name][number]
    assert {field: doc[field] for field in expected} == expected


@pytest.mark.parametrize("name, line", LINES)
def test_text_fixture_keeps_its_lines(parsed, name, line):
    assert line in parsed[name][0]["body"].split("\n")


@pytest.mark.parametrize("form_type, items, title", [
    ("8-K", ["Results of Operations and Financial Condition", "Financial Statements and Exhibits"],
     "Form 8-K: Results of Operations and Financial Condition; Financial Statements and Exhibits"),
    ("8-K", [], "Form 8-K: Current report"),
    ("8-K/A", [], "Form 8-K (amendment): Current report"),
    ("424B5", [], "Form 424B5: Prospectus"),
    ("SC 13D/A", [], "Schedule 13D (amendment): Beneficial ownership report"),
    ("NT 10-K", [], "Form NT 10-K"),
    ("INFORMATION TABLE", [], None),
])
def test_title_for_form_names_the_form_and_what_it_reports(form_type, items, title):
    assert title_for_form(form_type, items) == title
