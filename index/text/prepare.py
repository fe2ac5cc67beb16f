"""Articles -> passages with their terms, on every core for large ingests.

Tokenization dominates ingest time (jieba runs at about half a million characters a second per
core), so a large ingest is cut into chunks prepared by worker processes (one per core, each with
its own jieba) while the parent stores what comes back, in order.  Small ingests stay in-process.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
from typing import Callable, Iterator, Sequence

from ..model import PreparedArticle, PreparedPassage, SourceArticle
from .passages import split_passages
from .tokenize import Tokenizer, TokenizerOptions

__all__ = ["prepare_articles", "prepare_in_parallel", "PARALLEL_MIN_CHARS"]

PARALLEL_MIN_CHARS = 2_000_000  # below this, starting worker processes costs more than it saves
CHUNK_CHARS = 400_000

_worker_tokenizer: Tokenizer | None = None


def prepare_articles(records: Sequence[SourceArticle], tokenizer: Tokenizer) -> list[PreparedArticle]:
    """Each article's passages with their index terms (the title's terms first, in every passage)."""
    out: list[PreparedArticle] = []
    for r in records:
        title_terms = tuple(tokenizer.tokens(r.title))
        passages = tuple(PreparedPassage(p, title_terms + tuple(tokenizer.tokens(p))) for p in split_passages(r.paragraphs))
        out.append(PreparedArticle(r, passages))
    return out


def _init_worker(options: TokenizerOptions) -> None:
    global _worker_tokenizer
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


def prepare_in_parallel(
    records: Sequence[SourceArticle], options: TokenizerOptions, workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[list[PreparedArticle]]:
    """Prepared chunks, in input order, from a pool of worker processes (bounded work in flight)."""
    workers = workers or os.cpu_count() or 1
    context = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(options,)) as pool:
        pending: list[cf.Future[list[PreparedArticle]]] = []
        chunks = _chunks(records)
        for chunk in chunks:
            pending.append(pool.submit(_prepare_chunk, chunk))
            if len(pending) >= 2 * workers:
                break
        while pending:
            done = pending.pop(0).result()
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append(pool.submit(_prepare_chunk, nxt))
            if progress is not None:
                progress(len(done))
            yield done
