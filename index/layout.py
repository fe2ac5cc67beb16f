"""E-paper page text -> articles.

The text extracted from a newspaper PDF is a sequence of column lines separated by blank lines at
column breaks and paragraph ends, with headlines, kickers and section banners printed wherever the
page put them.  The analysis runs in four passes:

1. ``_classify``: each line is a body line or a heading line, using punctuation, the width of the
   surrounding column and story markers (bylines such as ``本报讯``, ``□作者``, ``XX讯``,
   ``（上接第X版）``; author tags such as ``（钱伟东）`` end a story).
2. ``_split_stories``: body lines are cut into stories at start markers, after end markers, and where a
   heading separates two columns of clearly different width.  Headings inside a story stay in it as
   subheads; the others become headline candidates.
3. ``_headline_units``: candidate lines are grouped into headline units (a title may wrap onto two
   lines; a kicker, a subtitle or a banner is a unit of its own).
4. ``_assign_titles``: each story gets the unit that best matches its text (idf-weighted character
   bigrams), helped by position (a headline printed right above its story).  Units that match no
   story well are section banners and belong to no article.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["PageArticle", "split_page", "display_width", "strip_byline"]

_SENTENCE_END = re.compile(r"[。！？!?…；;][”’」』）)》\"'\s]*$")
_CLAUSE_END = re.compile(r"[，,、：:；;—-]$")
_PROSE_PUNCT = re.compile(r"[。！？；]")
_COMMAS = re.compile(r"[，、,]")
_PUNCT_ANY = re.compile(r"[，、,。！？；：:;!?]")
_START_MARKERS = (
    re.compile(r"^本报(?:记者)?讯"),
    re.compile(r"^本报记者\s*\S"),
    re.compile(r"^(?:新华社|中新社)\S{0,16}电"),
    re.compile(r"^[\u4e00-\u9fff]{2,6}讯(?=[\s\u3000（(]|$)"),
    re.compile(r"^[□■◎●]\s*[\u4e00-\u9fff]"),
    re.compile(r"^[（(]上接第\S{1,3}版[）)]"),
    re.compile(r"^(?:文/图|文图|文|图)\s*[/／]\s*[\u4e00-\u9fff]"),
    re.compile(r"^记者\s*[\u4e00-\u9fff]{2,4}(?:\s|$)"),
)
_NAME_TAG = r"(?:本报)?(?:记者|通讯员|作者|实习生)?\s*[\u4e00-\u9fff·]{2,4}"
_END_MARKER = re.compile(
    r"(?:^|[。！？”’」』\s])\s*[（(]" + _NAME_TAG + r"(?:[\s、，,]+" + _NAME_TAG + r")*[）)]\s*$"
)
_CONTINUED = re.compile(r"[（(]下转第\S{1,3}版[）)]\s*$")
_CONNECT_START = "暨与和及并、的之—"
_CONNECT_END = "暨与和及并、的之：:"
_STRIP_FOR_MATCH = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z]")


@dataclass(frozen=True)
class PageArticle:
    """One story found on a page: its headline, optional kicker and re-flowed paragraphs."""

    title: str
    paragraphs: tuple[str, ...]
    kicker: str | None = None
    first_line: int = 0
    last_line: int = 0


@dataclass
class _Line:
    no: int  # 1-based line number in the page
    text: str  # stripped text
    raw: str
    block: int  # index of the blank-line separated block
    width: float
    heading: bool = False
    start: bool = False
    end: bool = False


@dataclass
class _Story:
    lines: list[_Line] = field(default_factory=list)
    items: list[_Line | list[_Line]] = field(default_factory=list)  # lines and subhead units


def display_width(text: str) -> float:
    """Printed width in full-width character cells (CJK and ambiguous count 1, ASCII 0.5)."""
    return sum(0.5 if unicodedata.east_asian_width(c) in "NaH" else 1.0 for c in text.strip())


def _is_start(text: str) -> bool:
    return any(p.search(text) for p in _START_MARKERS)


def _is_end(text: str) -> bool:
    return bool(_END_MARKER.search(text) or _CONTINUED.search(text))


def _read_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    block = 0
    previous_blank = True
    for no, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip().replace("\u3000", " ").strip()
        if not stripped:
            if not previous_blank:
                block += 1
            previous_blank = True
            continue
        previous_blank = False
        lines.append(_Line(no, stripped, raw, block, display_width(stripped)))
    return lines


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    out: list[list[_Line]] = []
    for line in lines:
        if out and out[-1][0].block == line.block:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _is_prose_block(block: list[_Line]) -> bool:
    """Running text: has a sentence end, a line ending in a clause mark, or several commas."""
    if any(_PROSE_PUNCT.search(l.text) or _CLAUSE_END.search(l.text) for l in block):
        return True
    return len(block) > 1 and sum(len(_COMMAS.findall(l.text)) for l in block) >= 2


def _column_width(block: list[_Line]) -> float | None:
    """Width of the column a prose block was set in (its lines but the last are full)."""
    if len(block) < 2 or not _is_prose_block(block):
        return None
    widths = sorted(l.width for l in block[:-1])
    return widths[-2] if len(widths) >= 3 else widths[-1]


def _reference_widths(blocks: list[list[_Line]]) -> list[float]:
    """For each block, the width of the column it sits in: the upper quartile of the full-looking
    lines of prose blocks near it in the same story segment (between bylines and author tags), or
    else the column width of the nearest prose block."""
    segment: dict[int, int] = {}
    seg = 0
    for block in blocks:
        for line in block:
            if line.start:
                seg += 1
            segment[line.no] = seg
            if line.end:
                seg += 1
    samples: list[tuple[int, int, float]] = []  # (line no, segment, width)
    for block in blocks:
        if _is_prose_block(block):
            samples += [(l.no, segment[l.no], l.width) for l in block if not _ends_sentence(l.text) and not l.end]
    known = [(b[0].no, b[-1].no, w) for b in blocks if (w := _column_width(b)) is not None]
    refs: list[float] = []
    for block in blocks:
        first, last, seg = block[0].no, block[-1].no, segment[block[0].no]
        near = sorted(w for no, sg, w in samples if sg == seg and first - _WINDOW <= no <= last + _WINDOW)
        if len(near) >= 4:
            refs.append(near[(len(near) * 4) // 5])
        elif known:
            refs.append(min(known, key=lambda e: e[0] - last if e[0] > last else first - e[1])[2])
        else:
            refs.append(max((l.width for b in blocks for l in b), default=20.0))
    return refs


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text)) or _is_end(text)


def _classify(lines: list[_Line]) -> None:
    """Mark story markers, then heading lines, block by block."""
    blocks = _blocks(lines)
    for k, line in enumerate(lines):
        line.start = _is_start(line.text)
        # An author tag may wrap, even across a column break: "…热饭。 （马" / "文静）".
        line.end = _is_end(line.text) or (
            k > 0 and len(line.text) <= 8 and "（" not in line.text and _is_end(lines[k - 1].text + line.text)
        )
    refs = _reference_widths(blocks)
    for i, block in enumerate(blocks):
        _mark_glued_headlines(block)
        if _is_prose_block(block):
            _mark_prose_headings(blocks, i, refs[i])
        else:
            _mark_fragment_or_heading(blocks, i, refs[i])


def _mark_glued_headlines(block: list[_Line]) -> None:
    """Lines right above a byline in the same block are that story's headline (however wide)."""
    for j, line in enumerate(block):
        if not line.start:
            continue
        for above in reversed(block[:j]):
            if above.start or above.end or _PROSE_PUNCT.search(above.text) or _CLAUSE_END.search(above.text):
                break
            above.heading = True


