"""Article paragraphs -> chat-sized passages, and passages -> sentences.

A passage is one paragraph; a paragraph longer than ``max_chars`` is cut at sentence ends into
pieces of about equal size, and a very short paragraph (an in-story subhead, a one-line paragraph)
is put in front of the paragraph that follows it, so that no passage is a bare heading.
"""

from __future__ import annotations

import re
from typing import Sequence

__all__ = ["split_passages", "split_sentences", "MAX_CHARS"]

MAX_CHARS = 300
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


def _cut(paragraph: str, max_chars: int) -> list[str]:
    if len(paragraph) <= max_chars:
        return [paragraph]
    sentences = split_sentences(paragraph)
    pieces: list[str] = []
    for sentence in sentences:  # a single overlong sentence is cut at commas, then hard
        while len(sentence) > max_chars:
            cut = max(sentence.rfind(c, 0, max_chars) for c in "，,、：:")
            cut = cut + 1 if cut > max_chars // 3 else max_chars
            pieces.append(sentence[:cut])
            sentence = sentence[cut:]
        if sentence:
            pieces.append(sentence)
    total = sum(len(p) for p in pieces)
    parts = -(-total // max_chars)
    target = total / parts
    out: list[str] = []
    buf = ""
    for piece in pieces:
        if buf and (len(buf) + len(piece) > max_chars or len(buf) >= target):
            out.append(buf)
            buf = ""
        buf += piece
    if buf:
        out.append(buf)
    return out


def split_passages(paragraphs: Sequence[str], max_chars: int = MAX_CHARS) -> list[str]:
    """Passages of an article, in order; their concatenation keeps every character of the text."""
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
    return [piece for paragraph in merged for piece in _cut(paragraph, max_chars)]
