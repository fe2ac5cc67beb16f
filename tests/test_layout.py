"""Page layout analysis: the seed page, and pages laid out here from other articles."""

from __future__ import annotations

import dataclasses
import random
import re

import pytest

from index.layout import display_width, split_page, strip_byline
from index.layout.figures import unglue_figures
from index.layout.furniture import blank_furniture
from index.layout.thread import _match, carries_number
from tests.conftest import SEED_PAGE
from tests.pagegen import STORIES, Story, body_text, layout

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub("", text)


def split(page: str) -> list[tuple[str, str]]:
    return [(squash(a.title), squash("".join(a.paragraphs))) for a in split_page(page)]


def expected(stories: list[Story]) -> list[tuple[str, str]]:
    return [(squash(s.title), body_text(s)) for s in stories]


# -- the seed page -----------------------------------------------------------------------------

SEED_TITLES = [
    "汇聚“侨智侨力”助推高质量发展",
    "我市2024年住建领域“安全生产月”活动启动",
    "2024年全市领导干部上讲台暨“局长周讲坛”第10期开讲",
    "乌审旗：“掌上办事”让政务服务走“新”更走“心”",
    "“飞地抱团”铺就乡村共富路",
    "鄂尔多斯以“诚”暖城",
    "准旗：打造居民“家门口”的“健身圈”",
    "我市持续优化供应链金融服务机制 全力支持乡村振兴",
]


@pytest.fixture(scope="module")
def seed_articles():
    return split_page(SEED_PAGE.read_text(encoding="utf-8"))


def test_seed_page_splits_into_its_eight_articles_with_their_titles(seed_articles):
    assert [a.title for a in seed_articles] == SEED_TITLES


def test_seed_page_keeps_every_body_line_and_drops_headings_and_banners(seed_articles):
    headings = {"奋进新征程建功新时代", "全国一流营商环境创建进行时", "东胜区侨办", "领导干部上讲台", "鄂前旗上海庙镇",
                "2024年全市领导干部上讲台", "暨“局长周讲坛”第10期开讲", "我市2024年住建领域", "“安全生产月”活动启动",
                "我市持续优化供应链金融服务机制", "全力支持乡村振兴"} | {squash(t) for t in SEED_TITLES}
    bodies = "".join(squash("".join(a.paragraphs)) for a in seed_articles)
    for line in SEED_PAGE.read_text(encoding="utf-8").splitlines():
        line = squash(line)
        if line and line not in headings:
            assert line in bodies, line
    for banner in ("奋进新征程建功新时代", "全国一流营商环境创建进行时"):
        assert banner not in bodies


def test_seed_subheads_stay_inside_their_story_as_paragraphs(seed_articles):
    wushen = seed_articles[3]
    assert "“一图”在手，办事无忧" in wushen.paragraphs
    assert "“指尖”填单，省事省心" in wushen.paragraphs
    feidi = seed_articles[4]
    assert "变“不可持续”为“硕果累累”" in feidi.paragraphs


def test_seed_kickers_are_found_but_are_not_titles(seed_articles):
    assert seed_articles[0].kicker == "东胜区侨办"
    assert seed_articles[2].kicker == "领导干部上讲台"
    assert seed_articles[4].kicker == "鄂前旗上海庙镇"


def test_seed_story_boundaries_follow_bylines_and_author_tags(seed_articles):
    firsts = [squash(a.paragraphs[0])[:12] for a in seed_articles]
    assert firsts[0].startswith("东胜讯")
    assert firsts[3].startswith("□王雪艳")
    assert firsts[5].startswith("（上接第一版）")
    assert squash(seed_articles[0].paragraphs[-1]).endswith("（钱伟东）")
    assert squash(seed_articles[7].paragraphs[-1]).endswith("（吴拴拴）")


def test_column_breaks_in_mid_sentence_are_rejoined(seed_articles):
    text = "".join(seed_articles[0].paragraphs)
    assert "搭建起依法维护侨益、开展侨法宣传的新平台" in text
    fitness = "".join(seed_articles[6].paragraphs)
    assert "在准格尔旗薛家湾镇的北山体育公园内，篮球、足球场" in fitness


# -- pages laid out here -----------------------------------------------------------------------

@pytest.mark.parametrize("placement", ["above", "glued", "below", "cluster", "mixed"])
@pytest.mark.parametrize("width", [13, 17, 22, 26])
def test_generated_pages_split_into_their_articles(placement: str, width: int):
    for seed in range(3):
        stories = list(STORIES)
        random.Random(seed).shuffle(stories)
        page = layout(stories, width, placement, seed, break_rate=0.3)
        assert split(page) == expected(stories), (placement, width, seed)


def test_title_printed_after_body_is_found():
    story = STORIES[3]
    page = layout([STORIES[0], story], 20, "below", seed=1)
    assert [t for t, _ in split(page)] == [squash(STORIES[0].title), squash(story.title)]


def test_two_line_headline_is_joined_and_kicker_is_kept_apart():
    strawberries = STORIES[2]
    page = layout([strawberries, STORIES[1]], 18, "above", seed=2)
    article = split_page(page)[0]
    assert article.title == "大棚草莓喜获丰收 采摘游带火乡村经济"
    assert article.kicker == "河口镇"


def test_section_banner_belongs_to_no_article():
    page = layout(list(STORIES[:3]), 20, "cluster", seed=3)
    assert "聚焦民生实事" in page
    for title, body in split(page):
        assert "聚焦民生实事" not in title and "聚焦民生实事" not in body


def test_story_without_byline_starts_after_the_previous_author_tag():
    first = STORIES[2]  # ends with （孙丽娟）
    second = dataclasses.replace(STORIES[3], byline=None)
    page = layout([first, second], 20, "above", seed=4)
    assert split(page) == expected([first, second])


def test_continuation_from_another_page_starts_a_story():
    continued = dataclasses.replace(STORIES[5], byline="（上接第一版）")
    page = layout([STORIES[0], continued], 20, "cluster", seed=5)
    assert split(page) == expected([STORIES[0], continued])


def test_author_tag_wrapped_across_lines_still_ends_the_story():
    page = "\n".join([
        "本报讯 记者王强 今天上午，全市春季植树活动在",
        "南山公园举行，一千多名干部群众种下各类苗木",
        "两万余株。 （王",
        "强）",
        "",
        "□李娜 新学期开始，市第一中学新建的科技楼投入",
        "使用，楼内设有机器人实验室和天文观测台。",
        "",
        "全民义务植树 共建绿色家园",
        "",
        "市一中科技楼投入使用",
    ])
    arts = split_page(page)
    assert [a.title for a in arts] == ["全民义务植树 共建绿色家园", "市一中科技楼投入使用"]
    assert squash(arts[0].paragraphs[-1]).endswith("（王强）")


def test_story_without_any_headline_gets_its_first_sentence_as_title():
    page = "本报讯 记者高洁 今天，我市首座城市书房在人民公园开放。书房藏书五千册，全天免费开放。\n"
    arts = split_page(page)
    assert len(arts) == 1
    assert arts[0].title == "今天，我市首座城市书房在人民公园开放。"


def test_empty_or_blank_page_has_no_articles():
    assert split_page("") == []
    assert split_page("\n\n   \n") == []


def test_display_width_counts_ascii_as_half():
    assert display_width("新闻") == 2
    assert display_width("5GW") == 1.5
    assert display_width("“侨”") == 3


@pytest.mark.parametrize(
    "paragraph, rest",
    [
        ("本报讯 市融媒体中心记者郭路怡 今年 6月是第 23个", "今年 6月是第 23个"),
        ("本报讯 记者王文轩 通讯员王 慧琴 近年来，准格尔旗", "近年来，准格尔旗"),
        ("□王雪艳 近年来，乌审旗", "近年来，乌审旗"),
        ("（上接第一版）目前，市场", "目前，市场"),
        ("新华社北京6月1日电 记者李明 日前，", "日前，"),
        ("普通段落，没有署名。", "普通段落，没有署名。"),
    ],
)
def test_strip_byline(paragraph: str, rest: str):
    assert strip_byline(paragraph) == rest


def test_running_heads_captions_and_folios_are_not_articles():
    story = STORIES[0]
    page = layout([story, STORIES[1]], 16, "above", seed=5)
    furnished = ("城南日报\n\n2024年10月16日 星期三\n\n第3版 要闻 责任编辑：王小明\n\n" + page.replace(
        "\n\n", "\n\n图为新馆的少儿阅览区。\n记者 李晓红 摄\n\n", 1) + "\n\n— 3 —\n")
    plain = split_page(page)
    found = split_page(furnished)
    assert [a.title for a in found] == [a.title for a in plain]
    assert [a.paragraphs for a in found] == [a.paragraphs for a in plain]
    assert not any(word in "".join(a.title + "".join(a.paragraphs) for a in found)
                   for word in ("责任编辑", "星期三", "图为新馆", "— 3 —"))


@pytest.mark.parametrize("line, head", [
    ("第3版 要闻 责任编辑：王小明", True), ("2024年10月16日 星期三", True), ("2011.5.24 星期二", True), ("— 3 —", True),
    ("本版编辑 张三 美术编辑 李四", True), ("2024年10月16日，市图书馆新馆正式开放。", False),
    ("第3版的报道引起了读者的关注，", False), ("消防演练中有2人受伤被困。", False),
    ("责编 张三  美编 李四", True), ("编辑：张三 组版：李四", True), ("网络责编的一天", False), ("编辑部的故事", False),
])
def test_running_head_lines(line: str, head: bool):
    from index.layout.furniture import is_running_head

    assert is_running_head(line) is head


@pytest.mark.parametrize("block, caption", [
    (["图为新馆的少儿阅览区。 记者 李晓红 摄"], True),
    (["图为新馆的少儿阅览区，小读者们", "正在阅读。（记者 李晓红 摄）"], True),
    (["▲ 市民在新馆借书。"], True),
    (["本报记者 王斌 摄"], True),
    (["图为民众大会的盛况，会上通过了", "多项决议，代表们一致认为，今后", "要继续加强基层组织建设，把", "工作做实做细，让群众满意。", "会议还决定…"], False),
    (["记者在现场看到，工作人员正在拍摄"], False),
    (["本报讯 记者王斌来 今天上午，"], False),
])
def test_caption_blocks(block: list[str], caption: bool):
    from index.layout.furniture import is_caption

    assert is_caption(block) is caption


def _column(text: str, width: int = 16) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


_LIBRARY = ("城南图书馆新馆今天正式向市民开放，首日接待读者超过三千人次。新馆建筑面积两万六千平方米，设有少儿阅览区和古籍修复室。"
            "馆长王建国介绍，新馆每天开放到晚上九点，节假日不闭馆。")
_STADIUM = ("滨河体育中心昨天通过竣工验收，将于明年春天投入使用。体育中心占地面积十二万平方米，主体育场可容纳三万名观众，"
            "另有游泳馆和训练馆各一座。中心主任李强说，场馆建成后将承办省运会。")
# a byline-less lead that names no headline's words first (a paragraph's indent before it)
_LIBRARY_LEAD = "  10月8日，位于城南新区的市图书馆新馆正式向市民开放，首日接待读者超过三千人次，设有少儿阅览区和古籍修复室。"
_PARK = ("城北公园改造工程全部完成，新增健身步道五公里，栽种乔木八千株。改造后的公园总面积四十公顷，设有儿童游乐区和老年活动区。"
         "附近居民纷纷前来散步健身，对改造效果十分满意。")


def test_stories_without_bylines_are_cut_where_a_headline_or_a_new_subject_begins():
    # the headlines printed together at the top, their stories run together below (pdfminer.six's order)
    far = f"城南日报\n\n城南图书馆新馆正式开放\n\n滨河体育中心竣工\n\n{_column(_LIBRARY)}\n\n{_column(_STADIUM)}\n"
    assert [(a.title, a.paragraphs[0][:6]) for a in split_page(far)] == [
        ("城南图书馆新馆正式开放", "城南图书馆新"), ("滨河体育中心竣工", "滨河体育中心")]
    # a headline between two stories whose leads name their subject
    between = f"{_column(_LIBRARY)}\n\n滨河体育中心竣工\n\n{_column(_STADIUM)}\n\n城北公园改造完成\n\n{_column(_PARK)}\n"
    found = split_page(between)
    assert [a.title for a in found][1:] == ["滨河体育中心竣工", "城北公园改造完成"]
    assert [a.paragraphs[0][:6] for a in found] == ["城南图书馆新", "滨河体育中心", "城北公园改造"]


def test_a_briefs_column_is_one_article_titled_by_its_label():
    page = (f"城南图书馆新馆正式开放\n\n本报讯 {_column(_LIBRARY)}\n\n本地快讯\n\n"
            "■ 市公交集团新开通两条社区微循\n环线路，方便居民就近出行。\n\n"
            "■ 市图书馆本周六上午举办亲子阅\n读分享会，欢迎家长带孩子参加。\n\n"
            f"{_column(_PARK[:64])}\n")
    found = split_page(page)
    briefs = [a for a in found if a.title == "本地快讯"]
    assert len(briefs) == 1 and [p[:6] for p in briefs[0].paragraphs] == ["■ 市公交集", "■ 市图书馆"]
    assert "欢迎家长带孩子参加。" in briefs[0].paragraphs[1] and "城北公园" not in briefs[0].paragraphs[1]
    assert not any(a.paragraphs[0].startswith("■") for a in found if a.title != "本地快讯")


def test_letter_spaced_headline_and_a_bulleted_subhead_inside_the_story():
    half = _LIBRARY.index("。") + 1
    page = (f"城 南 图 书 馆 开 放\n\n本报讯 记者王明 {_column(_LIBRARY[:half])}\n■ 加强统筹协调\n\n"
            f"{_column(_LIBRARY[half:])}\n\n滨河体育中心竣工\n\n本报讯 {_column(_STADIUM)}\n")
    found = split_page(page)
    assert [a.title for a in found] == ["城南图书馆开放", "滨河体育中心竣工"]
    assert "■ 加强统筹协调" in found[0].paragraphs
    assert found[0].paragraphs[-1].endswith("节假日不闭馆。")


def test_an_ad_between_stories_is_no_article_and_no_text():
    page = (f"城南图书馆新馆正式开放\n\n{_column(_LIBRARY)}\n\n草原明珠酒店\n婚宴 会议 客房 全城优惠\n\n"
            f"预订电话：0477-8899001 www.cymz-hotel.cn\n\n滨河体育中心竣工\n——记者手记\n\n城北公园改造完成\n\n"
            f"{_column(_STADIUM)}\n\n{_column(_PARK)}\n")
    found = split_page(page)
    assert [a.title for a in found] == ["城南图书馆新馆正式开放", "滨河体育中心竣工", "城北公园改造完成"]
    text = "".join(p for a in found for p in a.paragraphs)
    assert not any(w in text for w in ("草原明珠", "全城优惠", "0477", "www."))
    # between a story and text without a headline: not taken for subheads of the story
    bare = (f"城南图书馆新馆正式开放\n\n{_column(_LIBRARY)}\n\n金河家居\n品质生活 从家开始\n\n订购热线：0477-8123456\n\n"
            f"{_column(_STADIUM)}\n")
    assert not any("金河" in p or "0477" in p for a in split_page(bare) for p in a.paragraphs)


