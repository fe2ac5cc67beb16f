"""Our index reproduces rank_bm25.BM25Okapi exactly (scores and top-10)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from index.bm25 import BM25Index


def random_corpus(rng: random.Random, docs: int, vocab: int) -> list[list[str]]:
    words = [f"w{i}" for i in range(vocab)]
    weights = [1 / (i + 1) for i in range(vocab)]  # Zipf-like: some terms in most documents
    return [rng.choices(words, weights, k=rng.randint(0, 60)) for _ in range(docs)]


def reference_top(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    ranked = sorted((-s, i) for i, s in enumerate(scores) if s != 0)
    return [(i, -s) for s, i in ranked[:k]]


@pytest.mark.parametrize("docs, vocab", [(1, 3), (2, 5), (7, 4), (50, 40), (400, 300), (3000, 2000)])
def test_scores_and_top10_equal_rank_bm25(docs: int, vocab: int, kernel: str):
    rng = random.Random(docs * 31 + vocab)
    corpus = random_corpus(rng, docs, vocab)
    if not any(corpus):
        corpus[0] = ["w0"]
    reference = BM25Okapi(corpus)
    ours = BM25Index()
    ours.add(corpus)
    if kernel == "compiled" and docs % 2 == 0:
        ours.precompute_bounds()  # precomputed per-posting factors must give the same floats
    for _ in range(25):
        query = rng.choices([f"w{i}" for i in range(vocab)] + ["unknown"], k=rng.randint(1, 8))
        expected = reference.get_scores(query)
        assert np.array_equal(ours.get_scores(query), expected)
        top = ours.top_k(query, 10)
        assert [(h.doc, h.score) for h in top] == reference_top(expected, 10)


def test_adding_documents_later_gives_the_same_scores_as_building_at_once():
    rng = random.Random(7)
    corpus = random_corpus(rng, 600, 200)
    whole = BM25Index()
    whole.add(corpus)
    grown = BM25Index()
    for start in range(0, 600, 97):
        grown.add(corpus[start : start + 97])
        grown.top_k(["w1"], 3)  # use it in between: frozen arrays must be rebuilt
    reference = BM25Okapi(corpus)
    for query in (["w0", "w5"], ["w3", "w3", "w150"], ["w199"]):
        assert np.array_equal(grown.get_scores(query), reference.get_scores(query))
        assert grown.top_k(query, 10) == whole.top_k(query, 10)


def test_repeated_query_terms_count_each_time_like_the_reference():
    corpus = [["a", "b"], ["b", "c"], ["c", "d", "d"], ["e"]]
    reference = BM25Okapi(corpus)
    ours = BM25Index()
    ours.add(corpus)
    assert np.array_equal(ours.get_scores(["d", "d", "a"]), reference.get_scores(["d", "d", "a"]))


def test_term_in_exactly_half_the_documents_has_weight_zero_like_the_reference():
    corpus = [["a", "x"], ["a", "y"], ["b"], ["c"]]
    ours = BM25Index()
    ours.add(corpus)
    assert ours.idf("a") == 0.0
    assert ours.top_k(["a"], 5) == []  # zero scores are not hits


def test_empty_index_and_empty_query():
    ours = BM25Index()
    assert ours.top_k(["a"], 3) == []
    assert len(ours.get_scores(["a"])) == 0
    ours.add([["a"]])
    assert ours.top_k([], 3) == []
    assert ours.top_k(["a"], 0) == []


@pytest.fixture(params=["compiled", "numpy"])
def kernel(request) -> str:
    from index.bm25 import enable_compiled_scoring

    if not enable_compiled_scoring(request.param == "compiled") and request.param == "compiled":
        pytest.skip("numba is not installed")
    yield request.param
    enable_compiled_scoring(False)


def test_many_segments_and_their_merge_keep_exact_scores(kernel: str):
    from index import bm25

    rng = random.Random(11)
    corpus = random_corpus(rng, 1500, 500)
    reference = BM25Okapi(corpus)
    grown = BM25Index()
    for start in range(0, 1500, 100):  # more segments than MAX_SEGMENTS: merged on the way
        grown.add(corpus[start : start + 100])
        grown.top_k(["w1"], 1)
    assert len(grown.segments) <= bm25.MAX_SEGMENTS
    for query in (["w0", "w2", "w2"], ["w77", "w499", "unknown"], ["w10", "w0", "w1", "w3"]):
        expected = reference.get_scores(query)
        assert [(h.doc, h.score) for h in grown.top_k(query, 10)] == reference_top(expected, 10)
        assert np.array_equal(grown.get_scores(query), expected)
    grown.compact()
    assert len(grown.segments) == 1
    assert [(h.doc, h.score) for h in grown.top_k(["w5", "w9"], 10)] == reference_top(reference.get_scores(["w5", "w9"]), 10)


def test_common_terms_get_the_reference_epsilon_floor(kernel: str):
    rng = random.Random(5)
    words = [f"t{i}" for i in range(3000)]
    corpus = [["common", "usual"] + rng.sample(words, 20) for _ in range(300)]  # common, usual: negative idf
    reference = BM25Okapi(corpus)
    ours = BM25Index()
    ours.add(corpus)
    assert ours.idf("common") == reference.idf["common"] > 0
    for query in (["common"], ["usual", "t5", "common"]):
        assert [(h.doc, h.score) for h in ours.top_k(query, 10)] == reference_top(reference.get_scores(query), 10)


def test_concurrent_queries_from_threads_agree(kernel: str):
    from concurrent.futures import ThreadPoolExecutor

    rng = random.Random(3)
    corpus = random_corpus(rng, 2000, 800)
    ours = BM25Index()
    ours.add(corpus)
    queries = [rng.choices([f"w{i}" for i in range(800)], k=4) for _ in range(200)]
    expected = [ours.top_k(q, 5) for q in queries]
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(lambda q: ours.top_k(q, 5), queries)) == expected


def test_pruned_search_is_exact_and_skips_weak_terms(kernel: str):
    rng = random.Random(21)
    corpus = random_corpus(rng, 5000, 3000)
    reference = BM25Okapi(corpus)
    ours = BM25Index()
    ours.add(corpus)
    ours.precompute_bounds()
    ours.prune_min_postings = 0  # this corpus is small: prune anyway, to test it
    pruned = 0
    for _ in range(60):
        rare = rng.sample([f"w{i}" for i in range(500, 3000)], 2)
        common = rng.sample([f"w{i}" for i in range(0, 20)], 2)
        query = rng.sample(rare + common, 4) + [common[0]]  # a repeated term too
        for k in (1, 10):
            assert [(h.doc, h.score) for h in ours.top_k(query, k)] == reference_top(reference.get_scores(query), k)
        pruned += ours.last_pruned
    if kernel == "compiled":
        assert pruned > 30  # rare terms decide these queries: common postings were skipped
