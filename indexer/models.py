"""The records that flow through the product: a file's documents in, search results out."""

import datetime
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator, AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, computed_field, create_model,
    field_serializer, model_serializer, model_validator,
)
from pydantic_core import PydanticCustomError

from .facets import FACETS, NONE, Facet
from .form_categories import categories_of
from .formats import DATE, INSTANT, MONTH, YEARS_BACK
from .highlight import to_html


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DocumentFields(Record):
    """Every field of a document but its body: what a search hit shows."""

    id: str
    source: str = Field(description="path relative to the corpus root, '#N' for the Nth document of a submission")
    accession: str | None = None
    cik: str | None = None
    company: str | None = None
    ticker: str | None = Field(default=None, description="the trading symbol the filing states for its company "
                                                         "(parse/tickers.py), never guessed")
    former_names: list[str] = Field(default=[], description="the company's earlier names, as its header lists them")
    form_type: str | None = None
    exhibit_type: str | None = None
    description: str | None = None
    filename: str | None = None
    month: str | None = Field(default=None, pattern=MONTH.anchored)
    date: str | None = Field(default=None, pattern=DATE.anchored)
    filed: str | None = Field(default=None, pattern=DATE.anchored)
    period: str | None = Field(default=None, pattern=DATE.anchored)
    items: list[str] = Field(default=[], description="an 8-K's items, by name")
    category: list[str] = Field(default=[], description="the form type's categories (form_categories.py), "
                                                       "derived from it")
    sic: str | None = None
    industry: str | None = None
    incorporated: str | None = Field(default=None, description="EDGAR's code of the state or country")
    location: str | None = Field(default=None, description="EDGAR's code of the business address's state or country")
    signer: str | None = None
    signer_title: str | None = None
    title: str | None = None
    indexed: str | None = Field(default=None, pattern=INSTANT.anchored,
                                description="when a reindex added the document or last changed it (UTC)")

    @model_validator(mode="before")
    @classmethod
    def _categorised(cls, data):
        # Derived, never parsed: a document made anywhere (the parser, an engine's stored fields) gets them.
        if isinstance(data, dict):
            return {**data, "category": categories_of(data.get("form_type"))}
        return data

    @property
    def kind(self) -> str:
        """Form and exhibit type, once when they are the same: "6-K", "6-K · EX-99.1"."""
        return " · ".join(dict.fromkeys(value for value in (self.form_type, self.exhibit_type) if value))


class FilingDocument(DocumentFields):
    """One text document of a filing: the form itself or one exhibit.

    A field the document does not carry is None; the parser never guesses.
    """

    body: str = ""


class ParsedFile(Record):
    """What one file yields: its text documents, and how many machine payloads were left out."""

    source: str
    documents: list[FilingDocument]
    skipped_payloads: int = 0


class Failure(Record):
    path: str
    reason: str


class ReindexReport(Record):
    """What one reindex did: the summary every run prints, as a model the CLI formats."""

    corpus: str
    index: str
    full: bool
    seen: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    failed: int = 0
    documents: int = 0
    seconds: float = 0.0
    failures: list[Failure] = []


class FacetValue(Record):
    value: str
    count: int
    selected: bool = False
    excluded: bool = Field(default=False, description="the search leaves out what this value finds (not_FACET); "
                                                      "left out when not")
    nearest: list[str] = Field(default=[], description="a selected value no document matches: the facet's values "
                                                        "nearest to it, most alike first (left out when none)")

    @model_serializer(mode="wrap")
    def _without_empty_marks(self, handler):
        # Left out when empty or false, so that the JSON of a value reads as it did before they were added.
        dumped = handler(self)
        for name in ("excluded", "nearest"):
            if not dumped.get(name):
                dumped.pop(name, None)
        return dumped


Month = Annotated[str, StringConstraints(pattern=MONTH.anchored)]


def _digits(value: object) -> object:
    """A whole number given as text has digits 0-9 and nothing else (no sign, point, space or _)."""
    if isinstance(value, str) and not re.fullmatch("[0-9]+", value):
        raise PydanticCustomError("whole_number", "write a whole number with the digits 0-9")
    return value


