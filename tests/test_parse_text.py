"""Plain-text filings and standalone exhibits, in the variants filers wrote them: each fixture file
(tests/data/text) -> the fields it must give, exactly."""

import pytest
from click.testing import CliRunner

from .conftest import ROOT, parse_json

TEXT = ROOT / "tests" / "data" / "text"

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
        "signer_title": "President"}),
    # An HTML fragment with no <html> or <body> is still HTML.
    ("html-fragment-ex99-2001.txt", 0, {
        "company": "Marlowe Instruments, Inc.", "exhibit_type": "EX-99.1", "month": "2001-03",
        "date": "2001-03-05", "title": "Marlowe Instruments Names New Chief Financial Officer"}),
]
# (file, a line the body must hold as written): a text document keeps its layout.
LINES = [
    ("stray-tags-10q-1996.txt", "Inventories of brass fittings                 96,550         101,227"),
    ("stray-page-ex99-1998.txt", "     Tangier Island            38,125        36,880"),
    ("stray-p-tags-8k-1997.txt", "to Narragansett Textiles for $4.2 million in cash.<BR>"),
    ("html-fragment-ex99-2001.txt", "Contact:\tOwen Tate, 617-555-0142"),
]


@pytest.fixture(scope="module")
def parsed() -> dict[str, list[dict]]:
    by_file: dict[str, list[dict]] = {}
    for doc in parse_json(CliRunner(), TEXT):
        by_file.setdefault(doc["source"].split("#")[0], []).append(doc)
    return by_file


@pytest.mark.parametrize("name, number, expected", EXPECTED, ids=[f"{e[0]}#{e[1] + 1}" for e in EXPECTED])
def test_text_fixture_fields(parsed, name, number, expected):
    doc = parsed[name][number]
    assert {field: doc[field] for field in expected} == expected


@pytest.mark.parametrize("name, line", LINES)
def test_text_fixture_keeps_its_lines(parsed, name, line):
    assert line in parsed[name][0]["body"].split("\n")
