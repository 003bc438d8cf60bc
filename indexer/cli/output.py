"""How the CLI words things: error lines, document summaries. Colour only on a terminal (click strips it)."""

import time

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


class ProgressBar:
    """Files done / total, rate and time left, redrawn in place on a terminal's stderr."""

    def __init__(self, unit: str, width: int = 30):
        self.unit, self.width = unit, width
        self.started = time.monotonic()
        self.drawn = False

    def update(self, done: int, total: int) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0
        filled = int(self.width * done / total) if total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        click.echo(f"\r[{bar}] {done}/{total} {self.unit}  {rate:.0f}/s  ETA {int(left // 60)}:{int(left % 60):02d} ",
                   err=True, nl=False)
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            click.echo("", err=True)
