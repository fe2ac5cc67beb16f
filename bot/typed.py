"""What a reader typed at the command line, as text.

Python hands over bytes that are not UTF-8 (a GBK terminal, a file of questions saved as GBK, an argument
typed in one) as lone surrogates (``surrogateescape``) — or, reading a strict UTF-8 stdin, raises half-way
through a file.  Such text is read again as GB18030 (which holds GBK and GB2312), as the page reader reads
a page's text; text that is neither is one clear error instead of a traceback from deep in the tokenizer.
"""

from __future__ import annotations

import re

from index import NewsbotError

__all__ = ["InputError", "typed"]

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class InputError(NewsbotError):
    """Typed text that is neither UTF-8 nor GB18030."""


def typed(text: str) -> str:
    """``text`` as the reader meant it: unchanged when it is text; bytes Python could not decode as UTF-8
    are decoded again as GB18030 (the whole text, so that a GBK character split by the first decoding
    comes back whole)."""
    if not _LONE_SURROGATE.search(text):
        return text
    data = text.encode("utf-8", "surrogateescape")  # the bytes as they were typed
    try:
        return data.decode("gb18030")
    except (UnicodeDecodeError, UnicodeEncodeError):
        raise InputError("the input is neither UTF-8 nor GB18030/GBK text") from None

