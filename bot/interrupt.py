"""Ctrl-C for the command line, taken by the event loop between two callbacks.

``asyncio.run`` cancels the main task from a Python signal handler, which runs between any two bytecodes:
also between aiosqlite's "is this future still pending?" and its "set the result", which then fails
with a traceback (``InvalidStateError``) although nothing is wrong.  Here the loop hears the signal
through its wake-up descriptor and cancels the command in a callback of its own, so no callback is
ever cut in two; the command's own clean-up runs and the caller sees ``KeyboardInterrupt``.  A second
Ctrl-C while that clean-up runs is Python's usual ``KeyboardInterrupt``.  Lines typed at a prompt are
read by a daemon thread, so that Ctrl-C there does not wait for Enter.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from typing import Any, AsyncIterator, Coroutine, TextIO, TypeVar

T = TypeVar("T")

EXIT_INTERRUPTED = 130  # as a shell reports a command ended by Ctrl-C


def run(command: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(command)``; Ctrl-C cancels the command, and once it has unwound and the loop is
    shut down as usual, ``KeyboardInterrupt`` is raised here (never from inside the loop, which would
    stop it half-way through its callbacks and leave connections open)."""
    interrupted = False

    async def main() -> T:
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()

        def on_sigint() -> None:
            nonlocal interrupted
            interrupted = True
            loop.remove_signal_handler(signal.SIGINT)  # back to Python's own: a second Ctrl-C is not ignored
            if task is not None:
                task.cancel()

        try:
            loop.add_signal_handler(signal.SIGINT, on_sigint)
        except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
            return await command
        try:
            return await command
        finally:
            if not interrupted:
                loop.remove_signal_handler(signal.SIGINT)

    try:
        return asyncio.run(main())
    except asyncio.CancelledError:
        if interrupted:
            raise KeyboardInterrupt from None
        raise


async def read_line(stdin: TextIO) -> str:
    """The next line of ``stdin`` ("" at its end), read by a daemon thread: Ctrl-C at the prompt ends
    the chat at once, where a worker of the default executor would hold the exit until Enter."""
    loop = asyncio.get_running_loop()
    line: asyncio.Future[str] = loop.create_future()

    def settle(text: str | None, error: BaseException | None) -> None:
        if line.done():  # the chat ended while the line was being typed
            return
        if error is not None:
            line.set_exception(error)
        else:
            line.set_result(text or "")

    def read() -> None:
        try:
            text, error = stdin.readline(), None
        except (OSError, ValueError) as e:  # closed or undecodable input
            text, error = None, e
        try:
            loop.call_soon_threadsafe(settle, text, error)
        except RuntimeError:  # the loop is gone: nobody waits for this line
            pass

    threading.Thread(target=read, name="newsbot-stdin", daemon=True).start()
    return await line


async def read_lines(stdin: TextIO) -> AsyncIterator[str]:
    """The lines of ``stdin`` (with their ends), each read as ``read_line`` reads it."""
    while line := await read_line(stdin):
        yield line