WholeNumber = Annotated[int, BeforeValidator(_digits)]
SortOrder = Literal["relevance", "newest", "oldest", "indexed"]
# What a result lists: each matching document, or each filing holding one, its documents under it.
Grouping = Literal["document", "filing"]
MAX_PER_PAGE = 100
# Longer than anyone types; Whoosh's query parser takes time growing with the square of a word's length.
MAX_QUERY_LENGTH = 2000
# Every link of a results page repeats every filter value, so a page grows with the square of
# the filters: these bound it (a search for more companies can name them in its query).
MAX_FACET_VALUES = 20
MAX_FACET_VALUE_LENGTH = 200  # the parser keeps the names it finds to 150 characters
# The values a facet lists unless every one is asked for (`more`): the most common, and any selected or excluded.
FACET_VALUES = 10
# Selections and exclusions together, over every facet: six facets' filters full. Each doubles what
# a page's links repeat, so without a bound of their own the exclusions would double the largest page.
MAX_FILTER_VALUES = 120
FacetText = Annotated[str, StringConstraints(max_length=MAX_FACET_VALUE_LENGTH)]


def _facet_value(facet: Facet):
    """What a filter on `facet` takes; one of months or years may also ask for the documents without
    the field, as "(none)" (facets.NONE)."""
    if facet.written is None:
        return FacetText
    return Annotated[str, StringConstraints(pattern=rf"^(?:{facet.written.pattern}|{re.escape(NONE)})$")]


MONTH_RANGE = {
    "month_from": (Month | None, Field(default=None, description=f"Only from this month on ({MONTH.shape}).")),
    "month_to": (Month | None, Field(default=None, description=f"Only up to this month ({MONTH.shape}).")),
}


def _real_day(value: str) -> str:
    """A date the calendar has: 2025-02-30 is refused, not read as a bound that sorts among days."""
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("no_such_day", "there is no such day") from None
    return value


Day = Annotated[str, StringConstraints(pattern=DATE.anchored), AfterValidator(_real_day)]
# The filing date's range: explicit days (search/request.py reads a year or a month as its first or
# last day), or a span back from the day of the search, so that a saved "last 5 years" stays that.
FILED_RANGE = {
    "filed_from": (Day | None, Field(default=None, description=f"Only filed on this day or later ({DATE.shape}).")),
    "filed_to": (Day | None, Field(default=None, description=f"Only filed on this day or earlier ({DATE.shape}).")),
    "filed_within": (Annotated[str, StringConstraints(pattern=YEARS_BACK.anchored)] | None,
                     Field(default=None, description="Only filed in the last N years, counted back from the day "
                                                     f"of the search ({YEARS_BACK.shape}: 1y, 5y, 10y, ...).")),
}


# What a feed reader or a saved search asks for: the documents a reindex brought after some instant.
INDEXED_RANGE = {
    "indexed_after": (Annotated[str, StringConstraints(pattern=INSTANT.anchored)] | None, Field(
        default=None, description=f"Only documents a reindex added or changed after this instant ({INSTANT.shape}, "
                                  "UTC).")),
}


# The request's fields that name facets (which list every value, which list them in their own order).
NAMING_FACETS = ("more", "by_value")


def _listing(facets: tuple[Facet, ...]) -> dict:
    """The fields that ask how facets list their values, after the older fields (whose options keep
    their places): each facet's exclusion and the text narrowing its values, then which facets list
    every value and which list them in their own order."""
    names = Literal[tuple(facet.name for facet in facets)]
    fields: dict = {facet.excluding: (list[_facet_value(facet)], Field(
        default=[], max_length=MAX_FACET_VALUES, description=facet.excluding_help)) for facet in facets}
    fields.update({facet.narrowing: (FacetText, Field(
        default="", description=f"List only the {facet.label} facet's values holding this text, compared as a "
                                f"filter's value is (\"tesla\" finds Tesla, Inc.); the hits stay the same."))
        for facet in facets})
    more, by_value = NAMING_FACETS
    fields[more] = (list[names], Field(default=[], max_length=len(facets), description=(
        f"List every value of this facet, not only its {FACET_VALUES} most common (months and years "
        "always list every value).")))
    fields[by_value] = (list[names], Field(default=[], max_length=len(facets), description=(
        "List this facet's values in their own order (months and years oldest first, others from A to Z) "
        "instead of the most common first.")))
    return fields


