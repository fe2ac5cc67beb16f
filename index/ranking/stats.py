"""Numbers derived from one corpus state: idfs (with rank-bm25's epsilon floor) and each segment's
table of tf factors; and what a query returns."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .segments import BM25Params, Segment, factor_table

__all__ = ["Hit", "CorpusStats"]


@dataclass(frozen=True)
class Hit:
    doc: int
    score: float


class CorpusStats:
    """Derived numbers for one corpus state: the idf of every term, each segment's factor table."""

    def __init__(self, params: BM25Params, segments: Sequence[Segment], n: int, total_len: int,
                 df: np.ndarray) -> None:
        self.params = params
        self.segments = list(segments)  # what queries on this state read (all documents flushed)
        self.n = n
        self.avgdl = total_len / n
        self.df = df
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
        value = self.raw_idf(int(self.df[tid]))
        return value if value >= 0 else self.eps

    @property
    def eps(self) -> float:
        """epsilon * the average raw idf, summed term by term in first-seen order like the reference."""
        if self._eps is None:
            distinct, inverse = np.unique(self.df, return_inverse=True)
            table = np.array([self.raw_idf(int(d)) for d in distinct])
            total = float(np.cumsum(table[inverse])[-1]) if len(self.df) else 0.0  # sequential sum
            self._eps = self.params.epsilon * (total / len(self.df)) if len(self.df) else 0.0
        return self._eps
