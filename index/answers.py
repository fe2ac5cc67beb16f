"""From ranked passages to results: how much of the question a passage covers, the sentence that
answers, and where the question's words are (CPU work, run off the event loop)."""

from __future__ import annotations

from typing import Iterable, Sequence

from .model import PassageTerms, Query, Result, Span
from .ranking import BM25Index
from .store import PassageRow
from .text.highlight import word_spans
from .text.passages import split_sentences
from .text.tokenize import Tokenizer

__all__ = ["MIN_COVERAGE", "MAX_QUERY_WORDS", "coverage", "best_sentence", "results", "focus", "passage_score", "best_of",
           "follow_up"]

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


TITLE_WEIGHT = 0.25  # a question word the title holds tells little about which sentence answers


def best_sentence(index: BM25Index, tokenizer: Tokenizer, terms: Sequence[str], passage: str,
                  title: str = "") -> tuple[str, Span | None]:
    """The sentence of the passage holding the most question weight (the first on a tie), and where it
    is; words of the title count for less (the story's subject is in many of its sentences)."""
    sentences = split_sentences(passage) or [passage]
    qset = set(terms)
    in_title = set(tokenizer.tokens(title)) & qset if title else set()
    best, best_score = sentences[0], -1.0
    for s in sentences:
        found = set(tokenizer.tokens(s)) & qset
        score = sum(max(index.idf(t), 0.01) * (TITLE_WEIGHT if t in in_title else 1.0) for t in found)
        if score > best_score + 1e-12:
            best, best_score = s, score
    start = passage.find(best)
    return best, (start, start + len(best)) if start >= 0 else None


def passage_score(index: BM25Index, query: Query, terms: PassageTerms) -> float:
    """rank-bm25's BM25Okapi score of one passage given its terms (archive-wide idf and average length)."""
    params = index.params
    counts = dict(zip(terms.terms, terms.counts))
    norm = params.k1 * (1 - params.b + params.b * terms.length / index.avgdl)
    return sum(index.idf(t) * counts[t] * (params.k1 + 1) / (counts[t] + norm) for t in query.terms if t in counts)


def best_of(index: BM25Index, tokenizer: Tokenizer, query: Query, rows: Iterable[PassageRow]) -> Result | None:
    """The best-scoring of these passages for the query (the first on a tie), as a result."""
    best: tuple[float, PassageRow] | None = None
    for row in rows:
        score = passage_score(index, query, PassageTerms.of(row.tokens.split()))
        if score > 0 and (best is None or score > best[0]):
            best = (score, row)
    return results(index, tokenizer, query, [best])[0] if best is not None else None


# Follow-up questions (chosen with benchmarks/eval_conversation.py): a recent article answers when its
# best passage covers FOLLOW_UP_COVERAGE of the question's weight (the story is known: less is needed
# than cold), scores at least FOLLOW_UP_SHARE of the archive's best, and the question does not put
# NEW_SUBJECT of its weight on words of the archive-best article's title that the story never uses
# (a question that names another subject switches the story).
FOLLOW_UP_COVERAGE = 0.2
FOLLOW_UP_SHARE = 0.2
NEW_SUBJECT = 0.2
NEWEST_STORY = 2.0  # between the two recent stories, the newest wins unless the other scores this much more


def follow_up(index: BM25Index, tokenizer: Tokenizer, query: Query, best: Result | None,
              story: Sequence[PassageRow]) -> Result | None:
    """The answer from the story's passages, when the question is about the story; else None."""
    near = best_of(index, tokenizer, query, story)
    if near is None or near.coverage < FOLLOW_UP_COVERAGE:
        return None
    if best is None:
        return near
    if near.score < FOLLOW_UP_SHARE * best.score:
        return None
    words: set[str] = set()
    for row in story:
        words.update(row.tokens.split())
    named = set(tokenizer.tokens(best.title)) - words  # the other story's subject, named in its title
    return near if coverage(index, query, named) < NEW_SUBJECT else None


def results(index: BM25Index, tokenizer: Tokenizer, query: Query,
            found: Sequence[tuple[float, PassageRow]]) -> list[Result]:
    """Results for (score, passage row) pairs in rank order, for one question."""
    terms = query.terms
    out = []
    for score, row in found:
        sentence, span = best_sentence(index, tokenizer, terms, row.text, row.title)
        out.append(Result(row.title, row.text, sentence, score, row.article_id, row.date, row.source, row.id,
                          coverage(index, query, set(row.tokens.split())), span,
                          word_spans(row.text, query.content_words), row.url))
    return out
