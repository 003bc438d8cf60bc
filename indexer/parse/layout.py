"""A document's clean text seen as lines, cells and paragraphs, the units field rules read.

Plain-text filings lay out columns with runs of spaces and HTML ones with table cells
(tabs in our clean text); both become "segments" so one rule reads either.
"""

import re
from functools import cached_property

_CELL_BREAK = re.compile(r"\t+| {3,}")
_RULE = re.compile(r"^[\s_\-=*.·•]*$")


def tidy(text: str) -> str:
    """Clean text as every document body is kept: no trailing spaces, at most one blank line in a row,
    none at either end."""
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def squash(text: str) -> str:
    """Collapse all whitespace to single spaces."""
    return " ".join(text.split())


class Layout:
    """`hard_wrapped` text (plain-text filings) breaks paragraphs into several lines;
    text from HTML or XML has one block per line."""

    def __init__(self, text: str, hard_wrapped: bool = True):
        self.text = text
        self.hard_wrapped = hard_wrapped

    @cached_property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.split("\n")]

    @cached_property
    def segments(self) -> list[tuple[int, str]]:
        """Every non-empty cell of every line, with its line number."""
        found = []
        for number, line in enumerate(self.lines):
            for part in _CELL_BREAK.split(line):
                part = part.strip()
                if part and not _RULE.match(part):
                    found.append((number, part))
        return found

    @cached_property
    def paragraphs(self) -> list[str]:
        """Blocks separated by blank lines (or every line, unless hard-wrapped), each squashed to one line."""
        if not self.hard_wrapped:
            return [squash(line) for line in self.lines if line and not _RULE.match(line)]
        blocks, current = [], []
        for line in self.lines:
            if line and not _RULE.match(line):
                current.append(line)
            elif current:
                blocks.append(squash(" ".join(current)))
                current = []
        if current:
            blocks.append(squash(" ".join(current)))
        return blocks

    @cached_property
    def flat(self) -> str:
        """The whole text on one line, for rules that span line breaks."""
        return squash(self.text)

    def opening(self, count: int) -> list[str]:
        """The first `count` segments: where a document states what it is."""
        return [segment for _, segment in self.segments[:count]]
