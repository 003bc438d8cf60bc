"""Companies by CIK: which CIKs filed under each name, so that a company is one facet value
whatever names it filed under, and a name finds every CIK that used it.

A document with a CIK is keyed by it (schema.cik_key); one without (an exhibit or press release
parsed on its own) by its name's key. A name only one CIK filed under is that company's, so its
documents without a CIK count, and are found, with the CIK's; a name two CIKs used stays a value
of its own. Read from two columns of the live documents, once per state of the index (facet_counts.py).
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ...facets import NONE
from ...models import Entity
from ...search.entities import Listed
from .schema import CIK_PREFIX, SEPARATOR


@dataclass(frozen=True)
class Companies:
    owners: dict[str, tuple[str, ...]]  # a name's key -> the CIK keys that filed under it
    folded: dict[str, tuple[str, ...]]  # a CIK key -> the name keys only it filed under

    @classmethod
    def of(cls, keys: list[str], names: list[str]) -> "Companies":
        """From each document's company key and the keys of its names (its own, and the former
        names its header lists), joined by SEPARATOR."""
        owners: dict[str, set[str]] = defaultdict(set)
        for key, joined in zip(keys, names):
            if key.startswith(CIK_PREFIX):
                for name in joined.split(SEPARATOR):
                    owners[name].add(key)
        folded: dict[str, list[str]] = defaultdict(list)
        for name, ciks in owners.items():
            if len(ciks) == 1:
                folded[next(iter(ciks))].append(name)
        return cls({name: tuple(sorted(ciks)) for name, ciks in owners.items()},
                   {cik: tuple(sorted(names)) for cik, names in folded.items()})

    def fold(self, counts: dict[str, int]) -> dict[str, int]:
        """Counts by company key, a name only one CIK used counted with that CIK."""
        folded = dict(counts)
        for key, count in counts.items():
            owners = self.owners.get(key, ())
            if len(owners) == 1 and key != owners[0]:
                folded[owners[0]] = folded.get(owners[0], 0) + folded.pop(key)
        return folded

    def keys(self, key: str) -> list[str]:
        """The company keys a name's key finds: its own, every CIK that used it and the names each
        of them holds, so that a filter finds what the counts of those CIKs say."""
        if key == NONE:
            return [key]
        ciks = self.owners.get(key, ())
        return list(dict.fromkeys([key, *ciks, *(name for cik in ciks for name in self.group(cik))]))

    def group(self, key: str) -> tuple[str, ...]:
        """The keys of a company: a CIK's with the names only it used, or a name's alone."""
        return (key, *self.folded.get(key, ())) if key.startswith(CIK_PREFIX) else (key,)

    def entities(self, rows: Iterable[tuple[str, str, int]], shown: Callable[[str], str]) -> list[Listed]:
        """Every company as the entity box lists it, from (company key, stated symbol, documents) rows:
        keys grouped as the counts fold them, each company named as the company facet shows it."""
        documents: dict[str, int] = defaultdict(int)
        symbols: dict[str, Counter] = defaultdict(Counter)
        for key, symbol, count in rows:
            if not key or key == NONE:
                continue
            owners = self.owners.get(key, ())
            folded = owners[0] if len(owners) == 1 else key
            documents[folded] += count
            if symbol:
                symbols[folded][symbol] += count
        listed = []
        for key, count in documents.items():
            tickers = [symbol for symbol, _ in sorted(symbols[key].items(), key=lambda item: (-item[1], item[0]))]
            cik = key[len(CIK_PREFIX):] if key.startswith(CIK_PREFIX) else None
            listed.append(Listed(key, Entity(name=shown(key), cik=cik, ticker=tickers[0] if tickers else None,
                                             tickers=tickers, documents=count)))
        return listed
