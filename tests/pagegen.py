"""Lays out articles as the text a PDF extractor gives for an e-paper page.

Columns are re-wrapped to a fixed width (the first line of a paragraph two cells narrower, as the
indent is lost), column breaks put blank lines in mid-sentence, and headlines go above their story,
glued to it, below it, or into a block of headings elsewhere on the page with kickers and banners.
The articles are written for these tests (fictional local news).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Story:
    title: str
    paragraphs: tuple[str, ...]
    byline: str | None = None  # printed before the first paragraph
    end_tag: str | None = None  # e.g. （张明）
    kicker: str | None = None
    subheads: dict[int, str] = field(default_factory=dict)  # paragraph index -> subhead before it
    title_lines: tuple[str, ...] | None = None  # how the headline wraps (default: one line)


STORIES: tuple[Story, ...] = (
    Story(
        title="城南图书馆新馆正式开放",
        kicker="文化惠民",
        byline="本报讯 记者李晓红",
        paragraphs=(
            "10月8日，位于城南新区的市图书馆新馆正式向市民开放，首日接待读者超过三千人次。",
            "新馆建筑面积2.6万平方米，设有少儿阅览区、古籍修复室、数字体验厅和二十四小时自助借还区，馆藏图书达到一百二十万册。",
            "市图书馆馆长王建国介绍，新馆还开设了视障阅览室，配备盲文图书和听书设备，让特殊群体也能方便地走进图书馆。",
            "据悉，新馆开放后将每周举办读书分享会和公益讲座，周末还将推出亲子阅读课程。",
        ),
    ),
    Story(
        title="首届黄河湿地马拉松鸣枪开跑",
        byline="□赵磊",
        paragraphs=(
            "清晨七点，首届黄河湿地马拉松在滨河公园鸣枪开跑，来自全国各地的八千名跑者沿着湿地步道奔跑。",
            "本次赛事设全程马拉松、半程马拉松和五公里健康跑三个项目，赛道途经芦苇荡、观鸟台和百年渡口。",
            "组委会在沿途设置了二十个补给站和六个医疗点，并安排三百名志愿者提供服务。",
            "最终，男子全程冠军由来自云南的选手杨帆以2小时18分的成绩获得，女子全程冠军被本地选手刘芳夺得。",
        ),
        subheads={2: "志愿者护航赛事"},
    ),
    Story(
        title="大棚草莓喜获丰收 采摘游带火乡村经济",
        title_lines=("大棚草莓喜获丰收", "采摘游带火乡村经济"),
        kicker="河口镇",
        byline="河口讯",
        end_tag="（孙丽娟）",
        paragraphs=(
            "近日，河口镇万亩草莓种植基地迎来采摘旺季，一颗颗鲜红饱满的草莓挂满枝头，吸引了大批游客前来采摘。",
            "基地负责人陈志强说，今年基地引进了无土栽培和智能温控技术，草莓亩产提高了三成，每斤售价在三十元左右。",
            "为了延长产业链，镇里还建起了草莓酱加工厂和电商直播间，带动周边三百多户农民增收。",
        ),
    ),
    Story(
        title="地铁三号线北延段开通试运营",
        byline="本报讯 记者周涛 通讯员吴敏",
        paragraphs=(
            "12月26日上午，地铁三号线北延段开通试运营，线路全长十四公里，共设八座车站。",
            "北延段开通后，从高铁北站到市中心只需二十五分钟，比原来的公交出行节省一半时间。",
            "运营公司提醒乘客，试运营期间首班车时间为早上六点，末班车时间为晚上十点半，高峰期行车间隔为四分钟。",
        ),
    ),
    Story(
        title="社区老年食堂让老人吃上“暖心饭”",
        byline="□马文静",
        end_tag="（马文静）",
        paragraphs=(
            "在幸福路社区老年食堂，每天中午都有上百位老人前来就餐，四菜一汤只要十二元。",
            "食堂由社区和爱心企业共同运营，八十岁以上老人和低保老人还能享受半价优惠。",
            "“饭菜软烂可口，价格也实惠，我几乎天天来。”今年七十八岁的张大爷笑着说。",
            "社区书记黄丽表示，下一步将开通送餐上门服务，让行动不便的老人在家也能吃上热饭。",
        ),
        subheads={1: "企业助力 降低成本"},
    ),
    Story(
        title="我市开展汛前防汛应急演练",
        byline="本报讯 记者高洁",
        paragraphs=(
            "5月20日，我市在青龙河畔开展汛前防汛应急演练，水利、消防、公安等十二个部门参加。",
            "演练模拟了河道水位暴涨、堤防出现管涌险情的场景，抢险队伍迅速完成了人员转移、抢筑子堤和封堵管涌等科目。",
            "市水利局负责人表示，目前全市已储备编织袋五十万条、冲锋舟四十艘，确保汛期安全度汛。",
        ),
    ),
)

BANNERS = ("奋力谱写高质量发展新篇章", "聚焦民生实事")


def _width(text: str) -> float:
    return sum(0.5 if ord(c) < 128 else 1.0 for c in text)


def wrap(paragraph: str, width: int) -> list[str]:
    """Cut a paragraph into column lines; the first is two cells narrower (lost indent)."""
    lines: list[str] = []
    current = ""
    limit = width - 2
    for ch in paragraph:
        if current and _width(current + ch) > limit:
            lines.append(current)
            current = ""
            limit = width
        current += ch
    if current:
        lines.append(current)
    return lines


def story_lines(story: Story, width: int, rng: random.Random, break_rate: float) -> list[str]:
    """Body lines of a story, with subheads and column breaks (blank lines) in place."""
    out: list[str] = []
    for i, paragraph in enumerate(story.paragraphs):
        if i in story.subheads:
            out += ["", story.subheads[i], ""]
        text = paragraph
        if i == 0 and story.byline:
            text = story.byline + " " + paragraph
        if i == len(story.paragraphs) - 1 and story.end_tag:
            text = paragraph + " " + story.end_tag
        lines = wrap(text, width)
        for j, line in enumerate(lines):
            out.append(line)
            if j < len(lines) - 1 and rng.random() < break_rate:
                out.append("")  # a column break in mid-paragraph
        if not (out and out[-1] == ""):
            out.append("")
    while out and out[-1] == "":
        out.pop()
    return out


def headline(story: Story) -> list[str]:
    return list(story.title_lines or (story.title,))


def layout(stories: list[Story], width: int, placement: str, seed: int = 0, break_rate: float = 0.15,
           banners: bool = True) -> str:
    """One page.  placement: above | glued | below | cluster | mixed."""
    rng = random.Random(seed)
    page: list[str] = []
    cluster: list[str] = []
    if banners and placement != "cluster":
        page += [BANNERS[0], ""]
    for k, story in enumerate(stories):
        mode = placement if placement != "mixed" else ("above", "below", "cluster", "glued")[k % 4]
        body = story_lines(story, width, rng, break_rate)
        kicker = [story.kicker, ""] if story.kicker else []
        if mode == "above":
            page += kicker + headline(story) + [""] + body + [""]
        elif mode == "glued":
            page += kicker + headline(story) + body + [""]
        elif mode == "below":
            page += body + [""] + kicker + headline(story) + [""]
        else:
            page += body + [""]
            cluster += kicker + headline(story) + [""]
    if cluster:
        if banners:
            cluster = [BANNERS[1], ""] + cluster
        page += cluster
    return "\n".join(page).strip() + "\n"


def body_text(story: Story) -> str:
    """Every character the article's body must keep (whitespace removed)."""
    parts = []
    for i, paragraph in enumerate(story.paragraphs):
        if i in story.subheads:
            parts.append(story.subheads[i])
        if i == 0 and story.byline:
            parts.append(story.byline)
        parts.append(paragraph)
        if i == len(story.paragraphs) - 1 and story.end_tag:
            parts.append(story.end_tag)
    return "".join("".join(parts).split())
