"""Inverted index with rank-bm25's BM25Okapi scores, exactly, at archive scale.

``rank_bm25.BM25Okapi(corpus).get_scores(query)`` is the reference: the same idf (with the epsilon
floor for negative idfs, averaged over the vocabulary in first-seen order), the same float64
operations in the same order, and a repeated query term counted each time it occurs.  Unlike the
reference, a query only touches the postings of its own terms, and mostly far fewer.

Layout: terms get ids in the order the corpus first shows them; postings live in segments (CSR:
``indptr`` per term, ``docs`` int32 ascending, ``codes`` naming each posting's (tf, document length)
pair in the segment's pair table), each covering a run of documents.  New documents become a small
fresh segment when the index is next used; segments are merged when there are many.  Document
frequencies, lengths and the average length are corpus-wide, so every score stays exact: per corpus
state each segment's pair table becomes a table of tf factors ``tf * (k1 + 1) / (tf + k1 * (1 - b + b
* dl / avgdl))`` (the reference's numpy operations), and a posting adds ``idf * factors[code]``.

Per block of 128 postings a segment keeps the last doc and the largest factor at the average length
it was built with (``avgdl0``); a factor can grow at most by ``avgdl / avgdl0`` when the average
length grows, so ``blk_max * max(1, avgdl / avgdl0)`` bounds it for any corpus state.  The compiled
search (``_kernels.search``) uses these bounds to skip what cannot reach the top k.
"""

from __future__ import annotations

import dataclasses
import math
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np

from . import _kernels
from ._kernels import BLOCK, WINDOW

__all__ = ["BM25Index", "BM25Params", "Hit", "Segment", "SEGMENT_ARRAYS", "enable_compiled_scoring"]

MAX_SEGMENTS = 8
PARALLEL_MIN_POSTINGS = 100_000  # above this, two threads split a query's documents (measured: 30k splits lose at 100k docs)
SEGMENT_ARRAYS = ("indptr", "docs", "codes", "pair_tf", "pair_dl", "blk_last", "blk_max")
_DENSE_PAIRS = 1 << 24  # (tf, length) pairs are numbered through a lookup array up to this size

_helper: ThreadPoolExecutor | None = None
_helper_lock = threading.Lock()


def enable_compiled_scoring(enabled: bool = True) -> bool:
    """Use compiled loops for queries from now on (a long-running process wants this; it costs about
    a second once).  Returns whether they are in use (False without numba)."""
    return _kernels.use_compiled_scoring(enabled)


def _helper_thread() -> ThreadPoolExecutor:
    """The second thread of a split query (one for all indexes: this machine has two cores)."""
    global _helper
    with _helper_lock:
        if _helper is None:
            _helper = ThreadPoolExecutor(1, thread_name_prefix="bm25")
        return _helper


@dataclass(frozen=True)
class BM25Params:
    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25


@dataclass(frozen=True)
class Hit:
    doc: int
    score: float


def factor_table(pair_tf: np.ndarray, pair_dl: np.ndarray, avgdl: float, params: BM25Params) -> np.ndarray:
    """tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)) per pair, with the reference's operations."""
    tf = np.asarray(pair_tf).astype(np.float64)
    norm = params.k1 * (1 - params.b + params.b * np.asarray(pair_dl, dtype=np.int32) / avgdl)
    return tf * (params.k1 + 1) / (tf + norm)


