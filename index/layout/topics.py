"""Paragraphs printed inside the story set beside theirs, and pieces of a story printed apart.

pdfminer.six may print two stories set side by side paragraph by paragraph in turn.  A paragraph (with its
blocks a column break cut mid-sentence) that ends a sentence after one that did gives no text sign of
whose it is, but its words do: a paragraph of story j that shares at least six character pairs with a
neighbouring story that no other story on the page has (its own words: 长鼻王, 膨化, 夹心…) and at most one with
the rest of story j goes to the end of that neighbour; three such pairs do when it shares none with story j
and one of them is a name the neighbour says twice or more (普朗特), from up to three stories away.  Stories
on related subjects share their words with each other, so only pairs that one more story at most holds count.
A piece that found no headline and opens with no byline nor a lead goes to the titled story it talks about
(or whose headline's subject it names in its first words).
"""

from __future__ import annotations

import re
from collections import Counter

from .lines import _blocks, _ends_sentence, _Line, _pairs_of, _Story

__all__ = ["adopt_untitled", "regroup"]

_WINDOW = 1  # stories apart: the one set beside it
_FAR = 3  # stories apart, for a paragraph that shares nothing with its own
_MIN_OWN = 6  # pairs only the two stories hold; for a short paragraph a third of its pairs,
_MIN_SHORT = 3  # and this many at least
_MAX_KEPT = 1  # pairs shared with the rest of its own story


def regroup(stories: list[_Story]) -> list[_Story]:
    """Paragraphs between finished sentences that talk about the story set beside their own go to its end
    (the rest of a paragraph's story is its other blocks' text joined, pairs across their seams included)."""
    said = [_pairs_of(s.lines) for s in stories]
    df: Counter[str] = Counter(p for ps in said for p in ps)
    moves: list[tuple[int, int, list[_Line]]] = []
    for j, story in enumerate(stories):
        blocks = _passages(_blocks(story.lines))
        for b in range(1, len(blocks)):
            block = blocks[b]
            if block[0].start or not (_ends_sentence(blocks[b - 1][-1].text) and _ends_sentence(block[-1].text)):
                continue  # a paragraph between finished sentences
            mine = _pairs_of(block)
            rest = _pairs_of([l for c, other in enumerate(blocks) if c != b for l in other])
            if len(mine & rest) > _MAX_KEPT:
                continue
            alone = not mine & rest  # it shares nothing with its own story
            reach = _FAR if alone else _WINDOW
            near = [s for s in range(max(0, j - reach), min(len(stories), j + reach + 1)) if s != j]
            owns = {s: len({p for p in mine & said[s] if p not in rest and df[p] <= 2}) for s in near}
            best = max(owns, key=owns.__getitem__, default=None)
            if best is None:
                continue
            if abs(best - j) <= _WINDOW and owns[best] >= min(_MIN_OWN, max(_MIN_SHORT, len(mine) // 3)) \
                    or alone and owns[best] >= _MIN_SHORT and _names(block, stories[best], rest, df):
                moves.append((j, best, block))
    if not moves:
        return stories
    out = [(list(s.lines), list(s.items)) for s in stories]
    for j, s, block in moves:
        ids = {id(l) for l in block}
        out[j] = ([l for l in out[j][0] if id(l) not in ids], [it for it in out[j][1] if id(it) not in ids])
        out[s] = (out[s][0] + block, out[s][1] + block)
    return [_Story(lines, items) for lines, items in out]


def _names(block: list[_Line], story: _Story, rest: set[str], df: Counter[str]) -> bool:
    """A paragraph sharing no character pair with its own story names what the story beside it keeps
    naming: a pair of its own (no third story holds it) that story says twice or more (普朗特)."""
    text = "".join(l.text for l in story.lines)
    return any(text.count(p) >= 2 for p in _pairs_of(block) if p not in rest and df[p] <= 2)


def _passages(blocks: list[list[_Line]]) -> list[list[_Line]]:
    """Blocks joined where one stops mid-sentence and the next carries the sentence on (as rethreading left
    them): a paragraph broken over columns is one passage."""
    out: list[list[_Line]] = []
    for block in blocks:
        if out and not _ends_sentence(out[-1][-1].text) and not block[0].start:
            out[-1] = out[-1] + block
        else:
            out.append(block)
    return out


_ADOPT_WINDOW = 3
_ADOPT_SHARE = 0.1  # of the piece's character pairs
_LEAD = re.compile(r"^[^，。、；]{2,30}?[（(]")
_OPENING = 12  # characters of a piece in which it may name a headline's subject
_STRIP = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")


def adopt_untitled(stories: list[_Story], titles: list[tuple[str | None, str | None]],
                   keep: frozenset[int]) -> tuple[list[_Story], set[int]]:
    """A story that found no headline and opens with no byline is a piece of a titled story near it when
    it talks about that story twice as much as about any other (six character pairs at least, a tenth
    of its own), or names in its first words the first three characters of one near story's headline and talks
    about that story as much as about any other, unless it opens like a lead (a subject and a bracket): it goes
    to that story's end.
    Returns the stories (same places) and the pieces that went into another."""
    pieces = [j for j, story in enumerate(stories) if titles[j][0] is None and j not in keep and not story.lines[0].start
              and not _LEAD.match("".join(l.text for l in story.lines[:3]))]  # 苏镜宇（），中国足球运动员…: a lead
    if not pieces:  # most pages: every story found its headline
        return stories, set()
    said = [_pairs_of(s.lines) for s in stories]
    into: dict[int, int] = {}
    for j in pieces:
        near = [s for s in range(max(0, j - _ADOPT_WINDOW), min(len(stories), j + _ADOPT_WINDOW + 1))
                if s != j and s not in keep]
        shared = sorted(((len(said[j] & said[s]), s) for s in near), reverse=True)
        second = shared[1][0] if len(shared) > 1 else 0
        if shared and titles[shared[0][1]][0] is not None and shared[0][0] >= 2 * max(second, 3) \
                and shared[0][0] >= _ADOPT_SHARE * len(said[j]):
            into[j] = shared[0][1]
            continue
        opening = _STRIP.sub("", "".join(l.text for l in stories[j].lines[:2]))[:_OPENING]
        named = [s for s in near if (t := titles[s][0]) and len(h := _STRIP.sub("", t)) >= 3 and h[:3] in opening]
        if len(named) == 1 and shared and len(said[j] & said[named[0]]) == shared[0][0]:
            into[j] = named[0]  # it names one near headline's subject in its first words (根据计划，吴淞路闸桥…)
    out = list(stories)
    for j, s in into.items():
        out[s] = _Story(out[s].lines + stories[j].lines, out[s].items + stories[j].items)
    return out, set(into)
