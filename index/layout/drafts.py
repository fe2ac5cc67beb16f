"""The stories being read from a PDF page, and which one a region of text joins when the reading order
(``geometry.reading_order``) puts it after another story's: a story set under the top of a longer story's
first column sits inside that story, whose columns go on beside it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .glyphs import Piece, Typesetting

__all__ = ["Draft", "owner_of"]

_UNDER = 20  # body sizes between a headline and the text under it (a photo may stand between)


@dataclass
class Draft:
    """A story as read so far: its heading lines and its text lines."""

    headings: list[Piece] = field(default_factory=list)
    lines: list[tuple[Piece, float, float]] = field(default_factory=list)  # (line, its column's left, right)


def owner_of(leaf: list[Piece], t: Typesetting, drafts: list[Draft]) -> int | None:
    """The earlier story a region of text carries on, if not the one read last."""
    owner = _wrapped_around(leaf, t, drafts)
    return owner if owner is not None else _headed_above(leaf, t, drafts)


def _wrapped_around(leaf: list[Piece], t: Typesetting, drafts: list[Draft]) -> int | None:
    """The story a column of text belongs to when the story read just before it sits inside another: the
    story before has its headline lower than where the column starts (it was set under the top of a
    longer story's first column), and an earlier story's text starts at the column's height, its
    headline above: the longer story, whose text goes on in this column."""
    text = [p for p in leaf if p.text]
    if not text or t.heading(text[0].size) or len(drafts) < 2 or not drafts[-1].headings:
        return None
    top, size = text[0].y1, text[0].size
    if max(h.y1 for h in drafts[-1].headings) >= top \
            or drafts[-1].lines and abs(drafts[-1].lines[0][0].y1 - top) < 1.5 * size:
        return None  # (the story before may have no text yet: its headline read, its text further down)
    return next((k for k in range(len(drafts) - 2, max(-1, len(drafts) - 6), -1)
                 if drafts[k].lines and abs(drafts[k].lines[0][0].y1 - top) < 1.5 * size
                 and drafts[k].headings and min(h.y0 for h in drafts[k].headings) > top), None)


def _headed_above(leaf: list[Piece], t: Typesetting, drafts: list[Draft]) -> int | None:
    """The story whose headline, read before another story's columns, stands over this column of text (a
    photo may stand between) and has no text yet (a story set under the top of a longer story's first column)."""
    text = [p for p in leaf if p.text]
    if not text or t.heading(text[0].size) or len(drafts) < 2:
        return None
    top, size, x0 = text[0].y1, text[0].size, min(p.x0 for p in text)
    return next((k for k in range(len(drafts) - 2, max(-1, len(drafts) - 6), -1)
                 if drafts[k].headings and not drafts[k].lines
                 and 0 <= min(h.y0 for h in drafts[k].headings) - top < _UNDER * size
                 and abs(min(h.x0 for h in drafts[k].headings) - x0) < size), None)
