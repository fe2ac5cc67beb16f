"""A story's blocks put back in reading order.

pdfminer.six prints a column's text boxes in an order of its own: the rest of a sentence broken at a
column's foot may come after the next paragraph, or a paragraph's first line before the text it
follows.  What the text still tells:

- a block's first line is a paragraph's indented first line when it runs to the column's right edge
  (it does not end a sentence) yet is two cells narrower than the column; a line as wide as the
  column carries on the text before it;
- a block whose last line runs to the right edge without ending a sentence stops mid-sentence: the
  block after it must carry on, never open a paragraph; the text says which block does when a word
  runs across the break (``马其`` + ``顿和500名…``), or the next one opens with a mark that cannot
  start a sentence (``，``).

Each block that stops mid-sentence takes the block that best carries it on (its own next one unless
that opens a paragraph or another one joins it in a word); the rest keep their printed order.
"""

from __future__ import annotations

import re
from itertools import groupby

from .lines import _INDENT, _ends_sentence, _Line, _Story, _width_of

__all__ = ["rethread"]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")  # set in a proportional face: such a line's width says little
_CONTINUING = re.compile(r"^[，、。；：！？）」』”’%]")  # cannot open a line of its own
_GLUED = re.compile(r"^[，、。；：！？%]")  # nor follow a sentence's end

_OPENS, _CARRIES, _UNKNOWN = "opens", "carries", "unknown"


def rethread(story: _Story) -> _Story:
    column = _width_of([l for l in story.lines if not _LATIN.search(l.text)])
    blocks = [list(g) for _, g in groupby(story.lines, key=lambda l: l.block)]
    if column is None or len(blocks) < 3:
        return story
    under_subhead = {id(story.items[n + 1]) for n, it in enumerate(story.items[:-1]) if not isinstance(it, _Line)}
    heads = [_OPENS if id(b[0]) in under_subhead else _head(b, column) for b in blocks]
    mids = [i for i, b in enumerate(blocks) if _stops_mid_sentence(b, column)]
    pairs = sorted(((_fit(blocks[i][-1].text, blocks[k][0].text, heads[k], k == i + 1) - 0.01 * abs(k - i), i, k)
                    for i in mids for k in range(1, len(blocks)) if k != i and heads[k] != _OPENS), reverse=True)
    successor: dict[int, int] = {}
    for _, i, k in pairs:  # the best fits first: each break takes one block, each block carries on one break
        if i not in successor and k not in successor.values():
            successor[i] = k
    order = _order(len(blocks), successor)
    if order == list(range(len(blocks))):
        return story
    lines = [l for k in order for l in blocks[k]]
    return _Story(lines, _items_in(story.items, lines))


def _head(block: list[_Line], column: float) -> str:
    first = block[0]
    if first.start:
        return _OPENS
    if _CONTINUING.match(first.text):
        return _CARRIES
    if _ends_sentence(first.text) or _LATIN.search(first.text):
        return _UNKNOWN  # a paragraph's last line, or a width that says little
    if first.width <= column - _INDENT + 0.5:
        return _OPENS
    return _CARRIES if first.width >= column - 1 else _UNKNOWN


def _stops_mid_sentence(block: list[_Line], column: float) -> bool:
    last = block[-1]
    if last.end or _ends_sentence(last.text):
        return False
    opens = len(block) == 1 or _ends_sentence(block[-2].text)  # the paragraph's first line: indented
    return last.width >= column - 1 - (_INDENT if opens else 0) or bool(_LATIN.search(last.text))


def _fit(before: str, after: str, head: str, next_one: bool) -> float:
    """How well ``after`` carries on the sentence ``before`` stops in: a mark that cannot follow a sentence's
    end says it surely; a word run across the break, the printed order and a first line as wide
    as the column say it less surely (jieba's words can also join two: ``新区`` + ``区，`` makes ``区区``)."""
    score = 1.0 if next_one else 0.0
    if head == _CARRIES:
        score += 0.5
    if _GLUED.match(after):
        score += 3.0
    elif _word_across(before, after):
        score += 1.0
    return score


def _word_across(before: str, after: str) -> bool:
    a, b = before.rstrip()[-4:], after.lstrip()[:4]
    if len(a) < 2 or len(b) < 2 or not (_CJK.match(a[-1]) and _CJK.match(b[0])):
        return False
    from ..text.tokenize import default_tokenizer  # jieba only for the pages that need it

    return len(a) not in default_tokenizer().word_starts(a + b)


def _order(n: int, successor: dict[int, int]) -> list[int]:
    """Blocks in reading order: each chain of successors where its first block was printed."""
    claimed = set(successor.values())
    order: list[int] = []
    seen: set[int] = set()

    def walk(k: int | None) -> None:
        while k is not None and k not in seen:
            order.append(k)
            seen.add(k)
            k = successor.get(k)

    for k in range(n):
        if k not in claimed:
            walk(k)
    for k in range(n):  # a cycle of claims: printed order
        walk(k)
    return order


def _items_in(items: list[_Line | list[_Line]], lines: list[_Line]) -> list[_Line | list[_Line]]:
    """The story's items for its lines in their new order: a subhead stays above the line it was printed above."""
    above: dict[int, list[_Line | list[_Line]]] = {}
    pending: list[_Line | list[_Line]] = []
    for it in items:
        if isinstance(it, _Line):
            above[id(it)], pending = pending, []
        else:
            pending.append(it)
    return [it for l in lines for it in (*above[id(l)], l)] + pending
