"""Page text -> lines classified as body or heading (pass 1 of the layout analysis: see ``index.layout``),
and what the later passes share about lines, blocks and stories."""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass, field

_SENTENCE_END = re.compile(r"[。！？!?…；;][”’」』）)》\"'\s]*$")
_CLAUSE_END = re.compile(r"[，,、：:；;—-]$")
_PROSE_PUNCT = re.compile(r"[。！？；]")
_COMMAS = re.compile(r"[，、,]")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_NO_HEADLINE = re.compile(r"[，、,。！？；;!?]")
_PUNCT_ANY = re.compile(r"[，、,。！？；：:;!?]")
_DATELINES = (  # 本报讯 / 新华社北京10月8日电 / 康巴什讯
    re.compile(r"^本报(?:记者)?讯"),
    re.compile(r"^(?:新华社|中新社)[^\s、，。；：“”]{0,16}电"),
    re.compile(r"^[\u4e00-\u9fff]{2,6}(?<![通资简快短喜电音审传警死视问])讯(?=[\s\u3000（(]|$)"),  # not 通讯（…
)
# jump lines: where a story goes on (（下转第3版）, （转第二版）, （下转A2版）) and where it came from (（上接第1版）,
# （接第一版）); the edition in Arabic or Chinese numerals, with a section letter or without
JUMP_EDITION = r"第?\s*(?P<edition>[0-9A-Za-z一二三四五六七八九十]{1,3}?)\s*版?\s*"
JUMP_TO = r"[（(]\s*(?:下转|下接|转至|转)\s*" + JUMP_EDITION + r"[）)]"
JUMP_FROM = r"[（(]\s*(?:上接|紧接|接|承)\s*" + JUMP_EDITION + r"[）)]"
_START_MARKERS = (
    *_DATELINES,
    re.compile(r"^本报记者\s*\S"),
    re.compile(r"^[□■◎●]\s*[\u4e00-\u9fff·]{2,4}(?:\s|$)"),  # □作者 (a name: "■ 加强统筹协调" is a subhead)
    re.compile(r"^[■●◆▲]\s*[\u4e00-\u9fff].*[，。；]"),  # a brief's item: a bullet, then sentences
    re.compile("^" + JUMP_FROM),
    re.compile(r"^(?:文/图|文图|文|图)\s*[/／]\s*[\u4e00-\u9fff]"),
    re.compile(r"^记者\s*[\u4e00-\u9fff]{2,4}(?:\s|$)"),
)
_REPORTERS = re.compile(r"(?:本报)?(?:记者|通讯员|实习生)")
_SUBJECT_CLOSED = re.compile(r"([\u4e00-\u9fff]{2,})[（(][^（()）]*[）)]$")  # 硕塞（；）, not 康巴什讯 （赵磊）
_NAME_TAG = r"(?:本报)?(?:记者|通讯员|作者|实习生)?\s*[\u4e00-\u9fff·]{2,4}"
_END_MARKER = re.compile(
    r"(?:^|[。！？”’」』\s])\s*[（(]" + _NAME_TAG + r"(?:[\s、，,]+" + _NAME_TAG + r")*[）)]\s*$"
)
_CONTINUING = re.compile(r"^[，、。；：！？）」』”’%]")  # cannot open a line of its own
_NUMBER_END = re.compile(r"[0-9０-９〇二三四五六七八九十百千]$")  # "一" ends many words (之一, 统一)
_UNIT_START = re.compile(r"[年月日号时点分秒万亿多余个名人位次岁米吨元%％]")
_CJK_END = re.compile(r"[\u4e00-\u9fff]$")
_DIGIT_OR_LATIN = re.compile(r"[0-9A-Za-z]")  # digits and Latin letters: set in a face whose widths vary
_GLUED_ON = re.compile(r"^[，、。；]\S")  # a mark that carries on the text before it (a heading's), and more
_NUMBER_AT_END = re.compile(r"(?:[0-9]{2}|[年月日时点][0-9])$")  # not a name's number (战国无双3 / 米泽车站…)
_UNIT_RANGE = {"年": (1000, 2100), "月": (1, 12), "日": (1, 31), "号": (1, 31), "时": (0, 24), "点": (0, 24), "分": (0, 59),
               "秒": (0, 59)}
