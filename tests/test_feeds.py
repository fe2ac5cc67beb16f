"""News feeds against a news site on 127.0.0.1 (tests/newssite.py): no other network."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import pytest

from bot.cli import main
from index import FeedRegistry, Library, poll_feeds
from tests.conftest import SEED_PAGE
from tests.newssite import Item, NewsSite

LIBRARY = Item("lib", "我市首座城市书房开放", ("10月8日，我市首座城市书房在人民公园正式开放，藏书五千册，全天免费向市民开放。",
                                           "书房面积三百平方米，设有少儿阅读区和自助借还机，市民刷身份证即可借阅。"))
METRO = Item("metro", "地铁三号线北延段开通试运营", ("12月26日上午，地铁三号线北延段开通试运营，线路全长十四公里，共设八座车站。",
                                                 "试运营期间首班车为早上六点，末班车为晚上十点半。"),
             datetime(2024, 12, 26, 8, 0, tzinfo=timezone.utc))
MARATHON = Item("run", "首届黄河湿地马拉松鸣枪开跑", ("首届黄河湿地马拉松在滨河公园鸣枪开跑，八千名跑者参赛。",
                                                   "男子全程冠军由来自云南的选手杨帆以2小时18分的成绩获得。"))
FARM = Item("farm", "大棚草莓喜获丰收", ("近日，河口镇万亩草莓种植基地迎来采摘旺季，吸引了大批游客。",
                                        "基地负责人说，今年草莓亩产提高了三成，每斤售价三十元左右。"))


@pytest.fixture
def site() -> Iterator[NewsSite]:
    s = NewsSite().start()
    s.rss += [LIBRARY, METRO]
    s.atom += [MARATHON]
    s.gbk += [FARM]
    yield s
    s.hang_seconds = 0
    s.stop()


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_feeds_of_three_formats_are_fetched_with_their_pages_main_text(site: NewsSite, tmp_path: Path, capsys):
    db = str(tmp_path / "news.db")
    assert cli(capsys, "--db", db, "ingest", str(SEED_PAGE))[0] == 0
    for feed in ("rss.xml", "atom.xml", "gbk.xml"):
        assert cli(capsys, "--db", db, "feeds", "add", f"{site.url}/{feed}", "--every", "1m")[0] == 0
    code, out, err = cli(capsys, "--db", db, "fetch", "--json")
    assert code == 0, err
    report = {f["url"].rsplit("/", 1)[1]: f for f in json.loads(out)["feeds"]}
    assert {k: (v["new_articles"], v["error"]) for k, v in report.items()} == {
        "rss.xml": (2, None), "atom.xml": (1, None), "gbk.xml": (1, None)}
    articles = {a["title"]: a for a in json.loads(cli(capsys, "--db", db, "articles", "--json")[1])["articles"]}
    metro = articles["地铁三号线北延段开通试运营"]
    assert metro["url"] == f"{site.url}/a/metro.html" and metro["date"] == "2024-12-26"
    assert metro["source"] == "城南新闻网"
    assert metro["paragraphs"] == list(METRO.paragraphs)  # the page's main text: no nav, sidebar, comments, footer
    assert articles["大棚草莓喜获丰收"]["paragraphs"] == list(FARM.paragraphs)  # GBK feed and page
    assert articles["首届黄河湿地马拉松鸣枪开跑"]["source"] == "河口晚报"
    whole = json.dumps(articles, ensure_ascii=False)
    assert "热点新闻" not in whole and "版权所有" not in whole and "网友评论" not in whole
    found = json.loads(cli(capsys, "--db", db, "search", "末班车", "--json")[1])["results"][0]
    assert found["title"] == "地铁三号线北延段开通试运营" and found["url"] == f"{site.url}/a/metro.html"


def test_a_second_fetch_adds_nothing_and_asks_conditionally(site: NewsSite, tmp_path: Path, capsys):
    db = str(tmp_path / "news.db")
    cli(capsys, "--db", db, "feeds", "add", f"{site.url}/rss.xml")
    assert [f["new_articles"] for f in json.loads(cli(capsys, "--db", db, "fetch", "--json")[1])["feeds"]] == [2]
    assert [f["new_articles"] for f in json.loads(cli(capsys, "--db", db, "fetch", "--json")[1])["feeds"]] == [0]
    feed_requests = [h for p, h in site.requests if p == "/rss.xml"]
    assert "If-None-Match" not in feed_requests[0] and feed_requests[1].get("If-None-Match")
    site.rss.append(MARATHON)  # a new item: the ETag changes
    assert [f["new_articles"] for f in json.loads(cli(capsys, "--db", db, "fetch", "--json")[1])["feeds"]] == [1]
    with sqlite3.connect(tmp_path / "news.db") as raw:
        assert raw.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


async def test_broken_failing_and_hanging_feeds_hold_up_no_other(site: NewsSite, tmp_path: Path, tokenizer):
    db = tmp_path / "news.db"
    registry = await FeedRegistry.open(db)
    try:
        for path in ("rss.xml", "broken.xml", "500.xml", "hang.xml"):
            await registry.add(f"{site.url}/{path}", every=60)
        async with await Library.open(db, tokenizer=tokenizer) as library:
            await library.ingest_paths([SEED_PAGE])
            started = time.monotonic()
            reports = {r.url.rsplit("/", 1)[1]: r for r in await poll_feeds(library, registry, timeout=2.0)}
            elapsed = time.monotonic() - started
            answer = (await library.ask("地铁三号线末班车几点？")).result
        assert reports["rss.xml"].new_articles == 2 and reports["rss.xml"].error is None
        assert "not a readable RSS or Atom feed" in reports["broken.xml"].error
        assert "HTTP 500" in reports["500.xml"].error
        assert "longer than 2 s" in reports["hang.xml"].error
        assert elapsed < 10
        assert answer is not None and answer.title == "地铁三号线北延段开通试运营"
        failed = await registry.feed(f"{site.url}/500.xml")
        ok = await registry.feed(f"{site.url}/rss.xml")
        assert failed.failures == 1 and failed.next_at > ok.next_at  # backs off
        assert [f.url for f in await registry.due(time.time() + 61)] == [ok.url]  # only the healthy one is due again
    finally:
        await registry.close()


def test_feed_commands(site: NewsSite, tmp_path: Path, capsys):
    db = str(tmp_path / "news.db")
    code, _, err = cli(capsys, "--db", db, "feeds", "add", "ftp://example/feed")
    assert code == 1 and err.count("\n") == 1 and "not a feed address" in err
    with pytest.raises(SystemExit) as usage:  # argparse: a usage error, exit 2, one line
        main(["--db", db, "feeds", "add", f"{site.url}/rss.xml", "--every", "5s"])
    assert usage.value.code == 2 and "at most every 10 s" in capsys.readouterr().err
    assert cli(capsys, "--db", db, "feeds", "add", f"{site.url}/rss.xml", "--name", "城南", "--every", "1h")[0] == 0
    listed = json.loads(cli(capsys, "--db", db, "feeds", "list", "--json")[1])["feeds"]
    assert [(f["url"], f["name"], f["every_seconds"]) for f in listed] == [(f"{site.url}/rss.xml", "城南", 3600.0)]
    assert cli(capsys, "--db", db, "feeds", "remove", f"{site.url}/rss.xml")[0] == 0
    code, _, err = cli(capsys, "--db", db, "feeds", "remove", f"{site.url}/rss.xml")
    assert code == 1 and "no such feed" in err
    assert json.loads(cli(capsys, "--db", db, "feeds", "list", "--json")[1]) == {"feeds": []}


async def test_a_page_too_large_falls_back_to_the_feeds_text(site: NewsSite, tmp_path: Path, tokenizer):
    from index.feeds.fetch import FetchError, _get, make_client

    async with make_client() as client:
        with pytest.raises(FetchError, match="too large"):
            await _get(client, f"{site.url}/huge.html", 2**20)


async def test_a_running_bot_polls_its_feeds_and_answers_what_is_new(site: NewsSite, tmp_path: Path, tokenizer):
    import asyncio

    from telegram import Update

    from bot.chat_state import ChatState
    from bot.config import Settings
    from bot.conversation import Conversation
    from bot.telegram.app import build_application
    from tests.botapi import TOKEN, FakeBotAPI, message_update, parse_html

    api = FakeBotAPI().start()
    db = tmp_path / "news.db"
    library = await Library.open(db, tokenizer=tokenizer)
    chats = await ChatState.open(db)
    registry = await FeedRegistry.open(db)
    try:
        await library.ingest_paths([SEED_PAGE])
        await registry.add(f"{site.url}/rss.xml", every=10)
        app = build_application(Settings(db_path=db, token=TOKEN, api_base_url=api.base_url),
                                Conversation(library, chats), registry)
        async with app:
            await app.start()
            for _ in range(100):  # the feed job's first run comes a second after start; its poll is recorded
                if (await registry.feed(f"{site.url}/rss.xml")).last_fetch is not None:  # after the ingest
                    break
                await asyncio.sleep(0.1)
            update = message_update("地铁三号线末班车几点？", uid=919)
            await app.process_update(Update.de_json({"update_id": 1, **update}, app.bot))
            await app.stop()
        answer = [c.params["text"] for c in api.calls_to("sendMessage") if int(c.params["chat_id"]) == 919]
        assert len(answer) == 1 and "十点半" in parse_html(answer[0])
        assert (await registry.feed(f"{site.url}/rss.xml")).last_fetch is not None
    finally:
        await registry.close()
        await chats.close()
        await library.close()
        api.stop()