class _Filtered(Record):
    """A request whose facet filters and exclusions hold at most MAX_FILTER_VALUES values in all."""

    @model_validator(mode="after")
    def _bounded(self):
        given = sum(len(getattr(self, name)) for name in type(self).model_fields
                    if name not in NAMING_FACETS and isinstance(getattr(self, name), list))
        if given > MAX_FILTER_VALUES:
            raise PydanticCustomError("too_many_filters", "too many facet values: at most {limit} in all, selected "
                                      "and excluded ({given} given)", {"limit": MAX_FILTER_VALUES, "given": given})
        return self


def request_model(facets: tuple[Facet, ...]) -> type[Record]:
    """The search request for `facets`: a filter of each, the ranges of months and of filing dates
    after the month facet (where --help lists them), and how each lists its values (_listing)."""
    filters: dict = {}
    for facet in facets:
        filters[facet.name] = (list[_facet_value(facet)],
                               Field(default=[], max_length=MAX_FACET_VALUES, description=facet.help))
        if facet.kind == "month":
            filters.update(MONTH_RANGE)
            filters.update(FILED_RANGE)
    return create_model(
        "SearchRequest", __base__=_Filtered, __module__=__name__,
        __doc__="One search, as the CLI and the web both ask it: a query string, facet filters, sort and page.\n\n"
                "Several values of one facet combine with OR, different facets with AND, an exclusion "
                "(not_FACET) with AND NOT.",
        query=(str, Field(default="", max_length=MAX_QUERY_LENGTH, validation_alias=AliasChoices("query", "q"))),
        entity=(FacetText | None, Field(default=None, description="Only this company: its name, a trading symbol its "
                                                                 "filings state, or its CIK (leading zeros or not).")),
        **filters,
        sort=(SortOrder, Field(default="relevance", description="Order of the hits (indexed: the newest indexed "
                                                                 "first).")),
        page=(WholeNumber, Field(default=1, ge=1, description="Page of hits to show.")),
        per_page=(WholeNumber, Field(default=20, ge=1, le=MAX_PER_PAGE,
                                     description=f"Hits per page (at most {MAX_PER_PAGE}).")),
        group=(Grouping, Field(default="document", description="List each matching document, or each filing "
                               "(its matching documents under it; pages count filings).")),
        **INDEXED_RANGE,
        **_listing(facets),
    )


# Its facet filters are the declared facets' (facets.py).
SearchRequest = request_model(FACETS)


class Span(Record):
    """A run of highlighted text: plain text, never escaped, and whether the query matched it.
    It becomes HTML only on its way to a page or to JSON (highlight.py), styles only in the
    terminal, so no face has to take another's markup apart."""

    text: str
    matched: bool = False


# A snippet, or a body with the query's matches marked, in reading order.
Highlight = list[Span]


class Hit(DocumentFields):
    score: float | None = None
    snippet: Highlight = Field(default=[], description="the body around what matched; in JSON, HTML: "
                                                       "the text escaped, matched words in <mark>")

    @field_serializer("snippet", when_used="json")
    def _snippet_html(self, snippet: Highlight) -> str:
        # The JSON API and `filings search --json` gave the snippet as this HTML before it had spans.
        return to_html(snippet)

    @computed_field(description="the snippet as spans of plain text, each saying whether the query matched it: "
                                "for a face that styles matches its own way")
    @property
    def snippet_spans(self) -> Highlight:
        return self.snippet


class FilingGroup(Record):
    """One filing of a result grouped by filing: what EDGAR's full-text search lists. A document
    without an accession number is a filing of its own."""

    accession: str | None = None
    company: str | None = None
    form_type: str | None = None
    filed: str | None = None
    cik: str | None = None
    documents: list[Hit] = Field(description="its documents the search matches, in the search's order")
