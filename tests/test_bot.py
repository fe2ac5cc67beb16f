"""The Telegram bot: our Application, over real HTTP to a strict stand-in Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from pathlib import Path
from typing import Any, AsyncIterator

import pytest
from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.telegram.app import build_application, startup
from bot.config import Settings
from bot.telegram.render import MAX_MESSAGE, article_messages, utf16_len
from bot.chat_state import ChatState
from bot.conversation import Conversation
from index import Library, StoredArticle
from tests.botapi import (
    BOT_USERNAME,
    TOKEN,
    EntityError,
    FakeBotAPI,
    callback_update,
    document_update,
    inline_update,
    message_update,
    parse_html,
)
from tests.conftest import SEED_PAGE, record

_ids = itertools.count(1)


@pytest.fixture
def botapi() -> FakeBotAPI:
    api = FakeBotAPI().start()
    yield api
    api.stop()


@pytest.fixture
async def conversation(library: Library) -> AsyncIterator[Conversation]:
    chats = await ChatState.open(library.path)
    yield Conversation(library, chats, frozenset({31337}))
    await chats.close()


@pytest.fixture
async def app(botapi: FakeBotAPI, library: Library, conversation: Conversation, tmp_path: Path) -> AsyncIterator[Application]:
    await library.ingest_paths([SEED_PAGE])
    settings = Settings(db_path=tmp_path / "news.db", token=TOKEN, api_base_url=botapi.base_url)
    application = build_application(settings, conversation)
    errors: list[BaseException] = []

    async def collect(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error)

    application.add_error_handler(collect)
    async with application:
        await startup(application)
        await application.start()
        yield application
        await application.stop()
    assert errors == [], errors
    assert botapi.rejected == [], botapi.rejected  # nothing we sent was refused by "Telegram"


async def deliver(app: Application, update: dict[str, Any]) -> None:
    await app.process_update(Update.de_json({"update_id": next(_ids), **update}, app.bot))


async def run_job(app: Application, name: str) -> None:
    """Run a scheduled job now, and wait for the broadcast it started."""
    await app.job_queue.get_jobs_by_name(name)[0].run(app)
    await app.bot_data.settle()


def texts(api: FakeBotAPI, method: str = "sendMessage", chat_id: int | None = None) -> list[str]:
    return [c.params["text"] for c in api.calls_to(method) if chat_id is None or int(c.params["chat_id"]) == chat_id]


def keyboard(call_params: dict[str, Any]) -> list[list[dict[str, Any]]]:
    return json.loads(call_params["reply_markup"])["inline_keyboard"]


# -- the stand-in is strict ---------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["<b>x</b> & <script>", "a < b", "<b>unclosed", "<i>x</b>", "&nbsp;", "1 > 0"])
def test_stand_in_rejects_what_telegram_rejects(bad: str):
    with pytest.raises(EntityError):
        parse_html(bad)


def test_stand_in_reads_valid_html():
    assert parse_html("<b>《标题》</b> &lt;b&gt; &amp; <u>句子</u>") == "《标题》 <b> & 句子"


# -- commands -------------------------------------------------------------------------------

async def test_start_and_help_explain_the_bot_in_chinese(app: Application, botapi: FakeBotAPI):
    await deliver(app, message_update("/start"))
    await deliver(app, message_update("/help"))
    start, help_text = texts(botapi)
    assert "你好" in start and "/search" in help_text and "/latest" in help_text


async def test_command_menu_is_registered_on_start(app: Application, botapi: FakeBotAPI):
    commands = json.loads(botapi.calls_to("setMyCommands")[0].params["commands"])
    assert [c["command"] for c in commands] == ["start", "help", "search", "latest", "follow", "unfollow", "subscribe",
                                                "unsubscribe", "subscriptions"]


async def test_every_command_is_in_help(app: Application, botapi: FakeBotAPI):
    from bot.messages import COMMANDS, HELP_HTML as HELP

    for name, _ in COMMANDS:
        assert name in ("start", "help") or f"/{name}" in HELP


async def test_plain_question_gets_passage_sentence_title_and_open_button(app: Application, botapi: FakeBotAPI):
    await deliver(app, message_update("消防演练中有几人受伤被困？", uid=42))
    call = botapi.calls_to("sendMessage")[-1]
    text = call.params["text"]
    assert call.params["parse_mode"] == "HTML"
    assert "<u>" in text and "2人受伤被困" in parse_html(text)
    assert re.search(r"<b>(消防|演练|受伤|被困)", text)  # question words in bold
    assert "<b>人</b>" not in text
    assert "《我市2024年住建领域“安全生产月”活动启动》" in parse_html(text)
    assert "日期不详" in text
    [[open_button, another]] = keyboard(call.params)
    assert open_button["callback_data"].startswith("a:") and another["text"] == "换一条"


async def test_unanswerable_question_says_so_with_a_hint(app: Application, botapi: FakeBotAPI):
    await deliver(app, message_update("上海明天的天气怎么样"))
    text = texts(botapi)[-1]
    assert "没有找到" in text and "/search" in text and "/latest" in text


async def test_open_article_button_sends_the_whole_article(app: Application, botapi: FakeBotAPI):
    await deliver(app, message_update("上海庙镇飞地抱团的工作思路是什么？", uid=7))
    button = keyboard(botapi.calls_to("sendMessage")[-1].params)[0][0]
    await deliver(app, callback_update(button["callback_data"], uid=7))
    sent = texts(botapi, chat_id=7)[1:]
    whole = "".join(parse_html(t) for t in sent)
    assert "“飞地抱团”铺就乡村共富路" in whole and "全力推动乡村振兴。" in whole
    assert botapi.calls_to("answerCallbackQuery")


async def test_search_pages_forward_and_back_with_buttons(app: Application, botapi: FakeBotAPI):
    await deliver(app, message_update("/search 乡村振兴", uid=9))
    first = botapi.calls_to("sendMessage")[-1]
    assert "第 1/" in first.params["text"]
    rows = keyboard(first.params)
    next_button = rows[-1][-1]
    assert next_button["text"].startswith("下一页") and len(next_button["callback_data"].encode()) <= 64
    await deliver(app, callback_update(next_button["callback_data"], uid=9, message_id=int(1)))
    edited = botapi.calls_to("editMessageText")[-1]
    assert "第 2/" in edited.params["text"]
    back = [b for b in keyboard(edited.params)[-1] if b["text"].startswith("« 上一页")][0]
    await deliver(app, callback_update(back["callback_data"], uid=9))
    assert "第 1/" in botapi.calls_to("editMessageText")[-1].params["text"]


async def test_another_users_search_buttons_reveal_nothing(app: Application, botapi: FakeBotAPI):
    await deliver(app, message_update("/search 乡村振兴", uid=9))
    sent = botapi.calls_to("sendMessage")[-1]
    mine = [b["callback_data"] for row in keyboard(sent.params) for b in row if b["callback_data"].startswith("s:")][0]
    _, token, _ = mine.split(":")
    forged = [mine, f"s:{token}:0", f"s:{token}:1", f"s:{token}:９", f"s:{token}:999", "s:1:0", "s:１:０"]
    for data in forged:
        await deliver(app, callback_update(data, uid=66))  # another reader, in their own chat
    assert botapi.calls_to("editMessageText") == []
    assert len(botapi.calls_to("answerCallbackQuery")) == len(forged)
    assert all("乡村振兴" not in json.dumps(c.params, ensure_ascii=False) for c in botapi.calls_to("answerCallbackQuery"))
    await deliver(app, callback_update(mine, uid=9))  # its owner still pages
    assert "第 2/" in botapi.calls_to("editMessageText")[-1].params["text"]


async def test_a_huge_stored_title_leaves_every_reply_valid(app: Application, botapi: FakeBotAPI, library: Library):
    """A 10,000-character title (stored by an older version) made /latest, /search and inline replies
    'message is too long', and inline answers cut open a <b>."""
    import sqlite3

    with sqlite3.connect(library.path) as raw:
        raw.execute("UPDATE articles SET title = ?", ("很长的标题<&>" * 1000,))
    for update in (message_update("/latest 10"), message_update("/search 乡村振兴"), message_update("/search 消防"),
                   message_update("消防演练中有几人受伤被困？"), inline_update("乡村振兴"), inline_update("")):
        await deliver(app, update)
    assert len(botapi.calls_to("sendMessage")) == 4 and len(botapi.calls_to("answerInlineQuery")) == 2
    for call in botapi.calls_to("sendMessage"):
        assert utf16_len(parse_html(call.params["text"])) <= MAX_MESSAGE
    for call in botapi.calls_to("answerInlineQuery"):
        for item in json.loads(call.params["results"]):
            parse_html(item["input_message_content"]["message_text"])  # entities intact
            assert len(item["title"]) <= 200


async def test_search_without_words_explains_usage(app: Application, botapi: FakeBotAPI):
    await deliver(app, message_update("/search"))
    assert "用法" in texts(botapi)[-1]


async def test_search_with_nothing_found_says_so(app: Application, botapi: FakeBotAPI):
    await deliver(app, message_update("/search 量子计算机"))
    assert "没有找到与“量子计算机”相关的报道" in parse_html(texts(botapi)[-1])


async def test_latest_digest_with_open_buttons(app: Application, botapi: FakeBotAPI, library: Library):
    await deliver(app, message_update("/latest 3"))
    call = botapi.calls_to("sendMessage")[-1]
    visible = parse_html(call.params["text"])
    assert "最新报道" in visible and "\n3. 《" in visible and "\n4. " not in visible
    assert len(keyboard(call.params)[0]) == 3
    await deliver(app, message_update("/latest 99"))
    assert "用法" in texts(botapi)[-1]


async def test_latest_is_the_whole_newest_edition_with_pages(app: Application, botapi: FakeBotAPI, library: Library):
    await deliver(app, message_update("/latest", uid=301))
    call = botapi.calls_to("sendMessage")[-1]
    visible = parse_html(call.params["text"])
    assert "最新一期" in visible and "共 8 篇" in visible and "\n8. 《" in visible  # all 8 stories of the page
    assert sum(len(row) for row in keyboard(call.params)) == 8
    await library.ingest([record(f"第{i}版要闻{i}", f"第{i}条消息的内容。", date="2024-06-12") for i in range(1, 15)])
    await deliver(app, message_update("/latest", uid=302))
    first = botapi.calls_to("sendMessage")[-1]
    assert "最新一期 2024-06-12（共 14 篇，第 1/2 页）" in parse_html(first.params["text"])
    nav = keyboard(first.params)[-1]
    assert [b["text"] for b in nav] == ["下一页 »"]
    await deliver(app, callback_update(nav[0]["callback_data"], uid=302))
    edited = botapi.calls_to("editMessageText")[-1]
    assert "\n11. 《第11版要闻11》" in parse_html(edited.params["text"]) and "第 2/2 页" in edited.params["text"]
    assert [b["text"] for b in keyboard(edited.params)[-1]] == ["« 上一页"]
    await deliver(app, message_update("/latest 2024-06-12", uid=303))
    assert "共 14 篇" in texts(botapi, chat_id=303)[-1]
    await deliver(app, message_update("/latest 2020-01-01", uid=303))
    assert texts(botapi, chat_id=303)[-1] == "2020-01-01 没有报道。"


# -- groups and inline ----------------------------------------------------------------------

async def test_group_answers_mentions_replies_and_commands_but_not_chatter(app: Application, botapi: FakeBotAPI):
    group = -100123
    await deliver(app, message_update("今天天气真好啊", uid=5, chat_id=group, chat_type="supergroup"))
    await deliver(app, message_update("准格尔旗全民健身场地总面积有多大？", uid=5, chat_id=group, chat_type="supergroup"))
    assert texts(botapi, chat_id=group) == []
    await deliver(app, message_update(f"@{BOT_USERNAME} 准格尔旗全民健身场地总面积有多大？", uid=5, chat_id=group,
                                      chat_type="supergroup"))
    assert "2.1万平方米" in parse_html(texts(botapi, chat_id=group)[-1])
    await deliver(app, message_update("李芸是哪个局的局长？", uid=6, chat_id=group, chat_type="supergroup",
                                      reply_to_bot=True))
    assert "市文化和旅游局" in parse_html(texts(botapi, chat_id=group)[-1])
    await deliver(app, message_update(f"/search@{BOT_USERNAME} 盐碱地", uid=6, chat_id=group, chat_type="supergroup"))
    assert "盐碱地" in parse_html(texts(botapi, chat_id=group)[-1])
    await deliver(app, message_update("/search@some_other_bot 盐碱地", uid=6, chat_id=group, chat_type="supergroup"))
    assert len(texts(botapi, chat_id=group)) == 3


async def test_inline_mode_offers_top_results_to_share(app: Application, botapi: FakeBotAPI):
    await deliver(app, inline_update("乌审旗 政务服务"))
    results = json.loads(botapi.calls_to("answerInlineQuery")[-1].params["results"])
    assert results and results[0]["title"] == "乌审旗：“掌上办事”让政务服务走“新”更走“心”"
    await deliver(app, inline_update(""))
    assert len(json.loads(botapi.calls_to("answerInlineQuery")[-1].params["results"])) == 5


# -- robustness -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "hostile",
    ["<b>x</b> & <script>alert(1)</script>", "😀😀😀", "？？！！……", "What is the news today?",
     "鄂爾多斯的文化遺產保護", "问" * 5000, "   ", "&amp; &lt; <<<>>>", "\u200b\u200b"],
)
async def test_hostile_input_gets_a_valid_reply_never_an_error(app: Application, botapi: FakeBotAPI, hostile: str):
    await deliver(app, message_update(hostile, uid=77))
    sent = texts(botapi, chat_id=77)
    assert len(sent) == 1
    parse_html(sent[0])  # valid HTML entities
    if "<script>" in hostile:
        assert "<script>" not in sent[0]


async def test_question_shown_back_is_escaped(app: Application, botapi: FakeBotAPI):
    await deliver(app, message_update("/search <b>盐碱地</b> & <i>", uid=78))
    sent = texts(botapi, chat_id=78)[-1]
    assert "“&lt;b&gt;盐碱地&lt;/b&gt; &amp; &lt;i&gt;”" in sent
    assert "“<b>盐碱地</b> & <i>”" in parse_html(sent)


@pytest.mark.parametrize("data", ["a:999999", "s:424242:0", "s:1:9999", "x:1", "a:-1", "", "a:1; DROP TABLE", "a:１",
                                  "s:AAAAAAAAAAAA:0", "n:AAAAAAAAAAAA:1:0", "n:AAAAAAAAAAAA:1:12", "e:1:99",
                                  "e:999999:0"])
async def test_stale_or_forged_buttons_get_a_short_answer(app: Application, botapi: FakeBotAPI, data: str):
    await deliver(app, callback_update(data, uid=55))
    assert botapi.calls_to("answerCallbackQuery")
    assert texts(botapi, chat_id=55) == []


async def test_flood_control_429_is_waited_out_and_the_reader_still_gets_the_answer(app: Application, botapi: FakeBotAPI):
    botapi.fail_next("sendMessage", status=429, times=1, retry_after=1)
    await deliver(app, message_update("禾苗温暖助学活动发放了多少钱？", uid=88))
    sent = botapi.calls_to("sendMessage")
    assert "6.5万元" in parse_html(sent[-1].params["text"])
    assert any("Too Many Requests" in d for _, d in botapi.rejected)
    botapi.rejected.clear()


async def test_forty_readers_at_once_are_all_answered(app: Application, botapi: FakeBotAPI):
    questions = ["消防演练中有几人受伤被困？", "李芸是哪个局的局长？", "智慧畜牧贷用什么作抵押物？", "上海明天的天气怎么样"]
    updates = [message_update(questions[i % 4], uid=2000 + i) for i in range(40)]
    await asyncio.gather(*(deliver(app, u) for u in updates))
    answered = {int(c.params["chat_id"]) for c in botapi.calls_to("sendMessage")}
    assert answered == {2000 + i for i in range(40)}


def test_article_longer_than_a_message_is_split_under_the_limit():
    paragraphs = tuple(("很长的段落，" * 300 + "结束。") for _ in range(4)) + ("<&>" * 2000,)
    article = StoredArticle(1, "长文 <测试> & 标题", paragraphs, "2024-06-12", "测试报", None, None)
    chunks = article_messages(article)
    assert len(chunks) > 3
    for chunk in chunks:
        assert chunk.strip() and utf16_len(chunk) <= MAX_MESSAGE
        parse_html(chunk)
    assert "".join(parse_html(c) for c in chunks).count("结束。") == 4


async def test_stats_is_for_admins_only(botapi: FakeBotAPI, library: Library, conversation: Conversation,
                                        tmp_path: Path):
    await library.ingest_paths([SEED_PAGE])
    settings = Settings(db_path=tmp_path / "news.db", token=TOKEN, api_base_url=botapi.base_url,
                        admin_ids=frozenset({31337}))
    application = build_application(settings, conversation)
    async with application:
        await deliver(application, message_update("/stats", uid=31337))
        await deliver(application, message_update("/stats", uid=1))
    admin, stranger = texts(botapi, chat_id=31337), texts(botapi, chat_id=1)
    assert "8 篇报道" in admin[0]
    assert "只对管理员开放" in stranger[0]


async def test_one_reader_flooding_is_limited_and_told_once(app: Application, botapi: FakeBotAPI):
    question = "消防演练中有几人受伤被困？"
    flood = [deliver(app, message_update(question, uid=666)) for _ in range(60)]
    await asyncio.gather(*flood, deliver(app, message_update(question, uid=667)))
    to_flooder = texts(botapi, chat_id=666)
    burst = app.bot_data.budget.burst
    assert len(to_flooder) == burst + 1  # the burst answered, one "slow down", the rest dropped
    assert sum("消息太快了" in t for t in to_flooder) == 1
    assert len(texts(botapi, chat_id=667)) == 1 and "2人受伤被困" in parse_html(texts(botapi, chat_id=667)[0])
    await deliver(app, callback_update("a:1", uid=666))  # buttons count too: dropped quietly
    assert len(texts(botapi, chat_id=666)) == burst + 1


@pytest.mark.parametrize("status", [500, 502])
async def test_an_answer_whose_send_fails_once_is_sent_again(app: Application, botapi: FakeBotAPI, status: int):
    botapi.fail_next("sendMessage", status=status)
    await deliver(app, message_update("消防演练中有几人受伤被困？", uid=808))
    sent = texts(botapi, chat_id=808)
    assert len(sent) == 1 and "2人受伤被困" in parse_html(sent[0])  # the answer, not "sorry"
    botapi.rejected.clear()  # the one failure was on purpose


async def test_an_answer_links_to_the_original_article(app: Application, botapi: FakeBotAPI, library: Library):
    from index import SourceArticle

    await library.ingest([SourceArticle("城市书房开放", ("我市首座城市书房在人民公园开放，藏书五千册。",),
                                        url="https://news.example.org/a/1.html"),
                          SourceArticle("坏链接的报道", ("这篇报道的链接不是网页地址，藏书六千册。",), url="javascript:alert(1)")])
    await deliver(app, message_update("城市书房藏书多少册？", uid=515))
    buttons = keyboard(botapi.calls_to("sendMessage")[-1].params)[0]
    assert [b["text"] for b in buttons] == ["阅读全文", "阅读原文", "换一条"]
    assert buttons[1]["url"] == "https://news.example.org/a/1.html"
    await deliver(app, message_update("坏链接的报道藏书多少册？", uid=516))
    assert [b["text"] for b in keyboard(botapi.calls_to("sendMessage")[-1].params)[0]] == ["阅读全文", "换一条"]


async def test_a_running_bot_picks_up_articles_another_process_stored(botapi: FakeBotAPI, conversation: Conversation,
                                                                       library: Library, tmp_path: Path, tokenizer):
    await library.ingest_paths([SEED_PAGE])
    settings = Settings(db_path=library.path, token=TOKEN, api_base_url=botapi.base_url, refresh_seconds=0.5)
    application = build_application(settings, conversation)
    async with application:
        await application.start()
        await deliver(application, message_update("城市书房藏书多少册？", uid=717))
        async with await Library.open(library.path, tokenizer=tokenizer) as other:  # another process's ingest
            await other.ingest([record("我市首座城市书房开放", "今天，我市首座城市书房在人民公园开放，藏书五千册。")])
        for _ in range(40):
            if len(conversation.library.index) == len(other.index):
                break
            await asyncio.sleep(0.1)
        await deliver(application, message_update("城市书房藏书多少册？", uid=717))
        await application.stop()
    first, second = texts(botapi, chat_id=717)
    assert "没有找到" in first and "五千册" in parse_html(second)


@pytest.fixture
async def admin_app(botapi: FakeBotAPI, library: Library, conversation: Conversation,
                    tmp_path: Path) -> AsyncIterator[Application]:
    await library.ingest_paths([SEED_PAGE])
    settings = Settings(db_path=tmp_path / "news.db", token=TOKEN, api_base_url=botapi.base_url,
                        admin_ids=frozenset({31337}))
    application = build_application(settings, conversation)
    async with application:
        await application.start()
        yield application
        await application.stop()


async def test_an_admin_uploads_a_news_file(admin_app: Application, botapi: FakeBotAPI, library: Library):
    data = (json.dumps({"title": "我市首座城市书房开放", "body": "今天，我市首座城市书房在人民公园开放，藏书五千册。"},
                       ensure_ascii=False) + "\n").encode("utf-8")
    botapi.add_file("f1", data)
    await deliver(admin_app, document_update("f1", "news.jsonl", len(data), uid=31337))
    progress = botapi.calls_to("sendMessage")[-1].params["text"]
    edits = [c.params["text"] for c in botapi.calls_to("editMessageText")]
    assert "正在下载 news.jsonl" in progress
    assert edits[0].startswith("正在入库") and "新增 1 篇" in edits[-1]
    assert (await library.ask("城市书房藏书多少册？")).result is not None


@pytest.mark.parametrize("uid, name, size, data, expected", [
    (42, "news.jsonl", 10, b"{}", "只有管理员"),
    (31337, "photo.jpg", 10, b"...", "只接受"),
    (31337, "huge.pdf", 25 * 2**20, b"", "20 MB"),
    (31337, "bad.json", 9, b'{"title": ', "无法入库 bad.json"),
])
async def test_uploads_that_are_refused_store_nothing(admin_app: Application, botapi: FakeBotAPI, library: Library,
                                                      uid: int, name: str, size: int, data: bytes, expected: str):
    before = await library.store.count_articles()
    botapi.add_file("f2", data)
    await deliver(admin_app, document_update("f2", name, size, uid=uid))
    said = [c.params["text"] for c in botapi.calls_to("sendMessage") + botapi.calls_to("editMessageText")]
    assert expected in said[-1] and "/tmp" not in said[-1]
    assert await library.store.count_articles() == before


async def test_followers_get_new_matching_articles_pushed(botapi: FakeBotAPI, conversation: Conversation,
                                                          library: Library, tokenizer):
    await library.ingest_paths([SEED_PAGE])
    settings = Settings(db_path=library.path, token=TOKEN, api_base_url=botapi.base_url, refresh_seconds=0.3)
    application = build_application(settings, conversation)
    async with application:
        await application.start()
        await deliver(application, message_update("/follow 城市书房", uid=801))
        await deliver(application, message_update("/follow 城市书房", uid=802))
        await deliver(application, message_update("/follow 马拉松", uid=803))
        await asyncio.sleep(0.8)  # the push cursor starts at what exists now: nothing old is pushed
        botapi.fail_next("sendMessage", status=403)  # 801 blocked the bot meanwhile
        async with await Library.open(library.path, tokenizer=tokenizer) as other:  # another process ingests
            await other.ingest([record("我市首座城市书房开放", "今天，我市首座城市书房在人民公园开放，藏书五千册。"),
                                record("菜价平稳", "本周蔬菜价格总体平稳，白菜每斤一元五角。")])
        for _ in range(50):
            if texts(botapi, chat_id=802)[1:]:
                break
            await asyncio.sleep(0.1)
        await application.stop()
    assert "会推送给你" in texts(botapi, chat_id=801)[0]
    pushed = [parse_html(t) for t in texts(botapi, chat_id=802)[1:]]
    assert len(pushed) == 1 and "城市书房" in pushed[0] and "五千册" in pushed[0]
    assert texts(botapi, chat_id=803)[1:] == []  # 马拉松: nothing new matches
    assert await conversation.chats.follows(801) == []  # blocked: dropped
    assert await conversation.chats.follows(802) == ["城市书房"]
    botapi.rejected.clear()


async def test_a_daily_digest_at_the_subscribed_time(app: Application, botapi: FakeBotAPI, library: Library, tokenizer):
    from datetime import datetime, timedelta

    clock = [datetime(2024, 10, 8, 7, 0)]
    app.bot_data.clock = lambda zone: clock[0].replace(tzinfo=zone)
    await deliver(app, message_update("/subscribe 25:00", uid=601))
    assert "用法：/subscribe" in texts(botapi, chat_id=601)[-1]
    await deliver(app, message_update("/subscribe 7:30", uid=601))
    assert "每天 07:30（Asia/Shanghai）" in texts(botapi, chat_id=601)[-1]
    async with await Library.open(library.path, tokenizer=tokenizer) as other:  # news arrives after subscribing
        await other.ingest([record("我市首座城市书房开放", "今天，我市首座城市书房在人民公园开放，藏书五千册。"),
                            record("地铁三号线开通", "地铁三号线北延段今天开通试运营，线路全长十四公里。")])
    await run_job(app, "digests")  # 07:00: not yet
    assert len(texts(botapi, chat_id=601)) == 2
    clock[0] = datetime(2024, 10, 8, 7, 31)
    await run_job(app, "digests")
    digest = parse_html(texts(botapi, chat_id=601)[-1])
    assert digest.startswith("📰 每日新报道摘要") and "城市书房" in digest and "地铁三号线" in digest
    assert "乡村振兴" not in digest  # only what was added since the subscription
    await run_job(app, "digests")  # not twice a day
    clock[0] += timedelta(days=1)
    await run_job(app, "digests")  # the next day: nothing new, nothing sent
    assert len(texts(botapi, chat_id=601)) == 3
    await deliver(app, message_update("/subscriptions", uid=601))
    assert "每日摘要：每天 07:30" in texts(botapi, chat_id=601)[-1]
    await deliver(app, message_update("/unsubscribe", uid=601))
    assert "已取消每日摘要" in texts(botapi, chat_id=601)[-1]


async def test_follow_up_questions_and_another_answer_over_the_wire(app: Application, botapi: FakeBotAPI,
                                                                    library: Library):
    from tests.test_conversation import STORIES

    await library.ingest(STORIES)
    await deliver(app, message_update("面积有多大？", uid=71))  # cold: another story answers
    assert "2.6万平方米" not in parse_html(texts(botapi, chat_id=71)[-1])
    await deliver(app, message_update("城南图书馆新馆什么时候开放的？", uid=72))
    await deliver(app, message_update("面积有多大？", uid=72))  # a follow-up: the story just discussed
    answer = botapi.calls_to("sendMessage")[-1]
    assert "2.6万平方米" in parse_html(answer.params["text"])
    buttons = keyboard(answer.params)[0]
    another = next(b["callback_data"] for b in buttons if b["text"] == "换一条")
    assert re.fullmatch(r"n:[A-Za-z0-9_-]+:\d+:0", another) and len(another.encode()) <= 64
    await deliver(app, callback_update(another, uid=72))
    other = parse_html(texts(botapi, chat_id=72)[-1])
    assert "《城南图书馆新馆正式开放》" not in other and "《" in other  # the next best, from another article
    await deliver(app, callback_update(another, uid=73))  # the same button pressed in another chat: stale
    assert texts(botapi, chat_id=73) == []
    assert botapi.calls_to("answerCallbackQuery")[-1].params.get("text") == "这个按钮已失效，请重新搜索。"


async def test_traditional_in_traditional_out(app: Application, botapi: FakeBotAPI):
    await deliver(app, message_update("消防演練中有幾人受傷被困？", uid=91))
    await deliver(app, message_update("消防演练中有几人受伤被困？", uid=92, language="zh-hant"))
    await deliver(app, message_update("消防演练中有几人受伤被困？", uid=93))
    for uid in (91, 92):
        text = parse_html(texts(botapi, chat_id=uid)[-1])
        assert "2人受傷被困" in text and "《我市2024年住建領域“安全生產月”活動啓動》" in text
    assert "2人受伤被困" in parse_html(texts(botapi, chat_id=93)[-1])


async def test_an_english_app_gets_an_english_interface_and_the_news_as_published(app: Application, botapi: FakeBotAPI):
    commands = {c.params.get("language_code"): json.loads(c.params["commands"]) for c in botapi.calls_to("setMyCommands")}
    assert commands[None][0]["description"] == "开始使用" and commands["en"][0]["description"] == "Start"
    await deliver(app, message_update("/start", uid=61, language="en"))
    await deliver(app, message_update("/start", uid=62, language="en-GB"))
    await deliver(app, message_update("/start", uid=63))
    assert texts(botapi, chat_id=61)[-1].startswith("Hello!") and "/search keywords" in texts(botapi, chat_id=61)[-1]
    assert texts(botapi, chat_id=62)[-1].startswith("Hello!")
    assert texts(botapi, chat_id=63)[-1].startswith("你好")
    await deliver(app, message_update("/search", uid=61, language="en"))
    assert texts(botapi, chat_id=61)[-1].startswith("Usage: /search keywords")
    await deliver(app, message_update("消防演练中有几人受伤被困？", uid=61, language="en"))
    answer = botapi.calls_to("sendMessage")[-1]
    assert "2人受伤被困" in parse_html(answer.params["text"])  # the news as published
    assert [b["text"] for b in keyboard(answer.params)[0]] == ["Full article", "Another answer"]
    await deliver(app, message_update("上海明天的天气怎么样", uid=61, language="en"))
    assert texts(botapi, chat_id=61)[-1].startswith("Sorry, I found no article")
    await deliver(app, message_update("上海明天的天气怎么样", uid=63))  # one reader's language is not another's
    assert texts(botapi, chat_id=63)[-1].startswith("抱歉")


async def test_an_app_set_to_traditional_chinese_gets_the_interface_in_traditional(app: Application, botapi: FakeBotAPI):
    await deliver(app, message_update("/start", uid=95, language="zh-hant"))
    await deliver(app, message_update("上海明天的天气怎么样", uid=95, language="zh-TW"))
    await deliver(app, message_update("/search", uid=96, language="zh-hk"))
    start, no_answer = texts(botapi, chat_id=95)
    assert start.startswith("你好") and "搜索報道" in start and "搜索报道" not in start  # 报道 -> 報道
    assert no_answer.startswith("抱歉，沒有找到")
    assert texts(botapi, chat_id=96)[-1].startswith("用法")
    await deliver(app, message_update("上海明天的天气怎么样", uid=97))
    assert texts(botapi, chat_id=97)[-1].startswith("抱歉，没有找到")  # simplified for the others
