"""Where a question's words are in a passage, as character spans (computed once, by the library, so
that no caller normalizes or tokenizes again)."""

from __future__ import annotations

import unicodedata
from typing import Sequence

from ..model import Span
from .tokenize import normalize

__all__ = ["word_spans", "marks_to_spans"]


def _marks(text: str, words: Sequence[str]) -> list[bool]:
    """Which characters of text belong to an occurrence of a question word (normalized match)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    if len(folded) != len(text):
        folded = text.lower()
    converted = normalize(folded)
    if len(converted) == len(folded):
        folded = converted
    marks = [False] * len(text)
    useful = {w for w in words if len(w.strip()) >= 2} or {w for w in words if w.strip()}  # 1-char words are noise
    for word in sorted(useful, key=len, reverse=True):
        start = folded.find(word)
        while start >= 0:
            for i in range(start, start + len(word)):
                marks[i] = True
            start = folded.find(word, start + len(word))
    return marks


def marks_to_spans(marks: Sequence[bool]) -> tuple[Span, ...]:
    spans: list[Span] = []
    start = None
    for i, marked in enumerate([*marks, False]):
        if marked and start is None:
            start = i
        elif not marked and start is not None:
            spans.append((start, i))
            start = None
    return tuple(spans)


def word_spans(text: str, words: Sequence[str]) -> tuple[Span, ...]:
    """Spans of text where the words occur (NFKC, traditional/simplified and case blind), sorted and
    not overlapping; one-character words only when there is nothing longer."""
    return marks_to_spans(_marks(text, words))
