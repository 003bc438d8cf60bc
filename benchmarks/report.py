"""The benchmark's output: a JSON file, a markdown table, and one line per target for scripts."""

import json
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


ENGINES = {"product": "product", "cluster": "cluster", "fts5": "FTS5", "tantivy": "tantivy"}


@dataclass(frozen=True)
class Target:
    name: str
    measured: float | None  # None: not measured in this run, `why` says why
    goal: float
    unit: str  # "x" for a ratio, "%" or "s"
    at_most: bool  # the measured value must be <= goal (else >= goal)
    strict: bool = False  # < or > rather than <= or >=
    why: str = ""

    @property
    def met(self) -> bool:
        if self.measured is None:
            return False
        if self.at_most:
            return self.measured < self.goal if self.strict else self.measured <= self.goal
        return self.measured > self.goal if self.strict else self.measured >= self.goal

    def line(self) -> str:
        sign = ("<" if self.strict else "<=") if self.at_most else (">" if self.strict else ">=")
        shown = f"not measured ({self.why})" if self.measured is None else f"{self.measured:.2f}{self.unit}"
        return f"target {self.name}: {shown} (goal {sign} {self.goal:g}{self.unit}) {'met' if self.met else 'missed'}"


def targets(figures: dict) -> list[Target]:
    at_n, at_4n, webs = figures["n"], figures["4n"], figures["web"]

    def versus(at: dict, cut: str, engine: str = "product", baseline: str = "fts5") -> float:
        return at["queries"][engine][cut] / at["queries"][baseline][cut]

    cluster = at_4n.get("cluster_build", {"skipped": "not asked for"})
    why = cluster.get("skipped", "")

    return [
        Target("query-p95-vs-fts5", versus(at_n, "p95_ms"), 1, "x", at_most=True),
        Target("query-p95-vs-fts5-4n", versus(at_4n, "p95_ms"), 1, "x", at_most=True),
        Target("query-p50-vs-fts5-4n", versus(at_4n, "p50_ms"), 1, "x", at_most=True),
        Target("reindex-vs-parse-4n", at_4n["build"]["seconds"] / at_4n["parse"]["seconds"], 2, "x", at_most=True),
        Target("web-cores", webs[-1]["per_second"] / webs[0]["per_second"], 1.6, "x", at_most=False),
        Target("noop-vs-full", 100 * figures["incremental"]["noop_s"] / at_n["build"]["seconds"], 2, "%",
               at_most=True),
        Target("memory-4n-vs-n", at_4n["build"]["peak_mb"] / at_n["build"]["peak_mb"], 1.5, "x",
               at_most=True, strict=True),
        Target("cold-search", figures["cold_search_s"], 0.6, "s", at_most=True),
        Target("cluster-reindex-vs-parse-4n", None if why else cluster["seconds"] / at_4n["parse"]["seconds"],
               1.25, "x", at_most=True, why=why),
        Target("cluster-query-p95-vs-tantivy-4n", None if why else versus(at_4n, "p95_ms", "cluster", "tantivy"),
               2, "x", at_most=True, why=why),
    ]


def _corpus(corpus: dict) -> str:
    large = (f"; {corpus['large_files']:,} of 0.5 MB or more, {corpus['large_mb']:.1f} MB"
             if corpus["large_files"] else "")
    return f"{corpus['documents']:,} documents in {corpus['files']:,} files, {corpus['mb']:.1f} MB{large}"


def _build(build: dict) -> str:
    return f"{build['docs_per_s']:.0f} docs/s, {build['mb_per_s']:.2f} MB/s ({build['seconds']:.1f} s)"


def _latency(cuts: dict) -> str:
    return "p50 {p50_ms:.1f} / p95 {p95_ms:.1f} / p99 {p99_ms:.1f} ms".format(**cuts)


