"""Article paragraphs -> chat-sized passages, and passages -> sentences.

A passage is one paragraph; a paragraph longer than ``max_chars`` is cut at sentence ends into
pieces of about equal size, and a very short paragraph (an in-story subhead, a one-line paragraph)
is put in front of the paragraph that follows it, so that no passage is a bare heading.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

__all__ = ["split_passages", "split_sentences", "cut_text", "MAX_CHARS"]

MAX_CHARS = 300
MIN_CHARS = 160  # passages shorter than this are merged with their neighbour (chosen by benchmarks/tune_bm25.py)
_SHORT = 40
_ATTRIBUTION = 16  # "XX说。", "XX表示。" after a quotation
# A sentence ends after 。！？!? or ；(and any closing quotes/brackets that follow them).
_SENTENCE = re.compile(r".*?(?:[。！？!?；;…]+[”’」』）)\"']*|$)", re.S)


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage, in order, with their end marks; a line break also ends one, and a
    short tail such as ``居民陈国华说。`` stays with the quotation before it."""
    out: list[str] = []
    for line in text.splitlines():
        for m in _SENTENCE.finditer(line):
            piece = m.group(0).strip()
            if not piece:
                continue
            if out and len(piece) <= _ATTRIBUTION and out[-1].endswith(("”", "」", "\"")):
                out[-1] += piece
            else:
                out.append(piece)
    return out


def _fit(text: str, limit: int, size: Callable[[str], int]) -> int:
    """Length of the longest prefix of text whose size is within limit (at least 1)."""
    lo, hi = 1, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if size(text[:mid]) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return lo


def cut_text(text: str, limit: int, size: Callable[[str], int] = len, balance: bool = False) -> list[str]:
    """Cut text into pieces of at most ``limit`` (as measured by ``size``, which must count at least one
    per character) at sentence ends; a sentence that is too long is cut at a comma, else hard.
    ``balance`` makes the pieces about equal.  Linear in the text's length."""
    if size(text) <= limit:
        return [text]
    pieces: list[str] = []
    for sentence in split_sentences(text) or [text]:
        at = 0
        while size(window := sentence[at : at + limit + 1]) > limit:  # a fitting piece is in the window
            fit = _fit(window, limit, size)
            comma = max(window.rfind(c, 0, fit) for c in "，,、：:")
            cut = comma + 1 if comma > fit // 3 else fit
            pieces.append(window[:cut])
            at += cut
        if at < len(sentence):
            pieces.append(sentence[at:])
    target = float(limit)
    if balance:
        total = sum(size(p) for p in pieces)
        target = total / -(-total // limit)
    out: list[str] = []
    buf = ""
    for piece in pieces:
        if buf and (size(buf + piece) > limit or size(buf) >= target):
            out.append(buf)
            buf = ""
        buf += piece
    if buf:
        out.append(buf)
    return out


def split_passages(paragraphs: Sequence[str], max_chars: int = MAX_CHARS, min_chars: int = MIN_CHARS) -> list[str]:
    """Passages of an article, in order; their concatenation keeps every character of the text.

    A paragraph over ``max_chars`` is cut at sentence ends; consecutive paragraphs shorter than
    ``min_chars`` are merged (while the merge stays within ``max_chars``), so that an article of
    one-sentence paragraphs does not become a crowd of tiny passages that each repeat a common word."""
    merged: list[str] = []
    carry = ""
    for paragraph in (p.strip() for p in paragraphs):
        if not paragraph:
            continue
        if carry:
            paragraph = carry + "\n" + paragraph
            carry = ""
        if len(paragraph) < _SHORT and not re.search(r"[。！？!?]", paragraph):
            carry = paragraph
            continue
        merged.append(paragraph)
    if carry:
        if merged and len(merged[-1]) + len(carry) <= max_chars:
            merged[-1] += "\n" + carry
        else:
            merged.append(carry)
    pieces = [piece for paragraph in merged for piece in cut_text(paragraph, max_chars, balance=True)]
    return _merge_short(pieces, min_chars, max_chars) if min_chars > 0 else pieces


def _merge_short(pieces: list[str], min_chars: int, max_chars: int) -> list[str]:
    """Join a short piece to the next one (or a short last piece to the one before) within max_chars."""
    out: list[str] = []
    for piece in pieces:
        if out and len(out[-1]) < min_chars and len(out[-1]) + 1 + len(piece) <= max_chars:
            out[-1] += "\n" + piece
        else:
            out.append(piece)
    if len(out) > 1 and len(out[-1]) < min_chars and len(out[-2]) + 1 + len(out[-1]) <= max_chars:
        last = out.pop()
        out[-1] += "\n" + last
    return out
