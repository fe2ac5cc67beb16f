"""Loops over postings, compiled with numba on first use.

The functions here are plain Python; ``compiled()`` returns numba-compiled versions of them (numba is
imported only then, so a one-shot command that needs no compiled loop starts ~1 s faster).  Scoring
uses the compiled loops once ``use_compiled_scoring()`` has been called (the bot and the benchmarks do),
and exact pure-numpy code otherwise.  Both give bit-identical float64 scores: per posting the reference's
``idf * (tf * (k1 + 1) / (tf + norm[doc]))``, added term by term in query order (numba's default is
not fastmath, so nothing is fused or reordered).
"""

from __future__ import annotations

import math
import os
import threading
from types import SimpleNamespace

import numpy as np

_lock = threading.Lock()
_compiled: SimpleNamespace | None = None
_scoring = False


def accumulate(docs, tfs, lo, hi, base, weight, k1p1, norm, scores, mark, touched, n):
    """Add weight * tf-factor for postings[lo:hi] (doc ids + base) to scores; track touched docs."""
    for p in range(lo, hi):
        d = docs[p] + base
        tf = float(tfs[p])
        scores[d] += weight * (tf * k1p1 / (tf + norm[d]))
        if mark[d] == 0:
            mark[d] = 1
            touched[n] = d
            n += 1
    return n


def kth_best(scores, touched, n, k, heap):
    """The k-th largest score among touched docs (0.0 if fewer than k)."""
    size = 0
    for i in range(n):
        s = scores[touched[i]]
        if size < k:
            j = size
            size += 1
            while j > 0:
                parent = (j - 1) // 2
                if heap[parent] > s:
                    heap[j] = heap[parent]
                    j = parent
                else:
                    break
            heap[j] = s
        elif s > heap[0]:
            j = 0
            while True:
                child = 2 * j + 1
                if child >= size:
                    break
                if child + 1 < size and heap[child + 1] < heap[child]:
                    child += 1
                if heap[child] < s:
                    heap[j] = heap[child]
                    j = child
                else:
                    break
            heap[j] = s
    return heap[0] if size >= k else 0.0


def collect(scores, mark, touched, n, floor, out, out_scores):
    """Touched docs whose score reaches floor, with their scores (count returned); resets the buffers."""
    m = 0
    for i in range(n):
        d = touched[i]
        s = scores[d]
        if s >= floor:
            out[m] = d
            out_scores[m] = s
            m += 1
        scores[d] = 0.0
        mark[d] = 0
    return m


def reset(scores, mark, touched, n):
    for i in range(n):
        d = touched[i]
        scores[d] = 0.0
        mark[d] = 0


def accumulate_factors(docs, factors, lo, hi, base, weight, scores, mark, touched, n):
    """Like accumulate, with each posting's tf factor precomputed for the current corpus."""
    for p in range(lo, hi):
        d = docs[p] + base
        scores[d] += weight * factors[p]
        if mark[d] == 0:
            mark[d] = 1
            touched[n] = d
            n += 1
    return n


def all_factors(indptr, docs, tfs, base, k1p1, norm, factors, out):
    """factors[p] = tf * (k1 + 1) / (tf + norm[doc]) for every posting; out[t] = max over term t."""
    for t in range(len(indptr) - 1):
        best = out[t]
        for p in range(indptr[t], indptr[t + 1]):
            tf = float(tfs[p])
            f = tf * k1p1 / (tf + norm[docs[p] + base])
            factors[p] = f
            if f > best:
                best = f
        out[t] = best


def max_factor(docs, tfs, lo, hi, base, k1p1, norm):
    """The largest tf * (k1 + 1) / (tf + norm) among a term's postings."""
    best = 0.0
    for p in range(lo, hi):
        tf = float(tfs[p])
        f = tf * k1p1 / (tf + norm[docs[p] + base])
        if f > best:
            best = f
    return best


def exact_add(docs, tfs, lo, hi, base, cands, c_lo, c_hi, idf, k1p1, norm, out):
    """For sorted candidates[c_lo:c_hi], add idf * tf-factor where the term's postings have them."""
    p = lo
    for i in range(c_lo, c_hi):
        target = cands[i] - base
        # gallop forward, then binary search (candidates and postings are both ascending)
        step = 1
        while p + step < hi and docs[p + step] < target:
            p += step
            step *= 2
        left, right = p, min(p + step, hi)
        while left < right:
            mid = (left + right) // 2
            if docs[mid] < target:
                left = mid + 1
            else:
                right = mid
        p = left
        if p >= hi:
            break
        if docs[p] == target:
            tf = float(tfs[p])
            out[i] += idf * (tf * k1p1 / (tf + norm[cands[i]]))


def _worse(s1, d1, s2, d2):
    return s1 < s2 or (s1 == s2 and d1 > d2)


def _sift_up(out_scores, out_docs, size, s, d):
    """Add (s, d) as element ``size`` of the heap and sift it up into place."""
    j = size
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


