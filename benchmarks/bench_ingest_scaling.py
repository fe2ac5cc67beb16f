"""Ingest time against input size: a page twice as long should take about twice the time.

Generates e-paper-like .txt pages (columns re-wrapped every 14 characters, bylines, headlines), with
and without sentence punctuation, at a size and at twice it, and times ``Library.ingest_paths`` (layout,
passages, tokenizing, storing, indexing) on each in a fresh database.

    .venv/bin/python benchmarks/bench_ingest_scaling.py [--chars 250000]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from index import Library  # noqa: E402

CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"


def page(chars: int, punctuation: bool, seed: int = 1, width: int = 14) -> str:
    rng = random.Random(seed)
    lines: list[str] = []
    done = i = 0
    while done < chars:
        body = "".join("".join(rng.choice(CHARS) for _ in range(rng.randint(15, 40))) + ("。" if punctuation else "")
                       for _ in range(30))
        lines += [f"标题第{i}篇新闻报道", "", f"本报讯 记者张三{i}"]
        lines += [body[k : k + width] for k in range(0, len(body), width)] + [""]
        done += len(body)
        i += 1
    return "\n".join(lines)


async def ingest_seconds(text: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.txt"
        path.write_text(text, encoding="utf-8")
        async with await Library.open(Path(tmp) / "news.db") as library:
            start = time.perf_counter()
            await library.ingest_paths([path])
            return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=250_000)
    args = ap.parse_args()
    print("| page | size (chars) | ingest s | twice the size s | ratio |")
    print("| --- | --- | --- | --- | --- |")
    for name, punctuation in (("sentences", True), ("no punctuation", False)):
        small = asyncio.run(ingest_seconds(page(args.chars, punctuation)))
        large = asyncio.run(ingest_seconds(page(2 * args.chars, punctuation)))
        print(f"| {name} | {args.chars:,} | {small:.2f} | {large:.2f} | {large / small:.2f} |")


if __name__ == "__main__":
    main()