def test_stories_placed_as_figures_printed_on_one_line_get_their_headlines():
    # pdfminer.six prints the characters of a form XObject as one line: headline, caption, items, bylines
    line = (f"城南图书馆新馆正式开放——来自一线的报道图为新馆阅览室。 记者 王明 摄本报讯 记者王明 {_LIBRARY}"
            f"简讯■ 市公交集团新开通两条社区微循环线路，方便居民就近出行。■ 市图书馆本周六上午举办亲子阅读分享会。"
            f"滨河体育中心竣工本报讯 {_STADIUM}")
    found = split_page(f"城南日报\n\n{line}\n\n城北公园改造完成\n\n{_column(_PARK)}\n")
    assert [a.title for a in found] == ["城南图书馆新馆正式开放", "简讯", "滨河体育中心竣工", "城北公园改造完成"]
    assert found[0].paragraphs[0].startswith("本报讯") and found[0].paragraphs[-1].endswith("节假日不闭馆。")
    assert [p[:6] for p in found[1].paragraphs] == ["■ 市公交集", "■ 市图书馆"]
    assert not any("图为" in p or "——" in p for a in found for p in a.paragraphs)
    # an "XX讯" byline: the place is a word, not the headline's last characters; a kicker glued in front
    glued = split_page(f"文化惠民滨河体育中心竣工康巴什讯 （王明） {_STADIUM}{_STADIUM}\n")
    assert [(a.title, a.paragraphs[0][:6]) for a in glued] == [("滨河体育中心竣工", "康巴什讯 （")]
    # the next story's headline, then its photo's caption, then its byline; a banner glued in front of the first
    # (and a subhead's bullet inside a story is no brief's item)
    line = (f"奋进新征程城北公园改造完成{_PARK}滨河体育中心竣工图为体育场。 记者 王明 摄本报讯 记者王明 {_STADIUM}"
            f"■ 服务延伸到基层{_LIBRARY}")
    found = split_page(f"{line}\n")
    assert [(a.title, a.paragraphs[0][:4], a.paragraphs[-1][-4:]) for a in found] == [
        ("城北公园改造完成", _PARK[:4], _PARK[-4:]), ("滨河体育中心竣工", "本报讯 ", _LIBRARY[-4:])]
    # a story without a byline after a finished sentence, its text opening with its headline's first words;
    # a caption credited without 摄
    line = (f"城北公园改造完成{_PARK}滨河体育中心竣工图为体育场。 记者 王明 本报讯 {_STADIUM}"
            f"城南图书馆新馆开放{_LIBRARY}")
    found = split_page(f"{line}\n")
    assert [(a.title, a.paragraphs[0][:4], a.paragraphs[-1][-4:]) for a in found] == [
        ("城北公园改造完成", _PARK[:4], _PARK[-4:]), ("滨河体育中心竣工", "本报讯 ", _STADIUM[-4:]),
        ("城南图书馆新馆开放", _LIBRARY[:4], _LIBRARY[-4:])]
    # the same after a kicker, with a subtitle
    line = f"城北公园改造完成{_PARK}文化惠民滨河体育中心竣工——记者手记{_STADIUM}"
    found = split_page(f"{line}\n")
    assert [(a.title, a.paragraphs[0][:4], a.paragraphs[-1][-4:]) for a in found] == [
        ("城北公园改造完成", _PARK[:4], _PARK[-4:]), ("滨河体育中心竣工", _STADIUM[:4], _STADIUM[-4:])]
    # a short story placed as a figure
    found = split_page(f"城南图书馆新馆正式开放本报讯 记者王明 {_LIBRARY}\n\n{_column('本报讯 ' + _STADIUM)}\n")
    assert [(a.title, a.paragraphs[0][:6]) for a in found] == [("城南图书馆新馆正式开放", "本报讯 记者"),
                                                               (_STADIUM[:_STADIUM.index("。") + 1], "本报讯 滨河")]
    # a banner glued in front of a headline whose subject the lead names right after its byline
    found = split_page(f"城北公园改造完成{_PARK}文化惠民滨河：新的进展□王明 {_STADIUM}\n")
    assert [(a.title, a.paragraphs[0][:6]) for a in found] == [("城北公园改造完成", _PARK[:6]), ("滨河：新的进展", "□王明 滨河")]
    # no kicker cut off a headline whose first words the lead also uses ("城南" of 城南图书馆新馆正式开放)
    lead = "本报讯 记者王明 10月8日，位于城南新区的市图书馆新馆正式向市民开放，首日接待读者超过三千人次。"
    found = split_page(f"城南图书馆新馆开放{lead}新馆每天开放到晚上九点，节假日不闭馆，读者凭身份证即可办理借书证。\n")
    assert [(a.title, a.kicker) for a in found] == [("城南图书馆新馆开放", None)]
    found = split_page(f"文化惠民城南图书馆新馆开放{lead}新馆每天开放到晚上九点，节假日不闭馆，读者凭身份证即可办理借书证。\n")
    assert [(a.title, a.kicker) for a in found] == [("城南图书馆新馆开放", None)]  # a banner glued in front is cut off
    # a lead glued after a finished sentence, its headline printed elsewhere: it names the headline's subject
    page = f"{_column(_LIBRARY)}\n\n城北公园改造完成\n\n城南日报 {_LIBRARY}{_PARK}\n"
    assert f"\n\n{_PARK}" in unglue_figures(page) and f"\n\n{_PARK}" not in unglue_figures(page.replace("城北公园改造完成", ""))
    # a figure without a byline: its text names the headline's subject again
    alone = split_page(f"城北公园{_PARK * 2}\n")
    assert [a.title for a in alone] == ["城北公园"] and alone[0].paragraphs[0].startswith("城北公园改造")
    # a 简讯 column placed as a figure, shorter than a figure line usually is
    briefs = split_page(f"{_column('本报讯 ' + _LIBRARY)}\n\n简讯■ 市公交集团新开通两条社区线路。■ 市图书馆周六举办分享会。\n")
    assert [(a.title, len(a.paragraphs)) for a in briefs][1:] == [("简讯", 2)]


def test_a_briefs_label_printed_away_from_its_items_still_titles_them():
    page = (f"本地快讯\n\n城南图书馆新馆正式开放\n\n本报讯 {_column(_LIBRARY)}\n\n"
            "■ 市公交集团新开通两条社区微循\n环线路，方便居民就近出行。\n\n"
            "■ 市图书馆本周六上午举办亲子阅\n读分享会，欢迎家长带孩子参加。\n")
    found = split_page(page)
    assert [a.title for a in found] == ["城南图书馆新馆正式开放", "本地快讯"]
    assert [p[:6] for p in found[1].paragraphs] == ["■ 市公交集", "■ 市图书馆"]


def test_a_lead_naming_the_subject_of_any_headline_above_it_starts_a_story():
    # two headlines printed together between two stories without bylines; the lead names the first's
    # subject (few of its other words): first, after its writer's name, or a few words in
    for head, lead in (("滨河：新的进展", _STADIUM), ("滨河：新的进展", "王明 " + _STADIUM),
                       ("滨河体育：新的进展", "城西" + _STADIUM)):
        page = f"{_column(_LIBRARY)}\n\n{head}\n\n城北公园改造完成\n\n{_column(lead)}\n"
        found = split_page(page)
        assert [a.paragraphs[0][:8] for a in found] == [_LIBRARY[:8], lead[:8]], lead
        assert found[1].title == head


def test_the_rest_of_a_broken_sentence_printed_inside_the_next_story_goes_back():
    # the library story stops mid-sentence at a column's foot; its rest is printed as a paragraph of the
    # next story (no word runs across the break: only what the paragraph talks about tells)
    first = "城南图书馆新馆今天正式向市民开放，首日接待读者超过三千人次。新馆建筑面积两万六千平方米，设有"
    rest = "少儿阅览区和古籍修复室。城南图书馆馆长王建国介绍，图书馆新馆每天开放到晚上九点，节假日不闭馆。"
    opening, more = _STADIUM[:_STADIUM.index("。") + 1], _STADIUM[_STADIUM.index("。") + 1:]
    page = (f"城南图书馆新馆正式开放\n\n本报讯 {_column(first)}\n\n滨河体育中心竣工\n\n"
            f"本报讯 {_column(opening)}\n\n{_column(rest)}\n\n{_column(more)}\n")
    found = split_page(page)
    assert [a.title for a in found] == ["城南图书馆新馆正式开放", "滨河体育中心竣工"]
    assert "".join(found[0].paragraphs).endswith("节假日不闭馆。")
    assert "图书馆" not in "".join(found[1].paragraphs)


def _set(paragraphs: list[str], width: int = 16) -> list[str]:
    """Paragraphs set in a column: a paragraph's first line indented by two cells."""
    lines: list[str] = []
    for text in paragraphs:
        first, text = text[: width - 2], text[width - 2 :]
        lines += [first] + [text[i : i + width] for i in range(0, len(text), width)]
    return lines


def _printed(lines: list[str], *blocks: tuple[int, int]) -> str:
    """The column's lines as pdfminer.six may print its boxes: the given line ranges, in the given order."""
    assert sorted(n for a, b in blocks for n in range(a, b)) == list(range(len(lines)))
    return "\n\n".join("\n".join(lines[a:b]) for a, b in blocks) + "\n"


_PARAGRAPHS = [
    "本报讯 记者王明 城南图书馆新馆今天正式向市民开放，首日接待读者超过三千人次，不少市民一早就在门口排队等候。",
    "新馆建筑面积两万六千平方米，设有少儿阅览区、古籍修复室、数字体验厅和二十四小时自助借还区，馆藏图书达到一百二十万册。",
    "馆长王建国介绍，新馆还开设了视障阅览室，配备盲文图书和听书设备，让特殊群体也能方便地走进图书馆。",
    "据悉，新馆开放后将每周举办读书分享会和公益讲座，周末还将推出亲子阅读课程，欢迎市民参加。",
]


def test_the_rest_of_a_sentence_printed_after_the_next_paragraph_goes_back():
    lines = _set(_PARAGRAPHS)
    p2, p3, p4 = (len(_set(_PARAGRAPHS[:n])) for n in (1, 2, 3))
    body = squash("".join(_PARAGRAPHS))
    # the column breaks after paragraph 2's second line (mid-sentence); its rest is printed after paragraph 3,
    # whose first line is indented
    page = "城南图书馆新馆正式开放\n\n" + _printed(lines, (0, p2 + 2), (p3, p4), (p2 + 2, p3), (p4, len(lines)))
    assert split(page) == [("城南图书馆新馆正式开放", body)]
    # a rest that opens with a comma goes back to its break, though the text printed next is as wide as the
    # column (it carries on paragraph 2 after a sentence's end at a column's foot)
    paragraphs = [_PARAGRAPHS[0], "新馆建筑面积两万六千平方米，设有少儿阅览区古籍修复室和数字厅，馆藏图书共达到一百二十余万册。"
                  "新馆每天开放到晚上九点，节假日不闭馆。", *_PARAGRAPHS[2:]]
    lines = _set(paragraphs)
    p3, p4 = (len(_set(paragraphs[:n])) for n in (2, 3))
    assert lines[p2 + 2].startswith("，") and lines[p2 + 2].endswith("。") and p3 == p2 + 5
    page = "城南图书馆新馆正式开放\n\n" + _printed(lines, (0, p2 + 2), (p2 + 3, p3), (p3, p4), (p2 + 2, p2 + 3),
                                            (p4, len(lines)))
    assert split(page) == [("城南图书馆新馆正式开放", squash("".join(paragraphs)))]
    # a word run across the break (图书 + 馆) finds the rest when the text printed next opens a paragraph
    # (paragraph 4, whose first column ends with a sentence; its rest is printed before paragraph 3's)
    paragraphs = [*_PARAGRAPHS[:3], "据悉，新馆开放后将每周举办读书会和公益讲座，周末推出亲子课。欢迎市民届时参加。"]
    lines = _set(paragraphs)
    p3, p4 = (len(_set(paragraphs[:n])) for n in (2, 3))
    assert lines[p4 - 2].endswith("图书") and lines[p4 + 1].endswith("课。")
    page = "城南图书馆新馆正式开放\n\n" + _printed(lines, (0, p4 - 1), (p4, p4 + 2), (p4 + 2, len(lines)),
                                            (p4 - 1, p4))
    assert split(page) == [("城南图书馆新馆正式开放", squash("".join(paragraphs)))]


def test_a_banner_over_a_headline_is_not_part_of_the_title():
    # the headline shares few words with its story, the banner none: a wrapped title's first line is the longer
    page = f"奋进新征程\n新馆：新的进展\n\n{_column(_LIBRARY)}\n"
    assert [a.title for a in split_page(page)] == ["新馆：新的进展"]
    wrapped = f"城南图书馆新馆今天\n正式开放\n\n{_column(_LIBRARY)}\n"
    assert [a.title for a in split_page(wrapped)] == ["城南图书馆新馆今天正式开放"]


def test_a_headline_taken_for_a_subhead_where_a_story_is_cut_is_a_headline_again():
    # "滨河体育中心" stands between the library story and the park's text (no byline, its headline printed
    # far above): it looks like the library story's subhead until the park's lead cuts the story there
    page = (f"城北公园改造完成\n\n城南图书馆新馆正式开放\n\n{_column('本报讯 ' + _LIBRARY)}\n\n滨河体育中心\n\n"
            f"{_column(_PARK)}\n\n{_column('本报讯 ' + _STADIUM)}\n")
    found = split_page(page)
    assert [(a.title, a.paragraphs[0][:4]) for a in found] == [
        ("城南图书馆新馆正式开放", "本报讯 "), ("城北公园改造完成", _PARK[:4]), ("滨河体育中心", "本报讯 ")]
    assert not any("滨河体育中心" == p for a in found for p in a.paragraphs)


def test_a_headline_printed_among_the_page_head_lines_is_kept():
    # pdfminer.six may print the top story's headline between the date line and the edition line
    page = (f"城南日报\n\n中共城南市委主管主办\n\n2024年10月16日 星期三\n\n城南图书馆新馆正式开放\n\n"
            f"第1版 要闻 责任编辑：王明\n\n{_column('本报讯 ' + _LIBRARY)}\n")
    assert [a.title for a in split_page(page)] == ["城南图书馆新馆正式开放"]


def test_a_headline_as_wide_as_a_narrow_column_stays_a_headline_when_the_lead_names_its_subject():
    page = f"城南图书馆新馆今日正式开放\n\n{_column(_LIBRARY, 12)}\n"
    assert [a.title for a in split_page(page)] == ["城南图书馆新馆今日正式开放"]


@pytest.mark.parametrize("first, rest", [
    ("本报讯 记者王明 滨河体育中心（", "）昨天通过竣工验收，将于明年春天投入使用。中心主任李强说，场馆建成后将承办省运会。"),
    ("本报讯 记者王明 滨河体育中心（河滨", "路段）昨天通过竣工验收，将于明年春天投入使用。中心主任李强说，场馆建成后将承办省运会。"),
    ("本报讯 记者王明 滨河体育中心（", "英语：Binhe SC）昨天通过竣工验收，将于明年春天投入使用。中心主任李强说，场馆建成后将承办省运会。"),
])
def test_the_rest_of_a_story_printed_inside_the_next_one_goes_back_on_an_open_bracket(first: str, rest: str):
    # two stories' first lines printed together, then the second story's text, with the first story's rest
    # (it closes the bracket its byline line leaves open, at once or within its first words, or what a bracket
    # opened right at the break holds) printed inside it
    page = (f"滨河体育中心竣工\n\n城南图书馆新馆正式开放\n\n{first}\n\n{_column('本报讯 ' + _LIBRARY)}\n\n"
            f"{_column(rest)}\n")
    found = split_page(page)
    assert [(a.title, squash("".join(a.paragraphs))) for a in found] == [
        ("滨河体育中心竣工", squash(first + rest)), ("城南图书馆新馆正式开放", squash("本报讯 " + _LIBRARY))]


def test_the_rest_of_a_broken_story_printed_after_a_briefs_column_goes_back():
    # nothing joins the break in a word (节假日 | 不闭馆); the rest has no byline, opens mid-paragraph and
    # talks about the library
    text = ("本报讯 记者王明 城南图书馆新馆今天正式向市民开放，首日接待读者超过三千人次。新馆建筑面积两万六千平方米，设有"
            "少儿阅览区、古籍修复室和数字体验厅，馆藏图书达到一百二十万册。图书馆馆长王建国介绍，新馆每天开放到晚上九点，"
            "节假日不闭馆，新馆读者凭身份证即可办理借书证。图书馆新馆还将每周举办读书分享会。")
    lines = _column(text).split("\n")
    assert lines[6].endswith("节假日") and lines[7].startswith("不闭馆")
    page = ("城南图书馆新馆正式开放\n\n" + "\n".join(lines[:7]) + "\n\n简讯\n\n"
            "■ 市公交集团新开通两条社区微循环线路，方便居民就近出行。\n\n" + "\n".join(lines[7:]) + "\n")
    found = split_page(page)
    assert [(a.title, squash("".join(a.paragraphs))) for a in found] == [
        ("城南图书馆新馆正式开放", squash(text)), ("简讯", "■市公交集团新开通两条社区微循环线路，方便居民就近出行。")]


def test_the_rest_of_a_story_printed_inside_the_next_one_goes_back_on_a_word_across_the_break():
    first = ["本报讯 记者王明 城南图书馆新馆", "今天正式向市民开放，首日接待读者", "超过三千人次，新馆将成为全市图书"]
    rest = ["馆中面积最大的一座，市民可以免费", "入内。"]  # 图书 + 馆: one word
    page = ("城南图书馆新馆正式开放\n\n" + "\n".join(first) + f"\n\n滨河体育中心竣工\n\n{_column('本报讯 ' + _STADIUM)}\n\n"
            + "\n".join(rest) + "\n")
    found = split_page(page)
    assert [(a.title, squash("".join(a.paragraphs))) for a in found] == [
        ("城南图书馆新馆正式开放", squash("".join(first + rest))), ("滨河体育中心竣工", squash("本报讯 " + _STADIUM))]


def test_a_two_line_headline_with_a_colon_over_a_byline_is_a_headline():
    page = (f"城北公园改造完成\n\n{_column(_PARK)}\n\n城南图书馆：\n新馆正式开放\n\n"
            f"{_column('本报讯 ' + _LIBRARY)}\n")
    assert [(a.title, a.paragraphs[-1][-4:]) for a in split_page(page)] == [
        ("城北公园改造完成", _PARK[-4:]), ("城南图书馆：新馆正式开放", _LIBRARY[-4:])]


