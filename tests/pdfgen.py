"""Newspaper pages as PDFs, with their gold articles, for the PDF path's tests and benchmark.

reportlab lays out stories with its built-in CID font STSong-Light (no font file needed): 2-5 columns,
headlines spanning one or several columns (some wrapping onto two lines), kickers above and subtitles
below them, bylines in several house styles, photo boxes with captions, a page header with the paper,
date, page and editor, and a folio line at the foot.  Story text: ``pagegen.STORIES`` and CMRC 2018
contexts (``fixtures/cmrc_sample.json``, CC BY-SA 4.0).

With ``extras`` (drawn from a random stream of their own) pages also carry what real e-paper PDFs do:
headlines in a bold face (its own font name, as 黑体 beside 书宋), short headlines letter-spaced,
in-story subheads in bold at about the body size, a framed sidebar set in smaller type, a lead story
set in larger type (1.2x: a quarter of the page's text may be in it), headlines set top to bottom in
a column right of their text (竖题), a strip of short stories stacked down the left column (rules
between rows), a story wrapped around a short one set under the top of its first column, framed ads (brand, slogan, phone number; not articles), and stories drawn inside form
XObjects (pdfminer reads them as figures holding characters).
"""

from __future__ import annotations

import json
import random
import re
import copy
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import CIDFontInfo, UnicodeCIDFont
from reportlab.pdfgen import canvas

from tests.pagegen import STORIES

FONT = "STSong-Light"
_LATIN_OR_NOT = re.compile(r"[0-9A-Za-z.%]+|[^0-9A-Za-z.%]+")
BOLD = "STSong-Bold"


def _register_bold() -> None:
    """The built-in font under a bold name (",Bold": a PDF viewer emboldens it), as a page set in a
    bold face for headlines would name it."""
    info = copy.deepcopy(CIDFontInfo[FONT])
    info["BaseFont"] = info["DescendantFonts"][0]["BaseFont"] = f"/{FONT},Bold"
    info["DescendantFonts"][0]["FontDescriptor"]["FontName"] = "/STSongStd-Light,Bold"
    CIDFontInfo[f"{FONT},Bold"] = info

    class _Bold(UnicodeCIDFont):
        def __init__(self) -> None:
            super().__init__(FONT)
            self.name = self.fontName = BOLD

        def addObjects(self, doc) -> None:  # noqa: N802 (reportlab's name)
            face, self.face.name = self.face.name, f"{FONT},Bold"
            try:
                super().addObjects(doc)
            finally:
                self.face.name = face

    pdfmetrics.registerFont(_Bold())


pdfmetrics.registerFont(UnicodeCIDFont(FONT))
_register_bold()
PAGE_W, PAGE_H = 842.0, 1191.0  # A3 in points
MARGIN = 36.0
GUTTER = 14.0
BYLINES = ("本报讯 记者{name}", "□{name}", "本报记者 {name}", "新华社北京10月8日电 记者{name}", "康巴什讯 （{name}）")
NAMES = ("王小明", "李晓红", "赵磊", "孙丽", "周强", "吴静", "郑浩")
KICKERS = ("文化惠民", "聚焦民生", "基层一线", "奋进新征程", "科技前沿")
SUBHEADS = ("■ 加强统筹协调", "一、聚焦重点任务", "●服务延伸到基层", "【创新驱动】", "科技赋能 提质增效", "二、完善长效机制")
ADS = (("金河家居", "品质生活 从家开始", "订购热线：0477-8123456 地址：滨河路88号"),
       ("城南口腔医院", "专业种植 微创拔牙", "咨询电话：0477-6655321"),
       ("草原明珠酒店", "婚宴 会议 客房 全城优惠", "预订电话：0477-8899001 www.cymz-hotel.cn"))


@dataclass(frozen=True)
class GoldStory:
    title: str
    body: str  # every character of the body (byline included), whitespace removed
    kicker: str | None = None


@dataclass(frozen=True)
class _Story:
    title: str
    paragraphs: tuple[str, ...]
    byline: str | None
    kicker: str | None
    subtitle: str | None
    photo: bool
    continued: bool = False  # the rest of a story begun on an earlier page
    subheads: tuple[int, ...] = ()  # paragraphs that are in-story subheads
    small: bool = False  # set in smaller type, in a frame
    large: bool = False  # a lead story set in larger type than the page's other stories
    vertical: bool = False  # its headline set top to bottom in a column of its own, right of its text
    bold_title: bool = False
    spaced: bool = False  # a short headline letter-spaced
    in_form: bool = False  # drawn inside a form XObject
    ad: tuple[str, str, str] | None = None  # an ad: brand, slogan, contact (no article)


