"""Searcher: ingest news, answer questions, search, and list the newest articles.

The only entry point the bot and the command line use.  Results are plain frozen dataclasses.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import logging
from typing import AsyncIterator, Callable

import numpy as np

from . import persist
from .bm25 import BM25Index, Hit, _Grow, enable_compiled_scoring
from .layout import strip_byline
from .passages import split_sentences
from .prepare import PARALLEL_MIN_CHARS, prepare_articles, prepare_in_parallel
from .sources import ArticleRecord, SourceError, expand, read_path
from .store import Added, NewArticle, PassageRow, PassageTerms, Store, StoredArticle
from .tokenize import Tokenizer

log = logging.getLogger(__name__)
LARGE_REBUILD = 100_000  # passages: rebuilding more is announced as a warning
Progress = Callable[[int, int], None]  # (articles done, articles in all)

__all__ = ["Searcher", "Result", "SearchPage", "Summary", "IngestReport", "Stats", "SEEDS_DIR", "MIN_COVERAGE"]

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
TOKENIZER_VERSION = "2"  # bump when tokens change: stored passages are re-tokenized
# An answer must match at least this share of the question's idf weight (see benchmarks/eval_seed.py).
MIN_COVERAGE = 0.4


@dataclass(frozen=True)
class Result:
    """One ranked passage with the sentence that best answers, and where it comes from."""

    title: str
    passage: str
    sentence: str
    score: float
    article_id: int
    date: str | None
    source: str | None
    passage_id: int
    coverage: float

    def as_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "passage": self.passage,
            "sentence": self.sentence,
            "score": round(self.score, 6),
            "article_id": self.article_id,
            "date": self.date,
            "source": self.source,
        }


@dataclass(frozen=True)
class SearchPage:
    results: tuple[Result, ...]
    total: int  # results in all, counted up to the search's limit
    words: tuple[str, ...]  # the query's content words (for highlighting)


def _flat(words: Sequence[tuple[str, list[str]]]) -> list[str]:
    """Index terms of tokenized words: each word, then its bigrams."""
    return [t for word, grams in words for t in (word, *grams)]


@dataclass(frozen=True)
class Summary:
    article_id: int
    title: str
    date: str | None
    source: str | None
    summary: str

    def as_json(self) -> dict[str, object]:
        return {"article_id": self.article_id, "title": self.title, "date": self.date,
                "source": self.source, "summary": self.summary}


@dataclass(frozen=True)
class Stats:
    articles: int
    passages: int
    terms: int
    newest_date: str | None


@dataclass(frozen=True)
class IngestReport:
    files: int
    articles_read: int
    articles_added: int
    passages_added: int

    @property
    def duplicates(self) -> int:
        return self.articles_read - self.articles_added


class Searcher:
    """Owns the store, the tokenizer and the BM25 index over all passages (saved next to the store)."""

    def __init__(self, store: Store, tokenizer: Tokenizer, index_path: Path | None = None) -> None:
        self.store = store
        self.tokenizer = tokenizer
        self.index_path = index_path
        self.index = BM25Index()
        self._keys = _Grow(np.int64)  # document -> passage id
        self._last_passage_id = 0
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, store: Store, tokenizer: Tokenizer, index_path: Path | None | bool = True) -> Searcher:
        """Open the saved index (``index_path`` True: next to the store; None or False: in memory only),
        catching up with passages stored since it was saved, or rebuilding it if it is unusable."""
        if index_path is True:
            index_path = persist.index_dir(store.path)
        await asyncio.to_thread(tokenizer.initialize)
        searcher = cls(store, tokenizer, index_path or None)
        await searcher._retokenize_if_stale()
        await searcher._load_index()
        return searcher

    async def _retokenize_if_stale(self) -> None:
        if await self.store.get_meta("tokenizer_version") == TOKENIZER_VERSION:
            return
        async for batch in self.store.iter_passages():
            rows = await asyncio.to_thread(self._retokenized, batch)
            await self.store.replace_tokens(rows)
        await self.store.set_meta("tokenizer_version", TOKENIZER_VERSION)

    def _retokenized(self, batch: list[tuple[int, str, str]]) -> list[tuple[int, str]]:
        return [(pid, " ".join(self.tokenizer.tokens(text))) for pid, text, _ in batch]

    async def _load_index(self) -> None:
        """The saved index if it belongs to this store and tokenizer, else a fresh one; then catch up."""
        store_id = await self.store.store_id()
        newest = await self.store.max_passage_id()
        loaded = False
        self.index, self._keys, self._last_passage_id = BM25Index(), _Grow(np.int64), 0
        if self.index_path is not None:
            try:
                index, keys, manifest = await asyncio.to_thread(persist.load, self.index_path)
                last = int(manifest.get("last_passage_id", -1))
                if manifest.get("store_id") != store_id or manifest.get("tokenizer") != TOKENIZER_VERSION:
                    raise persist.IndexFiles("it belongs to another database or tokenizer")
                if last > newest or (len(keys) and int(keys[-1]) != last):
                    raise persist.IndexFiles("it covers passages the database does not have")
                self.index, self._keys, self._last_passage_id = index, _Grow(np.int64, keys), last
                loaded = True
            except persist.IndexFiles as e:
                # a large archive takes minutes: say so where a one-shot command shows it too
                (log.warning if newest > LARGE_REBUILD else log.info)(
                    "building the search index from %d stored passages (%s)", newest, e)
        caught_up = await self._catch_up()
        if self.index_path is not None and (caught_up or not loaded):
            await self._save()

    async def _catch_up(self) -> int:
        """Index passages stored after the index was last saved (from their stored terms)."""
        count = 0
        async for batch in self.store.iter_passages(after_id=self._last_passage_id):
            await asyncio.to_thread(self._add_stored, batch)
            count += len(batch)
        return count

    def _add_stored(self, batch: list[tuple[int, str, str]]) -> None:
        for pid, _, tokens in batch:
            terms = PassageTerms.of(tokens.split() if tokens else [])
            self.index.add_counted(terms.terms, terms.counts, terms.length)
            self._keys.extend(np.array([pid], dtype=np.int64))
            self._last_passage_id = pid

    async def _save(self) -> None:
        if self.index_path is None:
            return
        meta = {"store_id": await self.store.store_id(), "tokenizer": TOKENIZER_VERSION,
                "last_passage_id": self._last_passage_id}
        try:
            await asyncio.to_thread(persist.save, self.index, self._keys.view, self.index_path, meta)
        except OSError as e:  # the store is the truth: a read-only folder only costs start-up time
            log.warning("could not save the search index in %s: %s", self.index_path, e)

    async def warm(self) -> bool:
        """For a long-running process: the compiled search loop and the index in process memory, now
        rather than on the first questions (about a second, off the event loop)."""
        compiled = await asyncio.to_thread(enable_compiled_scoring)
        if compiled:
            await asyncio.to_thread(self.index.load_into_memory)
        return compiled

    async def compact(self) -> None:
        """Merge the index's segments into one and save it."""
        async with self._lock:
            await asyncio.to_thread(self.index.compact)
            await self._save()

    # -- ingest -----------------------------------------------------------------------------
    async def _prepared(self, records: Sequence[ArticleRecord], progress: Progress | None) -> AsyncIterator[list[NewArticle]]:
        total = sum(len(r.title) + sum(len(p) for p in r.paragraphs) for r in records)
        if total < PARALLEL_MIN_CHARS:
            yield await asyncio.to_thread(prepare_articles, records, self.tokenizer)
            return
        chunks = prepare_in_parallel(records, self.tokenizer.options)
        try:
            while (chunk := await asyncio.to_thread(next, chunks, None)) is not None:
                yield chunk
        finally:
            await asyncio.to_thread(chunks.close)

    async def ingest_records(self, records: Sequence[ArticleRecord], files: int = 0,
                             progress: Progress | None = None) -> IngestReport:
        """Store and index articles in one transaction; a failure leaves store and index as they were."""
        added_articles = added_passages = done = 0
        async with self._lock:
            try:
                async with self.store.transaction():
                    async for chunk in self._prepared(records, progress):
                        added = await self.store.insert_articles(chunk)
                        await asyncio.to_thread(self._add_new, added)
                        added_articles += len(added)
                        added_passages += sum(len(a.passage_ids) for a in added)
                        done += len(chunk)
                        if progress is not None:
                            progress(done, len(records))
            except BaseException:
                await self._load_index()  # forget what the rolled-back transaction added
                raise
            if added_passages:
                await self._save()
        return IngestReport(files, len(records), added_articles, added_passages)

    def _add_new(self, added: Sequence[Added]) -> None:
        for a in added:
            for pid, terms in zip(a.passage_ids, a.article.passage_terms):
                self.index.add_counted(terms.terms, terms.counts, terms.length)
                self._keys.extend(np.array([pid], dtype=np.int64))
                self._last_passage_id = pid

    async def ingest_paths(self, paths: Sequence[Path], date: str | None = None, source: str | None = None,
                           progress: Progress | None = None) -> IngestReport:
        """Read every file first; any bad file raises SourceError (all problems, one per line)
        before anything is stored."""
        records, problems, files = await asyncio.to_thread(_read_all, list(paths), date, source)
        if problems:
            raise SourceError("\n".join(problems))
        return await self.ingest_records(records, files, progress)

    async def ensure_seeded(self, seeds: Path = SEEDS_DIR) -> IngestReport | None:
        """Ingest the bundled seed page(s) into an empty store."""
        if await self.store.count_articles():
            return None
        return await self.ingest_paths([seeds])

    # -- queries ----------------------------------------------------------------------------
    def _word_weight(self, word: str) -> float:
        """A word's idf; an unseen word weighs like the rarest word seen (df = 1)."""
        if word in self.index.vocab:
            return max(self.index.idf(word), 0.0)
        return self.index.rare_idf()

    def _coverage(self, words: Sequence[tuple[str, list[str]]], doc_terms: set[str]) -> float:
        """Share of the question's word weight found in a passage (with its title); a long word
        missing as a whole counts by the share of its bigrams that are there."""
        total = matched = 0.0
        for word, grams in dict.fromkeys((w, tuple(g)) for w, g in words):
            weight = self._word_weight(word)
            total += weight
            if word in doc_terms:
                matched += weight
            elif grams:
                matched += weight * sum(g in doc_terms for g in grams) / len(grams)
        return matched / total if total > 0 else 0.0

    def _best_sentence(self, query: Sequence[str], passage: str) -> str:
        sentences = split_sentences(passage) or [passage]
        qset = set(query)
        best, best_score = sentences[0], -1.0
        for s in sentences:
            terms = set(self.tokenizer.tokens(s)) & qset
            score = sum(max(self.index.idf(t), 0.01) for t in terms)
            if score > best_score + 1e-12:
                best, best_score = s, score
        return best

    async def search(self, text: str, k: int = 5, offset: int = 0) -> list[Result]:
        """Ranked passages for free text (any match counts)."""
        words = await asyncio.to_thread(self.tokenizer.terms, text)
        return await self._rank(words, k, offset)

    async def search_page(self, text: str, k: int, offset: int, limit: int = 300) -> SearchPage:
        """One page of results, how many there are (up to ``limit``) and the query's content words,
        from one tokenization and one ranking."""
        words = await asyncio.to_thread(self.tokenizer.terms, text)
        query = _flat(words)
        if not query:
            return SearchPage((), 0, ())
        hits = await asyncio.to_thread(self.index.top_k, query, max(limit, offset + k))
        results = await self._results_for(words, hits[offset : offset + k])
        return SearchPage(tuple(results), len(hits), tuple(w for w, _ in words))

    async def _rank(self, words: list[tuple[str, list[str]]], k: int, offset: int) -> list[Result]:
        query = _flat(words)
        if not query or k <= 0:
            return []
        hits = (await asyncio.to_thread(self.index.top_k, query, offset + k))[offset:]
        return await self._results_for(words, hits)

    async def _results_for(self, words: list[tuple[str, list[str]]], hits: Sequence[Hit]) -> list[Result]:
        query = _flat(words)
        keys = self._keys.view
        ids = [int(keys[h.doc]) for h in hits]
        rows = await self.store.passages(ids)
        found = [(h, rows[pid]) for h, pid in zip(hits, ids) if pid in rows]
        return await asyncio.to_thread(self._results, words, query, found)

    def _results(self, words: list[tuple[str, list[str]]], query: list[str], found: list[tuple[Hit, PassageRow]]) -> list[Result]:
        """Coverage from the passages' stored terms, and the answering sentence (CPU work)."""
        return [
            Result(row.title, row.text, self._best_sentence(query, row.text), h.score, row.article_id, row.date,
                   row.source, row.id, self._coverage(words, set(row.tokens.split())))
            for h, row in found
        ]

    async def ask(self, question: str) -> Result | None:
        """The best passage for a question, or None when the question's weight is barely matched."""
        words = await asyncio.to_thread(self.tokenizer.terms, question)
        results = await self._rank(words, 1, 0)
        if not results or results[0].coverage < MIN_COVERAGE:
            return None
        return results[0]

    async def query_words(self, text: str) -> list[str]:
        """The question's content words (for highlighting)."""
        return [w for w, _ in await asyncio.to_thread(self.tokenizer.terms, text)]

    async def remember_query(self, text: str) -> int:
        return await self.store.remember_query(text)

    async def query_text(self, query_id: int) -> str | None:
        return await self.store.query_text(query_id)

    async def stats(self) -> Stats:
        newest = await self.store.latest(1)
        return Stats(await self.store.count_articles(), len(self.index), len(self.index.vocab),
                     newest[0].date if newest else None)

    async def latest(self, n: int = 5) -> list[Summary]:
        return [_summary(a) for a in await self.store.latest(n)]

    async def article(self, article_id: int) -> StoredArticle | None:
        return await self.store.article(article_id)

    async def articles(self) -> list[StoredArticle]:
        return await self.store.articles()


def _summary(article: StoredArticle, limit: int = 80) -> Summary:
    text = next((p for p in article.paragraphs if len(p) >= 20), article.paragraphs[0] if article.paragraphs else "")
    text = strip_byline(text)
    first = split_sentences(text)[0] if text else ""
    if len(first) > limit:
        first = first[: limit - 1] + "…"
    return Summary(article.id, article.title, article.date, article.source, first)


def _read_all(paths: list[Path], date: str | None, source: str | None) -> tuple[list[ArticleRecord], list[str], int]:
    records: list[ArticleRecord] = []
    problems: list[str] = []
    files = 0
    for named in paths:
        try:
            found = list(expand([named]))
        except SourceError as e:
            problems.append(str(e))
            continue
        if not found:
            problems.append(f"{named}: no .txt, .json or .jsonl files in this folder")
        for path in found:
            files += 1
            try:
                records.extend(read_path(path, date, source))
            except SourceError as e:
                problems.append(str(e))
    return records, problems, files
