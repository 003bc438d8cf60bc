"""A facet's counts as every face shows them, whichever engine counted them: most common first (or
in the values' own order where asked), "(none)" last, narrowed to the values holding a text where
asked, the first FACET_VALUES of them unless every one is asked for, the selected and excluded
values marked and always listed, and a selected or excluded value no document holds kept with
count 0 so that it can still be taken off."""

from collections.abc import Callable, Iterable

from rapidfuzz import fuzz, process

from ..facets import FACET_FIELDS, FACET_NAMED, NONE, facet_key, name_key
from ..models import FACET_VALUES, FacetValue, SearchRequest

# The values offered for a filter that matches nothing, and how alike (rapidfuzz's WRatio, 0-100) each must be.
NEAREST = 3
NEAR_ENOUGH = 60

Shown = Callable[[str, str], str]
Keys = Callable[[str, str], Iterable[str]]


def _own_key(field: str, value: str) -> Iterable[str]:
    return [facet_key(field, value)]


def listed(request: SearchRequest, counts: dict[str, dict[str, int]], shown: Shown,
           keys: Keys = _own_key) -> tuple[dict[str, list[FacetValue]], dict[str, int]]:
    """Every facet's values (facet_values) and how many values with documents each has."""
    facets, totals = {}, {}
    for field in FACET_FIELDS:
        facets[field], totals[field] = facet_values(field, counts[field], request, shown, keys)
    return facets, totals


def facet_values(field: str, counts: dict[str, int], request: SearchRequest, shown: Shown,
                 keys: Keys = _own_key) -> tuple[list[FacetValue], int]:
    """The values of facet `field` the request lists, from its `counts` by key, each written as
    `shown(field, key)`, and how many values its narrowing finds; a selected or excluded value
    stands for the keys `keys(field, value)` gives (a company's name, for the CIKs that filed under
    it), each its own key unless the engine says otherwise."""
    facet = FACET_NAMED[field]
    selected, excluded = list(getattr(request, field)), list(getattr(request, facet.excluding))
    wanted = {key for value in selected for key in keys(field, value)}
    unwanted = {key for value in excluded for key in keys(field, value)}
    if field in request.by_value:
        # Months and years are written so that their text's order is the calendar's.
        ranked = sorted(counts.items(), key=lambda item: (item[0] == NONE, _alphabetical(field, item[0], shown)))
    else:
        ranked = sorted(counts.items(), key=lambda item: (item[0] == NONE, -item[1], item[0]))
    typed = getattr(request, facet.narrowing)
    if typed.strip():
        ranked = [(key, count) for key, count in ranked if narrows(field, typed, key, shown(field, key))]
    every, chosen = field in request.more or facet.written is not None, wanted | unwanted
    values = []
    for at, (key, count) in enumerate(ranked):
        own = facet_key(field, key)
        if every or at < FACET_VALUES or own in chosen:
            values.append(FacetValue(value=shown(field, key), count=count, selected=own in wanted,
                                     excluded=own in unwanted))
    present = {facet_key(field, key) for key in counts}
    for asked, flag in ((selected, "selected"), (excluded, "excluded")):
        values += [FacetValue(value=value, count=0, nearest=_nearest(field, value, counts, shown), **{flag: True})
                   for value in dict.fromkeys(asked) if not present & set(keys(field, value))]
    return values, len(ranked)


def _alphabetical(field: str, key: str, shown: Shown) -> tuple[str, str]:
    return (name_key(shown(field, key)) if FACET_NAMED[field].written is None else key), key


def narrows(field: str, typed: str, key: str, value: str) -> bool:
    """Whether a value of facet `field` (counted by `key`, shown as `value`) holds the text `typed`,
    compared by key as filters compare: "tesla" finds "Tesla, Inc.", "8k" "8-K", "delaware" "DE"
    (read "Delaware (DE)"), a CIK's digits the company counted by it."""
    wanted = {form for form in (facet_key(field, typed), name_key(typed)) if form}
    held = (key, facet_key(field, value), name_key(FACET_NAMED[field].reading(value)))
    return not wanted or any(form in each for form in wanted for each in held)


def _nearest(field: str, value: str, counts: dict[str, int], shown: Shown) -> list[str]:
    """The values of the facet's counts most like `value` (which matches none), as shown: what the
    user may have meant by a filter that finds nothing."""
    # A name facet's keys can be its CIKs: the names shown are what a user typed after.
    names = list(dict.fromkeys(shown(field, key) for key in counts if key != NONE))
    found = process.extract(facet_key(field, value), names, scorer=fuzz.WRatio, limit=NEAREST,
                            score_cutoff=NEAR_ENOUGH, processor=lambda name: facet_key(field, name))
    return [name for name, *_ in found]
