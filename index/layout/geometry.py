"""A PDF page's geometry -> its articles: what the text path has to guess, a PDF states.

1. ``pieces`` (pieces.py): glyphs -> runs on one line that do not cross a gutter (a gap wider than ~1 em;
   in headline type also a gap over a gutter of the text below); letter-spaced headlines are one run.
2. The page header and footer (paper, date, 版次, 责任编辑, folio) are set aside; type sizes are
   measured: the body size is the size most text is set in; headings are larger.  ``asides``: ads
   (frames that sell) are dropped; small type is running text in blocks of four lines or more (a
   sidebar), else captions and credits, which shape the page like photos but are not read.
3. ``reading_order``: a recursive XY-cut: wide horizontal gaps (between rows of stories) first, then
   gutters (between stories and between a story's columns), then the small gaps under headlines
   (never between lines of text, however wide their leading).
4. ``stories``: in reading order, a heading starts a story (a smaller heading above the title is its
   kicker, one below it a subtitle); a line barely larger than the body inside a story is its subhead;
   body text continues the current story, across columns.  Paragraphs start at indented lines, after
   short lines, and around subheads.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from .asides import set_aside
from .drafts import Draft, owner_of
from .glyphs import _SUBHEAD, Glyph, Piece, Typesetting, solid
from .pieces import GUTTER, merged, pieces
from .furniture import is_running_head
from .lines import PageArticle, spaced
from .page import fallback_title

__all__ = ["Glyph", "Piece", "pieces", "split_pdf_page", "PageText"]

_HEADER_ZONE = 0.08  # share of the page height at the top where a running head sits
_FOOTER_ZONE = 0.05  # and at the foot, for the folio
_MASTHEAD_ZONE = 0.2  # a front page's masthead sits in its top fifth
_SUBTITLE = re.compile(r"^\s*[—\-]{1,2}")
_SENTENCE_END = re.compile(r"[。！？!?…；;”’」』）)]$")
_PROSE = re.compile(r"[，。；、,;]")


@dataclass(frozen=True)
class PageText:
    """What a page holds besides its articles: the running head's text (paper, date, 版次) and, on a
    front page, the paper's name from its masthead."""

    articles: tuple[PageArticle, ...]
    header: str
    paper: str | None = None


def body_size(ps: Sequence[Piece]) -> float:
    """The size most text is set in (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for p in ps:
        sizes[p.size] += len(p.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _split(ps: list[Piece], vertical: bool, gap: float) -> list[list[Piece]]:
    """Groups of pieces separated by an empty band at least ``gap`` wide (left to right, or top to bottom).
    A rule drawn along the cut (a vertical rule in a gutter, a horizontal one between rows of stories)
    does not fill the band; one drawn across it (a rule over several columns) does."""
    along = "down" if vertical else "across"
    if vertical:
        ordered = sorted((p for p in ps if p.rule != along), key=lambda p: p.x0)
        lo, hi = (lambda p: p.x0), (lambda p: p.x1)
    else:
        ordered = sorted((p for p in ps if p.rule != along), key=lambda p: -p.y1)
        lo, hi = (lambda p: -p.y1), (lambda p: -p.y0)
    if not ordered:
        return [ps]
    groups: list[list[Piece]] = [[ordered[0]]]
    spans = [[lo(ordered[0]), hi(ordered[0])]]
    for p in ordered[1:]:
        if lo(p) - spans[-1][1] >= gap:
            groups.append([p])
            spans.append([lo(p), hi(p)])
        else:
            groups[-1].append(p)
            spans[-1][1] = max(spans[-1][1], hi(p))
    for rule in (p for p in ps if p.rule == along):  # inside a group it stays with it; in a gap it is done
        middle = (lo(rule) + hi(rule)) / 2
        for group, (a, b) in zip(groups, spans):
            if a <= middle <= b:
                group.append(rule)
    return groups


def reading_order(ps: list[Piece], t: Typesetting) -> list[list[Piece]]:
    """Leaf regions of a recursive XY-cut, in reading order; each leaf's pieces top to bottom."""
    body = t.body
    if len(ps) <= 1:
        return [ps] if ps else []
    # Wide gaps across the whole region separate rows of stories; gutters separate stories and their
    # columns; small gaps separate a headline from the columns under it.  In that order: a gutter
    # first would cut a short headline's story in two, a small gap first a row's headlines from its bodies.
    for vertical, gap in ((False, 1.2 * body), (True, GUTTER * body), (False, 0.55 * body)):
        groups = _split(ps, vertical, gap)
        if vertical:  # a headline set top to bottom right of its text is read before it
            groups = _vertical_titles_first(groups, t)
        elif gap > body:  # a row of headlines set well above their stories stays with them
            groups = _headlines_down(groups, t)
        else:  # lines of text set with wide leading are not cut apart
            groups = _lines_together(groups, t)
        if len(groups) > 1:
            return [leaf for g in groups for leaf in reading_order(g, t)]
    text = [p for p in ps if p.text]
    if text and len(text) < len(ps):  # photos kept this region whole; inside it they would only hide its columns
        return reading_order(text, t)
    return [sorted(ps, key=lambda p: (-p.y1, p.x0))]


