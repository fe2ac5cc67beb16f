"""Ranking: rank-bm25's BM25Okapi scores reproduced exactly over segmented postings (``bm25``), the
compiled loops (``_kernels``), the top-k search (``topk``) and the index saved on disk (``persist``)."""

from __future__ import annotations

from .bm25 import BM25Index, BM25Params, Hit, enable_compiled_scoring

__all__ = ["BM25Index", "BM25Params", "Hit", "enable_compiled_scoring"]
