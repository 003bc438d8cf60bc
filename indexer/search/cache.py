"""What searches keep from one to the next: values read from an index's segments, which never
change, so that a search does not read again what the one before it read."""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Kept(Generic[Value]):
    """A least-recently-used store bounded by the total size of what it holds (one value at least),
    safe for the web server's threads."""

    def __init__(self, limit: int, size: Callable[[Value], int] = lambda value: 1):
        self._limit, self._size = limit, size
        self._values: OrderedDict[Hashable, Value] = OrderedDict()
        self._total = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Value]) -> Value:
        """The value kept under `key`, made (and kept) on first use."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            value = self._values[key] = make()
            self._total += self._size(value)
            while len(self._values) > 1 and self._total > self._limit:
                _, dropped = self._values.popitem(last=False)
                self._total -= self._size(dropped)
            return value