def test_a_briefs_item_takes_no_headline_from_the_story_it_shares_words_with():
    strawberries = ("近日，河口镇万亩草莓种植基地迎来采摘旺季，一颗颗鲜红饱满的草莓挂满枝头，吸引了大批游客前来采摘。"
                    "基地负责人介绍，今年草莓亩产提高了三成，带动周边三百多户农民增收。")
    page = (f"大棚草莓喜获丰收 采摘游带火乡村经济\n\n滨河体育中心竣工\n\n{_column('□王明 ' + strawberries)}\n\n简讯\n\n"
            f"■ 河口镇草莓采摘节将于下月开幕，届时将有农产品展销和文艺演出。\n\n{_column('本报讯 ' + _STADIUM)}\n")
    assert [a.title for a in split_page(page)] == ["大棚草莓喜获丰收 采摘游带火乡村经济", "简讯", "滨河体育中心竣工"]


def test_a_number_and_its_unit_across_the_break_join_the_rest_printed_inside_another_story():
    first = ["本报讯 记者王明 滨河大桥工程全", "长三点二公里，总投资十二亿元，是", "我市今年的重点工程，于二〇二一年",
             "正式开工建设，工期预计到2025年12"]
    rest = "月底，届时将全线通车。"  # 12 + 月: a number and its unit
    page = ("滨河大桥明年通车\n\n" + "\n".join(first) + f"\n\n滨河体育中心竣工\n\n{_column('本报讯 ' + _STADIUM)}\n\n"
            f"{rest}\n")
    found = split_page(page)
    assert [(a.title, squash("".join(a.paragraphs))) for a in found] == [
        ("滨河大桥明年通车", squash("".join(first) + rest)), ("滨河体育中心竣工", squash("本报讯 " + _STADIUM))]


def test_a_headline_printed_between_the_paragraphs_of_the_story_before_its_own_is_its_title():
    first, rest = _LIBRARY.split("馆长")[0], "馆长王建国介绍，新馆每天开放到晚上九点，节假日不闭馆，读者凭身份证即可办理借书证。"
    page = (f"城南图书馆新馆正式开放\n\n{_column('本报讯 ' + first)}\n\n滨河体育中心竣工\n\n{_column(rest)}\n\n"
            f"{_column('□王明 ' + _STADIUM)}\n")
    found = split_page(page)
    assert [(a.title, a.paragraphs[-1][-4:]) for a in found] == [
        ("城南图书馆新馆正式开放", rest[-4:]), ("滨河体育中心竣工", _STADIUM[-4:])]
    assert "滨河体育中心竣工" not in found[0].paragraphs


def test_a_headline_line_that_fits_its_story_as_well_as_another_stays_with_the_line_above():
    park = "城北公园改造工程全部完成，今天正式开放，新增健身步道五公里，栽种乔木八千株。附近居民纷纷前来散步健身。"
    library = "城南图书馆新馆今天正式开放，首日接待读者超过三千人次。新馆设有少儿阅览区和古籍修复室。"
    page = (f"城北公园焕然一新\n\n{_column('本报讯 ' + park)}\n\n城南图书馆新馆\n正式开放\n\n"
            f"{_column('本报讯 ' + library)}\n")
    assert [a.title for a in split_page(page)] == ["城北公园焕然一新", "城南图书馆新馆正式开放"]


def test_the_page_head_printed_after_a_story_is_no_article():
    page = (f"城北公园改造完成\n\n{_column('本报讯 ' + _PARK)}\n\n城南日报\n\n2023年3月1日 星期三\n\n第1版 要闻 责任编辑：王明\n\n"
            f"城南图书馆新馆正式开放\n\n{_column('本报讯 ' + _LIBRARY)}\n")
    found = split_page(page)
    assert [a.title for a in found] == ["城北公园改造完成", "城南图书馆新馆正式开放"]
    assert not any("城南日报" in p or "星期三" in p for a in found for p in a.paragraphs)
    kept = blank_furniture(page)
    assert "城南日报" not in kept and "星期三" not in kept and "责任编辑" not in kept and "城北公园改造完成" in kept


def test_a_sentence_broken_at_an_enumeration_comma_takes_its_rest_about_its_story_from_another_story():
    first = ["本报讯 记者王明 大莱龙铁路西起大家洼站，东", "至龙口港站，沿线设有寒亭站、昌邑北站、"]
    rest = "莱州站、朱桥站、龙口北站，终到龙口港站。"  # about the railway, printed inside the next story
    other = ["本报讯 记者李强 滨河体育中心昨天通过竣工验", "收，将于明年春天投入使用，占地面积十二"]
    other_rest = ["万平方米，主体育场可容纳三万名观众。"]
    page = ("大莱龙铁路全线贯通\n\n" + "\n".join(first) + "\n\n滨河体育中心竣工\n\n" + "\n".join(other) + f"\n\n{rest}\n\n"
            + "\n".join(other_rest) + "\n")
    found = split_page(page)
    assert [(a.title, squash("".join(a.paragraphs))) for a in found] == [
        ("大莱龙铁路全线贯通", squash("".join(first) + rest)), ("滨河体育中心竣工", squash("".join(other + other_rest)))]


def test_a_lead_opening_with_a_headline_starts_a_story_after_one_cut_off_mid_sentence():
    # the library story stops mid-sentence (its rest is printed later, as pdfminer.six may); the park's lead
    # opens with its headline's first words
    library = _column("本报讯 " + _LIBRARY).split("\n")
    assert library[2].endswith("，")
    page = ("城南图书馆新馆正式开放\n\n" + "\n".join(library[:3]) + f"\n\n城北公园改造完成\n\n{_column(_PARK)}\n\n"
            + "\n".join(library[3:]) + "\n")
    found = split_page(page)
    assert [(a.title, a.paragraphs[0][:4]) for a in found][:2] == [("城南图书馆新馆正式开放", "本报讯 "),
                                                                   ("城北公园改造完成", _PARK[:4])]


def test_a_line_that_opens_with_xinhua_in_a_list_is_no_byline():
    lines = ["本报讯 记者王明 鑫诺一号卫星的服务", "主要是中国教育网、中国联通、", "新华社全球数据广播网、国家广电总局", "“村村通”工程，中国吉通和中国教育电",
             "视台等单位也曾经使用过鑫诺的服务。"]
    found = split_page("鑫诺一号通信卫星\n\n" + "\n".join(lines) + "\n")
    assert [(a.title, squash("".join(a.paragraphs))) for a in found] == [("鑫诺一号通信卫星", squash("".join(lines)))]


def test_a_line_that_opens_with_a_word_ending_in_xun_is_no_byline():
    # a column break before "移动通讯（集团）…": 通讯 is a word, not a place's byline (康巴什讯 （…）)
    page = ("滨河科技园再添新军\n\n本报讯 记者王明 滨河科技园昨天迎来\n新一批入驻企业，其中包括中国\n\n"
            "移动通讯（集团）有限公司的研发中心。\n园区负责人说，今年将再引进三十家。\n")
    assert [a.title for a in split_page(page)] == ["滨河科技园再添新军"]


def test_headlines_printed_together_over_stories_set_side_by_side_go_to_the_story_each_names():
    # pdfminer.six prints the heads of two stories set side by side (and an ad's brand over them) one after
    # another, then the stories: the second headline is no nearer the first story (it shares 改造 with it)
    # than the first one is
    page = (f"草原明珠酒店\n\n城北引发关注\n\n体育中心改造：新的进展\n\n{_column('本报讯 记者王明 ' + _PARK)}\n\n"
            f"{_column('□李红 ' + _STADIUM)}\n")
    assert [a.title for a in split_page(page)] == ["城北引发关注", "体育中心改造：新的进展"]


def test_a_column_wide_block_after_a_finished_paragraph_goes_back_with_what_follows_about_the_story_it_carries_on():
    # the library story stops mid-sentence at a column's foot; pdfminer.six prints the stadium story next,
    # then the library story's rest: its first line is as wide as the column, so it cannot follow the
    # stadium story's last paragraph (ended well short of the edge), and it talks about the library
    page = ("城南图书馆新馆正式开放\n\n本报讯 记者王明 城南图书馆新馆\n今天正式向市民开放，首日接待读者\n"
            "超过三千人次。新馆里设有少儿阅览区\n\n滨河体育中心竣工\n\n□李红 滨河体育中心昨天通过\n"
            "竣工验收，将于明年春天投入使用。\n\n  体育中心主任李强说，场馆建成\n后将承办省运会。\n\n"
            "和古籍修复室，图书馆的古籍修复室向\n读者开放参观。\n\n  馆长王建国介绍，新馆每天开放\n"
            "到晚上九点，图书馆节假日不闭馆。\n\n  体育中心另有游泳馆和训练\n馆各一座，由体育中心统一管理。\n")
    found = split_page(page)
    assert [(a.title, a.paragraphs[-1][-6:]) for a in found] == [  # the tail ends where the text is about the stadium
        ("城南图书馆新馆正式开放", "假日不闭馆。"), ("滨河体育中心竣工", "中心统一管理。"[-6:])]


def test_the_rest_of_a_story_printed_before_it_goes_back_on_a_latin_word_across_the_break_with_what_follows():
    # pdfminer.six prints the library story's rest (and the paragraph after it) at the end of the story
    # before it; its first line carries on a Latin word broken at the column's foot (Cen + ter)
    first = ["本报讯 记者王明 城南图书馆新馆", "今天正式向市民开放，新馆建筑面积", "两万六千平方米，设有少儿阅览区和",
             "古籍修复室。新馆的英文名称是 City", "Library and Reading Cen"]
    rest = ["ter，首日接待读者超过三千人次。"]
    more = ["  图书馆馆长王建国介绍，新馆每天", "开放到晚上九点，图书馆节假日不闭", "馆。"]
    for rest in (rest, ["ter，首日接待读者超过三千人次，其", "", "中少年儿童读者有一千多人。"]):  # its rest broken again
        page = (f"滨河体育中心竣工\n\n{_column('本报讯 ' + _STADIUM)}\n\n" + "\n".join(rest) + "\n\n" + "\n".join(more)
                + "\n\n城南图书馆新馆正式开放\n\n" + "\n".join(first) + "\n")
        found = split_page(page)
        assert [(a.title, squash("".join(a.paragraphs))) for a in found] == [
            ("滨河体育中心竣工", squash("本报讯 " + _STADIUM)), ("城南图书馆新馆正式开放", squash("".join(first + rest + more)))]


def test_a_caption_printed_in_one_block_with_the_byline_line_under_it_leaves_the_story_whole():
    page = (f"城南图书馆新馆正式开放\n\n图为新馆的少儿阅览区。 记者 王明\n本报讯 记者王明 {_LIBRARY[:8]}\n\n"
            f"{_column(_LIBRARY[8:])}\n")
    [article] = split_page(page)
    assert (article.title, squash("".join(article.paragraphs))) == ("城南图书馆新馆正式开放", squash("本报讯 记者王明 " + _LIBRARY))


def test_a_paragraphs_first_line_printed_alone_above_a_subhead_goes_back_to_its_text():
    # no byline: the library story's first line, printed alone with a subhead after it, looks like a heading
    lines = _column(_LIBRARY).split("\n")
    page = (f"滨河体育中心竣工\n\n{_column('本报讯 ' + _STADIUM)}\n\n城南图书馆新馆正式开放\n\n{lines[0]}\n\n一、服务升级\n\n"
            + "\n".join(lines[1:]) + "\n")
    found = split_page(page)
    assert [(a.title, squash(a.paragraphs[0])[:8]) for a in found] == [
        ("滨河体育中心竣工", "本报讯滨河体育中"), ("城南图书馆新馆正式开放", _LIBRARY[:8])]


def test_a_short_banner_over_a_headline_is_cut_off_even_when_one_of_its_words_is_in_the_story():
    # 文化惠民 shares 文化 with the library story, yet a wrapped headline's first line is not the shorter one,
    # and a headline its story names in full is no wrapped line's rest
    library = _LIBRARY.replace("设有少儿阅览区和古籍修复室", "设有少儿阅览区和古籍修复室，将定期举办文化讲座")
    page = f"文化惠民\n新馆迎来读者\n\n{_column('本报讯 记者王明 ' + library)}\n\n滨河体育中心竣工\n\n{_column('□李红 ' + _STADIUM)}\n"
    assert [a.title for a in split_page(page)] == ["新馆迎来读者", "滨河体育中心竣工"]
    shorter = page.replace("新馆迎来读者", "图书馆")  # named in full by its story, shorter than the banner
    assert [a.title for a in split_page(shorter)] == ["图书馆", "滨河体育中心竣工"]


def test_a_headline_printed_where_a_story_stops_mid_sentence_is_the_title_of_the_story_it_names():
    # no subhead stands inside a sentence: 体育中心走进千家万户 (under a banner) names the next story a little
    lines = _column("本报讯 记者王明 " + _LIBRARY).split("\n")
    page = ("城南图书馆新馆正式开放\n\n" + "\n".join(lines[:3]) + "\n\n奋进新征程\n体育中心走进千家\n万户\n\n"
            + "\n".join(lines[3:]) + f"\n\n{_column('□李红 ' + _STADIUM)}\n")
    found = split_page(page)
    assert [a.title for a in found] == ["城南图书馆新馆正式开放", "体育中心走进千家万户"]
    assert squash("".join(found[0].paragraphs)) == squash("本报讯 记者王明 " + _LIBRARY)


def test_a_number_broken_at_a_column_foot_joins_the_rest_of_its_digits():
    # 2024年1 + 0月: the paragraph printed between takes the first block's rest, not the date's
    first = ["本报讯 记者王明 城南图书馆新馆", "今天正式向市民开放，首日接待读者"]
    opening = ["  新馆于2023年开工建设，历时一", "年多建成，新馆主体工程已于2024年1"]
    rest = ["超过三千人次。新馆设有少儿阅览区和", "古籍修复室。"]
    date = ["0月完成内部装修，新馆设施全部到位", "。"]
    page = "城南图书馆新馆正式开放\n\n" + "\n\n".join("\n".join(b) for b in (first, opening, rest, date)) + "\n"
    [article] = split_page(page)
    assert [squash(p) for p in article.paragraphs] == [squash("".join(first + rest)), squash("".join(opening + date))]


@pytest.mark.parametrize("before, after, carried", [
    ("2024年1", "0月完成", True), ("1953年8月1", "5日卒于", True), ("面积十二", "万平方米", True),
    ("大约5000", "1839年，", False),  # a year opens the next paragraph
    ("2008年6月9", "11月28日", False), ("以2-18", "11月28日", False),  # no 6月911月, no month 1811
])
def test_a_number_and_its_unit_across_a_break(before: str, after: str, carried: bool):
    assert carries_number(before, after) is carried


def test_a_line_ending_in_a_number_whose_unit_opens_the_next_block_is_no_heading():
    # a column ends at 18 and the next one opens with its unit (时): not a headline over a story of the
    # rest (which, too short for a story, would be lost); a headline's own number stays a headline's
    lead = "本报讯 记者王明 龙烟铁路位于胶东半岛北侧海岸，西起龙口西站，东至珠玑站，全长一百一十公里。"
    page = (f"龙烟铁路开通运营\n\n{_column(lead, 20)}\n\n龙烟铁路于2017年12月19日18\n\n时顺利开通运营。\n\n"
            f"滨河体育中心竣工\n\n{_column('□李红 ' + _STADIUM, 20)}\n")
    assert split(page) == [("龙烟铁路开通运营", squash(lead + "龙烟铁路于2017年12月19日18时顺利开通运营。")),
                           ("滨河体育中心竣工", squash("□李红 " + _STADIUM))]
    game = "米国玩家对《战国无双3》评价很高，这款游戏由光荣公司开发，登场武将多达三十七名。《战国无双3》于二〇〇九年发售。"
    named = f"龙烟铁路开通运营\n\n{_column(lead, 20)}\n\n战国无双3\n\n{_column(game, 20)}\n"
    assert [t for t, _ in split(named)] == ["龙烟铁路开通运营", "战国无双3"]


def test_two_stories_printed_paragraph_by_paragraph_in_turn_each_keep_their_own():
    # a story with its byline and one without, their paragraphs printed in turn, headlines far away: the
    # paragraph opening with the subject the byline lead names first carries that story on (it was a new
    # story taking the headline, the lead left untitled)
    a1 = "本报记者 孙丽 徐晓飞是中国足球运动员，司职中场，曾在日本大学生联赛和低级别球队效力，返回中国后不久因伤退役。"
    b1 = "底特律圣公会三一堂是一所教堂，位于底特律马丁路德金大道，现在称为盼望之灵。该堂会成立于1878年，未得到教区主教许可。"
    a2 = "徐晓飞10岁那年，跟随母亲去了日本，也就是在日本期间，徐晓飞开始接触足球。13岁时，他回到国内加盟四川全兴少年队。"
    b2 = "1880年，该堂会建造了一个小教堂，1889年更名为圣公会三一堂。1926年，教堂又建造了教区建筑，包括礼拜堂和教室。"
    page = "徐晓飞\n\n底特律圣公会三一堂\n\n" + "\n\n".join(_column(p, 20) for p in (a1, b1, a2, b2)) + "\n"
    assert split(page) == [("徐晓飞", squash(a1 + a2)), ("底特律圣公会三一堂", squash(b1 + b2))]


