"""Page furniture in extracted text: lines that belong to no story and must not be taken for one.

- the running head and folio: 版次 (第3版), 责任编辑/本版编辑, a date line (2024年10月16日 星期三,
  2011.5.24 星期二), the page number between dashes (— 3 —), and the paper's name above them;
- photo captions and credits: 图为…, ▲…, lines ending in a photographer's credit (记者 张三 摄, 供图);
- a print shop's slug lines (file name, plates, output time), anywhere;
- a front page's 导读 box: its label, each pointer to a page (详见第3版) and the teaser's headline over it;
- ads: a line with a phone number, 热线/电话/地址…：, or a web address and no sentence, with the short
  lines of the block right above it (the brand and its slogan).

They are blanked (not removed), so line numbers and column breaks stay as they were.  A caption still
tells where a story opens: a photo stands over its story's text (``open_under_captions``).
"""

from __future__ import annotations

import re

from .printed import LAYOUT_FILES, PRINTED_DATE
from .lines import _BRIEFS_LABEL, _CONTINUING, _ends_sentence, _is_start, _Line, _pairs, _pairs_of

__all__ = ["blank_furniture", "furnished", "is_running_head", "is_slug", "is_caption", "open_under_captions"]

_EDITION = re.compile(r"^第\s*[\d一二三四五六七八九十]{1,3}\s*版|责任编辑|本版编辑|美术编辑|版式设计|校对\s*[:：]|版面编辑"
                      r"|(?:责编|美编|组版|^编辑)(?:\s*[:：]\s*|\s+)[\u4e00-\u9fff]{2,4}(?:\s|$)")  # 责编 张三  美编 李四
_DATE_LINE = re.compile(r"^(?:(?:" + PRINTED_DATE + r")"
                        r"\s*(?:(?:星期|周)[一二三四五六日天])?\s*(?:农历\S{0,8})?|(?:星期|周)[一二三四五六日天])\s*$")
_FOLIO = re.compile(r"^[—\-－~～_]*\s*(?:第\s*)?\d{1,3}\s*(?:版)?\s*[—\-－~～_]*$")
_CAPTION_START = re.compile(r"^(?:图为|▲|△|■\s*图|上图|下图|左图|右图|图\s*[:：/]|（图[）)])")
_CREDIT_END = re.compile(r"(?:记者|通讯员|摄影|特约)\s*\S{0,12}\s*(?:摄|供图|/图)\s*[)）]?\s*$|(?:^|\s)\S{2,4}\s+摄\s*[)）]?\s*$|供图\s*[)）]?\s*$")
_PROSE = re.compile(r"[，。！？；,;!?]")
_AD_LINE = re.compile(r"(?:电话|热线|咨询|订购|预订|订餐|地址|网址|微信)\s*[:：]|www\.|https?://|(?<!\d)0\d{2,3}-\d{7,8}(?!\d)"
                      r"|(?<!\d)400-?\d{3}-?\d{4}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)")
_DASHED_FOLIO = re.compile(r"^\s*[—\-－]+\s*\d{1,3}\s*[—\-－]+\s*$")
_MASTHEAD = re.compile(r"(?:报|刊|杂志)$|报社|编辑|出版|主管|主办|邮发|代号|刊号|国内统一|今日\S{0,3}版|第\S{1,6}期")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{4}")  # a headline has words; an edition line "A3 要闻" hardly
_HAN = re.compile(r"[\u4e00-\u9fff]")
_MAX_HEAD_LINES = 8  # a running head sits in the page's first lines
# a pointer to another page, as a front page's 导读 box prints one under each teaser (详见第3版, 见A2版, ▶3版)
SEE_PAGE = re.compile(r"(?:详见|请见|参见|请看|见)\s*第?\s*[A-Za-z]?[0-9一二三四五六七八九十]{1,3}\s*版"
                      r"|[→▶►]\s*[A-Za-z]?[0-9]{1,2}\s*版|^\s*[A-Za-z]?[0-9]{1,2}\s*版\s*$")