def _mark_fragment_or_heading(blocks: list[list[_Line]], i: int, ref: float) -> None:
    """A block without sentence marks is a heading, unless it is column text between two column
    breaks: as wide as its column, and continuing a sentence or carrying a comma."""
    rest = [l for l in blocks[i] if not l.heading]
    if not rest:
        return
    is_full = [ref - _INDENT - _JITTER <= l.width <= ref + 1.5 for l in rest]
    previous = blocks[i - 1][-1] if i else None
    mid_sentence = previous is not None and not (previous.heading or previous.end or _ends_sentence(previous.text))
    if mid_sentence and (all(is_full) or any(_COMMAS.search(l.text) for l in rest)):
        return  # the rest of a sentence broken by a column break
    # Otherwise only full-width lines at the bottom, carrying a comma and leading on into the next
    # block's text, are column text; anything above them is a heading (glued to a first line).
    cut = len(rest)
    while cut > 0 and is_full[cut - 1]:
        cut -= 1
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    leads_on = following is not None and not following[0].start and (
        _is_prose_block(following)
        or (bool(_COMMAS.search(following[0].text)) and following[0].width + _INDENT > 0.8 * ref)
    )
    tail_is_text = cut < len(rest) and leads_on and any(_COMMAS.search(l.text) for l in rest[cut:])
    for k, line in enumerate(rest):
        line.heading = not (line.start or line.end or (tail_is_text and k >= cut))