def test_a_number_broken_at_a_line_end_is_joined_without_a_space_latin_words_with_one():
    page = ("三一堂建成\n\n本报讯 记者王明 三一堂（Trinity\nChurch）始建于1880年，18\n89年更名为圣公会三一堂，"
            "现有信徒两百\n人。\n")
    [article] = split_page(page)
    assert article.paragraphs == ("本报讯 记者王明 三一堂（Trinity Church）始建于1880年，1889年更名为圣公会三一堂，现有信徒两百人。",)


def test_a_paragraph_sharing_nothing_with_its_story_goes_to_the_one_beside_it_that_keeps_naming_its_subject():
    # 普朗特 said three times in its story, the paragraph about him printed after the stadium story shares no
    # character pair with it: it is the 普朗特 story's, though it shares only three pairs with it (not six)
    prandtl = "本报讯 记者王明 路德维希普朗特是德国力学家，近代力学奠基人之一。普朗特生于弗赖辛，父亲是农学教授。普朗特在慕尼黑攻读机械工程。"
    para = "在近半个世纪中，普朗特注意理论与实际的联系，在力学方面取得许多开创性成果。"
    page = f"普朗特\n\n滨河体育中心竣工\n\n{_column(prandtl)}\n\n{_column('□李红 ' + _STADIUM)}\n\n{_column(para)}\n"
    assert split(page) == [("普朗特", squash(prandtl + para)), ("滨河体育中心竣工", squash("□李红 " + _STADIUM))]
    # and from a story printed two stories after it
    page = (f"普朗特\n\n滨河体育中心竣工\n\n城南图书馆新馆开放\n\n{_column(prandtl)}\n\n{_column('□李红 ' + _STADIUM)}\n\n"
            f"{_column('□孙丽 ' + _LIBRARY)}\n\n{_column(para)}\n")
    assert split(page) == [("普朗特", squash(prandtl + para)), ("滨河体育中心竣工", squash("□李红 " + _STADIUM)),
                           ("城南图书馆新馆开放", squash("□孙丽 " + _LIBRARY))]
    # a story that names him twice keeps naming him too
    twice = prandtl.replace("普朗特在慕尼黑", "他在慕尼黑")
    page = f"普朗特\n\n滨河体育中心竣工\n\n{_column(twice)}\n\n{_column('□李红 ' + _STADIUM)}\n\n{_column(para)}\n"
    assert split(page) == [("普朗特", squash(twice + para)), ("滨河体育中心竣工", squash("□李红 " + _STADIUM))]


def test_a_story_set_narrower_than_the_one_before_it_is_measured_by_its_own_lines():
    # the stadium story's 18-cell lines, near enough to count, made the park story's 16-cell column look
    # 18 wide: its indented first line and the next (no punctuation) became a headline over the story
    first = "城北公园改造工程日前全部完工"
    rest = ("园内新增健身步道五公里并栽种乔木八千株。改造后的公园总面积四十公顷，设有儿童游乐区和老年活动区以及"
            "一座图书室。附近居民纷纷前来散步健身，对改造效果十分满意。公园管理处表示，下一步将增设休息座椅和照明设施。")
    page = (f"滨河体育中心竣工\n\n{_column('□李红 ' + _STADIUM * 2, 18)}\n\n奋进新征程\n城北公园改造工程\n：新的进展\n\n"
            f"{first}\n{_column(rest)}\n")
    assert split(page) == [("滨河体育中心竣工", squash("□李红 " + _STADIUM * 2)),
                           ("城北公园改造工程：新的进展", squash(first + rest))]


def test_a_headline_whose_name_the_lead_says_first_beats_a_banner_printed_over_the_stories():
    # no colon tells where 张世昌走进千家万户's subject ends: the lead names 张世昌 first; the banner
    # 文化惠民, printed over both stories and sharing 文化 with the story, does not take its title
    person = ("康巴什讯 （王小明） 张世昌（1985年－），足球运动员，司职守门员，以出众的身体协调性闻名。"
              "他在火车头队效力时就已入选国少队，后来随队赴葡萄牙试训，退役后热心社区文化活动。")
    page = (f"张世昌走进千家万户\n\n文化惠民\n滨河体育中心竣工\n\n{_column('□李红 ' + _STADIUM, 18)}\n\n"
            f"{_column(person, 18)}\n")
    assert split(page) == [("滨河体育中心竣工", squash("□李红 " + _STADIUM)), ("张世昌走进千家万户", squash(person))]


def test_the_rests_of_brief_items_printed_apart_stay_in_the_briefs_column():
    # pdfminer.six printed a 简讯 column's lines in turn: the rests (和文艺演出。 / 出行。 / 孩子参加。) stand
    # between the items; they are the column's text, not articles of their own, and the items after them
    # are still the column's
    parts = ["■ 市公交集团新开通两条社区微循环线路，方便居民就近", "和文艺演出。", "出行。",
             "■ 市图书馆本周六上午举办亲子阅读分享会，欢迎家长带", "■ 河口镇草莓采摘节将于下月开幕，届时将有农产品展销",
             "孩子参加。"]
    page = "滨河体育中心竣工\n\n简讯\n\n" + "\n\n".join(parts) + "\n\n" + _column("康巴什讯 （郑浩） " + _STADIUM, 26) + "\n"
    found = split(page)
    assert [t for t, _ in found] == ["简讯", "滨河体育中心竣工"]
    assert sorted(squash("".join(parts))) == sorted(found[0][1])  # every character of the column, once


def test_a_paragraphs_last_line_printed_alone_carries_a_sentence_on():
    # 前来采摘。 printed alone, under half the column: the rest of …吸引了大批游客, which would otherwise take
    # 酱加工厂… (its first line as wide as the column: it carries some sentence on)
    parts = ["康巴什讯 （郑浩） 近日，河口镇万", "前来采摘。", "亩草莓种植基地迎来采摘旺季，一颗颗鲜\n红饱满的草莓挂满枝头，吸引了大批游客",
             "基地负责人陈志强说，今年基地引进\n了无土栽培和智能温控技术，草莓亩产提", "高了三成，每斤售价在三十元左右。",
             "酱加工厂和电商直播间，带动周边三百多\n户农民增收。"]
    page = "大棚草莓喜获丰收\n\n" + "\n\n".join(parts) + "\n\n滨河体育中心竣工\n\n" + _column("□李红 " + _STADIUM, 18) + "\n"
    assert split(page) == [("大棚草莓喜获丰收", squash("".join(parts[k] for k in (0, 2, 1, 3, 4, 5)))),
                           ("滨河体育中心竣工", squash("□李红 " + _STADIUM))]


def test_a_column_line_with_a_comma_printed_last_before_a_headline_is_text_not_a_headline():
    # 为了延长产业链，镇里还建起了草莓 (as wide as the column, a comma, stopping mid-word) printed alone after
    # the story's other blocks and before the next headline: the start of the sentence 酱加工厂… carries on;
    # taken for a headline's line it was lost
    parts = ["康巴什讯 （郑浩） 近日，河口镇万", "前来采摘。", "亩草莓种植基地迎来采摘旺季，一颗颗鲜\n红饱满的草莓挂满枝头，吸引了大批游客",
             "基地负责人陈志强说，今年基地引进\n了无土栽培和智能温控技术，草莓亩产提", "高了三成，每斤售价在三十元左右。",
             "酱加工厂和电商直播间，带动周边三百多\n户农民增收。", "为了延长产业链，镇里还建起了草莓"]
    page = "大棚草莓喜获丰收\n\n" + "\n\n".join(parts) + "\n\n滨河体育中心竣工\n\n" + _column("□李红 " + _STADIUM, 18) + "\n"
    assert split(page) == [("大棚草莓喜获丰收", squash("".join(parts[k] for k in (0, 2, 1, 3, 4, 6, 5)))),
                           ("滨河体育中心竣工", squash("□李红 " + _STADIUM))]


def test_a_byline_line_printed_alone_takes_back_its_lead_printed_inside_another_story():
    # 本报讯 记者赵磊 于乐（）， alone (a comma: it stops mid-sentence, however narrow), its rest printed after the
    # next story's text: the rest names 于乐 twice, so it carries that story on, not the one it was printed in
    yule = "本报讯 记者赵磊 于乐（），"
    drums = ("□李晓红 锣鼓经是传统器乐及戏曲里面常用的打击乐记谱方法，以中文字的声音模拟敲击乐的声音。"
             "常用的乐器有鼓、锣、铙钹、檀板、木鱼和梆子等。")
    rest = "中国足球运动员，司职前锋。于乐出身于北京国安，2006年转会河南建业。于乐在中超出场15次打进3球。"
    page = f"于乐引发关注\n\n锣鼓经\n\n{yule}\n\n{_column(drums)}\n\n{_column(rest)}\n"
    assert split(page) == [("于乐引发关注", squash(yule + rest)), ("锣鼓经", squash(drums))]


def test_breaks_take_their_rests_so_that_the_fits_sum_to_the_most():
    # (weight, break, block) as a page gives them: a dateline's break (0) is carried on by the lead
    # ``于乐（），中国足…`` (10) at 1.49 or by ``发挥。2013年…`` (11) at 0.46; ``…未有过多`` (1) fits the lead
    # a little better (1.51) and ``发挥`` nearly as well (1.49): taking the best pair first leaves the dateline
    # with its poor one; the sum says each takes its own
    pairs = [(1.49, 0, 10), (0.46, 0, 11), (1.51, 1, 10), (1.49, 1, 11)]
    assert _match(pairs) == {0: 10, 1: 11}
    # a break is left stopping mid-air only when the fits say so: a mark (12) many breaks could take goes
    # to the one with nothing else, a break whose only fit is poor (-0.5, below -_FILL) takes nothing
    assert _match([(3.5, 2, 12), (1.5, 2, 13), (2.4, 3, 12), (-0.9, 4, 13)]) == {2: 13, 3: 12}
    assert _match([]) == {}


def test_two_byline_lines_printed_together_each_take_the_rest_that_carries_their_sentence_on():
    # the sports story's rest (中 + 国: one word) follows the library story's byline line in print; the
    # library story's own rest (之 + 一) comes after it: both breaks get their rest, not the nearest one
    sport = "本报讯 记者王明 足球运动员李强入选中"
    library = "本报记者 孙丽 城南图书馆是全市最大的图书馆之"
    sport_rest = "国国家队，他出身于滨河足球学校，去年随城南队获得全省联赛冠军。教练王刚说，李强速度快、意识好。"
    library_rest = "一，新馆今天正式向市民开放，首日接待读者超过三千人次。馆长介绍，新馆每天开放到晚上九点。"
    page = (f"李强入选国家队\n\n图书馆新馆开放\n\n{sport}\n\n{library}\n\n{_column(sport_rest, 20)}\n\n"
            f"{_column(library_rest, 20)}\n")
    assert [(a.title, squash("".join(a.paragraphs))) for a in split_page(page)] == [
        ("李强入选国家队", squash(sport + sport_rest)), ("图书馆新馆开放", squash(library + library_rest))]


def test_the_rest_of_a_story_printed_before_it_under_its_headline_goes_back_to_it():
    # the park story's rest (its first line as wide as the column: it carries a sentence on) is printed
    # under the park's headline, the story's start (byline, stopped mid-sentence) after the stadium story
    first = "本报讯 记者王明 城北公园改造工程全部完成，新增健身步道五公里，栽种乔木八千株。改造后的城北公园总面积四十"
    rest = "公顷，城北公园设有儿童游乐区和老年活动区。附近居民纷纷来城北公园散步健身，对城北公园改造效果十分满意。"
    page = f"城北公园改造完成\n\n{_column(rest)}\n\n滨河体育中心竣工\n\n{_column('□李红 ' + _STADIUM)}\n\n{_column(first)}\n"
    assert sorted((a.title, squash("".join(a.paragraphs))) for a in split_page(page)) == sorted([
        ("城北公园改造完成", squash(first + rest)), ("滨河体育中心竣工", squash("□李红 " + _STADIUM))])


def test_two_stories_printed_paragraph_by_paragraph_in_turn_get_their_own_paragraphs():
    # nothing in the text says whose the library's second paragraph is (it follows a finished sentence),
    # but it talks about the library (words no other story has) and not about the stadium
    lib1 = "本报讯 记者王明 城南图书馆新馆今天正式向市民开放，首日接待读者超过三千人次。"
    lib2 = "  城南图书馆新馆建筑面积两万六千平方米，设有少儿阅览区和古籍修复室，新馆藏书一百万册。"
    sta1 = "□李红 滨河体育中心昨天通过竣工验收，将于明年春天投入使用。"
    sta2 = "  中心主任李强说，场馆建成后将承办省运会，滨河体育中心还将向市民免费开放。"
    page = (f"城南图书馆新馆正式开放\n\n滨河体育中心竣工\n\n{_column(lib1)}\n\n{_column(sta1)}\n\n{_column(lib2)}\n\n"
            f"{_column(sta2)}\n")
    assert [(a.title, [squash(p) for p in a.paragraphs]) for a in split_page(page)] == [
        ("城南图书馆新馆正式开放", [squash(lib1), squash(lib2)]), ("滨河体育中心竣工", [squash(sta1), squash(sta2)])]


def test_a_piece_of_a_story_printed_apart_without_a_headline_goes_to_the_story_it_talks_about():
    # a paragraph of the library story printed after the stadium story: it opens with the library
    # headline's subject, so it is cut from the stadium story, and it is the library story's, not a story
    piece = "  城南图书馆新馆藏书一百万册，新馆设有少儿阅览区、古籍修复室和数字体验厅，城南图书馆新馆还设有二十四小时自助借还机。"
    page = (f"滨河体育中心竣工\n\n{_column('□李红 ' + _STADIUM)}\n\n{_column(piece)}\n\n城南图书馆新馆正式开放\n\n"
            f"{_column('本报讯 记者王明 ' + _LIBRARY)}\n")
    assert [(a.title, [squash(p) for p in a.paragraphs]) for a in split_page(page)] == [
        ("滨河体育中心竣工", [squash("□李红 " + _STADIUM)]),
        ("城南图书馆新馆正式开放", [squash("本报讯 记者王明 " + _LIBRARY), squash(piece)])]
    # a story of its own (its lead names its subject) stays one
    lead = "滨河公园（原名河滨公园）今天重新开放，城南图书馆新馆的读者可以在公园里的城南图书馆新馆分馆借书。"
    page = page.replace(_column(piece), _column(lead))
    assert len(split_page(page)) == 3


def test_a_headline_set_vertically_printed_a_character_a_line_is_one_headline():
    vertical = "\n".join("新馆：正式开放")
    page = f"{_column('□李红 ' + _STADIUM)}\n\n{vertical}\n\n{_column('本报讯 记者王明 ' + _LIBRARY)}\n"
    assert [a.title for a in split_page(page)][1:] == ["新馆：正式开放"]


def test_after_a_story_stopped_mid_sentence_a_lead_that_restates_the_headline_starts_a_story():
    # the library story's rest is printed elsewhere; the marathon's lead holds most of its headline's words
    cut = _LIBRARY[:_LIBRARY.index("设有") + 2]
    run = "清晨七点，首届黄河湿地马拉松在滨河公园鸣枪开跑，来自全国各地的八千名跑者沿着湿地步道奔跑。组委会在沿途设置了二十个补给站。"
    page = (f"城南图书馆新馆正式开放\n\n{_column('本报讯 ' + cut, 22)}\n\n首届黄河湿地马拉松鸣枪开跑\n\n{_column(run, 22)}\n")
    assert [(a.title, a.paragraphs[0][:4]) for a in split_page(page)] == [
        ("城南图书馆新馆正式开放", "本报讯 "), ("首届黄河湿地马拉松鸣枪开跑", run[:4])]


def test_a_story_printed_before_a_broken_one_stays_whole_unless_its_first_line_carries_a_sentence_on():
    # the cathedral story (no byline; its first line ends a sentence, so its width says nothing) shares many
    # words with the church story stopped mid-sentence after it, yet nothing says it carries that sentence on
    cathedral = ("底特律圣保罗座堂是美国圣公会的主教座堂。底特律圣保罗座堂位于底特律伍德沃德大道，毗邻韦恩州立大学校园，"
                 "底特律圣保罗座堂由著名教堂设计师设计。")
    church = "本报讯 记者王明 底特律第二浸信会教堂位于底特律希腊城，是底特律历史最悠久的非洲裔教堂，底特律第二浸信会"
    page = f"圣保罗座堂开放\n\n{_column(cathedral, 20)}\n\n第二浸信会教堂\n\n{_column(church, 20)}\n"
    found = split_page(page)
    assert [squash("".join(a.paragraphs)) for a in found] == [squash(cathedral), squash(church)]


