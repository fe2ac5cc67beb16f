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

import math
import threading
from typing import Iterable, Sequence

import numpy as np

from . import _kernels, topk
from .segments import BM25Params, GrowingArray, Segment, build_segment, merge_segments
from .stats import CorpusStats, Hit

__all__ = ["BM25Index", "BM25Params", "Hit", "enable_compiled_scoring"]

MAX_SEGMENTS = 8


def enable_compiled_scoring(enabled: bool = True) -> bool:
    """Use compiled loops for queries from now on (a long-running process wants this; it costs about
    a second once, here rather than on the first questions).  Returns whether they are in use (False
    without numba)."""
    if not _kernels.use_compiled_scoring(enabled):
        return False
    _warm_up()
    return True


def _warm_up() -> None:
    """Compile (or load from the cache) the search loop for arrays in memory and for read-only
    memory-mapped ones (a saved index before it is copied in)."""
    index = BM25Index()
    index.add([["a", "b"], ["b"], ["c"]])
    index.top_k(["a", "b"], 1)

    def readonly(a: np.ndarray) -> np.ndarray:
        a = a.view()
        a.flags.writeable = False
        return a

    index.replace_segments([seg.with_arrays(readonly) for seg in index.segments])
    index.top_k(["a", "b"], 1)


class BM25Index:
    """Documents are lists of terms; their positions (0..n-1) are their ids."""

    def __init__(self, params: BM25Params | None = None) -> None:
        self.params = params or BM25Params()
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self._df = GrowingArray(np.int64)
        self._doc_len = GrowingArray(np.int32)
        self.total_len = 0
        self.segments: list[Segment] = []
        self._pending_terms: list[np.ndarray] = []
        self._pending_tfs: list[np.ndarray] = []
        self._pending_lens: list[int] = []
        self._stats: CorpusStats | None = None
        self.parallel_min_postings = topk.PARALLEL_MIN_POSTINGS
        self.last_work = (0, 0, 0)  # last compiled query: postings accumulated, streamed; documents scored
        self._lock = threading.RLock()
        self._scratch = topk.ScratchPool()

    @classmethod
    def from_parts(cls, terms: list[str], doc_lengths: np.ndarray, total_len: int, segments: list[Segment],
                   params: BM25Params | None = None) -> BM25Index:
        """An index from saved parts: the vocabulary in id order, document lengths, and segments that
        cover every document; document frequencies are counted from the segments."""
        index = cls(params)
        index.terms = list(terms)
        index.vocab = dict(zip(index.terms, range(len(index.terms))))
        df = np.zeros(len(index.terms), dtype=np.int64)
        for seg in segments:
            counts = np.diff(np.asarray(seg.indptr))
            df[: len(counts)] += counts
        index._df = GrowingArray(np.int64, df)
        index._doc_len = GrowingArray(np.int32, doc_lengths)
        index.total_len = int(total_len)
        index.segments = list(segments)
        return index

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
                self.replace_segments([merge_segments(self.segments, len(self.terms), self.doc_lengths, self.avgdl, self.params)])

    def _ready(self) -> CorpusStats:
        stats = self._stats
        if stats is None or self._pending_lens:
            with self._lock:
                self._flush()
                if self._stats is None:
                    self._stats = CorpusStats(self.params, self.segments, len(self), self.total_len, self.document_frequencies)
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

    def get_scores(self, query: Sequence[str]) -> np.ndarray:
        """Scores of every document, identical to ``BM25Okapi.get_scores``."""
        scores = np.zeros(len(self))
        if not len(self):
            return scores
        stats = self._ready()
        for docs, contrib in topk.contributions(topk.query_terms(self.vocab, query, stats), stats):
            scores[docs] += contrib
        return scores

    def top_k(self, query: Sequence[str], k: int = 10) -> list[Hit]:
        """The k best documents with a non-zero score, best first (ties: lower id first)."""
        if not len(self) or k <= 0:
            return []
        stats = self._ready()
        terms = topk.query_terms(self.vocab, query, stats)
        if not terms:
            return []
        kernels = _kernels.scoring()
        if kernels is None or any(idf < 0 for _, idf in terms):  # negative weights: no upper bounds
            return topk.top_k_numpy(terms, stats, k)
        hits, work = topk.top_k_compiled(kernels, terms, stats, k, self._scratch, self.parallel_min_postings)
        self.last_work = work
        return hits
