"""A PDF page's glyphs -> pieces: runs of characters on one line that do not cross a gutter (a gap wider
than ~1 em; in headline type also a gap over a gutter of the text below); letter-spaced headlines are one
piece, and a gap of a word space in Latin text is a space."""

from __future__ import annotations

import math
from collections import Counter
from typing import Sequence

from .glyphs import Glyph, Piece

__all__ = ["GUTTER", "pieces", "merged"]

GUTTER = 0.7  # ems: a gap this wide between characters on a line is a gutter (some papers set them narrow)


def _is_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def pieces(glyphs: Sequence[Glyph]) -> list[Piece]:
    """Lines of glyphs of one size (built along each line, read in rows top to bottom), split where the gap
    is wider than about an em (of the body type at most: two headlines side by side are a gutter apart, not
    a headline's em), and headlines where a gap lies over a gutter of the text under them."""
    spaces = [g for g in glyphs if g.text == " "]
    glyphs = [g for g in glyphs if g.text != " "]
    sizes: Counter[float] = Counter(g.size for g in glyphs)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    runs = [run for row in _rows(_lines(glyphs, body)) for line in row for run in _runs(line, body)]
    text = [(min(g.x0 for g in run), max(g.x1 for g in run), min(g.y0 for g in run))
            for run in runs if abs(run[0].size - body) <= 0.1 * body]
    out = [_piece(part) for run in runs
           for part in (_at_gutters(run, text, spaces, body) if run[0].size >= 1.2 * body else [run])]
    return _join_spaced(out, body)


def _centre(g: Glyph) -> float:
    return (g.y0 + g.y1) / 2


_BAND = 2.0  # points: lines that may go on are looked up by their first character's centre, in bands this high


def _lines(glyphs: list[Glyph], body: float) -> list[list[Glyph]]:
    """Glyphs -> lines, built along each line from left to right: a glyph carries on the line whose last
    character ends at most a gutter to its left, of about its size, centred within a third of it (digits
    and Latin set in another face sit a little higher or lower); of several, the nearest centre.  Built
    across the whole page instead, a row let a line of the next column printed a point higher take half of
    a line's characters (教堂1913始建于年)."""
    lines: list[list[Glyph]] = []
    bands: dict[int, list[int]] = {}  # band of a line's first centre -> the lines that may still go on
    farthest = GUTTER * 1.5 * body
    for g in sorted(glyphs, key=lambda g: (g.x0, -_centre(g))):
        centre, reach = _centre(g), GUTTER * min(g.size, 1.5 * body)
        best, nearest = -1, math.inf
        low, high = math.floor((centre - 0.35 * g.size) / _BAND), math.floor((centre + 0.35 * g.size) / _BAND)
        for band in range(low, high + 1):
            going = bands[band] = [i for i in bands.get(band, ()) if g.x0 - lines[i][-1].x1 <= farthest]
            for i in going:
                first, gap = lines[i][0], g.x0 - lines[i][-1].x1
                off = abs(_centre(first) - centre)
                if off < nearest and off <= 0.35 * min(first.size, g.size) \
                        and abs(first.size - g.size) <= 0.15 * first.size and -0.5 * g.size <= gap <= reach:
                    best, nearest = i, off
        if best < 0:
            bands.setdefault(math.floor(centre / _BAND), []).append(len(lines))
            lines.append([g])
        else:
            lines[best].append(g)
    return lines


def _rows(lines: list[list[Glyph]]) -> list[list[list[Glyph]]]:
    """Lines -> rows of lines about one centre, top to bottom, each row's lines left to right: the order
    pieces are read in (a letter-spaced headline's characters, each a line of its own, stay together)."""
    rows: list[list[list[Glyph]]] = []
    open_rows: list[tuple[float, float, list[list[Glyph]]]] = []  # (centre, size, lines), the rows still near
    for line in sorted(lines, key=lambda line: (-_centre(line[0]), line[0].x0)):
        centre, size = _centre(line[0]), line[0].size
        open_rows = [r for r in open_rows if r[0] - centre <= 0.5 * r[1]]
        for c, s, row in open_rows:
            if abs(c - centre) <= 0.35 * min(s, size) and abs(s - size) <= 0.15 * s:
                row.append(line)
                break
        else:
            rows.append([line])
            open_rows.append((centre, size, rows[-1]))
    return [sorted(row, key=lambda line: line[0].x0) for row in rows]