def test_a_paragraph_opening_with_a_year_is_cut_off_by_no_headline_opening_with_a_year():
    # a headline's subject is its first two Chinese characters: "20" of 2024年… names nothing
    library = _LIBRARY + "\n\n2015年，图书馆开始筹建新馆，选址在城南新区。"
    page = (f"2024年滨河体育中心竣工\n\n{_column('本报讯 记者王明 ' + _STADIUM)}\n\n城南图书馆新馆正式开放\n\n"
            f"{_column('□李红 ' + _LIBRARY)}\n\n{_column('2015年，图书馆开始筹建新馆，选址在城南新区。')}\n")
    assert [a.title for a in split_page(page)] == ["2024年滨河体育中心竣工", "城南图书馆新馆正式开放"]
    assert squash("".join(split_page(page)[1].paragraphs)) == squash("□李红 " + library)


def test_headlines_over_the_rest_of_a_story_go_with_it_when_it_goes_back_and_cut_its_story_from_the_one_before():
    # pdfminer.six prints two headlines together, then the stadium story's rest (its first line as wide as
    # the column, digits and all), the library story (a caption over its byline), and only then the
    # stadium story's opening, cut off at a column's foot after a caption: the rest goes back to it, the
    # headlines left with no text of the park story after them are no subheads of it, and the stadium
    # story's lead opens with its headline's subject, so it is no part of the library story
    opening = ["滨河体育中心昨天通过竣工验收，将于", "明年春天投入使用。体育中心占地面积"]
    rest = ["12万平方米，主体育场可容纳三万名观", "众，另有游泳馆和训练馆各一座。", "", "  中心主任李强说，场馆建成后将承办",
            "省运会。"]
    park = _PARK.replace("附近居民", "公园与滨河体育中心、城南图书馆新馆只隔一条街，附近居民")  # it names both
    page = (f"城北公园完成改造\n\n{_column('本报讯 记者王明 ' + park)}\n\n城南图书馆新馆正式开放\n\n滨河体育中心竣工\n\n"
            + "\n".join(rest) + f"\n\n图为新馆的少儿阅览区。 记者 周强 摄\n{_column('□李红 ' + _LIBRARY)}\n\n"
            "图为滨河体育中心。 记者 周强 摄\n\n" + "\n".join(opening) + "\n")
    assert split(page) == [("城北公园完成改造", squash("本报讯 记者王明 " + park)),
                           ("城南图书馆新馆正式开放", squash("□李红 " + _LIBRARY)),
                           ("滨河体育中心竣工", squash("".join(opening + rest)))]


def test_a_two_line_headline_broken_after_its_colon_is_no_paragraph_of_the_story_above():
    # printed after the stadium story's last sentence, far from its own story (pdfminer.six's order)
    page = (f"滨河体育中心竣工\n\n{_column('本报讯 记者王明 ' + _STADIUM)}\n\n城南图书馆：\n新馆迎来读者\n\n"
            f"城北公园完成改造\n\n{_column('□李红 ' + _PARK)}\n\n{_column('新华社北京10月8日电 记者郑浩 ' + _LIBRARY)}\n")
    assert split(page) == [("滨河体育中心竣工", squash("本报讯 记者王明 " + _STADIUM)),
                           ("城北公园完成改造", squash("□李红 " + _PARK)),
                           ("城南图书馆：新馆迎来读者", squash("新华社北京10月8日电 记者郑浩 " + _LIBRARY))]


def test_a_banner_over_a_headline_broken_after_its_colon_is_a_heading_even_inside_a_sentence():
    # 文化惠民 / 城南图书馆： / 新馆迎来读者, printed where the stadium story stops mid-sentence (its rest
    # printed after the library story): a headline, whose lead names its subject, not the sentence's words
    stadium = "本报讯 记者王明 " + _STADIUM
    cut = 3 * 16
    page = (f"滨河体育中心竣工\n\n{_column(stadium[:cut])}\n\n文化惠民\n城南图书馆：\n新馆迎来读者\n\n"
            f"{_column(_LIBRARY)}\n\n{_column(stadium[cut:])}\n")
    assert split(page) == [("滨河体育中心竣工", squash(stadium)), ("城南图书馆：新馆迎来读者", squash(_LIBRARY))]


def test_a_block_under_a_subhead_that_carries_a_sentence_on_goes_after_its_paragraphs_start_under_the_subhead():
    # pdfminer.six prints under the subhead the rest of the paragraph whose opening it prints later; the
    # block opening after the subhead ends a sentence, so the subhead stands at a paragraph's start and the
    # paragraph read in order (opening, then its rest) comes first under it
    opening = ["本报讯 记者王明 滨河体育中心昨天", "通过竣工验收，将于明年春天投入使", "用，总投资二十亿元。"]
    rest = ["万个，另有游泳馆和训练馆各一座，", "全部对市民开放。"]
    broken = ["  中心主任李强说，场馆建成后将", "承办省运会、市运会和全国青少年比"]
    paragraph = ["  体育中心占地十二万平方米，", "主体育场按国际标准建设，观众席三"]
    end = ["赛，市民也可以预约使用场馆。"]
    page = ("滨河体育中心竣工\n\n" + "\n".join(opening) + "\n\n■ 场馆设施齐全\n\n"
            + "\n\n".join("\n".join(block) for block in (rest, broken, paragraph, end)) + "\n")
    [article] = split_page(page)
    assert [squash(p) for p in article.paragraphs] == [
        squash("".join(opening)), "■场馆设施齐全", squash("".join(paragraph + rest)), squash("".join(broken + end))]


def test_a_short_last_paragraph_is_not_cut_off_by_the_headline_the_next_story_opens_with():
    # the stadium story's last paragraph has two lines; three lines from its start reach into the library
    # story printed after a caption (blanked), whose lead restates its headline: the cut is at the library
    page = (f"滨河体育中心竣工\n\n城南图书馆新馆正式开放\n\n{_column('本报讯 记者王明 ' + _STADIUM)}\n\n"
            "  下一步，体育中心将向市民免费开\n放。\n\n图为新馆外景。 记者 周强 摄\n\n"
            f"{_column('城南图书馆新馆正式开放' + _LIBRARY[9:])}\n")
    assert split(page) == [("滨河体育中心竣工", squash("本报讯 记者王明 " + _STADIUM + "下一步，体育中心将向市民免费开放。")),
                           ("城南图书馆新馆正式开放", squash("城南图书馆新馆正式开放" + _LIBRARY[9:]))]


def test_a_figure_headline_whose_lead_names_its_subject_of_three_characters_or_a_name_or_its_subject_after_a_banner():
    # 王建国获评劳模 / 王建国（…）: the lead opens with the headline's first three characters only
    person = "王建国（1968年－），城南区人，城南图书馆馆长。他在图书馆工作了三十年，主持修复古籍两千余册。"
    found = split_page(f"滨河体育中心竣工{_STADIUM}王建国获评劳模{person}\n")
    assert [(a.title, a.paragraphs[0][:4]) for a in found] == [("滨河体育中心竣工", _STADIUM[:4]), ("王建国获评劳模", "王建国（")]
    # a name of two characters and a bracket, the headline's first words or after a banner
    person = "邹游（1988年－），城南区人，足球运动员，司职中场，二十岁起效力于市足球队。"
    for head in ("邹游", "基层一线邹游引发关注"):
        found = split_page(f"滨河体育中心竣工{_STADIUM}{head}{person}\n")
        assert [(a.title, a.paragraphs[0][:3]) for a in found] == [("滨河体育中心竣工", _STADIUM[:3]),
                                                                   (head[-6:], "邹游（")]
    # the subject before the headline's colon said again, no bracket after it
    person = "王建国为城南图书馆馆长，在图书馆工作了三十年，主持修复古籍两千余册。"
    found = split_page(f"滨河体育中心竣工{_STADIUM}馆长王建国：三十年守护古籍{person}\n")
    assert [(a.title, a.paragraphs[0][:3]) for a in found] == [("滨河体育中心竣工", _STADIUM[:3]),
                                                               ("馆长王建国：三十年守护古籍", "王建国")]
    # a lead that says the headline again after a short opening clause (when, where), no byline
    lead = "昨天上午，城北公园改造工程在市民的掌声中全部完成，新增健身步道五公里，栽种乔木八千株。"
    found = split_page(f"滨河体育中心竣工{_STADIUM}城北公园改造工程全部完成{lead}\n")
    assert [(a.title, a.paragraphs[0][:5]) for a in found] == [("滨河体育中心竣工", _STADIUM[:5]),
                                                               ("城北公园改造工程全部完成", "昨天上午，")]
    # so with a banner glued in front of that headline
    found = split_page(f"滨河体育中心竣工{_STADIUM}奋进新征程城北公园改造工程全部完成{lead}\n")
    assert [(a.title, a.paragraphs[0][:5]) for a in found] == [("滨河体育中心竣工", _STADIUM[:5]),
                                                               ("城北公园改造工程全部完成", "昨天上午，")]
    # a banner's words said again later in the lead (一线队): still no part of the headline
    person = "邹游（1988年－），城南区人，足球运动员，司职中场，二十岁起进入市足球队一线队。"
    found = split_page(f"滨河体育中心竣工{_STADIUM}基层一线邹游引发关注{person}\n")
    assert [(a.title, a.paragraphs[0][:3]) for a in found] == [("滨河体育中心竣工", _STADIUM[:3]), ("邹游引发关注", "邹游（")]
    # a figure line opening with a name of two or three characters, said again with a bracket: the headline
    for name in ("邹游", "王建国"):
        person = f"{name}（1968年－），城南区人，城南图书馆馆长。他在图书馆工作了三十年，主持修复古籍两千余册。"
        found = split_page(f"滨河体育中心竣工\n\n{_column(_STADIUM)}\n\n{name}{person * 2}\n")
        assert [(a.title, a.paragraphs[0][:len(name) + 1]) for a in found] == [
            ("滨河体育中心竣工", _STADIUM[:len(name) + 1]), (name, name + "（")]
    # a banner glued in front of the headline (no subtitle after it): the lead opens with the subject after it
    found = split_page(f"滨河体育中心竣工{_STADIUM}文化惠民城南图书馆：新的进展{_LIBRARY}\n")
    assert [(a.title, a.paragraphs[0][:4]) for a in found] == [("滨河体育中心竣工", _STADIUM[:4]),
                                                               ("城南图书馆：新的进展", _LIBRARY[:4])]
    # running text that says a few words again after a sentence's end is no headline and its story
    prose = "他在正式进入大连实德一线队的第一年即被租借到与大连实德同城的球队，后来回到了大连实德。"
    found = split_page(f"滨河体育中心竣工{_STADIUM}{prose}{_STADIUM}\n")
    assert [a.title for a in found] == ["滨河体育中心竣工"] and squash("".join(found[0].paragraphs)) == squash(
        _STADIUM + prose + _STADIUM)


def test_a_figure_line_opening_with_a_colon_headline_whose_two_character_subject_the_lead_says_again():
    # 邹游：新的进展邹游（…: the lead opens with the subject before the headline's colon
    person = "邹游（1988年－），城南区人，足球运动员，司职中场，二十岁起效力于市足球队，三次入选省队。"
    page = f"滨河体育中心竣工\n\n{_column('本报讯 记者王明 ' + _STADIUM)}\n\n邹游：新的进展{person * 2}\n"
    assert [(a.title, a.paragraphs[0][:3]) for a in split_page(page)] == [("滨河体育中心竣工", "本报讯"),
                                                                      ("邹游：新的进展", "邹游（")]


def test_a_story_placed_as_a_figure_is_no_short_rest_of_lines_printed_in_turn():
    # two lines stopping mid-sentence printed in turn, one short rest after them, then a figure's one long
    # line: it is a story of its own, not the second line's rest
    said = "“饭菜软烂可口，价格也实惠，我几乎天天来。”张大爷笑着"
    plan = "社区书记黄丽表示，下一步将开通送餐上门服务，让老人在家也能"
    person = "邹游（1988年－），城南区人，足球运动员，司职中场，二十岁起效力于市足球队，三次入选省队。"
    page = ("社区老年食堂开张\n\n本报讯 记者王明 幸福路社区老年食堂昨天开张，每天中午都有上百位老人前来就餐。\n\n"
            f"说。\n\n{said}\n\n{plan}\n\n吃上热饭。\n\n邹游：新的进展{person * 2}\n")
    found = split_page(page)
    assert [a.title for a in found] == ["社区老年食堂开张", "邹游：新的进展"]
    assert squash("".join(found[1].paragraphs)) == squash(person * 2)


def test_a_figure_line_opening_with_a_headline_and_its_subtitle_glued_to_the_lead():
    # 邹游——来自一线的报道邹游（…: the lead names the subject again after the subtitle, or after a short
    # opening clause (昨天上午，城北公园…); the subtitle goes with the headline, the lead opens the story
    person = "邹游（1988年－），城南区人，足球运动员，司职中场，二十岁起效力于市足球队，三次入选省队。"
    lead = "昨天上午，城北公园改造工程在市民的掌声中全部完成，新增健身步道五公里，栽种乔木八千株。"
    for head, text in (("邹游", person), ("城北公园改造工程全部完成", lead)):
        found = split_page(f"滨河体育中心竣工\n\n{_column(_STADIUM)}\n\n{head}——来自一线的报道{text * 2}\n")
        assert [(a.title, squash("".join(a.paragraphs))) for a in found] == [
            ("滨河体育中心竣工", squash(_STADIUM)), (head, squash(text * 2))]


def test_a_dateline_alone_on_its_line_and_the_reporters_under_it_open_one_story():
    page = (f"滨河体育中心竣工\n\n{_column('本报讯 记者王明 ' + _STADIUM)}\n\n城南图书馆新馆正式开放\n\n"
            f"新华社北京10月8日电\n{_column(' 记者吴静 ' + _LIBRARY)}\n")
    assert split(page) == [("滨河体育中心竣工", squash("本报讯 记者王明 " + _STADIUM)),
                           ("城南图书馆新馆正式开放", squash("新华社北京10月8日电 记者吴静 " + _LIBRARY))]
    apart = page.replace("新华社北京10月8日电\n", "新华社北京10月8日电\n\n")  # a block of its own: the same
    assert split(apart) == split(page)


def test_a_figure_caption_credited_without_she_right_before_a_lead_without_byline_stays_out_of_the_story():
    found = split_page(f"滨河体育中心竣工{_STADIUM}城南图书馆新馆开放图为新馆阅览室。 记者 王明 {_LIBRARY}\n")
    assert [(a.title, squash("".join(a.paragraphs))) for a in found] == [
        ("滨河体育中心竣工", squash(_STADIUM)), ("城南图书馆新馆开放", squash(_LIBRARY))]


def test_two_headlines_printed_one_after_another_inside_a_story_stopped_mid_sentence_start_the_story_after_them():
    # no story has two subheads in a row: the byline-less library story under them (its lead does not name
    # its headline) is a story of its own, and the stadium story's rest, printed after it, goes back
    stadium = "本报讯 记者王明 " + _STADIUM
    cut = stadium.index("三万") + 2
    library = "  新馆今天正式向市民开放，首日接待读者超过三千人次。新馆建筑面积两万六千平方米，设有少儿阅览区和古籍修复室。"
    page = (f"滨河体育中心竣工\n\n{_column(stadium[:cut])}\n\n城南图书馆新馆正式开放\n\n城北公园完成改造\n\n{_column(library)}\n\n"
            f"{_column(stadium[cut:])}\n\n{_column('  ' + _PARK)}\n")
    assert split(page) == [("滨河体育中心竣工", squash(stadium)), ("城南图书馆新馆正式开放", squash(library)),
                           ("城北公园完成改造", squash(_PARK))]


def test_a_banner_and_a_headline_printed_as_one_heading_after_a_finished_story_start_the_story_under_them():
    # two heading lines in a row (文化惠民 over the headline): no subhead of the stadium story; the library
    # story's lead names no headline and has no byline, yet it is a story of its own
    page = (f"滨河体育中心竣工\n\n{_column('本报讯 记者王明 ' + _STADIUM)}\n\n文化惠民\n城南图书馆迎来首批读者\n\n"
            f"{_column(_LIBRARY_LEAD)}\n")
    assert split(page) == [("滨河体育中心竣工", squash("本报讯 记者王明 " + _STADIUM)),
                           ("城南图书馆迎来首批读者", squash(_LIBRARY_LEAD))]


def test_a_lead_opening_with_its_whole_short_headline_and_a_bracket_starts_its_story_after_a_story_cut_off():
    # the stadium story stops mid-sentence (its rest printed later): only a lead that says which headline it
    # is under starts a story there; 邹游（ does, under 邹游 printed with a banner
    stadium = "本报讯 记者王明 " + _STADIUM
    cut = 3 * 16  # three full lines: …十二万平方 / 米，主体育场…
    person = "邹游（1988年－），城南区人，足球运动员，司职中场，二十岁起效力于市足球队，三次入选省队。"
    page = (f"滨河体育中心竣工\n\n{_column(stadium[:cut])}\n\n奋进新征程\n邹游\n\n{_column(person)}\n\n"
            f"{_column(stadium[cut:])}\n")
    assert split(page) == [("滨河体育中心竣工", squash(stadium)), ("邹游", squash(person))]


