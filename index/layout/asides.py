"""What on a PDF page is printed but is no story's text: captions and credits, and ads.

Small type is a caption or a credit when it is a line or three; a block of four lines or more in small
type is a story's text (a sidebar, a commentary or a briefs column set smaller than the page's body).
A frame (a drawn box, or a placed figure) whose text sells something (a phone number, 热线, 地址,
www., 优惠 ...) with hardly any sentences (a slogan, not a paragraph) is an ad: its text is no article; so is
a front page's 导读 box (teasers, each pointing to its page: 详见第3版).
"""

from __future__ import annotations

import re
from typing import Sequence

from .furniture import _CAPTION_START, SEE_PAGE  # a caption's opening, a pointer to a page: the text path's own
from .glyphs import Box, Piece

__all__ = ["set_aside", "small_print", "ads", "captions"]

SMALL = 0.92  # type this much smaller than the body's is small print
_MIN_LINES = 4  # a block of small type this long is running text, not a caption
_AD_WORDS = re.compile(r"电话|热线|咨询|订购|预订|订餐|地址|网址|www\.|https?://|微信|二维码|招商|加盟|招聘|优惠|特价|促销|"
                       r"折起|元起|全场|[（(]?0\d{2,3}[)）]?-?\d{7,8}|1[3-9]\d{9}")
_CREDIT_END = re.compile(r"(?:摄|供图|/图)\s*[)）]?$")
_PROSE = re.compile(r"[，。；！？]")
_MAX_AD_PROSE = 60  # characters of running text (lines with sentence punctuation) an ad may carry
_TEASER_BOX = 0.4  # share of the page's width and height a 导读 box stays under (a placed figure may be the page)


def set_aside(ps: Sequence[Piece], frames: Sequence[Box], body: float) -> tuple[list[Piece], list[Piece], list[Piece]]:
    """A page's pieces (its running head already out) sorted: (the text to read: body type and larger, and
    small type that is running text; that small running text alone; captions and credits, which are
    printed but not read).  Ads are dropped."""
    in_ads = ads(ps, frames, body)
    rest = [p for p in ps if id(p) not in in_ads]
    printed = captions(rest, frames)
    printed_ids = {id(c) for c in printed}
    rest = [p for p in rest if id(p) not in printed_ids]
    small_text, notes = small_print(rest, frames, body)
    return [p for p in rest if p.size >= SMALL * body] + small_text, small_text, notes + printed


def small_print(ps: Sequence[Piece], boxes: Sequence[Box], body: float) -> tuple[list[Piece], list[Piece]]:
    """(small type that is running text, small type that is captions and credits).  Running text: a
    block of four lines or more (or columns side by side of that many together), and shorter blocks in
    the same type (a subhead can cut a sidebar's column into short ones), unless they are captions."""
    small = sorted((p for p in ps if p.size < SMALL * body), key=lambda p: -p.y1)
    blocks: list[list[Piece]] = []
    for p in small:  # a line joins the block whose last line is right above it, in the same column and type
        for block in blocks:
            last = block[-1]
            overlap = min(last.x1, p.x1) - max(last.x0, p.x0)
            if (not _closed(block) and not _CAPTION_START.match(p.text) and last.y0 - p.y1 < 0.9 * p.size
                    and abs(last.size - p.size) < 0.04 * p.size
                    and (overlap > 2 * p.size or abs(last.x0 - p.x0) < 3 * p.size)):
                block.append(p)
                break
        else:
            blocks.append([p])
    captions = [_caption(block, boxes) for block in blocks]
    lines: dict[tuple[float, int], int] = {}  # lines of the blocks of one type that start on one row
    for block, caption in zip(blocks, captions):
        if not caption and len(block) >= 2:
            row = (block[0].size, round(block[0].y1 / (1.5 * block[0].size)))
            lines[row] = lines.get(row, 0) + len(block)
    running = {size for (size, _), n in lines.items() if n >= _MIN_LINES}
    text: list[Piece] = []
    notes: list[Piece] = []
    for block, caption in zip(blocks, captions):
        in_text = block[0].size in running or _subhead(block, blocks, running)
        (notes if caption or not in_text else text).extend(block)
    return text, notes


