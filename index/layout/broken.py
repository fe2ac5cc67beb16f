"""Stories that pdfminer.six printed in pieces: a story's text stops mid-sentence, other text (a briefs
column, another story) follows, and the rest of the sentence comes later as text without a byline.

The later piece is the rest when a word runs across the break: the last characters of the first piece
and the first of the later one segment (jieba) into a word that spans them (``广东广播电视`` +
``台珠江频道是…``: 电视台), or the later piece opens with punctuation that cannot start a sentence.
Or, when the rest was taken into another story as one of its paragraphs (``…的食品，它`` / a story
about deer / ``在销售包装上贴有“质量安全”QS标志…``): a paragraph of a later story that shares far more
of its words with the broken story than with its own.
"""

from __future__ import annotations

from .lines import _BULLET_LINE, _CONTINUING, _blocks, _ends_sentence, _Line, _pairs_of, _Story
from .thread import carries_on, opens_paragraph, orphan_blocks, stays_home, word_across

__all__ = ["rejoin_broken"]

_LOOK_AHEAD = 6  # stories after a broken one where its rest may be


def rejoin_broken(stories: list[_Story]) -> list[_Story]:
    out = list(stories)
    i = 0
    while i < len(out):
        last = out[i].lines[-1]
        if _ends_sentence(last.text) or last.end:
            i += 1
            continue
        rest = next((j for j in _ahead(out, i) if not out[j].lines[0].start
                     and _continues(last.text, out[j].lines[0].text)), None)
        if rest is None:
            rest = _orphan(out, i)
        if rest is None and _orphan_tail(out, i):
            continue
        if rest is None:
            _rehome(out, i)
            i += 1
        else:  # joined: the story may still stop mid-sentence, look again
            taken = out.pop(rest)
            if rest < i:  # printed before the story it carries on
                i -= 1
            out[i] = _with(out[i], taken.lines, taken.items)
    return out


def _ahead(stories: list[_Story], i: int) -> list[int]:
    """The stories after story i where its rest may be: the next ``_LOOK_AHEAD``, a 简讯 column's items
    counting as one (each item is a story of its own)."""
    out: list[int] = []
    counted = 0
    for j in range(i + 1, len(stories)):
        item = bool(_BULLET_LINE.match(stories[j].lines[0].text))
        if not (item and j > i + 1 and _BULLET_LINE.match(stories[j - 1].lines[0].text)):
            counted += 1
        if counted > _LOOK_AHEAD:
            break
        out.append(j)
    return out


def _orphan(stories: list[_Story], i: int) -> int | None:
    """A story near broken story i that is its rest: it has no byline and does not open with a paragraph's
    indented first line (it carries on a sentence; printed before story i, its first line is as wide as
    the column), and it shares more of its words with story i than with any other story near it (twice as
    many character pairs, and four at least)."""
    window = range(max(0, i - _LOOK_AHEAD), min(len(stories), i + 1 + _LOOK_AHEAD))
    said = {m: _pairs_of(stories[m].lines) for m in window}
    for j in window:
        if j == i or stories[j].lines[0].start or opens_paragraph(stories[j]) or j < i and not carries_on(stories[j]):
            continue  # printed before: only a first line as wide as the column
        others = max((len(said[j] & said[m]) for m in window if m not in (i, j)), default=0)
        if len(said[j] & said[i]) >= 2 * max(others, 2):
            return j
    return None


def _orphan_tail(stories: list[_Story], i: int) -> bool:
    """Move to broken story i the tail of another story from a block that cannot follow the paragraph
    before it (``…顺利开通运营。`` / ``吞咽、呼吸困难…`` as wide as the column), up to a block that talks more
    about the story it was found in, when the tail carries on story i's sentence (a word across the break,
    a mark) or shares twice as many of its words with story i as with the story it was found in."""
    last = stories[i].lines[-1].text
    said = _pairs_of(stories[i].lines)
    for j in range(max(0, i - _LOOK_AHEAD), min(len(stories), i + 1 + _LOOK_AHEAD)):
        story = stories[j]
        for k in orphan_blocks(story) if j != i else ():
            end = _tail_end(story.lines, k, said)
            tail, kept_lines = story.lines[k:end], story.lines[:k] + story.lines[end:]
            mine = _pairs_of(tail)
            shared, kept = len(mine & said), len(mine & _pairs_of(kept_lines))
            if _continues(last, tail[0].text) and shared >= kept or shared >= 2 * max(kept, 2):
                first = next(n for n, it in enumerate(story.items) if it is tail[0])
                stop = len(story.items) if end == len(story.lines) else \
                    next(n for n, it in enumerate(story.items) if it is story.lines[end])
                while stop > first and isinstance(story.items[stop - 1], list):
                    stop -= 1  # the subheads over the text that stays, stay
                stories[i] = _with(stories[i], tail, story.items[first:stop])
                stories[j] = _Story(kept_lines, story.items[:first] + story.items[stop:])
                return True
    return False


def _tail_end(lines: list[_Line], k: int, said: set[str]) -> int:
    """Where the tail from line k ends: at the first later block that stays home (it does not share twice
    as many words with the broken story and the tail so far as with the lines before line k)."""
    head = _pairs_of(lines[:k])
    tail = set(said)
    n = k
    for block in _blocks(lines[k:]):
        pairs = _pairs_of(block)
        if n > k and stays_home(pairs, head, tail):
            return n
        tail |= pairs
        n += len(block)
    return n


def _with(story: _Story, lines: list[_Line], items: list[_Line | list[_Line]]) -> _Story:
    """The story with more of its lines (and their items: lines and subheads) after its own."""
    return _Story(story.lines + lines, story.items + items)


_MARGIN = 0.1  # how much more of a paragraph's character pairs the broken story must share than its own


def _rehome(stories: list[_Story], i: int) -> None:
    """Move to broken story i the paragraph of a later story that is most clearly its rest, if any."""
    broken = _pairs_of(stories[i].lines)
    best: tuple[float, int, int, int] | None = None  # (margin, story, first line, end)
    for j in range(i + 1, min(i + 1 + _LOOK_AHEAD, len(stories))):
        lines = stories[j].lines
        for k in range(1, len(lines)):
            if lines[k].block == lines[k - 1].block or lines[k].start or not _ends_sentence(lines[k - 1].text):
                continue
            end = next((m for m in range(k + 1, len(lines)) if lines[m].block != lines[k].block), len(lines))
            pairs = _pairs_of(lines[k:end])
            own = _pairs_of(lines[:k] + lines[end:])
            if len(pairs) < 8:
                continue
            shared, kept = len(pairs & broken), len(pairs & own)
            margin = (shared - kept) / len(pairs)
            if margin >= _MARGIN and shared >= 2 * max(kept, 1) and (best is None or margin > best[0]):
                best = (margin, j, k, end)
    if best is not None:
        _, j, k, end = best
        moved = stories[j].lines[k:end]
        ids = {id(l) for l in moved}
        stories[i] = _with(stories[i], moved, moved)
        stories[j] = _Story([l for l in stories[j].lines if id(l) not in ids],
                            [it for it in stories[j].items if id(it) not in ids])


def _continues(before: str, after: str) -> bool:
    """Whether ``after`` carries on the sentence ``before`` stops in."""
    return bool(_CONTINUING.match(after)) or word_across(before, after)
