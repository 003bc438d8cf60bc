"""`filings reindex`: bring the index up to date with the corpus, by hand or from a scheduler."""

import sys

import click

from ..errors import ReindexInterruptedError, UsageError
from ..index.reindex import MAX_JOBS, committed_documents
from ..index.reindex import reindex as run_reindex
from ..parts import parse_part
from ..settings import COMMIT_EVERY
from .options import corpus_option, index_option
from .output import fail_line, progress_bar


@click.command()
@corpus_option
@index_option
@click.option("--full", is_flag=True, help="Rebuild from scratch beside the index, then switch to it atomically.")
@click.option("--jobs", type=click.IntRange(min=1, max=MAX_JOBS), default=None,
              help=f"Parser processes to run, at most {MAX_JOBS} (4 per CPU).  [default: the CPU count]")
@click.option("--wait", is_flag=True, help="If another reindex is running, wait for it instead of exiting.")
@click.option("--part", metavar="K/N", callback=lambda ctx, param, value: _part(value),
              help="Index only the K-th of N parts of the corpus (a cluster only): N machines, each running its "
                   "part, share one corpus and together hold all of it.")
def reindex(corpus, index, full, jobs, wait, part) -> None:
    """Index new and changed filings, drop deleted ones.

    Incremental by default: files whose size and mtime are unchanged are not read, and an archive
    (.zip, .tar, .tar.gz, .tgz, .gz) unchanged is not opened; a changed one is read whole and only
    its changed members are indexed again. Exit codes:
    0 all files indexed, 1 done but some files failed, 2 usage error, 74 stopped by a write error
    (a full disk), 75 another reindex is running, 130 stopped by Ctrl-C (what was committed stays).

    Examples:

    \b
        filings reindex --corpus /data/edgar --index /data/edgar-index --jobs 4
        filings reindex --corpus /data/edgar --index /data/edgar-index --full --wait
        filings reindex --corpus /data/edgar --index sphinx://127.0.0.1:9313/filings --part 1/2
    
    """
    commit_every = COMMIT_EVERY.resolve()
    try:
        with progress_bar("files") as progress:
            report = run_reindex(corpus, index, commit_every=commit_every, full=full, jobs=jobs, wait=wait,
                                 progress=progress, part=part)
    except KeyboardInterrupt:
        raise ReindexInterruptedError(committed_documents(index)) from None
    for failure in report.failures:
        fail_line(f"{corpus / failure.path}: {failure.reason}")
    click.echo(
        f"reindex{' (full)' if report.full else ''}: {report.seen} files seen, {report.added} added, "
        f"{report.updated} updated, {report.deleted} deleted, {report.failed} failed; "
        f"{report.documents} documents in the index; {report.seconds:.2f} s",
        err=True,
    )
    sys.exit(1 if report.failed else 0)


def _part(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        return parse_part(value)
    except UsageError as error:
        raise click.BadParameter(str(error).removeprefix(f"--part {value}: ")) from None
