"""Headline units and their stories (passes 3 and 4 of the layout analysis): heading lines are grouped
into units and each story gets the unit that best matches its text, helped by position."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

from .lines import _CONNECT_END, _CONNECT_START, _STRIP_FOR_MATCH, _Line, _Story

_MATCH_THRESHOLD = 0.3
_NO_MATCH = 0.1
_WEAK_MATCH = 0.05  # enough for a leftover headline and a story left without one
_ABOVE_BONUS = 0.3
_BELOW_BONUS = 0.2
_KICKER_MAX = 7


def _bigrams(text: str) -> list[str]:
    s = _STRIP_FOR_MATCH.sub("", unicodedata.normalize("NFKC", text))
    return [s[i : i + 2] for i in range(len(s) - 1)] or ([s] if s else [])


def _is_subtitle(text: str) -> bool:
    return text.startswith(("——", "—", "--"))


def _split_units(run: list[_Line], match: _Matcher) -> list[list[_Line]]:
    """Group the lines of one heading run into headline units."""
    units: list[list[_Line]] = [[run[0]]]
    for line in run[1:]:
        prev = units[-1][-1]
        joined = _unit_text(units[-1]) + line.text
        separate = (
            _is_subtitle(line.text)
            or line.raw[:1].isspace()
            or prev.width < 0.6 * line.width
            or len(joined) > 48
        )
        if not separate and not (line.text[0] in _CONNECT_START or prev.text[-1] in _CONNECT_END):
            separate = match.different_units(units[-1], line)
        if separate:
            units.append([line])
        else:
            units[-1].append(line)
    return units


def _unit_text(unit: list[_Line]) -> str:
    text = unit[0].text
    for prev, line in zip(unit, unit[1:]):
        both_clauses = (
            len(prev.text) >= 6
            and len(line.text) >= 6
            and line.text[0] not in _CONNECT_START + "“‘「《\"("
            and prev.text[-1] not in _CONNECT_END
            and not re.search(r"[0-9A-Za-z]$", prev.text)
        )
        text += (" " if both_clauses else "") + line.text
    return text


class _Matcher:
    """Scores how well a headline's words are found in each story (idf-weighted bigrams)."""

    def __init__(self, stories: list[_Story]) -> None:
        self.texts = [_STRIP_FOR_MATCH.sub("", unicodedata.normalize("NFKC", "".join(l.text for l in s.lines))) for s in stories]
        grams = [set(_bigrams(t)) for t in self.texts]
        df: Counter[str] = Counter(g for gs in grams for g in gs)
        n = len(stories)
        self.grams = grams
        self.idf = {g: math.log(1 + n / c) for g, c in df.items()}
        self.default_idf = math.log(1 + n / 0.5) if n else 1.0

    def scores(self, text: str) -> list[float]:
        grams = _bigrams(text)
        if not grams or not self.grams:
            return [0.0 for _ in self.grams]
        weights = [self.idf.get(g, self.default_idf) for g in grams]
        total = sum(weights)
        return [sum(w for g, w in zip(grams, weights) if g in gs) / total for gs in self.grams]

    def best(self, text: str) -> tuple[int, float]:
        scores = self.scores(text)
        if not scores:
            return -1, 0.0
        i = max(range(len(scores)), key=scores.__getitem__)
        return i, scores[i]

    def different_units(self, unit: list[_Line], line: _Line) -> bool:
        """Two heading lines printed one under the other belong to different headlines when they
        clearly match different stories, or when one matches a story and the other none."""
        a, sa = self.best(_unit_text(unit))
        b, sb = self.best(line.text)
        if min(sa, sb) >= _MATCH_THRESHOLD:
            return a != b
        return max(sa, sb) >= _MATCH_THRESHOLD and min(sa, sb) < _NO_MATCH




def _is_kicker_size(text: str) -> bool:
    return len(_STRIP_FOR_MATCH.sub("", text)) <= _KICKER_MAX


def _position_bonus(unit: list[_Line], s: int, stories: list[_Story], units: list[list[_Line]]) -> float:
    first, last = stories[s].lines[0], stories[s].lines[-1]
    if unit[-1].block == first.block and unit[-1].no < first.no:
        return 1.0  # printed on top of its story with no gap
    between = lambda lo, hi: any(lo < o[0].no and o[-1].no < hi for o in units) or any(
        lo < t.lines[0].no < hi or lo < t.lines[-1].no < hi for t in stories
    )
    if unit[-1].no < first.no and not between(unit[-1].no, first.no):
        return _ABOVE_BONUS  # the nearest headline above the story
    if unit[0].no > last.no and not between(last.no, unit[0].no):
        return _BELOW_BONUS  # the nearest headline below the story
    return 0.0


def _assign_titles(stories: list[_Story], units: list[list[_Line]], matcher: _Matcher) -> list[tuple[str | None, str | None]]:
    """Return (title, kicker) for each story."""
    texts = [_unit_text(u) for u in units]
    fit = [
        [score + _position_bonus(unit, s, stories, units) for s, score in enumerate(matcher.scores(text))]
        for unit, text in zip(units, texts)
    ]
    content = [matcher.scores(text) for text in texts]
    # One headline and one kicker per story, best fits first (a unit is used once).
    titles: dict[int, int] = {}
    kickers: dict[int, int] = {}
    used: set[int] = set()
    pairs = sorted(((row[s], u, s) for u, row in enumerate(fit) for s in range(len(row))), reverse=True)
    for score, u, s in pairs:
        if score < _MATCH_THRESHOLD:
            break
        if u in used:
            continue
        glued = score - content[u][s] >= 1.0
        if not _is_kicker_size(texts[u]):
            if s not in titles and (glued or content[u][s] >= _WEAK_MATCH):
                titles[s] = u
                used.add(u)
        elif s not in kickers and content[u][s] >= _NO_MATCH and content[u][s] == max(content[u]):
            kickers[s] = u
            used.add(u)
    # A story left without a headline takes a leftover one that fits it clearly better than any
    # other story still without one.
    for score, u, s in pairs:
        if u in used or s in titles or _is_kicker_size(texts[u]) or content[u][s] < _WEAK_MATCH:
            continue
        others = max(
            (fit[u][t] for t in range(len(stories)) if t != s and t not in titles and content[u][t] >= _WEAK_MATCH),
            default=0.0,
        )
        if score >= _WEAK_MATCH and score >= 2 * others:
            titles[s] = u
            used.add(u)
    result: list[tuple[str | None, str | None]] = []
    for s in range(len(stories)):
        title_u, kicker_u = titles.get(s), kickers.get(s)
        if title_u is None and kicker_u is not None:
            title_u, kicker_u = kicker_u, None
        result.append((texts[title_u] if title_u is not None else None, texts[kicker_u] if kicker_u is not None else None))
    return result


# ---------------------------------------------------------------------------------------------
# Re-flow
