"""The product's few error kinds: the CLI and the web translate these, and only these, into messages."""


class FilingsError(Exception):
    """Base of every error a user can cause; its message is one line meant for them."""


class ParseError(FilingsError):
    """A file could not be read as a filing (empty, binary, unreadable, not a filing)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
