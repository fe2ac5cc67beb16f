"""Inverted index with rank-bm25's BM25Okapi scores, exactly.

``rank_bm25.BM25Okapi(corpus).get_scores(query)`` is the reference: the same idf (with the epsilon
floor for negative idfs, averaged in vocabulary order), the same float64 operations in the same order,
and a repeated query term counted each time it occurs.  Unlike the reference, a query only touches
the postings of its own terms.

Per posting the reference computes ``idf * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)))``.
The right-hand factor depends only on (tf, dl) for the current ``avgdl``, so it is evaluated once per
distinct pair into a small table; that is the very same float64 value the reference computes.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

__all__ = ["BM25Index", "BM25Params", "Hit"]


@dataclass(frozen=True)
class BM25Params:
    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25


@dataclass(frozen=True)
class Hit:
    doc: int
    score: float


class BM25Index:
    """Documents are lists of terms; their positions (0..n-1) are their ids."""

    def __init__(self, params: BM25Params | None = None) -> None:
        self.params = params or BM25Params()
        self.vocab: dict[str, int] = {}
        self._df: list[int] = []
        self._postings: list[list[tuple[int, int]]] = []  # term -> [(doc, tf)], docs ascending
        self._doc_len: list[int] = []
        self._total_len = 0
        self._frozen: _Frozen | None = None
        self._lock = threading.Lock()  # add() and freezing may run in worker threads

    # -- building ---------------------------------------------------------------------------
    def add(self, documents: Iterable[Sequence[str]]) -> None:
        """Append documents (in order); the index stays exact for the whole corpus."""
        with self._lock:
            self._add(documents)

    def _add(self, documents: Iterable[Sequence[str]]) -> None:
        for tokens in documents:
            doc = len(self._doc_len)
            counts: dict[str, int] = {}
            for t in tokens:
                counts[t] = counts.get(t, 0) + 1
            for t, tf in counts.items():
                tid = self.vocab.get(t)
                if tid is None:
                    tid = self.vocab[t] = len(self._df)
                    self._df.append(0)
                    self._postings.append([])
                self._df[tid] += 1
                self._postings[tid].append((doc, tf))
            self._doc_len.append(len(tokens))
            self._total_len += len(tokens)
        self._frozen = None

    def __len__(self) -> int:
        return len(self._doc_len)

    @property
    def avgdl(self) -> float:
        return self._total_len / len(self._doc_len)

    # -- scoring ----------------------------------------------------------------------------
    def _freeze(self) -> _Frozen:
        frozen = self._frozen
        if frozen is None:
            with self._lock:
                if self._frozen is None:
                    self._frozen = _Frozen.build(self)
                frozen = self._frozen
        return frozen

    def idf(self, term: str) -> float:
        """The reference idf of a term (0.0 for an unknown one)."""
        if not self._doc_len:
            return 0.0
        tid = self.vocab.get(term)
        return 0.0 if tid is None else float(self._freeze().idf[tid])

    def rare_idf(self) -> float:
        """The idf of a term found in exactly one document."""
        n = len(self._doc_len)
        return max(math.log(n - 1 + 0.5) - math.log(1.5), 0.0) if n else 0.0

    def get_scores(self, query: Sequence[str]) -> np.ndarray:
        """Scores of every document, identical to ``BM25Okapi.get_scores``."""
        scores = np.zeros(len(self._doc_len))
        if not self._doc_len:
            return scores
        frozen = self._freeze()
        for term in query:
            docs, contrib = frozen.contributions(self.vocab.get(term))
            scores[docs] += contrib
        return scores

    def top_k(self, query: Sequence[str], k: int = 10) -> list[Hit]:
        """The k best documents with a non-zero score, best first (ties: lower id first)."""
        if not self._doc_len or k <= 0:
            return []
        frozen = self._freeze()
        parts = [frozen.contributions(self.vocab.get(term)) for term in query]
        parts = [p for p in parts if len(p[0])]
        if not parts:
            return []
        touched = np.unique(np.concatenate([d for d, _ in parts]))
        local = np.zeros(len(touched))
        for docs, contrib in parts:
            local[np.searchsorted(touched, docs)] += contrib
        order = np.lexsort((touched, -local))[:k]
        return [Hit(int(touched[i]), float(local[i])) for i in order if local[i] != 0.0]


class _Frozen:
    """Immutable array form of the index for the current corpus statistics."""

    def __init__(self, indptr: np.ndarray, docs: np.ndarray, tfs: np.ndarray, lens: np.ndarray,
                 idf: np.ndarray, table: np.ndarray, len_index: np.ndarray) -> None:
        self.indptr, self.docs, self.tfs, self.lens = indptr, docs, tfs, lens
        self.idf, self.table, self.len_index = idf, table, len_index

    @staticmethod
    def build(index: BM25Index) -> _Frozen:
        p = index.params
        n = len(index._doc_len)
        sizes = np.fromiter((len(x) for x in index._postings), dtype=np.int64, count=len(index._postings))
        indptr = np.zeros(len(sizes) + 1, dtype=np.int64)
        np.cumsum(sizes, out=indptr[1:])
        flat = [pair for plist in index._postings for pair in plist]
        pairs = np.array(flat, dtype=np.int64).reshape(-1, 2)
        docs = pairs[:, 0].astype(np.int32)
        tfs = pairs[:, 1].astype(np.int32)
        lens = np.asarray(index._doc_len, dtype=np.int64)
        idf = _reference_idf(index._df, n, p.epsilon)
        avgdl = index._total_len / n
        table, len_index = _tf_table(tfs, lens, avgdl, p)
        return _Frozen(indptr, docs, tfs, lens, idf, table, len_index)

    def contributions(self, tid: int | None) -> tuple[np.ndarray, np.ndarray]:
        if tid is None:
            return np.empty(0, dtype=np.int32), np.empty(0)
        lo, hi = self.indptr[tid], self.indptr[tid + 1]
        docs = self.docs[lo:hi]
        factor = self.table[self.tfs[lo:hi] - 1, self.len_index[docs]]
        return docs, self.idf[tid] * factor


def _reference_idf(df: Sequence[int], n: int, epsilon: float) -> np.ndarray:
    """BM25Okapi._calc_idf, summed in the same (first-seen) order."""
    idf = np.empty(len(df))
    idf_sum = 0.0
    negative: list[int] = []
    for i, freq in enumerate(df):
        value = math.log(n - freq + 0.5) - math.log(freq + 0.5)
        idf[i] = value
        idf_sum += value
        if value < 0:
            negative.append(i)
    if len(df):
        eps = epsilon * (idf_sum / len(df))
        idf[negative] = eps
    return idf


def _tf_table(tfs: np.ndarray, lens: np.ndarray, avgdl: float, p: BM25Params) -> tuple[np.ndarray, np.ndarray]:
    """table[tf-1, j] = tf*(k1+1) / (tf + k1*(1-b+b*dl_j/avgdl)) for each distinct length dl_j."""
    distinct, len_index = np.unique(lens, return_inverse=True)
    max_tf = int(tfs.max()) if len(tfs) else 1
    tf = np.arange(1, max_tf + 1, dtype=np.float64)[:, None]
    norm = p.k1 * (1 - p.b + p.b * distinct.astype(np.float64) / avgdl)
    table = tf * (p.k1 + 1) / (tf + norm[None, :])
    return table, len_index.astype(np.int32)
