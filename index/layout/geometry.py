"""A PDF page's geometry -> its articles: what the text path has to guess, a PDF states.

1. ``pieces``: glyphs -> runs on one line that do not cross a gutter (a gap wider than ~1 em).
2. The page header and footer (paper, date, 版次, 责任编辑, folio) are set aside; type sizes are
   measured: the body size is the size most text is set in; headings are larger, captions smaller.
3. ``reading_order``: a recursive XY-cut: wide horizontal gaps (between rows of stories) first, then
   gutters (between stories and between a story's columns), then the small gaps under headlines.
4. ``stories``: in reading order, a heading starts a story (a smaller heading above the title is its
   kicker, one below it a subtitle); body text continues the current story, across columns; captions
   and credits (small type) stay out.  Paragraphs start at indented lines or after short lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .lines import PageArticle
from .page import fallback_title

__all__ = ["Glyph", "Piece", "pieces", "split_pdf_page", "PageText"]

_HEADER_ZONE = 0.08  # share of the page height at the top where a running head sits
_FOOTER_ZONE = 0.05  # and at the foot, for the folio
_MASTHEAD_ZONE = 0.2  # a front page's masthead sits in its top fifth
_SMALL = 0.92  # type this much smaller than the body's: captions, credits, notes (never a story's text)
_SUBTITLE = re.compile(r"^\s*[—\-]{1,2}")
_SENTENCE_END = re.compile(r"[。！？!?…；;”’」』）)]$")


@dataclass(frozen=True)
class Glyph:
    """One printed character: its text, box (points, y up) and type size."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    font: str


@dataclass
class Piece:
    """Glyphs on one line up to a gutter."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float

    @property
    def top(self) -> float:
        return self.y1


@dataclass(frozen=True)
class PageText:
    """What a page holds besides its articles: the running head's text (paper, date, 版次) and, on a
    front page, the paper's name from its masthead."""

    articles: tuple[PageArticle, ...]
    header: str
    paper: str | None = None


def _is_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def pieces(glyphs: Sequence[Glyph]) -> list[Piece]:
    """Rows of glyphs of one size on one baseline, split where the gap is wider than about an em (of
    the body type at most: two headlines side by side are a gutter apart, not a headline's em)."""
    sizes: Counter[float] = Counter(g.size for g in glyphs)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    rows: list[list[Glyph]] = []
    open_rows: list[tuple[float, float, list[Glyph]]] = []  # (centre, size, glyphs), the rows still near
    for g in sorted(glyphs, key=lambda g: (-(g.y0 + g.y1) / 2, g.x0)):
        centre = (g.y0 + g.y1) / 2
        open_rows = [r for r in open_rows if r[0] - centre <= 0.5 * r[1]]
        for c, size, row in open_rows:
            if abs(c - centre) <= 0.35 * min(size, g.size) and abs(size - g.size) <= 0.15 * size:
                row.append(g)
                break
        else:
            row = [g]
            rows.append(row)
            open_rows.append((centre, g.size, row))
    out: list[Piece] = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        current: list[Glyph] = []
        for g in row:
            if current and g.x0 - current[-1].x1 > 0.9 * min(g.size, 1.5 * body):
                out.append(_piece(current))
                current = []
            current.append(g)
        out.append(_piece(current))
    return out


def _piece(glyphs: Sequence[Glyph]) -> Piece:
    text = glyphs[0].text
    for prev, g in zip(glyphs, glyphs[1:]):
        if g.x0 - prev.x1 > 0.18 * g.size and not text.endswith(" "):  # a space is ~0.2-0.5 em
            text += " "
        text += g.text
    sizes = Counter(g.size for g in glyphs)
    return Piece(text.strip(), min(g.x0 for g in glyphs), min(g.y0 for g in glyphs), max(g.x1 for g in glyphs),
                 max(g.y1 for g in glyphs), sizes.most_common(1)[0][0])


def body_size(ps: Sequence[Piece]) -> float:
    """The size most text is set in (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for p in ps:
        sizes[p.size] += len(p.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _split(ps: list[Piece], vertical: bool, gap: float) -> list[list[Piece]]:
    """Groups of pieces separated by an empty band at least ``gap`` wide (left to right, or top to bottom)."""
    if vertical:
        ordered = sorted(ps, key=lambda p: p.x0)
        lo, hi = (lambda p: p.x0), (lambda p: p.x1)
    else:
        ordered = sorted(ps, key=lambda p: -p.y1)
        lo, hi = (lambda p: -p.y1), (lambda p: -p.y0)
    groups: list[list[Piece]] = [[ordered[0]]]
    reach = hi(ordered[0])
    for p in ordered[1:]:
        if lo(p) - reach >= gap:
            groups.append([p])
        else:
            groups[-1].append(p)
        reach = max(reach, hi(p))
    return groups


def reading_order(ps: list[Piece], body: float) -> list[list[Piece]]:
    """Leaf regions of a recursive XY-cut, in reading order; each leaf's pieces top to bottom."""
    if len(ps) <= 1:
        return [ps] if ps else []
    # Wide gaps across the whole region separate rows of stories; gutters separate stories and their
    # columns; small gaps separate a headline from the columns under it.  In that order: a gutter
    # first would cut a short headline's story in two, a small gap first a row's headlines from its bodies.
    for vertical, gap in ((False, 1.2 * body), (True, 0.9 * body), (False, 0.55 * body)):
        groups = _split(ps, vertical, gap)
        if len(groups) > 1:
            return [leaf for g in groups for leaf in reading_order(g, body)]
    text = [p for p in ps if p.text]
    if text and len(text) < len(ps):  # photos kept this region whole; inside it they would only hide its columns
        return reading_order(text, body)
    return [sorted(ps, key=lambda p: (-p.y1, p.x0))]


