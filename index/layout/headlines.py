"""Headline units and their stories (passes 3 and 4 of the layout analysis): heading lines are grouped
into units and each story gets the unit that best matches its text, helped by position."""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter

from .thread import word_across
from .lines import (_CONNECT_END, _CONNECT_START, _STRIP_FOR_MATCH, _ends_sentence, _Line, _Story, _width_of,
                    names_first)

_MATCH_THRESHOLD = 0.3
_NO_MATCH = 0.1
_WEAK_MATCH = 0.05  # enough for a leftover headline and a story left without one
_ABOVE_BONUS = 0.3
_NAMED_BONUS = 0.4  # a story whose lead names a headline's subject first (more than a banner gets for standing above)
_BELOW_BONUS = 0.2
_KICKER_MAX = 7
_BANNER_MAX = 5  # characters of a section banner over a headline (文化惠民, 奋进新征程)
_IN_FULL = 0.9  # a headline a story names in full
_NAMES_ANOTHER = 0.5  # a subhead that matches another story this well (and its own hardly) is its headline
_BULLET_HEAD = re.compile(r"^[■●◆▲□]")  # a bulleted subhead ("● 服务延伸到基层") is never a headline
# nor is a bulleted or numbered one, whose form says it is a subhead wherever it was printed
_SUBHEAD_FORM = re.compile(r"^(?:[■●◆▲]\s*[\u4e00-\u9fff]|[一二三四五六七八九十]{1,3}、|【[^】]{2,10}】$)")


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
        if not separate and not (line.text[0] in _CONNECT_START + "：:" or prev.text[-1] in _CONNECT_END
                                 or len(line.text) < len(prev.text) and word_across(prev.text, line.text)):
            # (a headline wrapped inside a word: 白鸟百合子走进千 / 家万户)
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


_HAN_PAIR = re.compile(r"^[\u4e00-\u9fff]{2}$")


class _Matcher:
    """Scores how well a headline's words are found in each story (idf-weighted bigrams)."""

    def __init__(self, stories: list[_Story]) -> None:
        self.texts = [_STRIP_FOR_MATCH.sub("", unicodedata.normalize("NFKC", "".join(l.text for l in s.lines))) for s in stories]
        grams = [set(_bigrams(t)) for t in self.texts]
        df: Counter[str] = Counter(g for gs in grams for g in gs)
        n = len(stories)
        self.n = n
        self.idf = {g: math.log(1 + n / c) for g, c in df.items()}
        self.default_idf = math.log(1 + n / 0.5) if n else 1.0
        self.stories_with: dict[str, list[int]] = {}  # bigram -> the stories that hold it
        for s, gs in enumerate(grams):
            for g in gs:
                self.stories_with.setdefault(g, []).append(s)

    def scores(self, text: str) -> dict[int, float]:
        """Per story that shares a bigram with the text (the others score 0), the idf-weighted share of
        the text's bigrams found in it (each occurrence counts)."""
        grams = _bigrams(text)
        if not grams or not self.n:
            return {}
        weights = [self.idf.get(g, self.default_idf) for g in grams]
        total = sum(weights)
        found: dict[int, float] = {}
        for g, w in zip(grams, weights):  # in the text's order: the same sums as story by story
            for s in self.stories_with.get(g, ()):
                found[s] = found.get(s, 0.0) + w
        return {s: f / total for s, f in found.items()}

    def best(self, text: str, prefer: int = -1) -> tuple[int, float]:
        """The story the text matches best (on a tie ``prefer`` if it is among them, else the first) and its score."""
        scores = self.scores(text)
        if not scores:
            return (0, 0.0) if self.n else (-1, 0.0)
        top = max(scores.values())
        return prefer if scores.get(prefer) == top else min(s for s, v in scores.items() if v == top), top

    def different_units(self, unit: list[_Line], line: _Line) -> bool:
        """Two heading lines printed one under the other belong to different headlines when they
        clearly match different stories, or when one matches a story and the other none."""
        head = _unit_text(unit)
        a, sa = self.best(head)
        b, sb = self.best(line.text, prefer=a)  # a tie with the story the head matches: the same headline
        across = head[-1:] + line.text[:1]
        if sa >= _MATCH_THRESHOLD and _HAN_PAIR.match(across) and across in self.texts[a]:
            return False  # a word of the story the head names runs across the line's end (圣保罗座 / 堂…)
        if len(line.text) < len(head) and not re.search(r"[，。！？：、；—\s]$", head) \
                and (sb < _MATCH_THRESHOLD or len(_bigrams(line.text)) < 2 and sa >= _MATCH_THRESHOLD
                     and len(head) > _BANNER_MAX):  # (one pair tells no story: 白鸟百合子引发 / 关注)
            return False  # the rest of a headline wrapped at the column's edge
        if min(sa, sb) >= _MATCH_THRESHOLD:
            return a != b
        banner = len(head) <= _BANNER_MAX and sa < _MATCH_THRESHOLD  # short, matching no story well (文化惠民)
        if (sa == 0 and sb >= _NO_MATCH or banner) and len(head) < len(line.text):
            return True  # a banner over a headline ("奋进新征程" / "邹游：新的进展"): a wrapped title's first line is the longer
        if banner and sb >= _IN_FULL:
            return True  # a banner over a short headline that a story names in full ("科技前沿" / "陈荣捷")
        return max(sa, sb) >= _MATCH_THRESHOLD and min(sa, sb) < _NO_MATCH




