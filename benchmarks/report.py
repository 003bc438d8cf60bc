"""The benchmark's output: a JSON file, a markdown table, and one line per target for scripts."""

import json
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Target:
    name: str
    measured: float
    goal: float
    unit: str  # "x" for a ratio, "%" or "s"
    at_most: bool  # the measured value must be <= goal (else >= goal)
    strict: bool = False  # < or > rather than <= or >=

    @property
    def met(self) -> bool:
        if self.at_most:
            return self.measured < self.goal if self.strict else self.measured <= self.goal
        return self.measured > self.goal if self.strict else self.measured >= self.goal

    def line(self) -> str:
        sign = ("<" if self.strict else "<=") if self.at_most else (">" if self.strict else ">=")
        shown = f"{self.measured:.2f}{self.unit}" if self.unit != "%" else f"{self.measured:.2f}%"
        return f"target {self.name}: {shown} (goal {sign} {self.goal:g}{self.unit}) {'met' if self.met else 'missed'}"


def targets(figures: dict) -> list[Target]:
    reindex, baselines, queries = figures["reindex"], figures["baselines"], figures["queries"]
    return [
        Target("reindex-vs-naive", reindex["all_cores"]["docs_per_s"] / baselines["naive_whoosh"]["docs_per_s"],
               3, "x", at_most=False),
        Target("query-p95-vs-fts5", queries["product"]["p95_ms"] / queries["fts5"]["p95_ms"], 3, "x", at_most=True),
        Target("noop-vs-full", 100 * figures["incremental"]["noop_s"] / reindex["all_cores"]["seconds"], 2, "%",
               at_most=True),
        Target("memory-4n-vs-n", figures["memory"]["peak_4n_mb"] / figures["memory"]["peak_n_mb"], 1.5, "x",
               at_most=True, strict=True),
        Target("cold-search", figures["cold_search_s"], 0.6, "s", at_most=True),
    ]


def _table(figures: dict) -> str:
    corpus, reindex, baselines = figures["corpus"], figures["reindex"], figures["baselines"]
    queries, incremental, web, memory = figures["queries"], figures["incremental"], figures["web"], figures["memory"]
    rows = [
        ("corpus", f"{corpus['documents']:,} documents in {corpus['files']:,} files, {corpus['mb']:.1f} MB"),
        ("full reindex, --jobs 1", f"{reindex['one_job']['docs_per_s']:.0f} docs/s, {reindex['one_job']['mb_per_s']:.2f} MB/s"
                                   f" ({reindex['one_job']['seconds']:.1f} s)"),
        (f"full reindex, --jobs {reindex['all_cores']['jobs']}",
         f"{reindex['all_cores']['docs_per_s']:.0f} docs/s, {reindex['all_cores']['mb_per_s']:.2f} MB/s"
         f" ({reindex['all_cores']['seconds']:.1f} s)"),
        ("naive Whoosh baseline", f"{baselines['naive_whoosh']['docs_per_s']:.0f} docs/s"),
        ("SQLite FTS5 baseline", f"{baselines['fts5']['docs_per_s']:.0f} docs/s"),
        ("query mix + facets, product", "p50 {p50_ms:.1f} / p95 {p95_ms:.1f} / p99 {p99_ms:.1f} ms".format(
            **queries["product"])),
        ("query mix + facets, FTS5", "p50 {p50_ms:.1f} / p95 {p95_ms:.1f} / p99 {p99_ms:.1f} ms".format(
            **queries["fts5"])),
        ("no-op reindex", f"{incremental['noop_s']:.2f} s"),
        ("reindex, one file changed", f"{incremental['one_changed_s']:.2f} s"),
        ("cold `filings search`", f"{figures['cold_search_s']:.2f} s"),
        (f"web, {web['clients']} clients for {web['seconds']:.0f} s",
         f"{web['per_second']:.0f} requests/s, p99 {web['p99_ms']:.0f} ms, {web['failures']} failed of {web['requests']}"),
        ("peak memory of a full reindex", f"{memory['peak_n_mb']:.0f} MB at N, {memory['peak_4n_mb']:.0f} MB at 4N"
                                          f" ({memory['documents_4n']:,} documents)"),
    ]
    lines = ["| figure | measured |", "|---|---|", *(f"| {name} | {value} |" for name, value in rows)]
    lines += ["", "| query | product p50 ms | FTS5 p50 ms | hits |", "|---|---|---|---|"]
    lines += [f"| {name} | {row['product_ms']:.1f} | {row['fts5_ms']:.1f} | {row['hits']:,} |"
              for name, row in queries["each"].items()]
    return "\n".join(lines)


def write(figures: dict, folder: Path) -> list[Target]:
    """Write results.json and results.md into `folder`, print the table and the target lines."""
    figures["machine"] = {"cores": figures.pop("cores"), "python": platform.python_version(),
                          "when": datetime.now(UTC).isoformat(timespec="seconds")}
    checked = targets(figures)
    figures["targets"] = [{"line": target.line(), "met": target.met} for target in checked]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(json.dumps(figures, indent=2) + "\n")
    markdown = _table(figures) + "\n\n" + "\n".join(f"    {target.line()}" for target in checked) + "\n"
    (folder / "results.md").write_text(markdown)
    print(_table(figures), "", sep="\n")
    for target in checked:
        print(target.line())
    return checked