def _sift_down(out_scores, out_docs, size, s, d):
    """Put (s, d) at the root of the heap of the given size and sift it down into place."""
    j = 0
    while True:
        child = 2 * j + 1
        if child >= size:
            break
        if child + 1 < size and _worse(out_scores[child + 1], out_docs[child + 1], out_scores[child], out_docs[child]):
            child += 1
        if _worse(out_scores[child], out_docs[child], s, d):
            out_scores[j] = out_scores[child]
            out_docs[j] = out_docs[child]
            j = child
        else:
            break
    out_scores[j] = s
    out_docs[j] = d


def top_k(scores, mark, touched, n, k, out_docs, out_scores):
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
            _sift_up(out_scores, out_docs, size, s, d)
            size += 1
        elif _worse(out_scores[0], out_docs[0], s, d):
            _sift_down(out_scores, out_docs, size, s, d)
    for end in range(size - 1, 0, -1):  # heap -> best first
        s, d = out_scores[end], out_docs[end]
        out_scores[end], out_docs[end] = out_scores[0], out_docs[0]
        _sift_down(out_scores, out_docs, end, s, d)
    return size


def invert(terms, tfs, doc_ptr, n_terms):
    """Forward index (per document: term ids and tfs) -> CSR postings (docs ascending) and max tf."""
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    for t in terms:
        indptr[t + 1] += 1
    for t in range(n_terms):
        indptr[t + 1] += indptr[t]
    pos = indptr[:-1].copy()
    out_docs = np.empty(len(terms), dtype=np.int32)
    out_tfs = np.empty(len(terms), dtype=np.uint16)
    maxtf = np.zeros(n_terms, dtype=np.uint16)
    for d in range(len(doc_ptr) - 1):
        for p in range(doc_ptr[d], doc_ptr[d + 1]):
            t = terms[p]
            q = pos[t]
            out_docs[q] = d
            out_tfs[q] = tfs[p]
            if tfs[p] > maxtf[t]:
                maxtf[t] = tfs[p]
            pos[t] = q + 1
    return indptr, out_docs, out_tfs, maxtf


def merge(indptrs, docs_list, tfs_list, maxtfs, bases, n_terms, total):
    """Concatenate segments' postings term by term (segments in doc order) into one CSR."""
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    maxtf = np.zeros(n_terms, dtype=np.uint16)
    for s in range(len(indptrs)):
        ip = indptrs[s]
        mt = maxtfs[s]
        for t in range(min(n_terms, len(ip) - 1)):
            indptr[t + 1] += ip[t + 1] - ip[t]
            if mt[t] > maxtf[t]:
                maxtf[t] = mt[t]
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
    return indptr, out_docs, out_tfs, maxtf


_FUNCTIONS = ("accumulate", "kth_best", "collect", "reset", "accumulate_factors", "all_factors", "max_factor", "exact_add", "_worse", "_sift_up", "_sift_down", "top_k", "invert", "merge")


def available() -> bool:
    if os.environ.get("NEWSBOT_NO_NUMBA"):
        return False
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


def compiled() -> SimpleNamespace | None:
    """numba-compiled versions of the loops (cached on disk), or None without numba."""
    global _compiled
    if _compiled is not None or not available():
        return _compiled
    with _lock:
        if _compiled is None:
            from numba import njit

            namespace: dict[str, object] = {"math": math, "np": np}
            for name in _FUNCTIONS:  # compile in dependency order; _worse before top_k
                fn = globals()[name]
                namespace[name] = njit(cache=True, nogil=True)(fn)
            # functions calling others must see the compiled ones
            for helper in ("_worse", "_sift_up", "_sift_down"):  # callees must be compiled too
                globals()[helper] = namespace[helper]
            _compiled = SimpleNamespace(**{k: v for k, v in namespace.items() if k in _FUNCTIONS})
    return _compiled


def use_compiled_scoring(enabled: bool = True) -> bool:
    """Score with compiled loops from now on (compiling them now); False if numba is unavailable."""
    global _scoring
    _scoring = enabled and compiled() is not None
    if _scoring:
        warm_up()
    return _scoring


def scoring() -> SimpleNamespace | None:
    return _compiled if _scoring else None


def builder() -> SimpleNamespace:
    """Loops for building and merging segments: compiled when possible (they run over every posting)."""
    return compiled() or SimpleNamespace(**{name: globals()[name] for name in _FUNCTIONS})


def warm_up() -> None:
    """Compile (or load from the cache) the scoring loops now rather than on the first query."""
    k = compiled()
    if k is None:
        return
    scores, mark, touched = np.zeros(2), np.zeros(2, dtype=np.uint8), np.zeros(2, dtype=np.int32)
    docs, tfs, norm = np.array([0], dtype=np.int32), np.array([1], dtype=np.uint16), np.ones(2)
    n = k.accumulate(docs, tfs, 0, 1, 0, 1.0, 2.5, norm, scores, mark, touched, 0)
    k.kth_best(scores, touched, n, 1, np.zeros(1))
    out = np.zeros(2, dtype=np.int64)
    k.collect(scores, mark, touched, 0, 0.0, out, np.zeros(2))
    k.reset(scores, mark, touched, 0)
    k.max_factor(docs, tfs, 0, 1, 0, 2.5, norm)
    k.exact_add(docs, tfs, 0, 1, 0, out, 0, 1, 1.0, 2.5, norm, np.zeros(2))
    k.top_k(scores, mark, touched, n, 1, out, np.zeros(2))
