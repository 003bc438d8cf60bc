"""Where a cluster is: `sphinx://HOST:PORT/TABLE`, the SphinxQL listener of the node that holds the
distributed table. Every command that takes --index takes one, in place of a folder."""

import re
from dataclasses import dataclass

from ...locations import SCHEME
from ...errors import UsageError, quoted

_ADDRESS = re.compile(SCHEME + r"(?P<host>[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:]+\]):(?P<port>[0-9]{1,5})/(?P<table>[A-Za-z_][A-Za-z0-9_]*)")
# A node's native API (what agents and searchd's own tools speak) and its SphinxQL listener are
# neighbours: SphinxQL on the API port + 1. Declared once, for the configuration and the clients.
SPHINXQL_AFTER_API = 1


@dataclass(frozen=True)
class Address:
    host: str
    port: int
    table: str

    @classmethod
    def parse(cls, location: str) -> "Address":
        match = _ADDRESS.fullmatch(location)
        if not match or not 0 < int(match["port"]) < 65536:
            raise UsageError(f"index {quoted(location)} is not a cluster address: write sphinx://HOST:PORT/TABLE "
                             "(PORT: the SphinxQL port `filings cluster init` printed; TABLE: letters, digits, _)")
        return cls(match["host"].strip("[]"), int(match["port"]), match["table"])

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{SCHEME}{host}:{self.port}/{self.table}"
