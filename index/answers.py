"""From ranked passages to results: how much of the question a passage covers, the sentence that
answers, and where the question's words are (CPU work, run off the event loop)."""

from __future__ import annotations

from typing import Sequence

from .model import Query, Result, Span
from .ranking import BM25Index
from .store import PassageRow
from .text.highlight import word_spans
from .text.passages import split_sentences
from .text.tokenize import Tokenizer

__all__ = ["MIN_COVERAGE", "MAX_QUERY_WORDS", "coverage", "best_sentence", "results", "focus"]

# An answer must match at least this share of the question's idf weight (see benchmarks/eval_seed.py).
MIN_COVERAGE = 0.4
# Distinct words a query is ranked with: a question is a sentence or two; a longer word salad (the
# most common terms, pasted text) would cost many times a question and mean nothing more.
MAX_QUERY_WORDS = 32


def _word_weight(index: BM25Index, word: str) -> float:
    """A word's idf; an unseen word weighs like the rarest word seen (df = 1)."""
    if word in index.vocab:
        return max(index.idf(word), 0.0)
    return index.rare_idf()


def focus(index: BM25Index, query: Query, limit: int = MAX_QUERY_WORDS) -> Query:
    """The query with at most ``limit`` distinct words: the rarest (most telling) ones, in order."""
    distinct = list(dict.fromkeys(query.words))
    if len(distinct) <= limit:
        return query
    keep = set(sorted(distinct, key=lambda w: -_word_weight(index, w[0]))[:limit])
    seen: set[tuple[str, tuple[str, ...]]] = set()
    words = []
    for w in query.words:
        if w in keep and w not in seen:
            seen.add(w)
            words.append(w)
    return Query(query.text, tuple(words))


def coverage(index: BM25Index, query: Query, doc_terms: set[str]) -> float:
    """Share of the question's word weight found in a passage (with its title); a long word missing
    as a whole counts by the share of its bigrams that are there."""
    total = matched = 0.0
    for word, grams in dict.fromkeys(query.words):
        weight = _word_weight(index, word)
        total += weight
        if word in doc_terms:
            matched += weight
        elif grams:
            matched += weight * sum(g in doc_terms for g in grams) / len(grams)
    return matched / total if total > 0 else 0.0


def best_sentence(index: BM25Index, tokenizer: Tokenizer, terms: Sequence[str], passage: str) -> tuple[str, Span | None]:
    """The sentence of the passage holding the most question weight (the first on a tie), and where it is."""
    sentences = split_sentences(passage) or [passage]
    qset = set(terms)
    best, best_score = sentences[0], -1.0
    for s in sentences:
        found = set(tokenizer.tokens(s)) & qset
        score = sum(max(index.idf(t), 0.01) for t in found)
        if score > best_score + 1e-12:
            best, best_score = s, score
    start = passage.find(best)
    return best, (start, start + len(best)) if start >= 0 else None


def results(index: BM25Index, tokenizer: Tokenizer, query: Query,
            found: Sequence[tuple[float, PassageRow]]) -> list[Result]:
    """Results for (score, passage row) pairs in rank order, for one question."""
    terms = query.terms
    out = []
    for score, row in found:
        sentence, span = best_sentence(index, tokenizer, terms, row.text)
        out.append(Result(row.title, row.text, sentence, score, row.article_id, row.date, row.source, row.id,
                          coverage(index, query, set(row.tokens.split())), span,
                          word_spans(row.text, query.content_words), row.url))
    return out
