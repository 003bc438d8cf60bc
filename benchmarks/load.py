"""A bounded HTTP load on loopback: concurrent clients replaying a list of paths until a number
of requests or of seconds is reached, whichever comes first. Used by the benchmark and by the
load test that runs a reindex meanwhile."""

import http.client
import itertools
import statistics
import threading
import time
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # seconds, one per request
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        """Latency in milliseconds below which `share` of the requests finished."""
        if len(self.latencies) < 2:
            return 1000 * (self.latencies[0] if self.latencies else 0.0)
        return 1000 * statistics.quantiles(self.latencies, n=1000, method="inclusive")[round(share * 1000) - 1]


def run_load(host: str, port: int, paths: list[str], *, clients: int = 8, seconds: float = 10.0,
             requests: int | None = None) -> LoadResult:
    """Replay `paths` round-robin from `clients` keep-alive connections; every non-200 is a failure."""
    result = LoadResult()
    lock = threading.Lock()
    order = itertools.cycle(paths)
    deadline = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if requests is not None and result.requests >= requests:
                    break
                result.requests += 1
                path = next(order)
            started = time.monotonic()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                failure = None if response.status == 200 else f"{path}: HTTP {response.status}"
            except (OSError, http.client.HTTPException) as error:
                failure = f"{path}: {type(error).__name__}: {error}"
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
            with lock:
                result.latencies.append(time.monotonic() - started)
                if failure:
                    result.failures.append(failure)
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - started
    return result