def _subhead(block: list[Piece], blocks: list[list[Piece]], running: set[float]) -> bool:
    """A line or two a little larger than a sidebar's running text, right above or under some of it."""
    p = block[0]
    if len(block) > 2:
        return False
    return any(r < p.size <= 1.3 * r and o[0].size == r and min(p.x1, q.x1) - max(p.x0, q.x0) > 0
               and (0 <= q.y0 - block[0].y1 < 2 * r or 0 <= block[-1].y0 - q.y1 < 2 * r)
               for r in running for o in blocks for q in (o[0], o[-1]))


def captions(ps: Sequence[Piece], boxes: Sequence[Box]) -> list[Piece]:
    """Captions in any type (a page may set them as large as its text): a line that opens like one
    (图为…, ▲…) right under or over a photo, and the lines under it up to its credit or its sentence's end."""
    out: list[Piece] = []
    for p in ps:
        if not _CAPTION_START.match(p.text) or not _near_photo([p], boxes):
            continue
        block = [p]
        while not _closed(block) and len(block) < 4:
            last = block[-1]
            below = [q for q in ps if 0 <= last.y0 - q.y1 < 0.9 * q.size and abs(q.size - last.size) < 0.04 * q.size
                     and abs(q.x0 - last.x0) < 3 * q.size]
            if not below:
                break
            block.append(max(below, key=lambda q: q.y1))
        out += block
    return out


def _closed(block: list[Piece]) -> bool:
    """A caption ends at its credit, or with the line its sentence ends in."""
    return bool(_CREDIT_END.search(block[-1].text)) or \
        (bool(_CAPTION_START.match(block[0].text)) and "。" in block[-1].text)


def _caption(block: list[Piece], boxes: Sequence[Box]) -> bool:
    """Worded as a caption or a credit, or a short block right under or above a photo."""
    if _CAPTION_START.match(block[0].text) or (len(block) <= 3 and _CREDIT_END.search(block[-1].text)):
        return True
    return len(block) <= 3 and _near_photo(block, boxes)


def _near_photo(block: list[Piece], boxes: Sequence[Box]) -> bool:
    """Within two lines under or above a photo (or frame), overlapping it across."""
    top, bottom = max(p.y1 for p in block), min(p.y0 for p in block)
    left, right = min(p.x0 for p in block), max(p.x1 for p in block)
    size = block[0].size
    return any(min(right, x1) - max(left, x0) > 0 and (0 <= y0 - top < 2 * size or 0 <= bottom - y1 < 2 * size)
               for x0, y0, x1, y1 in boxes)


def ads(ps: Sequence[Piece], boxes: Sequence[Box], body: float) -> set[int]:
    """The ids of pieces printed inside ads, and inside a front page's 导读 box (teasers pointing to the pages
    their stories are on: two pointers or more in a frame well smaller than the page)."""
    out: set[int] = set()
    width = max((p.x1 for p in ps), default=0.0) - min((p.x0 for p in ps), default=0.0)
    height = max((p.y1 for p in ps), default=0.0) - min((p.y0 for p in ps), default=0.0)
    for x0, y0, x1, y1 in boxes:
        inside = [p for p in ps if x0 - 1 <= (p.x0 + p.x1) / 2 <= x1 + 1 and y0 - 1 <= (p.y0 + p.y1) / 2 <= y1 + 1]
        if not inside:
            continue
        prose = sum(len(p.text) for p in inside if p.size <= 1.1 * body and _PROSE.search(p.text)
                    and not _AD_WORDS.search(p.text))
        if prose < _MAX_AD_PROSE and any(_AD_WORDS.search(p.text.replace(" ", "")) for p in inside):
            out.update(id(p) for p in inside)
        elif sum(bool(SEE_PAGE.search(p.text)) for p in inside) >= 2 \
                and (x1 - x0 < _TEASER_BOX * width or y1 - y0 < _TEASER_BOX * height):
            out.update(id(p) for p in inside)
    return out
