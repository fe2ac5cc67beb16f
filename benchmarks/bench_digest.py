"""A daily-digest round to many subscribers while readers keep asking questions.

Our real Application over HTTP against the stand-in Bot API (tests/botapi.py) on 127.0.0.1, which
enforces Telegram's flood limits (30 messages in any second overall, 1 per chat per second; beyond
them it answers 429 retry-after 1).  N readers subscribe at 07:30; two articles arrive; at 07:31 the
digest job starts the round; meanwhile a new reader asks a question every 2 seconds.

Reports: round time and rate, digests delivered / lost / duplicated, 429s provoked, and how long the
questions waited (quiet, before the round, vs during it).

    .venv/bin/python benchmarks/bench_digest.py [--subscribers 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from telegram import Update  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.conversation import Conversation  # noqa: E402
from bot.telegram.app import build_application  # noqa: E402
from index import SourceArticle  # noqa: E402
from tests.botapi import TOKEN, FakeBotAPI, message_update  # noqa: E402

QUESTION = "消防演练中有几人受伤被困？"
FIRST_READER = 10_000_000
_ids = itertools.count(1)


def quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


async def run(subscribers: int) -> None:
    api = FakeBotAPI().start()
    api.limit_rate(overall=30, per_chat=1)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "news.db"
            conversation = await Conversation.open(db)
            settings = Settings(db_path=db, token=TOKEN, api_base_url=api.base_url, rate_burst=1000)
            app = build_application(settings, conversation)
            clock = [datetime(2024, 10, 8, 7, 0)]
            app.bot_data.clock = lambda zone: clock[0].replace(tzinfo=zone)
            readers = itertools.count(FIRST_READER)

            async def ask() -> float:
                start = time.perf_counter()
                update = Update.de_json({"update_id": next(_ids), **message_update(QUESTION, uid=next(readers))},
                                        app.bot)
                await app.process_update(update)
                return time.perf_counter() - start

            async with app:
                await app.start()
                start = time.perf_counter()
                for chat_id in range(1, subscribers + 1):
                    await conversation.subscribe(chat_id, "07:30", clock[0].replace(tzinfo=None))
                print(f"{subscribers} subscribed in {time.perf_counter() - start:.1f} s")
                await conversation.library.ingest([
                    SourceArticle(title="我市首座城市书房开放", paragraphs=("今天，我市首座城市书房在人民公园开放，藏书五千册。",)),
                    SourceArticle(title="地铁三号线开通", paragraphs=("地铁三号线北延段今天开通试运营，线路全长十四公里。",)),
                ])
                quiet = [await ask() for _ in range(5)]
                await asyncio.sleep(1.0)  # the window of the quiet questions has passed
                clock[0] = datetime(2024, 10, 8, 7, 31)
                start = time.perf_counter()
                await app.job_queue.get_jobs_by_name("digests")[0].run(app)
                round_task = app.bot_data.rounds["digests"]
                busy: list[float] = []
                while not round_task.done():
                    busy.append(await ask())
                    await asyncio.wait([round_task], timeout=2.0)
                elapsed = time.perf_counter() - start
                await app.stop()
            await conversation.close()
    finally:
        api.stop()
    per_chat = Counter(int(c.params["chat_id"]) for c in api.calls_to("sendMessage")
                       if "每日新报道摘要" in c.params["text"])
    delivered = sum(1 for chat_id in range(1, subscribers + 1) if per_chat.get(chat_id, 0) >= 1)
    duplicated = sum(1 for n in per_chat.values() if n > 1)
    print(f"round: {elapsed:.1f} s for {subscribers} digests ({subscribers / elapsed:.1f} messages/s)")
    print(f"delivered {delivered}, lost {subscribers - delivered}, duplicated {duplicated}, 429s {api.flooded}")
    print(f"questions quiet:  n={len(quiet)} p50 {statistics.median(quiet) * 1000:.0f} ms")
    print(f"questions during: n={len(busy)} p50 {statistics.median(busy) * 1000:.0f} ms, "
          f"p95 {quantile(busy, 0.95) * 1000:.0f} ms, max {max(busy) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    args = parser.parse_args()
    asyncio.run(run(args.subscribers))


if __name__ == "__main__":
    main()