class Entity(Record):
    """A company as the entity box finds it: every document of its CIK (or of its name, where it has none)."""

    name: str
    cik: str | None = None
    ticker: str | None = Field(default=None, description="the symbol most of its filings state")
    tickers: list[str] = Field(default=[], description="every symbol its filings state, most stated first")
    documents: int

    @computed_field(description="the entity as the box writes it: finds this company alone when searched")
    @property
    def label(self) -> str:
        if not self.cik:
            return self.name
        return f"{self.name}{f' ({self.ticker})' if self.ticker else ''} (CIK {self.cik})"


class EntityFound(Record):
    """What the entity box found for `asked`: the companies it filters to, or, when none, the
    companies nearest to it (their labels, most alike first)."""

    asked: str
    companies: list[Entity]
    nearest: list[str] = []


class Entities(Record):
    """The suggestions for what has been typed in the entity box (/api/entities)."""

    query: str
    entities: list[Entity]


class SearchResult(Record):
    query: str
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    facet_totals: dict[str, int] = Field(default={}, description="how many values with documents each facet has "
                                                                 "(of those its narrowing text finds), listed or not")
    suggestion: str | None = None
    took_ms: float
    partial: bool = Field(default=False, description="some node of a cluster did not answer: hits and counts "
                                                     "may lack its documents (warnings name it)")
    bounded: bool = Field(default=False, description="a facet had more values than a cluster counts exactly "
                                                     "(its bound): its counts may be short (warnings say which)")
    warnings: list[str] = Field(default=[], description="why the result is partial or a count is not exact")
    reachable: int | None = Field(default=None, description="how many of the hits (of the filings, grouped by "
                                                            "filing) pages can reach (a cluster's bound); None: every one")
    groups: list[FilingGroup] = Field(default=[], description="grouped by filing: this page's filings, each with its "
                                                              "matching documents (hits holds them too, in this order)")
    total_filings: int | None = Field(default=None, description="grouped by filing: how many filings match "
                                                                "(total stays the documents')")
    entity: EntityFound | None = Field(default=None, description="the companies the entity filter found "
                                                                 "(None: no entity asked)")

    @model_serializer(mode="wrap")
    def _without_grouping(self, handler):
        # A search by document answers the JSON it answered before results could be grouped.
        dumped = handler(self)
        if self.total_filings is None:
            dumped.pop("groups", None)
            dumped.pop("total_filings", None)
        return dumped

    @property
    def pages(self) -> int:
        """How many pages the hits (the filings, grouped by filing) fill, as far as pages reach (at
        least one, if only to say there is nothing)."""
        listed = self.total if self.total_filings is None else self.total_filings
        reached = listed if self.reachable is None else min(listed, self.reachable)
        return max(1, -(-reached // self.per_page))


class FacetListing(Record):
    """Every value of one facet of a search, with its count: what `filings facets` lists."""

    field: str
    query: str
    total: int = Field(description="the documents the search finds")
    facet_total: int = Field(description="how many values with documents the facet has (of those its "
                                         "narrowing text finds)")
    values: list[FacetValue]
    partial: bool = False
    bounded: bool = False
    warnings: list[str] = []


class IndexStats(Record):
    """What `filings stats` reports about an index."""

    documents: int
    filings: int
    facets: dict[str, list[FacetValue]]
    first_month: str | None
    last_month: str | None
    size_bytes: int
    index: str
    corpus: str | None
    last_reindex: str | None
    failing_files: int


# The documents a "similar documents" listing holds unless asked for fewer or more (at most MAX_PER_PAGE).
SIMILAR_HITS = 10


class Similar(Record):
    """The documents most like one document by its distinctive words (search/similar.py), best first,
    none of its own filing: what `filings similar`, /api/similar/ID and a document's page list."""

    id: str
    heading: str = Field(description="the document's heading, as a listing names it (titles.py)")
    accession: str | None = Field(default=None, description="its filing, whose documents are left out")
    words: list[str] = Field(description="the distinctive words searched for, the most telling first")
    hits: list[Hit] = Field(description="the documents most like it, best first, each with its snippet (the words "
                                        "that made it similar marked)")
    took_ms: float
    partial: bool = Field(default=False, description="some node of a cluster did not answer: its documents may be "
                                                     "missing (warnings name it)")
    warnings: list[str] = []
