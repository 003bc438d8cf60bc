"""`filings parse`: show the fielded documents the parser makes of files, without indexing them."""

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ..errors import ParseError
from ..models import FilingDocument, ParsedFile
from ..parse import corpus_files, parse_file
from .output import fail_line, summary_fields


def _targets(paths: tuple[Path, ...]) -> Iterator[tuple[Path, Path]]:
    """(file, root) pairs: a directory argument stands for every file below it."""
    for path in paths:
        try:
            folder = path.is_dir()
        except OSError:
            folder = False  # a name too long to look up: parse_file reports it, as it does any unreadable file
        if folder:
            for file in corpus_files(path):
                yield file, path
        else:
            yield path, path.parent


def _parsed(paths: tuple[Path, ...], failures: list[str]) -> Iterator[ParsedFile]:
    for file, root in _targets(paths):
        try:
            yield parse_file(file, root)
        except ParseError as error:
            failures.append(error.path)
            fail_line(f"{file}: {error.reason}")


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

    PATHS are files or folders (a folder means every file below it). A file that cannot be
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
