"""Stories placed in a PDF as figures (form XObjects): pdfminer.six prints a figure's characters as one
line, its headline glued to its text, and figures printed one after another on the same line:

    简讯■ 滨河公园…座椅。■ 市公交集团…出行。文化惠民赵鹏：新的进展本报讯 记者吴静 赵鹏（），中国…
    亨丁顿舞蹈症亨丁顿舞蹈症（，缩写：HD），又译亨廷顿舞蹈症…

Such a line (twice as long as a wide column's) is cut into what a page's text would show: a headline
(with its kicker) on a line of its own where the text after a finished sentence opens with a byline or
names the headline's subject again; a subtitle (——…), a photo's caption (图为…摄) and each brief's item
(■ … after a 简讯 label) on lines of their own.  A headline set vertically (a character a line) is one line.
"""

from __future__ import annotations

import re

from .lines import _HAN_PAIR, _SUBJECT_BRACKET, names_first
from .thread import unclosed


__all__ = ["unglue_figures"]

_FIGURE_LINE = 80  # characters: twice a wide column's line (a short story placed as a figure is ~100)
_MAX_HEAD = 40
_LEAD = 60  # characters of a lead that tell a kicker from its headline
_SAID_MIN = 6  # characters of a headline its lead says again word for word
_SETTING = 10  # characters of a lead's opening clause before it says the headline again (清晨七点，)
_WHEN = re.compile(r"[0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}日|近日|日前|[昨今前]天|[昨今]日"
                   r"|本周|上周|清晨|凌晨|早上|上午|中午|下午|傍晚|晚上")  # a news lead's opening: when
_SUBTITLE = 16  # characters of a subtitle (——来自一线的报道)
_ABOUT = 24  # characters of a lead a kicker's words are not in (a banner: 基层一线 / …大连实德一线队)
_BYLINE_AT = re.compile(r"本报(?:记者)?讯|本报记者|(?:新华社|中新社)[^\s、，。；：“”]{0,16}电|(?:(?!本报)[\u4e00-\u9fff]){2,6}(?<![通资简快短喜电音审传警死视问])讯[\s（(]"
                        r"|[□■]\s*[\u4e00-\u9fff]{2,4}\s")
_CAPTION = re.compile(r"(?:图为|▲).{0,60}?(?:摄|供图)"
                      r"|图为[^。！？]{2,40}。\s*(?:记者|通讯员)\s*[\u4e00-\u9fff]{2,4}(?=\s|$)")  # credited, not 摄
_LABEL = re.compile(r"(?<=[。！？])[\u4e00-\u9fff]{0,4}(?:简讯|短讯|快讯|简报|速览|速递|动态|一句话新闻)\s*(?=[■●◆▲])"
                    r"|^[\u4e00-\u9fff]{0,4}(?:简讯|短讯|快讯|简报|速览|速递|动态|一句话新闻)\s*(?=[■●◆▲])")
_BULLET = re.compile(r"[■●◆▲]\s*(?=[\u4e00-\u9fff])")
_ITEM_MAX = 200  # characters: a brief's item is a few sentences
_SENTENCE_END = re.compile(r"[。！？][”’」』）)]*")
_PUNCT = re.compile(r"[，。！？；]")
_KICKER_MIN = 4  # characters of a kicker or banner glued in front of a headline ("文化惠民"; "城南" is the title's)
_KICKER_MAX = 6  # characters of a banner glued in front of a headline its lead says again (奋进新征程)
_CJK3 = re.compile(r"[\u4e00-\u9fff]{3}")
_NAME_BRACKET = re.compile(r"[\u4e00-\u9fff]{2}[（(]")
_CLAUSE = re.compile(r"[，。！？；、]")
_OPENERS = "《“「『（(〈【"
_BRACKETS = re.compile(r"[（()）]")  # "（下转第2版）" ends a story's text


def unglue_figures(text: str) -> str:
    out: list[str] = []
    lines = _vertical(text.splitlines())
    heads: list[str] | None = None  # the page's headline-like lines, gathered once a figure line needs them
    for line in lines:
        s = line.strip()
        if len(s) < _FIGURE_LINE and not (_LABEL.match(s) and len(_BULLET.findall(s)) >= 2):
            out.append(line)  # a short line, unless a 简讯 label glued to its items
            continue
        if heads is None:
            heads = [h for other in lines if 4 <= len(h := "".join(other.split())) <= _MAX_HEAD
                     and not _CLAUSE.search(h) and not _BULLET.match(h)]
        s = _items(_leads(_subjects(_CAPTION.sub(lambda m: f"\n\n{m.group(0)}\n\n", s)), heads))
        parts = [p.strip() for p in s.split("\n")]
        for j, part in enumerate(parts):
            lead = next((p for p in parts[j + 1:] if p and not _CAPTION.fullmatch(p)), "")[:_LEAD]
            if not part or _CAPTION.fullmatch(part):
                out.append(part)
            elif len(part) <= _MAX_HEAD and not _PUNCT.search(part):  # a headline (with its subtitle) alone
                out += _head_lines(part, lead)
            else:
                out += _headlines(part, lead)
    return "\n".join(out)