def _runs(row: list[Glyph], body: float) -> list[list[Glyph]]:
    """A row's glyphs split at gutters; in headline type also at a wide gap where the letter-spacing
    changes (a spread headline ends, another starts a gutter further on)."""
    row.sort(key=lambda g: g.x0)
    gaps = [0.0] + [g.x0 - prev.x1 for prev, g in zip(row, row[1:])] + [0.0]
    runs: list[list[Glyph]] = [[]]
    for i, g in enumerate(row):
        gap = gaps[i]
        if runs[-1] and (gap > GUTTER * min(g.size, 1.5 * body)
                         or (g.size >= 1.2 * body and gap > 0.5 * g.size and 0 < i < len(row) - 1
                             and abs(gaps[i - 1] - gaps[i + 1]) > 0.25 * g.size)):
            runs.append([])
        runs[-1].append(g)
    return runs


def _at_gutters(run: list[Glyph], text: list[tuple[float, float, float]], spaces: list[Glyph],
                body: float) -> list[list[Glyph]]:
    """A headline run split where a gap lies over a gutter of the text right under it: two headlines
    of stories side by side, a gutter apart (not where the PDF prints a space: a word space)."""
    bottom, top = min(g.y0 for g in run), max(g.y1 for g in run)
    under = [(x0, x1) for x0, x1, y0 in text if bottom - 10 * body < y0 < bottom]
    blanks = [s for s in spaces if bottom - 1 < (s.y0 + s.y1) / 2 < top + 1]
    parts: list[list[Glyph]] = [[run[0]]]
    for prev, g in zip(run, run[1:]):
        a, b = prev.x1, g.x0
        if b - a >= 0.6 * body and under and not any(a - 1 <= s.x0 and s.x1 <= b + 1 for s in blanks) \
                and any(x1 <= a + 0.3 * body for x0, x1 in under) \
                and any(x0 >= b - 0.3 * body for x0, x1 in under) and not any(x0 < (a + b) / 2 < x1 for x0, x1 in under):
            parts.append([])
        parts[-1].append(g)
    return parts


def _join_spaced(ps: list[Piece], body: float) -> list[Piece]:
    """A short headline letter-spaced across its columns (``春 风 化 雨``): single large characters on
    one row, of one size and as far apart as the characters of the run so far, are one piece."""
    out: list[Piece] = []
    for p in ps:
        q = out[-1] if out else None
        if (q is not None and p.size >= 1.2 * body and abs(q.size - p.size) < 0.05 * p.size
                and abs(q.y0 - p.y0) < 0.3 * p.size and 0 <= p.x0 - q.x1 <= 1.2 * p.size
                and _evenly_after(q, p)):
            out[-1] = merged(q, p, "")
        else:
            out.append(p)
    return out


def merged(q: Piece, p: Piece, sep: str) -> Piece:
    """Two pieces of one line, p right of q, as one."""
    return Piece(q.text + sep + p.text, q.x0, min(q.y0, p.y0), p.x1, max(q.y1, p.y1), q.size, q.font)


def _evenly_after(q: Piece, p: Piece) -> bool:
    """Both pieces letter-spaced (or single characters), and p as far from q as their characters are apart."""
    spacings = (_spacing(q), _spacing(p))
    return None not in spacings and all(abs(p.x0 - q.x1 - s) < 0.25 * p.size for s in spacings if s >= 0)


def _spacing(p: Piece) -> float | None:
    """The space between the characters of a letter-spaced piece (-1 for one character); None when
    they are set close (not letter-spaced)."""
    n = len(p.text.replace(" ", ""))
    if n == 1:
        return -1.0
    spacing = (p.x1 - p.x0 - n * p.size) / (n - 1)
    return spacing if spacing > 0.3 * p.size else None


def _piece(glyphs: Sequence[Glyph]) -> Piece:
    gaps = [g.x0 - prev.x1 for prev, g in zip(glyphs, glyphs[1:])]
    # evenly spaced characters are letter-spacing (a spread headline, a justified short line), not words
    spread = len(gaps) >= 2 and max(gaps) - min(gaps) < 0.15 * glyphs[0].size
    text = glyphs[0].text
    for prev, g, gap in zip(glyphs, glyphs[1:], gaps):
        word_gap = gap > 0.18 * g.size and not (spread and not _is_alnum(prev.text[-1]) and not _is_alnum(g.text[0]))
        if word_gap and not text.endswith(" "):  # a space is ~0.2-0.5 em
            text += " "
        text += g.text
    sizes = Counter(g.size for g in glyphs)
    fonts = Counter(g.font for g in glyphs)
    return Piece(text.strip(), min(g.x0 for g in glyphs), min(g.y0 for g in glyphs), max(g.x1 for g in glyphs),
                 max(g.y1 for g in glyphs), sizes.most_common(1)[0][0], fonts.most_common(1)[0][0])