_SUBTITLE_LINE = re.compile(r"^——[^，。；]{2,16}$")  # a headline's subtitle on a line of its own (——记者手记)
_BULLET_LINE = re.compile(r"^[■●◆▲]\s*[\u4e00-\u9fff]")  # a brief's item, or a subhead ("■ 加强统筹协调")
# characters set one by one with spaces between (a spread headline, a justified line of a narrow column)
_LETTER_SPACED = re.compile(r"^(?:[^\sA-Za-z0-9]\s+)+[^\sA-Za-z0-9]$")
_LEAD_IN = re.compile(r"^(?:[□■]\s*)?[\u4e00-\u9fff]{2,4}\s+(?=\S)")  # "□吴静 操场是指…": the writer's name first
_CONTINUED = re.compile(JUMP_TO + r"\s*$")
_CONNECT_START = "暨与和及并、的之—"
_CONNECT_END = "暨与和及并、的之：:"
_LATIN_RUN = re.compile(r"[A-Za-z]{2}")
_HAN_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")
# after a subject's first two characters: its rest, then a bracket (准确|度（）
_SUBJECT_BRACKET = re.compile(r"[\u4e00-\u9fff]{0,2}[（(]")
_STRIP_FOR_MATCH = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z]")
_WINDOW = 20  # lines around a block that tell its column width
_NAMED_WITHIN = 20  # characters of a lead whose first words name a subject
_INDENT = 2.0  # a paragraph's first line is indented by two cells
_JITTER = 2.0  # full column lines vary this much in width (justification, half-width digits)


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


# the label of a briefs column (a line of its own; "本地快讯" is not a "XX讯" byline)
_BRIEFS_LABEL = re.compile(r"^(?:[\u4e00-\u9fff]{0,4}(?:简讯|短讯|快讯|简报|速览|速递|动态|一句话新闻))$")


def _is_start(text: str) -> bool:
    return not _BRIEFS_LABEL.match(text) and any(p.search(text) for p in _START_MARKERS)


def _is_dateline(text: str) -> bool:
    """A line that is a dateline and nothing more (the reporters' names printed on the next line)."""
    return any((m := p.match(text)) and m.end() == len(text) for p in _DATELINES)


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
        if _LETTER_SPACED.match(stripped):  # "沼 鹿 ： 新 的 进 展", "主 动 担 当 、 拥 抱"
            stripped = "".join(stripped.split())
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
    if len(block) < 2 or not _is_prose_block(block) or len(block) == 2 and _ends_sentence(block[0].text):
        return None  # (a paragraph's last line over another's first says nothing of the column)
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
    samples: dict[int, tuple[list[int], list[float]]] = {}  # per segment: line numbers (ascending), widths
    for block in blocks:
        if _is_prose_block(block):
            for l in block:  # (a line with Latin letters, set in a proportional face, says little of it)
                if not _ends_sentence(l.text) and not l.end and not _LATIN_RUN.search(l.text):
                    nos, widths = samples.setdefault(segment[l.no], ([], []))
                    nos.append(l.no)
                    widths.append(l.width)
    known = [(b[0].no, b[-1].no, w) for b in blocks if (w := _column_width(b)) is not None]
    known_firsts = [e[0] for e in known]
    widest = max((l.width for b in blocks for l in b), default=20.0)
    refs: list[float] = []
    for block in blocks:
        first, last = block[0].no, block[-1].no
        nos, widths = samples.get(segment[first], ([], []))
        near = sorted(widths[bisect.bisect_left(nos, first - _WINDOW) : bisect.bisect_right(nos, last + _WINDOW)])
        if len(near) >= 4:
            ref = _upper(near)
            own = sorted(l.width for l in block if not _ends_sentence(l.text) and not l.end
                         and not _DIGIT_OR_LATIN.search(l.text)) if len(block) >= 6 and _is_prose_block(block) else []
            if (len(own) >= 6 or len(own) >= 3 and own[-1] - own[0] <= 1) and abs(_upper(own) - ref) >= 2:
                ref = _upper(own)  # a long block says its own column's width (the story before it, near
                # enough to count, may be set in a wider one)
            refs.append(ref)
        elif known:
            refs.append(_nearest(known, known_firsts, first, last)[2])
        else:
            refs.append(widest)
    return refs


def _upper(widths: list[float]) -> float:
    """The upper quintile of sorted widths: a full line's (the shorter ones end paragraphs or are indented)."""
    return widths[(len(widths) * 4) // 5]


def _nearest(known: list[tuple[int, int, float]], firsts: list[int], first: int, last: int) -> tuple[int, int, float]:
    """The known block nearest to lines first..last: the last one starting at or before ``last`` or
    the first one after it (blocks are disjoint and in page order; a tie goes to the earlier)."""
    i = bisect.bisect_right(firsts, last)
    candidates = known[max(i - 1, 0) : i + 1]
    return min(candidates, key=lambda e: e[0] - last if e[0] > last else first - e[1])


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text)) or _is_end(text)


