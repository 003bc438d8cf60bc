"""How the CLI words things: error lines, document summaries, the reindex's progress bar. Colour only
on a terminal (click strips it)."""

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import click

from ..models import FilingDocument


# A message names what the user gave (a path, a query) as given. Characters that would break the line
# or drive the terminal (a newline in a file name, an escape sequence, a bidi override) are shown escaped.
_SHOWN_ESCAPED = {code: ascii(chr(code))[1:-1] for code in (
    *range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def fail_line(message: str) -> None:
    """One line on stderr for one bad input, whatever characters the input held."""
    click.secho(f"error: {message.translate(_SHOWN_ESCAPED)}", fg="red", err=True)


def summary_fields(document: FilingDocument) -> str:
    """A document in three lines: where it is, what it is, what it is about."""
    facts = [document.company or "(company unknown)", document.kind or "?", document.month or "(month unknown)"]
    if document.signer:
        signer = document.signer + (f" ({document.signer_title})" if document.signer_title else "")
        facts.append(f"signed by {signer}")
    title = document.title or document.description or ""
    heading = click.style(document.source, bold=True) + click.style(f"  [{document.id}]", dim=True)
    return "\n".join(line for line in (heading, "  " + " · ".join(facts), f"  {title}" if title else "") if line)


def _counted(done: int, total: int, unit: str, seconds: float) -> str:
    rate = done / max(seconds, 1e-6)
    left = (total - done) / rate if rate else 0
    return f"{done}/{total} {unit}  {rate:.0f}/s  ETA {int(left // 60)}:{int(left % 60):02d}"


@contextmanager
def progress_bar(unit: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback, (done, total), drawing a bar in place on a terminal's stderr; None
    elsewhere, so that a log or a pipe gets the summary line alone. click draws the bar, made at
    the first update because only then is the total known, and ends its line however the block
    ends. The rate and time left are worded here: click's own show no rate, and no time left
    before the first second has passed."""
    if not sys.stderr.isatty():
        yield None
        return
    started = time.monotonic()
    with ExitStack() as stack:
        bar, shown = None, 0

        def update(done: int, total: int) -> None:
            nonlocal bar, shown
            if bar is None:
                bar = stack.enter_context(click.progressbar(
                    length=total, width=30, bar_template="[%(bar)s] %(info)s", show_percent=False, show_eta=False,
                    item_show_func=lambda done: None if done is None else _counted(
                        done, total, unit, time.monotonic() - started),
                    file=sys.stderr))
            bar.update(done - shown, done)
            shown = done

        yield update
