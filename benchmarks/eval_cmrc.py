"""Retrieval quality on CMRC 2018 (dev): hit@1 of the top passage, ours vs plain rank-bm25.

Every `context` is one passage (its `title` as the article title); a question is a hit when the top
passage contains one of its answers (whitespace removed).  Run:

    .venv/bin/python benchmarks/eval_cmrc.py [--data ../shared/eval/cmrc2018/cmrc2018_dev.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import jieba
from rank_bm25 import BM25Okapi

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from index.ranking.bm25 import BM25Index  # noqa: E402
from index.text.tokenize import STOPWORDS, Tokenizer, TokenizerOptions  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "cmrc2018" / "cmrc2018_dev.json"
_WS = re.compile(r"\s+")
_PUNCT = re.compile(r"^[\W_]+$")


def load(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, list[str]]]]:
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    passages, questions = [], []
    for art in data:
        for para in art["paragraphs"]:
            passages.append((art["title"], para["context"]))
            for qa in para["qas"]:
                questions.append((qa["question"], [_WS.sub("", a["text"]) for a in qa["answers"]]))
    return passages, questions


def hit_rate(rank, passages, questions) -> float:
    hits = 0
    for q, answers in questions:
        best = rank(q)
        if best is not None:
            text = _WS.sub("", passages[best][1])
            hits += any(a and a in text for a in answers)
    return hits / len(questions)


def rank_bm25_run(passages, questions, clean: bool) -> float:
    def tok(s: str) -> list[str]:
        words = jieba.lcut(s)
        if clean:
            words = [w for w in words if w.strip() and not _PUNCT.match(w) and w not in STOPWORDS]
        return words

    bm = BM25Okapi([tok(c) for _, c in passages])

    def rank(q: str):
        scores = bm.get_scores(tok(q))
        return int(scores.argmax())

    return hit_rate(rank, passages, questions)


def ours(passages, questions, options: TokenizerOptions, with_title: bool) -> float:
    t = Tokenizer(options)
    index = BM25Index()
    index.add((t.tokens(title) if with_title else []) + t.tokens(c) for title, c in passages)

    def rank(q: str):
        hits = index.top_k(t.tokens(q), 1)
        return hits[0].doc if hits else None

    return hit_rate(rank, passages, questions)


def pipeline(passages, questions) -> float:
    """The product path: contexts cut into chat-sized passages, `ask` with its no-answer rule."""
    import asyncio
    import tempfile

    from index import Library, SourceArticle

    async def run() -> float:
        with tempfile.TemporaryDirectory() as tmp:
            searcher = await Library.open(Path(tmp) / "cmrc.db", tokenizer=Tokenizer())
            try:
                await searcher.ingest([SourceArticle(t, (c,)) for t, c in passages])
                hits = 0
                for q, answers in questions:
                    result = (await searcher.ask(q)).result
                    if result is not None:
                        text = _WS.sub("", result.passage)
                        hits += any(a and a in text for a in answers)
                return hits / len(questions)
            finally:
                await searcher.close()

    return asyncio.run(run())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--quick", action="store_true", help="only the default configuration")
    args = ap.parse_args()
    passages, questions = load(args.data)
    print(f"{len(passages)} passages, {len(questions)} questions")
    jieba.setLogLevel(60)
    rows = []
    if not args.quick:
        rows.append(("rank-bm25, jieba.lcut tokens", lambda: rank_bm25_run(passages, questions, False)))
        rows.append(("rank-bm25, jieba.lcut, stopwords+punct removed", lambda: rank_bm25_run(passages, questions, True)))
        for hmm in (True, False):
            for bigrams in (False, True):
                for search in (False, True):
                    o = TokenizerOptions(hmm=hmm, bigrams=bigrams, search_mode=search)
                    rows.append((f"ours hmm={hmm} bigrams={bigrams} search={search} +title", lambda o=o: ours(passages, questions, o, True)))
        rows.append(("ours default, no title", lambda: ours(passages, questions, TokenizerOptions(), False)))
    rows.append(("ours default (+title)", lambda: ours(passages, questions, TokenizerOptions(), True)))
    rows.append(("ours, product pipeline: 300-char passages, no-answer rule on", lambda: pipeline(passages, questions)))
    for name, fn in rows:
        t0 = time.perf_counter()
        score = fn()
        print(f"{score:.4f}  {name}  ({time.perf_counter() - t0:.1f}s)", flush=True)


if __name__ == "__main__":
    main()