def spaced(left: str, right: str) -> bool:
    """Whether text joined at a line break needs a space: ASCII letters or digits on both sides (words of a
    Latin phrase), but not digits on both (a number broken at the line's end: ``18`` + ``89年``)."""
    a, b = left[-1:], right[:1]
    return a.isascii() and a.isalnum() and b.isascii() and b.isalnum() and not (a.isdigit() and b.isdigit())


def lead_stops_short(text: str) -> bool:
    """Whether a byline's line stops inside its lead's first sentence, after its subject's bracket (本报讯 记者郑浩
    硕塞（；）; not 康巴什讯（赵磊）, a byline's own bracket): no sentence ends so."""
    m = _SUBJECT_CLOSED.search(text)
    return bool(m and not m.group(1).endswith(("讯", "电")))


def names_first(lead: str, subject: str) -> bool:
    """Whether a lead's first words, after its byline, are ``subject`` (``□郑浩 邹游（），…``; ``本报讯 记者吴静
    赵鹏（），…``): the subject at its start, or after a space or a closing bracket, within its first words."""
    return bool(re.search(r"(?:^|[\s）)])" + re.escape(subject), lead[:_NAMED_WITHIN]))


def carries_number(before: str, after: str) -> bool:
    """A number at the break and its unit after it (``2002年12`` + ``月28日全线铺通``), or the rest of its
    digits and their unit (``2008年11月1`` + ``2日中超联赛``; not ``约5000`` + ``1839年``,
    ``6月9`` + ``11月28日``)."""
    if _NUMBER_END.search(before) and _UNIT_START.match(after):
        return True
    digits, rest = re.search(r"(.?)([0-9]+)$", before), re.match(r"([0-9]{1,2})([年月日号时点分秒万亿])", after)
    if not digits or not rest or digits.group(1) == rest.group(2):  # not 6月9 + 11月
        return False
    low, high = _UNIT_RANGE.get(rest.group(2), (0, math.inf))
    return low <= int(digits.group(2) + rest.group(1)) <= high  # not 2-18 + 11月


def _classify(lines: list[_Line]) -> None:
    """Mark story markers, then heading lines, block by block."""
    blocks = _blocks(lines)
    for k, line in enumerate(lines):
        before = lines[k - 1] if k else None
        # a dateline alone on its line (or in a block of its own) and the reporters' names on the next open
        # one story
        alone = before is not None and (k < 2 or lines[k - 2].block != before.block)
        line.start = _is_start(line.text) and not (before is not None and (before.block == line.block or alone)
                                                   and _REPORTERS.match(line.text) and _is_dateline(before.text))
        # An author tag may wrap, even across a column break: "…热饭。 （马" / "文静）".
        line.end = _is_end(line.text) or (
            before is not None and len(line.text) <= 8 and "（" not in line.text and _is_end(before.text + line.text)
        )
    refs = _reference_widths(blocks)
    for block, ref in zip(blocks, refs):  # a bullet line as wide as its column opens a brief's item
        for line in block:
            line.start = line.start or bool(_BULLET_LINE.match(line.text) and line.width >= ref - _INDENT - _JITTER)
    _mark_items(lines)
    for i, block in enumerate(blocks):
        _mark_glued_headlines(block)
        if _is_prose_block(block) and not _colon_headline(blocks, i):
            _mark_prose_headings(blocks, i, refs[i])
        else:
            _mark_fragment_or_heading(blocks, i, refs[i])


def _mark_items(lines: list[_Line]) -> None:
    """A bullet line right under a 简讯 label opens an item, and so does each bullet line as wide as it a few
    lines further on: a narrow column's items printed a line at a time, whose width their one-line blocks
    do not say (``■ 市公交集团新开通两条社区微循`` / ``环线路，方便居民就近出行。`` / ``■ 市图书馆…``)."""
    item: _Line | None = None
    for above, line in zip([None, *lines], lines):
        if _BULLET_LINE.match(line.text) and (above is not None and _BRIEFS_LABEL.match(above.text) or item is not None
                                              and line.no - item.no <= 6 and abs(line.width - item.width) <= _JITTER):
            line.start, item = True, line