def test_a_paragraph_under_a_photo_caption_that_says_its_words_opens_a_story_but_one_about_the_story_before_not():
    # the two headlines stand over the page; the library story's lead has no byline and names no headline,
    # but the photo printed over it shows the library; a photo inside the stadium story shows the stadium
    stadium = "本报讯 记者王明 " + _STADIUM
    cut = stadium.index("中心主任")
    page = (f"滨河体育中心竣工\n\n城南图书馆迎来首批读者\n\n{_column(stadium[:cut])}\n\n"
            f"图为滨河体育中心主体育场。 记者 李强 摄\n\n{_column('  ' + stadium[cut:])}\n\n"
            f"图为市图书馆新馆少儿阅览区。 记者 李强 摄\n\n{_column(_LIBRARY_LEAD)}\n")
    assert split(page) == [("滨河体育中心竣工", squash(stadium)), ("城南图书馆迎来首批读者", squash(_LIBRARY_LEAD))]


def test_two_stories_first_lines_printed_in_turn_take_the_long_rests_printed_after_them_by_what_the_rests_say():
    # pdfminer.six printed two side-by-side stories a line at a time: their first lines, then their rests;
    # each rest says its own lead's words (体育中心 / 图书馆) more than the other's; no word runs across either
    # break (…中心昨天通过竣工 / 验收，… and …新馆今天正式向 / 市民开放…), and the printed order pairs them wrong
    first, second = (_column(f"本报讯 记者{name} {text}", 21).split("\n")
                     for name, text in (("王明", _STADIUM), ("李强", _LIBRARY)))
    page = "滨河体育中心竣工\n\n城南图书馆新馆开放\n\n" + "\n\n".join(
        [first[0], second[0], "\n".join(first[1:]), "\n".join(second[1:])]) + "\n"
    assert split(page) == [("滨河体育中心竣工", squash(f"本报讯 记者王明 {_STADIUM}")),
                           ("城南图书馆新馆开放", squash(f"本报讯 记者李强 {_LIBRARY}"))]


def test_a_subhead_under_a_lead_run_on_after_a_wider_story_measures_the_column_by_the_lead_not_that_story():
    # the library's byline-less lead follows the stadium story in the text (cut apart later by its subject);
    # the subhead glued under it is no width change: the text below is as wide as the lead
    more = "新馆还开设了视障阅览室，配备盲文图书和听书设备。"
    lead, rest = _LIBRARY[:_LIBRARY.index("馆长")], _LIBRARY[_LIBRARY.index("馆长"):] + more
    page = (f"滨河体育中心竣工\n\n城南图书馆新馆正式开放\n\n{_column('本报讯 记者王明 ' + _STADIUM, 22)}\n\n"
            f"{_column(lead, 14)}\n■ 加强统筹协调\n\n{_column(rest, 14)}\n")
    assert split(page) == [("滨河体育中心竣工", squash("本报讯 记者王明 " + _STADIUM)),
                           ("城南图书馆新馆正式开放", squash(lead + "■ 加强统筹协调" + rest))]


def test_a_headline_and_a_photo_caption_over_a_paragraph_that_says_the_captions_words_open_its_story():
    # one heading line over a paragraph is a subhead unless something says otherwise: the photo printed under
    # the headline shows what the paragraph talks about, and the stadium story before does not
    page = (f"滨河体育中心竣工\n\n{_column('本报讯 记者王明 ' + _STADIUM)}\n\n城南图书馆迎来首批读者\n\n"
            f"图为市图书馆新馆少儿阅览区。 记者 李强 摄\n\n{_column(_LIBRARY_LEAD)}\n")
    assert split(page) == [("滨河体育中心竣工", squash("本报讯 记者王明 " + _STADIUM)),
                           ("城南图书馆迎来首批读者", squash(_LIBRARY_LEAD))]


def test_a_paragraph_under_a_caption_is_weighed_by_its_own_words_not_the_next_storys():
    # the library's photo printed over the stadium story's last paragraph: the library story under that
    # paragraph says the caption's words, the paragraph does not, and stays the stadium story's
    stadium, more = "本报讯 记者王明 " + _STADIUM, "  明年起体育中心将向市民免费开放。"
    page = (f"滨河体育中心竣工\n\n城南图书馆新馆正式开放\n\n{_column(stadium)}\n\n图为城南图书馆新馆阅览室。 记者 李强 摄\n\n"
            f"{more}\n\n{_column('本报讯 记者李强 ' + _LIBRARY)}\n")
    assert split(page) == [("滨河体育中心竣工", squash(stadium + more)),
                           ("城南图书馆新馆正式开放", squash("本报讯 记者李强 " + _LIBRARY))]


def test_a_lead_naming_a_two_character_headline_set_upright_starts_its_story():
    # 邹 / 游 printed a character a line (a 竖题 of two characters) far from its story; the byline-less lead
    # run on after the stadium story opens with its subject and a bracket
    person = "邹游（1988年－），城南区人，足球运动员，司职中场，二十岁起效力于市足球队，三次入选省队。"
    page = f"滨河体育中心竣工\n\n邹\n游\n\n{_column('本报讯 记者王明 ' + _STADIUM)}\n\n{_column(person)}\n"
    assert split(page) == [("滨河体育中心竣工", squash("本报讯 记者王明 " + _STADIUM)), ("邹游", squash(person))]


def test_a_paragraph_opening_with_a_captions_subject_opens_a_story_even_after_a_sentence_broken_off():
    # the stadium story stops mid-sentence at a column's foot (its rest printed later); the photo of the park
    # printed under it, and the byline-less paragraph under the photo opens with what the caption shows
    stadium, cut = "本报讯 记者王明 " + _STADIUM, 3 * 16
    page = (f"滨河体育中心竣工\n\n绿地提质惠民生\n\n{_column(stadium[:cut])}\n\n图为城北公园新貌。 记者 李强 摄\n\n"
            f"{_column(_PARK)}\n\n{_column(stadium[cut:])}\n")
    assert [body for _, body in split(page)] == [squash(stadium), squash(_PARK)]


def test_a_sentences_rest_opening_with_digits_under_a_caption_stays_with_its_sentence():
    # 占地面积 + 12万平方米: the rest of a broken sentence says the caption's words (主体育场看台) more than the
    # opening does, but it opens with no subject of the caption: it carries the sentence on
    opening = ["本报讯 记者王明 滨河体育中心昨天通过竣", "工验收，将于明年春天投入使用，占地面积"]
    rest = "12万平方米，主体育场可容纳三万名观众，看台全部安装了座椅。中心主任李强说，场馆将承办省运会。"
    page = "滨河体育中心竣工\n\n" + "\n".join(opening) + f"\n\n图为主体育场看台。 记者 李强 摄\n\n{_column(rest, 20)}\n"
    assert split(page) == [("滨河体育中心竣工", squash("".join(opening) + rest))]


def test_a_lead_naming_a_three_character_headline_and_a_bracket_starts_its_story_after_a_story_using_two_of_them():
    # the library story says 王建国, so "王建" does not tell a new subject; "王建民（" does
    person = "王建民（1950年－），城南区人，退休教师，二十年来向图书馆捐书三千余册。"
    page = (f"王建民\n\n城南图书馆新馆正式开放\n\n{_column('本报讯 记者王明 ' + _LIBRARY)}\n\n{_column(person)}\n")
    assert split(page) == [("城南图书馆新馆正式开放", squash("本报讯 记者王明 " + _LIBRARY)), ("王建民", squash(person))]


def test_a_sentence_broken_inside_its_headlines_words_takes_the_block_that_carries_them_on():
    # 防汛 + 应急演练: no word of jieba's runs across the break, but the headline's words do; the block
    # printed next (as wide as the column) carries on a sentence of a later paragraph
    opening = ["本报讯 记者王明 5月20日，我市在青", "龙河畔的滨河湿地公园开展了汛前防汛"]
    later = ["抢筑子堤和封堵管涌等科目，参演人员", "共有三百多名。"]
    rest = ["应急演练，水利、消防、公安等十二个", "部门参加。演练模拟了堤防出现管涌险", "情的场景，抢险队伍完成了人员转移、"]
    page = "我市开展汛前防汛应急演练\n\n" + "\n\n".join("\n".join(block) for block in (opening, later, rest)) + "\n"
    assert split(page) == [("我市开展汛前防汛应急演练", squash("".join(opening + rest + later)))]


def test_a_banner_printed_inside_a_sentence_is_no_part_of_the_story():
    # no subhead stands inside a sentence: a banner strip pdfminer.six printed between 十二 and 万平方米
    stadium = "本报讯 记者王明 " + _STADIUM
    cut = stadium.index("十二") + 2
    page = (f"滨河体育中心竣工\n\n{_column(stadium[:cut])}\n\n科技赋能 提质增效\n\n{_column(stadium[cut:])}\n\n"
            f"城南图书馆新馆正式开放\n\n{_column('本报讯 ' + _LIBRARY)}\n")
    assert split(page) == [("滨河体育中心竣工", squash(stadium)), ("城南图书馆新馆正式开放", squash("本报讯 " + _LIBRARY))]


def test_a_word_across_the_break_outweighs_the_printed_order_when_nothing_else_tells():
    # 出入 + 口: the one-line paragraph printed between (a sentence of its own) does not carry the break on
    opening = ["本报讯 记者王明 滨河体育中心昨天通", "过竣工验收，将于明年春天投入使用。", "中心主任说，中心共设有十二个出入"]
    page = "滨河体育中心竣工\n\n" + "\n".join(opening) + "\n\n体育场于1958年建成，全长四百米。\n\n口，均设有无障碍通道。\n"
    [(_, body)] = split(page)
    assert "出入口，均设有无障碍通道。" in body


def test_of_two_headlines_printed_together_the_one_right_above_a_story_it_hardly_names_goes_to_the_story_it_names():
    # the second headline stands right above the library story, which shares 中心 with it; it names the
    # stadium story, printed further down, clearly: where a headline stands says less than what it names
    library = _LIBRARY.replace("馆长王建国介绍", "新馆位于文化中心，馆长王建国介绍")
    page = (f"新馆引发关注\n\n体育中心：新的进展\n\n{_column('本报讯 记者王明 ' + library)}\n\n城北公园完成改造\n\n"
            f"{_column('□李红 ' + _PARK)}\n\n{_column('本报讯 记者赵磊 ' + _STADIUM)}\n")
    assert [title for title, _ in split(page)] == ["新馆引发关注", "城北公园完成改造", "体育中心：新的进展"]


def test_no_kicker_is_cut_off_a_figures_headline_inside_its_brackets():
    # the lead uses 1988, the headline's words after the bracket: no banner ends inside a bracket
    film = "本报记者 王明 为1988年由丁善玺执导的电影作品，改编自清代台湾四大奇案之一的传说，片中女主角遭人杀害。"
    found = split_page(f"滨河体育中心竣工{_STADIUM}林投姐 (1988年电影)：新的进展{film}{film}\n")
    assert [(a.title, a.kicker) for a in found] == [("滨河体育中心竣工", None), ("林投姐 (1988年电影)：新的进展", None)]


def test_a_banner_glued_to_a_figures_headline_is_cut_where_the_lead_names_the_subject_late():
    # the lead names 城南图书馆 only after its first forty characters
    lead = "本报讯 记者王明 10月8日上午，市民一早就排起长队，等待进入这座新落成的场馆参观。位于城南新区的城南图书馆今天正式开放。"
    assert lead.index("城南图书馆") > 40
    found = split_page(f"滨河体育中心竣工{_STADIUM}文化惠民城南图书馆：新的进展{lead}{_LIBRARY}\n")
    assert [(a.title, a.kicker) for a in found] == [("滨河体育中心竣工", None), ("城南图书馆：新的进展", None)]


def test_a_line_with_two_commas_printed_alone_under_a_banner_is_running_text():
    # each line a block of its own, after an ad (its long lines set the column's width apart): the first is
    # narrower than that width, yet no headline has two commas
    lines = ["12月26日上午，地铁三号线北延段开通试运营，线路全长十四公", "里，共设八座车站。",
             "北延段开通后，从高铁北站到市中心只需二十五分钟，比原来", "的公交出行节省一半时间。"]
    page = (f"滨河体育中心竣工\n\n{_column('本报讯 记者王明 ' + _STADIUM)}\n\n草原明珠酒店\n婚宴 会议 客房 全城优惠\n\n"
            "预订电话：0477-8899001 www.cymz-hotel.cn\n\n地铁三号线北延段开通试运营\n\n聚焦民生\n\n" + "\n\n".join(lines) + "\n")
    assert split(page)[1] == ("地铁三号线北延段开通试运营", squash("".join(lines)))


def test_the_text_under_a_headline_printed_inside_a_sentence_carries_that_sentence_on():
    # the next story's headline printed between 新馆共有藏书 and 三十万册: the block under it is the sentence's
    # rest (not the block printed later that carries on its own sentence, ！”…), and the headline is no
    # subhead, neither there nor over the story's first paragraph when the story's blocks are put in order
    one, two, three, four = ("本报讯 城南图书馆新馆今天正式向市民开放，首日接待读者超过三千人次。馆长王明介绍说，新馆共有藏书",
                             "三十万册，设有少儿阅览区、古籍修复室和自习室。一位年轻读者高兴地说：“这里环境真好，我每周都要来",
                             "！”读者们纷纷点赞。", "馆长说，新馆每天开放到晚上九点，节假日不闭馆。")
    page = (f"城南图书馆新馆正式开放\n\n{_column(one)}\n\n滨河体育中心竣工\n\n{_column(two)}\n\n{_column(four)}\n\n"
            f"{_column(three)}\n\n{_column(_STADIUM)}\n")
    assert split(page) == [("城南图书馆新馆正式开放", squash(one + two + three + four)),
                           ("滨河体育中心竣工", squash(_STADIUM))]


def test_a_headlines_last_two_characters_wrapped_onto_a_line_of_their_own_stay_in_it():
    # 关注 alone matches the other story in full (one character pair): too little to be another headline
    stadium = _STADIUM + "场馆的建设进度受到市民的广泛关注。"
    page = (f"滨河体育中心竣工\n\n{_column('本报讯 ' + stadium, 12)}\n\n城南图书馆新馆开放引发\n关注\n\n"
            f"{_column('本报讯 ' + _LIBRARY, 12)}\n")
    assert split(page) == [("滨河体育中心竣工", squash("本报讯 " + stadium)),
                           ("城南图书馆新馆开放引发关注", squash("本报讯 " + _LIBRARY))]


def test_a_break_left_without_its_rest_takes_it_from_a_break_that_has_another_one_nearly_as_good():
    # two leads printed together, each stopping mid-sentence; the first one's rest (两 + 千余册) printed right
    # after the second one: the second one's rest (名 + 观众) fits it a little worse, but both breaks filled
    # say more than the printed order alone
    one = "本报记者 王明 城南图书馆馆长王建国在馆里工作了三十年，主持修复古籍两"
    one_rest = ("千余册，今年获评全国劳动模范。他说，这份荣誉属于全馆的每一位同事，古籍修复需要耐心，"
                "也需要一代代人的传承。图书馆计划明年开设古籍修复体验课，欢迎市民报名参加。")
    two = "康巴什讯 （李强） 滨河体育中心昨天通过竣工验收，主体育场容纳三万多名"
    two_rest = "观众，另有游泳馆和训练馆各一座。中心主任李强说，场馆建成后将承办明年的省运会，平时向市民开放，票价实行优惠。"
    page = (f"王建国获评全国劳模\n\n滨河体育中心竣工\n\n{one}\n\n{two}\n\n{_column(one_rest, len(one))}\n\n"
            f"{_column(two_rest, len(one))}\n")
    assert split(page) == [("王建国获评全国劳模", squash(one + one_rest)), ("滨河体育中心竣工", squash(two + two_rest))]


def test_a_paragraph_broken_over_two_blocks_inside_the_story_beside_its_own_goes_to_its_story():
    # the library's paragraph printed in the stadium's column, broken mid-sentence by a column break
    lib1, lib2 = "新馆的少儿阅览区配有绘本两万册，古籍修复室每周六", "向读者开放参观，修复古籍的馆员现场讲解。"
    more = "体育中心的游泳馆将在明年五月率先对外开放，训练馆同时启用。"
    page = (f"城南图书馆新馆正式开放\n\n{_column('本报讯 ' + _LIBRARY)}\n\n滨河体育中心竣工\n\n"
            f"{_column('本报讯 ' + _STADIUM)}\n\n{_column(lib1)}\n\n{_column(lib2)}\n\n{_column(more)}\n")
    assert split(page) == [("城南图书馆新馆正式开放", squash("本报讯 " + _LIBRARY + lib1 + lib2)),
                           ("滨河体育中心竣工", squash("本报讯 " + _STADIUM + more))]


