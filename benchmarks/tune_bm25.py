"""Choose k1, b, epsilon and passage shaping on a development archive with distractors.

The archive (built here, deterministic): CMRC 2018 dev contexts split in two by a seeded shuffle. A quarter
are the *answering* articles (their questions are asked); the rest are *distractors*, each
context cut into paragraphs of one or two sentences (short passages of mixed length that repeat
common question words, as a news archive has).  The seed page's articles are added too, with its
27 answerable questions.

For every passage shaping (the minimum passage length up to which consecutive short paragraphs of
one article are merged) the corpus is tokenized once; for every (k1, b, epsilon) our BM25 index is
built and each question's top passage checked: a CMRC hit when it holds one of the answers; a seed
hit when it holds the answer and its article has the gold title.

    .venv/bin/python benchmarks/tune_bm25.py [--k1 0.5,0.8,1.2,1.5] [--b 0.3,0.5,0.75] [--min-chars 0,80,160]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from index import SEEDS_DIR  # noqa: E402
from index.answers import focus  # noqa: E402
from index.ranking.bm25 import BM25Index  # noqa: E402
from index.ranking.segments import BM25Params  # noqa: E402
from index.sources.files import read_all  # noqa: E402
from index.text.passages import split_passages, split_sentences  # noqa: E402
from index.text.tokenize import Tokenizer  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Article:
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    text: str
    answers: tuple[str, ...]
    title: str | None  # the seed's questions also need the right title


def build_archive(share: float, seed: int = 7) -> tuple[list[Article], list[list[Question]], list[Question]]:
    """(articles, the answering contexts' questions one list per context, the seed's questions)."""
    data = json.loads((EVAL / "cmrc2018" / "cmrc2018_dev.json").read_text(encoding="utf-8"))["data"]
    rng = random.Random(seed)
    order = list(range(len(data)))
    rng.shuffle(order)
    half = int(len(order) * share)
    articles: list[Article] = []
    stories: list[list[Question]] = []
    for i in order[:half]:
        for para in data[i]["paragraphs"]:
            articles.append(Article(data[i]["title"], (para["context"],)))
            stories.append([Question(qa["question"], tuple(_WS.sub("", a["text"]) for a in qa["answers"]), None)
                            for qa in para["qas"]])
    for i in order[half:]:
        for para in data[i]["paragraphs"]:
            sentences = split_sentences(para["context"])
            paragraphs, k = [], 0
            while k < len(sentences):
                n = rng.choice((1, 2))
                paragraphs.append("".join(sentences[k : k + n]))
                k += n
            articles.append(Article(data[i]["title"], tuple(paragraphs)))
    for record in read_all([SEEDS_DIR])[0]:
        articles.append(Article(record.title, record.paragraphs))
    seed_qs = []
    for line in (EVAL / "seed_qa.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("answer"):
            seed_qs.append(Question(row["question"], (_WS.sub("", row["answer"]),), _WS.sub("", row["title"])))
    return articles, stories, seed_qs


def shape(articles: list[Article], tokenizer: Tokenizer, min_chars: int) -> tuple[list[str], list[str], list[list[str]]]:
    texts, titles, tokens = [], [], []
    for a in articles:
        title_terms = tokenizer.tokens(a.title)
        for p in split_passages(a.paragraphs, min_chars=min_chars):
            texts.append(_WS.sub("", p))
            titles.append(_WS.sub("", a.title))
            tokens.append(title_terms + tokenizer.tokens(p))
    return texts, titles, tokens


def score(index: BM25Index, tokenizer: Tokenizer, queries: list[Question], texts: list[str], titles: list[str]) -> float:
    hits = 0
    for q in queries:
        terms = focus(index, tokenizer.query(q.text)).terms
        top = index.top_k(list(terms), 1) if terms else []
        if top:
            doc = top[0].doc
            hits += any(a and a in texts[doc] for a in q.answers) and (q.title is None or q.title in titles[doc])
    return hits / len(queries)


def floats(raw: str) -> list[float]:
    return [float(x) for x in raw.split(",")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--k1", type=floats, default=floats("0.3,0.5,0.8,1.2,1.5"))
    ap.add_argument("--b", type=floats, default=floats("0.2,0.35,0.5,0.75"))
    ap.add_argument("--epsilon", type=floats, default=floats("0.25"))
    ap.add_argument("--answering", type=float, default=0.25, help="share of CMRC contexts that answer (the rest distract)")
    ap.add_argument("--min-chars", type=lambda s: [int(x) for x in s.split(",")], default=[0, 80, 120, 160])
    args = ap.parse_args()
    tokenizer = Tokenizer()
    tokenizer.initialize()
    articles, stories, seed_qs = build_archive(args.answering)
    cmrc = [q for story in stories for q in story]
    print(f"archive: {len(articles)} articles; {len(cmrc)} CMRC questions, {len(seed_qs)} seed questions")
    print("min_chars  k1    b     eps   passages  avg_len  CMRC hit@1  seed hit@1")
    for min_chars in args.min_chars:
        start = time.perf_counter()
        texts, titles, tokens = shape(articles, tokenizer, min_chars)
        lengths = sorted(len(t) for t in tokens)
        for k1 in args.k1:
            for b in args.b:
                for eps in args.epsilon:
                    index = BM25Index(BM25Params(k1, b, eps))
                    index.add(tokens)
                    index.flush()
                    print(f"{min_chars:9d}  {k1:<4}  {b:<4}  {eps:<4}  {len(tokens):8d}  {sum(lengths) / len(lengths):7.1f}"
                          f"  {score(index, tokenizer, cmrc, texts, titles):10.3f}"
                          f"  {score(index, tokenizer, seed_qs, texts, titles):10.3f}", flush=True)
        print(f"# shaping {min_chars}: {time.perf_counter() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main()
