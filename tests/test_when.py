"""Dates in questions: the period they name, and answers from that period's articles."""

from __future__ import annotations

import datetime as dt

import pytest

from index import Library
from index.text.when import period_in
from tests.conftest import SEED_PAGE, record

TODAY = dt.date(2024, 6, 14)  # a Friday


@pytest.mark.parametrize("question, expected", [
    ("6月12日的火灾有几人受伤？", ("2024-06-12", "2024-06-12")),
    ("12月30日发生了什么？", ("2023-12-30", "2023-12-30")),  # not in the future: last year's
    ("2023年5月3日的比赛谁赢了？", ("2023-05-03", "2023-05-03")),
    ("2024年6月有哪些活动？", ("2024-06-01", "2024-06-30")),
    ("2022年的旅游收入是多少？", ("2022-01-01", "2022-12-31")),
    ("昨天的比赛谁赢了？", ("2024-06-13", "2024-06-13")),
    ("上周有什么新闻？", ("2024-06-03", "2024-06-09")),
    ("上个月的降雨量是多少？", ("2024-05-01", "2024-05-31")),
    ("去年的产量是多少？", ("2023-01-01", "2023-12-31")),
    ("2月30日发生了什么？", None),
    ("火灾有几人受伤？", None),
    ("投资2024万元建设了什么？", None),
])
def test_the_period_a_question_names(question: str, expected):
    assert period_in(question, TODAY) == expected


async def test_a_date_in_the_question_prefers_that_days_article(library: Library):
    await library.ingest_paths([SEED_PAGE])
    await library.ingest([
        record("城东仓库发生火灾", "城东一处仓库发生火灾，消防员迅速赶到现场，三人受轻伤。", date="2024-06-12"),
        record("城西厂房发生火灾", "城西一处厂房发生火灾，消防员迅速赶到现场，没有人员受伤。", date="2024-06-13"),
    ])
    cold = (await library.ask("火灾中有几人受伤？", today=TODAY)).result
    june12 = (await library.ask("6月12日的火灾中有几人受伤？", today=TODAY)).result
    yesterday = (await library.ask("昨天的火灾中有几人受伤？", today=TODAY)).result
    assert june12 is not None and june12.title == "城东仓库发生火灾"
    assert yesterday is not None and yesterday.title == "城西厂房发生火灾"
    assert cold is not None
    none = (await library.ask("2020年的火灾中有几人受伤？", today=TODAY)).result  # no article then: the best
    assert none is not None and none.title == cold.title


async def test_on_undated_articles_a_year_in_the_question_still_counts_as_words(library: Library):
    await library.ingest_paths([SEED_PAGE])
    await library.ingest([
        record("全市粮食生产情况通报", "2023年全市粮食总产量达到一百二十万吨，比上年增长百分之三。"),
        record("全市粮食生产再获丰收", "2024年全市粮食总产量达到一百三十五万吨，创历史新高。"),
    ])
    for question, answer in (("2024年全市粮食总产量是多少？", "一百三十五万吨"), ("2023年全市粮食总产量是多少？", "一百二十万吨")):
        result = (await library.ask(question, today=TODAY)).result
        assert result is not None and answer in result.passage, question
