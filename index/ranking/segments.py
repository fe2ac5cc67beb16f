"""Postings of a run of documents in compact arrays (CSR), with per-block score bounds.

A segment's ``codes`` name each posting's (tf, document length) pair in its pair table, so that per
corpus state a posting's tf factor is one lookup in a small table (``factor_table``).  Per block of
``BLOCK`` postings it keeps the last doc and the largest factor at the average length it was built
with (``avgdl0``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from . import _kernels
from ._kernels import BLOCK

__all__ = ["Segment", "SEGMENT_ARRAYS", "BM25Params", "GrowingArray", "build_segment", "merge_segments",
           "block_starts", "factor_table"]

SEGMENT_ARRAYS = ("indptr", "docs", "codes", "pair_tf", "pair_dl", "blk_last", "blk_max")
_DENSE_PAIRS = 1 << 24  # (tf, length) pairs are numbered through a lookup array up to this size


@dataclass(frozen=True)
class BM25Params:
    """BM25Okapi's parameters.  rank-bm25's defaults (1.5, 0.75) let short passages that repeat one
    common question word outrank the passage that answers; these were chosen on a development archive
    with distractors of mixed length (benchmarks/tune_bm25.py; the table is in the README)."""

    k1: float = 0.4
    b: float = 0.25
    epsilon: float = 0.25


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
    checksums: dict[str, int] = field(default_factory=dict, repr=False, compare=False)  # CRC32 per saved array
    bptr: np.ndarray = field(init=False, repr=False, compare=False)  # int64: a term's first block

    def __post_init__(self) -> None:
        object.__setattr__(self, "bptr", block_starts(self.indptr))

    def postings(self, tid: int) -> tuple[int, int]:
        if tid + 1 >= len(self.indptr):
            return 0, 0
        return int(self.indptr[tid]), int(self.indptr[tid + 1])

    def check(self) -> str | None:
        """What is wrong with the segment's shape (cheap: reads no postings), or None."""
        indptr = np.asarray(self.indptr)
        if len(indptr) == 0 or indptr[0] != 0 or np.any(np.diff(indptr) < 0):
            return "term offsets are not ascending from 0"
        if int(indptr[-1]) != len(self.docs) or len(self.codes) != len(self.docs):
            return "term offsets do not match the postings"
        if len(self.blk_last) != self.bptr[-1] or len(self.blk_max) != self.bptr[-1]:
            return "block bounds do not match the postings"
        if len(self.pair_tf) != len(self.pair_dl):
            return "pair tables differ in length"
        return None

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


class GrowingArray:
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




def merge_segments(segments: Sequence[Segment], n_terms: int, doc_lengths: np.ndarray, avgdl: float,
                   params: BM25Params) -> Segment:
    """One segment holding the postings of consecutive segments."""
    kernels = _kernels.builder()
    base = segments[0].base
    lists = [[np.asarray(s.indptr) for s in segments], [np.asarray(s.docs) for s in segments],
             [s.tfs(0, len(s.docs)) for s in segments]]
    if hasattr(kernels.merge, "py_func"):  # compiled: lists of arrays must be typed lists
        from numba.typed import List

        lists = [List(x) for x in lists]
    indptr, docs, tfs = kernels.merge(*lists, np.array([s.base - base for s in segments], dtype=np.int64),
                                      n_terms, sum(len(s.docs) for s in segments))
    end = base + sum(s.n_docs for s in segments)
    return build_segment(base, indptr, docs, tfs, doc_lengths[:end], avgdl, params)
