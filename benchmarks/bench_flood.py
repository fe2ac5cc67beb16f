"""One reader floods the bot: how long does another reader wait for an answer?

Our real Application over HTTP against the stand-in Bot API (tests/botapi.py) on 127.0.0.1, the seed
corpus.  For each round: one reader's answer time alone (quiet), then the same while another reader
sends 60 questions at once (flood), with the per-reader budget on (default settings) and off.

    .venv/bin/python benchmarks/bench_flood.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from telegram import Update  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.conversation import Conversation  # noqa: E402
from bot.telegram.app import build_application  # noqa: E402
from tests.botapi import TOKEN, FakeBotAPI, message_update  # noqa: E402

QUESTION = "消防演练中有几人受伤被困？"
_ids = itertools.count(1)


async def measure(rounds: int, burst: int) -> tuple[float, float, int]:
    api = FakeBotAPI().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "news.db"
            conversation = await Conversation.open(db)
            settings = Settings(db_path=db, token=TOKEN, api_base_url=api.base_url, rate_burst=burst)
            app = build_application(settings, conversation)
            readers = itertools.count(10_000)

            async def ask(uid: int) -> float:
                start = time.perf_counter()
                update = Update.de_json({"update_id": next(_ids), **message_update(QUESTION, uid=uid)}, app.bot)
                await app.process_update(update)
                return time.perf_counter() - start

            quiet, busy = [], []
            async with app:
                await ask(next(readers))  # warm
                for _ in range(rounds):
                    quiet.append(await ask(next(readers)))
                    flooder = next(readers)
                    flood = [ask(flooder) for _ in range(60)]

                    async def other() -> float:
                        await asyncio.sleep(0.02)  # the flood is in flight
                        return await ask(next(readers))

                    busy.append((await asyncio.gather(*flood, other()))[-1])
            sent = len(api.calls_to("sendMessage"))
            await conversation.close()
    finally:
        api.stop()
    return statistics.median(quiet), statistics.median(busy), sent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    print("| budget | quiet answer, median s | answer during a 60-question flood, median s | within 2x + 0.3 s | messages sent |")
    print("| --- | --- | --- | --- | --- |")
    for name, burst in (("on (5 at once, 20/min)", 5), ("off", 1_000_000)):
        quiet, busy, sent = asyncio.run(measure(args.rounds, burst))
        print(f"| {name} | {quiet:.3f} | {busy:.3f} | {'yes' if busy <= 2 * quiet + 0.3 else 'no'} | {sent} |")


if __name__ == "__main__":
    main()