def free_headlines(stories: list[_Story], runs: list[list[_Line]], matcher: _Matcher) -> tuple[list[_Story], list[list[_Line]]]:
    """A subhead that names the subject of a story printed soon after it (three stories at most: half its
    words, or fewer when that story's lead names its subject first) and hardly its own is that story's
    headline, printed between the paragraphs of the story before it, when no headline on the page names that
    story: it goes back to the headline runs (in page order).  So does a
    heading printed where the story's text stops mid-sentence (no subhead stands there: a headline, or a
    banner no story takes: ``因第`` + ``科技赋能 提质增效`` + ``二次世界大战``) or after its last line."""
    headed = {s for run in runs for line in run for s, v in matcher.scores(line.text).items() if v >= _MATCH_THRESHOLD}
    out: list[_Story] = []
    freed: list[list[_Line]] = []
    for n, story in enumerate(stories):
        kept: list[_Line | list[_Line]] = []
        before: _Line | None = None  # the story's line printed last before the item
        tail = max((k for k, it in enumerate(story.items) if isinstance(it, _Line)), default=-1)
        closing = _paragraph_ends(story.lines)
        moving: list[list[_Line]] = []  # subheads printed inside a sentence, on their way to its paragraph's end
        for k, it in enumerate(story.items):
            if isinstance(it, _Line):
                before = it
                kept.append(it)
                if moving and id(it) in closing:
                    kept += moving
                    moving = []
                continue
            if before is not None and k < tail and _mid_sentence(before) and _SUBHEAD_FORM.match(it[0].text):
                moving.append(it)  # (■ 加强统筹协调 printed between a paragraph's first line and its rest)
                continue
            if before is None or k > tail or _mid_sentence(before):  # above all the story's text (its rest was
                # printed under it, its lead elsewhere), no text after it (moved away), or inside a sentence
                freed.append(it)
                continue
            scores = matcher.scores(_unit_text(it))
            best = max(scores, key=scores.__getitem__, default=n)
            names = scores.get(best, 0.0) >= _NAMES_ANOTHER or scores.get(best, 0.0) >= _MATCH_THRESHOLD \
                and _named_first(stories[best].lines[0].text, _subject(_unit_text(it)))  # (大沙地站引发关注)
            if n < best <= n + 3 and best not in headed and names \
                    and scores.get(n, 0.0) < _NO_MATCH and not _BULLET_HEAD.match(it[0].text):
                freed.append(it)
            else:
                kept.append(it)
        freed += moving  # no paragraph ends after them
        out.append(story if kept == story.items else _Story(story.lines, kept))
    return out, sorted(runs + freed, key=lambda run: run[0].no) if freed else runs


def _paragraph_ends(lines: list[_Line]) -> set[int]:
    """The lines (by id) that end a paragraph before the story's last line: a sentence ends there and the
    next line is in another block, or the line stops short of the column."""
    column = _width_of(lines) or max((l.width for l in lines), default=0.0)
    return {id(a) for a, b in zip(lines, lines[1:])
            if _ends_sentence(a.text) and (a.block != b.block or a.width < column - 1.5)}


