"""What a results page shows, computed from one request and its result: every link, selected
state and label, so that the templates only loop and print (as datasette does with its facets).

Every link is this search's canonical parameters with one change; a change of filter or sort
goes back to the first page.
"""

from dataclasses import dataclass
from functools import cached_property
from typing import get_args

from flask import url_for
from markupsafe import Markup

from indexer.facets import FACET_FIELDS, FACET_NAMED, facet_key
from indexer.models import FACET_VALUES, MAX_PER_PAGE, FacetValue, Grouping, Hit, SearchRequest, SearchResult, SortOrder
from indexer.highlight import to_html
from indexer.search.filed import PRESETS, describe, narrows
from indexer.titles import documents, facts_of, filing_facts, filing_title, filings

from .labels import heading, label, shown
from .params import DEFAULT, FILED, FILTERS, RANGE, canonical, is_browsing, state_of
from .timeline import Period, Timeline, timeline

# Page links shown either side of the current page, besides the first and the last.
PAGE_WINDOW = 2
# The hits-per-page choices offered (any up to MAX_PER_PAGE can be asked for in the URL).
PAGE_SIZES = (20, 50, MAX_PER_PAGE)
# Where a sort's link is not its name capitalised.
SORT_LABELS = {"indexed": "Newest indexed"}
# The most values a facet lists on a page when every one is asked for (each is a link repeating the search).
PAGE_FACET_VALUES = 200


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool = False
    description: str = ""  # what a screen reader says for it, when the label alone is not enough


@dataclass(frozen=True)
class FacetLink(Link):
    count: int = 0
    excluded: bool = False  # its link takes the exclusion off
    exclude: Link | None = None  # the search leaving out what the value finds (none for an excluded value)


@dataclass(frozen=True)
class Narrowing:
    """The small GET form over a long facet's values: its text field, and the rest of the search as hidden inputs."""

    name: str
    value: str
    label: str
    kept: list[tuple[str, str]]
    clear: str | None  # this search with the text taken off, when there is one


@dataclass(frozen=True)
class Facet:
    field: str
    label: str
    values: list[FacetLink]
    total: str = ""  # how many values it has with documents, listed or not (of those the narrowing finds)
    more: Link | None = None  # "Show more (N)", or "Show fewer" once every value is listed
    order: Link | None = None  # the values in their own order (a date facet's by date), or back by count
    narrowing: Narrowing | None = None
    said: str = ""  # why the list is short: no value holds the text, or more values than a page lists


@dataclass(frozen=True)
class HitView:
    heading: str
    url: str
    facts: list[str]
    snippet: Markup


def hit_view(hit: Hit, state: dict) -> HitView:
    """A hit as a listing shows it: its page keeps the search `state` (its words marked, its results
    one link away)."""
    return HitView(heading=heading(hit), url=url_for("pages.document", document_id=hit.id, **canonical(state)),
                   facts=facts_of(hit),
                   # to_html escapes the text: its only markup is the <mark>s it adds.
                   snippet=Markup(to_html(hit.snippet)))


@dataclass(frozen=True)
class FilingView:
    heading: str
    facts: list[str]
    documents: list[HitView]


# The results page's toggle between listing documents and listing filings, by SearchRequest.group.
GROUPINGS: dict[Grouping, str] = {"document": "Documents", "filing": "Filings"}


@dataclass(frozen=True)
class Pages:
    previous: Link | None
    next: Link | None
    numbers: list[Link | None]  # None: a gap in the numbers


