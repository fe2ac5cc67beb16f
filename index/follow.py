"""Followed words matched against what is new: for each passage stored after a given id, which
followed queries it answers (BM25 over the new passages with archive-wide statistics, and the same
no-answer rule as a question: enough of the query's weight found), best passage per article."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Sequence

from . import answers
from .library import Library
from .model import PassageTerms, Result

__all__ = ["Match", "new_matches", "articles_since", "newest_passage"]


@dataclass(frozen=True)
class Match:
    query: str  # the followed words as given
    result: Result  # the article's best passage for them


async def newest_passage(library: Library) -> int:
    """The id of the newest stored passage: where pushes and digests start counting from."""
    return await library.store.max_passage_id()


async def articles_since(library: Library, after: int) -> tuple[int, list[int]]:
    """(the newest passage id seen, the ids of the articles with passages stored after ``after``, in order)."""
    newest, ids = after, []
    async for batch in library.store.iter_passages(after_id=after, batch=2000):
        newest = batch[-1][0]
        rows = await library.store.passages([pid for pid, _, _ in batch])
        ids += [rows[pid].article_id for pid, _, _ in batch if pid in rows]
    return newest, list(dict.fromkeys(ids))


async def new_matches(library: Library, followed: Sequence[str], after: int) -> tuple[int, list[Match]]:
    """(the newest passage id seen, the matches among passages stored after ``after``)."""
    queries = [(text, await asyncio.to_thread(library.tokenizer.query, text)) for text in followed]
    newest, best = after, {}
    async for batch in library.store.iter_passages(after_id=after, batch=2000):
        newest = batch[-1][0]
        rows = await library.store.passages([pid for pid, _, _ in batch])
        for pid, _, tokens in batch:
            row = rows.get(pid)
            if row is None or not len(library.index):
                continue
            terms = PassageTerms.of(tokens.split())
            for text, query in queries:
                if query.empty or answers.coverage(library.index.bm25, query, set(terms.terms)) < answers.MIN_COVERAGE:
                    continue
                score = answers.passage_score(library.index.bm25, query, terms)
                key = (text, row.article_id)
                if score > 0 and (key not in best or score > best[key][0]):
                    best[key] = (score, row)
    matches = []
    for (text, _), (score, row) in best.items():
        query = next(q for t, q in queries if t == text)
        found = await asyncio.to_thread(answers.results, library.index.bm25, library.tokenizer, query, [(score, row)])
        matches.append(Match(text, found[0]))
    return newest, matches