def _vertical_titles_first(groups: list[list[Piece]], t: Typesetting) -> list[list[Piece]]:
    """Groups (left to right) with a vertical headline (竖题: headline characters stacked in a column of
    their own) moved before the columns of text to its left that start where it starts and carry no
    headline of their own: its story's text."""
    out = list(groups)
    for k in range(1, len(out)):
        g = out[k]
        text = [p for p in g if p.text]
        if len(text) < 2 or not all(t.heading(p.size) and len(p.text) <= 2 for p in text):
            continue
        top = max(p.y1 for p in text)
        if top - min(p.y0 for p in text) < 2 * (max(p.x1 for p in text) - min(p.x0 for p in text)):
            continue
        first = k
        while first > 0 and all(not p.text or not t.heading(p.size) for p in out[first - 1]) \
                and abs(max(p.y1 for p in out[first - 1]) - top) < 2 * t.body:
            first -= 1
        out.insert(first, out.pop(k))
    return out


def _headlines_down(groups: list[list[Piece]], t: Typesetting) -> list[list[Piece]]:
    """A group made only of headings (and kickers) joined to the group under it when together they fall
    apart at gutters: headlines of stories side by side, each to go with its own story."""
    out: list[list[Piece]] = []
    carry: list[Piece] = []
    for g in groups:
        if all(p.text and t.heading(p.size) for p in g):
            carry += g
        elif carry and len(_split(carry + g, True, GUTTER * t.body)) > 1:
            out.append(carry + g)
            carry = []
        else:
            out += [carry, g] if carry else [g]
            carry = []
    if carry:
        out.append(carry)
    return out


def _lines_together(groups: list[list[Piece]], t: Typesetting) -> list[list[Piece]]:
    """Bands of running text (and subheads) as far apart as the region's closest two such bands (its
    leading) joined: a small gap separates a headline from its text, not a line from the next."""
    def running(g: list[Piece]) -> bool:
        text = [p for p in g if p.text]  # a caption's or a photo's box may share a band with the first lines
        return bool(text) and all(t.text_like(p.size) for p in text)

    rows = [running(g) for g in groups]
    gaps = [min(p.y0 for p in a) - max(p.y1 for p in b) for a, b in zip(groups, groups[1:])]
    leading = min((gap for gap, a, b in zip(gaps, rows, rows[1:]) if a and b), default=None)
    if leading is None:
        return groups
    out = [groups[0]]
    for g, gap, a, b in zip(groups[1:], gaps, rows, rows[1:]):
        if a and b and gap <= 1.3 * leading:
            out[-1] = out[-1] + g
        else:
            out.append(g)
    return out


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
        if text and part and spaced(text, part):
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
        restyled = prev is not None and (abs(line.size - prev.size) > 0.05 * prev.size or line.heavy != prev.heavy)
        if buf and (indented or after_short or restyled):  # a subhead is a paragraph of its own
            paragraphs.append(_join(buf))
            buf = []
        buf.append(line.text)
        prev, prev_right = line, right
    if buf:
        paragraphs.append(_join(buf))
    return paragraphs


def _masthead(bands: list[list[Piece]]) -> bool:
    """A paper's name (…报, …刊) in large type, or large type with a date or 第1版 printed with it or
    right under it: not a banner headline at the top of a page."""
    name = max(bands[0], key=lambda p: p.size).text
    return bool(re.search(r"[报刊]", name)) or any(is_running_head(p.text) for band in bands for p in band)


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
            and max(p.size for p in bands[0]) >= 2.2 * body and len(bands[0]) <= 8 and _masthead(bands[:2]):
        heads += bands[0]
        paper = max(bands[0], key=lambda p: p.size).text.replace(" ", "")
    if len(bands) > 1 and max(p.y1 for p in bands[-1]) < height * _FOOTER_ZONE and all(p.size <= body for p in bands[-1]):
        heads += bands[-1]
    return heads, paper


def _read_leaf(leaf: list[Piece], t: Typesetting, drafts: list[Draft]) -> None:
    """Add a region's lines to the stories being read: a heading starts a story unless it is a line
    barely larger than the running text inside one (a subhead: it stays in the story as a paragraph)."""
    text = _same_line(p for p in leaf if p.text)  # not the photos and frames
    if not text:
        return
    size = Counter(p.size for p in text if t.running(p.size)).most_common(1)
    size = size[0][0] if size else t.body  # the type of the region's running text
    left = min((p.x0 for p in text if abs(p.size - size) <= 0.1 * size), default=0.0)
    right = max((p.x1 for p in text if abs(p.size - size) <= 0.1 * size), default=0.0)
    headings = [t.heading(p.size) and p.size >= 1.1 * size for p in text]
    kickers = _kickers(text, headings, t, drafts)
    for i, p in enumerate(text):
        after = text[i + 1] if i + 1 < len(text) else None
        subhead = (headings[i] and p.size < _SUBHEAD * size and drafts and drafts[-1].lines
                   and (after is None or not t.heading(after.size)) and p.x1 - p.x0 <= right - left + size)
        if kickers[i] or (headings[i] and not subhead):
            if not drafts or drafts[-1].lines:
                drafts.append(Draft())
            drafts[-1].headings.append(p)
        else:  # running text, or a subhead in it
            if not drafts:
                drafts.append(Draft())
            drafts[-1].lines.append((p, left, right))


