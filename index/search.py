"""Searcher: ingest news, answer questions, search, and list the newest articles.

The only entry point the bot and the command line use.  Results are plain frozen dataclasses.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .bm25 import BM25Index
from .layout import strip_byline
from .passages import split_passages, split_sentences
from .sources import ArticleRecord, SourceError, expand, read_path
from .store import NewArticle, Store, StoredArticle
from .tokenize import Tokenizer

__all__ = ["Searcher", "Result", "Summary", "IngestReport", "Stats", "SEEDS_DIR", "MIN_COVERAGE"]

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
TOKENIZER_VERSION = "2"  # bump when tokens change: stored passages are re-tokenized
# An answer must match at least this share of the question's idf weight (see benchmarks/eval_seed.py).
MIN_COVERAGE = 0.4
_TITLE_REPEAT = 1  # title terms are indexed with every passage of the article


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
    """Owns the store, the tokenizer and the in-memory BM25 index over all passages."""

    def __init__(self, store: Store, tokenizer: Tokenizer) -> None:
        self.store = store
        self.tokenizer = tokenizer
        self.index = BM25Index()
        self._passage_ids: list[int] = []
        self._last_passage_id = 0
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, store: Store, tokenizer: Tokenizer) -> Searcher:
        await asyncio.to_thread(tokenizer.initialize)
        searcher = cls(store, tokenizer)
        await searcher._retokenize_if_stale()
        await searcher._load_new_passages()
        return searcher

    async def _retokenize_if_stale(self) -> None:
        if await self.store.get_meta("tokenizer_version") == TOKENIZER_VERSION:
            return
        async for batch in self.store.iter_passages():
            rows = await asyncio.to_thread(
                lambda b=batch: [(pid, " ".join(self.tokenizer.tokens(text))) for pid, text, _ in b]
            )
            await self.store.replace_tokens(rows)
        await self.store.set_meta("tokenizer_version", TOKENIZER_VERSION)

    async def _load_new_passages(self) -> None:
        """Add passages stored since the last load to the index (title terms come with them)."""
        async for batch in self.store.iter_passages(after_id=self._last_passage_id):
            self.index.add(tokens.split() if tokens else [] for _, _, tokens in batch)
            self._passage_ids.extend(pid for pid, _, _ in batch)
            self._last_passage_id = batch[-1][0]

    # -- ingest -----------------------------------------------------------------------------
    def prepare(self, records: Sequence[ArticleRecord]) -> list[NewArticle]:
        """Cut and tokenize articles (CPU work: call off the event loop)."""
        out: list[NewArticle] = []
        for r in records:
            passages = split_passages(r.paragraphs)
            title_terms = self.tokenizer.tokens(r.title) * _TITLE_REPEAT
            tokens = tuple(tuple(title_terms + self.tokenizer.tokens(p)) for p in passages)
            out.append(NewArticle(r.title, r.paragraphs, tuple(passages), tokens, r.date, r.source, r.url,
                                  r.ext_id, r.kicker))
        return out

    async def ingest_records(self, records: Sequence[ArticleRecord], files: int = 0) -> IngestReport:
        prepared = await asyncio.to_thread(self.prepare, records)
        async with self._lock:
            added = await self.store.add_articles(prepared)
            before = len(self._passage_ids)
            await self._load_new_passages()
            passages_added = len(self._passage_ids) - before
        return IngestReport(files, len(records), len(added), passages_added)

    async def ingest_paths(self, paths: Sequence[Path], date: str | None = None, source: str | None = None) -> IngestReport:
        """Read every file first; any bad file raises SourceError (all problems, one per line)
        before anything is stored."""
        records, problems, files = await asyncio.to_thread(_read_all, list(paths), date, source)
        if problems:
            raise SourceError("\n".join(problems))
        return await self.ingest_records(records, files)

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

    async def _rank(self, words: list[tuple[str, list[str]]], k: int, offset: int) -> list[Result]:
        query = [t for word, grams in words for t in (word, *grams)]
        if not query or k <= 0:
            return []
        hits = (await asyncio.to_thread(self.index.top_k, query, offset + k))[offset:]
        ids = [self._passage_ids[h.doc] for h in hits]
        rows = await self.store.passages(ids)
        results: list[Result] = []
        for h, pid in zip(hits, ids):
            row = rows.get(pid)
            if row is None:
                continue
            terms = set(self.tokenizer.tokens(row.title)) | set(self.tokenizer.tokens(row.text))
            coverage = self._coverage(words, terms)
            results.append(Result(row.title, row.text, self._best_sentence(query, row.text), h.score,
                                  row.article_id, row.date, row.source, pid, coverage))
        return results

    async def ask(self, question: str) -> Result | None:
        """The best passage for a question, or None when the question's weight is barely matched."""
        words = await asyncio.to_thread(self.tokenizer.terms, question)
        results = await self._rank(words, 1, 0)
        if not results or results[0].coverage < MIN_COVERAGE:
            return None
        return results[0]

    async def count_results(self, text: str, limit: int = 1000) -> int:
        query = await asyncio.to_thread(self.tokenizer.tokens, text)
        return len(await asyncio.to_thread(self.index.top_k, query, limit)) if query else 0

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
