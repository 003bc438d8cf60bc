"""One reindex at a time per part of a cluster: a lock row in the meta table.

The row is taken with INSERT, which Sphinx refuses for an id it holds ("duplicate id"), so of two
runs starting together one wins. Its holder writes its host, pid and a heartbeat, renewed by a
thread; a row whose holder is a dead process on this host, or whose heartbeat has not moved for
STALE_SECONDS (a run killed on another host, or a host gone), is taken over: there is no kernel
to drop the lock of a process SIGKILLed, as flock does for the embedded engine.

Taking over is a DELETE and an INSERT: two runs that find the same stale row at the same moment
both delete it, and only one INSERT succeeds.
"""

import json
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from ...errors import FilingsError, IndexLockedError, QueryError
from .tables import Tables, meta_row_id

HEARTBEAT_SECONDS = 5.0
STALE_SECONDS = 30.0
POLL_SECONDS = 0.5


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


class Lock:
    """The lock row of one part: `lost` is set if another run took it over (this one was stale)."""

    def __init__(self, tables: Tables, name: str):
        self.tables = tables
        self.name = f"lock {name}"
        self.id = meta_row_id(self.name)
        self.token = uuid.uuid4().hex
        self.lost = threading.Event()
        self._stop = threading.Event()

    def _value(self) -> str:
        return json.dumps({"name": self.name, "host": socket.gethostname(), "pid": os.getpid(),
                           "heartbeat": time.time(), "token": self.token}, sort_keys=True)

    def _held(self) -> dict | None:
        rows = self.tables.head.rows(f"SELECT value FROM {self.tables.meta} WHERE id = %s", self.id)
        if not rows:
            return None
        try:
            return json.loads(rows[0][0])
        except ValueError:
            return {}

    def _try(self) -> bool:
        try:
            self.tables.head.rows(f"INSERT INTO {self.tables.meta} (id, about, value) VALUES (%s, %s, %s)",
                                  self.id, self.name, self._value())
            return True
        except QueryError as error:
            if "duplicate id" not in str(error):
                raise
        holder = self._held()
        if holder is None or self._stale(holder):
            self.tables.head.rows(f"DELETE FROM {self.tables.meta} WHERE id = %s", self.id)
        return False

    @staticmethod
    def _stale(holder: dict) -> bool:
        heartbeat = holder.get("heartbeat")
        if not isinstance(heartbeat, (int, float)) or time.time() - heartbeat > STALE_SECONDS:
            return True
        pid = holder.get("pid")
        return holder.get("host") == socket.gethostname() and isinstance(pid, int) and not _alive(pid)

    def acquire(self, wait: bool) -> None:
        # Twice at least: a stale row is deleted by the first try and taken by the next.
        for _ in range(2):
            if self._try():
                return
        while wait:
            if self._try():
                return
            time.sleep(POLL_SECONDS)
        raise IndexLockedError(str(self.tables.address))

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            try:
                holder = self._held()
                if not holder or holder.get("token") != self.token:
                    self.lost.set()
                    return
                self.tables.head.rows(f"REPLACE INTO {self.tables.meta} (id, about, value) VALUES (%s, %s, %s)",
                                      self.id, self.name, self._value())
            except FilingsError:
                continue  # the head does not answer now; the run's own writes will say so

    def release(self) -> None:
        """Best effort: a head that does not answer keeps the row until its heartbeat is stale."""
        try:
            holder = self._held()
            if holder is not None and holder.get("token") == self.token:
                self.tables.head.rows(f"DELETE FROM {self.tables.meta} WHERE id = %s", self.id)
        except FilingsError:
            pass

    @contextmanager
    def holding(self, wait: bool) -> Iterator["Lock"]:
        self.acquire(wait)
        beating = threading.Thread(target=self._beat, name=f"heartbeat of {self.name}", daemon=True)
        beating.start()
        try:
            yield self
        finally:
            # The heartbeat ends first, so that no renewal lands after the row is deleted.
            self._stop.set()
            beating.join()
            self.release()
