"""The watched folder: dropped files ingested, then moved to done/ or failed/ with the reason."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

from index import Library, ingest_dropped
from tests.conftest import SEED_PAGE


def _drop(folder: Path, name: str, text: str, age: float = 10.0) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


async def test_dropped_files_are_ingested_and_moved_with_reasons(tmp_path: Path, tokenizer):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "sub").mkdir()  # subfolders are not the watched folder's files
    _drop(folder, "good.jsonl", json.dumps({"title": "城市书房开放", "body": "我市首座城市书房开放，藏书五千册。"},
                                           ensure_ascii=False) + "\n")
    _drop(folder, "page.txt", SEED_PAGE.read_text(encoding="utf-8"))
    _drop(folder, "bad.json", '{"title": ')
    _drop(folder, "photo.jpg", "not news")
    _drop(folder, "writing.jsonl", "{}", age=0.0)  # still being written: next time
    _drop(folder, "download.jsonl.part", "{}")
    async with await Library.open(tmp_path / "news.db", tokenizer=tokenizer) as library:
        results = {r.name: r for r in await ingest_dropped(library, folder)}
        assert await library.store.count_articles() == 9
    assert set(results) == {"good.jsonl", "page.txt", "bad.json", "photo.jpg"}
    assert results["good.jsonl"].articles_added == 1 and results["page.txt"].articles_added == 8
    assert sorted(p.name for p in (folder / "done").iterdir()) == ["good.jsonl", "page.txt"]
    failed = sorted(p.name for p in (folder / "failed").iterdir())
    assert failed == ["bad.json", "bad.json.reason.txt", "photo.jpg", "photo.jpg.reason.txt"]
    assert "invalid JSON" in (folder / "failed" / "bad.json.reason.txt").read_text(encoding="utf-8")
    assert "unsupported file type" in (folder / "failed" / "photo.jpg.reason.txt").read_text(encoding="utf-8")
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == ["download.jsonl.part", "writing.jsonl"]


async def test_the_same_name_dropped_again_keeps_both(tmp_path: Path, tokenizer):
    folder = tmp_path / "drop"
    folder.mkdir()
    async with await Library.open(tmp_path / "news.db", tokenizer=tokenizer) as library:
        for body in ("第一篇正文。", "第二篇正文。"):
            _drop(folder, "feed.jsonl", json.dumps({"title": "报道", "body": body}, ensure_ascii=False) + "\n")
            await ingest_dropped(library, folder)
    assert sorted(p.name for p in (folder / "done").iterdir()) == ["feed-1.jsonl", "feed.jsonl"]


async def test_a_running_bot_ingests_what_is_dropped(tmp_path: Path, tokenizer):
    from telegram import Update

    from bot.chat_state import ChatState
    from bot.config import Settings
    from bot.conversation import Conversation
    from bot.telegram.app import build_application
    from tests.botapi import TOKEN, FakeBotAPI, message_update, parse_html

    api = FakeBotAPI().start()
    db, folder = tmp_path / "news.db", tmp_path / "drop"
    library = await Library.open(db, tokenizer=tokenizer)
    chats = await ChatState.open(db)
    try:
        await library.ingest_paths([SEED_PAGE])
        app = build_application(Settings(db_path=db, token=TOKEN, api_base_url=api.base_url, watch_dir=folder),
                                Conversation(library, chats))
        async with app:
            await app.start()
            _drop(folder, "new.jsonl", json.dumps({"title": "我市首座城市书房开放",
                                                   "body": "今天，我市首座城市书房在人民公园开放，藏书五千册。"},
                                                  ensure_ascii=False) + "\n")
            for _ in range(100):
                if (folder / "done" / "new.jsonl").exists():
                    break
                await asyncio.sleep(0.1)
            await app.process_update(Update.de_json({"update_id": 1, **message_update("城市书房藏书多少册？", uid=31)},
                                                    app.bot))
            await app.stop()
        sent = [c.params["text"] for c in api.calls_to("sendMessage") if int(c.params["chat_id"]) == 31]
        assert len(sent) == 1 and "五千册" in parse_html(sent[0])
    finally:
        await chats.close()
        await library.close()
        api.stop()