def _mid_sentence(before: _Line | None) -> bool:
    """A heading printed after this line of its story stands where the text stops mid-sentence: no subhead
    stands there (after a colon one may: ``主要措施如下：`` / ``一、聚焦重点任务``)."""
    return before is not None and not _ends_sentence(before.text) and not before.text.endswith(("：", ":"))


def _is_kicker_size(text: str) -> bool:
    return len(_STRIP_FOR_MATCH.sub("", text)) <= _KICKER_MAX


def _named_first(lead: str, subject: str) -> bool:
    """Whether a lead names a headline's subject first: all of it, or (no colon told where it ends) a name of
    three characters or of two and a bracket (``张世昌走进千家万户`` / ``康巴什讯 （王小明） 张世昌（），…``)."""
    return names_first(lead, subject) or len(subject) == 4 and (
        names_first(lead, subject[:3]) or names_first(lead, subject[:2] + "（"))


def _subject(head: str) -> str:
    """A headline's subject, as a lead names it first: its words before the colon, four characters at most
    (``赵鹏：新的进展`` / ``本报讯 记者吴静 赵鹏（），…``)."""
    return _STRIP_FOR_MATCH.sub("", head.split("：")[0])[:4]


class _Layout:
    """Where units and stories lie on the page, to ask in O(log n) whether anything lies between two
    lines (units are disjoint runs of lines, so sorted by start they are sorted by end too)."""

    def __init__(self, stories: list[_Story], units: list[list[_Line]]) -> None:
        spans = sorted((u[0].no, u[-1].no) for u in units)
        self.unit_starts = [a for a, _ in spans]
        self.unit_ends = [b for _, b in spans]
        self.story_edges = sorted(n for s in stories for n in (s.lines[0].no, s.lines[-1].no))
        self.story_firsts = [s.lines[0].no for s in stories]  # stories are in page order
        self.story_lasts = [s.lines[-1].no for s in stories]

    def between(self, lo: int, hi: int) -> bool:
        """A unit wholly inside (lo, hi), or a story's first or last line strictly inside it."""
        i = bisect.bisect_right(self.unit_starts, lo)
        if i < len(self.unit_starts) and self.unit_ends[i] < hi:
            return True
        return self.edge_between(lo, hi)

    def edge_between(self, lo: int, hi: int) -> bool:
        """A story's first or last line strictly inside (lo, hi)."""
        j = bisect.bisect_right(self.story_edges, lo)
        return j < len(self.story_edges) and self.story_edges[j] < hi


def _position_bonus(unit: list[_Line], story: _Story, layout: _Layout) -> float:
    first, last = story.lines[0], story.lines[-1]
    if unit[-1].block == first.block and unit[-1].no < first.no:
        return 1.0  # printed on top of its story with no gap
    if unit[-1].no < first.no and not layout.between(unit[-1].no, first.no):
        return _ABOVE_BONUS  # the nearest headline above the story
    if unit[0].no > last.no and not layout.between(last.no, unit[0].no):
        return _BELOW_BONUS  # the nearest headline below the story
    return 0.0


def _bonuses(unit: list[_Line], stories: list[_Story], layout: _Layout) -> dict[int, float]:
    """The stories this unit's position favours: only the story right after it (and others starting in
    its block, for a headline glued on top) and the one right before it can be without anything between."""
    out: dict[int, float] = {}
    after = bisect.bisect_right(layout.story_firsts, unit[-1].no)
    j = after
    while j < len(stories) and (j == after or stories[j].lines[0].block == unit[-1].block):
        out[j] = _position_bonus(unit, stories[j], layout)
        j += 1
    before = bisect.bisect_left(layout.story_lasts, unit[0].no) - 1
    if before >= 0 and before not in out:
        out[before] = _position_bonus(unit, stories[before], layout)
    return {s: bonus for s, bonus in out.items() if bonus}


def _kicker_over(unit: list[_Line], headline: list[_Line], matcher: _Matcher) -> bool:
    """A short line over a longer one that names the same story (河口镇 / 大棚草莓喜获丰收) is a kicker."""
    text, under = _unit_text(unit), _unit_text(headline)
    return _is_kicker_size(text) and len(under) > len(text) and matcher.best(text)[0] == matcher.best(under)[0]