def test_a_briefs_column_printed_a_line_at_a_time_gets_each_items_rest_in_turn():
    # pdfminer.six prints the items' first lines, then their rests in the same order
    items = [("■ 市图书馆本周六上午举办亲子阅读分享会，欢迎家", "长带孩子参加。"),
             ("■ 河口镇草莓采摘节将于下月开幕，届时将有农产品", "展销和文艺演出。"),
             ("■ 滨河公园健身步道完成提质改造，新增照明设施和", "休息座椅。")]
    column = "\n\n".join([first for first, _ in items] + [rest for _, rest in items])
    page = (f"城南图书馆新馆正式开放\n\n{_column('本报讯 ' + _LIBRARY)}\n\n简讯\n\n{column}\n\n"
            f"滨河体育中心竣工\n\n{_column('本报讯 ' + _STADIUM)}\n")
    found = split_page(page)
    assert [a.title for a in found] == ["城南图书馆新馆正式开放", "简讯", "滨河体育中心竣工"]
    assert list(found[1].paragraphs) == [first + rest for first, rest in items]


def test_a_briefs_column_set_in_two_columns_printed_row_by_row_is_read_down_each_column():
    # items side by side: pdfminer.six prints a row's first lines in turn, then their rests, then the next row;
    # the column is read down its left half first
    left = [("■ 市图书馆本周六上午举办亲子阅读", "分享会，欢迎家长带孩子参加。"),
            ("■ 河口镇草莓采摘节将于下月开幕，", "届时将有农产品展销和文艺演出。")]
    right = [("■ 滨河公园健身步道完成提质改造，", "新增照明设施和休息座椅。"),
             ("■ 市公交集团新开通两条社区微循环", "线路，方便居民就近出行。")]
    rows = [[left[n], right[n]] for n in range(2)]
    column = "\n\n".join(part for row in rows for part in [first for first, _ in row] + [rest for _, rest in row])
    page = (f"城南图书馆新馆正式开放\n\n{_column('本报讯 ' + _LIBRARY)}\n\n简讯\n\n{column}\n\n"
            f"滨河体育中心竣工\n\n{_column('本报讯 ' + _STADIUM)}\n")
    found = split_page(page)
    assert [a.title for a in found] == ["城南图书馆新馆正式开放", "简讯", "滨河体育中心竣工"]
    assert list(found[1].paragraphs) == [first + rest for first, rest in left + right]


def test_a_story_set_in_two_columns_printed_row_by_row_is_read_down_each_column_and_so_is_a_briefs_column_after_it():
    # the marathon's paragraphs side by side, a row's first lines printed in turn, then their rests; right after
    # its last row, a 简讯 column's items side by side, printed the same way
    left = [("本报讯 清晨七点，首届湿地马拉松在", "滨河公园鸣枪开跑。"), ("本次赛事设全程、半程和健康跑三个", "项目，赛道途经芦苇荡。")]
    right = [("组委会在沿途设置了二十个补给站，", "并安排三百名志愿者。"), ("最终，男子全程冠军由本地选手杨帆", "获得，女子由刘芳夺得。")]
    items_left = [("■ 市图书馆本周六上午举办亲子阅读", "分享会，欢迎家长带孩子参加。"),
                  ("■ 河口镇草莓采摘节将于下月开幕，", "届时将有农产品展销和文艺演出。")]
    items_right = [("■ 滨河公园健身步道完成提质改造，", "新增照明设施和休息座椅。"),
                   ("■ 市公交集团新开通两条社区微循环", "线路，方便居民就近出行。")]

    def rows(left: list[tuple[str, str]], right: list[tuple[str, str]]) -> str:
        return "\n\n".join(part for row in zip(left, right) for part in [row[0][0], row[1][0], row[0][1], row[1][1]])

    page = (f"城南图书馆新馆正式开放\n\n{_column('本报讯 ' + _LIBRARY)}\n\n首届湿地马拉松鸣枪开跑\n\n"
            f"{rows(left, right)}\n\n简讯\n\n{rows(items_left, items_right)}\n")
    found = split_page(page)
    assert [a.title for a in found] == ["城南图书馆新馆正式开放", "首届湿地马拉松鸣枪开跑", "简讯"]
    assert squash("".join(found[1].paragraphs)) == squash("".join(first + rest for first, rest in left + right))
    assert list(found[2].paragraphs) == [first + rest for first, rest in items_left + items_right]


def test_a_story_set_in_two_columns_right_after_another_story_printed_row_by_row_is_read_down_its_own_columns():
    # the library story's one row and the marathon's two are printed one after another: each story's rows
    # are read down its own columns
    library = [("本报讯 城南图书馆新馆今天正式向市", "民开放，首日接待读者三千人次。"), ("馆长王建国介绍，新馆每天开放到晚", "上九点，节假日不闭馆。")]
    left = [("本报讯 清晨七点，首届湿地马拉松在", "滨河公园鸣枪开跑。"), ("本次赛事设全程、半程和健康跑三个", "项目，赛道途经芦苇荡。")]
    right = [("组委会在沿途设置了二十个补给站，", "并安排三百名志愿者。"), ("最终，男子全程冠军由本地选手杨帆", "获得，女子由刘芳夺得。")]
    marathon = "\n\n".join(part for row in zip(left, right) for part in [row[0][0], row[1][0], row[0][1], row[1][1]])
    page = (f"城南图书馆新馆正式开放\n\n{library[0][0]}\n\n{library[1][0]}\n\n{library[0][1]}\n\n{library[1][1]}\n\n"
            f"首届湿地马拉松鸣枪开跑\n\n{marathon}\n")
    assert split(page) == [("城南图书馆新馆正式开放", squash("".join(first + rest for first, rest in library))),
                           ("首届湿地马拉松鸣枪开跑", squash("".join(first + rest for first, rest in left + right)))]


def test_a_briefs_columns_first_item_line_printed_alone_under_its_label_opens_the_column():
    # a narrow column's item lines, each printed alone (its rest in a block of its own): the first, right
    # under 简讯, is no heading (its width says nothing; the label over it says it is an item)
    items = [("■ 市公交集团新开通两条社区微循", "环线路，方便居民就近出行。"), ("■ 市图书馆本周六上午举办亲子阅", "读分享会，欢迎家长带孩子参加。")]
    column = "\n\n".join(part for item in items for part in item)
    page = (f"城南图书馆新馆正式开放\n\n{_column('本报讯 ' + _LIBRARY, 22)}\n\n简讯\n\n{column}\n\n"
            f"滨河体育中心竣工\n\n{_column('本报讯 ' + _STADIUM, 22)}\n")
    found = split_page(page)
    assert [a.title for a in found] == ["城南图书馆新馆正式开放", "简讯", "滨河体育中心竣工"]
    assert squash("".join(found[1].paragraphs)) == squash("".join(first + rest for first, rest in items))


def test_lines_with_latin_words_do_not_widen_the_column_a_paragraphs_first_line_is_measured_by():
    # set in a proportional face, a line with Latin words comes out wider than the column: measured by it,
    # a paragraph's first line with no punctuation looked short enough for a headline (its words said again
    # in the next line, it was one, and cut the story in two)
    latin = ["新馆外文阅览区收藏了Oxford University Press (Oxford)、",
             "Cambridge University Press (Cambridge)等出版社的图书", "两万册，另有英文报刊杂志一百余种。"]
    first, second = "王建国家族出自一个有很多学者及教师的书香门", "第。王建国家族几代人都在城南从事教育工作。他"
    rest = "说，图书馆是城市的书房，新馆每天开放到晚上九点，节假日也不闭馆，欢迎市民常来看看。"
    page = (f"城南图书馆新馆正式开放\n\n{_column('本报讯 ' + _LIBRARY, 23)}\n\n" + "\n".join(latin)
            + f"\n\n{first}\n{second}\n\n{_column(rest, 23)}\n")
    assert split(page) == [("城南图书馆新馆正式开放",
                            squash("本报讯 " + _LIBRARY + "".join(latin) + first + second + rest))]


def test_a_short_paragraph_printed_at_the_end_of_the_story_beside_its_own_goes_back_by_its_words():
    # five character pairs only the library's story holds (古籍修复室, 开放): too few for a long paragraph,
    # a third of a short one's
    short = "古籍修复室同时开放。"
    page = (f"城南图书馆新馆正式开放\n\n{_column('本报讯 ' + _LIBRARY)}\n\n滨河体育中心竣工\n\n"
            f"{_column('本报讯 ' + _STADIUM)}\n\n{short}\n")
    assert split(page) == [("城南图书馆新馆正式开放", squash("本报讯 " + _LIBRARY + short)),
                           ("滨河体育中心竣工", squash("本报讯 " + _STADIUM))]


def test_single_lines_that_carry_each_other_on_are_no_lines_printed_in_turn():
    # 于19 / 90年起…两千余册 / ，是全省…和对 / 传统技艺…著称。 / 他说…: the third line opens with a comma,
    # it is the second's rest, not a first line whose rest is printed two blocks later
    a = "本报讯 王建国1968年生于城南，早年在师范学院学习历史，毕业后进入城南图书馆工作，并于19"
    b, c = "90年起主持古籍修复室的工作，三十年来修复古籍两千余册", "，是全省古籍修复领域的带头人，以其耐心细致的工作作风和对"
    d, e = "传统技艺的坚守著称。", "他说，古籍修复需要耐心，也需要一代代人的传承，希望更多年轻人加入。"
    page = f"王建国获评全国劳模\n\n{_column(a, 23)}\n\n{b}\n\n{c}\n\n{d}\n\n{_column(e, 23)}\n"
    assert split(page) == [("王建国获评全国劳模", squash(a + b + c + d + e))]


def test_a_short_headline_printed_apart_goes_to_the_story_whose_lead_names_its_subject_first():
    # 王建国：新的进展 printed under a banner, away from its story; 基层一线 (a banner over another headline)
    # matches the story too (一线): the lead that names 王建国 first after its byline says whose headline it is
    person = ("本报讯 记者吴静 王建国（1968年－），城南区人，图书馆馆长。他从基层一线干起，在图书馆工作了三十年，"
              "主持修复古籍两千余册。王建国说，古籍修复需要耐心，也需要一代代人的传承。")
    page = (f"基层一线\n城南图书馆新馆正式开放\n\n{_column('本报讯 ' + _LIBRARY)}\n\n文化惠民\n王建国：新的进展\n\n"
            f"科技前沿\n滨河体育中心竣工\n\n{_column(person)}\n\n{_column('本报讯 ' + _STADIUM)}\n")
    assert [a.title for a in split_page(page)] == ["城南图书馆新馆正式开放", "王建国：新的进展", "滨河体育中心竣工"]


_BRIDGE = ("本报讯 记者王明 城东跨河大桥主体工程昨天顺利合龙，大桥全长一千二百米，设计为双向六车道，总投资八亿元。"
           "施工方负责人介绍，项目部三百名工人坚守一线，克服了高温和汛期等不利因素。交通部门表示，通车后两岸居民出行时间将缩短四十分钟。")


def test_a_story_set_in_two_columns_whose_lines_were_printed_a_row_at_a_time_is_read_column_by_column():
    # each line a text box of its own: pdfminer.six printed the left column's first line, the right column's
    # first, the left's second… read by columns, words run across the breaks (昨 + 天, 双 + 向, 介绍 + ，)
    lines = _column(_BRIDGE, 20).split("\n")
    left, right = lines[:3], lines[3:]
    rows = "\n\n".join(line for row in zip(left, right) for line in row)
    page = f"城南图书馆新馆正式开放\n\n{_column('本报讯 ' + _LIBRARY, 20)}\n\n城东跨河大桥主体工程合龙\n\n{rows}\n"
    assert split(page)[1] == ("城东跨河大桥主体工程合龙", squash(_BRIDGE))


def test_a_story_whose_lines_were_printed_each_a_text_box_in_order_stays_in_order():
    lines = _column(_BRIDGE, 20).split("\n")
    page = f"城南图书馆新馆正式开放\n\n{_column('本报讯 ' + _LIBRARY, 20)}\n\n城东跨河大桥主体工程合龙\n\n" + "\n\n".join(lines) + "\n"
    assert split(page)[1] == ("城东跨河大桥主体工程合龙", squash(_BRIDGE))


def test_a_briefs_columns_first_line_printed_in_a_row_with_a_leads_first_line_gets_its_rest_and_its_next_items():
    # pdfminer.six printed the column tops as a row: the 简讯 column's first line, then the library story's;
    # then the first item's rest, the next item, and only then the rest of the library story
    lead = _column("本报讯 记者王明 " + _LIBRARY, 19).split("\n")
    items = ["■ 滨河公园健身步道完成提质改造，新增照明设施和休息座椅。", "■ 河口镇草莓采摘节将于下月开幕，届时将有农产品展销和文艺演出。"]
    page = (f"城南图书馆新馆正式开放\n\n简讯\n\n{items[0][:18]}\n\n{lead[0]}\n\n{items[0][18:]}\n\n{items[1][:19]}\n\n"
            f"{items[1][19:]}\n\n" + "\n".join(lead[1:]) + "\n")
    found = split_page(page)
    assert [(a.title, a.paragraphs) for a in found[:1]] == [("简讯", tuple(items))]
    assert split(page)[1:] == [("城南图书馆新馆正式开放", squash("本报讯 记者王明 " + _LIBRARY))]


def test_a_headline_wrapped_inside_a_word_its_story_says_is_one_headline():
    # 城南图书馆新 / 馆走进千家万户: the second line alone names no story, but 新馆 runs across the line's end
    # and the library story says it
    page = (f"城北公园完成改造\n\n{_column('本报讯 记者王明 ' + _PARK)}\n\n城南图书馆新\n馆走进千家万户\n\n"
            f"{_column('□李红 ' + _LIBRARY)}\n")
    assert [title for title, _ in split(page)] == ["城北公园完成改造", "城南图书馆新馆走进千家万户"]


def test_a_headline_over_its_subtitle_is_no_rest_of_the_sentence_broken_before_it():
    # the library story stops mid-sentence at a column's foot; the stadium's headline is as wide as the column,
    # but a subtitle (——记者手记) stands under it: a headline, not the broken sentence's rest
    cut = _LIBRARY.index("设有")
    page = (f"城南图书馆新馆正式开放\n\n{_column('□李红 ' + _LIBRARY[:cut], 16)}\n\n滨河体育中心昨天通过竣工验收\n\n"
            f"——记者手记\n\n{_column('本报讯 记者王明 ' + _STADIUM, 16)}\n\n{_column(_LIBRARY[cut:], 16)}\n")
    found = split(page)
    assert [title for title, _ in found] == ["城南图书馆新馆正式开放", "滨河体育中心昨天通过竣工验收"]
    assert "竣工验收" not in found[0][1]


def test_a_subhead_whose_subject_the_next_storys_lead_names_first_is_that_storys_headline():
    # 城南图书馆走进千家万户 printed between the park story's paragraphs names the library story only in part
    # (走进千家万户 is said nowhere), but the library's lead names its subject first
    cut = _PARK.index("附近居民")
    page = (f"城北公园完成改造\n\n{_column('本报讯 记者王明 ' + _PARK[:cut])}\n\n城南图书馆走进千家万户\n\n"
            f"{_column('  ' + _PARK[cut:])}\n\n{_column('□李红 ' + _LIBRARY)}\n")
    assert split(page) == [("城北公园完成改造", squash("本报讯 记者王明 " + _PARK)),
                           ("城南图书馆走进千家万户", squash("□李红 " + _LIBRARY))]


def test_a_headline_wrapped_inside_an_idiom_is_one_headline_though_its_rest_is_said_by_another_story():
    # 城南图书馆走进千 / 家万户: the park story says 千家万户, so the second line alone names it; the word runs
    # across the line's end (jieba: 千家万户)
    park = _PARK.replace("附近居民", "健身步道走进千家万户，附近居民")
    page = f"城北公园完成改造\n\n{_column('本报讯 记者王明 ' + park)}\n\n城南图书馆走进千\n家万户\n\n{_column('□李红 ' + _LIBRARY)}\n"
    assert [title for title, _ in split(page)] == ["城北公园完成改造", "城南图书馆走进千家万户"]


def test_a_sentence_saying_a_place_again_inside_a_story_placed_as_a_figure_is_no_headline():
    # a story printed as one line: 城南新区居民以…结伴走进 / 城南新区图书馆… says four characters again, but a third
    # of a long headline at least is what a lead says again
    more = "城南新区居民以三五成群的方式结伴走进城南新区图书馆借阅图书。"
    page = (f"城北公园完成改造\n\n{_column('本报讯 记者王明 ' + _PARK)}\n\n"
            f"城南图书馆新馆正式开放本报讯 记者李红 {_LIBRARY}{more}\n")
    assert split(page)[1:] == [("城南图书馆新馆正式开放", squash("本报讯 记者李红 " + _LIBRARY + more))]