def _printable(text: str) -> str:
    """What the built-in font can print (GB 2312 and ASCII): other characters would come back as nothing."""
    out = []
    for ch in text:
        try:
            ch.encode("gb2312")
            if ch not in "・·":  # the built-in font prints neither middle dot
                out.append(ch)
        except UnicodeEncodeError:
            continue
    return "".join(out)


def _sample_stories(rng: random.Random) -> list[_Story]:
    cmrc = json.loads((Path(__file__).parent / "fixtures" / "cmrc_sample.json").read_text(encoding="utf-8"))
    texts = [(s.title, s.paragraphs) for s in STORIES]
    for item in cmrc:
        sentences = re.findall(r".*?[。！？]", item["text"])
        paragraphs, buf = [], ""
        for s in sentences:
            buf += s
            if len(buf) > rng.randint(60, 160):
                paragraphs.append(buf)
                buf = ""
        if buf:
            paragraphs.append(buf)
        texts.append((_printable(item["title"]) + rng.choice(("", "：新的进展", "引发关注", "走进千家万户")),
                      tuple(_printable(p) for p in paragraphs)))
    rng.shuffle(texts)
    out = []
    for title, paragraphs in texts:
        byline = rng.choice(BYLINES).format(name=rng.choice(NAMES)) if rng.random() < 0.8 else None
        out.append(_Story(title, paragraphs, byline, rng.choice(KICKERS) if rng.random() < 0.25 else None,
                          "——" + rng.choice(("记者手记", "来自一线的报道", "数字背后的故事")) if rng.random() < 0.15 else None,
                          rng.random() < 0.25))
    return out


def _wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """Greedy line breaking by glyph widths (CJK text breaks anywhere)."""
    lines, line = [], ""
    room = width - indent
    for ch in text:
        if line and pdfmetrics.stringWidth(line + ch, FONT, size) > room:
            lines.append(line)
            line, room = "", width
        line += ch
    if line:
        lines.append(line)
    return lines


def _partition(columns: int, rng: random.Random) -> list[int]:
    spans, left = [], columns
    while left:
        span = rng.randint(1, left) if rng.random() < 0.6 else 1
        spans.append(span)
        left -= span
    return spans


