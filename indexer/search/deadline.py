"""A search's deadline: the moment it must be done by, checked by every phase of it.

An engine checks it in its own long loops (for Whoosh, engines/whoosh/watch.py), and the error
names the phase the budget ran out in.
"""

import math
import time

from ..errors import QueryTimeoutError

class Deadline:
    """The moment one search must be done by."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        return max(0.0, self.at - time.monotonic())

    def has_time(self) -> bool:
        return time.monotonic() < self.at

    def check(self, phase: str) -> None:
        """Raise QueryTimeoutError, naming `phase`, once the deadline has passed."""
        if not self.has_time():
            raise QueryTimeoutError(f"the search ran out of its {self.seconds:g} s budget while {phase}; "
                                    "narrow it (fewer wildcards, more words or filters)")


# For what runs outside a search (a phrase matched in a test, a document's marks).
UNBOUNDED = Deadline(math.inf)


