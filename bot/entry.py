"""The ``newsbot`` command.  Loading newsbot (numpy, jieba, the index) takes a moment; Ctrl-C during it
is the same one line as Ctrl-C later, not a traceback through the imports."""

from __future__ import annotations

import sys

from .interrupt import EXIT_INTERRUPTED  # light: asyncio, signal and threading only


def main() -> int:
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        print("newsbot: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return run()
