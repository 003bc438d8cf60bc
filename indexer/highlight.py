"""Highlighted text as HTML: the one place spans become markup, for every engine's hits and every
face. The web's pages call it, and so does the JSON of a hit (models.Hit), so that /api/search
and `filings search --json` keep the `snippet` string they have always given; no Flask here,
since the CLI prints that JSON too."""

import html
from collections.abc import Callable, Iterable
from itertools import count
from typing import Protocol


class Span(Protocol):
    """What is read of a span (models.Span, which serialises itself through this module)."""

    text: str
    matched: bool


def _mark(number: int, text: str) -> str:
    return f"<mark>{text}</mark>"


def to_html(spans: Iterable[Span], mark: Callable[[int, str], str] = _mark) -> str:
    """Each span's text escaped; a matched span made by `mark` from its number (from 1) and its
    escaped text, by default into a <mark>. Text between tags needs only &, < and > escaped;
    quotes are left as written, as the JSON's snippet has always had them."""
    parts, numbers = [], count(1)
    for span in spans:
        text = html.escape(span.text, quote=False)
        parts.append(mark(next(numbers), text) if span.matched else text)
    return "".join(parts)
