"""`make bench`: the product measured side by side with a naive Whoosh index and SQLite FTS5, on
a generated corpus, ending with one line per performance target (see benchmarks/README.md).

    python -m benchmarks.bench [--docs 20000] [--quick] [--repeat 20] [--out benchmarks/results]

Everything generated (corpora, indexes) lives in a temporary folder and is removed at the end;
only results.json and results.md are written, into --out.
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from . import baselines, report
from .generate import Written, write_corpus
from .load import run_load
from .memory import measure
from .queries import query_mix
from .vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parent.parent
FILINGS = [sys.executable, "-m", "indexer"]


def _filings(*args: str | Path) -> list[str]:
    return [*FILINGS, *map(str, args)]


def _reindex(corpus: Path, index: Path, jobs: int, written: Written, full: bool = True) -> dict:
    run = measure(_filings("reindex", "--corpus", corpus, "--index", index, "--jobs", str(jobs),
                           *(["--full"] if full else [])))
    if run.returncode != 0:
        raise SystemExit(f"reindex failed: {run.stderr.strip()}")
    return {"jobs": jobs, "seconds": round(run.seconds, 2), "docs_per_s": written.documents / run.seconds,
            "mb_per_s": written.bytes / 1e6 / run.seconds, "peak_mb": round(run.peak_mb, 1)}


def _percentiles(samples: list[float]) -> dict:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50_ms": cuts[49], "p95_ms": cuts[94], "p99_ms": cuts[98]}


def _queries(index: Path, fts: baselines.Fts5, vocabulary: Vocabulary, documents: int, repeat: int) -> tuple[dict, list]:
    """Latency of the query mix through the product's search interface and on FTS5, each run
    `repeat` times after one warm-up pass, round robin."""
    from indexer.engines import open_index
    from indexer.search.request import request_from

    opened, searcher = open_index(index), fts.connect()
    mix = query_mix(searcher, vocabulary, documents)
    requests = {query.name: request_from(query.params) for query in mix}
    timings: dict[str, dict[str, list[float]]] = {query.name: {"product": [], "fts5": []} for query in mix}
    hits = {}
    for round_number in range(repeat + 1):
        for query in mix:
            started = time.perf_counter()
            hits[query.name] = opened.search(requests[query.name]).total
            product = time.perf_counter() - started
            started = time.perf_counter()
            searcher.search(query.match, query.filters)
            fts5 = time.perf_counter() - started
            if round_number:
                timings[query.name]["product"].append(product * 1000)
                timings[query.name]["fts5"].append(fts5 * 1000)
    result = {engine: _percentiles([ms for each in timings.values() for ms in each[engine]])
              for engine in ("product", "fts5")}
    result["each"] = {name: {"product_ms": statistics.median(each["product"]),
                             "fts5_ms": statistics.median(each["fts5"]), "hits": hits[name]}
                      for name, each in timings.items()}
    result["mix"] = [{"name": query.name, "product": query.params, "fts5": query.match} for query in mix]
    return result, mix


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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _web(index: Path, corpus: Path, mix, seconds: float, clients: int = 8) -> dict:
    port = _free_port()
    server = subprocess.Popen(_filings("serve", "--port", str(port), "--index", index, "--corpus", corpus),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).close()
                break
            except (OSError, urllib.error.HTTPError):
                time.sleep(0.05)
        paths = [f"{prefix}?{urlencode(query.params, doseq=True)}" for query in mix for prefix in ("/", "/api/search")]
        load = run_load("127.0.0.1", port, paths, clients=clients, seconds=seconds)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {"clients": clients, "seconds": load.seconds, "requests": load.requests, "failures": len(load.failures),
            "per_second": load.per_second, "p50_ms": load.percentile(0.5), "p99_ms": load.percentile(0.99)}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--docs", type=int, default=20_000, help="documents in the corpus (N)")
    options.add_argument("--quick", action="store_true", help="a small run: 2,000 documents, fewer repeats")
    options.add_argument("--repeat", type=int, default=None, help="passes over the query mix")
    options.add_argument("--seed", type=int, default=1)
    options.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    arguments = options.parse_args()
    docs = 2_000 if arguments.quick else arguments.docs
    repeat = arguments.repeat or (5 if arguments.quick else 20)
    cores = os.cpu_count() or 1
    vocabulary = Vocabulary()
    with tempfile.TemporaryDirectory(prefix="filings-bench-") as scratch_name:
        scratch = Path(scratch_name)
        corpus = scratch / "corpus"
        print(f"generating {docs:,} documents ...", flush=True)
        written = write_corpus(corpus, docs, arguments.seed, vocabulary)
        print("full reindex, one job, then all cores ...", flush=True)
        one_job = _reindex(corpus, scratch / "index-1", 1, written)
        shutil.rmtree(scratch / "index-1")
        index = scratch / "index"
        all_cores = _reindex(corpus, index, cores, written)
        print("baselines: parse, naive Whoosh, FTS5 ...", flush=True)
        stream = scratch / "parsed.pickle"
        parsed_count = baselines.write_parsed(corpus, stream, cores)
        naive_s = baselines.naive_whoosh(stream, scratch / "naive")
        fts = baselines.Fts5(scratch / "fts5.db")
        fts5_s = fts.build(stream)
        print("query mix ...", flush=True)
        queries, mix = _queries(index, fts, vocabulary, written.documents, repeat)
        print("incremental, cold search, web load ...", flush=True)
        cold = _cold_search(index, mix[1].text)
        web = _web(index, corpus, mix, seconds=5 if arguments.quick else 15)
        incremental = _incremental(corpus, index, written)
        for leftover in ("naive", "index"):
            shutil.rmtree(scratch / leftover)
        print(f"memory at 4N ({4 * docs:,} documents) ...", flush=True)
        big = scratch / "corpus-4n"
        written_4n = write_corpus(big, 4 * docs, arguments.seed, vocabulary)
        at_4n = _reindex(big, scratch / "index-4n", cores, written_4n)
    figures = {
        "cores": cores,
        "corpus": {"documents": written.documents, "files": written.files, "mb": written.bytes / 1e6,
                   "seed": arguments.seed, "vocabulary": {"words": len(vocabulary.words),
                                                          "zipf_exponent": round(vocabulary.exponent, 3),
                                                          "learned_from": vocabulary.sources}},
        "reindex": {"one_job": one_job, "all_cores": all_cores},
        "baselines": {"parsed_documents": parsed_count,
                      "naive_whoosh": {"seconds": naive_s, "docs_per_s": parsed_count / naive_s},
                      "fts5": {"seconds": fts5_s, "docs_per_s": parsed_count / fts5_s}},
        "queries": queries, "incremental": incremental, "cold_search_s": cold, "web": web,
        "memory": {"peak_n_mb": all_cores["peak_mb"], "peak_4n_mb": at_4n["peak_mb"],
                   "documents_4n": written_4n.documents, "docs_per_s_4n": at_4n["docs_per_s"]},
    }
    report.write(figures, arguments.out)


if __name__ == "__main__":
    main()