@dataclass
class _Draft:
    headings: list[Piece] = field(default_factory=list)
    lines: list[tuple[Piece, float, float]] = field(default_factory=list)  # (line, its column's left, right)


def _title_parts(headings: list[Piece]) -> tuple[str | None, str | None]:
    """(title, kicker): the largest heading lines are the title; a smaller one above it is the kicker;
    smaller ones below it (a subtitle) are left out."""
    if not headings:
        return None, None
    largest = max(h.size for h in headings)
    title_lines = [h for h in headings if h.size >= 0.85 * largest and not _SUBTITLE.match(h.text)]
    if not title_lines:
        return None, None
    first = headings.index(title_lines[0])
    kicker = " ".join(h.text for h in headings[:first]) or None
    return _join(h.text for h in title_lines), kicker


def _join(parts: Iterable[str]) -> str:
    text = ""
    for part in parts:
        part = part.strip()
        if text and part and _is_alnum(text[-1]) and _is_alnum(part[0]):
            text += " "
        text += part
    return text


def _paragraphs(lines: list[tuple[Piece, float, float]]) -> list[str]:
    paragraphs: list[str] = []
    buf: list[str] = []
    prev: Piece | None = None
    prev_right = 0.0
    for line, left, right in lines:
        indented = line.x0 - left > 1.2 * line.size
        after_short = prev is not None and prev.x1 < prev_right - 1.5 * prev.size and bool(_SENTENCE_END.search(prev.text))
        if buf and (indented or after_short):
            paragraphs.append(_join(buf))
            buf = []
        buf.append(line.text)
        prev, prev_right = line, right
    if buf:
        paragraphs.append(_join(buf))
    return paragraphs


def _running_heads(ps: list[Piece], height: float, body: float) -> tuple[list[Piece], str | None]:
    """The page's first and last bands (set apart by a gap) when they sit in the top or bottom margin:
    the running head (paper, date, 版次, 责任编辑) or a front page's masthead (the paper's name in the
    largest type, with the date), and the folio.  Also the masthead's name, if there is one."""
    bands = _split(ps, vertical=False, gap=0.55 * body)
    heads: list[Piece] = []
    paper = None
    if len(bands) > 1 and min(p.y0 for p in bands[0]) > height * (1 - _HEADER_ZONE) \
            and all(p.size <= 1.3 * body for p in bands[0]):
        heads += bands[0]
    elif len(bands) > 1 and min(p.y0 for p in bands[0]) > height * (1 - _MASTHEAD_ZONE) \
            and max(p.size for p in bands[0]) >= 2.2 * body and len(bands[0]) <= 8:
        heads += bands[0]
        paper = max(bands[0], key=lambda p: p.size).text.replace(" ", "")
    if len(bands) > 1 and max(p.y1 for p in bands[-1]) < height * _FOOTER_ZONE and all(p.size <= body for p in bands[-1]):
        heads += bands[-1]
    return heads, paper


def split_pdf_page(glyphs: Sequence[Glyph], width: float, height: float, page: int = 1,
                   boxes: Sequence[tuple[float, float, float, float]] = ()) -> PageText:
    """The articles of one page, in reading order, and its running head's text.  ``boxes`` (photos,
    figures, drawn frames) take part in the reading order as solid regions without text: a photo under
    a headline keeps the headline with its story."""
    all_pieces = [p for p in pieces(glyphs) if p.text]
    if not all_pieces:
        return PageText((), "")
    body = body_size(all_pieces)
    header, paper = _running_heads(all_pieces, height, body)
    header_ids = {id(p) for p in header}
    solid = [Piece("", x0, y0, x1, y1, 0.0) for x0, y0, x1, y1 in boxes
             if (x1 - x0) * (y1 - y0) < 0.5 * width * height and x1 - x0 > body and y1 - y0 > body]
    # small type (captions, credits, notes) is never a story's text: like photos, it shapes the page
    # (a caption fills the gap between a photo and the text under it) but is not read
    solid += [Piece("", p.x0, p.y0, p.x1, p.y1, 0.0) for p in all_pieces
              if id(p) not in header_ids and p.size < _SMALL * body]
    content = [p for p in all_pieces if id(p) not in header_ids and p.size >= _SMALL * body] + solid
    drafts: list[_Draft] = []
    for leaf in reading_order(content, body):
        left = min((p.x0 for p in leaf if abs(p.size - body) <= 0.1 * body), default=0.0)
        right = max((p.x1 for p in leaf if abs(p.size - body) <= 0.1 * body), default=0.0)
        for p in leaf:
            if not p.text:  # a photo or a frame
                continue
            if p.size >= 1.1 * body:  # a heading
                if not drafts or drafts[-1].lines:
                    drafts.append(_Draft())
                drafts[-1].headings.append(p)
            else:  # body text
                if not drafts:
                    drafts.append(_Draft())
                drafts[-1].lines.append((p, left, right))
    articles = []
    for d in drafts:
        paragraphs = _paragraphs(d.lines)
        if not paragraphs:
            continue
        title, kicker = _title_parts(d.headings)
        articles.append(PageArticle(title or fallback_title(paragraphs), tuple(paragraphs), kicker, page, page))
    header_text = " ".join(p.text for p in sorted(header, key=lambda p: (-p.y1, p.x0)))
    return PageText(tuple(articles), header_text, paper)