def _mark_prose_headings(blocks: list[list[_Line]], i: int, ref: float) -> None:
    """In running text, a line that does not end a sentence but stands where a paragraph starts
    (after a finished sentence, a heading or a story's end) is a heading glued to the text if it is
    short, or if it has no punctuation at all and the next line is a paragraph's indented first line."""
    block = blocks[i]
    for j, line in enumerate(block):
        if line.heading or line.start or line.end or _ends_sentence(line.text) or _CLAUSE_END.search(line.text):
            continue
        before = block[j - 1] if j else (blocks[i - 1][-1] if i else None)
        opens = before is None or before.heading or before.end or _ends_sentence(before.text)
        if not opens or line.width > 32:
            continue
        width = line.width + (_INDENT if j == 0 and len(block) > 1 else 0)  # as if indented
        short = width <= 0.8 * ref and (not _COMMAS.search(line.text) or width <= 0.6 * ref)
        following = block[j + 1] if j + 1 < len(block) else None
        indented_next = (
            following is not None
            and not _PUNCT_ANY.search(line.text)
            and following.width <= ref - 1.5
            and not _ends_sentence(following.text)
        )
        if short or indented_next:
            line.heading = True


def _runs(lines: list[_Line]) -> list[tuple[bool, list[_Line]]]:
    """Consecutive lines of the same kind: (is_heading, lines); heading runs split at blocks."""
    runs: list[tuple[bool, list[_Line]]] = []
    for line in lines:
        if runs and runs[-1][0] == line.heading and (not line.heading or runs[-1][1][-1].block == line.block):
            runs[-1][1].append(line)
        else:
            runs.append((line.heading, [line]))
    return runs