def test_a_short_line_after_a_finished_sentence_whose_sentence_the_next_block_ends_with_a_mark_is_text():
    # 新馆建筑面积两万六千平方米 stands where a subhead could, but the block under it opens with its sentence's
    # 。: no heading is followed by a mark
    lead = "本报讯 记者王明 城南图书馆新馆今天正式向市民开放，首日接待读者超过三千人次。"
    rest = "。设有少儿阅览区和古籍修复室，馆长王建国介绍，新馆每天开放到晚上九点。"
    page = (f"城北公园完成改造\n\n{_column('本报讯 记者李红 ' + _PARK, 20)}\n\n城南图书馆新馆正式开放\n\n{_column(lead, 20)}\n\n"
            f"新馆建筑面积两万六千平方米\n\n{_column(rest, 20)}\n")
    assert split_page(page)[1].paragraphs == (lead, "新馆建筑面积两万六千平方米" + rest)


def test_a_headline_broken_after_its_colon_over_a_subtitle_and_a_byline_is_a_headline():
    page = (f"城北公园完成改造\n\n{_column('本报讯 记者李红 ' + _PARK)}\n\n城南图书馆新馆：\n正式开放\n——来自一线的报道\n\n"
            f"{_column('本报讯 记者王明 ' + _LIBRARY)}\n")
    assert split(page) == [("城北公园完成改造", squash("本报讯 记者李红 " + _PARK)),
                           ("城南图书馆新馆：正式开放", squash("本报讯 记者王明 " + _LIBRARY))]


def test_a_headlines_colon_wrapped_onto_the_next_line_keeps_its_rest_though_another_story_says_it():
    park = _PARK.replace("附近居民", "公园今天正式开放，附近居民")  # says 正式开放, the line after the colon
    page = (f"城北公园完成改造\n\n{_column('本报讯 记者李红 ' + park)}\n\n城南图书馆新馆\n：正式开放\n\n"
            f"{_column('本报讯 记者王明 ' + _LIBRARY)}\n")
    assert [title for title, _ in split(page)] == ["城北公园完成改造", "城南图书馆新馆：正式开放"]


def test_a_headline_set_letter_by_letter_among_the_page_head_is_kept_when_its_story_says_it():
    # 王 强 sits above the running head with the paper's name and the date; unlike a section's name (要 闻) its
    # words are its story's
    story = "本报讯 记者李红 王强是市青少年足球队的后卫，今年入选省队。王强说，他每天训练四个小时，从不缺席。"
    page = (f"城南日报\n\n2024年10月16日 星期三\n\n王 强\n\n要 闻\n\n第1版 要闻 责任编辑：周强\n\n{_column(story)}\n")
    assert split(page) == [("王强", squash(story))]


def test_a_sentences_rest_printed_after_a_long_briefs_column_goes_back_to_it():
    # six 简讯 items, each a story of its own, stand between the broken sentence and its rest: the column counts
    # as one story in the look-ahead
    match = "本报讯 记者王明 市青少年足球队昨天在省运会上打进三个进球，帮助球队以三比一击败对手，顺利出"
    items = ["■ 市图书馆本周六上午举办亲子阅读分享会。", "■ 河口镇草莓采摘节将于下月开幕。", "■ 滨河公园健身步道完成提质改造。",
             "■ 市公交集团新开通两条社区微循环线路。", "■ 城北公园新增健身器材二十套。", "■ 市博物馆延长夏季开放时间。"]
    page = (f"青少年足球队晋级\n\n{_column(match, 16)}\n\n城北公园完成改造\n\n{_column('本报讯 记者李红 ' + _PARK, 16)}\n\n"
            "简讯\n\n" + "\n".join(items) + "\n\n线，晋级八强。\n")
    found = split_page(page)
    assert [a.title for a in found] == ["青少年足球队晋级", "城北公园完成改造", "简讯"]
    assert squash("".join(found[0].paragraphs)) == squash(match + "线，晋级八强。")


def test_a_bulleted_subhead_printed_between_a_paragraphs_first_line_and_its_rest_goes_to_that_paragraphs_end():
    # pdfminer.six printed the subhead under the lead's first line (a box of its own); its form says it is a
    # subhead, not a headline: it stands at the paragraph's end, over the next one
    first = _column("本报讯 记者王明 " + _LIBRARY[:_LIBRARY.index("新馆建筑")]).split("\n")
    rest = _column(_LIBRARY[_LIBRARY.index("新馆建筑"):])
    for subhead in ("■ 加强统筹协调", "【创新驱动】"):
        page = (f"滨河体育中心竣工\n\n{_column('□李红 ' + _STADIUM)}\n\n城南图书馆新馆正式开放\n\n{first[0]}\n\n"
                f"{subhead}\n\n" + "\n".join(first[1:]) + f"\n\n{rest}\n")
        found = split_page(page)
        assert [a.title for a in found] == ["滨河体育中心竣工", "城南图书馆新馆正式开放"]
        assert found[1].paragraphs[1:3] == (subhead, rest.replace("\n", ""))


def test_a_bulleted_subhead_under_a_paragraphs_short_last_line_is_no_briefs_item():
    # lines printed one block each: the two-line block (a paragraph's last line, the subhead) says nothing of
    # the column's width, so the short bullet line is not "as wide as its column" (a 简讯 item's opening)
    page = ("城南图书馆新馆正式开放\n\n"
            "本报讯 记者王明 城南图书馆新馆今天正式向市民开放，首日接待读者超过三千人次，馆\n\n外排起了长队。\n\n"
            "新馆建筑面积两万六千平方米，设有少儿阅览区、古籍修复室和视障阅览室，另有\n\n一座报告厅。\n■ 加强统筹协调\n\n"
            "馆长王建国介绍，新馆每天开放到晚上九点，节假日不闭馆。\n"
            "下一步，图书馆将与全市二十所中小学合作，开设流动借阅点，让更多孩子\n\n就近借书。\n")
    [article] = split_page(page)
    assert article.title == "城南图书馆新馆正式开放"
    assert article.paragraphs[2:4] == ("■ 加强统筹协调", "馆长王建国介绍，新馆每天开放到晚上九点，节假日不闭馆。")


def _set_in(text: str, width: float) -> str:
    """Text set in a column this many cells wide (half-width digits count half)."""
    lines, line = [], ""
    for ch in text:
        if display_width(line + ch) > width:
            lines, line = lines + [line], ""
        line += ch
    return "\n".join(lines + [line])


def test_a_long_block_whose_lines_mostly_carry_digits_still_says_its_own_columns_width():
    # the wetland story sits in a 14-cell column after a 17-cell one; its second block has only three lines
    # without digits, all as wide: enough to say the column, so its first two lines are no heading
    more = "体育中心还将向市民开放，每天早上六点到晚上十点，学生凭证件可以免费进入游泳馆锻炼身体。"
    lead = "城南湿地公园位于城区南部，是本市面积最大的城市湿地。公园内有芦苇荡、观鸟台和百年渡口，四季景色各异。"
    birds = ("城南湿地公园里栖息着各种水鸟和两栖动物以及多种珍稀植物资源每年都吸引大批游客前来观赏，2019年共记录鸟类136种，"
             "2020年增至152种，2021年又新发现珍稀鸟类7种。公园管理处介绍，全年接待游客约120万人次，其中周末占六成以上。")
    page = (f"滨河体育中心竣工\n\n{_set_in(_STADIUM + more, 17)}\n\n城南湿地公园\n\n{_set_in(lead, 14)}\n【生态保护】\n\n"
            f"{_set_in(birds, 14)}\n")
    assert [(a.title, a.paragraphs) for a in split_page(page)] == [
        ("滨河体育中心竣工", (_STADIUM + more,)), ("城南湿地公园", (lead, "【生态保护】", birds))]


def test_an_untitled_piece_that_names_a_near_headlines_subject_in_its_first_words_goes_to_that_story():
    # the piece says far more of its own than it shares with the bridge story (no tenth of its pairs), but
    # it opens by naming the bridge headline's subject, and no other story's
    bridge = "本报讯 记者王明 城南老桥于昨日凌晨封闭交通，拆除工作随即展开。这座石拱桥建于上世纪五十年代，曾是连接南北两岸的唯一通道。"
    piece = ("根据计划，城南老桥拆除工作于年底前完成，原址上将新建一座双向六车道的斜拉桥。新桥设计方案由省交通规划设计院完成，"
             "主跨二百四十米，两侧设有人行步道和观景平台，预计后年国庆节前通车。")
    page = f"城南老桥开始拆除\n\n{_column(bridge)}\n\n滨河体育中心竣工\n\n{_column('□李红 ' + _STADIUM)}\n\n{_column(piece)}\n"
    assert split(page) == [("城南老桥开始拆除", squash(bridge + piece)), ("滨河体育中心竣工", squash("□李红 " + _STADIUM))]
    elsewhere = page.replace("根据计划，城南老桥拆除工作", "根据计划，该项工程")  # names no headline: not the bridge's
    assert split(elsewhere)[0] == ("城南老桥开始拆除", squash(bridge))


def test_a_figures_headline_ends_where_its_lead_names_a_subject_opening_with_its_first_two_characters():
    # a story placed as a figure comes out as one line; the lead says three of the headline's characters again
    # only later (温度与湿度 in its first sentence), but opens with 温度计 and a bracket: the headline ends there
    lead = ("温度计（thermometer）是测量温度与湿度变化的常用仪器，家庭和医院都离不开它。最早的温度计由伽利略在十六世纪末发明，"
            "此后人们又陆续制成了水银温度计、酒精温度计和电子温度计，测量的精度越来越高，使用也越来越方便。")
    page = f"滨河体育中心竣工\n\n{_column('□李红 ' + _STADIUM)}\n\n温度与湿度怎样测量{lead}\n"
    assert split(page) == [("滨河体育中心竣工", squash("□李红 " + _STADIUM)), ("温度与湿度怎样测量", squash(lead))]


def test_after_a_story_cut_mid_sentence_a_lead_naming_a_subject_opening_like_the_headline_starts_a_story():
    # the stadium story stops at a comma (the page ends it there); the lead under the next headline names
    # 温度计, opening with the headline's 温度, with a bracket: a new story, not the stadium sentence's rest
    lead = ("温度计（又称寒暑表）是测量温度与湿度变化的常用仪器，家庭和医院都离不开它。最早的温度计由伽利略在十六世纪末发明，"
            "此后人们又陆续制成了水银温度计、酒精温度计和电子温度计，测量的精度越来越高，使用也越来越方便。")
    stadium = ("□李红 " + _STADIUM)[:("□李红 " + _STADIUM).index("另有游泳馆")]
    page = f"滨河体育中心竣工\n\n{_column(stadium)}\n\n科技前沿\n温度与湿度怎样测量\n\n{lead[:14]}\n{_column(lead[14:])}\n"
    assert split(page) == [("滨河体育中心竣工", squash(stadium)), ("温度与湿度怎样测量", squash(lead))]


def test_a_headline_glued_after_a_finished_sentence_in_a_figure_ends_where_its_lead_names_a_subject_like_it():
    # two stories placed as figures, printed on one line: the second headline follows the first story's last
    # sentence, its lead opening with 温度计 and a bracket (the headline's 温度, no three characters again)
    lead = ("温度计（又称寒暑表）是测量温度与湿度变化的常用仪器，家庭和医院都离不开它。最早的温度计由伽利略在十六世纪末发明，"
            "此后人们又陆续制成了水银温度计、酒精温度计和电子温度计，测量的精度越来越高，使用也越来越方便。")
    page = f"滨河体育中心竣工本报讯 记者王明 {_STADIUM}温度与湿度怎样测量{lead}\n"
    assert split(page) == [("滨河体育中心竣工", squash("本报讯 记者王明 " + _STADIUM)), ("温度与湿度怎样测量", squash(lead))]


def test_a_figures_lead_keeps_the_opening_bracket_before_the_headlines_words():
    # the lead says the headline's first words again inside 《》: the 《 is the lead's, not the subtitle's
    lead = ("《城南记忆》（）是市作家协会编写的一部地方史读物，近日由城南出版社出版。全书共分十二章，收录老照片三百余幅，"
            "记录了城南街区百年来的变迁，首印五千册已在全市新华书店上架。")
    page = f"滨河体育中心竣工\n\n{_column('□李红 ' + _STADIUM)}\n\n文化惠民城南记忆出版发行——记者手记{lead}\n"
    assert split(page)[1] == ("城南记忆出版发行", squash(lead))


def test_a_lead_that_carries_on_the_date_its_bylines_line_stops_at_is_not_cut_off_as_another_story():
    # the byline's line stops at 12月26; two other lines' rests are printed before the block opening with 日:
    # that block names the headline, yet it is the rest of the byline's sentence, not a story of its own
    page = ("滨河体育中心竣工\n\n" + _column("□李红 " + _STADIUM) + "\n\n城南地铁三号线北延段开通试运营\n\n"
            "康巴什讯 （王明） 12月26\n\n座车站。\n\n公交出行节省一半时间。\n\n"
            "日上午，地铁三号线北延段开通试\n运营，线路全长十四公里，共设八\n\n"
            "北延段开通后，从高铁北站到\n市中心只需二十五分钟，比乘坐\n")
    assert split(page)[1:] == [("城南地铁三号线北延段开通试运营", squash(
        "康巴什讯 （王明） 12月26日上午，地铁三号线北延段开通试运营，线路全长十四公里，共设八座车站。"
        "北延段开通后，从高铁北站到市中心只需二十五分钟，比乘坐公交出行节省一半时间。"))]


def test_a_lead_line_stopping_after_its_subjects_bracket_takes_the_comma_block_that_carries_it_on():
    # 王建国（；） ends no sentence (the bracket after a subject, not an author's tag): the block opening with a
    # comma is its rest, one paragraph with it; the other story's first line keeps the block printed after it
    school = "城南中学东侧，占地一万平方米，铺设了塑胶跑道和人造草坪，周末免费向附近居民开放。学校负责人介绍，操场改造历时三个月。"
    keeper = "，城南图书馆馆长，从事图书馆工作三十余年。他主持修建了城南图书馆新馆，首日接待读者超过三千人次。"
    page = (f"城南中学操场改造完工\n\n康巴什讯 （赵磊） 新操场位于\n\n{_column(school)}\n\n"
            f"王建国：让书香飘满城南\n\n本报讯 记者郑浩 王建国（；）\n\n{_column(keeper)}\n")
    found = split_page(page)
    assert [(a.title, squash("".join(a.paragraphs))) for a in found] == [
        ("城南中学操场改造完工", squash("康巴什讯 （赵磊） 新操场位于" + school)),
        ("王建国：让书香飘满城南", squash("本报讯 记者郑浩 王建国（；）" + keeper))]
    assert len(found[1].paragraphs) == 1


def test_text_printed_twice_over_itself_is_read_once():
    from index.layout.overprint import printed_once

    lead = "本报讯 记者吴静 今年以来，我市持续推进城市书房建设……新馆藏书五千册——"
    figure = ("图为舜天现场。 记者 赵磊 摄舜天（；）据《中山世鉴》和《中山世谱》中记载，是琉球国舜天王朝建立者，"
              "神号尊敦。1187年至1237年在位。根据《中山世鉴》记载，他是日本武将源为朝的儿子。")  # a figure: one line
    twice = ("聚焦民生聚焦民生\n城南图书馆新馆开放\n城南图书馆新馆开放\n\n" + lead + "\n\n"
             "波 斯 鹿 波 斯 鹿\n尚尚\n恩恩\n菲菲\n\n"
             "地铁三号线北延段开通试运营\n\n地铁三号线北延段开通试运营\n\n12月26日上午，地铁三号线北延段开通。\n"
             "舜天舜天" + figure + "\n")
    assert printed_once(twice) == (
        "聚焦民生\n城南图书馆新馆开放\n\n" + lead + "\n\n波斯鹿\n尚\n恩\n菲\n\n地铁三号线北延段开通试运营\n\n"
        "12月26日上午，地铁三号线北延段开通。\n舜天" + figure + "\n")
    # one thing said twice (an ad printed twice, a list that repeats itself) is what the page says: kept
    once = ("金河家居\n品质生活 从家开始\n金河家居\n品质生活 从家开始\n\n"
            "以下在五羊新城外围：以下在五羊新城外围：\n哈哈哈哈……——1212\n" + lead + "\n")
    assert printed_once(once) == once
    assert printed_once(SEED_PAGE.read_text(encoding="utf-8")) == SEED_PAGE.read_text(encoding="utf-8")


@pytest.mark.parametrize("line, slug", [
    ("城南日报-A01.indd  1  2024/10/15  23:10:05  版面输出", True),
    ("黑 青 品 黄  城南日报 第1版 出片时间 2024年10月15日 23:10", True),
    ("本版签发：王明  付印时间：23:30", True),
    ("C M Y K", True),
    ("A3版.fit", True),
    ("比赛于23:10结束", False),
    ("他说：明天出片时间定在23:10。", False),
    ("西安交通大学出版社", False),
    ("青黄不接", False),
    ("2024年10月16日 星期三", False),
])
def test_print_shop_slug_lines(line: str, slug: bool):
    from index.layout.furniture import is_slug

    assert is_slug(line) is slug