@dataclass(frozen=True)
class Segment:
    """Postings of documents base .. base + n_docs - 1 (doc ids in ``docs`` are local)."""

    base: int
    n_docs: int
    indptr: np.ndarray  # int64, one entry per term id known when it was built, plus one
    docs: np.ndarray  # int32
    codes: np.ndarray  # uint16 (uint32 beyond 65,536 pairs): index into pair_tf / pair_dl
    pair_tf: np.ndarray  # uint16
    pair_dl: np.ndarray  # int32
    blk_last: np.ndarray  # int32, per block of BLOCK postings of a term: its last doc
    blk_max: np.ndarray  # float64, per block: the largest tf factor at avgdl0
    avgdl0: float
    name: str = ""
    bptr: np.ndarray = field(init=False, repr=False, compare=False)  # int64: a term's first block

    def __post_init__(self) -> None:
        object.__setattr__(self, "bptr", block_starts(self.indptr))

    def postings(self, tid: int) -> tuple[int, int]:
        if tid + 1 >= len(self.indptr):
            return 0, 0
        return int(self.indptr[tid]), int(self.indptr[tid + 1])

    def with_arrays(self, change: Callable[[np.ndarray], np.ndarray]) -> Segment:
        """The same segment with ``change`` applied to each of its arrays (copied in, made read-only)."""
        return dataclasses.replace(self, **{f: change(getattr(self, f)) for f in SEGMENT_ARRAYS})

    def tfs(self, lo: int, hi: int) -> np.ndarray:
        return np.asarray(self.pair_tf)[np.asarray(self.codes[lo:hi])]


