"""What a listing calls a document: a title that tells it apart, else "Company — form — date"."""

import pytest

from indexer.models import DocumentFields
from indexer.titles import facts_of, title_of

BASE = {"id": "1", "source": "edgar/0001318605-24-000010_10-K_tsla-20231231.htm", "company": "Tesla, Inc.",
        "form_type": "10-K", "filed": "2024-01-29", "filename": "tsla-20231231.htm"}


@pytest.mark.parametrize("fields", [
    {}, {"description": "PRIMARY DOCUMENT"}, {"description": "10-K"}, {"title": "tsla-20231231.htm"},
    {"description": "primary_doc.xml"}, {"description": "EX-99.1"}, {"title": "  ", "description": "Complete submission text file"},
])
def test_a_document_without_a_telling_title_is_named_by_company_form_and_date(fields):
    assert title_of(DocumentFields(**BASE, **fields)) == "Tesla, Inc. — 10-K — 2024-01-29"


def test_a_telling_title_or_description_names_the_document():
    assert title_of(DocumentFields(**BASE, title="Annual report for 2023")) == "Annual report for 2023"
    assert title_of(DocumentFields(**BASE, description="Press release: fourth quarter")) == "Press release: fourth quarter"


def test_a_document_with_nothing_to_go_by_keeps_its_file_name():
    assert title_of(DocumentFields(id="1", source="x/y.txt", filename="y.txt")) == "y.txt"
    assert title_of(DocumentFields(id="1", source="x/y.txt")) == "x/y.txt"


def test_the_facts_name_the_filing_date_the_period_where_it_differs_the_cik_and_accession():
    document = DocumentFields(**BASE, period="2023-12-31", cik="0001318605", accession="0001318605-24-000010",
                              month="2023-12")
    assert facts_of(document) == ["Tesla, Inc.", "10-K", "Filed 2024-01-29", "period 2023-12-31", "CIK 0001318605",
                                  "accession 0001318605-24-000010"]
    assert facts_of(DocumentFields(id="1", source="a", month="2002-11")) == ["2002-11"]
