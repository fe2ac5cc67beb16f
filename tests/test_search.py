"""Retrieval on small corpora written here: right passage, right title, answering sentence, no-answer."""

from __future__ import annotations

import pytest

from index.text.passages import split_passages, split_sentences
from index import Library
from index.text.tokenize import Tokenizer, normalize
from tests.conftest import record

NEWS = [
    record("城南图书馆新馆正式开放",
           "10月8日，位于城南新区的市图书馆新馆正式向市民开放，首日接待读者超过三千人次。",
           "新馆建筑面积2.6万平方米，设有少儿阅览区、古籍修复室和二十四小时自助借还区，馆藏图书达到一百二十万册。",
           "馆长王建国介绍，新馆还开设了视障阅览室，配备盲文图书和听书设备。", date="2024-10-08"),
    record("首届黄河湿地马拉松鸣枪开跑",
           "首届黄河湿地马拉松在滨河公园鸣枪开跑，来自全国各地的八千名跑者沿着湿地步道奔跑。",
           "男子全程冠军由来自云南的选手杨帆以2小时18分的成绩获得，女子全程冠军被本地选手刘芳夺得。", date="2024-10-20"),
    record("地铁三号线北延段开通试运营",
           "12月26日上午，地铁三号线北延段开通试运营，线路全长十四公里，共设八座车站。",
           "试运营期间首班车时间为早上六点，末班车时间为晚上十点半，高峰期行车间隔为四分钟。", date="2024-12-26"),
    record("社区老年食堂让老人吃上暖心饭",
           "在幸福路社区老年食堂，每天中午都有上百位老人前来就餐，四菜一汤只要十二元。",
           "“饭菜软烂可口，价格也实惠，我几乎天天来。”今年七十八岁的张大爷笑着说。", date=None),
]


@pytest.fixture
async def news(library: Library) -> Library:
    await library.ingest(NEWS)
    return library


@pytest.mark.parametrize(
    "question, title, answer",
    [
        ("图书馆新馆的馆藏图书有多少？", "城南图书馆新馆正式开放", "一百二十万册"),
        ("马拉松男子全程冠军是谁？", "首届黄河湿地马拉松鸣枪开跑", "杨帆"),
        ("地铁三号线末班车几点？", "地铁三号线北延段开通试运营", "十点半"),
        ("老年食堂的四菜一汤多少钱", "社区老年食堂让老人吃上暖心饭", "十二元"),
        ("地鐵三號線北延段有幾座車站？", "地铁三号线北延段开通试运营", "八座车站"),  # traditional characters
        ("ＳＵＢＷＡＹ 地铁 三号线 全长", "地铁三号线北延段开通试运营", "十四公里"),  # full-width letters
    ],
)
async def test_question_gets_the_passage_and_title_that_answer_it(news: Library, question: str, title: str, answer: str):
    result = (await news.ask(question)).result
    assert result is not None
    assert result.title == title
    assert answer in result.passage
    assert answer in result.sentence


async def test_answer_sentence_is_the_one_that_answers(news: Library):
    result = (await news.ask("女子全程冠军是谁")).result
    assert result is not None
    assert result.sentence.startswith("男子全程冠军由来自云南的选手杨帆")
    first = (await news.ask("张大爷觉得饭菜怎么样？")).result
    assert first is not None and first.sentence.startswith("“饭菜软烂可口")


@pytest.mark.parametrize("question", ["上海明天的天气怎么样", "苹果公司最新发布了什么手机？", "今天股市行情如何", "你好"])
async def test_question_whose_weight_is_barely_matched_gets_no_answer(news: Library, question: str):
    assert (await news.ask(question)).result is None


@pytest.mark.parametrize("question", ["", "   ", "？？？！！", "😀😀😀", "的 了 吗"])
async def test_questions_without_terms_get_no_answer(news: Library, question: str):
    assert (await news.ask(question)).result is None
    assert (await news.search(question)).results == ()


async def test_search_ranks_and_pages(news: Library):
    results = (await news.search("马拉松 冠军 图书馆", k=1)).results
    page_two = (await news.search("马拉松 冠军 图书馆", k=1, offset=1)).results
    assert {r.title for r in results + page_two} == {"首届黄河湿地马拉松鸣枪开跑", "城南图书馆新馆正式开放"}
    assert len(results) == len(page_two) == 1
    assert (await news.search("马拉松 冠军 图书馆", k=1, offset=0, count_up_to=300)).total == 2


async def test_latest_is_newest_first_and_undated_last(news: Library):
    latest = await news.latest(10)
    assert [s.title for s in latest] == [
        "地铁三号线北延段开通试运营", "首届黄河湿地马拉松鸣枪开跑", "城南图书馆新馆正式开放", "社区老年食堂让老人吃上暖心饭",
    ]
    assert latest[0].summary.startswith("12月26日上午，地铁三号线北延段开通试运营")


def test_one_normalization_for_index_and_query(tokenizer: Tokenizer):
    assert normalize("ＡＢＣ１２３，臺灣") == "abc123,台湾"
    assert normalize("6 月 12 日") == "6月12日"
    assert tokenizer.tokens("地鐵三號線") == tokenizer.tokens("地铁三号线")
    assert "什么" not in tokenizer.tokens("地铁什么时候开通")


def test_long_paragraphs_are_cut_at_sentence_ends():
    sentence = "这是一个用来测试的句子，长度适中而且意思完整。"
    paragraph = sentence * 40
    passages = split_passages([paragraph])
    assert all(len(p) <= 300 for p in passages)
    assert all(p.endswith("。") for p in passages)
    assert "".join(passages) == paragraph


def test_short_subhead_joins_the_paragraph_after_it():
    passages = split_passages(["“一图”在手，办事无忧", "小程序上线政务服务地图，企业群众可以快速查询办事网点。"])
    assert passages == ["“一图”在手，办事无忧\n小程序上线政务服务地图，企业群众可以快速查询办事网点。"]


def test_quotation_keeps_its_attribution():
    assert split_sentences("“饭菜可口。”张大爷说。他笑了。") == ["“饭菜可口。”张大爷说。", "他笑了。"]


async def test_results_carry_where_to_highlight(news: Library):
    """The question is tokenized once: results say where its words and the answering sentence are."""
    result = (await news.ask("地铁三号线末班车几点？")).result
    assert result is not None and result.sentence_span is not None
    start, end = result.sentence_span
    assert result.passage[start:end] == result.sentence
    marked = {result.passage[a:b] for a, b in result.highlights}
    assert {"末班车"} <= marked and all(b > a for a, b in result.highlights)
    traditional = (await news.ask("地鐵三號線末班車幾點？")).result
    assert traditional is not None and traditional.highlights == result.highlights
