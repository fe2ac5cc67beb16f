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

Each block that stops mid-sentence takes a block that carries it on (its own next one unless that
opens a paragraph or another one joins it in a word), all chosen together so that their fits sum to the
most (an assignment problem); the rest keep their printed order.  A block
of another story is taken only on sure signs: a mark that cannot follow a sentence's end, or a bracket
the break leaves open (``本报讯 记者赵磊 额亦都（；`` printed beside another story's first line, and
``）世居长白山…`` printed inside that story), a number and its unit (``面积十二`` + ``万平方米``), a word across
the break that outweighs the printed order, or a sentence surely broken (``…莱州站、``) carried on by a line
that talks about its story (character pairs) far more than about its own.  A block that moves to another
story takes along the blocks printed after it, up to one about the story it was printed in.
"""

from __future__ import annotations

import itertools
import re
from typing import Sequence

import numpy as np

from .lines import (_BULLET_LINE, _CONTINUING, _DIGIT_OR_LATIN, _INDENT, _blocks, _ends_sentence, _Line, _pairs_of,
                    _Story, _width_of, carries_number, lead_stops_short)

__all__ = ["carries_number", "carries_on", "headline_phrases", "opens_paragraph", "orphan_blocks", "rethread",
           "stays_home", "unclosed", "word_across"]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")  # set in a proportional face: such a line's width says little
_CLOSING = ("）", ")", "」", "』", "”", "’")  # may follow a sentence's end (何也？ + ”)
_GLUED = re.compile(r"^[，、。；：！？%]")  # nor follow a sentence's end

_WORD = 1.03  # a word across the break
_TURN = 3.0  # lines printed in turn: the n-th rest after the n-th first line
_TAIL = 1.0  # a break carried on by a paragraph's last line printed alone (see _tail)
_ITEM = 1.5  # a 简讯 item's first line carried on by a short rest printed before the next item (see _item_rests)
_FILL = 0.75  # what filling one more break is worth in the sum of fits
_SURE_BREAK = re.compile(r"[，、：；—]$")  # the sentence surely goes on
_OPENS, _CARRIES, _UNKNOWN = "opens", "carries", "unknown"
_ACROSS = 1.0  # what a block must fit by to move to another story (a word across the break at least), and
# what the move costs against a block of the same story
_WINDOW = 6  # stories apart
_ITEM_WINDOW = 3  # stories between a 简讯 item's first line and its rest


def rethread(stories: list[_Story], headings: Sequence[str] = ()) -> list[_Story]:
    """The page's stories with their blocks in reading order.  A block moves to another story only on what
    the text says (a mark that cannot follow a sentence's end, a bracket the break leaves open, a word
    across the break, the words of a headline in ``headings``): a story whose first lines pdfminer.six
    printed beside another's takes its rest back."""
    blocks: list[list[_Line]] = []
    owner: list[int] = []  # the story each block was found in
    firsts: set[int] = set()
    columns = [_column(s) for s in stories]
    known = sorted(c for c in columns if c is not None)
    if not known:
        return stories
    for n, story in enumerate(stories):
        firsts.add(len(blocks))
        for block in _blocks(story.lines):
            blocks.append(block)
            owner.append(n)
    column = [columns[owner[k]] or known[len(known) // 2] for k in range(len(blocks))]
    above, trailing = _subheads(stories)
    heads = [_OPENS if k in firsts or above[id(b[0])] and not _under_subhead_carries(blocks, k, owner, column[k],
                                                                                   above[id(b[0])])
             else _head(b, column[k]) for k, b in enumerate(blocks)]
    topics = _Topics(stories, blocks, owner)
    phrases = headline_phrases(headings)
    turns, grids = _in_turn(blocks)
    tails = [_tail(b, column[k]) for k, b in enumerate(blocks)]
    item_rests = _item_rests(blocks, owner)
    pairs = []
    for i, block in enumerate(blocks):
        if not _stops_mid_sentence(block, column[i]):
            continue
        for k in range(len(blocks)):
            if k == i or heads[k] == _OPENS and turns.get(i) != k or abs(owner[k] - owner[i]) > _WINDOW:
                continue
            same = owner[k] == owner[i]
            fit = _fit(block[-1].text, blocks[k][0].text, heads[k], same and k == i + 1, phrases)
            if turns.get(i) == k:
                fit += _TURN
            if tails[k]:
                fit += _TAIL
            if (i, k) in item_rests:
                fit, same = fit + _ITEM, True  # as if printed in its story
            if not same and fit < _ACROSS and _SURE_BREAK.search(block[-1].text) \
                    and (topics.about(k, owner[i]) or _names_lead(stories[owner[i]], blocks[k])):
                fit += _ACROSS  # a sentence surely broken, carried on by a line about its story, not its own
            if same or fit >= _ACROSS:
                pairs.append((fit - 0.01 * abs(k - i) - (0 if same else _ACROSS), i, k))
    successor = _match(pairs)
    taken = set(successor.values())
    for i, k in list(successor.items()):  # a block moved to another story takes along the blocks after it
        if owner[k] != owner[i]:
            _take_along(i, k, blocks, owner, firsts, successor, taken, _pairs_of(stories[owner[i]].lines))
    if not successor:
        return stories
    lines: list[list[_Line]] = [[] for _ in stories]
    order, place = _down_columns(grids, owner, firsts, len(stories))
    for start, walk in _walks(len(blocks), successor, place):
        lines[owner[start]] += [l for k in walk for l in blocks[k]]
        for k in walk[1:]:  # a subhead over a block that now carries a sentence on goes over the paragraph
            # (not one taken along with its subhead, nor a heading printed inside a sentence: no subhead)
            if above[id(blocks[k][0])] and heads[k] != _OPENS and not _inside_sentence(blocks, k):
                above[id(blocks[walk[0]][0])] = above[id(blocks[walk[0]][0])] + above[id(blocks[k][0])]
                above[id(blocks[k][0])] = []
    # a subhead stays above the line it was printed above; a story's subheads after its last line stay at its end
    # (a story all of whose blocks were another's rest, printed in turn, is gone)
    told = list(zip(stories, lines, trailing))
    return [s if new == s.lines else _Story(new, [it for l in new for it in (*above[id(l)], l)] + after)
            for s, new, after in (told[n] for n in order) if new]


def headline_phrases(headings: Sequence[str]) -> set[str]:
    """The headlines' words, four Chinese characters at a time: a sentence broken inside them is surely
    carried on by the block that says the rest (``汛前防汛`` + ``应急演练``)."""
    return {h[n:n + 4] for h in (_NOT_CJK.sub("", h) for h in headings) for n in range(len(h) - 3)}


def _in_turn(blocks: list[list[_Line]]) -> tuple[dict[int, int], list[list[list[int]]]]:
    """First lines printed one after another, each stopping mid-sentence, then as many short rests that
    end a sentence: pdfminer.six printed the lines of items set side by side in turn (a 简讯 column's
    ``■ 市图书馆…欢迎家`` / ``■ 河口镇…农产品`` / ``长带孩子参加。`` / ``展销和文艺演出。``), the n-th rest is
    the n-th first line's.  Longer rests only when each says its own first line's words (``_each_own``)."""
    order = sorted(range(len(blocks)), key=lambda k: blocks[k][0].no)
    turns: dict[int, int] = {}
    grids: list[list[list[int]]] = []  # rows of items printed one right after another: each row's first lines
    last = None  # the last rest of the row before
    n = 0
    while n < len(order):
        run = n
        while run < len(order) and len(blocks[order[run]]) == 1 and not _ends_sentence(blocks[order[run]][0].text) \
                and not (run > n and _CONTINUING.match(blocks[order[run]][0].text)):  # (the line before's rest)
            run += 1
        size = run - n
        rests = order[run:run + size]
        if size >= 2 and len(rests) == size and all(
                not blocks[r][0].start and _ends_sentence(blocks[r][-1].text) for r in rests) \
                and _each_own(blocks, order[n:run], rests):
            turns.update(zip(order[n:run], rests))
            if last == order[n - 1] and len(grids[-1][-1]) == size:
                grids[-1].append(order[n:run])
            else:
                grids.append([order[n:run]])
            last = rests[-1]
        n = max(run, n + 1)
    return turns, [grid for grid in grids if len(grid) >= 2]


def _down_columns(grids: list[list[list[int]]], owner: list[int], firsts: set[int],
                  n: int) -> tuple[list[int], dict[int, int]]:
    """Items set side by side in rows, whose rows pdfminer.six printed one after another, each row's first
    lines in turn, are read down each column: the first item of every row, then the second.  Items that are
    stories of their own (a 简讯 column set in two columns: ``■ 市图书馆…`` and ``■ 滨河公园…`` side by side over
    ``■ 河口镇…`` and ``■ 市公交集团…``) take each other's places among the stories; one story's paragraphs set
    in two columns (``清晨七点…`` beside ``组委会在沿途…``, over ``本次赛事…`` beside ``最终，…``) take each other's
    places among its blocks.  Returns the stories' order and the blocks' places."""
    order = list(range(n))
    place: dict[int, int] = {}

    def kind(row: list[int]) -> int | None:  # -1: items each a story of their own; else the story they are in
        if all(k in firsts for k in row):
            return -1
        return owner[row[0]] if len({owner[k] for k in row}) == 1 and not firsts & set(row[1:]) else None

    for grid in grids:
        for which, rows in itertools.groupby(grid, key=kind):
            rows = list(rows)
            if which is None or len(rows) < 2:
                continue
            down = [row[m] for m in range(len(rows[0])) for row in rows]
            slots = sorted(k for row in rows for k in row)
            for slot, k in zip(slots, down):
                if which == -1:
                    order[owner[slot]] = owner[k]
                else:
                    place[k] = slot
    return order, place


def _item_rests(blocks: list[list[_Line]], owner: list[int]) -> set[tuple[int, int]]:
    """(item, rest): a 简讯 item's first line printed alone, stopping mid-sentence, and a short block that ends
    a sentence printed after it, a story or two on, right before the next item's first line: the item's rest,
    whatever was printed between them (pdfminer.six printed the column's first line in a row with other
    columns' first lines: ``■ 滨河公园健身步道完成提质改造，新增`` / ``本报讯 记者赵磊 津蓟铁路是联接天津市`` /
    ``照明设施和休息座椅。`` / ``■ 河口镇…``)."""
    items = [k for k, b in enumerate(blocks) if len(b) == 1 and b[0].start and _BULLET_LINE.match(b[0].text)
             and not _ends_sentence(b[0].text)]
    out = set()
    for k in range(1, len(blocks) - 1):
        after = blocks[k + 1][0]
        if len(blocks[k]) <= 2 and not blocks[k][0].start and _ends_sentence(blocks[k][-1].text) \
                and after.start and _BULLET_LINE.match(after.text):
            out |= {(i, k) for i in items if i < k and owner[k] - owner[i] <= _ITEM_WINDOW}
    return out


def _each_own(blocks: list[list[_Line]], firsts: list[int], rests: list[int]) -> bool:
    """Rests of a line or two carry on the first lines in turn; when one is longer (two stories' first lines
    printed in turn, then their rests: ``以仁王（）日本平`` / ``余蔚，是十六国时期的`` / ``安时代人物…以仁王是…`` /
    ``扶余国国王…余蔚率领…``), each must say more of its own first line's words than of any other's.  (A line
    twice as wide as the first lines is no short rest: a story placed as a figure, printed as one line.)"""
    widest = 2 * max(blocks[k][0].width for k in firsts)
    if all(len(blocks[r]) <= 2 and all(l.width <= widest for l in blocks[r]) for r in rests):
        return True
    lines = [_pairs_of(blocks[k]) for k in firsts]
    for m, r in enumerate(rests):
        said = [len(_pairs_of(blocks[r]) & line) for line in lines]
        if not said[m] or any(x >= said[m] for n, x in enumerate(said) if n != m):
            return False
    return True


_LEAD_NAME = re.compile(r"([\u4e00-\u9fff]{2,3})[（(]")


def _names_lead(story: _Story, block: list[_Line]) -> bool:
    """A story of a line or two whose lead names its subject with a bracket (本报讯 记者赵磊 于乐（），): a block
    naming that subject twice talks about it."""
    if len(story.lines) > 2:
        return False
    name = _LEAD_NAME.search(story.lines[0].text)
    return bool(name) and "".join(l.text for l in block).count(name.group(1)) >= 2


def _tail(block: list[_Line], column: float) -> bool:
    """A paragraph's last line printed alone: one line ending a sentence, under half the column wide
    (``前来采摘。``), no byline: it carries a sentence on more surely than it stands as a paragraph."""
    line = block[0]
    return len(block) == 1 and _ends_sentence(line.text) and not (line.start or line.end) and line.width < column / 2


def _under_subhead_carries(blocks: list[list[_Line]], k: int, owner: list[int], column: float,
                           subheads: list[list[_Line]]) -> bool:
    """A block printed under a subhead that carries a sentence on (its first line as wide as the column)
    where the text before the subhead ends a sentence: the subhead stands over the paragraph it is part of.
    Any block under a heading printed inside a sentence (another story's headline) may carry that sentence on.
    Not under a "subhead" with digits or Latin letters: a paragraph's first line taken for one
    (``MS 物业于1993年年末开始`` / ``营运，当时…``)."""
    if k == 0 or owner[k - 1] != owner[k]:
        return False
    if _inside_sentence(blocks, k):
        return True  # a heading printed inside a sentence is no subhead: the text under it may carry it on
    said = "".join(l.text for unit in subheads for l in unit)
    return not _DIGIT_OR_LATIN.search(said) and not _CONTINUING.match(blocks[k][0].text) \
        and _head(blocks[k], column) == _CARRIES


def _inside_sentence(blocks: list[list[_Line]], k: int) -> bool:
    """Whether what was printed above block k (a heading) stands inside a sentence: the block printed before
    it stops in one."""
    return not _ends_sentence(blocks[k - 1][-1].text)


def _match(pairs: list[tuple[float, int, int]]) -> dict[int, int]:
    """Each break takes one block, each block carries on one break, so that the fits of all the pairs taken
    sum to the most, each break that takes a block counting ``_FILL`` more: a sentence left stopping mid-air
    is worse than a printed order undone (``…于乐（），中`` + ``国足球运动员`` when ``…赫姓为中文姓氏之`` has
    ``一，在《百家姓》…`` too; ``…距南京站333公里`` + ``。`` when a break of another story could also take
    the mark).  An assignment problem: scipy's ``linear_sum_assignment``, each break with a column of its
    own for "no block"."""
    if not pairs:
        return {}
    from scipy.optimize import linear_sum_assignment  # only for pages with breaks to mend

    breaks = sorted({i for _, i, _ in pairs})
    blocks = sorted({k for _, _, k in pairs})
    row = {i: n for n, i in enumerate(breaks)}
    col = {k: n for n, k in enumerate(blocks)}
    never = 1e6  # a pair that is not on offer
    cost = np.full((len(breaks), len(blocks) + len(breaks)), never)
    cost[:, len(blocks):] = np.where(np.eye(len(breaks), dtype=bool), 0.0, never)
    for w, i, k in pairs:
        cost[row[i], col[k]] = -(w + _FILL)
    rows, cols = linear_sum_assignment(cost)
    return {breaks[r]: blocks[c] for r, c in zip(rows, cols) if c < len(blocks) and cost[r, c] < never}


def _take_along(i: int, k: int, blocks: list[list[_Line]], owner: list[int], firsts: set[int],
                successor: dict[int, int], taken: set[int], said: set[str]) -> None:
    """Block k moved to carry on block i's story: the blocks printed after it in its story go along, up to
    one that talks about the story it was printed in (twice as much as about the one it would join)."""
    head = _pairs_of([l for m in range(k) if owner[m] == owner[k] and m not in taken for l in blocks[m]])
    tail = said | _pairs_of(blocks[k])
    while True:
        while successor.get(k) == k + 1:  # a sentence carried on by the block printed after it
            k += 1
            tail |= _pairs_of(blocks[k])
        if k in successor or k + 1 >= len(blocks) or owner[k + 1] != owner[k] or k + 1 in firsts or k + 1 in taken:
            return
        block = _pairs_of(blocks[k + 1])
        if stays_home(block, head, tail):
            return
        successor[k] = k + 1
        taken.add(k + 1)
        tail |= block
        k += 1


def stays_home(block: set[str], home: set[str], away: set[str]) -> bool:
    """A block's character pairs say it belongs where it was printed: it shares more than half as many
    with the text there as with the story it would move to (and what already moved with it)."""
    return 2 * len(block & home) > len(block & away)


class _Topics:
    """What a block talks about: the Chinese character pairs it shares with a story."""

    def __init__(self, stories: list[_Story], blocks: list[list[_Line]], owner: list[int]) -> None:
        self.stories = stories
        self._said: dict[int, set[str]] = {}  # story -> its pairs, for the few stories asked about
        self.blocks = blocks
        self.owner = owner
        self._kept: dict[int, tuple[set[str], int]] = {}  # block -> (its pairs, how many its own story shares)

    def about(self, k: int, story: int) -> bool:
        """Block k shares more than twice as many pairs with the story as with the rest of its own."""
        if k not in self._kept:
            rest = [l for n, b in enumerate(self.blocks) if self.owner[n] == self.owner[k] and n != k for l in b]
            mine = _pairs_of(self.blocks[k])
            self._kept[k] = (mine, len(mine & _pairs_of(rest)))
        mine, kept = self._kept[k]
        if story not in self._said:
            self._said[story] = _pairs_of(self.stories[story].lines)
        shared = len(mine & self._said[story])
        return shared >= 3 and shared > 2 * kept


def _column(story: _Story) -> float | None:
    """The width of a story's column, from its lines without Latin letters (a proportional face)."""
    return _width_of([l for l in story.lines if not _LATIN.search(l.text)])


def carries_on(story: _Story) -> bool:
    """Whether a story's first line carries on a sentence: as wide as the column, or opening with a mark."""
    return _first_head(story) == _CARRIES


def opens_paragraph(story: _Story) -> bool:
    """Whether a story's first line is a paragraph's (indented) first line, or a byline (or its column's
    width is unknown)."""
    return _first_head(story) in (_OPENS, None)


def _first_head(story: _Story) -> str | None:
    """What a story's first block opens with (see _head), None when its column's width is unknown."""
    column = _column(story)
    first = [l for l in story.lines if l.block == story.lines[0].block]
    return None if column is None else _head(first, column)


def orphan_blocks(story: _Story) -> list[int]:
    """Where (line indexes) a block of the story carries on a sentence (its first line as wide as the column,
    no Latin letter to blur its width; digits count half a cell) right after a block of two lines at least
    that ends its paragraph well short of the edge: it cannot follow that paragraph, it is the rest of
    another story's sentence (a one-line block may be a paragraph's last line printed out of place)."""
    column = _column(story)
    if column is None:
        return []
    out = []
    for k in range(1, len(story.lines)):
        line, prev = story.lines[k], story.lines[k - 1]
        if line.block != prev.block and not _LATIN.search(line.text) and _ends_sentence(prev.text) \
                and not line.text.startswith(_CLOSING) and k >= 2 and story.lines[k - 2].block == prev.block \
                and not _LATIN.search(prev.text) and prev.width < column - 2 and _head([line], column) == _CARRIES:
            out.append(k)
    return out


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
    if unclosed(last.text) or last.text.endswith(("，", "、")):
        return True  # (however narrow: a byline line printed alone, 本报讯 记者赵磊 于乐（），)
    if last.start and lead_stops_short(last.text):
        return True
    if last.end or _ends_sentence(last.text):
        return False
    opens = len(block) == 1 or _ends_sentence(block[-2].text)  # the paragraph's first line: indented
    return last.width >= column - 1 - (_INDENT if opens else 0) or bool(_LATIN.search(last.text))


def _fit(before: str, after: str, head: str, next_one: bool, phrases: set[str]) -> float:
    """How well ``after`` carries on the sentence ``before`` stops in: a mark that cannot follow a sentence's
    end says it surely, four characters of a headline on the page across the break (``汛前防汛`` + ``应急演练``)
    nearly so; a word run across the break, the printed order and a first line as wide as the column say it
    less surely (jieba's words can also join two: ``新区`` + ``区，`` makes ``区区``)."""
    score = 1.0 if next_one else 0.0
    if head == _CARRIES:
        score += 0.5
    if _GLUED.match(after) or _closes(before, after):
        score += 3.0
    elif (before.rstrip()[-2:] + after.lstrip()[:2]) in phrases:  # a headline's words across the break
        score += 2.0
    elif carries_number(before, after):
        score += 1.5
    elif word_across(before, after):
        score += _WORD  # a little more than the printed order: what the text says outweighs it
    return score


def _closes(before: str, after: str) -> bool:
    """``after`` opens by closing a bracket ``before`` leaves open (``额亦都（；`` + ``）世居…``), or within its
    first words when the bracket holds Chinese (``柳素云（施思`` + ``饰）并育有三子``)."""
    if not unclosed(before):
        return False
    if after.startswith(("）", ")")):
        return True
    if before.endswith(("（", "(")):  # opened at the break: what it holds (``胜任力（`` + ``英语：Competence）是指``)
        return bool(re.match(r"[^（()）]{1,30}[）)]", after))
    return bool(_CJK.match(before[-1:]) and re.match(r"[\u4e00-\u9fff][^（()）A-Za-z]{0,5}[）)]", after))


def unclosed(text: str) -> bool:
    """More brackets opened than closed."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def word_across(before: str, after: str) -> bool:
    """Whether jieba segments a word across the break (``广东广播电视`` + ``台珠江频道``: 电视台), or a Latin
    word runs across it."""
    a, b = before.rstrip()[-4:], after.lstrip()[:4]
    if re.search(r"[A-Za-z]{2}$", a) and re.match(r"[a-z]{2}", b):
        return True  # a Latin word broken without a hyphen (``regalia and ins`` + ``ignia）``)
    if len(a) < 2 or len(b) < 2 or not (_CJK.match(a[-1]) and _CJK.match(b[0])):
        return False
    from ..text.tokenize import default_tokenizer  # jieba only for the pages that need it

    return len(a) not in default_tokenizer().word_starts(a + b)


def _walks(n: int, successor: dict[int, int], place: dict[int, int]) -> list[tuple[int, list[int]]]:
    """Blocks in reading order: each chain of successors where the first printed of its blocks was printed
    (a paragraph whose rest pdfminer.six printed before its opening stands where its rest was), or where
    ``place`` puts the block it starts with (paragraphs set side by side, read down each column)."""
    claimed = set(successor.values())
    out: list[tuple[int, list[int]]] = []
    seen: set[int] = set()

    def walk(k: int) -> None:
        chain = []
        start = k
        while k is not None and k not in seen:
            chain.append(k)
            seen.add(k)
            k = successor.get(k)
        if chain:
            out.append((start, chain))

    for k in range(n):
        if k not in claimed:
            walk(k)
    for k in range(n):  # a cycle of claims: printed order
        walk(k)
    return sorted(out, key=lambda w: place[w[1][0]] if w[1][0] in place else min(w[1]))


def _subheads(stories: list[_Story]) -> tuple[dict[int, list[list[_Line]]], list[list[list[_Line]]]]:
    """The subheads printed right above each line (by the line's id), and those after each story's last line."""
    above: dict[int, list[list[_Line]]] = {}
    trailing: list[list[list[_Line]]] = []
    for story in stories:
        pending: list[list[_Line]] = []
        for it in story.items:
            if isinstance(it, _Line):
                above[id(it)], pending = pending, []
            else:
                pending.append(it)
        trailing.append(pending)
    return above, trailing
