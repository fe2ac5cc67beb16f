"""A story set in two columns whose text boxes pdfminer.six printed a row at a time, read column by column.

A short story boxed in two narrow columns, its lines each a text box of its own, may come out with its
blocks alternating between the columns: the first column's first line, the second column's first line,
the first column's second line, and so on (``…汛前防汛应急演练，`` / ``涌等科目。`` / ``水利、消防…参加。`` /
``市水利局…编织袋五十`` / ``…抢筑子堤和封堵管`` / ``万条、冲锋舟…``).  Read so, its broken sentences are
carried on by nothing; read the first column's blocks, then the second's, the text surely carries them on
(a word or a number across the break: ``封堵管`` + ``涌等科目``, ``五十`` + ``万条``).  The story is read by
columns only when that order carries on two more broken sentences surely than the printed one and opens no
paragraph inside a sentence; a taller text box is printed whole, so a story with one is left as printed.
"""

from __future__ import annotations

from typing import Sequence

from .lines import _blocks, _Line, _Story
from .thread import _OPENS, _UNKNOWN, _WORD, _column, _fit, _head, _stops_mid_sentence, headline_phrases

__all__ = ["by_columns"]

_MIN_BLOCKS, _MAX_BLOCKS = 4, 16
_MAX_LINES = 2  # a text box of a line or two: pdfminer.six prints a taller box whole
_MARGIN = 2  # how many more broken sentences the columns surely carry on than the printed order


def by_columns(stories: list[_Story], headings: Sequence[str] = ()) -> list[_Story]:
    """The stories, each read column by column when its blocks alternate between two columns."""
    phrases = headline_phrases(headings)
    return [_by_columns(s, phrases) for s in stories]


def _by_columns(story: _Story, phrases: set[str]) -> _Story:
    blocks = _blocks(story.lines)
    column = _column(story)
    if column is None or not _MIN_BLOCKS <= len(blocks) <= _MAX_BLOCKS or len(story.items) != len(story.lines) \
            or any(len(b) > _MAX_LINES for b in blocks):
        return story  # (a story with subheads is left as printed)
    columns = blocks[0::2] + blocks[1::2]
    sure = _surely_carried(columns, column, phrases)
    if sure is None or sure < _surely_carried(blocks, column, phrases, strict=False) + _MARGIN:
        return story
    lines = [l for b in columns for l in b]
    return _Story(lines, list(lines))


def _surely_carried(order: list[list[_Line]], column: float, phrases: set[str], strict: bool = True) -> int | None:
    """How many sentences broken between blocks the block after surely carries on in this order (a word or a
    number across the break, a mark that cannot open a sentence, a headline's words); None when, strict, a
    paragraph's first line would follow a sentence broken off."""
    sure = 0
    for before, after in zip(order, order[1:]):
        if not _stops_mid_sentence(before, column):
            continue
        if strict and _head(after, column) == _OPENS:
            return None
        sure += _fit(before[-1].text, after[0].text, _UNKNOWN, False, phrases) >= _WORD
    return sure
