"""The library: everything opened from a database path, and what callers do with it — ingest news,
answer questions, search, list the newest articles — returning the values of ``index.model``."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sysconfig
from contextlib import aclosing
from pathlib import Path
from types import TracebackType
from typing import AsyncIterator, Callable, Sequence

from . import answers
from .errors import IndexFiles, SourceError
from .layout import strip_byline
from .lifecycle import PassageIndex
from .model import Answer, IngestReport, PreparedArticle, Query, Result, SearchPage, SourceArticle, Stats, \
    StoredArticle, Summary
from .ranking import persist
from .sources import read_all
from .store import Store
from .text.passages import split_sentences
from .text.prepare import PARALLEL_MIN_CHARS, ParallelPreparer, prepare_articles
from .text.tokenize import Tokenizer, default_tokenizer
from .text.when import period_in, without_period

__all__ = ["Library", "Progress", "SEEDS_DIR", "summary_of"]

log = logging.getLogger(__name__)
def _seeds_dir() -> Path:
    """The bundled seed pages: ``seeds/`` of a checkout (or an editable install), else where an
    installed wheel put them (``share/newsbot/seeds`` under the install's data path)."""
    checkout = Path(__file__).resolve().parent.parent / "seeds"
    if checkout.is_dir():
        return checkout
    return Path(sysconfig.get_path("data")) / "share" / "newsbot" / "seeds"


SEEDS_DIR = _seeds_dir()
PERIOD_DEPTH = 50  # a question naming a date looks this deep for an article of that date
RECENT_ARTICLES = 2  # a conversation remembers the articles of its last two answers
Progress = Callable[[int, int], None]  # (articles done, articles in all)


class Library:
    """The store, the tokenizer and the passage index, opened together from a database path."""

    def __init__(self, store: Store, tokenizer: Tokenizer, index: PassageIndex) -> None:
        self.store = store
        self.tokenizer = tokenizer
        self.index = index

    @classmethod
    async def open(cls, db_path: Path, *, tokenizer: Tokenizer | None = None, index_path: Path | None | bool = True,
                   seed: bool = False) -> Library:
        """Open the database (created if missing), load jieba off the event loop, open the saved index
        next to the database (``index_path`` True; a path; or None for memory only), and with ``seed``
        ingest the bundled page(s) into an empty database."""
        store = await Store.open(db_path)
        try:
            tokenizer = tokenizer or default_tokenizer()
            path = persist.index_dir(db_path) if index_path is True else (index_path or None)
            library = cls(store, tokenizer, await PassageIndex.open(store, tokenizer, path))
            if seed:
                report = await library.ensure_seeded()
                if report is not None:
                    log.info("empty database: ingested the bundled page (%d articles)", report.articles_added)
        except BaseException:
            await store.close()
            raise
        return library

    async def close(self) -> None:
        await self.store.close()

    async def __aenter__(self) -> Library:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.close()

    @property
    def path(self) -> Path:
        return self.store.path

    # -- ingest -----------------------------------------------------------------------------
    async def _prepared(self, records: Sequence[SourceArticle]) -> AsyncIterator[list[PreparedArticle]]:
        total = sum(len(r.title) + sum(len(p) for p in r.paragraphs) for r in records)
        if total < PARALLEL_MIN_CHARS:
            yield await asyncio.to_thread(prepare_articles, records, self.tokenizer)
            return
        with ParallelPreparer(records, self.tokenizer.options) as preparer:
            for future in preparer.futures():
                yield await asyncio.wrap_future(future)

    async def ingest(self, records: Sequence[SourceArticle], files: int = 0,
                     progress: Progress | None = None) -> IngestReport:
        """Store and index articles in one transaction; a failure leaves store and index as they were."""
        records = [r.within_limits() for r in records]
        added_articles = added_passages = done = 0
        index = self.index
        async with index.lock:
            try:
                async with self.store.transaction():
                    # Another process may have stored passages since this index was loaded: they come
                    # first, so that the index never claims (by its last id) passages it lacks.
                    await index.catch_up()
                    async with aclosing(self._prepared(records)) as chunks:  # workers stop on any error
                        async for chunk in chunks:
                            added = await self.store.insert_articles(chunk)
                            await asyncio.to_thread(index.add, added)
                            added_articles += len(added)
                            added_passages += sum(len(a.passage_ids) for a in added)
                            done += len(chunk)
                            if progress is not None:
                                progress(done, len(records))
            except BaseException:
                await index.load()  # forget what the rolled-back transaction added
                raise
            if added_passages:
                await index.save()
        return IngestReport(files, len(records), added_articles, added_passages)

    async def ingest_paths(self, paths: Sequence[Path], date: str | None = None, source: str | None = None,
                           progress: Progress | None = None,
                           pages: Callable[[Path, int], None] | None = None) -> IngestReport:
        """Read every file first; any bad file raises SourceError (all problems, one per line)
        before anything is stored.  ``pages`` hears of each PDF page read (from a worker thread)."""
        records, problems, files = await asyncio.to_thread(read_all, list(paths), date, source, pages)
        if problems:
            raise SourceError("\n".join(problems))
        return await self.ingest(records, files, progress)

    async def ensure_seeded(self, seeds: Path = SEEDS_DIR) -> IngestReport | None:
        """Ingest the bundled seed page(s) into an empty store."""
        if await self.store.count_articles():
            return None
        return await self.ingest_paths([seeds])

    # -- questions --------------------------------------------------------------------------
    async def ask(self, question: str, recent: Sequence[int] = (), today: dt.date | None = None) -> Answer:
        """The best passage for a question, or none when the question's weight is barely matched.

        A date in the question (``text.when``; relative ones from ``today``) prefers, among the
        ``PERIOD_DEPTH`` best passages, the best one of an article of that period.

        ``recent``: the articles of the conversation's last answers.  Their passages are ranked with
        this question alone (archive-wide statistics), the newest story first; one answers when the
        question is about that story (``answers.follow_up``); otherwise the archive answers (and the
        story changes)."""
        period = period_in(question, today or dt.date.today())
        query = await asyncio.to_thread(self._query, question)
        results, _ = await self._rank(query, 1, 0, 1)
        best = results[0] if results else None
        if period:  # "6月12日…", "昨天", "上周": the best answer of an article of that period, if any, ranked
            undated = await asyncio.to_thread(self._query, without_period(question))  # without the date words
            ranked, _ = await self._rank(undated, PERIOD_DEPTH, 0, PERIOD_DEPTH)
            best = next((r for r in ranked if r.date and period[0] <= r.date[:10] <= period[1]
                         and r.coverage >= answers.MIN_COVERAGE), best)
        if recent and not query.empty:
            stories = list(recent)[:RECENT_ARTICLES]
            rows = await self.store.passages(articles=stories)
            candidates: list[tuple[float, Result]] = []
            for age, article_id in enumerate(stories):
                if best is not None and best.article_id == article_id:
                    near: Result | None = best  # the archive's best is this story's
                else:
                    story = [row for row in rows.values() if row.article_id == article_id]
                    near = await asyncio.to_thread(answers.follow_up, self.index.bm25, self.tokenizer, query, best, story)
                if near is not None:
                    candidates.append((near.score * (answers.NEWEST_STORY if age == 0 else 1.0), near))
            if candidates:
                chosen = max(candidates, key=lambda c: c[0])[1]
                return Answer(query, chosen, follow_up=chosen is not best)
        return Answer(query, best if best is not None and best.coverage >= answers.MIN_COVERAGE else None)

    async def search(self, text: str, k: int = 5, offset: int = 0, count_up_to: int = 0) -> SearchPage:
        """Results offset .. offset + k - 1 for free text (any match counts), and how many there are,
        counted up to ``max(count_up_to, offset + k)``."""
        query = await asyncio.to_thread(self._query, text)
        results, total = await self._rank(query, k, offset, max(count_up_to, offset + k))
        return SearchPage(query, tuple(results), total)

    def _query(self, text: str) -> Query:
        return answers.focus(self.index.bm25, self.tokenizer.query(text))

    async def _rank(self, query: Query, k: int, offset: int, depth: int) -> tuple[list[Result], int]:
        terms = query.terms
        if not terms or k <= 0:
            return [], 0
        try:
            hits = await asyncio.to_thread(self.index.bm25.top_k, terms, depth)
        except IndexFiles as e:  # noticed while reading postings: rebuild, then answer
            await self.index.rebuild(str(e))
            hits = await asyncio.to_thread(self.index.bm25.top_k, terms, depth)
        page = hits[offset : offset + k]
        ids = [self.index.passage_id(h.doc) for h in page]
        rows = await self.store.passages(ids)
        found = [(h.score, rows[pid]) for h, pid in zip(page, ids) if pid in rows]
        results = await asyncio.to_thread(answers.results, self.index.bm25, self.tokenizer, query, found)
        return results, len(hits)

    # -- articles ---------------------------------------------------------------------------
    async def latest(self, n: int = 5) -> list[Summary]:
        return [summary_of(a) for a in await self.store.latest(n)]

    async def article(self, article_id: int) -> StoredArticle | None:
        return await self.store.article(article_id)

    async def articles(self) -> list[StoredArticle]:
        return await self.store.articles()

    async def stats(self) -> Stats:
        newest = await self.store.latest(1)
        indexed = self.index.passage_id(len(self.index) - 1) if len(self.index) else 0
        lag = await self.store.count_passages(indexed, after=True)  # reads only what is not indexed yet
        return Stats(await self.store.count_articles(), len(self.index), len(self.index.bm25.vocab),
                     newest[0].date if newest else None, lag)

    # -- a long-running process -------------------------------------------------------------
    async def warm(self) -> bool:
        return await self.index.warm()

    async def refresh(self) -> int:
        """Index what other processes stored since (a running bot calls this every few seconds);
        returns how many passages were new."""
        async with self.index.lock:
            return await self.index.catch_up()


def summary_of(article: StoredArticle, limit: int = 80) -> Summary:
    """An article's title and first full sentence (its byline left out), for lists and digests."""
    text = next((p for p in article.paragraphs if len(p) >= 20), article.paragraphs[0] if article.paragraphs else "")
    text = strip_byline(text)
    first = split_sentences(text)[0] if text else ""
    if len(first) > limit:
        first = first[: limit - 1] + "…"
    return Summary(article.id, article.title, article.date, article.source, first)
