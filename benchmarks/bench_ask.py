"""End-to-end answer time on an existing database: a new `newsbot ask` process (saved index), and a
warm searcher as in the running bot (tokenize, rank, fetch the passage, pick the sentence).

    .venv/bin/python benchmarks/bench_ask.py --db /tmp/archive.db
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from index import Library, Tokenizer  # noqa: E402

CMRC = ROOT.parent / "shared" / "eval" / "cmrc2018" / "cmrc2018_dev.json"
FALLBACK = ["消防演练中有几人受伤被困？", "李芸是哪个局的局长？", "智慧畜牧贷用什么作抵押物？"]


def questions(n: int) -> list[str]:
    try:
        data = json.loads(CMRC.read_text(encoding="utf-8"))["data"]
    except OSError:
        return FALLBACK * (n // 3 + 1)
    return [q["question"] for a in data for p in a["paragraphs"] for q in p["qas"]][:n]


def cold(db: Path, question: str) -> float:
    exe = Path(sys.executable).with_name("newsbot")
    start = time.perf_counter()
    subprocess.run([str(exe), "--db", str(db), "ask", question, "--json"], check=True, capture_output=True)
    return time.perf_counter() - start


async def warm(db: Path, qs: list[str]) -> tuple[float, float, float, int]:
    t = time.perf_counter()
    searcher = await Library.open(db, tokenizer=Tokenizer())
    opened = time.perf_counter() - t
    try:
        await searcher.warm()
        for q in qs[:20]:
            await searcher.ask(q)
        times = []
        for q in qs:
            t = time.perf_counter()
            await searcher.ask(q)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        return opened, statistics.median(times), times[int(0.95 * (len(times) - 1))], len(searcher.index)
    finally:
        await searcher.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--questions", type=int, default=300)
    args = ap.parse_args()
    qs = questions(args.questions)
    colds = sorted(cold(args.db, q) for q in qs[:5])
    opened, p50, p95, n = asyncio.run(warm(args.db, qs))
    print(f"| passages | {n:,} |\n| `newsbot ask`, new process, saved index: median of 5 (s) | {colds[2]:.2f} |\n"
          f"| searcher open in-process (s) | {opened:.2f} |\n| warm `ask` p50 / p95 (ms) | {p50:.1f} / {p95:.1f} |")


if __name__ == "__main__":
    main()
