"""The conversation core: what any reader input gets, the same for Telegram and the console."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import AsyncIterator

import pytest

from bot.chat_state import MIGRATIONS, SEARCH_TTL, ChatState
from bot.console import Console
from bot.conversation import (
    LATEST_MAX,
    MAX_QUESTION,
    PAGE_SIZE,
    Answered,
    ArticleGone,
    ArticleView,
    Conversation,
    EmptyQuestion,
    LatestList,
    NoAnswer,
    NotAdmin,
    ResultPage,
    StaleButton,
    StatsView,
    Usage,
)
from index import Library, StoreError
from tests.conftest import SEED_PAGE, record


@pytest.fixture
async def conversation(library: Library) -> AsyncIterator[Conversation]:
    await library.ingest_paths([SEED_PAGE])
    await library.ingest([record(f"第{i}届社区运动会开幕", f"第{i}届社区运动会在体育公园开幕，居民踊跃参加毽球比赛。")
                          for i in range(1, 8)])
    chats = await ChatState.open(library.path)
    yield Conversation(library, chats, frozenset({7}))
    await chats.close()


async def test_a_question_gets_an_answer_no_answer_or_a_request_for_words(conversation: Conversation):
    answered = await conversation.ask("消防演练中有几人受伤被困？")
    assert isinstance(answered, Answered) and "2人受伤被困" in answered.result.sentence
    assert "消防" in answered.query.content_words
    assert isinstance(await conversation.ask("上海明天的天气怎么样"), NoAnswer)
    for empty in ("", "   ", "？！", "的 了 吗"):
        assert isinstance(await conversation.ask(empty), EmptyQuestion), empty


async def test_long_questions_are_cut_not_refused(conversation: Conversation):
    answered = await conversation.ask("消防演练中有几人受伤被困？" + "啊" * 5000)
    assert isinstance(answered, Answered)
    assert len(answered.query.text) == MAX_QUESTION


async def test_search_pages_through_a_saved_search(conversation: Conversation):
    first = await conversation.search(1, "毽球")
    assert isinstance(first, ResultPage) and first.page == 0 and len(first.results) == PAGE_SIZE
    assert first.total == 7 and first.pages == 3 and first.has_next
    second = await conversation.turn_page(1, first.search_id, 1)
    assert isinstance(second, ResultPage) and second.first_number == PAGE_SIZE + 1
    assert {r.passage_id for r in second.results}.isdisjoint(r.passage_id for r in first.results)
    assert isinstance(await conversation.turn_page(1, first.search_id, 99), StaleButton)
    assert isinstance(await conversation.turn_page(1, first.search_id + "x", 0), StaleButton)


async def test_a_saved_search_belongs_to_its_chat(conversation: Conversation):
    mine = await conversation.search(1, "毽球")
    assert isinstance(mine, ResultPage)
    assert isinstance(await conversation.turn_page(2, mine.search_id, 0), StaleButton)  # another chat
    assert isinstance(await conversation.turn_page(1, mine.search_id, 9999), StaleButton)  # never offered
    theirs = await conversation.search(2, "毽球")
    assert isinstance(theirs, ResultPage) and theirs.search_id != mine.search_id
    again = await conversation.search(1, "毽球")
    assert isinstance(again, ResultPage) and again.search_id == mine.search_id


async def test_search_without_words_or_usable_words(conversation: Conversation):
    assert await conversation.search(1, "  ") == Usage("search")
    assert isinstance(await conversation.search(1, "？？"), EmptyQuestion)


@pytest.mark.parametrize("arg, expected", [("1", 1), ("3", 3), (str(LATEST_MAX), LATEST_MAX)])
async def test_latest_lists_the_newest(conversation: Conversation, arg: str, expected: int):
    listed = await conversation.latest(arg)
    assert isinstance(listed, LatestList) and len(listed.items) == expected and listed.edition is None


async def test_latest_is_the_whole_newest_edition_paged(library: Library):
    await library.ingest_paths([SEED_PAGE])  # undated: its edition is the page's 8 stories
    chats = await ChatState.open(library.path)
    conversation = Conversation(library, chats, frozenset())
    try:
        seed = await conversation.latest()
        assert isinstance(seed, LatestList) and seed.total == 8 and len(seed.items) == 8 and seed.date is None
        await library.ingest([record(f"第{i}版要闻{i}", f"第{i}条消息的内容，发生在六月十二日。", date="2024-06-12")
                              for i in range(1, 24)] + [record("前一天的消息", "前一天发生的事情。", date="2024-06-11")])
        newest = await conversation.latest()
        assert isinstance(newest, LatestList) and newest.date == "2024-06-12" and newest.total == 23
        assert [s.title for s in newest.items] == [f"第{i}版要闻{i}" for i in range(1, 11)]  # the paper's order
        pages = [newest] + [await conversation.edition_page(newest.edition, p) for p in (1, 2)]
        assert [len(p.items) for p in pages] == [10, 10, 3] and pages[2].offset == 20
        assert await conversation.edition_page(newest.edition, 3) is None
        day = await conversation.latest("2024-06-11")
        assert isinstance(day, LatestList) and [s.title for s in day.items] == ["前一天的消息"]
        none = await conversation.latest("2023-01-01")
        assert isinstance(none, LatestList) and none.items == () and none.date == "2023-01-01"
        back = await conversation.edition_page(seed.edition, 0)  # an older edition, by its article
        assert back is not None and back.total == 8
    finally:
        await chats.close()


@pytest.mark.parametrize("arg", ["0", str(LATEST_MAX + 1), "20", "abc", "-1", "３", "²", "1²"])
async def test_latest_out_of_range_gets_its_usage_line(conversation: Conversation, arg: str):
    assert await conversation.latest(arg) == Usage("latest")


async def test_article_and_gone_article(conversation: Conversation):
    shown = await conversation.article(1)
    assert isinstance(shown, ArticleView) and shown.article.id == 1
    assert await conversation.article(424242) == ArticleGone(424242)


async def test_stats_only_for_admins(conversation: Conversation):
    assert isinstance(await conversation.stats(7), StatsView)
    assert await conversation.stats(8) == NotAdmin()
    assert await conversation.stats(None) == NotAdmin()


async def test_console_and_bot_share_limits(conversation: Conversation):
    """The console once allowed /latest 20 where the bot allowed 10, and skipped the empty-question check."""
    console = Console(conversation)
    assert "1 到 10" in await console.reply("/latest 20")
    assert "请用中文输入一个问题" in await console.reply("的 了 吗")
    assert "用法：/article" in await console.reply("/article x")
    assert "没有编号为 999 的文章" in await console.reply("/article 999")


async def test_console_pages_with_more(conversation: Conversation):
    console = Console(conversation)
    first = await console.reply("/search 毽球")
    assert first.startswith("“毽球”的搜索结果") and "/more" in first
    second = await console.reply("/more")
    assert "\n4. " in second
    third = await console.reply("/more")
    assert "\n7. " in third and "/more" not in third
    assert await console.reply("/more") == "没有更多结果了。"
    assert await console.reply("/quit") is None


async def test_chat_state_lives_in_its_own_tables_with_a_schema_version(tmp_path: Path):
    db = tmp_path / "news.db"
    chats = await ChatState.open(db)
    search_id = await chats.save_search(5, "乡村振兴")
    assert await chats.save_search(5, "乡村振兴") == search_id
    assert len(search_id) >= 12 and search_id.isascii()
    await chats.close()
    again = await ChatState.open(db)  # migrations are not applied twice
    try:
        assert await again.search_text(5, search_id) == "乡村振兴"
        assert await again.search_text(6, search_id) is None
    finally:
        await again.close()
    with sqlite3.connect(db) as raw:
        version = raw.execute("SELECT value FROM chat_meta WHERE key = 'schema_version'").fetchone()[0]
        assert int(version) == len(MIGRATIONS)
        raw.execute("UPDATE chat_meta SET value = ? WHERE key = 'schema_version'", (str(len(MIGRATIONS) + 1),))
    with pytest.raises(StoreError, match="newer newsbot"):
        await ChatState.open(db)


async def test_chat_state_shares_the_news_database_file(library: Library):
    chats = await ChatState.open(library.path)
    try:
        await chats.save_search(1, "消防")
        await library.ingest([record("新报道", "新报道的正文。")])  # both write to one file
    finally:
        await chats.close()
    with sqlite3.connect(library.path) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "passages", "chat_searches", "chat_meta"} <= tables


async def test_saved_searches_expire(tmp_path: Path):
    db = tmp_path / "news.db"
    now = [1_000_000.0]
    chats = await ChatState.open(db)
    chats._clock = lambda: now[0]
    try:
        old = await chats.save_search(1, "乡村振兴")
        now[0] += SEARCH_TTL + 1
        assert await chats.search_text(1, old) is None
        await chats.save_search(1, "消防")  # saving forgets what expired
        with sqlite3.connect(db) as raw:
            assert [r[0] for r in raw.execute("SELECT text FROM chat_searches")] == ["消防"]
    finally:
        await chats.close()


async def test_follow_unfollow_and_list(conversation: Conversation, library: Library):
    from bot.chat_state import MAX_FOLLOWS
    from bot.conversation import Following

    assert await conversation.follow(5, "  ") == Usage("follow")
    assert isinstance(await conversation.follow(5, "的 了"), EmptyQuestion)
    shown = await conversation.follow(5, "城市  书房")
    assert isinstance(shown, Following) and shown.done and shown.words == "城市 书房" and shown.follows == ("城市 书房",)
    again = await conversation.follow(5, "城市 书房")
    assert isinstance(again, Following) and not again.done
    for i in range(MAX_FOLLOWS - 1):
        await conversation.follow(5, f"关键词{i}")
    full = await conversation.follow(5, "再多一个")
    assert isinstance(full, Following) and full.full and len(full.follows) == MAX_FOLLOWS
    assert (await conversation.unfollow(5, "城市 书房")).done
    assert not (await conversation.unfollow(5, "城市 书房")).done
    assert (await conversation.subscriptions(6)).follows == ()
    reopened = await ChatState.open(library.path)  # follows survive a restart
    try:
        assert len(await reopened.follows(5)) == MAX_FOLLOWS - 1
    finally:
        await reopened.close()


def test_the_time_zone_setting_is_checked():
    from bot.config import ConfigError, Settings

    assert Settings.from_env({"NEWSBOT_TIMEZONE": "Europe/Berlin"}, dotenv=None).timezone == "Europe/Berlin"
    assert Settings.from_env({}, dotenv=None).timezone == "Asia/Shanghai"
    with pytest.raises(ConfigError, match="NEWSBOT_TIMEZONE"):
        Settings.from_env({"NEWSBOT_TIMEZONE": "Mars/Olympus"}, dotenv=None)


# -- follow-up questions and 换一条 --------------------------------------------------------------

STORIES = [
    record("城南图书馆新馆正式开放", "10月8日，城南图书馆新馆正式开放，首日接待读者三千人次。",
           "新馆建筑面积2.6万平方米，馆藏图书一百二十万册。", "馆长王建国说，新馆每天开放到晚上九点。"),
    record("滨河体育中心竣工", "滨河体育中心昨天竣工验收，明年春天投入使用。",
           "体育中心占地面积十二万平方米，主体育场可容纳三万名观众。", "中心主任李强说，场馆每天开放到晚上十点。"),
    record("城北公园改造完成", "城北公园改造工程全部完成，新增健身步道五公里。", "改造后公园总面积四十公顷，栽种乔木八千株。"),
]


CLOCK = [1_000_000.0]  # the chat state's clock in the tests below


@pytest.fixture
async def stories(library: Library) -> AsyncIterator[Conversation]:
    await library.ingest_paths([SEED_PAGE])
    await library.ingest(STORIES)
    CLOCK[0] = 1_000_000.0
    chats = await ChatState.open(library.path, clock=lambda: CLOCK[0])
    yield Conversation(library, chats, frozenset())
    await chats.close()


async def test_follow_ups_are_answered_from_the_story_just_discussed(stories: Conversation):
    cold = await stories.ask("面积有多大？", chat_id=2)  # asked cold, another story (the seed's) answers
    assert isinstance(cold, Answered) and cold.result.title not in {r.title for r in STORIES}
    first = await stories.ask("城南图书馆新馆什么时候开放的？", chat_id=1)
    assert isinstance(first, Answered) and first.result.title == "城南图书馆新馆正式开放"
    follow = await stories.ask("面积有多大？", chat_id=1)
    assert isinstance(follow, Answered) and "2.6万平方米" in follow.result.passage
    other = await stories.ask("滨河体育中心什么时候竣工的？", chat_id=1)
    assert isinstance(other, Answered) and other.result.title == "滨河体育中心竣工"
    follow = await stories.ask("面积有多大？", chat_id=1)
    assert isinstance(follow, Answered) and "十二万平方米" in follow.result.passage
    switch = await stories.ask("城北公园改造后总面积是多少？", chat_id=1)  # names its subject: switches
    assert isinstance(switch, Answered) and switch.result.title == "城北公园改造完成"
    assert (await stories.ask("面积有多大？", chat_id=2)).result == cold.result  # chat 2's is its own


async def test_a_conversation_idle_for_half_an_hour_starts_afresh(stories: Conversation):
    await stories.ask("滨河体育中心什么时候竣工的？", chat_id=5)
    assert len(await stories.chats.recent(5)) == 1
    CLOCK[0] += 29 * 60
    assert len(await stories.chats.recent(5)) == 1
    CLOCK[0] += 2 * 60
    assert await stories.chats.recent(5) == []
    follow = await stories.ask("面积有多大？", chat_id=5)  # cold again
    assert isinstance(follow, Answered) and follow.result.title not in {r.title for r in STORIES}


async def test_another_answer_comes_from_another_article_until_there_is_none(stories: Conversation):
    first = await stories.ask("每天开放到晚上几点？", chat_id=3)
    assert isinstance(first, Answered) and first.another
    second = await stories.another(3, first.another, first.origin, first.alternative)
    assert isinstance(second, Answered) and second.result.article_id != first.result.article_id
    assert {first.result.title, second.result.title} == {"城南图书馆新馆正式开放", "滨河体育中心竣工"}
    seen = {first.result.article_id, second.result.article_id}
    outcome = second
    while isinstance(outcome, Answered) and outcome.another:
        outcome = await stories.another(3, outcome.another, outcome.origin, outcome.alternative)
        if isinstance(outcome, Answered):
            assert outcome.result.article_id not in seen
            seen.add(outcome.result.article_id)
    assert isinstance(await stories.another(3, first.another, first.origin, 4), NoAnswer)
    assert isinstance(await stories.another(4, first.another, first.origin, 0), StaleButton)  # another chat
    assert isinstance(await stories.another(3, "forged-token-123", first.origin, 0), StaleButton)
    assert isinstance(await stories.another(3, first.another, first.origin, 9), StaleButton)
