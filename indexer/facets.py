"""The facets, and how a facet value is written in the index: shared by search, its CLI and the web,
none of which need Whoosh to compare or toggle a value."""

import re

FACET_FIELDS = ("company", "month", "year", "form_type", "exhibit_type", "signer")
# Facets whose values are names: grouped by a key, so that "KOREA THRUNET CO., LTD." and
# "Korea Thrunet Co Ltd" count as one company.
NAME_FIELDS = ("company", "signer")
# The facet value (and filter value) standing for documents that do not have the field, so
# that a facet's counts add up to the number of documents counted.
NONE = "(none)"


def name_key(name: str) -> str:
    """One key for every spelling of a name: case, punctuation and spacing ignored."""
    key = re.sub(r"[^\w&]+", " ", name.casefold()).strip()
    return re.sub(r"^the ", "", key)


def facet_key(field: str, value: str) -> str:
    """How a facet value is written in the index: two values with one key are one value."""
    if value == NONE:
        return NONE
    return name_key(value) if field in NAME_FIELDS else value.strip().lower()
