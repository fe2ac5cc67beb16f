"""`newsbot run` as a real process, polling the stand-in Bot API over HTTP like Telegram."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.botapi import TOKEN, FakeBotAPI, callback_update, message_update, parse_html
from tests.conftest import ROOT
from tests.newssite import Item, NewsSite
from tests.processes import newsbot, newsbot_env, start_bot, stop_bot


@pytest.fixture
def botapi() -> FakeBotAPI:
    api = FakeBotAPI().start()
    yield api
    api.stop()


def test_newsbot_run_answers_over_the_wire_and_stops_cleanly(botapi: FakeBotAPI, tmp_path: Path):
    botapi.fail_next("getUpdates", status=502, times=2)  # the network hiccups at start: keep polling
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": TOKEN,
           "TELEGRAM_API_BASE_URL": botapi.base_url, "NEWSBOT_DB": str(tmp_path / "news.db"),
           "NEWSBOT_LOG_LEVEL": "DEBUG"}
    env.pop("TELEGRAM_WEBHOOK_URL", None)
    log = (tmp_path / "bot.log").open("w+", encoding="utf-8")  # a file, not a pipe nobody reads
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], env=env, cwd=tmp_path,
                            stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        botapi.wait_for("setMyCommands", timeout=60)
        botapi.push_update({"message": "not a message"})  # PTB cannot parse it: skipped, polling goes on
        botapi.push_update(message_update("智慧畜牧贷用什么作抵押物？", uid=4242))
        answer = botapi.wait_for("sendMessage", chat_id=4242, timeout=30)[0]
        assert "牛、猪、羊等牲畜资产" in parse_html(answer.params["text"])
        botapi.push_update(message_update("/latest 2", uid=4243))
        digest = botapi.wait_for("sendMessage", chat_id=4243, timeout=30)[0]
        assert "最新报道" in digest.params["text"]
        botapi.push_update(callback_update("a:1", uid=4243))
        botapi.wait_for("answerCallbackQuery", timeout=30)
        botapi.wait_for("sendMessage", count=2, chat_id=4243, timeout=30)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        log.seek(0)
        output = log.read()
        log.close()
    assert proc.returncode == 0, output
    assert "Traceback" not in output
    assert TOKEN not in output and "TEST-token" not in output
    assert "stopped" in output
    assert output.count("skipped update") == 1
    assert botapi.rejected == [("getUpdates", "Bad Gateway"), ("getUpdates", "Bad Gateway")]


def test_newsbot_run_without_token_is_one_clear_line(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env.update(PYTHONPATH=str(ROOT), NEWSBOT_DB=str(tmp_path / "news.db"))
    done = subprocess.run([sys.executable, "-m", "bot.cli", "run"], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "TELEGRAM_BOT_TOKEN is not set" in done.stderr


async def test_webhook_mode_checks_the_secret_token(botapi: FakeBotAPI, tmp_path: Path):
    import asyncio
    import socket

    import httpx

    from bot.telegram import run_bot
    from bot.config import Settings

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = Settings(db_path=tmp_path / "news.db", token=TOKEN, api_base_url=botapi.base_url,
                        webhook_url="https://news.example.org/telegram", webhook_secret="s3cret-Token_1",
                        webhook_listen="127.0.0.1", webhook_port=port)
    stop = asyncio.Event()
    task = asyncio.create_task(run_bot(settings, stop))
    try:
        await asyncio.to_thread(botapi.wait_for, "setWebhook", timeout=60)
        update = {"update_id": 1, **message_update("李芸是哪个局的局长？", uid=5150)}
        async with httpx.AsyncClient() as client:
            url = f"http://127.0.0.1:{port}/telegram"
            for _ in range(100):  # the webhook server may come up just after setWebhook
                try:
                    await client.get(url)
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.1)
            forged = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"})
            assert forged.status_code == 403
            ok = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"})
            assert ok.status_code == 200
        answer = await asyncio.to_thread(botapi.wait_for, "sendMessage", chat_id=5150, timeout=30)
        assert "市文化和旅游局" in parse_html(answer[0].params["text"])
        assert len(botapi.calls_to("sendMessage")) == 1  # the forged update was not processed
        assert botapi.calls_to("setWebhook")[0].params["secret_token"] == "s3cret-Token_1"
    finally:
        stop.set()
        await asyncio.wait_for(task, 60)


async def test_webhook_without_secret_is_refused(tmp_path: Path):
    from bot.telegram import run_bot
    from bot.config import ConfigError, Settings

    settings = Settings(db_path=tmp_path / "news.db", token=TOKEN, webhook_url="https://news.example.org/telegram")
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        await run_bot(settings)


# -- news arrives by itself: a reader follows and subscribes; the bot restarts -------------------

LIBRARY = {"title": "我市首座城市书房开放", "date": "2024-10-08",
           "paragraphs": ["10月8日，我市首座城市书房在人民公园正式开放，藏书五千册，全天免费向市民开放。"]}
BRANCH = {"title": "城市书房第二家分馆落户滨河新区", "date": "2024-10-09",
          "paragraphs": ["城市书房第二家分馆今天在滨河新区落成，设有二十个自习座位，夜间开放到十点。"]}
METRO = Item("metro", "地铁三号线北延段开通试运营", ("12月26日上午，地铁三号线北延段开通试运营，线路全长十四公里，共设八座车站。",
                                                 "试运营期间首班车为早上六点，末班车为晚上十点半。"))


class Reader:
    """Questions and commands to ``newsbot run`` through the stand-in, each from a reader of its own
    unless told (the per-reader budget is not what this test is about)."""

    def __init__(self, api: FakeBotAPI) -> None:
        self.api = api
        self.next_uid = 7100

    def say(self, text: str, uid: int, timeout: float = 30) -> str:
        seen = len(self.api.calls_to("sendMessage"))
        self.api.push_update(message_update(text, uid=uid))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            sent = [c for c in self.api.calls_to("sendMessage")[seen:] if int(c.params["chat_id"]) == uid]
            if sent:
                return parse_html(sent[0].params["text"])
            time.sleep(0.05)
        raise TimeoutError(f"no reply to {text!r}")

    def ask_until(self, question: str, expected: str, timeout: float) -> float:
        """Ask every 2 s until the answer says ``expected``; how long that took."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            self.next_uid += 1
            if expected in self.say(question, self.next_uid):
                return time.monotonic() - start
            time.sleep(2)
        raise TimeoutError(f"{question!r} not answered with {expected!r} within {timeout} s")


