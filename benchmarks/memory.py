"""Wall time and peak memory of a command and every process it starts.

Memory is the sum of the proportional set size (PSS) of the process and its descendants,
sampled every SAMPLE_SECONDS from /proc: pages the worker processes share with their parent
are counted once, which ru_maxrss (the largest single process) cannot do.
"""

import subprocess
import threading
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


def watched(process: subprocess.Popen, timeout: float | None = None) -> tuple[str, str, int]:
    """stdout and stderr of a started process (as `communicate` gives them) and the peak memory
    of it and its descendants, in KB, sampled while it runs."""
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], sum(_pss_kb(pid) for pid in _descendants(process.pid)))
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    finally:
        done.set()
        sampler.join()
    return stdout, stderr, peak[0]


def measure(command: list[str], **options) -> Measured:
    """Run `command` to its end, sampling the memory of its process tree."""
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options)
    stdout, stderr, peak_kb = watched(process)
    return Measured(time.monotonic() - started, peak_kb / 1024, process.returncode, stdout, stderr)
