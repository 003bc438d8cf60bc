"""The entity box, as both engines answer it: one field that finds a company by its name (as the
company filter matches names: case, punctuation, legal forms and former names ignored), by a
trading symbol its filings state, or by its CIK, with or without leading zeros, or as a suggestion
writes it ("Tesla, Inc. (TSLA) (CIK 0001318605)", Entity.label, which finds that CIK alone).

An engine lists its companies (Listed: each company facet key with its Entity, grouped as the
company facet groups them); what matches, what is suggested and what is nearest is decided here.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol
from functools import cached_property

from rapidfuzz import fuzz, process

from ..facets import company_key
from ..models import Entity, EntityFound, SearchRequest
from .facet_values import NEAR_ENOUGH, NEAREST

# A CIK as typed: digits, after "CIK" or not; or at the end of a label, "(CIK 0001318605)".
_CIK = re.compile(r"^(?:cik\s*)?([0-9]{1,10})$|\(cik\s*([0-9]{1,10})\)$", re.IGNORECASE)
SUGGESTED = 10


@dataclass(frozen=True)
class Listed:
    key: str  # the company facet's key: the filter finds its documents
    entity: Entity

    @cached_property
    def named(self) -> str:
        """Its name's key, made once per listing rather than once a keystroke."""
        return company_key(self.entity.name)


def _cik(text: str) -> int | None:
    found = _CIK.search(text)
    return int(found.group(1) or found.group(2)) if found else None


def matching(listed: list[Listed], asked: str, keys: Callable[[str], Iterable[str]]) -> list[Listed]:
    """The companies `asked` names: the one of its CIK; else each whose filings state it as their
    symbol, and each the company filter finds by that name (`keys`: the engine's company keys of a
    name, which reach the CIKs that filed under it)."""
    text = asked.strip()
    cik = _cik(text)
    if cik is not None:
        return [each for each in listed if each.entity.cik and int(each.entity.cik) == cik]
    symbol, named = text.upper(), set(keys(text))
    return [each for each in listed if symbol in each.entity.tickers or each.key in named]


def found(listed: list[Listed], asked: str, keys: Callable[[str], Iterable[str]]) -> tuple[EntityFound, list[str]]:
    """What the box found for `asked`, and the company keys its filter keeps (none: nothing matches,
    and the result names the companies nearest to it)."""
    matched = matching(listed, asked, keys)
    nearest = [] if matched else _nearest(listed, asked)
    return (EntityFound(asked=asked, companies=[each.entity for each in matched], nearest=nearest),
            [each.key for each in matched])


class Named(Protocol):
    """What an engine knows of its companies' names (its facet counter or the cluster's names)."""

    def entities(self) -> list[Listed]: ...
    def keys(self, field: str, value: str) -> list[str]: ...
    def companies(self): ...


def asked(request: SearchRequest, names: Named) -> tuple[EntityFound, list[str]] | None:
    """What the entity box found, and the company keys of its documents, each of the company
    facet's keys its group holds (None: no entity asked)."""
    if not (request.entity or "").strip():
        return None
    result, keys = found(names.entities(), request.entity, lambda text: names.keys("company", text))
    companies = names.companies()
    return result, [each for key in keys for each in companies.group(key)]


def _nearest(listed: list[Listed], asked: str) -> list[str]:
    labels = {each.entity.label: each.entity.name for each in listed}
    alike = process.extract(company_key(asked), labels, scorer=fuzz.WRatio, limit=NEAREST, score_cutoff=NEAR_ENOUGH,
                            processor=company_key)
    return [label for _, _, label in alike]


def suggestions(listed: list[Listed], typed: str, limit: int = SUGGESTED) -> list[Entity]:
    """The companies `typed` may be the start of, best first: a symbol, a name or a CIK given whole,
    then names starting with it, symbols starting with it, names with a word starting with it, CIKs
    starting with its digits; the companies with more documents first within each."""
    text = typed.strip()
    if not text:
        return []
    key, symbol = company_key(text), text.upper()
    digits = text.lstrip("0") if text.isascii() and text.isdigit() else None
    ranked = []
    for each in listed:
        entity, name = each.entity, each.named
        cik = entity.cik.lstrip("0") if entity.cik else ""
        if symbol in entity.tickers or name == key or (digits and cik == digits):
            tier = 0
        elif key and name.startswith(key):
            tier = 1
        elif any(ticker.startswith(symbol) for ticker in entity.tickers):
            tier = 2
        elif key and f" {key}" in f" {name}":
            tier = 3
        elif digits and cik.startswith(digits):
            tier = 4
        else:
            continue
        ranked.append((tier, -entity.documents, entity.name, entity))
    return [entity for *_, entity in sorted(ranked, key=lambda row: row[:3])[:limit]]