def wait_for_text(api: FakeBotAPI, chat_id: int, expected: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for c in api.calls_to("sendMessage"):
            if int(c.params["chat_id"]) == chat_id and expected in parse_html(c.params["text"]):
                return parse_html(c.params["text"])
        time.sleep(0.1)
    raise TimeoutError(f"{expected!r} never sent to {chat_id}")


def test_news_arrives_by_itself_and_is_pushed_across_a_restart(botapi: FakeBotAPI, tmp_path: Path):
    site = NewsSite().start()
    env = newsbot_env(tmp_path, botapi, NEWSBOT_REFRESH_SECONDS="2", NEWSBOT_TIMEZONE="Asia/Shanghai")

    def ok(*args: str) -> None:
        done = newsbot(env, *args, cwd=tmp_path)
        assert done.returncode == 0, done.stderr

    def start(log: Path) -> subprocess.Popen:
        return start_bot(env, tmp_path, log)

    def stop(proc: subprocess.Popen) -> None:
        assert stop_bot(proc) == 0

    ok("feeds", "add", f"{site.url}/rss.xml", "--every", "10s")
    reader = Reader(botapi)
    proc = start(tmp_path / "first.log")
    try:
        botapi.wait_for("setMyCommands", timeout=60)
        assert "城市书房" in reader.say("/follow 城市书房", uid=4301)
        shanghai = ZoneInfo("Asia/Shanghai")
        due = (datetime.now(shanghai) + timedelta(seconds=80)).replace(second=0, microsecond=0)
        at = due.strftime("%H:%M")
        assert at in reader.say(f"/subscribe {at}", uid=4301)

        (tmp_path / "library.json").write_text(json.dumps(LIBRARY, ensure_ascii=False), encoding="utf-8")
        ok("ingest", str(tmp_path / "library.json"))  # another process
        ingested = time.monotonic()
        assert reader.ask_until("城市书房藏书多少册？", "五千册", timeout=60) < 60
        assert "五千册" in wait_for_text(botapi, 4301, "📌 关于“城市书房”的新报道", timeout=90 - (time.monotonic() - ingested))

        site.rss.append(METRO)  # the site publishes: the bot's own feed poll brings it in
        assert reader.ask_until("地铁三号线末班车几点？", "十点半", timeout=60) < 60

        stop(proc)
        proc = start(tmp_path / "second.log")
        botapi.wait_for("setMyCommands", count=4, timeout=60)  # two per start: zh, en
        (tmp_path / "branch.json").write_text(json.dumps(BRANCH, ensure_ascii=False), encoding="utf-8")
        ok("ingest", str(tmp_path / "branch.json"))
        pushed = [c for c in botapi.calls_to("sendMessage") if int(c.params["chat_id"]) == 4301
                  and "分馆" in parse_html(c.params["text"])]
        assert pushed or wait_for_text(botapi, 4301, "自习座位", timeout=90)  # the follow survived the restart

        left = (due - datetime.now(shanghai)).total_seconds()
        digest = wait_for_text(botapi, 4301, "每日新报道摘要", timeout=max(left, 0) + 40)
        assert "我市首座城市书房开放" in digest  # (the feed's item too, when it came before the chosen minute)
        assert datetime.now(shanghai) >= due  # not before the time the reader chose
    finally:
        stop_bot(proc)
        site.stop()
    logs = (tmp_path / "first.log").read_text() + (tmp_path / "second.log").read_text()
    assert "Traceback" not in logs and TOKEN not in logs
    assert botapi.rejected == []


def test_a_conversation_with_newsbot_run(botapi: FakeBotAPI, tmp_path: Path):
    """Follow-ups stay with the story and switch on a self-contained question; traditional in,
    traditional out; English for an English app; /latest lists the whole newest edition."""
    from tests.test_conversation import STORIES

    env = newsbot_env(tmp_path, botapi, NEWSBOT_REFRESH_SECONDS="1")
    proc = start_bot(env, tmp_path, tmp_path / "bot.log")
    reader = Reader(botapi)
    try:
        botapi.wait_for("setMyCommands", count=2, timeout=60)
        edition = reader.say("/latest", uid=8101)
        assert "共 8 篇" in edition and all(f"\n{i}. 《" in edition for i in range(1, 9))
        assert "2人受傷被困" in reader.say("消防演練中有幾人受傷被困？", uid=8102)
        botapi.push_update(message_update("/start", uid=8103, language="en"))
        assert botapi.wait_for("sendMessage", chat_id=8103, timeout=30)[0].params["text"].startswith("Hello!")

        stories = [{"title": r.title, "paragraphs": list(r.paragraphs)} for r in STORIES]
        (tmp_path / "stories.json").write_text(json.dumps(stories, ensure_ascii=False), encoding="utf-8")
        done = newsbot(env, "ingest", str(tmp_path / "stories.json"), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        reader.ask_until("城南图书馆新馆什么时候开放的？", "城南图书馆新馆正式开放", timeout=30)
        assert "2.6万平方米" in reader.say("城南图书馆新馆什么时候开放的？", uid=8104)
        assert "2.6万平方米" in reader.say("面积有多大？", uid=8104)  # the story just discussed
        assert "2.6万平方米" not in reader.say("面积有多大？", uid=8105)  # asked cold: another story
        assert "城北公园改造完成" in reader.say("城北公园改造后总面积是多少？", uid=8104)  # switches
    finally:
        stop_bot(proc)
    logs = (tmp_path / "bot.log").read_text()
    assert proc.returncode == 0 and "Traceback" not in logs, logs
    assert botapi.rejected == []