class ResultsPage:
    def __init__(self, request: SearchRequest, result: SearchResult):
        self.request, self.result = request, result
        self.state = state_of(request)
        self.browsing = is_browsing(request)
        self.first = (request.page - 1) * request.per_page + 1

    def url(self, **changes) -> str:
        """This search with `changes` (None or [] drops a parameter), on its first page unless `page` is given."""
        return url_for("pages.search", **canonical({**self.state, "page": None, **changes}))

    @cached_property
    def summary(self) -> str:
        words = f" for “{self.request.query}”" if self.request.query.strip() else ""
        if self.result.total_filings is not None:
            return f"{filings(self.result.total_filings)} ({documents(self.result.total)}){words}"
        return f"{documents(self.result.total)}{words}"

    def kept(self, *replaced: str) -> list[tuple[str, str]]:
        """The parameters a form that sets `replaced` keeps as hidden inputs, back on the first page."""
        return [(name, value) for name, values in self.state.items() if name not in (*replaced, "page")
                for value in ([values] if isinstance(values, str) else values)]

    @cached_property
    def hits(self) -> list[HitView]:
        return [self._hit(hit) for hit in self.result.hits]

    def _hit(self, hit: Hit) -> HitView:
        return hit_view(hit, self.state)

    @cached_property
    def filings(self) -> list[FilingView]:
        """Grouped by filing: the page's filings, each with its matching documents."""
        return [FilingView(filing_title(filing), filing_facts(filing), [self._hit(hit) for hit in filing.documents])
                for filing in self.result.groups]

    @cached_property
    def groupings(self) -> list[Link]:
        """Documents | Filings: this search listing the one or the other, from its first page."""
        return [Link(text, self.url(group=None if grouping == DEFAULT.group else grouping),
                     grouping == self.request.group)
                for grouping, text in GROUPINGS.items()]

    @cached_property
    def facets(self) -> list[Facet]:
        return [self._facet(field, values) for field, values in self.result.facets.items()
                if values or getattr(self.request, FACET_NAMED[field].narrowing)]

    def _facet(self, field: str, values: list[FacetValue]) -> Facet:
        more = list(self.request.more)
        total = self.result.facet_totals.get(field, len(values))
        if field in more and len(values) > PAGE_FACET_VALUES:
            # A facet of thousands of values lists them all in the API's answer; the page lists what
            # a page can carry (and any selected or excluded past it), and its box finds the rest.
            values = values[:PAGE_FACET_VALUES] + [value for value in values[PAGE_FACET_VALUES:]
                                                   if value.selected or value.excluded]
        # Every value listed with documents is one of the total's (a narrowing lists only its own).
        hidden = total - len([value for value in values if value.count])
        link = None
        if field in more:
            link = Link("Show fewer", self.url(more=[name for name in more if name != field]))
        elif hidden > 0:
            link = Link(f"Show more ({hidden:,})", self.url(more=[*more, field]),
                        description=f"Show {hidden:,} more values of {label(field)}")
        narrowing = self._narrowing(field, total)
        said = ""
        if not values and narrowing:
            said = f"No value holds “{narrowing.value}”."
        elif field in more and hidden > 0:
            said = f"{hidden:,} more not listed: find them with the box."
        return Facet(field, label(field), [self._facet_link(field, value) for value in values],
                     f"{total:,} value{'' if total == 1 else 's'}", link, self._order(field, total), narrowing, said)

    def _order(self, field: str, total: int) -> Link | None:
        """A date facet's values by date, any long facet's from A to Z, and back to the most common first."""
        dated = FACET_NAMED[field].written is not None
        if total < 2 or not (dated or total > FACET_VALUES):
            return None
        ordered = list(self.request.by_value)
        if field in ordered:
            return Link("Most common first", self.url(by_value=[name for name in ordered if name != field]))
        return Link("Date order" if dated else "A to Z", self.url(by_value=[*ordered, field]),
                    description=f"{label(field)} values {'by date' if dated else 'from A to Z'}")

    def _narrowing(self, field: str, total: int) -> Narrowing | None:
        """The box over a facet of more values than it lists at first, or one narrowed already."""
        name = FACET_NAMED[field].narrowing
        typed = getattr(self.request, name)
        if not typed and total <= FACET_VALUES:
            return None
        return Narrowing(name, typed, f"Find a value of {label(field)}", self.kept(name),
                         self.url(**{name: None}) if typed else None)

    def _facet_link(self, field: str, value: FacetValue) -> FacetLink:
        chosen, excluding = getattr(self.request, field), FACET_NAMED[field].excluding
        left_out = getattr(self.request, excluding)
        key = facet_key(field, value.value)
        text = shown(field, value.value)
        if value.excluded:
            return FacetLink(text, self.url(**{excluding: [v for v in left_out if facet_key(field, v) != key]}), False,
                             f"{label(field)} {text}: {documents(value.count)}, left out, activate to bring back",
                             value.count, excluded=True)
        kept = [v for v in chosen if facet_key(field, v) != key]
        toggled = kept if value.selected else [*chosen, value.value]
        state = "selected, activate to remove" if value.selected else "activate to add"
        # A selected value is taken off first (its own link); one link less a value keeps a page of
        # full filters, whose every link repeats them, the size it was.
        exclude = None if value.selected else Link("not", self.url(**{excluding: [*left_out, value.value]}),
                                                   description=f"Leave out {label(field)} {text}")
        return FacetLink(text, self.url(**{field: toggled}), value.selected,
                         f"{label(field)} {text}: {documents(value.count)}, {state}", value.count, exclude=exclude)

    @cached_property
    def chips(self) -> list[Link]:
        """The active filters, each linking to this search without it."""
        chips = [self._chip(f"{label(field)}: {shown(field, value)}", **{field: [v for v in chosen if v != value]})
                 for field in FACET_FIELDS for chosen in [getattr(self.request, field)] for value in chosen]
        chips += [self._chip(f"{label(field)}: not {shown(field, value)}",
                             **{excluding: [v for v in left_out if v != value]})
                  for field in FACET_FIELDS for excluding in [FACET_NAMED[field].excluding]
                  for left_out in [getattr(self.request, excluding)] for value in left_out]
        chips += [self._chip(f"{word}: {getattr(self.request, name)}", **{name: None})
                  for name, word in zip(RANGE, ("From", "To")) if getattr(self.request, name)]
        if narrows(self.request):
            chips.append(self._chip(f"Filed: {describe(self.request)}", **dict.fromkeys(FILED)))
        if self.request.indexed_after:
            chips.append(self._chip(f"Indexed after: {self.request.indexed_after}", indexed_after=None))
        if found := self.result.entity:
            named = found.companies[0].label if len(found.companies) == 1 else found.asked
            chips.insert(0, self._chip(f"Entity: {named}", entity=None))
        return chips

    def _chip(self, text: str, **changes) -> Link:
        return Link(text, self.url(**changes), description=f"Remove filter {text}")

    @cached_property
    def filed_presets(self) -> list[Link]:
        """Any time, then each span back from today (filed_within, so that a saved link stays "the last
        5 years"): each link sets its span in place of any filing-date range, the one chosen removes it."""
        cleared = dict.fromkeys(FILED)
        presets = [Link("Any time", self.url(**cleared), not narrows(self.request))]
        for span, text in PRESETS.items():
            chosen = self.request.filed_within == span
            presets.append(Link(text, self.url(**{**cleared, "filed_within": None if chosen else span}), chosen,
                                f"Filed: {text.lower()}, " + ("selected, activate to remove" if chosen else
                                                              "activate to choose")))
        return presets

    @cached_property
    def filed_custom(self) -> bool:
        """Whether the filing-date range is one the user gave as days (Custom)."""
        return bool(self.request.filed_from or self.request.filed_to)

    @cached_property
    def clear_filters(self) -> str:
        return self.url(**dict.fromkeys(FILTERS))

    @cached_property
    def sorts(self) -> list[Link]:
        return [Link(SORT_LABELS.get(order, order.capitalize()),
                     self.url(sort=None if order == DEFAULT.sort else order), order == self.request.sort)
                for order in get_args(SortOrder)]

    @cached_property
    def exports(self) -> list[Link]:
        """This search as data: every hit as CSV, this page as the API's JSON."""
        state = canonical({**self.state, "page": None})
        return [Link("CSV", url_for("api.export", **state), description="every hit of this search as CSV"),
                Link("JSON", url_for("api.search", **canonical(self.state)), description="this page as JSON")]

    @cached_property
    def feed(self) -> Link:
        """This search as an Atom feed of its documents, newest indexed first (feed.py)."""
        return Link("Feed", url_for("feed.feed", **canonical({**self.state, "page": None, "sort": None})),
                    description="this search's newest indexed documents as an Atom feed")

    @cached_property
    def page_sizes(self) -> list[Link]:
        listed = "filings" if self.request.group == "filing" else "hits"
        return [Link(str(size), self.url(per_page=None if size == DEFAULT.per_page else size),
                     size == self.request.per_page, description=f"{size} {listed} per page") for size in PAGE_SIZES]

    @cached_property
    def suggestion(self) -> Link | None:
        fixed = self.result.suggestion
        return Link(fixed, self.url(q=fixed)) if fixed else None

    @cached_property
    def nearest(self) -> list[tuple[str, list[Link]]]:
        """Each filter value no document matches, as the line saying so, with the facet's values
        nearest to it: each a link to this search with that value in its place."""
        found = []
        for field, values in self.result.facets.items():
            for value in values:
                if value.nearest:
                    # An exclusion's value that matches nothing is replaced among the exclusions.
                    name = FACET_NAMED[field].excluding if value.excluded else field
                    chosen = getattr(self.request, name)
                    links = [Link(near, self.url(**{name: [near if v == value.value else v for v in chosen]}))
                             for near in value.nearest]
                    found.append((f"No {label(field).lower()} matches “{shown(field, value.value)}”.", links))
        return found

    @cached_property
    def entity_missing(self) -> tuple[str, list[Link]] | None:
        """The line saying the entity box found no company, with the companies nearest to what was
        typed: each a link to this search with it in the box."""
        found = self.result.entity
        if found is None or found.companies:
            return None
        return (f"No company, ticker or CIK matches “{found.asked}”.",
                [Link(label, self.url(entity=label)) for label in found.nearest])

    @cached_property
    def timeline(self) -> Timeline | None:
        request = self.request
        within = (request.month_from, request.month_to)

        def narrowed(period: Period) -> tuple[str, str]:
            # A bar counts what the search finds in its period, so its range keeps the search's own.
            return max(period.first, within[0] or period.first), min(period.last, within[1] or period.last)

        def chosen(period: Period) -> bool:
            if period.first == period.last:
                return request.month == [period.first]
            return not request.month and within == (period.first, period.last)

        def filtering(period: Period) -> str:
            # A month's bar narrows to its month (keeping the range: a filter like the others); a
            # quarter's or a year's to its months; the bar chosen widens again.
            if period.first == period.last:
                return self.url(month=None if chosen(period) else [period.first])
            if chosen(period):
                return self.url(month_from=None, month_to=None)
            first, last = narrowed(period)
            return self.url(month=None, month_from=first, month_to=last)

        return timeline(self.result.facets.get("month", []), filtering, chosen)

    @cached_property
    def pages(self) -> Pages | None:
        page, last = self.request.page, self.result.pages
        if page == last == 1:
            return None
        shown = sorted({number for number in (1, last, *range(page - PAGE_WINDOW, page + PAGE_WINDOW + 1))
                        if 1 <= number <= last})
        numbers: list[Link | None] = []
        for before, number in zip([0, *shown], shown):
            numbers += [None] if number > before + 1 else []
            numbers.append(self._page(number))
        return Pages(previous=self._page(min(page - 1, last), "Previous") if page > 1 else None,
                     next=self._page(page + 1, "Next") if page < last else None, numbers=numbers)

    def _page(self, number: int, text: str | None = None) -> Link:
        return Link(text or str(number), self.url(page=str(number) if number > 1 else None),
                    number == self.request.page and not text, f"Page {number}")
