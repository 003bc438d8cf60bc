"""What the product is measured against: parsing alone, and SQLite FTS5 fed the parsed documents.

- parsing alone: the product's parser over every file, with as many processes as the build
  uses, into a pickle stream: the floor a full build cannot go below;
- SQLite FTS5 (stdlib sqlite3, porter tokenizer): a C engine, with the facets in a plain table
  and counted with GROUP BY over the matches. It indexes title and body, stores what a result
  page shows, and answers the same query mix as the product: a page of hits by relevance (as
  many as the product's default page holds) with snippets, the total, and every facet's counts.
"""

import os
import pickle
import sqlite3
import time
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path

from indexer.facets import FACET_FIELDS
from indexer.models import SearchRequest
from indexer.parse import parse_file

PAGE = SearchRequest.model_fields["per_page"].default
SHOWN = ("id", "company", "form_type", "exhibit_type", "month", "signer", "title")
# The FTS5 baseline's plain table: what a hit shows but its title, and every facet.
COLUMNS = ("id", *FACET_FIELDS)


def _row(document) -> dict:
    row = document.model_dump(include={*SHOWN, *COLUMNS, "body"} - {"year"})
    row["year"] = document.month[:4] if document.month else None
    # A list facet (an 8-K's items) is one value of the baselines' plain columns.
    return {name: "\n".join(value) or None if isinstance(value, list) else value for name, value in row.items()}


def _parse(task: tuple[str, str]) -> list[dict]:
    path, root = task
    return [_row(document) for document in parse_file(Path(path), Path(root)).documents]


def write_parsed(corpus: Path, out: Path, jobs: int) -> tuple[int, float]:
    """Parse every file of `corpus` with the product's parser into a pickle stream: the count of
    documents and the wall time, start-up of the worker processes included, as a build's is."""
    started = time.monotonic()
    files = sorted(str(path) for path in corpus.rglob("*") if path.is_file())
    count = 0
    with out.open("wb") as stream, Pool(jobs) as pool:
        for rows in pool.imap(_parse, [(path, str(corpus)) for path in files], chunksize=16):
            for row in rows:
                pickle.dump(row, stream, pickle.HIGHEST_PROTOCOL)
                count += 1
    return count, time.monotonic() - started


def parsed(stream_path: Path) -> Iterator[dict]:
    with stream_path.open("rb") as stream:
        while True:
            try:
                yield pickle.load(stream)
            except EOFError:
                return


class Fts5:
    """The SQLite FTS5 baseline: build it, then answer the query mix."""

    def __init__(self, path: Path):
        self.path = path

    def build(self, stream_path: Path) -> float:
        started = time.monotonic()
        with sqlite3.connect(self.path) as db:
            db.execute(f"CREATE TABLE docs ({', '.join(COLUMNS)})")
            db.execute("CREATE VIRTUAL TABLE text USING fts5(title, body, tokenize='porter unicode61')")
            for row in parsed(stream_path):
                cursor = db.execute(f"INSERT INTO docs VALUES ({', '.join('?' * len(COLUMNS))})",
                                    [row[name] for name in COLUMNS])
                db.execute("INSERT INTO text (rowid, title, body) VALUES (?, ?, ?)",
                           (cursor.lastrowid, row["title"] or "", row["body"]))
            for name in FACET_FIELDS:
                db.execute(f"CREATE INDEX docs_{name} ON docs ({name})")
        return time.monotonic() - started

    def connect(self) -> "Fts5Searcher":
        return Fts5Searcher(sqlite3.connect(self.path))

    def size_bytes(self) -> int:
        return os.path.getsize(self.path)


class Fts5Searcher:
    def __init__(self, db: sqlite3.Connection):
        self.db = db
        db.execute("CREATE TEMP TABLE hits (rowid INTEGER PRIMARY KEY, rank REAL)")

    def search(self, match: str, filters: dict[str, list[str]]) -> tuple[int, list, dict]:
        """Total, the first page of hits with snippets, and the facet counts (each facet counted under
        the other facets' filters, as the product's multi-select facets are)."""
        db = self.db
        db.execute("DELETE FROM hits")
        db.execute("INSERT INTO hits SELECT rowid, rank FROM text WHERE text MATCH ?", (match,))

        def where(skip: str | None = None) -> tuple[str, list]:
            clauses, values = [], []
            for name, wanted in filters.items():
                if name != skip:
                    clauses.append(f"docs.{name} IN ({', '.join('?' * len(wanted))})")
                    values += wanted
            return (" AND ".join(clauses) or "1"), values

        clause, values = where()
        total = db.execute(f"SELECT count(*) FROM hits JOIN docs ON docs.rowid = hits.rowid WHERE {clause}",
                           values).fetchone()[0]
        page = db.execute(
            f"SELECT docs.id, docs.company, text.title, snippet(text, 1, '<mark>', '</mark>', '…', 24) "
            f"FROM text JOIN docs ON docs.rowid = text.rowid WHERE text MATCH ? AND {clause} "
            f"ORDER BY text.rank LIMIT {PAGE}", [match, *values]).fetchall()
        facets = {}
        for name in FACET_FIELDS:
            clause, values = where(skip=name)
            facets[name] = db.execute(
                f"SELECT docs.{name}, count(*) FROM hits JOIN docs ON docs.rowid = hits.rowid WHERE {clause} "
                f"GROUP BY docs.{name} ORDER BY 2 DESC LIMIT 50", values).fetchall()
        return total, page, facets

    def close(self) -> None:
        self.db.close()

    def document_frequency(self, match: str) -> int:
        return self.db.execute("SELECT count(*) FROM text WHERE text MATCH ?", (match,)).fetchone()[0]
