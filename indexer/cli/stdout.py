"""The command's standard output, over which a failed write is told apart from every other OSError.

A write that fails (a full disk, `>&-`, a device error) is the output's failure, not the index's,
and is reported once, as an OutputError. A reader that went away (`| head -1`) is no failure at all:
ReaderGoneError ends the command quietly. Either way what is left goes to /dev/null, Python's
recipe for a broken pipe, so that the interpreter's final flush does not fail a second time.
"""

import errno
import io
import os
import sys

from ..errors import OutputError

_FD = 1


class ReaderGoneError(Exception):
    """The pipe's reader closed it: no one wants the rest of the output."""


def _discard_the_rest() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    if devnull != _FD:  # with descriptor 1 closed, the open itself takes it
        os.dup2(devnull, _FD)
        os.close(devnull)


class _Descriptor(io.RawIOBase):
    """Descriptor 1. When the command starts with it closed, /dev/null takes it, so that no file the
    command opens is given it, but the first write still fails as a write to a closed stdout does."""

    def __init__(self):
        super().__init__()
        try:
            os.fstat(_FD)
            self._closed_error = None
        except OSError as error:
            self._closed_error = error
            _discard_the_rest()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        # What the output is decides colour, wrapping and the pager.
        return self._closed_error is None and os.isatty(_FD)

    def write(self, data) -> int:
        try:
            if self._closed_error:
                raise self._closed_error
            return os.write(_FD, data)
        except OSError as error:
            self._closed_error = None
            _discard_the_rest()
            if error.errno == errno.EPIPE:
                raise ReaderGoneError from None
            raise OutputError(error.strerror or str(error)) from None


def take_over_stdout() -> None:
    """Put sys.stdout over descriptor 1 through _Descriptor, unless someone (a test's CliRunner)
    already captures it."""
    if sys.stdout is not sys.__stdout__:
        return
    before = sys.__stdout__
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_Descriptor()), encoding=before.encoding if before else "utf-8",
        errors=before.errors if before else "strict", line_buffering=bool(before and before.line_buffering))
