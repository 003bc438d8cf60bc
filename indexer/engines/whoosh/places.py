"""A postings format for text fields: each posting holds the positions of its term in the document
and, where the field keeps them, where each occurrence starts in the text.

Whoosh's own Positions and Characters formats pickle a list of deltas per posting and decode it
with a Python loop per occurrence; a phrase over common words decoded tens of thousands of
them. Here the deltas are machine integers, each array as narrow as its largest delta allows,
decoded by array and itertools.accumulate in C. Starts let a snippet place a hit's matches
from the postings of the matched words alone, without reading the rest of a multi-megabyte
body; an occurrence's end is found again by matching the field's word pattern at its start
(analysis.py), which is what the tokenizer found there, so ends are not kept.

A value is one header byte, the position deltas, then the start deltas (none without starts);
both arrays hold as many items as the term's frequency, little-endian.
"""

import sys
from array import array
from collections import defaultdict
from itertools import accumulate
from operator import sub

from whoosh.formats import Format, tokens

# The narrowest array type for deltas below 2**8, 2**16, 2**32 and 2**64; its index is kept in the header.
_TYPES = ("B", "H", "I", "Q")
_SIZES = tuple(array(code).itemsize for code in _TYPES)
_SWAP = sys.byteorder == "big"


def _kind(deltas: list[int]) -> int:
    largest = max(deltas)
    return 0 if largest < 256 else 1 if largest < 65536 else 2 if largest < 1 << 32 else 3


def _deltas(values: list[int]) -> list[int]:
    return [values[0], *map(sub, values[1:], values)] if len(values) > 1 else values


def _packed(kind: int, deltas: list[int]) -> bytes:
    packed = array(_TYPES[kind], deltas)
    if _SWAP:
        packed.byteswap()
    return packed.tobytes()


def _unpacked(kind: int, value: bytes, start: int, count: int) -> list[int]:
    packed = array(_TYPES[kind], value[start : start + count * _SIZES[kind]])
    if _SWAP:
        packed.byteswap()
    return list(accumulate(packed))


class Places(Format):
    """Positions, and with `starts` each occurrence's first character, without pickle."""

    def __init__(self, field_boost: float = 1.0, starts: bool = False, **options):
        super().__init__(field_boost=field_boost, **options)
        self.starts = starts

    def encode(self, positions: list[int], starts: list[int] | None = None) -> bytes:
        """The value of a posting: a term's positions (ascending) and, with starts, their starts."""
        position_deltas = _deltas(positions)
        position_kind = _kind(position_deltas)
        if not self.starts:
            return bytes((position_kind,)) + _packed(position_kind, position_deltas)
        start_deltas = _deltas(starts)
        start_kind = _kind(start_deltas)
        return (bytes((position_kind | start_kind << 2,)) + _packed(position_kind, position_deltas)
                + _packed(start_kind, start_deltas))

    def _layout(self, value: bytes) -> tuple[int, int, int]:
        """The kinds of the position and start arrays, and how many items each holds."""
        position_kind, start_kind = value[0] & 3, value[0] >> 2
        width = _SIZES[position_kind] + (_SIZES[start_kind] if self.starts else 0)
        return position_kind, start_kind, (len(value) - 1) // width

    def word_values(self, value, analyzer, **kwargs):
        field_boost = self.field_boost
        found = defaultdict(list)
        weights = defaultdict(float)
        kwargs.update(positions=True, chars=self.starts, boosts=True)
        for token in tokens(value, analyzer, kwargs):
            found[token.text].append((token.pos, token.startchar) if self.starts else (token.pos,))
            weights[token.text] += token.boost
        for text, occurrences in found.items():
            columns = list(zip(*occurrences))
            yield text, len(occurrences), weights[text] * field_boost, self.encode(*map(list, columns))

    def supports(self, name: str) -> bool:
        return self.starts if name == "places" else super().supports(name)

    def decode_frequency(self, value: bytes) -> int:
        return self._layout(value)[2]

    def decode_weight(self, value: bytes) -> float:
        return self.decode_frequency(value) * self.field_boost

    def decode_positions(self, value: bytes) -> list[int]:
        position_kind, _, count = self._layout(value)
        return _unpacked(position_kind, value, 1, count)

    def decode_position_boosts(self, value: bytes) -> list[tuple[int, float]]:
        return [(position, 1) for position in self.decode_positions(value)]

    def decode_places(self, value: bytes) -> list[tuple[int, int]]:
        """(position, start) of each occurrence: a field with starts only."""
        position_kind, start_kind, count = self._layout(value)
        positions = _unpacked(position_kind, value, 1, count)
        return list(zip(positions, _unpacked(start_kind, value, 1 + count * _SIZES[position_kind], count)))
