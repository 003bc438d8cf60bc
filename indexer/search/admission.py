"""How many searches with wildcards or ranges a process runs at once (SearchSettings.expensive_searches).

Python threads take turns on one interpreter lock: four CPU-bound searches run at a quarter of
the speed each, and every other request (a one-word query, /healthz) waits for its turns behind
them, as well as for a server thread they hold. A deadline bounds each search; admission bounds
how many compete. A search that finds every place taken waits for one, for part of its budget
and with as many others as there are places at most; past that it is refused as busy
(SearchBusyError): held back from the lock, it leaves the other requests their share.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .deadline import Deadline
from ..errors import SearchBusyError

# The share of its budget a search may wait for a place: one let in has the rest to run in.
WAIT_SHARE = 0.5


class Admission:
    """Places for `places` expensive searches at once, and a queue as long for those waiting."""

    def __init__(self, places: int):
        self.places = places
        self.running = self.waiting = 0
        self._changed = threading.Condition()

    @property
    def most_held(self) -> int:
        """Server threads the expensive searches hold at most: those running and those waiting."""
        return 2 * self.places

    @contextmanager
    def place(self, deadline: Deadline) -> Iterator[None]:
        """Run the block in a place, waiting for one for WAIT_SHARE of the budget; SearchBusyError if none is had."""
        self._enter(deadline)
        try:
            yield
        finally:
            with self._changed:
                self.running -= 1
                self._changed.notify()

    def _enter(self, deadline: Deadline) -> None:
        with self._changed:
            if self.running >= self.places and self.waiting >= self.places:
                raise self._busy("the queue for one is full")
            self.waiting += 1
            try:
                wait = deadline.seconds * WAIT_SHARE
                admitted = self._changed.wait_for(lambda: self.running < self.places, timeout=wait)
            finally:
                self.waiting -= 1
            if not admitted:
                raise self._busy(f"none came free in the {wait:g} s it may wait (of its {deadline.seconds:g} s "
                                 "budget)")
            self.running += 1

    def _busy(self, why: str) -> SearchBusyError:
        return SearchBusyError(f"the server is busy: the {self.places} places for searches with wildcards or "
                               f"ranges are taken and {why}; try again in a moment")


_made = threading.Lock()
_process: dict[int, Admission] = {}


def expensive(places: int) -> Admission:
    """This process's admission for `places` expensive searches at once: every index opened with
    that setting shares it, since they share the interpreter lock it guards."""
    with _made:
        return _process.setdefault(places, Admission(places))