def _colon_headline(blocks: list[list[_Line]], i: int) -> bool:
    """A short block with no sentence marks but a colon ("中国建筑工程总公司：" / "新的进展"; a subtitle
    may follow) right above a byline is a headline, not running text stopped at a colon; so is such a block
    of two lines broken right after the colon, where a paragraph may start (no paragraph's first line stops
    short at a colon with a few words of no punctuation under it), with a banner over it wherever it stands."""
    block = blocks[i]
    if len(block) > 1 and _SUBTITLE_LINE.match(block[-1].text):
        block = block[:-1]  # (a subtitle under it: ——来自一线的报道)
    text = "".join(l.text for l in block)
    if len(block) > 3 or len(text) > 40 or _NO_HEADLINE.search(text):
        return False
    if i + 1 < len(blocks) and blocks[i + 1][0].start and len(block) < 3:
        return True
    before = blocks[i - 1][-1] if i else None
    head = block[1:] if len(block) == 3 and len(block[0].text) <= 8 and not _PUNCT_ANY.search(block[0].text) else block
    return len(head) == 2 and head[0].text.endswith(("：", ":")) and not _PUNCT_ANY.search(head[1].text) \
        and (head is not block or before is None or before.end or _ends_sentence(before.text))


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
    after_text = previous is not None and not previous.heading and _ends_sentence(previous.text)
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    subtitled = following is not None and len(following) == 1 and bool(_SUBTITLE_LINE.match(following[0].text))
    if mid_sentence and not subtitled and (all(is_full) or any(_COMMAS.search(l.text) for l in rest)):
        return  # the rest of a sentence broken by a column break (not a headline over its subtitle: ——记者手记)
    nxt = following[0].text if following is not None else ""
    if _NUMBER_AT_END.search(rest[-1].text) and carries_number(rest[-1].text, nxt) \
            or after_text and _GLUED_ON.match(nxt):
        return  # a number whose unit the next block opens with (``龙烟铁路于2017年12月19日18`` / ``时顺利开通``), or
        # a sentence the next block ends with a mark no heading is followed by (``站房建筑面积为12000平方米`` / ``。站房…``)
    # Otherwise only full-width lines at the bottom, carrying a comma and leading on into the next
    # block's text, are column text; anything above them is a heading (glued to a first line).
    cut = len(rest)
    while cut > 0 and is_full[cut - 1]:
        cut -= 1
    leads_on = following is not None and not following[0].start and (
        _is_prose_block(following)
        or (bool(_COMMAS.search(following[0].text)) and following[0].width + _INDENT > 0.8 * ref)
    )
    tail_is_text = cut < len(rest) and leads_on and any(_COMMAS.search(l.text) for l in rest[cut:])
    for k, line in enumerate(rest):  # (two commas: running text, no headline has them; nor one in a line as
        # wide as the column stopping mid-word: 为了延长产业链，镇里还建起了草莓)
        line.heading = not (line.start or line.end or (tail_is_text and k >= cut) or line.text.count("，") >= 2
                            or "，" in line.text and is_full[k] and _CJK_END.search(line.text))


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


def _width_of(body: list[_Line]) -> float | None:
    widths = sorted(l.width for l in body if not l.start)
    if len(widths) < 3:
        return None
    return widths[len(widths) * 3 // 4]


def _grams(text: str) -> set[str]:
    text = _STRIP_FOR_MATCH.sub("", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _pairs(text: str) -> set[str]:
    """Chinese character pairs only (not lines._grams: shared years and Latin names tie unrelated stories;
    measured, 601 -> 599 of 742 with them)."""
    cjk = "".join(_CJK_CHAR.findall(text))
    return {cjk[n:n + 2] for n in range(len(cjk) - 1)}


def _pairs_of(lines: list[_Line]) -> set[str]:
    """The Chinese character pairs of some lines' text."""
    return _pairs("".join(l.text for l in lines))


def _share(grams: set[str], text: str) -> float:
    text = _STRIP_FOR_MATCH.sub("", text)
    return sum(g in text for g in grams) / len(grams) if grams else 0.0


def _part(story: _Story, first: int, last: int) -> _Story:
    """Lines first..last-1 of a story, with the subheads among them."""
    lines = story.lines[first:last]
    if first == 0 and last == len(story.lines):
        return story
    # items are in the story's order (which rethreading may have made other than the printed one)
    at = {id(it): k for k, it in enumerate(story.items)}
    return _Story(lines, story.items[at[id(lines[0])] : at[id(lines[-1])] + 1])
