"""The benchmark behind `make bench`: reindex and search timings on a generated corpus of N filings.

Reindex: a full build, a run with nothing to do (it must take a small fraction of the full
build), and a run with 1% of the files changed, each with the process's peak memory.
Search: typical queries (words, a phrase, filters, a wildcard, sorts, a deep page) run
repeatedly against that index, reporting median and worst latency.

The corpus is made of variations of the shipped seeds and, when present, of
../shared/corpus/edgar, written to a temporary folder: nothing generated lands in the repo.

    python benchmarks/bench.py [--files 10000] [--jobs N] [--repeat 20]
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "corpus", ROOT.parent / "shared" / "corpus" / "edgar"]
QUERIES = [
    ("common word", {"query": "securities"}),
    ("two words", {"query": "delisting nasdaq"}),
    ("phrase", {"query": '"reverse stock split"'}),
    ("OR and NOT", {"query": "(delisting OR suspension) -hearing"}),
    ("trailing wildcard", {"query": "announc*"}),
    ("fielded + filter", {"query": "company:thrunet", "month": ["2002-11", "2002-12"]}),
    ("browse, newest", {"query": "", "sort": "newest"}),
    ("deep page", {"query": "company", "page": 40, "per_page": 100}),
    ("misspelt", {"query": "delistng"}),
]


def make_corpus(folder: Path, count: int) -> None:
    texts = []
    for source in SOURCES:
        if source.is_dir():
            texts += [p.read_bytes() for p in sorted(source.iterdir())
                      if p.suffix in (".txt", ".nc", ".html") and p.stat().st_size < 300_000]
    for number in range(count):
        shard = folder / f"{number // 1000:03d}"
        shard.mkdir(exist_ok=True)
        text = texts[number % len(texts)] + f"\nBenchmark copy {number}.\n".encode()
        (shard / f"filing-{number:06d}.txt").write_bytes(text)


def reindex(where: list[str]) -> tuple[float, float, str]:
    """Seconds, peak memory (MB) and summary line of one `filings reindex` run."""
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "indexer", "reindex", *where], capture_output=True, text=True)
    elapsed = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak, result.stderr.strip().splitlines()[-1]


def search_timings(index: Path, repeat: int) -> None:
    from indexer.documents import open_index
    from indexer.search import request_from, search

    opened = open_index(index)
    print(f"\n{'search':20} {'hits':>8} {'median ms':>10} {'worst ms':>10}")
    for name, params in QUERIES:
        request = request_from(params)
        times, total = [], 0
        for _ in range(repeat):
            started = time.monotonic()
            total = search(opened, request).total
            times.append((time.monotonic() - started) * 1000)
        print(f"{name:20} {total:8d} {statistics.median(times):10.1f} {max(times):10.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"search process peak memory {peak:.0f} MB")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--files", type=int, default=10000)
    options.add_argument("--jobs", type=int, default=os.cpu_count())
    options.add_argument("--repeat", type=int, default=20)
    arguments = options.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        corpus, index = Path(scratch) / "corpus", Path(scratch) / "index"
        corpus.mkdir()
        make_corpus(corpus, arguments.files)
        where = ["--corpus", str(corpus), "--index", str(index), "--jobs", str(arguments.jobs)]
        print(f"benchmark: {arguments.files} files, {arguments.jobs} jobs")
        full, full_peak, line = reindex(where)
        print(f"  {line}")
        noop, _, line = reindex(where)
        print(f"  {line}")
        for path in sorted(corpus.rglob("*.txt"))[::100]:
            path.write_bytes(path.read_bytes() + b"\nChanged.\n")
        changed, _, line = reindex(where)
        print(f"  {line}")
        print(f"\nfull build   {full:8.2f} s  ({arguments.files / full:.0f} files/s, peak memory {full_peak:.0f} MB)")
        print(f"no-op run    {noop:8.2f} s  ({100 * noop / full:.1f}% of the full build)")
        print(f"1% changed   {changed:8.2f} s")
        search_timings(index, arguments.repeat)


if __name__ == "__main__":
    main()
