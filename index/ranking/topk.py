"""The k best documents for a query: the compiled block-max search (one or two threads) and the exact
numpy path (every posting into a dense score array).  Both give rank-bm25's scores and order."""

from __future__ import annotations

import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Iterator, Sequence

import numpy as np

from ..errors import IndexFiles
from ._kernels import WINDOW
from .stats import CorpusStats, Hit

__all__ = ["query_terms", "contributions", "top_k_numpy", "top_k_compiled", "ScratchPool", "PARALLEL_MIN_POSTINGS"]

PARALLEL_MIN_POSTINGS = 100_000  # above this, two threads split a query's documents (measured: 30k splits lose at 100k docs)

_helper: ThreadPoolExecutor | None = None
_helper_lock = threading.Lock()


def _helper_thread() -> ThreadPoolExecutor:
    """The second thread of a split query (one for all indexes: this machine has two cores)."""
    global _helper
    with _helper_lock:
        if _helper is None:
            _helper = ThreadPoolExecutor(1, thread_name_prefix="bm25")
        return _helper


@dataclass(frozen=True)
class _Query:
    """A query's distinct terms (ids, summed weights, cost per unit of weight) and its occurrences in
    order (index into the distinct terms, idf)."""

    tids: np.ndarray
    weight: np.ndarray
    cost: np.ndarray
    occ_term: np.ndarray
    occ_idf: np.ndarray


def query_terms(vocab: dict[str, int], query: Sequence[str], stats: CorpusStats) -> list[tuple[int, float]]:
    """(term id, idf) of each query term the corpus knows, in query order (repeats kept)."""
    out = []
    for term in query:
        tid = vocab.get(term)
        if tid is not None:
            idf = stats.idf(tid)
            if idf != 0.0:
                out.append((tid, idf))
    return out


