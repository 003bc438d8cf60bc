"""A search's hits as CSV, as `filings search --csv` writes them and the web's export link serves
them: one row a hit, its fields in the model's order, a list's values in one cell, and on request
the snippet as plain text and a link to the hit's page."""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from .models import DocumentFields, Hit

FIELDS = [*DocumentFields.model_fields, "score"]
SNIPPET = "snippet"
LINK = "link"
# How a list's values are joined in its cell, as the pages join them.
LIST_JOIN = "; "


def columns(snippet: bool = False, link: bool = False) -> list[str]:
    return [*FIELDS, *([SNIPPET] if snippet else []), *([LINK] if link else [])]


def rows(hits: Iterable[Hit], snippet: bool = False, link: Callable[[Hit], str] | None = None) -> Iterable[dict]:
    for hit in hits:
        row = {name: LIST_JOIN.join(value) if isinstance(value, list) else value
               for name, value in hit.model_dump(include=set(FIELDS)).items()}
        if snippet:
            row[SNIPPET] = " ".join("".join(span.text for span in hit.snippet).split())
        if link:
            row[LINK] = link(hit)
        yield row


def lines(hits: Iterable[Hit], snippet: bool = False, link: Callable[[Hit], str] | None = None) -> Iterator[str]:
    """The CSV a line at a time, its header first: what a stream sends as the hits are read."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(snippet, link is not None), extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    for row in rows(hits, snippet, link):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def write(hits: Iterable[Hit], out: TextIO, snippet: bool = False, link: Callable[[Hit], str] | None = None) -> None:
    for line in lines(hits, snippet, link):
        out.write(line)