def _stacked(units: list[list[_Line]], layout: _Layout, matcher: _Matcher) -> dict[int, list[int]]:
    """Headlines printed one after another with no story between them (pdfminer.six prints the heads of
    stories set side by side together): the last of them, one per story that follows before the next
    headline, are each as much above those stories as the last one is.  Unit -> those stories."""
    out: dict[int, list[int]] = {}
    i = 0
    while i < len(units):
        j = i
        while j + 1 < len(units) and not layout.edge_between(units[j][-1].no, units[j + 1][0].no):
            j += 1
        if j > i:
            after = bisect.bisect_right(layout.story_firsts, units[j][-1].no)
            stop = units[j + 1][0].no if j + 1 < len(units) else math.inf
            below = [s for s in range(after, min(after + j - i + 1, len(layout.story_firsts)))
                     if layout.story_firsts[s] < stop]
            if len(below) > 1:  # the last headlines, one per story (the first ones: a banner, an ad)
                heads = [u for u in range(i, j + 1) if u == j or not _kicker_over(units[u], units[u + 1], matcher)]
                out.update((u, below) for u in heads[-len(below):])
        i = j + 1
    return out


def _assign_titles(stories: list[_Story], units: list[list[_Line]], matcher: _Matcher,
                   untitled: frozenset[int] = frozenset()) -> list[tuple[str | None, str | None]]:
    """Return (title, kicker) for each story; the ``untitled`` ones (a 简讯 column's items) take none."""
    texts = [_unit_text(u) for u in units]
    layout = _Layout(stories, units)
    content = [{s: v for s, v in matcher.scores(text).items() if s not in untitled} for text in texts]
    near = [{s: b for s, b in _bonuses(unit, stories, layout).items() if s not in untitled} for unit in units]
    fit = [dict(row) for row in content]
    for u, row in enumerate(near):
        for s, bonus in row.items():
            fit[u][s] = fit[u].get(s, 0.0) + bonus
    # a story whose lead names a headline's subject first fits it better
    subjects = [_subject(text) for text in texts]
    named = [{s for s in row if len(subjects[u]) >= 2 and stories[s].lines and
              _named_first(stories[s].lines[0].text, subjects[u])} for u, row in enumerate(content)]
    for u, stories_named in enumerate(named):
        for s in stories_named:
            fit[u][s] += _NAMED_BONUS
    for u, below in _stacked(units, layout, matcher).items():
        for s in below:
            if s not in untitled and near[u].get(s, 0.0) < _ABOVE_BONUS:  # (the lead's naming still counts)
                fit[u][s] = content[u].get(s, 0.0) + _ABOVE_BONUS + (_NAMED_BONUS if s in named[u] else 0.0)
                near[u][s] = _ABOVE_BONUS
    # One headline and one kicker per story, best fits first (a unit is used once); a pair below the
    # weakest match never takes part.
    titles: dict[int, int] = {}
    kickers: dict[int, int] = {}
    used: set[int] = set()
    pairs = sorted(((score, u, s) for u, row in enumerate(fit) for s, score in row.items() if score >= _WEAK_MATCH),
                   reverse=True)
    for score, u, s in pairs:
        if score < _MATCH_THRESHOLD:
            break
        if u in used:
            continue
        matched = content[u].get(s, 0.0)
        glued = near[u].get(s, 0.0) >= 1.0
        if not glued and any(t not in titles and v >= _MATCH_THRESHOLD and v > 2 * matched + _NO_MATCH
                             for t, v in content[u].items()):
            continue  # it names another story clearly, where it stands says less (stacked headlines)
        right_above = near[u].get(s, 0.0) >= _ABOVE_BONUS  # nothing between it and the story
        if not _is_kicker_size(texts[u]) or (right_above or s in named[u]) and matched >= _NO_MATCH and s not in titles:
            if s not in titles and (glued or matched >= _WEAK_MATCH):
                titles[s] = u
                used.add(u)
        elif s not in kickers and matched >= _NO_MATCH and matched == max(content[u].values()):
            kickers[s] = u
            used.add(u)
    # A story left without a headline takes a leftover one that fits it clearly better than any
    # other story still without one.
    for score, u, s in pairs:
        short = _is_kicker_size(texts[u])  # a short headline ("赵鹏引发关注") only where it clearly belongs
        if u in used or s in titles or content[u].get(s, 0.0) < (_NO_MATCH if short else _WEAK_MATCH) \
                or short and (s in kickers or content[u][s] < max(content[u].values())):
            continue
        others = max(
            (fit[u][t] for t, c in content[u].items() if t != s and t not in titles and c >= _WEAK_MATCH),
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
