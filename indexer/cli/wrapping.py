"""Text for a terminal: a hit's lines wrapped to its width with their indent kept, styles applied
after the wrapping (escape sequences take no columns), and long text through a pager.

Off a terminal nothing is wrapped (a script reads whole lines), unless COLUMNS says how wide."""

import os
import shutil
import sys
from collections.abc import Iterable

import click

from ..models import Span

# Narrower than this, wrapping costs more reading than it saves.
NARROWEST = 40


def width() -> int | None:
    """The columns to wrap to: the terminal's, or COLUMNS's; None (no wrapping) off a terminal."""
    if not sys.stdout.isatty() and not os.environ.get("COLUMNS", "").isdigit():
        return None
    return max(shutil.get_terminal_size().columns, NARROWEST)


def _words(spans: Iterable[Span]) -> list[list[tuple[str, bool]]]:
    """The words of spans, each its pieces (text, matched): a span can begin or end inside a word."""
    words: list[list[tuple[str, bool]]] = []
    spaced = True  # a space stands before the next piece
    for span in spans:
        for at, piece in enumerate(span.text.split(" ")):
            spaced = spaced or at > 0
            if piece:
                if spaced or not words:
                    words.append([])
                words[-1].append((piece, span.matched))
                spaced = False
        spaced = spaced or span.text.endswith(" ")
    return words


def wrapped(spans: Iterable[Span], indent: str, columns: int | None, first: str | None = None,
            **matched_style) -> str:
    """Spans as lines of at most `columns` (a word longer than a line stands alone), each line
    starting with `indent` (the first with `first`, when given), matched text styled with
    `matched_style` (click.style's arguments)."""
    first = indent if first is None else first
    lines: list[list[list[tuple[str, bool]]]] = [[]]
    used = len(first)
    for word in _words(spans):
        length = sum(len(text) for text, _ in word)
        if columns and lines[-1] and used + 1 + length > columns:
            lines.append([])
            used = len(indent)
        used += length + (1 if lines[-1] else 0)
        lines[-1].append(word)
    return "\n".join((first if number == 0 else indent) + _styled(line, matched_style)
                     for number, line in enumerate(lines))


def _styled(line: list[list[tuple[str, bool]]], matched_style: dict) -> str:
    """A line's words joined by spaces, each run of matched text (a phrase's words and the spaces
    between them) styled as one."""
    runs: list[list] = []
    for number, word in enumerate(line):
        pieces = word if number == 0 else [(" ", runs[-1][1] and word[0][1]), *word]
        for text, matched in pieces:
            if runs and runs[-1][1] == matched:
                runs[-1][0] += text
            else:
                runs.append([text, matched])
    return "".join(click.style(text, **matched_style) if matched and matched_style else text
                   for text, matched in runs)


def paged(text: str) -> None:
    """Long text through the user's pager on a terminal (PAGER, else less or more), printed elsewhere."""
    if sys.stdout.isatty():
        click.echo_via_pager(text)
    else:
        click.echo(text)
