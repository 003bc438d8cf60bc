"""`filings parse`: show the fielded documents the parser makes of files, without indexing them."""

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ..errors import ParseError
from ..models import FilingDocument, ParsedFile
from ..parse import parse_paths
from .output import fail_line, summary_fields


def _parsed(paths: tuple[Path, ...], failures: list[str]) -> Iterator[ParsedFile]:
    for file, result in parse_paths(paths):
        if isinstance(result, ParseError):
            failures.append(result.path)
            fail_line(f"{file}: {result.reason}")
        else:
            yield result


def _write_json(documents: Iterator[FilingDocument]) -> None:
    out = sys.stdout
    out.write("[")
    for number, document in enumerate(documents):
        out.write(",\n" if number else "\n")
        out.write(json.dumps(document.model_dump(), ensure_ascii=False))
    out.write("\n]\n")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=Path)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of every document, body included.")
def parse(paths: tuple[Path, ...], as_json: bool) -> None:
    """Parse filings into fielded documents and print them.

    PATHS are files or folders (a folder means every file below it that a reindex of it would
    index: hidden files and symlinks leading out of it are left out). An archive (.zip, .tar,
    .tar.gz, .tgz, .gz) stands for its members, each source "archive!member". A file that cannot be
    read as a filing is reported on stderr and skipped; the exit code is 1 if any was.

    Examples:

    \b
        filings parse corpus/000_e15dcc41c4970baf.txt
        filings parse --json corpus
    
    """
    failures: list[str] = []
    files = documents = skipped = 0
    parsed = _parsed(paths, failures)

    def each_document() -> Iterator[FilingDocument]:
        nonlocal files, documents, skipped
        for result in parsed:
            files += 1
            skipped += result.skipped_payloads
            for document in result.documents:
                documents += 1
                yield document

    if as_json:
        _write_json(each_document())
    else:
        for document in each_document():
            click.echo(summary_fields(document))
    click.echo(f"{files} files parsed, {documents} documents, {skipped} payloads skipped, "
               f"{len(failures)} failed", err=True)
    sys.exit(1 if failures else 0)