def _width_of(body: list[_Line]) -> float | None:
    widths = sorted(l.width for l in body if not l.start)
    if len(widths) < 3:
        return None
    return widths[len(widths) * 3 // 4]


def _split_stories(lines: list[_Line]) -> tuple[list[_Story], list[list[_Line]]]:
    """Cut body lines into stories; return them and the heading runs that are not subheads."""
    stories: list[_Story] = []
    candidates: list[list[_Line]] = []
    pending: list[list[_Line]] = []  # heading runs seen since the last body line
    current: _Story | None = None
    runs = _runs(lines)
    for k, (is_heading, run) in enumerate(runs):
        if is_heading:
            pending.append(run)
            continue
        for line in run:
            new_story = current is None or line.start
            if not new_story and pending and current is not None:
                new_story = _width_changes(current.lines, run)
            if new_story:
                candidates.extend(pending)
                current = _Story()
                stories.append(current)
            elif pending and current is not None:
                current.items.extend(pending)
            pending = []
            current.lines.append(line)
            current.items.append(line)
            if line.end:
                current = None
    candidates.extend(pending)
    return stories, candidates


def _width_changes(before: list[_Line], after: list[_Line]) -> bool:
    a, b = _width_of(before[-12:]), _width_of(after[:12])
    if a is None or b is None:
        return False
    return abs(a - b) >= 4 and abs(a - b) >= 0.18 * max(a, b)


# ---------------------------------------------------------------------------------------------
# Headlines


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


_MATCH_THRESHOLD = 0.3
_NO_MATCH = 0.1
_WEAK_MATCH = 0.05  # enough for a leftover headline and a story left without one
_ABOVE_BONUS = 0.3
_BELOW_BONUS = 0.2
_WINDOW = 20  # lines around a block that tell its column width
_INDENT = 2.0  # a paragraph's first line is indented by two cells
_JITTER = 2.0  # full column lines vary this much in width (justification, half-width digits)
_KICKER_MAX = 7


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


def _reflow(items: list[_Line | list[_Line]]) -> list[str]:
    """Join column lines into paragraphs; subhead units are paragraphs of their own."""
    body = [i for i in items if isinstance(i, _Line)]
    width = _width_of(body) or max((l.width for l in body), default=20.0)
    paragraphs: list[str] = []
    buf = ""
    prev: _Line | None = None
    prev_opens = False

    def flush() -> None:
        nonlocal buf
        if buf.strip():
            paragraphs.append(buf.strip())
        buf = ""

    for item in items:
        if isinstance(item, _Line) and item.end and _END_MARKER.fullmatch(item.text) and (buf or paragraphs):
            if buf:  # an author tag printed on its own line closes the paragraph above it
                buf += " " + item.text
            else:
                paragraphs[-1] += " " + item.text
            prev = item
            continue
        if isinstance(item, list):
            flush()
            paragraphs.append(_unit_text(item))
            prev = None
            continue
        line = item
        if prev is not None and buf:
            gap = line.block != prev.block
            short = prev.width + (_INDENT if prev_opens else 0) < width - 1.5
            if prev.end or (_ends_sentence(prev.text) and (gap or short)):
                flush()
        if buf and prev is not None and (_is_byline_only(prev, width) or _needs_space(buf, line.text)):
            buf += " "
        prev_opens = not buf
        buf += line.text
        prev = line
    flush()
    return paragraphs


def _is_byline_only(line: _Line, width: float) -> bool:
    """A byline printed alone on its line (name at the end), so the text after it is set apart."""
    return line.start and not _COMMAS.search(line.text) and not _ends_sentence(line.text) and line.width < 0.9 * width


def _needs_space(left: str, right: str) -> bool:
    return bool(re.search(r"[A-Za-z0-9]$", left) and re.match(r"[A-Za-z0-9]", right))


_BYLINE = re.compile(
    r"^(?:[（(]上接第\S{1,3}版[）)]|[□■◎●]\s*[\u4e00-\u9fff]{2,8}\s+"
    r"|(?:本报(?:记者)?讯|[\u4e00-\u9fff]{2,6}讯|(?:新华社|中新社)\S{0,16}电)\s*"
    r"(?:[（(][^）)]{0,30}[）)])?"
    r"(?:\s*[\u4e00-\u9fff]{0,10}?(?:记者|通讯员|实习生)\s*(?:[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff]\s+[\u4e00-\u9fff]{1,2}))*\s*)"
)


def strip_byline(text: str) -> str:
    """A paragraph without its leading byline or continuation mark (for summaries)."""
    return _BYLINE.sub("", text, count=1).strip() or text


def _fallback_title(paragraphs: list[str]) -> str:
    text = strip_byline(paragraphs[0]) if paragraphs else ""
    first = re.split(r"(?<=[。！？])", text, maxsplit=1)[0]
    return first[:30] + ("…" if len(first) > 30 else "")


def split_page(text: str) -> list[PageArticle]:
    """Split the extracted text of one e-paper page into its articles, in page order."""
    lines = _read_lines(text)
    if not lines:
        return []
    _classify(lines)
    stories, candidate_runs = _split_stories(lines)
    stories = [s for s in stories if sum(len(l.text) for l in s.lines) >= 10]
    if not stories:
        return []
    matcher = _Matcher(stories)
    units = [u for run in candidate_runs for u in _split_units(run, matcher)]
    titles = _assign_titles(stories, units, matcher)
    articles = []
    for story, (title, kicker) in zip(stories, titles):
        paragraphs = _reflow(story.items)
        articles.append(
            PageArticle(
                title=title or _fallback_title(paragraphs),
                paragraphs=tuple(paragraphs),
                kicker=kicker,
                first_line=story.lines[0].no,
                last_line=story.lines[-1].no,
            )
        )
    return articles