class _Page:
    def __init__(self, c: canvas.Canvas, rng: random.Random, latin_face: bool = False,
                 fake_bold: bool = False) -> None:
        self.c, self.rng = c, rng
        self.latin_face, self.fake_bold = latin_face, fake_bold
        self.columns = rng.randint(2, 5)
        self.body = rng.choice((9.0, 9.5, 10.0, 10.5))
        self.colw = (PAGE_W - 2 * MARGIN - (self.columns - 1) * GUTTER) / self.columns

    def text(self, x: float, y: float, s: str, size: float, font: str = FONT, space: float = 0.0) -> None:
        self._text_in_faces(x, y, s, size, font, space)
        if self.fake_bold and size >= 12:  # headings (and a lead story's large text) again 0.3 pt aside
            self._text_in_faces(x + 0.3, y + 0.3, s, size, font, space)

    def _text_in_faces(self, x: float, y: float, s: str, size: float, font: str, space: float) -> None:
        if not self.latin_face:
            self._text(x, y, s, size, font, space)
            return
        for part in _LATIN_OR_NOT.findall(s):  # digits and Latin in a Latin face, as papers set them
            face = "Times-Roman" if part[0].isascii() and part[0].isalnum() else font
            self._text(x, y, part, size, face, space)
            x += pdfmetrics.stringWidth(part, face, size) + space * len(part)

    def _text(self, x: float, y: float, s: str, size: float, font: str, space: float) -> None:
        t = self.c.beginText(x, y)
        t.setFont(font, size)
        t.setCharSpace(space)
        t.textOut(s)
        self.c.drawText(t)

    def header(self, paper: str, date: str, page_no: int) -> None:
        y = PAGE_H - MARGIN
        self.text(MARGIN, y, paper, 10)
        self.text(MARGIN + 120, y, date, 9)
        self.text(PAGE_W - MARGIN - 200, y, f"第{page_no}版 要闻 责任编辑：{self.rng.choice(NAMES)}", 9)
        self.c.line(MARGIN, y - 6, PAGE_W - MARGIN, y - 6)
        self.text(PAGE_W / 2 - 20, MARGIN - 18, f"— {page_no} —", 8)

    def story_height(self, st: _Story, span: int) -> tuple[float, dict]:
        """Lay the story out in a box ``span`` columns wide: (height, what to draw)."""
        width = span * self.colw + (span - 1) * GUTTER
        if st.ad:
            return 150.0, {"width": width}
        title_size = self.rng.choice((18.0, 20.0, 22.0, 26.0)) if span > 1 else self.rng.choice((15.0, 16.0, 18.0))
        body = round(self.body * 1.64) / 2 if st.small else (round(self.body * 2.4) / 2 if st.large else self.body)
        if st.large:
            title_size += 8
        vertical = st.vertical and span > 1
        body_span = span - 1 if vertical else span
        title_lines = [] if vertical else _wrap(st.title, width, title_size)
        space = 0.0
        if st.spaced and len(title_lines) == 1 and len(st.title) > 1:
            space = min(title_size, (width - pdfmetrics.stringWidth(st.title, FONT, title_size)) / (len(st.title) - 1))
        lines: list[tuple[str, bool, bool]] = []  # (text, starts a paragraph, is a subhead)
        for i, paragraph in enumerate(st.paragraphs):
            if i in st.subheads:
                lines += [(line, False, True) for line in _wrap(paragraph, self.colw, body + 1)]
                continue
            text = (st.byline + " " + paragraph) if i == 0 and st.byline else paragraph
            for k, line in enumerate(_wrap(text, self.colw - (8 if st.small else 0), body, indent=2 * body)):
                lines.append((line, k == 0, False))
        per_column = -(-len(lines) // body_span)
        lead = body * 1.35
        # above the text: kicker, headline, subtitle, photo with its caption
        head = (16.0 if st.kicker else 0.0) + len(title_lines) * title_size * 1.2 + (16.0 if st.subtitle else 0.0) + 8 \
            + (90.0 + 14.0 if st.photo else 0.0)
        if vertical:  # no kicker or subtitle: the column beside the text holds the headline alone
            h = max(per_column * lead, len(st.title) * title_size * 1.1) + 8
        else:
            h = head + per_column * lead + (8 if st.small else 0)
        return h, {"width": width, "title_size": title_size, "title_lines": title_lines, "lines": lines,
                   "per_column": per_column, "lead": lead, "body": body, "space": space, "vertical": vertical,
                   "span": span, "head": head}

    def draw_story(self, st: _Story, x: float, top: float, plan: dict) -> None:
        if st.in_form:
            name = f"form{id(st)}"
            self.c.beginForm(name, 0, 0, PAGE_W, PAGE_H)
            self._draw_story(st, x, top, plan)
            self.c.endForm()
            self.c.doForm(name)
        else:
            self._draw_story(st, x, top, plan)

    def _draw_story(self, st: _Story, x: float, top: float, plan: dict) -> None:
        if st.ad:
            self._draw_ad(st.ad, x, top, plan["width"])
            return
        y = top
        if plan["vertical"]:
            column = x + (plan["span"] - 1) * (self.colw + GUTTER) + (self.colw - plan["title_size"]) / 2
            for k, ch in enumerate(st.title):
                self.text(column, y - (k + 1) * plan["title_size"] * 1.1, ch, plan["title_size"], BOLD)
        if st.kicker and not plan["vertical"]:
            self.text(x, y - 12, st.kicker, 12)
            y -= 16
        for line in plan["title_lines"]:
            y -= plan["title_size"] * 1.2
            self.text(x, y + plan["title_size"] * 0.2, line, plan["title_size"], BOLD if st.bold_title else FONT,
                      plan["space"])
        if st.subtitle and not plan["vertical"]:
            self.text(x, y - 13, st.subtitle, 12)
            y -= 16
        y -= 8
        if st.photo:
            self.c.rect(x, y - 90, plan["width"], 86)
            caption = _wrap(f"图为{st.title[:8]}现场。 记者 {self.rng.choice(NAMES)} 摄", plan["width"], 8)[0]
            self.text(x, y - 102, caption, 8)
            y -= 104
        per, lead, body = plan["per_column"], plan["lead"], plan["body"]
        inset = 4.0 if st.small else 0.0
        if st.small:
            self.c.rect(x, y - per * lead - 8, plan["width"], per * lead + 12)
        for i, (line, first, subhead) in enumerate(plan["lines"]):
            col, row = plan["slots"][i] if "slots" in plan else divmod(i, per)
            indent = 2 * body if first else 0.0
            self.text(x + inset + col * (self.colw + GUTTER) + indent, y - (row + 1) * lead + 2, line,
                      body + 1 if subhead else body, BOLD if subhead else FONT)

    def _draw_ad(self, ad: tuple[str, str, str], x: float, top: float, width: float) -> None:
        brand, slogan, contact = ad
        self.c.rect(x, top - 146, width, 142)
        self.text(x + 10, top - 50, brand, min(32.0, (width - 20) / max(len(brand), 1)), BOLD)
        self.text(x + 10, top - 80, slogan, min(16.0, (width - 20) / max(len(slogan), 1)))
        for k, line in enumerate(_wrap(contact, width - 20, 9)):
            self.text(x + 10, top - 110 - 12 * k, line, 9)


def _briefs(rng: random.Random) -> _Story:
    """A 简讯 column: a label for a title and short items without headlines of their own."""
    items = ("■ 市图书馆本周六上午举办亲子阅读分享会，欢迎家长带孩子参加。",
             "■ 河口镇草莓采摘节将于下月开幕，届时将有农产品展销和文艺演出。",
             "■ 市公交集团新开通两条社区微循环线路，方便居民就近出行。",
             "■ 滨河公园健身步道完成提质改造，新增照明设施和休息座椅。")
    return _Story("简讯", tuple(rng.sample(items, rng.randint(2, 4))), None, None, None, False)


def _masthead(page: _Page, paper: str, date: str, teasers: bool = False) -> float:
    """A front page's masthead: the paper's name in large type, the date and 第1版 under it; with ``teasers``
    a 导读 box under it (stories of other pages, each pointing to its page)."""
    size = 44.0
    page.text(PAGE_W / 2 - len(paper) * size / 2, PAGE_H - MARGIN - size, paper, size)
    page.text(MARGIN, PAGE_H - MARGIN - size - 22, date, 10)
    page.text(PAGE_W - MARGIN - 60, PAGE_H - MARGIN - size - 22, "第1版", 10)
    page.c.line(MARGIN, PAGE_H - MARGIN - size - 30, PAGE_W - MARGIN, PAGE_H - MARGIN - size - 30)
    top = PAGE_H - MARGIN - size - 44
    if not teasers:
        return top
    height = 20 + 30 * ((len(TEASERS) + 1) // 2)
    page.c.rect(MARGIN, top - height, PAGE_W - 2 * MARGIN, height)
    page.text(MARGIN + 8, top - 16, "导读", 14, BOLD)
    for k, title in enumerate(TEASERS):
        x, y = MARGIN + 60 + (k % 2) * 360, top - 20 - (k // 2) * 30
        page.text(x, y - 6, "▶ " + title, 11, BOLD)
        page.text(x + 12, y - 19, f"详见第{k + 2}版", 9)
    return top - height - 14


TEASERS = ("城南图书馆新馆正式开放", "全市春季植树活动举行", "地铁三号线北延段开通试运营", "河口镇草莓采摘节开幕")


def _gold(st: _Story) -> GoldStory:
    return GoldStory(st.title, "".join(((st.byline or "") + "".join(st.paragraphs)).split()), st.kicker)


def _with_extras(stories: list[_Story], xr: random.Random) -> list[_Story]:
    bold = xr.random() < 0.6  # the paper's headline face
    out = []
    for st in stories:
        paragraphs, subheads = st.paragraphs, ()
        if len(paragraphs) >= 3 and st.title != "简讯" and xr.random() < 0.3:
            k = xr.randint(1, len(paragraphs) - 1)
            paragraphs, subheads = paragraphs[:k] + (xr.choice(SUBHEADS),) + paragraphs[k:], (k,)
        out.append(dataclasses.replace(st, paragraphs=paragraphs, subheads=subheads, bold_title=bold,
                                       spaced=len(st.title) <= 8 and xr.random() < 0.5,
                                       small=st.title != "简讯" and xr.random() < 0.08, in_form=xr.random() < 0.15,
                                       large=st.title != "简讯" and xr.random() < 0.06))
        if len(st.title) <= 10 and st.title != "简讯" and xr.random() < 0.12:  # no kicker, subtitle or photo
            out[-1] = dataclasses.replace(out[-1], vertical=True, kicker=None, subtitle=None, photo=False)
    for _ in range(len(stories) // 12):
        out.insert(xr.randint(0, len(out)), _Story("", (), None, None, None, False, ad=xr.choice(ADS)))
    return out


def make_issue(path: Path, seed: int, pages: int = 1, paper: str = "城南日报", masthead: bool = False,
               metadata: bool = True, extras: bool = True, latin_face: bool = False,
               fake_bold: bool = False, bleed: bool = False, teasers: bool = False) -> list[list[GoldStory]]:
    """A PDF of ``pages`` pages; the gold stories of each page, in reading order.  ``masthead`` prints
    the paper's name large on page 1; without ``metadata`` the PDF carries no title.  Stories that do
    not fit at the foot of a page may continue on the next one (（下转第N版） / （上接第N版）).
    Drawn as some typesetters do (the same pages otherwise): ``latin_face`` sets digits and Latin in
    Times-Roman, whose characters sit a little higher than the Chinese ones; ``fake_bold`` prints what is
    set in 12 pt or more (headings, a lead story's text) twice, 0.3 pt aside (a typesetter's fake bold).
    ``bleed`` prints each page as a print shop's PDF: on a larger sheet (MediaBox) with the page as its
    CropBox, crop marks and slug lines (file, time, plates) outside it.  ``teasers`` sets a 导读 box under the
    masthead (with ``masthead``)."""
    rng = random.Random(seed)
    stories = _sample_stories(rng)
    stories.insert(rng.randint(len(stories) - 12, len(stories) - 1), _briefs(rng))
    if extras:
        stories = _with_extras(stories, random.Random(f"extras {seed}"))
    date = rng.choice(("2024年10月16日 星期三", "2011.5.24 星期二", "2023年3月1日 星期三"))
    c = canvas.Canvas(str(path), pagesize=(PAGE_W + 2 * BLEED, PAGE_H + 2 * BLEED) if bleed else (PAGE_W, PAGE_H))
    if bleed:
        c.setCropBox((BLEED, BLEED, BLEED + PAGE_W, BLEED + PAGE_H))
    if metadata:
        c.setTitle(paper)
    gold: list[list[GoldStory]] = []
    strips, ls = random.Random(f"strip {seed}"), random.Random(f"wrap {seed}")
    for page_no in range(1, pages + 1):
        if bleed:
            _slug(c, paper, page_no)
        page = _Page(c, rng, latin_face, fake_bold)
        if masthead and page_no == 1:
            top = _masthead(page, paper, date, teasers)
        else:
            page.header(paper, date, page_no)
            top = PAGE_H - MARGIN - 20
        page_gold: list[GoldStory] = []
        left, columns = MARGIN, page.columns
        if extras and page.columns >= 3 and strips.random() < 0.3:  # a strip of short stories down the left
            _strip(page, stories, page_gold, top)
            left, columns = MARGIN + page.colw + GUTTER, page.columns - 1
        while stories:
            spans = _partition(columns, rng)
            row = []
            for span in spans:
                if not stories:
                    break
                st = stories.pop()
                row.append((st, span, *page.story_height(st, span)))
            height = max(h for _, _, h, _ in row)
            if top - height < MARGIN:
                stories.extend(reversed([st for st, *_ in row]))
                if page_no < pages and columns == page.columns:
                    top = _continue(page, stories, page_gold, top, page_no)
                break
            if extras and ls.random() < 0.25:
                row, height = _wrap_around(page, row, stories, height)
            x = left
            for st, span, _, plan in row:
                page.draw_story(st, x, top, plan)
                if not st.continued and not st.ad:
                    page_gold.append(_gold(st))
                if "under" in plan:  # a story set in the first column, under the top of this one's text
                    inner, inner_plan, inner_top = plan["under"]
                    page.draw_story(inner, x, top - inner_top, inner_plan)
                    page_gold.append(_gold(inner))
                x += span * page.colw + span * GUTTER
            top -= height + 18
            c.setLineWidth(0.5)
            c.line(left, top + 9, PAGE_W - MARGIN, top + 9)
        gold.append(page_gold)
        c.showPage()
    c.save()
    return gold


BLEED = 30.0  # points of sheet around a print shop's page


def _slug(c: canvas.Canvas, paper: str, page_no: int) -> None:
    """What a print shop's PDF carries outside its page: crop marks at the corners, slug lines, then the page
    itself drawn a bleed in."""
    c.setLineWidth(0.3)
    for x in (BLEED, BLEED + PAGE_W):
        for y in (BLEED, BLEED + PAGE_H):
            c.line(x, y + (6 if y > BLEED else -6), x, y + (24 if y > BLEED else -24))
            c.line(x + (6 if x > BLEED else -6), y, x + (24 if x > BLEED else -24), y)
    c.setFont(FONT, 7)
    c.drawString(BLEED + 30, BLEED + PAGE_H + 10,
                 f"{paper}-A{page_no:02d}.indd  {page_no}  2024/10/15  23:10:05  版面输出")
    c.drawString(BLEED + 30, 10, f"黑 青 品 黄  {paper} 第{page_no}版 出片时间 2024年10月15日 23:10")
    c.translate(BLEED, BLEED)


def _wrap_around(page: _Page, row: list, stories: list[_Story], height: float) -> tuple[list, float]:
    """A story over two columns or more whose first column holds only its first lines, a one-column story
    set under them (the page's text wraps around it): the row with it, and the row's height."""
    plain = lambda st: not (st.ad or st.continued or st.small or st.vertical or st.title == "简讯")  # noqa: E731
    k = next((k for k, (st, span, _, plan) in enumerate(row) if span >= 2 and plain(st) and len(plan["lines"]) >= 12),
             None)
    if k is None or not stories or not plain(stories[-1]):
        return row, height
    st, span, _, plan = row[k]
    inner = stories.pop()
    n = len(plan["lines"])
    first = max(3, n // (2 * span))
    per = -(-(n - first) // (span - 1))
    head = plan["head"]
    inner_height, inner_plan = page.story_height(inner, 1)
    inner_top = head + first * plan["lead"] + 12
    plan = {**plan, "slots": [(0, r) for r in range(first)] + [(1 + i // per, i % per) for i in range(n - first)],
            "per_column": max(first, per), "under": (inner, inner_plan, inner_top)}
    own = head + max(per * plan["lead"], inner_top - head + inner_height)
    row = row[:k] + [(st, span, own, plan)] + row[k + 1:]
    return row, max(height, own)


def _strip(page: _Page, stories: list[_Story], page_gold: list[GoldStory], top: float) -> None:
    """One-column stories stacked down the page's left column, a rule under each."""
    y = top
    while stories and not stories[-1].continued:
        height, plan = page.story_height(stories[-1], 1)
        if y - height < MARGIN + 120:
            break
        st = stories.pop()
        page.draw_story(st, MARGIN, y, plan)
        if not st.ad:
            page_gold.append(_gold(st))
        y -= height + 18
        page.c.line(MARGIN, y + 9, MARGIN + page.colw, y + 9)


def _continue(page: _Page, stories: list[_Story], page_gold: list[GoldStory], top: float, page_no: int) -> float:
    """Start the next story at the foot of this page and continue it on the next (if it has the
    paragraphs for it and its first part fits)."""
    st = stories[-1]
    if len(st.paragraphs) < 2 or st.title == "简讯" or st.ad:
        return top
    cut = len(st.paragraphs) // 2
    first = _Story(st.title, st.paragraphs[:cut - 1] + (st.paragraphs[cut - 1] + f"（下转第{page_no + 1}版）",),
                   st.byline, st.kicker, None, False)
    height, plan = page.story_height(first, page.columns)
    if top - height < MARGIN:
        return top
    stories.pop()
    page.draw_story(first, MARGIN, top, plan)
    page_gold.append(_gold(st))
    rest = (f"（上接第{page_no}版）" + st.paragraphs[cut],) + st.paragraphs[cut + 1:]
    stories.append(_Story(st.title, rest, None, None, None, False, continued=True))
    return top - height - 18