def _vertical(lines: list[str]) -> list[str]:
    """A headline set vertically (竖题) is printed a character a line: three such lines or more are one line
    (the blank lines after it keep the line count)."""
    out: list[str] = []
    k = 0
    while k < len(lines):
        end = k
        while end < len(lines) and len(lines[end].strip()) == 1:
            end += 1
        if end - k >= 3:
            out += ["".join(l.strip() for l in lines[k:end])] + [""] * (end - k - 1)
            k = end
        else:
            out.append(lines[k])
            k += 1
    return out


def _subjects(s: str) -> str:
    """A headline printed right after a finished sentence, its story's text opening with the headline's
    subject (``…1面2线。莱昂德罗内托莱昂德罗内托（Leandro…``; ``…批核。文化惠民毒马案：新的进展——记者手记
    毒马案是…``: a kicker in front, a subtitle after): the headline on a line of its own."""
    cuts: list[int] = []
    for end in _SENTENCE_END.finditer(s):
        t = s[end.end():end.end() + _MAX_HEAD + 4]
        p = next((p for p in range(2, len(t) - 3) if _restates(t, p)), None)
        if not _headline_at(t, p):  # (the lead says it again only after an opening clause)
            p = _said_again(s, end.end())
        if _headline_at(t, p):
            cuts += [end.end(), _opener_in(s, end.end() + p)]
    return _broken_at(s, cuts)


def _headline_at(t: str, p: int | None) -> bool:
    """Whether ``t[:p]`` may be a headline glued in front of its lead: no clause marks, no line break, no
    byline, not ending in a colon."""
    return bool(p) and not _CLAUSE.search(t[:p]) and "\n" not in t[:p] and t[p - 1] not in "：:" \
        and not _BYLINE_AT.search(t[:p])


def _restates(t: str, p: int) -> bool:
    """Whether the text from p opens with the first words of the headline t[:p]: its first four characters,
    or its first three (``徐晓飞引发关注`` / ``徐晓飞（）是…``); after a kicker, four of them in a short title
    (``文化惠民西巴丹岛：新的进展`` / ``西巴丹岛（）…``), three with a subtitle (——…).  Running text seldom says
    three characters again so soon, four after a few others (``…进入大连实德一线队…与大连实德``) it may.  A name
    of two characters in the headline's first words, a bracket after it, opens a lead too (``邹游邹游（），…``), as
    does a subject opening with the headline's first two characters (``准确与精密走进千家万户准确度（）…``)."""
    title, dash, _ = t[:p].partition("——")
    if _NAME_BRACKET.match(t, p):  # a name of two characters and a bracket (``邹游（），…``)
        return len(title) <= 24 and t[p:p + 2] in title[:10]
    if p >= 4 and t[p:p + 2] == t[:2] and _SUBJECT_BRACKET.match(t, p + 2) and _HAN_PAIR.fullmatch(t[:2]):
        return len(title) <= 24  # a subject opening like the headline, a bracket after it (准确度（）
    colon = title.find("：")
    if colon >= 2 and any(t[p:p + k] == title[colon - k:colon] for k in (2, 3, 4)):
        return len(title) <= 24  # the subject before the headline's colon (``赫姓：新的进展`` / ``赫姓为…``)
    if p < 4:
        return False
    if t[p:p + 4] == t[:4]:  # a third of a long headline at least (not ``克什米尔马鹿以2-18头的群族聚居在`` +
        # ``克什米尔及喜马偕尔邦…``: a sentence saying a place's name again)
        return len(title) <= 24 and 3 * _common(t[:p], t[p:]) >= len(title)
    if dash:
        return len(title) <= 16 and bool(_CJK3.match(t[p:p + 3])) and \
            any(t[p:p + 3] == title[q:q + 3] for q in range(1, min(9, len(title) - 2)))
    return bool(_CJK3.match(t[p:p + 3])) and (t[p:p + 3] == t[:3] and len(title) <= 24 or len(title) <= 16 and any(
        t[p:p + 4] == title[q:q + 4] for q in range(1, min(9, len(title) - 3))))