def block_starts(indptr: np.ndarray) -> np.ndarray:
    """Per term, the index of its first block of BLOCK postings (plus the total at the end)."""
    counts = np.diff(np.asarray(indptr))
    bptr = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum((counts + BLOCK - 1) // BLOCK, out=bptr[1:])
    return bptr


def build_segment(base: int, indptr: np.ndarray, docs: np.ndarray, tfs: np.ndarray, doc_len: np.ndarray,
                  avgdl: float, params: BM25Params) -> Segment:
    """A segment from CSR postings (local docs, tfs) of documents base.. with the given lengths."""
    kernels = _kernels.builder()
    n_docs = len(doc_len) - base
    width = int(doc_len[base:].max(initial=0)) + 1
    max_tf = int(tfs.max(initial=0))
    codes = pair_tf = pair_dl = None
    if (max_tf + 1) * width <= _DENSE_PAIRS:
        for dtype, capacity in ((np.uint16, 1 << 16), (np.uint32, max(len(docs), 1))):
            lookup = np.full((max_tf + 1) * width, -1, dtype=np.int32)
            codes = np.empty(len(docs), dtype=dtype)
            pair_tf = np.empty(capacity, dtype=np.uint16)
            pair_dl = np.empty(capacity, dtype=np.int32)
            n = kernels.encode(docs, tfs, doc_len, base, width, lookup, codes, pair_tf, pair_dl)
            if n >= 0:
                pair_tf, pair_dl = pair_tf[:n].copy(), pair_dl[:n].copy()
                break
    else:  # absurd lengths or tfs: number the pairs by sorting
        keys = tfs.astype(np.int64) * width + doc_len[docs.astype(np.int64) + base]
        unique, inverse = np.unique(keys, return_inverse=True)
        codes = inverse.astype(np.uint16 if len(unique) <= 1 << 16 else np.uint32)
        pair_tf, pair_dl = (unique // width).astype(np.uint16), (unique % width).astype(np.int32)
    bptr = block_starts(indptr)
    blk_last = np.empty(bptr[-1], dtype=np.int32)
    blk_max = np.empty(bptr[-1])
    kernels.blocks(indptr, docs, codes, factor_table(pair_tf, pair_dl, avgdl, params), bptr, blk_last, blk_max)
    return Segment(base, n_docs, indptr, docs, codes, pair_tf, pair_dl, blk_last, blk_max, avgdl)


class _Grow:
    """A numpy array that grows by doubling."""

    def __init__(self, dtype: type, data: np.ndarray | None = None) -> None:
        self.a = np.zeros(16, dtype=dtype) if data is None else np.array(data, dtype=dtype)
        self.n = 0 if data is None else len(data)

    def extend(self, values: np.ndarray) -> None:
        need = self.n + len(values)
        if need > len(self.a):
            bigger = np.zeros(max(need, 2 * len(self.a)), dtype=self.a.dtype)
            bigger[: self.n] = self.a[: self.n]
            self.a = bigger
        self.a[self.n : need] = values
        self.n = need

    def grow_to(self, n: int) -> None:
        if n > self.n:
            self.extend(np.zeros(n - self.n, dtype=self.a.dtype))

    @property
    def view(self) -> np.ndarray:
        return self.a[: self.n]


class _Stats:
    """Derived numbers for one corpus state: the idf of every term, each segment's factor table."""

    def __init__(self, index: BM25Index) -> None:
        self.params = index.params
        self.segments = list(index.segments)  # what queries on this state read (all documents flushed)
        self.n = len(index)
        self.avgdl = index.total_len / self.n
        self._df = index.document_frequencies
        self._eps: float | None = None
        self._factors: dict[int, tuple[Segment, np.ndarray]] = {}

    def factors(self, seg: Segment) -> np.ndarray:
        """The segment's tf factor per (tf, length) pair for this corpus state."""
        cached = self._factors.get(id(seg))
        if cached is None or cached[0] is not seg:
            cached = self._factors[id(seg)] = (seg, factor_table(seg.pair_tf, seg.pair_dl, self.avgdl, self.params))
        return cached[1]

    def scale(self, seg: Segment) -> float:
        """How much a factor may have grown since the segment's block maxima were computed."""
        return max(1.0, self.avgdl / seg.avgdl0) if seg.avgdl0 > 0 else 1.0

    def raw_idf(self, df: int) -> float:
        return math.log(self.n - df + 0.5) - math.log(df + 0.5)

    def idf(self, tid: int) -> float:
        value = self.raw_idf(int(self._df[tid]))
        return value if value >= 0 else self.eps

    @property
    def eps(self) -> float:
        """epsilon * the average raw idf, summed term by term in first-seen order like the reference."""
        if self._eps is None:
            distinct, inverse = np.unique(self._df, return_inverse=True)
            table = np.array([self.raw_idf(int(d)) for d in distinct])
            total = float(np.cumsum(table[inverse])[-1]) if len(self._df) else 0.0  # sequential sum
            self._eps = self.params.epsilon * (total / len(self._df)) if len(self._df) else 0.0
        return self._eps


@dataclass(frozen=True)
class _Query:
    """A query's distinct terms (ids, summed weights, cost per unit of weight) and its occurrences in
    order (index into the distinct terms, idf)."""

    tids: np.ndarray
    weight: np.ndarray
    cost: np.ndarray
    occ_term: np.ndarray
    occ_idf: np.ndarray


class BM25Index:
    """Documents are lists of terms; their positions (0..n-1) are their ids."""

    def __init__(self, params: BM25Params | None = None) -> None:
        self.params = params or BM25Params()
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self._df = _Grow(np.int64)
        self._doc_len = _Grow(np.int32)
        self.total_len = 0
        self.segments: list[Segment] = []
        self._pending_terms: list[np.ndarray] = []
        self._pending_tfs: list[np.ndarray] = []
        self._pending_lens: list[int] = []
        self._stats: _Stats | None = None
        self.parallel_min_postings = PARALLEL_MIN_POSTINGS
        self.last_work = (0, 0, 0)  # last compiled query: postings accumulated, streamed; documents scored
        self._lock = threading.RLock()
        self._scratch: queue.SimpleQueue[SimpleNamespace] = queue.SimpleQueue()

    # -- building ---------------------------------------------------------------------------
    def add(self, documents: Iterable[Sequence[str]]) -> None:
        """Append documents (in order); the index stays exact for the whole corpus."""
        for tokens in documents:
            counts: dict[str, int] = {}
            for t in tokens:
                counts[t] = counts.get(t, 0) + 1
            self.add_counted(list(counts), list(counts.values()), len(tokens))

    def add_counted(self, terms: Sequence[str], tfs: Sequence[int], length: int) -> None:
        """Append one document given as its distinct terms (first-seen order), counts and length."""
        with self._lock:
            vocab = self.vocab
            ids = np.empty(len(terms), dtype=np.int32)
            for i, term in enumerate(terms):
                tid = vocab.get(term)
                if tid is None:
                    tid = vocab[term] = len(self.terms)
                    self.terms.append(term)
                ids[i] = tid
            self._df.grow_to(len(self.terms))
            self._df.a[ids] += 1
            self._pending_terms.append(ids)
            self._pending_tfs.append(np.minimum(np.asarray(tfs, dtype=np.int64), 65535).astype(np.uint16))
            self._pending_lens.append(length)
            self._doc_len.extend(np.array([length], dtype=np.int32))
            self.total_len += length
            self._stats = None

    def __len__(self) -> int:
        return self._doc_len.n

    @property
    def doc_lengths(self) -> np.ndarray:
        return self._doc_len.view

    @property
    def document_frequencies(self) -> np.ndarray:
        return self._df.view

    @property
    def avgdl(self) -> float:
        return self.total_len / len(self)

    def _flush(self, allow_merge: bool = True) -> None:
        """Turn pending documents into a segment; merge segments when there are too many."""
        if not self._pending_lens:
            return
        base = sum(s.n_docs for s in self.segments)
        terms = np.concatenate(self._pending_terms) if self._pending_terms else np.zeros(0, np.int32)
        tfs = np.concatenate(self._pending_tfs) if self._pending_tfs else np.zeros(0, np.uint16)
        doc_ptr = np.zeros(len(self._pending_terms) + 1, dtype=np.int64)
        np.cumsum([len(t) for t in self._pending_terms], out=doc_ptr[1:])
        indptr, docs, out_tfs = _kernels.builder().invert(terms, tfs, doc_ptr, len(self.terms))
        self.segments.append(build_segment(base, indptr, docs, out_tfs, self.doc_lengths, self.avgdl, self.params))
        self._pending_terms, self._pending_tfs, self._pending_lens = [], [], []
        if allow_merge and len(self.segments) > MAX_SEGMENTS:
            self.compact()

    def flush(self) -> None:
        """Turn documents added since the last use into a segment."""
        with self._lock:
            self._flush()

    def compact(self) -> None:
        """Merge all segments into one."""
        with self._lock:
            self._flush(allow_merge=False)
            if len(self.segments) > 1:
                self.replace_segments([self._merge(self.segments)])

    def _merge(self, segments: Sequence[Segment]) -> Segment:
        """One segment holding the postings of consecutive segments."""
        kernels = _kernels.builder()
        base = segments[0].base
        lists = [[np.asarray(s.indptr) for s in segments], [np.asarray(s.docs) for s in segments],
                 [s.tfs(0, len(s.docs)) for s in segments]]
        if hasattr(kernels.merge, "py_func"):  # compiled: lists of arrays must be typed lists
            from numba.typed import List

            lists = [List(x) for x in lists]
        indptr, docs, tfs = kernels.merge(*lists, np.array([s.base - base for s in segments], dtype=np.int64),
                                          len(self.terms), sum(len(s.docs) for s in segments))
        end = base + sum(s.n_docs for s in segments)
        return build_segment(base, indptr, docs, tfs, self.doc_lengths[:end], self.avgdl, self.params)

    def _ready(self) -> _Stats:
        stats = self._stats
        if stats is None or self._pending_lens:
            with self._lock:
                self._flush()
                if self._stats is None:
                    self._stats = _Stats(self)
                stats = self._stats
        return stats

    def replace_segments(self, segments: list[Segment]) -> None:
        """Serve from these segments (the same documents and postings, other arrays) from now on."""
        with self._lock:
            self.segments = segments
            self._stats = None  # queries read the segments of their corpus state

    def load_into_memory(self) -> None:
        """Copy memory-mapped segments into process memory.  A long-running process does this once,
        in the background: mapped file pages can be evicted at any time (and are, under proactive
        reclaim), after which queries wait for the disk."""
        self.replace_segments([seg.with_arrays(np.array) if isinstance(seg.docs, np.memmap) else seg
                               for seg in self.segments])

    # -- scoring ----------------------------------------------------------------------------
    def idf(self, term: str) -> float:
        """The reference idf of a term (0.0 for an unknown one)."""
        tid = self.vocab.get(term)
        if tid is None or not len(self):
            return 0.0
        return self._ready().idf(tid)

    def rare_idf(self) -> float:
        """The idf of a term found in exactly one document."""
        n = len(self)
        return max(math.log(n - 1 + 0.5) - math.log(1.5), 0.0) if n else 0.0

    def _query_terms(self, query: Sequence[str], stats: _Stats) -> list[tuple[int, float]]:
        out = []
        for term in query:
            tid = self.vocab.get(term)
            if tid is not None:
                idf = stats.idf(tid)
                if idf != 0.0:
                    out.append((tid, idf))
        return out

    def get_scores(self, query: Sequence[str]) -> np.ndarray:
        """Scores of every document, identical to ``BM25Okapi.get_scores``."""
        scores = np.zeros(len(self))
        if not len(self):
            return scores
        stats = self._ready()
        for docs, contrib in self._contributions(self._query_terms(query, stats), stats):
            scores[docs] += contrib
        return scores

    def _contributions(self, terms: list[tuple[int, float]], stats: _Stats) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Per query term (in order) and segment: its documents and their score contributions (numpy)."""
        for tid, idf in terms:
            for seg in stats.segments:
                lo, hi = seg.postings(tid)
                if hi > lo:
                    docs = seg.docs[lo:hi].astype(np.int64) + seg.base
                    yield docs, idf * stats.factors(seg)[seg.codes[lo:hi]]

    def top_k(self, query: Sequence[str], k: int = 10) -> list[Hit]:
        """The k best documents with a non-zero score, best first (ties: lower id first)."""
        if not len(self) or k <= 0:
            return []
        stats = self._ready()
        terms = self._query_terms(query, stats)
        if not terms:
            return []
        kernels = _kernels.scoring()
        if kernels is None or any(idf < 0 for _, idf in terms):  # negative weights: no upper bounds
            return self._top_k_numpy(terms, stats, k)
        return self._top_k_compiled(kernels, terms, stats, k)

    def _top_k_compiled(self, kernels, terms: list[tuple[int, float]], stats: _Stats, k: int) -> list[Hit]:
        position: dict[int, int] = {}
        weights: list[float] = []
        for tid, idf in terms:
            if tid not in position:
                position[tid] = len(weights)
                weights.append(0.0)
            weights[position[tid]] += idf
        tids = np.fromiter(position, dtype=np.int64, count=len(position))
        weight = np.array(weights)
        q = _Query(tids, weight, stats._df[tids] / weight,
                   np.array([position[t] for t, _ in terms], dtype=np.int64), np.array([idf for _, idf in terms]))
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
        if postings >= self.parallel_min_postings and n >= 2 * WINDOW:
            half = n // 2
            other = _helper_thread().submit(self._search_part, kernels, q, parts, k, half, n, shared, 1)
            hits, work = self._search_part(kernels, q, parts, k, 0, half, shared, 0)
            more, work2 = other.result()
            hits, work = sorted(hits + more)[:k], work + work2
        else:
            hits, work = self._search_part(kernels, q, parts, k, 0, n, shared, 0)
            hits.sort()
        self.last_work = tuple(work.tolist())
        return [Hit(doc, -neg) for neg, doc in hits if neg != 0.0]

    def _search_part(self, kernels, q: _Query, parts: list, k: int, start: int, end: int, shared: np.ndarray,
                     me: int) -> tuple[list[tuple[float, int]], np.ndarray]:
        """The top k among documents start .. end - 1 as (-score, doc), and the work done."""
        s = self._take_scratch(len(q.tids))
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
            self._scratch.put(s)
        return list(zip((-heap_s[:size]).tolist(), heap_d[:size].tolist())), work

    def _take_scratch(self, terms: int) -> SimpleNamespace:
        """Buffers for one search (one set per concurrent search; the accumulator comes back zeroed)."""
        try:
            s = self._scratch.get_nowait()
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

    def _top_k_numpy(self, terms: list[tuple[int, float]], stats: _Stats, k: int) -> list[Hit]:
        """Every posting of every term into a dense score array, term by term in query order like the
        reference (~20 ms at a million documents: fine for a one-shot command), then the k best."""
        scores = np.zeros(stats.n)
        for docs, contrib in self._contributions(terms, stats):
            scores[docs] += contrib
        found = np.flatnonzero(scores)
        if len(found) > k:  # keep everything tied with the k-th best: ties go to lower ids
            kth = np.partition(-scores[found], k - 1)[k - 1]
            found = found[-scores[found] <= kth]
        order = np.lexsort((found, -scores[found]))[:k]
        return [Hit(int(found[i]), float(scores[found[i]])) for i in order]
