"""The per-reader budget (a token bucket) and the query-size cap."""

from __future__ import annotations

import numpy as np

from bot.budget import Budget, Verdict
from index import Library
from tests.conftest import SEED_PAGE


def test_a_burst_then_one_slow_down_then_silence_until_refilled():
    now = [0.0]
    budget = Budget(burst=3, per_minute=30, clock=lambda: now[0])
    assert [budget.take(1) for _ in range(3)] == [Verdict.ALLOW] * 3
    assert budget.take(1) is Verdict.SLOW_DOWN
    assert budget.take(1) is Verdict.DROP and budget.take(1) is Verdict.DROP
    assert budget.wait_seconds(1) == 2
    assert budget.take(2) is Verdict.ALLOW  # another reader is not affected
    now[0] += 2.0  # 30 a minute: one more after two seconds
    assert budget.take(1) is Verdict.ALLOW
    assert budget.take(1) is Verdict.SLOW_DOWN  # told again after having been allowed


def test_idle_readers_are_forgotten_when_there_are_many():
    now = [0.0]
    budget = Budget(burst=2, per_minute=60, clock=lambda: now[0], max_readers=100)
    for reader in range(100):
        budget.take(reader)
    now[0] += 10.0
    budget.take(1000)
    assert len(budget._buckets) <= 2


async def test_a_word_salad_is_ranked_by_its_rarest_words(library: Library):
    await library.ingest_paths([SEED_PAGE])
    bm25 = library.index.bm25
    common = [bm25.terms[i] for i in np.argsort(-bm25.document_frequencies, kind="stable")[:300]]
    salad = " ".join(common) + " 消防 演练 受伤 被困"
    answer = await library.ask(salad)
    assert len(answer.query.words) <= 32
    assert {"消防", "被困"} <= set(answer.query.content_words)
