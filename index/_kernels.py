"""Compiled loops over postings (numba), with exact pure-numpy equivalents.

The compiled versions are used when numba is importable; both give bit-identical float64 results:
the operations per posting are the reference's, ``idf * (tf * (k1 + 1) / (tf + norm[doc]))``, added
to the document's score term by term in query order (no fused multiply-add: numba's default is not
fastmath).
"""

from __future__ import annotations

import logging
import os

import numpy as np

log = logging.getLogger(__name__)

try:  # pragma: no cover - exercised through both paths in tests
    if os.environ.get("NEWSBOT_NO_NUMBA"):
        raise ImportError("disabled by NEWSBOT_NO_NUMBA")
    from numba import njit

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover
    HAVE_NUMBA = False

    def njit(*args, **kwargs):  # type: ignore[no-redef]
        def wrap(f):
            return f

        return wrap(args[0]) if args and callable(args[0]) else wrap


@njit(cache=True, nogil=True)
def accumulate(docs, tfs, lo, hi, base, idf, k1p1, norm, scores, mark, touched, n):  # pragma: no cover
    """Add one term's contributions for postings[lo:hi] (doc ids + base) to scores."""
    for p in range(lo, hi):
        d = docs[p] + base
        tf = float(tfs[p])
        scores[d] += idf * (tf * k1p1 / (tf + norm[d]))
        if mark[d] == 0:
            mark[d] = 1
            touched[n] = d
            n += 1
    return n


@njit(cache=True, nogil=True)
def _worse(s1, d1, s2, d2):  # pragma: no cover
    """Is (s1, d1) ranked below (s2, d2)? Higher score first, then lower doc id."""
    return s1 < s2 or (s1 == s2 and d1 > d2)


@njit(cache=True, nogil=True)
def top_k(scores, mark, touched, n, k, out_docs, out_scores):  # pragma: no cover
    """The k best touched documents (non-zero scores), best first; resets the scratch buffers."""
    size = 0
    for i in range(n):
        d = touched[i]
        s = scores[d]
        scores[d] = 0.0
        mark[d] = 0
        if s == 0.0:
            continue
        if size < k:
            # sift up in a min-heap ordered by "worse"
            j = size
            size += 1
            while j > 0:
                parent = (j - 1) // 2
                if _worse(s, d, out_scores[parent], out_docs[parent]):
                    out_scores[j] = out_scores[parent]
                    out_docs[j] = out_docs[parent]
                    j = parent
                else:
                    break
            out_scores[j] = s
            out_docs[j] = d
        elif _worse(out_scores[0], out_docs[0], s, d):
            j = 0
            while True:
                left = 2 * j + 1
                if left >= size:
                    break
                child = left
                right = left + 1
                if right < size and _worse(out_scores[right], out_docs[right], out_scores[left], out_docs[left]):
                    child = right
                if _worse(out_scores[child], out_docs[child], s, d):
                    out_scores[j] = out_scores[child]
                    out_docs[j] = out_docs[child]
                    j = child
                else:
                    break
            out_scores[j] = s
            out_docs[j] = d
    # heap -> sorted, best first
    for end in range(size - 1, 0, -1):
        s0, d0 = out_scores[0], out_docs[0]
        out_scores[0], out_docs[0] = out_scores[end], out_docs[end]
        out_scores[end], out_docs[end] = s0, d0
        j = 0
        while True:
            left = 2 * j + 1
            if left >= end:
                break
            child = left
            right = left + 1
            if right < end and _worse(out_scores[right], out_docs[right], out_scores[left], out_docs[left]):
                child = right
            if _worse(out_scores[child], out_docs[child], out_scores[j], out_docs[j]):
                out_scores[j], out_scores[child] = out_scores[child], out_scores[j]
                out_docs[j], out_docs[child] = out_docs[child], out_docs[j]
                j = child
            else:
                break
    return size


@njit(cache=True, nogil=True)
def invert(terms, tfs, doc_ptr, n_terms):  # pragma: no cover
    """Forward index (per document: term ids and tfs) -> CSR postings, docs ascending per term."""
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    for t in terms:
        indptr[t + 1] += 1
    for t in range(n_terms):
        indptr[t + 1] += indptr[t]
    pos = indptr[:-1].copy()
    out_docs = np.empty(len(terms), dtype=np.int32)
    out_tfs = np.empty(len(terms), dtype=np.uint16)
    for d in range(len(doc_ptr) - 1):
        for p in range(doc_ptr[d], doc_ptr[d + 1]):
            t = terms[p]
            q = pos[t]
            out_docs[q] = d
            out_tfs[q] = tfs[p]
            pos[t] = q + 1
    return indptr, out_docs, out_tfs


@njit(cache=True, nogil=True)
def merge(indptrs, docs_list, tfs_list, bases, n_terms, total):  # pragma: no cover
    """Concatenate segments' postings term by term (segments in doc order) into one CSR."""
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    for s in range(len(indptrs)):
        ip = indptrs[s]
        for t in range(min(n_terms, len(ip) - 1)):
            indptr[t + 1] += ip[t + 1] - ip[t]
    for t in range(n_terms):
        indptr[t + 1] += indptr[t]
    out_docs = np.empty(total, dtype=np.int32)
    out_tfs = np.empty(total, dtype=np.uint16)
    pos = indptr[:-1].copy()
    for s in range(len(indptrs)):
        ip = indptrs[s]
        dd = docs_list[s]
        tt = tfs_list[s]
        base = bases[s]
        for t in range(min(n_terms, len(ip) - 1)):
            q = pos[t]
            for p in range(ip[t], ip[t + 1]):
                out_docs[q] = dd[p] + base
                out_tfs[q] = tt[p]
                q += 1
            pos[t] = q
    return indptr, out_docs, out_tfs


def warm_up() -> None:
    """Compile (or load from cache) the kernels now rather than on the first query."""
    if not HAVE_NUMBA:
        return
    scores = np.zeros(2)
    mark = np.zeros(2, dtype=np.uint8)
    touched = np.zeros(2, dtype=np.int32)
    n = accumulate(np.array([0], dtype=np.int32), np.array([1], dtype=np.uint16), 0, 1, 0, 1.0, 2.5,
                   np.ones(2), scores, mark, touched, 0)
    top_k(scores, mark, touched, n, 1, np.zeros(1, dtype=np.int64), np.zeros(1))
