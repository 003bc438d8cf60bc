"""Reindex benchmark: a full build of N filings, then a run with nothing to do, then one with 1% changed.

The no-op run must take a small fraction of the full build (issue: incremental reindexing).
Corpus: variations of the shipped seeds (and of ../shared/corpus/edgar when present), written
to a temporary folder so nothing generated lands in the repo.

    python benchmarks/reindex_bench.py [--files 10000] [--jobs N]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "corpus", ROOT.parent / "shared" / "corpus" / "edgar"]


def make_corpus(folder: Path, count: int) -> None:
    texts = []
    for source in SOURCES:
        if source.is_dir():
            texts += [p.read_bytes() for p in sorted(source.iterdir()) if p.suffix in (".txt", ".nc", ".html")
                      and p.stat().st_size < 300_000]
    for number in range(count):
        text = texts[number % len(texts)]
        shard = folder / f"{number // 1000:03d}"
        shard.mkdir(exist_ok=True)
        (shard / f"filing-{number:06d}.txt").write_bytes(text + f"\nBenchmark copy {number}.\n".encode())


def timed(*args: str) -> float:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "indexer", "reindex", *args], capture_output=True, text=True)
    elapsed = time.monotonic() - started
    print(f"  {result.stderr.strip().splitlines()[-1]}")
    return elapsed


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--files", type=int, default=10000)
    options.add_argument("--jobs", type=int, default=os.cpu_count())
    arguments = options.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        corpus, index = Path(scratch) / "corpus", Path(scratch) / "index"
        corpus.mkdir()
        make_corpus(corpus, arguments.files)
        where = ["--corpus", str(corpus), "--index", str(index), "--jobs", str(arguments.jobs)]
        print(f"reindex benchmark: {arguments.files} files, {arguments.jobs} jobs")
        full = timed(*where)
        noop = timed(*where)
        for path in sorted(corpus.rglob("*.txt"))[:: 100]:
            path.write_bytes(path.read_bytes() + b"\nChanged.\n")
        changed = timed(*where)
        print(f"full build      {full:8.2f} s  ({arguments.files / full:.0f} files/s)")
        print(f"no-op run       {noop:8.2f} s  ({100 * noop / full:.1f}% of the full build)")
        print(f"1% changed      {changed:8.2f} s")


if __name__ == "__main__":
    main()