def _common(a: str, b: str) -> int:
    """How many characters two texts open with alike."""
    return next((n for n, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def _said_again(s: str, at: int) -> int | None:
    """Where a headline glued at ``at`` ends when its lead, after a short opening clause (when, where), says
    its words again (``首届黄河湿地马拉松鸣枪开跑清晨七点，首届黄河湿地马拉松在滨河公园鸣枪开跑，…``): the
    longest such headline of six characters or more, no clause marks, the clause after the lead's first
    comma opening with its first four characters, all its character pairs in the lead but one in six (where
    its words meet: 松鸣), its last among them.  A banner may stand in front (奋进新征程…)."""
    best = None
    for p in range(_SAID_MIN, _MAX_HEAD):
        head = s[at:at + p]
        if _CLAUSE.search(head) or not _CJK3.fullmatch(head[-3:]):
            break
        lead = s[at + p:at + p + _LEAD]
        comma = lead.find("，")
        if not 0 < comma <= _SETTING:
            continue
        # (a banner may stand in front: 奋进新征程地铁三号线北延段开通试运营12月26日上午，地铁三号线…)
        q = next((q for q in (0, *range(_KICKER_MIN, _KICKER_MAX + 1)) if lead[comma + 1:comma + 5] == head[q:q + 4]),
                 None)
        if q is None or p - q < _SAID_MIN:
            continue
        missed = sum(head[k:k + 2] not in lead for k in range(q, p - 1))
        if missed <= (p - q - 1) // 6 and head[-2:] in lead:  # its words, not where they meet
            best = p
    return best


def _leads(s: str, heads: list[str]) -> str:
    """A story's lead glued after a finished sentence, its headline printed elsewhere on the page: the lead
    opens with the headline's subject (``…去世。以仁王（）日本平安时代人物`` under ``以仁王：新的进展``), its
    first four characters or its first two then a bracket; the lead starts a paragraph of its own."""
    cuts = []
    for end in _SENTENCE_END.finditer(s):
        t = s[end.end():end.end() + 8]
        if any(len(h) >= 4 and t.startswith(h[:4]) or t.startswith(h[:2]) and t[2:3] in "（(" for h in heads):
            cuts.append(end.end())
    return _broken_at(s, cuts)


def _items(s: str) -> str:
    """A 简讯 label and each of its items on lines of their own: the bullets of the run that follows the label
    (an item is a few sentences, no byline, and ends a sentence before the next bullet).  A bullet elsewhere
    is a story's subhead (``■ 加强统筹协调``) and stays in its text."""
    cuts: list[int] = []
    for label in _LABEL.finditer(s):
        cuts += [label.start(), label.end()]
        bullet = _BULLET.match(s, label.end())
        while bullet:
            nxt = _BULLET.search(s, bullet.end(), bullet.end() + _ITEM_MAX)
            if not nxt or s[nxt.start() - 1] not in "。！？" or _BYLINE_AT.search(s, bullet.end(), nxt.start()):
                break
            cuts.append(nxt.start())
            bullet = nxt
    return _broken_at(s, cuts)


def _broken_at(s: str, cuts: list[int]) -> str:
    """The text with a blank line at each offset (what a page's text shows between blocks)."""
    for at in sorted(set(cuts), reverse=True):
        s = s[:at].rstrip() + "\n\n" + s[at:]
    return s


def _headlines(seg: str, lead: str = "") -> list[str]:
    """A part of a figure line cut into text and headlines: before each byline, and at the part's end
    (the next story's headline, its caption printed after it)."""
    out: list[str] = []
    last = 0
    for m in _BYLINE_AT.finditer(seg):
        b = _place_start(seg, m) if m.group(0)[-2:-1] == "讯" else m.start()
        if b <= last:
            continue
        ends = [e.end() for e in _SENTENCE_END.finditer(seg, last, b)]
        h0 = ends[-1] if ends else last
        head = seg[h0:b].strip()
        if not head or len(head) > _MAX_HEAD or _PUNCT.search(head):
            continue
        if h0 > last:
            out += _opening(seg[last:h0]) if last == 0 else [seg[last:h0]]
            out.append("")
        out += _head_lines(head, seg[b:b + _LEAD])
        last = b
    rest = seg[last:]
    ends = [e.end() for e in _SENTENCE_END.finditer(rest)]
    tail = rest[ends[-1]:].strip() if ends else ""
    if tail and len(tail) <= _MAX_HEAD and not _PUNCT.search(tail) and not _BRACKETS.search(tail):
        return out + _headlines(rest[:ends[-1]]) + [""] + _head_lines(tail, lead)
    return out + (_opening(rest) if last == 0 else [rest])


def _opening(text: str) -> list[str]:
    """The text a figure line opens with: its headline apart when the text names its subject again."""
    cut = _subject_cut(text)
    cut = cut and _opener_in(text, cut)
    return _head_lines(text[:cut], text[cut:cut + _LEAD]) + [text[cut:]] if cut else [text]


def _place_start(seg: str, m: re.Match[str]) -> int:
    """Where an "XX讯" byline glued to a headline starts: the place's name is 2-6 characters, and the
    headline ends where a word does (``我市开展…演练康巴什讯``: 康巴什, not 练康巴什)."""
    at = m.end() - 2  # the 讯
    start = max(m.start(), at - 6)
    from ..text.tokenize import default_tokenizer  # jieba only for the pages that need it

    bounds = {start + i for i in default_tokenizer().word_starts(seg[start:at])}
    return next((at - k for k in range(2, at - start + 1) if at - k in bounds), m.start())


def _head_lines(head: str, lead: str = "") -> list[str]:
    """A headline, its subtitle on a line of its own, and a blank line after them; a kicker glued in
    front of the headline (``文化惠民卫视卡式台走进千家万户`` over a lead naming 卫视卡式台, or
    ``基层一线邹游：新的进展`` over ``□郑浩 邹游（），…``) on a line and in a block of its own."""
    title, dash, subtitle = head.partition("——")
    kicker = []
    if lead and title[:3] not in lead:
        q = next((q for q in range(_KICKER_MIN, min(9, len(title) - 1))
                  if title[q:q + 3] in lead and len(title) - q >= 3
                  or _HAN_PAIR.fullmatch(title[q:q + 2]) and names_first(lead, title[q:q + 2])
                  or _CJK3.match(title[q:q + 3]) and title[q:q + 2] in lead and len(title) - q >= 4), None)
        # a kicker is not about the story's words, and ends outside the headline's brackets
        if q and not any(title[k:k + 2] in lead[:_ABOUT] for k in range(q - 1)) and not unclosed(title[:q]):
            kicker, title = [title[:q], ""], title[q:]
    return kicker + [title] + ([dash + subtitle] if dash else []) + [""]


def _opener_in(s: str, at: int) -> int:
    """A lead's opening bracket or quote before where it says the headline's words again is the lead's
    (``——记者手记《战国无双3》（）是…``: the lead opens with 《)."""
    return at - 1 if at > 0 and s[at - 1] in _OPENERS else at


def _subject_cut(s: str) -> int | None:
    """Where text glued to a headline names the headline's subject (its first characters) again, first a subject
    opening with its first two and a bracket after it (``准确与精密引发关注准确度（）…``); a name of
    two or three characters is its whole headline when a bracket follows it again (``司马晏司马晏（），…``).
    After a subtitle (——…), the lead opens with the subject's first two characters, or says them after a
    clause that says when (``坡鹿——来自一线的报道坡鹿（…``; ``…开跑——来自一线的报道清晨七点，首届黄河…``)."""
    dash = s.find("——", 0, _MAX_HEAD)
    if dash >= 2 and not _PUNCT.search(s[:dash]):
        subject = s[:2]
        comma = s.find("，", dash + 3, dash + 2 + _SUBTITLE + _SETTING)
        when = _WHEN.search(s, dash + 3, comma) if comma > 0 and s.startswith(subject, comma + 1) else None
        if when and not _CLAUSE.search(s[dash:when.start()]):
            return when.start()  # the lead's opening clause: when (清晨七点，首届黄河…)
        for p in range(dash + 3, min(len(s), dash + 2 + _SUBTITLE)):
            if _CLAUSE.search(s[dash:p]):
                break
            if s.startswith(subject, p):
                return p
    colon = s.find("：", 2, _MAX_HEAD)  # the subject before a headline's colon said again (苦力：新的进展苦力（…)
    if colon > 0 and not _CLAUSE.search(s[:colon]) and (p := s.find(s[:colon], colon + 1, _MAX_HEAD + colon)) > 0 \
            and not _CLAUSE.search(s[colon + 1:p]):
        return p
    for p in (2, 3):
        if _CJK3.match(s[:3] + "一") and s[p:2 * p] == s[:p] and s[2 * p:2 * p + 1] in "（(":
            return p
    # a lead naming a subject that opens with the headline's first two characters, a bracket after it
    # (``准确与精密引发关注准确度（）与精密度…``: not at 与精密度, three characters said again)
    bracketed = next((p for p in range(4, _MAX_HEAD + 1) if s[p:p + 2] == s[:2] and _HAN_PAIR.fullmatch(s[:2])
                      and _SUBJECT_BRACKET.match(s, p + 2)), None)
    if bracketed and not _PUNCT.search(s[:bracketed]):
        return bracketed
    for p in range(4, _MAX_HEAD + 1):
        if any(s[p:p + 3] == s[q:q + 3] for q in range(0, min(9, p - 2))):
            return p if not _PUNCT.search(s[:p]) else None
    return None
