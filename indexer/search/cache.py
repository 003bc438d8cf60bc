"""What searches keep from one to the next: values read from an index's segments, which never
change, so that a search does not read again what the one before it read."""

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from cachetools import LRUCache, cached

Value = TypeVar("Value")


class Cache(Generic[Value]):
    """A least-recently-used store (cachetools' LRUCache) bounded by the total size of what it holds,
    safe for the web server's threads.

    Keys name segments, so a kept value is never stale and only the limit drops it. A value larger
    than the whole limit is kept too, alone (its size counts as the limit): cachetools would refuse
    it, and a large segment's column read again by every search costs more than the memory. A
    value is made once: a thread asking for a key being made waits for it (cachetools' condition),
    while other keys are answered meanwhile, so one slow read does not hold up every search."""

    def __init__(self, limit: int, size: Callable[[Value], int] = lambda value: 1):
        values: LRUCache = LRUCache(limit, getsizeof=lambda value: min(size(value), limit))
        made_once = cached(values, key=lambda key, make: key, condition=threading.Condition())
        self._get = made_once(lambda key, make: make())

    def get(self, key: Hashable, make: Callable[[], Value]) -> Value:
        """The value kept under `key`, made (and kept) on first use."""
        return self._get(key, make)
