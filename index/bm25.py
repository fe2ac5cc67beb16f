"""Inverted index with rank-bm25's BM25Okapi scores, exactly, at archive scale.

``rank_bm25.BM25Okapi(corpus).get_scores(query)`` is the reference: the same idf (with the epsilon
floor for negative idfs, averaged over the vocabulary in first-seen order), the same float64
operations in the same order, and a repeated query term counted each time it occurs.  Unlike the
reference, a query only touches the postings of its own terms.

Layout: terms get ids in the order the corpus first shows them; postings live in segments (CSR
arrays: ``indptr`` per term, ``docs`` int32, ``tfs`` uint16), each covering a run of documents.  New
documents become a small fresh segment when the index is next used; segments are merged when there
are many.  Document frequencies, lengths and the average length are corpus-wide, so every score stays
exact.  Per document ``norm = k1 * (1 - b + b * dl / avgdl)`` is computed once per corpus state with
the reference's numpy operations; a posting then adds ``idf * (tf * (k1 + 1) / (tf + norm))``.
"""

from __future__ import annotations

import dataclasses
import math
import queue
import threading
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

import numpy as np

from . import _kernels

__all__ = ["BM25Index", "BM25Params", "Hit", "Segment", "enable_compiled_scoring"]

MAX_SEGMENTS = 8
PRUNE_MIN_POSTINGS = 50_000  # below this, reading every posting is faster than pruning (measured)
_PRUNE_GIVE_UP = 0.5  # stop trying to prune once this share of the query's postings has been read


def enable_compiled_scoring(enabled: bool = True) -> bool:
    """Use compiled loops for queries from now on (a long-running process wants this; it costs about
    a second once).  Returns whether they are in use (False without numba)."""
    return _kernels.use_compiled_scoring(enabled)


@dataclass(frozen=True)
class BM25Params:
    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25


@dataclass(frozen=True)
class Hit:
    doc: int
    score: float


