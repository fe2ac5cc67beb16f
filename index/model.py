"""The data model, in the order news flows through it.

``SourceArticle`` (what a reader of files or feeds found) -> ``PreparedArticle`` (its passages, each
with its terms) -> ``StoredArticle`` (what the store keeps, with its id) -> ``Result`` (a ranked
passage, carrying the question it answers and where to highlight).  A question is a ``Query``:
tokenized once, then passed along.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Sequence

__all__ = [
    "SourceArticle", "PassageTerms", "PreparedPassage", "PreparedArticle", "StoredArticle", "Query", "Result",
    "Answer", "SearchPage", "Summary", "IngestReport", "Stats", "Span", "content_hash", "MAX_TITLE", "printable",
]

Span = tuple[int, int]  # [start, end) character offsets into a passage
MAX_TITLE = 200  # characters: a longer title (a paragraph taken for one) is cut at ingest, ending in "…"


@dataclass(frozen=True)
class SourceArticle:
    """An article as a source gives it: a title and paragraphs, and what is known about it."""

    title: str
    paragraphs: tuple[str, ...]
    date: str | None = None
    source: str | None = None
    url: str | None = None
    ext_id: str | None = None
    kicker: str | None = None
    origin: str = field(default="", compare=False)  # file (and line) it came from

    @property
    def content_hash(self) -> str:
        return content_hash(self.title, self.paragraphs)

    def within_limits(self) -> SourceArticle:
        """The article as it is stored: no control characters (an ESC from a JSON string would drive
        the terminal that prints it), its title at most ``MAX_TITLE`` characters."""
        title = printable(self.title)
        if len(title) > MAX_TITLE:
            title = title[: MAX_TITLE - 1] + "…"
        paragraphs = tuple(printable(p) for p in self.paragraphs)
        source, url = (printable(v) if v else v for v in (self.source, self.url))
        if (title, paragraphs, source, url) == (self.title, self.paragraphs, self.source, self.url):
            return self
        return replace(self, title=title, paragraphs=paragraphs, source=source, url=url)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text without control characters (line breaks and tabs are kept)."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def content_hash(title: str, paragraphs: Sequence[str]) -> str:
    """Hash of an article's words, blind to whitespace differences."""
    text = "".join(title.split()) + "\x1f" + "\x1e".join("".join(p.split()) for p in paragraphs)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PassageTerms:
    """A passage's distinct terms in first-seen order, their counts, and its length in terms."""

    terms: tuple[str, ...]
    counts: tuple[int, ...]
    length: int

    @classmethod
    def of(cls, tokens: Sequence[str]) -> PassageTerms:
        counts: dict[str, int] = {}
        for t in tokens:
            counts[t] = counts.get(t, 0) + 1
        return cls(tuple(counts), tuple(counts.values()), len(tokens))


@dataclass(frozen=True)
class PreparedPassage:
    """A chat-sized piece of an article and its index terms in order (the article title's first)."""

    text: str
    tokens: tuple[str, ...]

    @cached_property
    def terms(self) -> PassageTerms:
        return PassageTerms.of(self.tokens)


@dataclass(frozen=True)
class PreparedArticle:
    """An article ready to store: its passages cut and tokenized."""

    article: SourceArticle
    passages: tuple[PreparedPassage, ...]


@dataclass(frozen=True)
class StoredArticle:
    id: int
    title: str
    paragraphs: tuple[str, ...]
    date: str | None
    source: str | None
    url: str | None
    kicker: str | None


@dataclass(frozen=True)
class Query:
    """A question or search text, tokenized once: its content words, each with the bigrams it adds."""

    text: str
    words: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def terms(self) -> list[str]:
        """Index terms in order: each word, then its bigrams."""
        return [t for word, grams in self.words for t in (word, *grams)]

    @property
    def content_words(self) -> tuple[str, ...]:
        return tuple(w for w, _ in self.words)

    @property
    def empty(self) -> bool:
        return not self.words


@dataclass(frozen=True)
class Result:
    """One ranked passage with the sentence that best answers, where it comes from, and where the
    question's words are in it (so that nothing downstream tokenizes again)."""

    title: str
    passage: str
    sentence: str
    score: float
    article_id: int
    date: str | None
    source: str | None
    passage_id: int
    coverage: float
    sentence_span: Span | None = None  # where ``sentence`` is in ``passage``
    highlights: tuple[Span, ...] = ()  # the question's words in ``passage``, sorted, not overlapping
    url: str | None = None  # the article's page, when it has one


@dataclass(frozen=True)
class Answer:
    """What a question gets: the best passage, or None when too little of the question matched."""

    query: Query
    result: Result | None
    follow_up: bool = False  # answered from the conversation's recent articles rather than the archive


@dataclass(frozen=True)
class SearchPage:
    query: Query
    results: tuple[Result, ...]
    total: int  # results in all, counted up to the search's limit


@dataclass(frozen=True)
class Summary:
    article_id: int
    title: str
    date: str | None
    source: str | None
    summary: str


@dataclass(frozen=True)
class Stats:
    articles: int
    passages: int  # in the search index
    terms: int
    newest_date: str | None
    lag: int = 0  # passages stored that the index has not caught up with yet


@dataclass(frozen=True)
class IngestReport:
    files: int
    articles_read: int
    articles_added: int
    passages_added: int

    @property
    def duplicates(self) -> int:
        return self.articles_read - self.articles_added
