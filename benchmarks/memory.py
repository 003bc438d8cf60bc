"""Wall time and peak memory of a command and every process it starts.

Memory is the sum of the proportional set size (PSS) of the process and its descendants,
sampled every SAMPLE_SECONDS from /proc: pages the worker processes share with their parent
are counted once, which ru_maxrss (the largest single process) cannot do.
"""

import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.05


@dataclass
class Measured:
    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def _descendants(pid: int) -> list[int]:
    found, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                waiting += [int(child) for child in task.read_text().split()]
            except OSError:
                continue
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def measure(command: list[str], **options) -> Measured:
    """Run `command` to its end, sampling the memory of its process tree."""
    # Output goes to files, not pipes, which a chatty command could fill while we only sample.
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, text=True, **options)
        peak = 0
        while process.poll() is None:
            peak = max(peak, sum(_pss_kb(pid) for pid in _descendants(process.pid)))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.monotonic() - started
        stdout.seek(0)
        stderr.seek(0)
        return Measured(seconds, peak / 1024, process.returncode, stdout.read(), stderr.read())