def _rows(label: str, at: dict) -> list[tuple[str, str]]:
    """The figures of one corpus: its size, its build beside parsing alone's, the cluster's, FTS5's and
    tantivy's, and the mix on each engine."""
    cluster = at.get("cluster_build")
    rows = [
        (f"{label}: corpus", _corpus(at["corpus"])),
        (f"{label}: full reindex, --jobs {at['build']['jobs']}", _build(at["build"])),
        (f"{label}: parsing alone, {at['parse']['jobs']} processes",
         f"{at['parse']['seconds']:.1f} s (the build: {at['build']['seconds'] / at['parse']['seconds']:.2f}x)"),
    ]
    if cluster and "skipped" in cluster:
        rows.append((f"{label}: cluster", f"skipped: {cluster['skipped']}"))
    elif cluster:
        rows.append((f"{label}: reindex into {cluster['nodes']} nodes, --jobs {cluster['jobs']}",
                     f"{_build(cluster)}; parsing alone's {cluster['seconds'] / at['parse']['seconds']:.2f}x"))
    rows += [(f"{label}: {name} build", f"{at[key]['docs_per_s']:.0f} docs/s ({at[key]['seconds']:.1f} s)")
             for key, name in (("fts5_build", "SQLite FTS5"), ("tantivy_build", "tantivy")) if key in at]
    rows += [(f"{label}: query mix + facets, {shown}", _latency(at["queries"][engine]))
             for engine, shown in ENGINES.items() if engine in at["queries"]]
    return rows


def _each(title: str, queries: dict) -> list[str]:
    """Each query's medians and totals on every engine, so that a regression in one of them shows."""
    engines = [engine for engine in ENGINES if engine in queries]
    ratios = [(engine, baseline) for engine, baseline in (("product", "fts5"), ("cluster", "tantivy"))
              if engine in engines and baseline in engines]
    header = [title, *(f"{ENGINES[engine]} p50 ms" for engine in engines),
              *(f"{ENGINES[engine]} / {ENGINES[baseline]}" for engine, baseline in ratios),
              *(f"{ENGINES[engine]} hits" for engine in engines)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, row in queries["each"].items():
        cells = [name, *(f"{row['ms'][engine]:.1f}" for engine in engines),
                 *(f"{row['ms'][engine] / row['ms'][baseline]:.2f}x" for engine, baseline in ratios),
                 *(f"{row['hits'][engine]:,}" for engine in engines)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _table(figures: dict) -> list[str]:
    at_n, at_4n, real, incremental = figures["n"], figures["4n"], figures["real"], figures["incremental"]
    at_n_rows = _rows("N", at_n)
    rows = [
        at_n_rows[0], ("N: full reindex, --jobs 1", _build(figures["one_job"])), *at_n_rows[1:],
        *_rows("4N", at_4n),
        *(_rows("real filings", real) if "skipped" not in real else [("real filings", real["skipped"])]),
        ("no-op reindex", f"{incremental['noop_s']:.2f} s"),
        ("reindex, one file changed", f"{incremental['one_changed_s']:.2f} s"),
        ("cold `filings search`", f"{figures['cold_search_s']:.2f} s"),
        *((f"web, --workers {web['workers']}, {web['clients']} clients for {web['seconds']:.0f} s",
           f"{web['per_second']:.1f} requests/s, p50 {web['p50_ms']:.0f} ms, p99 {web['p99_ms']:.0f} ms, "
           f"{web['failures']} failed of {web['requests']}") for web in figures["web"]),
        ("peak memory of a full reindex", f"{at_n['build']['peak_mb']:.0f} MB at N, "
                                          f"{at_4n['build']['peak_mb']:.0f} MB at 4N"),
        ("the whole run", f"{figures['seconds'] / 60:.1f} min"),
    ]
    return ["| figure | measured |", "|---|---|", *(f"| {name} | {value} |" for name, value in rows)]


def write(figures: dict, folder: Path) -> list[Target]:
    """Write results.json and results.md into `folder`; print the table, the per-query tables of 4N
    and of the real filings (N's is in results.md), and the target lines."""
    figures["machine"] = {"cores": figures.pop("cores"), "python": platform.python_version(),
                          "when": datetime.now(UTC).isoformat(timespec="seconds")}
    checked = targets(figures)
    figures["targets"] = [{"line": target.line(), "met": target.met} for target in checked]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(json.dumps(figures, indent=2) + "\n")
    each = {label: figures[key]["queries"] for key, label in (("n", "N"), ("4n", "4N"), ("real", "real filings"))
            if "skipped" not in figures[key]}

    def tables(labels: tuple[str, ...]) -> list[str]:
        return [line for label in labels if label in each for line in ["", *_each(label, each[label])]]

    printed = [*_table(figures), *tables(("4N", "real filings"))]
    markdown = [*_table(figures), *tables(("N", "4N", "real filings")), "",
                *(f"    {target.line()}" for target in checked)]
    (folder / "results.md").write_text("\n".join(markdown) + "\n")
    print(*printed, "", sep="\n")
    for target in checked:
        print(target.line())
    return checked
