"""The facets, declared once, and how a facet value is written in the index: shared by search, its
CLI and the web, none of which need Whoosh to compare or toggle a value.

Everything else about a facet derives from its declaration here: the SearchRequest field
(models.py), the `filings search` option (cli/request_options.py), the URL parameter
(search_web/params.py), and the same three of its exclusion (not_company, --not-company) and of
the text narrowing its values (narrow_company), the key of SearchResult.facets, the web's label, the query language's
field, and the index's columns (engines/whoosh/schema.py). Its values are the document's field of
the same name (DocumentFields, models.py), which the parser extracts (parse/document.py); the
year's are read from the month.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from .edgar_codes import PLACES
from .errors import QueryError, quoted
from .formats import MONTH, YEAR, Written

# What names a facet's exclusion (not_company) and the text narrowing its values (narrow_company).
EXCLUDING, NARROWING = "not_", "narrow_"
# name: a name written many ways, counted and filtered by name_key, its words searchable.
# value: a code (6-K, EX-99.1) matched case-insensitively. month, year: written as formats.py says.
Kind = Literal["name", "value", "month", "year"]


@dataclass(frozen=True)
class Facet:
    """One facet. Its name is the request's field, the index's field, the URL parameter and the
    result's key; the command line's option is the name with hyphens (--exhibit-type)."""

    name: str
    label: str
    kind: Kind
    help: str  # what filtering on it does
    many: bool = False  # a document holds a list of values (an 8-K's items), each counted
    codes: Mapping[str, str] | None = field(default=None, hash=False, compare=False)  # what each code stands for

    @property
    def written(self) -> Written | None:
        """How a value is written, for the facets whose values have a form."""
        return {"month": MONTH, "year": YEAR}.get(self.kind)

    def reading(self, value: str) -> str:
        """A value as the pages show it: a code beside the name it stands for, "Delaware (DE)"."""
        name = self.codes.get(value.upper()) if self.codes else None
        return f"{name} ({value})" if name else value

    @property
    def excluding(self) -> str:
        """The request field (and URL parameter) leaving out what a value of this facet finds."""
        return EXCLUDING + self.name

    @property
    def narrowing(self) -> str:
        """The request field that lists only this facet's values holding some text."""
        return NARROWING + self.name

    @property
    def excluding_help(self) -> str:
        """What the exclusion does, said as the filter's help says what the filter does ("Not this company.")."""
        return "Not " + self.help.removeprefix("Only ")


# In the order results list them.
FACETS = (
    Facet("company", "Company", "name", "Only this company."),
    Facet("month", "Month", "month", f"Only this month ({MONTH.shape})."),
    Facet("year", "Year", "year", f"Only this year ({YEAR.shape})."),
    Facet("form_type", "Form type", "value", "Only this form type (6-K, 8-K, ...)."),
    Facet("exhibit_type", "Exhibit type", "value", "Only this exhibit type (6-K, EX-99.1, ...)."),
    Facet("category", "Form category", "value", "Only filings of this kind (Annual and quarterly reports, Current "
          "reports, Proxy materials, ...).", many=True),
    Facet("signer", "Signer", "name", "Only documents signed by this person."),
    Facet("items", "8-K item", "value", "Only 8-Ks reporting this item (Other Events, ...).", many=True),
    Facet("sic", "SIC code", "value", "Only companies of this standard industrial classification code (7372, ...)."),
    Facet("industry", "Industry", "value", "Only companies of this industry (Pharmaceutical Preparations, ...)."),
    Facet("incorporated", "Incorporated in", "value",
          "Only companies incorporated in this state or country (EDGAR's code: DE, M5, ...).", codes=PLACES),
    Facet("location", "Location", "value",
          "Only companies whose business address is in this state or country (EDGAR's code: NY, ...).", codes=PLACES),
)
FACET_FIELDS = tuple(facet.name for facet in FACETS)
FACET_NAMED = {facet.name: facet for facet in FACETS}


def facet_named(name: str) -> Facet:
    """The facet a user names (form_type, or form-type as an option is written), or a QueryError listing them."""
    found = FACET_NAMED.get(name.strip().lower().replace("-", "_"))
    if found is None:
        raise QueryError(f"unknown facet {quoted(name)}; facets are: {', '.join(FACET_FIELDS)}")
    return found


# Facets whose documents hold a list of values.
MANY_FIELDS = tuple(facet.name for facet in FACETS if facet.many)
# Facets whose values are names: grouped by a key, so that "KOREA THRUNET CO., LTD." and
# "Korea Thrunet Co Ltd" count as one company.
NAME_FIELDS = tuple(facet.name for facet in FACETS if facet.kind == "name")
# The facet value (and filter value) standing for documents that do not have the field, so
# that a facet's counts add up to the number of documents counted.
NONE = "(none)"


def name_key(name: str) -> str:
    """One key for every spelling of a name: case, punctuation and spacing ignored."""
    key = re.sub(r"[^\w&]+", " ", name.casefold()).strip()
    return re.sub(r"^the ", "", key)


# The legal forms a company's name ends with, as name_key writes them, which users leave out
# ("tesla" for "Tesla, Inc."; "korea thrunet" for "Korea Thrunet Co., Ltd.").
LEGAL_FORMS = ("inc", "incorporated", "corp", "corporation", "co", "company", "cos", "ltd", "limited", "llc",
               "l l c", "lp", "l p", "llp", "plc", "sa", "s a", "ag", "nv", "n v", "bv", "b v", "se", "spa",
               "s p a", "sab de cv", "de cv", "ab", "asa", "as", "oyj", "gmbh", "kk", "bhd", "pte", "pty", "tbk")
_LEGAL_ENDING = re.compile(r"(?:\s+(?:" + "|".join(sorted(LEGAL_FORMS, key=len, reverse=True)) + r"))+$")
# What a code (8-K, EX-99.1, 10-K/A) is matched without: "8k" is "8-K".
CODE_PUNCTUATION = r"[\s_-]+"


def company_key(name: str) -> str:
    """A company's key: its name's, without the legal forms it ends with (unless it is one)."""
    key = name_key(name)
    return _LEGAL_ENDING.sub("", key) or key


def code_key(value: str) -> str:
    """A code's key: case, spaces, hyphens and underscores ignored."""
    return re.sub(CODE_PUNCTUATION, "", value.strip().lower())


def facet_key(field: str, value: str) -> str:
    """How a facet value is written in the index: two values with one key are one value."""
    if value == NONE:
        return NONE
    if field == "company":
        return company_key(value)
    if field in NAME_FIELDS:
        return name_key(value)
    return code_key(value) if FACET_NAMED[field].kind == "value" else value.strip().lower()
