"""Broadcasts (digests, follow pushes) against a stand-in Bot API that enforces Telegram's flood limits:
nothing lost, no 429 provoked, and readers' questions answered while a round is going."""

from __future__ import annotations

import asyncio
import itertools
import time
from datetime import datetime
from typing import AsyncIterator

import pytest
from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.chat_state import ChatState
from bot.config import Settings
from bot.conversation import Conversation
from bot.telegram.app import build_application
from index import Library
from tests.botapi import TOKEN, FakeBotAPI, message_update, parse_html
from tests.conftest import SEED_PAGE, record

_ids = itertools.count(1)
SUBSCRIBERS = range(5001, 5121)  # 120 readers: about five seconds at the broadcast pace


@pytest.fixture
def botapi() -> FakeBotAPI:
    api = FakeBotAPI().start()
    api.limit_rate(overall=30, per_chat=1)
    yield api
    api.stop()


@pytest.fixture
async def app(botapi: FakeBotAPI, library: Library) -> AsyncIterator[Application]:
    await library.ingest_paths([SEED_PAGE])
    chats = await ChatState.open(library.path)
    settings = Settings(db_path=library.path, token=TOKEN, api_base_url=botapi.base_url, refresh_seconds=0.3)
    application = build_application(settings, Conversation(library, chats, frozenset()))
    errors: list[BaseException] = []

    async def collect(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error)

    application.add_error_handler(collect)
    async with application:
        await application.start()
        yield application
        await application.stop()
    await chats.close()
    assert errors == [], errors


def digests_to(api: FakeBotAPI, chat_id: int) -> list[str]:
    return [c.params["text"] for c in api.calls_to("sendMessage")
            if int(c.params["chat_id"]) == chat_id and "每日新报道摘要" in c.params["text"]]


async def test_a_digest_round_loses_nothing_and_does_not_starve_questions(app: Application, botapi: FakeBotAPI,
                                                                          library: Library, tokenizer):
    services = app.bot_data
    conversation: Conversation = services.conversation
    clock = [datetime(2024, 10, 8, 7, 0)]
    services.clock = lambda zone: clock[0].replace(tzinfo=zone)
    for chat_id in SUBSCRIBERS:
        await conversation.subscribe(chat_id, "07:30", services.clock(None))
    async with await Library.open(library.path, tokenizer=tokenizer) as other:
        await other.ingest([record("我市首座城市书房开放", "今天，我市首座城市书房在人民公园开放，藏书五千册。")])
    await app.job_queue.get_jobs_by_name("refresh")[0].run(app)
    botapi.fail_next("sendMessage", status=403)  # one subscriber blocked the bot meanwhile
    clock[0] = datetime(2024, 10, 8, 7, 31)
    await app.job_queue.get_jobs_by_name("digests")[0].run(app)

    await asyncio.to_thread(botapi.wait_for, "sendMessage", count=20, timeout=30)  # the round is going
    asked = time.monotonic()
    update = Update.de_json({"update_id": next(_ids), **message_update("智慧畜牧贷用什么作抵押物？", uid=9999)}, app.bot)
    await app.process_update(update)
    waited = time.monotonic() - asked
    answer = botapi.wait_for("sendMessage", chat_id=9999)[0]
    await services.settle()

    sends = botapi.calls_to("sendMessage")
    after_answer = [c for c in sends if c.at > answer.at]
    assert "牛、猪、羊等牲畜资产" in parse_html(answer.params["text"])
    assert waited < 2.0 and len(after_answer) >= 40  # answered in the middle of the round, not after it
    received = {chat_id: len(digests_to(botapi, chat_id)) for chat_id in SUBSCRIBERS}
    blocked = [chat_id for chat_id, n in received.items() if n == 0]
    assert len(blocked) == 1 and set(received.values()) == {0, 1}  # each once, nothing lost
    assert await conversation.chats.digest_time(blocked[0]) is None  # the blocked reader is forgotten
    assert "城市书房" in parse_html(digests_to(botapi, SUBSCRIBERS[-1])[0])
    assert botapi.flooded == 0  # paced below Telegram's limits: not one 429


async def test_pushes_to_one_chat_are_a_second_apart(app: Application, botapi: FakeBotAPI, library: Library,
                                                     tokenizer):
    conversation: Conversation = app.bot_data.conversation
    for words in ("城市书房", "人民公园", "藏书"):
        await conversation.follow(7001, words)
    await app.job_queue.get_jobs_by_name("refresh")[0].run(app)  # the push cursor starts now
    await app.bot_data.settle()
    async with await Library.open(library.path, tokenizer=tokenizer) as other:
        await other.ingest([record("我市首座城市书房开放", "今天，我市首座城市书房在人民公园开放，藏书五千册。")])
    await app.job_queue.get_jobs_by_name("refresh")[0].run(app)
    await app.bot_data.settle()
    pushed = botapi.calls_to("sendMessage")
    assert len(pushed) == 3 and all("五千册" in parse_html(c.params["text"]) for c in pushed)
    assert all(b.at - a.at >= 0.9 for a, b in zip(pushed, pushed[1:]))
    assert botapi.flooded == 0


async def test_a_job_firing_while_the_bot_stops_starts_no_round(botapi: FakeBotAPI, library: Library):
    # Application.stop clears `running` before it stops the JobQueue: a refresh landing in between must not
    # create a task the stopping application will never await (PTB warns; here warnings are errors)
    await library.ingest_paths([SEED_PAGE])
    chats = await ChatState.open(library.path)
    settings = Settings(db_path=library.path, token=TOKEN, api_base_url=botapi.base_url, refresh_seconds=60)
    application = build_application(settings, Conversation(library, chats, frozenset()))
    await application.bot_data.conversation.follow(7001, "城市书房")
    async with application:
        await application.start()
        refresh = application.job_queue.get_jobs_by_name("refresh")[0]
        await application.stop()
        await refresh.run(application)
        assert "pushes" not in application.bot_data.rounds
    await chats.close()
