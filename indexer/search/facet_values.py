"""A facet's counts as every face shows them, whichever engine counted them: most common first,
"(none)" last, the selected values marked, and a selected value no document holds any more kept
with count 0 so that it can still be unselected."""

from collections.abc import Callable, Iterable

from rapidfuzz import fuzz, process

from ..facets import NAME_FIELDS, NONE, facet_key
from ..models import FacetValue

# Name facets can hold thousands of values: show the most common (and any selected).
NAME_FACET_LIMIT = 50
# The values offered for a filter that matches nothing, and how alike (rapidfuzz's WRatio, 0-100) each must be.
NEAREST = 3
NEAR_ENOUGH = 60


def _own_key(field: str, value: str) -> Iterable[str]:
    return [facet_key(field, value)]


def facet_values(field: str, counts: dict[str, int], selected: list[str], shown: Callable[[str, str], str],
                 keys: Callable[[str, str], Iterable[str]] = _own_key) -> list[FacetValue]:
    """The values of facet `field` from its `counts` by key, each written as `shown(field, key)`; a
    selected value stands for the keys `keys(field, value)` gives (a company's name, for the CIKs
    that filed under it), each its own key unless the engine says otherwise."""
    wanted = {key: value for value in selected for key in keys(field, value)}
    ranked = sorted(counts.items(), key=lambda item: (item[0] == NONE, -item[1], item[0]))
    if field in NAME_FIELDS:
        ranked = ranked[:NAME_FACET_LIMIT]
    values = [FacetValue(value=shown(field, key), count=count, selected=facet_key(field, key) in wanted)
              for key, count in ranked]
    present = {facet_key(field, key) for key, _ in ranked}
    values += [FacetValue(value=value, count=0, selected=True, nearest=_nearest(field, value, counts, shown))
               for value in dict.fromkeys(wanted.values()) if not present & set(keys(field, value))]
    return values


def _nearest(field: str, value: str, counts: dict[str, int], shown: Callable[[str, str], str]) -> list[str]:
    """The values of the facet's counts most like `value` (which matches none), as shown: what the
    user may have meant by a filter that finds nothing."""
    # A name facet's keys can be its CIKs: the names shown are what a user typed after.
    names = list(dict.fromkeys(shown(field, key) for key in counts if key != NONE))
    found = process.extract(facet_key(field, value), names, scorer=fuzz.WRatio, limit=NEAREST,
                            score_cutoff=NEAR_ENOUGH, processor=lambda name: facet_key(field, name))
    return [name for name, *_ in found]