_TEASERS_LABEL = re.compile(r"^(?:今日|本期|本报|要闻)?导\s*读$")
_TEASER_MAX = 30  # characters of a teaser's headline, over the pointer to its page
# a print shop's slug line (outside the page of its PDF, which may not crop it): the layout file's name, the
# plates' colours, or the time the plate was output or signed off
_SLUG = re.compile(rf"\.(?:{LAYOUT_FILES})\b" r"|(?:黑|青|品|黄|红)(?:\s*(?:黑|青|品|黄|红)){3}"
                   r"|(?<![A-Za-z])[CMYK](?:\s+[CMYK]){3}(?![A-Za-z])|(?:出片|输出|发排|付印|签发|制版)\S{0,4}\s*[:：]?\s*"
                   r"(?:(?:19|20)\d\d\S{1,12}\s*)?\d{1,2}\s*[:：]\s*\d{2}", re.I)


def is_running_head(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 40 or _PROSE.search(s):  # a running head is no sentence
        return False
    return bool(_EDITION.search(s) or _DATE_LINE.match(s) or _FOLIO.match(s))


def is_slug(line: str) -> bool:
    """A print shop's slug line: 城南日报-A01.indd 1 2024/10/15 23:10:05, 黑 青 品 黄, 付印时间：23:30."""
    s = line.strip()
    return bool(s) and len(s) <= 80 and not _PROSE.search(s) and bool(_SLUG.search(s))


def is_caption(block: list[str]) -> bool:
    """A short block that opens like a caption and closes with a photo credit, or a credit line alone."""
    text = "".join(s.strip() for s in block)
    if not text or len(text) > 120 or len(block) > 4 or any(_is_start(s.strip()) for s in block[1:]):
        return False  # a byline opens a story's text under the caption
    return bool(_CAPTION_START.match(text) and (_CREDIT_END.search(text) or len(block) <= 2)) \
        or (len(block) == 1 and bool(_CREDIT_END.search(text)) and len(text) <= 30)


def _caption_lines(block: list[str]) -> int:
    """How many of a block's first lines are a caption printed right above the story's text: from a
    caption's opening (图为…) to its credit (… 摄), or else to the end of its sentence."""
    if not block or not _CAPTION_START.match(block[0].strip()):
        return 0
    for k, line in enumerate(block[:3]):
        if _CREDIT_END.search(line.strip()):
            return k + 1
    for k, line in enumerate(block[:3]):
        if "。" in line:
            return k + 1
    return 0


def blank_furniture(text: str) -> str:
    """The page text with running heads, folios and captions blanked."""
    return furnished(text)[0]


def furnished(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The page text with running heads, folios, ads and captions blanked, and the captions: the number of
    each one's last line (1-based) and its text."""
    lines = ["" if is_slug(s) else s for s in text.splitlines()]  # a print shop's slug is as good as not printed
    # the running head: the page's first lines up to the last one that looks like one (with the
    # paper's name above it)
    head = [i for i, s in enumerate(lines[:_MAX_HEAD_LINES * 3]) if is_running_head(s)]
    nonblank = [i for i, s in enumerate(lines) if s.strip()]
    first = set(nonblank[:_MAX_HEAD_LINES])
    head = [i for i in head if i in first]
    out = list(lines)
    if head:
        below = "".join(lines[head[-1] + 1:])
        for i in range(0, head[-1] + 1):
            s = lines[i].strip()
            if _BRIEFS_LABEL.match("".join(s.split())):  # a 简讯 column's label printed among the head's lines
                continue
            if is_running_head(s) or len(s) <= 20 and (i == nonblank[0] or _MASTHEAD.search(s)
                                                        or not _CJK_RUN.search(s) and not _said_below(s, below)):
                out[i] = ""
    for i in nonblank[-3:]:  # a folio or a running foot at the end of the page
        if is_running_head(lines[i]):
            out[i] = ""
    for n, i in enumerate(nonblank):  # the page head printed further down (its text box placed after a story's)
        s = lines[i].strip()
        if is_running_head(s) and not _FOLIO.match(s):
            out[i] = ""
            for k in nonblank[max(0, n - 2):n]:  # the paper's name over it
                if len(lines[k].strip()) <= 12 and _MASTHEAD.search(lines[k].strip()):
                    out[k] = ""
    for i in nonblank:  # a folio between dashes anywhere (text placed in figures comes after it)
        if _DASHED_FOLIO.match(lines[i]):
            out[i] = ""
    _blank_teasers(lines, nonblank, out)
    captions: list[tuple[int, str]] = []
    blocks = _blocks_of(lines)
    _blank_ads(lines, blocks, out)
    for block in blocks:  # captions: blocks between blank lines, or a caption opening a block of the story's text
        text = lines[block.start:block.stop]
        caption = block[:len(text) if is_caption(text) else _caption_lines(text)]
        if caption:
            captions.append((caption.stop, "".join(lines[k] for k in caption)))
        for k in caption:
            out[k] = ""
    return "\n".join(out), captions


def _blank_teasers(lines: list[str], nonblank: list[int], out: list[str]) -> None:
    """A front page's 导读 box: its label, each pointer to a page on a line of its own (详见第3版) and the
    teaser's headline right above it."""
    for n, i in enumerate(nonblank):
        s = lines[i].strip()
        if _TEASERS_LABEL.match(s):
            out[i] = ""
        elif SEE_PAGE.search(s) and len(SEE_PAGE.sub("", s).strip()) <= 2:
            out[i] = ""
            above = lines[nonblank[n - 1]].strip() if n else ""
            if above and len(above) <= _TEASER_MAX and not _PROSE.search(above):
                out[nonblank[n - 1]] = ""


def open_under_captions(captions: list[tuple[int, str]], body: list[_Line]) -> None:
    """A paragraph printed under a photo's caption, after a story that ends a sentence, opens a story of its
    own when it says the caption's words and the text before does not say more of them (图为大棚草莓喜获丰收现场
    between 文周王's last sentence and 近日，河口镇万亩草莓种植基地…): a photo stands over its story's text.  A
    headline printed right over the caption is no text before it (its story's, it says the caption's words).
    After text that stops mid-sentence, only a paragraph opening with the caption's subject does (图为赫姓现场
    / 赫姓为中文姓氏之一…)."""
    at = {line.no: k for k, line in enumerate(body)}
    for last, caption in captions:
        k = next((at[no] for no in range(last + 1, last + 3) if no in at), 0)
        j = k  # the text before: above a headline printed right over the caption
        while j and body[j - 1].heading:
            j -= 1
        before = body[max(0, j - 12):j]
        said = _pairs(caption)
        if not before or body[k].start or body[k].heading or _CONTINUING.match(body[k].text) \
                or not (_ends_sentence(before[-1].text) or body[k].text[:2] in said):
            continue  # (after a sentence broken off, only a paragraph opening with the caption's subject)
        paragraph = [line for line in body[k:k + 3] if line.block == body[k].block]
        if len(said & _pairs_of(paragraph)) > len(said & _pairs_of(before)):
            body[k].start = True


def _said_below(line: str, below: str) -> bool:
    """A short heading among the page head's lines whose words the page's text says (a headline set letter by
    letter: 赵 鹏 over 赵鹏（），中国足球运动员…; of a headline with a colon, its subject: 阴 阳 海 ： 新 的 进 展
    over 水洞阴阳海…), not a section's name (要闻) or an edition (A3)."""
    words = "".join(_HAN.findall(line))
    before, colon, _ = line.replace("：", ":").partition(":")
    subject = "".join(_HAN.findall(before)) if colon else ""
    return len(words) >= 2 and words in below or len(subject) >= 2 and subject in below


def _blocks_of(lines: list[str]) -> list[range]:
    """Line ranges of the blocks between blank lines."""
    out: list[range] = []
    start = None
    for i, s in enumerate(lines + [""]):
        if s.strip() and start is None:
            start = i
        elif not s.strip() and start is not None:
            out.append(range(start, i))
            start = None
    return out


def _blank_ads(lines: list[str], blocks: list[range], out: list[str]) -> None:
    for k, block in enumerate(blocks):
        if len(block) > 3 or not any(_AD_LINE.search(lines[i]) and not _PROSE.search(lines[i]) for i in block):
            continue
        for i in block:
            out[i] = ""
        above = blocks[k - 1] if k else None
        if above and len(above) <= 2 and all(len(lines[i].strip()) <= 16 and not _PROSE.search(lines[i]) for i in above):
            for i in above:  # the brand and its slogan
                out[i] = ""
