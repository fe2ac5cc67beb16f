"""One exception root for everything the library refuses; the command line prints its message."""

from __future__ import annotations

__all__ = ["NewsbotError", "SourceError", "StoreError", "IndexFiles"]


class NewsbotError(Exception):
    """Something newsbot cannot do, with a message a person can act on (one line per problem)."""


class SourceError(NewsbotError):
    """An input file that cannot be read as news (the message names the file)."""


class StoreError(NewsbotError):
    """The database cannot be opened or written (the message says why)."""


class IndexFiles(NewsbotError):
    """The saved index cannot be used (the message says why); it is rebuilt from the store."""
