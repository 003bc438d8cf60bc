"""How the CLI words things: error lines, document summaries. Colour only on a terminal (click strips it)."""

import click

from ..models import FilingDocument

USAGE_ERROR = 2


def fail_line(message: str) -> None:
    """One line on stderr for one bad input."""
    click.secho(f"error: {message}", fg="red", err=True)


def summary_fields(document: FilingDocument) -> str:
    """A document in three lines: where it is, what it is, what it is about."""
    kind = " / ".join(dict.fromkeys(v for v in (document.form_type, document.exhibit_type) if v)) or "?"
    facts = [document.company or "(company unknown)", kind, document.month or "(month unknown)"]
    if document.signer:
        signer = document.signer + (f" ({document.signer_title})" if document.signer_title else "")
        facts.append(f"signed by {signer}")
    title = document.title or document.description or ""
    heading = click.style(document.source, bold=True) + click.style(f"  [{document.id}]", dim=True)
    return "\n".join(line for line in (heading, "  " + " · ".join(facts), f"  {title}" if title else "") if line)
