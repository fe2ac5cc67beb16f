"""Articles -> passages with their terms, on every core for large ingests.

Tokenization dominates ingest time (jieba runs at about half a million characters a second per
core), so a large ingest is cut into chunks prepared by worker processes (one per core, each with
its own jieba) while the parent stores what comes back, in order.  Small ingests stay in-process.
"""

from __future__ import annotations

import concurrent.futures as cf
import ctypes
import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from contextlib import contextmanager
from types import TracebackType
from typing import Iterator, Sequence

from ..model import PreparedArticle, PreparedPassage, SourceArticle
from .passages import split_passages
from .tokenize import Tokenizer, TokenizerOptions

__all__ = ["prepare_articles", "ParallelPreparer", "PARALLEL_MIN_CHARS"]

PARALLEL_MIN_CHARS = 2_000_000  # below this, starting worker processes costs more than it saves
CHUNK_CHARS = 400_000
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies

_worker_tokenizer: Tokenizer | None = None


def prepare_articles(records: Sequence[SourceArticle], tokenizer: Tokenizer) -> list[PreparedArticle]:
    """Each article's passages with their index terms (the title's terms first, in every passage)."""
    out: list[PreparedArticle] = []
    for r in records:
        title_terms = tuple(tokenizer.tokens(r.title))
        passages = tuple(PreparedPassage(p, title_terms + tuple(tokenizer.tokens(p))) for p in split_passages(r.paragraphs))
        out.append(PreparedArticle(r, passages))
    return out


def _init_worker(options: TokenizerOptions, parent: int) -> None:
    global _worker_tokenizer
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent handles it
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked while we started: now ignored
    _die_with(parent)
    _worker_tokenizer = Tokenizer(options)
    _worker_tokenizer.initialize()


def _prepare_chunk(records: Sequence[SourceArticle]) -> list[PreparedArticle]:
    assert _worker_tokenizer is not None
    return prepare_articles(records, _worker_tokenizer)


def _chunks(records: Sequence[SourceArticle]) -> Iterator[Sequence[SourceArticle]]:
    start, size = 0, 0
    for i, r in enumerate(records):
        size += len(r.title) + sum(len(p) for p in r.paragraphs)
        if size >= CHUNK_CHARS:
            yield records[start : i + 1]
            start, size = i + 1, 0
    if start < len(records):
        yield records[start:]


class ParallelPreparer:
    """Prepared chunks, in input order, from worker processes (bounded work in flight).  A context
    manager: leaving it early (an error, Ctrl-C, a cancelled task) stops the workers at once."""

    def __init__(self, records: Sequence[SourceArticle], options: TokenizerOptions, workers: int | None = None) -> None:
        self._records = records
        self._options = options
        self._workers = workers or os.cpu_count() or 1
        self._pool: cf.ProcessPoolExecutor | None = None

    def __enter__(self) -> ParallelPreparer:
        context = multiprocessing.get_context("spawn")
        with _sigint_blocked():  # multiprocessing's resource tracker starts here
            self._pool = cf.ProcessPoolExecutor(self._workers, mp_context=context, initializer=_init_worker,
                                                initargs=(self._options, os.getpid()))
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kind is not None:  # left early: ProcessPoolExecutor has no public way to stop a running task
            for process in list(getattr(pool, "_processes", {}).values()):  # (3.14 adds terminate_workers)
                process.terminate()
        # wait for its manager thread too (it sees terminated workers go at once): one still closing its wake-up
        # pipe while the interpreter exits races concurrent.futures' own exit hook ("Bad file descriptor", 3.11)
        pool.shutdown(wait=True, cancel_futures=kind is not None)

    def futures(self) -> Iterator[cf.Future[list[PreparedArticle]]]:
        """One future per chunk, in order; the next chunk is submitted as each one is taken."""
        assert self._pool is not None, "use ParallelPreparer as a context manager"
        chunks = _chunks(self._records)
        with _sigint_blocked():  # the worker processes start with these first tasks
            pending = deque(self._pool.submit(_prepare_chunk, c) for c in itertools.islice(chunks, 2 * self._workers))
        while pending:
            yield pending.popleft()
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append(self._pool.submit(_prepare_chunk, nxt))


@contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Ctrl-C held back in this thread while child processes start: they inherit the blocked signal,
    so one that arrives before they can ignore it is not a traceback.  The parent gets it afterwards."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _die_with(parent: int) -> None:
    """A worker ends when its parent does, even when the parent is killed (SIGKILL cannot be caught)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL) == 0:
            if os.getppid() != parent:  # the parent died before the request took effect
                os._exit(1)
            return
    except (OSError, AttributeError):  # not Linux
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