@dataclass(frozen=True)
class Segment:
    """Postings of documents base .. base + n_docs - 1 (doc ids in ``docs`` are local)."""

    base: int
    n_docs: int
    indptr: np.ndarray  # int64, one entry per term id known when it was built, plus one
    docs: np.ndarray  # int32
    tfs: np.ndarray  # uint16
    maxtf: np.ndarray  # uint16, per term: its largest tf here (for score upper bounds)
    name: str = ""

    def postings(self, tid: int) -> tuple[int, int]:
        if tid + 1 >= len(self.indptr):
            return 0, 0
        return int(self.indptr[tid]), int(self.indptr[tid + 1])


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
    """Derived numbers for one corpus state: per-document norm and the idf of every term."""

    def __init__(self, index: BM25Index) -> None:
        p = index.params
        n = len(index)
        self.n = n
        self.avgdl = index.total_len / n
        doc_len = index.doc_lengths
        self.norm = p.k1 * (1 - p.b + p.b * doc_len / self.avgdl)
        self.norm_min = float(self.norm.min())
        self.k1p1 = p.k1 + 1
        self._max_factor: dict[int, float] = {}
        self._all_max_factors: np.ndarray | None = None
        self._factors: dict[int, np.ndarray] = {}
        df = index.document_frequencies
        self._df = df
        self._eps: float | None = None
        self._epsilon = p.epsilon

    def set_max_factors(self, values: np.ndarray) -> None:
        self._all_max_factors = values

    def set_factors(self, segments: Sequence[Segment], factors: Sequence[np.ndarray]) -> None:
        self._factors = {id(seg): f for seg, f in zip(segments, factors)}

    def factors(self, seg: Segment) -> np.ndarray | None:
        """The segment's per-posting tf factors for this corpus state, if precomputed."""
        return self._factors.get(id(seg))

    def max_factor(self, tid: int, segments: Sequence[Segment], kernels) -> float:
        """The largest tf factor among the term's postings (computed once per corpus state)."""
        if self._all_max_factors is not None and tid < len(self._all_max_factors):
            return float(self._all_max_factors[tid])
        cached = self._max_factor.get(tid)
        if cached is None:
            cached = 0.0
            for seg in segments:
                lo, hi = seg.postings(tid)
                if hi > lo:
                    cached = max(cached, kernels.max_factor(seg.docs, seg.tfs, lo, hi, seg.base, self.k1p1, self.norm))
            self._max_factor[tid] = cached
        return cached

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
            self._eps = self._epsilon * (total / len(self._df)) if len(self._df) else 0.0
        return self._eps


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
        self.last_pruned = False  # whether the last compiled top_k skipped postings (for tests, benchmarks)
        self.prune = True  # try MaxScore pruning (exact either way)
        self.prune_min_postings = PRUNE_MIN_POSTINGS
        self._lock = threading.RLock()
        self._scratch: queue.SimpleQueue[tuple[np.ndarray, np.ndarray, np.ndarray]] = queue.SimpleQueue()

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
        indptr, docs, out_tfs, maxtf = _kernels.builder().invert(terms, tfs, doc_ptr, len(self.terms))
        self.segments.append(Segment(base, len(self._pending_lens), indptr, docs, out_tfs, maxtf))
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
                self.segments = [merge_segments(self.segments, len(self.terms))]

    def _ready(self) -> _Stats:
        stats = self._stats
        if stats is None or self._pending_lens:
            with self._lock:
                self._flush()
                if self._stats is None:
                    self._stats = _Stats(self)
                stats = self._stats
        return stats

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
            for seg in self.segments:
                lo, hi = seg.postings(tid)
                if hi > lo:
                    docs = seg.docs[lo:hi].astype(np.int64) + seg.base
                    tf = seg.tfs[lo:hi].astype(np.float64)
                    yield docs, idf * (tf * stats.k1p1 / (tf + stats.norm[docs]))

    def top_k(self, query: Sequence[str], k: int = 10) -> list[Hit]:
        """The k best documents with a non-zero score, best first (ties: lower id first)."""
        if not len(self) or k <= 0:
            return []
        stats = self._ready()
        terms = self._query_terms(query, stats)
        if not terms:
            return []
        kernels = _kernels.scoring()
        if kernels is None:
            return self._top_k_numpy(terms, stats, k)
        segments = self.segments
        buffers = self._take_scratch(stats.n)
        try:
            hits = self._top_k_pruned(kernels, segments, terms, stats, k, buffers) if self.prune else None
            self.last_pruned = hits is not None
            if hits is None:
                hits = self._top_k_full(kernels, segments, terms, stats, k, buffers)
        finally:
            self._scratch.put(buffers)
        return hits

    def _top_k_full(self, kernels, segments, terms, stats, k, buffers) -> list[Hit]:
        """Every posting of every query term, term by term in query order."""
        scores, mark, touched = buffers
        n = 0
        for tid, idf in terms:
            for seg in segments:
                lo, hi = seg.postings(tid)
                if hi > lo:
                    n = self._accumulate(kernels, seg, lo, hi, idf, stats, scores, mark, touched, n)
        out_docs = np.empty(k, dtype=np.int64)
        out_scores = np.empty(k)
        size = kernels.top_k(scores, mark, touched, n, k, out_docs, out_scores)
        return [Hit(int(out_docs[i]), float(out_scores[i])) for i in range(size)]

    def _top_k_pruned(self, kernels, segments, terms, stats, k, buffers) -> list[Hit] | None:
        """Exact top-k without reading the postings of terms too weak to matter (MaxScore).

        Terms are read strongest bound first into partial scores (lower bounds: contributions are
        never negative).  Once the bound of the terms not yet read falls below the k-th partial
        score, no document outside the current candidates can enter the top k; the candidates are
        then scored exactly, term by term in query order, by searching the postings.  Returns None
        when pruning does not pay (the caller reads everything instead)."""
        if len(terms) < 2 or stats.norm_min <= 0 or any(idf < 0 for _, idf in terms):
            return None
        weight: dict[int, float] = {}
        for tid, idf in terms:
            weight[tid] = weight.get(tid, 0.0) + idf
        bound: dict[int, float] = {}
        size: dict[int, int] = {}
        for tid, w in weight.items():
            bound[tid] = w * stats.max_factor(tid, segments, kernels) * (1 + 1e-9)
            size[tid] = sum(seg.postings(tid)[1] - seg.postings(tid)[0] for seg in segments)
        total_postings = sum(size.values())
        if total_postings < self.prune_min_postings:
            return None
        order = sorted(weight, key=lambda t: -bound[t])
        remaining = sum(bound.values())
        scores, mark, touched = buffers
        heap = np.empty(k)
        n = read = 0
        read_bound = 0.0
        floor = None
        position = 0
        for position, tid in enumerate(order, 1):
            if read > _PRUNE_GIVE_UP * total_postings:
                break
            remaining -= bound[tid]
            read_bound += bound[tid]
            for seg in segments:
                lo, hi = seg.postings(tid)
                if hi > lo:
                    n = self._accumulate(kernels, seg, lo, hi, weight[tid], stats, scores, mark, touched, n)
            read += size[tid]
            if n >= k and remaining < read_bound:  # else no partial score can exceed what is left
                theta = kernels.kth_best(scores, touched, n, k, heap)
                if theta > 0 and remaining < theta * (1 - 1e-9):
                    floor = theta - remaining - 1e-9 * theta
                    break
        if floor is None:  # could not prune: clear what was read and let the caller read everything
            kernels.reset(scores, mark, touched, n)
            return None
        cands = np.empty(n, dtype=np.int64)
        partial = np.empty(n)
        m = kernels.collect(scores, mark, touched, n, floor, cands, partial)
        by_doc = np.argsort(cands[:m])
        cands, partial = cands[by_doc], partial[by_doc]
        # The weak terms, strongest first: probe them for the candidates only, dropping those that can
        # no longer reach the k-th best.
        for tid in order[position:]:
            remaining -= bound[tid]
            self._probe(kernels, segments, tid, weight[tid], cands, partial, stats)
            theta = float(np.partition(partial, len(partial) - k)[len(partial) - k]) if len(partial) >= k else 0.0
            keep = partial + remaining >= theta * (1 - 1e-9)
            cands, partial = cands[keep], partial[keep]
        theta = float(np.partition(partial, len(partial) - k)[len(partial) - k]) if len(partial) >= k else 0.0
        cands = cands[partial >= theta * (1 - 1e-9)]
        exact = np.zeros(len(cands))
        for tid, idf in terms:  # query order, repeats included: the reference's sums
            self._probe(kernels, segments, tid, idf, cands, exact, stats)
        order_idx = np.lexsort((cands, -exact))[:k]
        return [Hit(int(cands[i]), float(exact[i])) for i in order_idx if exact[i] != 0.0]

    def precompute_bounds(self) -> None:
        """Every term's largest tf factor for the current corpus (one compiled pass over all postings),
        so that no query pays for it; worth it in a long-running process after loading or ingesting."""
        kernels = _kernels.scoring()
        if kernels is None or not len(self):
            return
        stats = self._ready()
        segments = list(self.segments)
        out = np.zeros(len(self.terms))
        factors = []
        for seg in segments:
            f = np.empty(len(seg.docs))
            kernels.all_factors(seg.indptr, seg.docs, seg.tfs, seg.base, stats.k1p1, stats.norm, f, out)
            factors.append(f)
        stats.set_max_factors(out)
        stats.set_factors(segments, factors)

    def load_into_memory(self) -> None:
        """Copy memory-mapped segments into process memory.  A long-running process does this once,
        in the background: mapped file pages can be evicted at any time (and are, under proactive
        reclaim), after which queries wait for the disk."""
        with self._lock:
            copied = [
                dataclasses.replace(seg, **{f: np.array(getattr(seg, f)) for f in ("indptr", "docs", "tfs", "maxtf")})
                if isinstance(seg.docs, np.memmap) else seg
                for seg in self.segments
            ]
            self.segments = copied
            self._stats = None  # per-segment precomputations follow the new arrays

    @staticmethod
    def _accumulate(kernels, seg, lo, hi, weight, stats, scores, mark, touched, n) -> int:
        factors = stats.factors(seg)
        if factors is not None:
            return kernels.accumulate_factors(seg.docs, factors, lo, hi, seg.base, weight, scores, mark, touched, n)
        return kernels.accumulate(seg.docs, seg.tfs, lo, hi, seg.base, weight, stats.k1p1, stats.norm,
                                  scores, mark, touched, n)

    @staticmethod
    def _probe(kernels, segments, tid, weight, cands, out, stats) -> None:
        """out[i] += weight * tf-factor of cands[i] (sorted) for the term, where it occurs."""
        for seg in segments:
            lo, hi = seg.postings(tid)
            if hi <= lo:
                continue
            c_lo, c_hi = np.searchsorted(cands, [seg.base, seg.base + seg.n_docs])
            if c_hi > c_lo:
                kernels.exact_add(seg.docs, seg.tfs, lo, hi, seg.base, cands, int(c_lo), int(c_hi), weight,
                                  stats.k1p1, stats.norm, out)

    def _top_k_numpy(self, terms: list[tuple[int, float]], stats: _Stats, k: int) -> list[Hit]:
        parts = list(self._contributions(terms, stats))
        if not parts:
            return []
        touched = np.unique(np.concatenate([d for d, _ in parts]))
        local = np.zeros(len(touched))
        for docs, contrib in parts:  # in query order, like the reference
            local[np.searchsorted(touched, docs)] += contrib
        order = np.lexsort((touched, -local))[:k]
        return [Hit(int(touched[i]), float(local[i])) for i in order if local[i] != 0.0]

    def _take_scratch(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Zeroed per-document buffers for one query (one set per concurrent query)."""
        while True:
            try:
                scores, mark, touched = self._scratch.get_nowait()
            except queue.Empty:
                return np.zeros(n), np.zeros(n, dtype=np.uint8), np.zeros(n, dtype=np.int32)
            if len(scores) >= n:
                return scores, mark, touched
            # the corpus grew: drop the old buffers


def merge_segments(segments: Sequence[Segment], n_terms: int) -> Segment:
    """One segment holding the postings of consecutive segments."""
    if len(segments) == 1:
        return segments[0]
    total = sum(len(s.docs) for s in segments)
    base = segments[0].base
    kernels = _kernels.builder()
    lists = [[np.asarray(getattr(s, f)) for s in segments] for f in ("indptr", "docs", "tfs", "maxtf")]
    if hasattr(kernels.merge, "py_func"):  # compiled: lists of arrays must be typed lists
        from numba.typed import List

        lists = [List(x) for x in lists]
    indptr, docs, tfs, maxtf = kernels.merge(*lists, np.array([s.base - base for s in segments], dtype=np.int64),
                                             n_terms, total)
    return Segment(base, sum(s.n_docs for s in segments), indptr, docs, tfs, maxtf)
