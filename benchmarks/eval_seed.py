"""Answer quality on the seed page: ../shared/eval/seed_qa.jsonl, scored as its README says.

A row counts when the top passage holds `answer` (whitespace removed) and the cited title holds
`title`; a row with a null answer counts when no answer is given.  Run:

    .venv/bin/python benchmarks/eval_seed.py [--qa PATH] [--seeds DIR] [-v]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from index import SEEDS_DIR, Library, Tokenizer  # noqa: E402

DEFAULT_QA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "seed_qa.jsonl"
_WS = re.compile(r"\s+")


async def run(qa: Path, seeds: Path, verbose: bool) -> None:
    rows = [json.loads(line) for line in qa.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        searcher = await Library.open(Path(tmp) / "eval.db", tokenizer=Tokenizer())
        await searcher.ingest_paths([seeds])
        ok_answerable = ok_null = answerable = null = 0
        for row in rows:
            result = (await searcher.ask(row["question"])).result
            if row["answer"] is None:
                null += 1
                good = result is None
                ok_null += good
            else:
                answerable += 1
                good = (result is not None and _WS.sub("", row["answer"]) in _WS.sub("", result.passage)
                        and _WS.sub("", row["title"]) in _WS.sub("", result.title))
                ok_answerable += good
            if verbose or not good:
                got = "no answer" if result is None else f"{result.title} | cov={result.coverage:.2f} | {result.sentence[:50]}"
                print(f"{'ok ' if good else 'BAD'} {row['question']} -> {got}")
        await searcher.close()
    print(f"answerable: {ok_answerable}/{answerable}   unanswerable: {ok_null}/{null}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qa", type=Path, default=DEFAULT_QA)
    ap.add_argument("--seeds", type=Path, default=SEEDS_DIR)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    asyncio.run(run(args.qa, args.seeds, args.verbose))


if __name__ == "__main__":
    main()
