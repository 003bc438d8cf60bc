"""`make bench`: the product measured side by side with SQLite FTS5, tantivy and parsing alone, on
a generated corpus of N documents and of 4N (there also on a 2-node cluster), and on real filings,
ending with one line per performance target (see benchmarks/README.md).

    python -m benchmarks.bench [--docs 20000] [--quick] [--repeat 20] [--out benchmarks/results]

Everything generated (corpora, indexes, the cluster) lives in a temporary folder and is removed at
the end; only results.json and results.md are written, into --out.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from . import baselines, cluster, report
from .generate import Written, write_corpus
from .memory import measure
from .queries import engines, query_mix, timed
from .real import copy_real
from .tantivy_baseline import Tantivy
from .vocabulary import EDGAR, Vocabulary
from .web import FILINGS, web

ROOT = Path(__file__).resolve().parent.parent
# Asked of the real filings besides the mix: the word whose snippets cost most on them.
REAL_WORDS = ("revenue",)


def _reindex(corpus: Path, index: Path | str, jobs: int, written: Written, full: bool = True) -> dict:
    run = measure([*FILINGS, "reindex", "--corpus", str(corpus), "--index", str(index), "--jobs", str(jobs),
                   *(["--full"] if full else [])])
    if run.returncode != 0:
        raise SystemExit(f"reindex failed: {run.stderr.strip()}")
    return {"jobs": jobs, "seconds": round(run.seconds, 2), "docs_per_s": written.documents / run.seconds,
            "mb_per_s": written.bytes / 1e6 / run.seconds, "peak_mb": round(run.peak_mb, 1)}


def _corpus(written: Written) -> dict:
    return {"documents": written.documents, "files": written.files, "mb": written.bytes / 1e6,
            "large_files": written.large_files, "large_mb": written.large_bytes / 1e6}


def _side_by_side(corpus: Path, scratch: Path, name: str, written: Written, vocabulary: Vocabulary,
                  repeat: int, jobs: int, words: tuple[str, ...] = (),
                  on_cluster: bool = False, mix_seconds: float | None = None) -> tuple[dict, list, Path]:
    """A full build of `corpus`, parsing alone (right after it, under the same conditions), with
    `on_cluster` a reindex into a new 2-node cluster (right after parsing alone), FTS5 and tantivy
    built from the parsed documents, and the query mix on all of them; the figures, the mix and the
    index."""
    index = scratch / f"index-{name}"
    build = _reindex(corpus, index, jobs, written)
    stream = scratch / f"parsed-{name}.pickle"
    parsed, parse_s = baselines.write_parsed(corpus, stream, jobs)
    if not written.documents:  # real filings: how many documents they hold is what the parser finds
        written.documents = parsed
        build["docs_per_s"] = parsed / build["seconds"]
    figures = {"corpus": _corpus(written), "build": build,
               "parse": {"jobs": jobs, "seconds": round(parse_s, 2), "documents": parsed}}
    with ExitStack() as stack:
        if on_cluster:
            figures["cluster_build"] = _cluster(stack, corpus, scratch / f"cluster-{name}", jobs, written)
        fts = baselines.Fts5(scratch / f"fts5-{name}.db")
        fts5_s = fts.build(stream)
        tantivy = Tantivy(scratch / f"tantivy-{name}")
        tantivy_s = tantivy.build(stream)
        stream.unlink()
        figures["fts5_build"] = {"seconds": round(fts5_s, 2), "docs_per_s": parsed / fts5_s}
        figures["tantivy_build"] = {"seconds": round(tantivy_s, 2), "docs_per_s": parsed / tantivy_s}
        mix = query_mix(fts.connect(), vocabulary, written.documents, words)
        with engines(index, fts, tantivy, mix, figures.get("cluster_build", {}).get("address")) as answering:
            figures["queries"] = timed(answering, mix, repeat, mix_seconds)
    fts.path.unlink()
    tantivy.remove()
    return figures, mix, index


def _cluster(stack: ExitStack, corpus: Path, folder: Path, jobs: int, written: Written) -> dict:
    """A new cluster running until `stack` closes, and the corpus reindexed into it (a new cluster is
    empty: the incremental reindex is a full build); why not, where it cannot be measured here."""
    why = cluster.missing()
    if why:
        print(f"the cluster is skipped: {why}", flush=True)
        return {"skipped": why}
    address = stack.enter_context(cluster.running(folder))
    return {**_reindex(corpus, address, jobs, written, full=False), "address": address, "nodes": cluster.NODES}


def _incremental(corpus: Path, index: Path, written: Written) -> dict:
    noop = _reindex(corpus, index, os.cpu_count() or 1, written, full=False)
    changed = next(path for path in sorted(corpus.rglob("*.txt")))
    changed.write_text(changed.read_text() + "\nAmended.\n")
    one = _reindex(corpus, index, os.cpu_count() or 1, written, full=False)
    return {"noop_s": noop["seconds"], "one_changed_s": one["seconds"]}


def _cold_search(index: Path, word: str, runs: int = 5) -> float:
    """Median wall time of `filings search` in a new process, as a user at a shell runs it."""
    times = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run([Path(sys.executable).parent / "filings", "search", "--index", index, word],
                       check=True, capture_output=True)
        times.append(time.monotonic() - started)
    return statistics.median(times)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--docs", type=int, default=20_000, help="documents in the corpus (N)")
    options.add_argument("--quick", action="store_true", help="a small run: 2,000 documents, fewer repeats")
    options.add_argument("--repeat", type=int, default=None, help="passes over the query mix")
    options.add_argument("--mix-seconds", type=float, default=None,
                         help="fewer passes over the mix where they would last longer (5 at least)")
    options.add_argument("--seed", type=int, default=1)
    options.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    arguments = options.parse_args()
    docs = 2_000 if arguments.quick else arguments.docs
    repeat = arguments.repeat or (5 if arguments.quick else 20)
    web_seconds = 5 if arguments.quick else 15
    mix_seconds = arguments.mix_seconds or (60 if arguments.quick else 150)
    cores = os.cpu_count() or 1
    vocabulary = Vocabulary()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="filings-bench-") as scratch_name:
        scratch = Path(scratch_name)
        corpus = scratch / "corpus"
        print(f"generating {docs:,} documents ...", flush=True)
        written = write_corpus(corpus, docs, arguments.seed, vocabulary)
        print("full reindex with one job ...", flush=True)
        one_job = _reindex(corpus, scratch / "index-1", 1, written)
        shutil.rmtree(scratch / "index-1")
        print(f"at N: full reindex with {cores} jobs, parsing alone, the cluster's reindex, FTS5, tantivy, "
              "query mix ...", flush=True)
        at_n, mix, index = _side_by_side(corpus, scratch, "n", written, vocabulary, repeat, cores,
                                         on_cluster=True, mix_seconds=mix_seconds)
        print("cold search, web load with one worker and with one per core, incremental ...", flush=True)
        cold = _cold_search(index, mix[1].text)
        webs = [web(index, corpus, mix, workers, web_seconds) for workers in (1, cores)]
        incremental = _incremental(corpus, index, written)
        shutil.rmtree(index)
        shutil.rmtree(corpus)
        print(f"at 4N ({4 * docs:,} documents): generating, full reindex, parsing alone, the cluster's reindex, "
              "FTS5, tantivy, query mix ...", flush=True)
        big = scratch / "corpus-4n"
        written_4n = write_corpus(big, 4 * docs, arguments.seed, vocabulary)
        at_4n, _, index_4n = _side_by_side(big, scratch, "4n", written_4n, vocabulary, repeat, cores,
                                           on_cluster=True, mix_seconds=mix_seconds)
        shutil.rmtree(index_4n)
        shutil.rmtree(big)
        real_corpus = scratch / "real"
        real_written = copy_real(real_corpus)
        if real_written is None:
            real = {"skipped": f"{EDGAR} is absent: the real filings' part is skipped"}
            print(real["skipped"], flush=True)
        else:
            print(f"real filings ({real_written.files} files of the seeds and {EDGAR}): full reindex, "
                  "parsing alone, FTS5, tantivy, query mix ...", flush=True)
            real, _, _ = _side_by_side(real_corpus, scratch, "real", real_written, vocabulary, repeat, cores,
                                       REAL_WORDS)
    figures = {
        "cores": cores, "seconds": round(time.monotonic() - started),
        "seed": arguments.seed,
        "vocabulary": {"words": len(vocabulary.words), "zipf_exponent": round(vocabulary.exponent, 3),
                       "learned_from": vocabulary.sources},
        "one_job": one_job, "n": at_n, "4n": at_4n, "real": real,
        "incremental": incremental, "cold_search_s": cold, "web": webs,
    }
    report.write(figures, arguments.out)


if __name__ == "__main__":
    main()
