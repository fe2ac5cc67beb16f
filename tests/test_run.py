"""`newsbot run` as a real process, polling the stand-in Bot API over HTTP like Telegram."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.botapi import TOKEN, FakeBotAPI, callback_update, message_update, parse_html
from tests.conftest import ROOT


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
