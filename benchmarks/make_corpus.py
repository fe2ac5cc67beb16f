"""Write a large JSONL news archive of real Chinese sentences, for ingest and end-to-end timing.

Sentences come from the CMRC 2018 contexts (Wikipedia, CC BY-SA 4.0), recombined into articles of
3-6 paragraphs of ~200 characters, with dates over ten years.  Run:

    .venv/bin/python benchmarks/make_corpus.py --passages 1000000 --out /tmp/archive.jsonl
    time .venv/bin/newsbot --db /tmp/archive.db ingest /tmp/archive.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "cmrc2018" / "cmrc2018_dev.json"


def sentences(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    out = []
    for art in data:
        for para in art["paragraphs"]:
            out += [s for s in re.findall(r"[^。！？]*[。！？]", para["context"]) if 8 <= len(s) <= 120]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=1_000_000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = sentences(args.data)
    start = dt.date(2015, 1, 1)
    written = chars = articles = 0
    with args.out.open("w", encoding="utf-8") as f:
        while written < args.passages:
            paragraphs = []
            for _ in range(min(rng.randint(3, 6), args.passages - written)):
                text = ""
                while len(text) < rng.randint(150, 260):
                    text += rng.choice(pool)
                paragraphs.append(text)
            title = re.sub(r"[，。！？、；：]", " ", rng.choice(pool))[:24].strip()
            date = start + dt.timedelta(days=rng.randrange(3650))
            f.write(json.dumps({"title": f"{title}（{articles}）", "paragraphs": paragraphs, "date": date.isoformat(),
                                "source": rng.choice(["鄂尔多斯日报", "北方新报", "内蒙古日报"])}, ensure_ascii=False) + "\n")
            written += len(paragraphs)
            chars += sum(map(len, paragraphs))
            articles += 1
    print(f"{articles:,} articles, {written:,} passages, {chars / 1e6:.0f} M characters -> {args.out}")


if __name__ == "__main__":
    main()