def contributions(terms: list[tuple[int, float]], stats: CorpusStats) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Per query term (in order) and segment: its documents and their score contributions (numpy)."""
    for tid, idf in terms:
        for seg in stats.segments:
            lo, hi = seg.postings(tid)
            if hi > lo:
                local, codes = np.asarray(seg.docs[lo:hi]), np.asarray(seg.codes[lo:hi])
                factors = stats.factors(seg)
                # what this query reads is checked, so a damaged saved index is noticed, not served
                if int(local.min()) < 0 or int(local.max()) >= seg.n_docs or int(codes.max()) >= len(factors):
                    raise IndexFiles(f"segment {seg.name or '(new)'}: postings out of range")
                yield local.astype(np.int64) + seg.base, idf * factors[codes]


def top_k_numpy(terms: list[tuple[int, float]], stats: CorpusStats, k: int) -> list[Hit]:
    """Every posting of every term into a dense score array, term by term in query order like the
    reference (~20 ms at a million documents: fine for a one-shot command), then the k best."""
    scores = np.zeros(stats.n)
    for docs, contrib in contributions(terms, stats):
        scores[docs] += contrib
    found = np.flatnonzero(scores)
    if len(found) > k:  # keep everything tied with the k-th best: ties go to lower ids
        kth = np.partition(-scores[found], k - 1)[k - 1]
        found = found[-scores[found] <= kth]
    order = np.lexsort((found, -scores[found]))[:k]
    return [Hit(int(found[i]), float(scores[found[i]])) for i in order]


class ScratchPool:
    """Buffers for searches: one set per concurrent search (the accumulator comes back zeroed)."""

    def __init__(self) -> None:
        self._free: queue.SimpleQueue[SimpleNamespace] = queue.SimpleQueue()

    def take(self, terms: int) -> SimpleNamespace:
        try:
            s = self._free.get_nowait()
        except queue.Empty:
            s = SimpleNamespace(acc=np.zeros(WINDOW), bits=np.zeros(WINDOW // 64, dtype=np.uint64),
                                cand=np.zeros(WINDOW, dtype=np.int64), cand_s=np.zeros(WINDOW),
                                slot=np.zeros(WINDOW, dtype=np.int64), sink=np.zeros(WINDOW + 1), terms=0)
        if s.terms < terms:
            size = max(terms, 16)
            s.cur, s.pcur, s.order = (np.zeros(size, dtype=np.int64) for _ in range(3))
            s.wb, s.prefix, s.fac = (np.zeros(size) for _ in range(3))
            s.terms = size
        return s

    def give_back(self, s: SimpleNamespace) -> None:
        self._free.put(s)


def _prepared_query(terms: list[tuple[int, float]], stats: CorpusStats) -> _Query:
    position: dict[int, int] = {}
    weights: list[float] = []
    for tid, idf in terms:
        if tid not in position:
            position[tid] = len(weights)
            weights.append(0.0)
        weights[position[tid]] += idf
    tids = np.fromiter(position, dtype=np.int64, count=len(position))
    weight = np.array(weights)
    return _Query(tids, weight, stats.df[tids] / weight,
                  np.array([position[t] for t, _ in terms], dtype=np.int64), np.array([idf for _, idf in terms]))


def top_k_compiled(kernels: SimpleNamespace, terms: list[tuple[int, float]], stats: CorpusStats, k: int,
                   scratch: ScratchPool, parallel_min_postings: int) -> tuple[list[Hit], tuple[int, int, int]]:
    """The k best documents by the compiled search, and the work it did (postings accumulated,
    streamed; documents scored).  Above ``parallel_min_postings`` two threads split the documents."""
    q = _prepared_query(terms, stats)
    tids = q.tids
    parts, postings = [], 0
    for seg in stats.segments:  # each segment's postings ranges and bounds for these terms
        if tids.max() < len(seg.indptr) - 1:
            ids, lo, hi = tids, seg.indptr[tids], seg.indptr[tids + 1]
        else:  # terms first seen after the segment was built
            known = tids < len(seg.indptr) - 1
            ids = np.where(known, tids, 0)
            lo, hi = np.where(known, seg.indptr[ids], 0), np.where(known, seg.indptr[ids + 1], 0)
        postings += int(hi.sum() - lo.sum())
        parts.append((seg, lo, hi, seg.bptr[ids], stats.factors(seg), stats.scale(seg)))
    shared = np.zeros(2)
    n = stats.n
    if postings >= parallel_min_postings and n >= 2 * WINDOW:
        half = n // 2
        other = _helper_thread().submit(_search_part, kernels, q, parts, k, half, n, shared, 1, scratch)
        hits, work = _search_part(kernels, q, parts, k, 0, half, shared, 0, scratch)
        more, work2 = other.result()
        hits, work = sorted(hits + more)[:k], work + work2
    else:
        hits, work = _search_part(kernels, q, parts, k, 0, n, shared, 0, scratch)
        hits.sort()
    return [Hit(doc, -neg) for neg, doc in hits if neg != 0.0], tuple(work.tolist())


def _search_part(kernels: SimpleNamespace, q: _Query, parts: list, k: int, start: int, end: int,
                 shared: np.ndarray, me: int, scratch: ScratchPool) -> tuple[list[tuple[float, int]], np.ndarray]:
    """The top k among documents start .. end - 1 as (-score, doc), and the work done."""
    s = scratch.take(len(q.tids))
    heap_s, heap_d = np.zeros(k), np.zeros(k, dtype=np.int64)
    size = 0
    work = np.zeros(3, dtype=np.int64)
    try:
        for seg, lo, hi, bb, factors, scale in parts:
            d_lo, d_hi = max(start - seg.base, 0), min(end - seg.base, seg.n_docs)
            if d_lo < d_hi:
                size = kernels.search(seg.docs, seg.codes, factors, seg.blk_last, seg.blk_max, scale, lo, hi,
                                      bb, q.weight, q.cost, q.occ_term, q.occ_idf, seg.base, d_lo, d_hi, k,
                                      heap_s, heap_d, size, shared, me, s.acc, s.bits, s.cand, s.cand_s,
                                      s.slot, s.sink, s.cur, s.pcur, s.wb, s.order, s.prefix, s.fac, work)
    finally:
        scratch.give_back(s)
    return list(zip((-heap_s[:size]).tolist(), heap_d[:size].tolist())), work