def _same_line(ps: Iterable[Piece]) -> list[Piece]:
    """Pieces of one line of a region joined again (a wide word space in a justified line split it)."""
    out: list[Piece] = []
    for p in ps:
        q = out[-1] if out else None
        if q is not None and abs(q.y0 - p.y0) < 0.3 * p.size and q.size == p.size and 0 <= p.x0 - q.x1 < 2 * p.size:
            out[-1] = merged(q, p, " ")
        else:
            out.append(p)
    return out


def _kickers(text: list[Piece], headings: list[bool], t: Typesetting, drafts: list[Draft]) -> list[bool]:
    """Kickers and subtitles set in the type of a story set large (so not headings by their size): a
    short line without punctuation alone in its region or right above a headline, or a ——subtitle
    right under one."""
    out = []
    for i, p in enumerate(text):
        near = len(text) == 1 or (i + 1 < len(text) and headings[i + 1]) or (
            bool(_SUBTITLE.match(p.text)) and ((i > 0 and headings[i - 1]) or (bool(drafts) and not drafts[-1].lines)))
        out.append(not headings[i] and p.size >= 1.1 * t.body and len(p.text) <= 12 and not _PROSE.search(p.text)
                   and near)
    return out


def _typesetting(ps: list[Piece], small_text: list[Piece], body: float) -> Typesetting:
    """The body size, the sizes of small running text, and larger sizes that set running text too:
    lines of sentences (a lead story set larger than the rest), not a few headlines."""
    larger: dict[float, list[Piece]] = {}
    for p in ps:
        if p.size >= 1.1 * body:
            larger.setdefault(p.size, []).append(p)
    sizes = {body} | {p.size for p in small_text}
    for size, lines in larger.items():
        prose = [p for p in lines if len(p.text) >= 8 and _PROSE.search(p.text)]
        # three lines of sentences, one ending (headlines carry commas at most, and no full stop)
        if len(prose) >= 3 and sum(len(p.text) for p in prose) >= 50 and any("。" in p.text for p in prose):
            sizes.add(size)
    return Typesetting(body, tuple(sorted(sizes)))


def split_pdf_page(glyphs: Sequence[Glyph], width: float, height: float, page: int = 1,
                   boxes: Sequence[tuple[float, float, float, float]] = ()) -> PageText:
    """The articles of one page, in reading order, and its running head's text.  ``boxes`` (photos,
    figures, drawn frames and rules) take part in the reading order as solid regions without text: a
    photo under a headline keeps the headline with its story."""
    all_pieces = [p for p in pieces(glyphs) if p.text]
    if not all_pieces:
        return PageText((), "")
    body = body_size(all_pieces)
    header, paper = _running_heads(all_pieces, height, body)
    header_ids = {id(p) for p in header}
    frames = [b for b in boxes if (b[2] - b[0]) * (b[3] - b[1]) < 0.5 * width * height and b[2] - b[0] > body
              and b[3] - b[1] > body]
    # captions and credits are no story's text: like photos, they shape the page (a caption fills the
    # gap between a photo and the text under it) but are not read
    read, small_text, notes = set_aside([p for p in all_pieces if id(p) not in header_ids], frames, body)
    solids = [solid(*box) for box in frames]
    top, bottom = max((p.y1 for p in read + notes), default=0.0), min((p.y0 for p in read + notes), default=0.0)
    solids += [solid(x0, y0, x1, y1, "across" if x1 - x0 > y1 - y0 else "down") for x0, y0, x1, y1 in boxes
               if min(x1 - x0, y1 - y0) < 2 and max(x1 - x0, y1 - y0) >= 3 * body and bottom < y0 and y1 < top]
    solids += [solid(p.x0, p.y0, p.x1, p.y1) for p in notes]
    content = read + solids
    drafts: list[Draft] = []
    t = _typesetting(content, small_text, body)
    for leaf in reading_order(content, t):
        owner = owner_of(leaf, t, drafts)
        if owner is not None:  # the columns of a story that wraps around another one, or one under its headline
            drafts.append(drafts.pop(owner))
        _read_leaf(leaf, t, drafts)
    articles = []
    for d in drafts:
        paragraphs = _paragraphs(d.lines)
        if not paragraphs:
            continue
        title, kicker = _title_parts(d.headings)
        articles.append(PageArticle(title or fallback_title(paragraphs), tuple(paragraphs), kicker, page, page))
    header_text = " ".join(p.text for p in sorted(header, key=lambda p: (-p.y1, p.x0)))
    return PageText(tuple(articles), header_text, paper)
