"""Loops over postings, compiled with numba on first use.

The functions here are plain Python; ``compiled()`` returns numba-compiled versions of them (numba is
imported only then, so a one-shot command that needs no compiled loop starts ~1 s faster).  Queries use
the compiled search once ``use_compiled_scoring()`` has been called (the bot and the benchmarks do), and
exact pure-numpy code otherwise.  Both give bit-identical float64 scores: per posting the reference's
``idf * (tf * (k1 + 1) / (tf + norm))``, added term by term in query order (numba's default is not
fastmath, so nothing is fused or reordered).

Postings of a term are ascending doc ids (``docs``, int32, local to a segment) with a ``code`` each: the
index of the posting's (tf, document length) pair in the segment's pair table.  The tf factor depends on
nothing else, so a query reads it from a small table (``factors[code]``, a few thousand entries, cached)
instead of dividing by a per-document norm fetched from a far-away cache line.  Postings are grouped in
blocks of ``BLOCK``; per block the last doc and the largest tf factor (upper bounds for skipping).
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

BLOCK = 128  # postings per block (skipping and score bounds)
WINDOW = 8192  # documents scored together (the accumulator stays in the core's cache)
SLACK = 1.0 + 1e-9  # bounds are compared with this margin: float sums may differ in the last bits


def _ctz(word):
    """Index of the lowest set bit (numba's intrinsic replaces this when compiled)."""
    return (int(word) & -int(word)).bit_length() - 1


# -- building -----------------------------------------------------------------------------------

def invert(terms, tfs, doc_ptr, n_terms):
    """Forward index (per document: term ids and tfs) -> CSR postings (docs ascending) and tfs."""
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


def merge(indptrs, docs_list, tfs_list, bases, n_terms, total):
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


def encode(docs, tfs, doc_len, base, width, lookup, codes, pair_tf, pair_dl):
    """codes[p] = id of the (tf, length of the posting's document) pair, ids in first-seen order;
    ``lookup`` (all -1, size (max tf + 1) * width) maps tf * width + length to the id.  Returns the
    number of pairs, or -1 when there are more than ``len(pair_tf)`` (codes too narrow)."""
    n = 0
    for p in range(len(docs)):
        tf = tfs[p]
        dl = doc_len[docs[p] + base]
        key = tf * width + dl
        c = lookup[key]
        if c < 0:
            if n == len(pair_tf):
                return -1
            c = n
            lookup[key] = n
            pair_tf[n] = tf
            pair_dl[n] = dl
            n += 1
        codes[p] = c
    return n


def blocks(indptr, docs, codes, factors, bptr, blk_last, blk_max):
    """Per block of BLOCK postings of each term: its last doc and its largest tf factor."""
    for t in range(len(indptr) - 1):
        lo = indptr[t]
        hi = indptr[t + 1]
        b = bptr[t]
        for start in range(lo, hi, BLOCK):
            end = min(start + BLOCK, hi)
            best = 0.0
            for p in range(start, end):
                f = factors[codes[p]]
                if f > best:
                    best = f
            blk_last[b] = docs[end - 1]
            blk_max[b] = best
            b += 1


# -- searching ----------------------------------------------------------------------------------

def _end_block(lo, hi, bb):
    """One past the last block of the term whose postings are lo .. hi - 1 and blocks start at bb."""
    return bb + (hi - lo + BLOCK - 1) // BLOCK


def _advance(docs, blk_last, lo, bb, p, hi, target):
    """First position in [p, hi) of a term's postings (starting at lo, blocks at bb) whose doc is >=
    target.  Whole blocks are passed over through their last docs, then the block is scanned: only
    sequential reads, no jumps through memory that depend on the data."""
    if p >= hi or docs[p] >= target:
        return p
    bi = bb + (p - lo) // BLOCK
    if blk_last[bi] < target:
        end_block = _end_block(lo, hi, bb)
        bi += 1
        while bi < end_block and blk_last[bi] < target:
            bi += 1
        if bi == end_block:
            return hi
        p = lo + (bi - bb) * BLOCK
    last = min(lo + (bi - bb + 1) * BLOCK, hi) - 1  # docs[last] >= target
    while p + 16 < last and docs[p + 16] < target:
        p += 16
    while docs[p] < target:
        p += 1
    return p


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


def search(docs, codes, factors, blk_last, blk_max, scale, lo, hi, bb, weight, cost, occ_term, occ_idf, base,
           d_lo, d_hi, k, heap_s, heap_d, size, shared, me, acc, bits, cand, cand_s, slot, sink, cur, pcur, wb,
           order, prefix, fac, work):
    """Exact top-k over documents d_lo .. d_hi - 1 of one segment, windows of WINDOW documents at a time
    (block-max MaxScore, document order).  Returns the new heap size.

    Per window, every term's bound is its weight times the largest block maximum of its postings
    there.  Terms whose bounds together cannot lift a document above theta (the k-th best exact score
    so far) are non-essential: chosen greedily to cover as many postings as possible.  The essential
    terms' postings are added into a window-sized accumulator; touched documents that could still
    reach theta become candidates, the non-essential terms are added to them strongest first (streamed
    or looked up, whichever reads less) while the hopeless are dropped, and the survivors are scored
    exactly, term by term in query order.  Documents are met in ascending order, so a later document
    enters the heap only with a strictly higher score (ties: lower id first).  ``shared`` holds each
    half's theta when two threads split the documents: the other half's theta is a floor too.
    ``work`` counts postings added to the accumulator, postings streamed to candidates and documents
    scored exactly."""
    m = len(lo)
    n_occ = len(occ_term)
    for j in range(m):
        cur[j] = _advance(docs, blk_last, lo[j], bb[j], lo[j], hi[j], d_lo)
    floor = 0.0
    theta = heap_s[0] if size >= k else 0.0
    ws = d_lo
    while ws < d_hi:
        other = shared[1 - me] * (1 - 1e-9)  # strictly below it: documents there tie-break first
        if other > floor:
            floor = other
            if floor > theta:
                theta = floor
        # the window starts at the next posting of any term
        nxt = d_hi
        for j in range(m):
            p = _advance(docs, blk_last, lo[j], bb[j], cur[j], hi[j], ws)
            cur[j] = p
            if p < hi[j] and docs[p] < nxt:
                nxt = docs[p]
        if nxt >= d_hi:
            break
        ws = nxt
        we = min(ws + WINDOW, d_hi)
        total = 0.0
        for j in range(m):
            p = cur[j]
            bound = 0.0
            if p < hi[j] and docs[p] < we:
                i = bb[j] + (p - lo[j]) // BLOCK
                end_block = _end_block(lo[j], hi[j], bb[j])
                bound = blk_max[i]
                while blk_last[i] < we - 1 and i + 1 < end_block:
                    i += 1
                    if blk_max[i] > bound:
                        bound = blk_max[i]
            wb[j] = weight[j] * bound * scale
            total += wb[j]
        if total * SLACK <= theta:
            ws = we
            continue
        # non-essential terms: absent ones first, then by postings per unit of bound
        for j in range(m):
            x = cost[j] if wb[j] > 0 else 1e300
            i = j
            while i > 0 and (cost[order[i - 1]] if wb[order[i - 1]] > 0 else 1e300) < x:
                order[i] = order[i - 1]
                i -= 1
            order[i] = j
        run = 0.0
        e = 0
        for i in range(m):
            j = order[i]
            if (run + wb[j]) * SLACK <= theta:
                run += wb[j]
                order[i] = order[e]
                order[e] = j
                e += 1
        for i in range(1, e):  # non-essential ones by bound, ascending, with running sums
            j = order[i]
            x = wb[j]
            t = i
            while t > 0 and wb[order[t - 1]] > x:
                order[t] = order[t - 1]
                t -= 1
            order[t] = j
        run = 0.0
        for i in range(e):
            run += wb[order[i]]
            prefix[i] = run
        for j in range(m):
            pcur[j] = cur[j]
        # essential terms: every posting in the window into the accumulator
        top = 0  # last touched document (window offset)
        for i in range(e, m):
            j = order[i]
            p = cur[j]
            h = hi[j]
            wj = weight[j]
            while p < h:
                d = docs[p]
                if d >= we:
                    break
                x = d - ws
                acc[x] += wj * factors[codes[p]]
                bits[x >> 6] |= np.uint64(1) << np.uint64(x & 63)
                p += 1
            if p > cur[j] and docs[p - 1] - ws > top:
                top = docs[p - 1] - ws
            work[0] += p - cur[j]
            cur[j] = p
        # candidates: touched documents that can still reach theta (resets the accumulator)
        rest = prefix[e - 1] if e > 0 else 0.0
        nc = 0
        for word_i in range((top >> 6) + 1):
            word = bits[word_i]
            if word == 0:
                continue
            bits[word_i] = np.uint64(0)
            while word != 0:
                x = word_i * 64 + _ctz(word)
                word &= word - np.uint64(1)
                s = acc[x]
                acc[x] = 0.0
                cand[nc] = ws + x
                cand_s[nc] = s
                ok = (s + rest) * SLACK > theta
                slot[x] = (nc + 1) * ok
                nc += ok
        # non-essential terms, strongest first, added to the candidates; the hopeless are dropped
        for i in range(e - 1, -1, -1):
            if nc == 0:
                break
            j = order[i]
            if wb[j] == 0.0:
                continue
            p = cur[j]
            h = hi[j]
            wj = weight[j]
            end_block = _end_block(lo[j], h, bb[j])
            bi = bb[j] + (p - lo[j]) // BLOCK
            while bi < end_block and blk_last[bi] < we:
                bi += 1
            in_window = (bi - bb[j]) * BLOCK + lo[j] - p + BLOCK  # at most this many postings
            if in_window < nc * 16:  # stream them: sequential reads beat lookups
                start = p
                while p < h:
                    d = docs[p]
                    if d >= we:
                        break
                    sink[slot[d - ws]] += wj * factors[codes[p]]  # slot 0: not a candidate
                    p += 1
                work[1] += p - start
                sink[0] = 0.0
                for c in range(nc):
                    cand_s[c] += sink[c + 1]
                    sink[c + 1] = 0.0
            else:
                for c in range(nc):
                    d = cand[c]
                    p = _advance(docs, blk_last, lo[j], bb[j], p, h, d)
                    if p < h and docs[p] == d:
                        cand_s[c] += wj * factors[codes[p]]
            cur[j] = p
            below = prefix[i - 1] if i > 0 else 0.0
            keep = 0
            for c in range(nc):
                d = cand[c]
                s = cand_s[c]
                cand[keep] = d
                cand_s[keep] = s
                ok = (s + below) * SLACK > theta
                slot[d - ws] = (keep + 1) * ok
                keep += ok
            nc = keep
        for c in range(nc):
            slot[cand[c] - ws] = 0
        # exact scores of the survivors: the reference's sum, term by term in query order
        for c in range(nc):
            d = cand[c]
            if cand_s[c] * SLACK <= theta:
                continue
            work[2] += 1
            for j in range(m):
                p = _advance(docs, blk_last, lo[j], bb[j], pcur[j], hi[j], d)
                pcur[j] = p
                fac[j] = factors[codes[p]] if p < hi[j] and docs[p] == d else 0.0
            exact = 0.0
            for o in range(n_occ):
                exact += occ_idf[o] * fac[occ_term[o]]
            if size < k:
                _sift_up(heap_s, heap_d, size, exact, d + base)
                size += 1
                if size == k:
                    theta = max(heap_s[0], floor)
                    shared[me] = heap_s[0]
            elif exact > heap_s[0]:
                _sift_down(heap_s, heap_d, size, exact, d + base)
                theta = max(heap_s[0], floor)
                shared[me] = heap_s[0]
        ws = we
    return size


_BUILD = ("invert", "merge", "encode", "blocks")
_SEARCH = ("_end_block", "_advance", "_worse", "_sift_up", "_sift_down", "search")  # callees before callers


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
            from numba.cpython.unsafe.numbers import trailing_zeros

            out = {}
            globals()["_ctz"] = trailing_zeros
            for name in _BUILD + _SEARCH:
                out[name] = njit(cache=True, nogil=True)(globals()[name])
                if name in _SEARCH:  # callers must see the compiled callees
                    globals()[name] = out[name]
            _compiled = SimpleNamespace(**out)
    return _compiled


def use_compiled_scoring(enabled: bool = True) -> bool:
    """Score with compiled loops from now on (compiling them now); False if numba is unavailable."""
    global _scoring
    _scoring = enabled and compiled() is not None
    return _scoring


def scoring() -> SimpleNamespace | None:
    return _compiled if _scoring else None


def builder() -> SimpleNamespace:
    """Loops for building and merging segments: compiled when possible (they run over every posting)."""
    return compiled() or SimpleNamespace(**{name: globals()[name] for name in _BUILD})
