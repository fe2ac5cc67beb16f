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

from .passages import split_passages
from .sources import ArticleRecord
from .store import NewArticle, PassageTerms
from .tokenize import Tokenizer, TokenizerOptions

__all__ = ["prepare_articles", "prepare_in_parallel", "PARALLEL_MIN_CHARS"]

PARALLEL_MIN_CHARS = 2_000_000  # below this, starting worker processes costs more than it saves
CHUNK_CHARS = 400_000

_worker_tokenizer: Tokenizer | None = None


def prepare_articles(records: Sequence[ArticleRecord], tokenizer: Tokenizer) -> list[NewArticle]:
    out: list[NewArticle] = []
    for r in records:
        passages = split_passages(r.paragraphs)
        title_terms = tokenizer.tokens(r.title)
        token_lists = [title_terms + tokenizer.tokens(p) for p in passages]
        out.append(NewArticle(
            r.title, r.paragraphs, tuple(passages), tuple(" ".join(t) for t in token_lists), r.date, r.source,
            r.url, r.ext_id, r.kicker, tuple(PassageTerms.of(t) for t in token_lists),
        ))
    return out


def _init_worker(options: TokenizerOptions) -> None:
    global _worker_tokenizer
    _worker_tokenizer = Tokenizer(options)
    _worker_tokenizer.initialize()


def _prepare_chunk(records: Sequence[ArticleRecord]) -> list[NewArticle]:
    assert _worker_tokenizer is not None
    return prepare_articles(records, _worker_tokenizer)


def _chunks(records: Sequence[ArticleRecord]) -> Iterator[Sequence[ArticleRecord]]:
    start, size = 0, 0
    for i, r in enumerate(records):
        size += len(r.title) + sum(len(p) for p in r.paragraphs)
        if size >= CHUNK_CHARS:
            yield records[start : i + 1]
            start, size = i + 1, 0
    if start < len(records):
        yield records[start:]


def prepare_in_parallel(
    records: Sequence[ArticleRecord], options: TokenizerOptions, workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[list[NewArticle]]:
    """Prepared chunks, in input order, from a pool of worker processes (bounded work in flight)."""
    workers = workers or os.cpu_count() or 1
    context = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(options,)) as pool:
        pending: list[cf.Future[list[NewArticle]]] = []
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
