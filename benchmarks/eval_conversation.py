"""Follow-up questions: asked cold vs asked in a conversation, on the development archive of
benchmarks/tune_bm25.py (CMRC 2018 answering contexts among one- and two-sentence distractors).

A conversation is one CMRC context's questions in order: the first as written, the others made
*elliptical* (the article's title removed from the question, the way a reader drops the subject once
it is known: "《战国无双3》是由哪两个公司合作开发的" -> "是由哪两个公司合作开发的").  Measured:
- cold: every question alone (full, and elliptical);
- conversation: the elliptical follow-ups after the first question, remembering the articles of the
  last two answers (``Library.ask(question, recent)``), for several values of FOLLOW_UP_SHARE;
- interleaved: two stories' conversations alternating question by question;
- switching: full questions, each about another story than the one before (must not lose to cold).

    .venv/bin/python benchmarks/eval_conversation.py [--shares 0.3,0.5,0.7]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import index.answers as answers_module  # noqa: E402
from index import Library, SourceArticle, Tokenizer  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tune_bm25 import _WS, Question, build_archive  # noqa: E402

_BRACKETS = re.compile(r"[《》“”\"]")


def elliptical(question: str, title: str) -> str | None:
    """The question without its article's title, or None when it does not name it."""
    if title and title in question:
        left = _BRACKETS.sub("", question.replace(title, "", 1)).strip("，, 的")
        return left if len(left) >= 4 else None
    return None


def hit(result, q: Question) -> bool:
    return result is not None and any(a and a in _WS.sub("", result.passage) for a in q.answers)


async def ask(library: Library, text: str, recent: list[int]):
    answer = await library.ask(text, recent)
    return answer.result


async def run(shares: list[float], covers: list[float], news: list[float], newests: list[float]) -> None:
    articles, answering, _ = build_archive(0.25)
    records = [SourceArticle(title=a.title, paragraphs=a.paragraphs) for a in articles]
    stories: list[list[tuple[Question, str | None]]] = []  # per answering context: (question, elliptical form)
    for article, questions in zip(articles, answering):  # the answering contexts come first, in order
        if len(questions) >= 2:
            stories.append([(q, elliptical(q.text, article.title)) for q in questions])
    with tempfile.TemporaryDirectory() as tmp:
        library = await Library.open(Path(tmp) / "dev.db", tokenizer=Tokenizer())
        await library.ingest(records)
        follow = [(q, e) for story in stories for q, e in story[1:] if e]
        full_cold = sum([hit(await ask(library, q.text, []), q) for q, _ in follow])
        ell_cold = sum([hit(await ask(library, e, []), q) for q, e in follow])
        print(f"{len(stories)} stories; {len(follow)} elliptical follow-ups")
        print(f"cold, as written:   {full_cold / len(follow):.3f}")
        print(f"cold, elliptical:   {ell_cold / len(follow):.3f}")
        for share, cover, new, newest in [(s, c, n, w) for s in shares for c in covers for n in news for w in newests]:
            answers_module.FOLLOW_UP_SHARE, answers_module.FOLLOW_UP_COVERAGE = share, cover
            answers_module.NEW_SUBJECT, answers_module.NEWEST_STORY = new, newest
            conv = await _conversations(library, [[(q, e or q.text) for q, e in s] for s in stories], follow_only=True)
            inter = await _interleaved(library, stories)
            switch, switch_cold = await _switching(library, stories)
            print(f"share {share} coverage {cover} new subject {new} newest {newest}: conversation {conv:.3f}  interleaved {inter:.3f}  "
                  f"switching {switch:.3f} (cold {switch_cold:.3f})")
        await library.close()


async def _conversations(library: Library, stories: list[list[tuple[Question, str]]], follow_only: bool) -> float:
    hits = total = 0
    for story in stories:
        recent: list[int] = []
        for k, (q, text) in enumerate(story):
            result = await ask(library, q.text if k == 0 else text, recent)
            if result is not None:
                recent = [result.article_id] + [r for r in recent if r != result.article_id][:1]
            if k > 0 or not follow_only:
                hits += hit(result, q)
                total += 1
    return hits / max(total, 1)


async def _interleaved(library: Library, stories) -> float:
    hits = total = 0
    for a, b in zip(stories[::2], stories[1::2]):
        recent: list[int] = []
        turns = []
        for k in range(max(len(a), len(b))):
            for story in (a, b):
                if k < len(story):
                    q, e = story[k]
                    turns.append((q, q.text if k == 0 else (e or q.text), k > 0))
        for q, text, counted in turns:
            result = await ask(library, text, recent)
            if result is not None:
                recent = [result.article_id] + [r for r in recent if r != result.article_id][:1]
            if counted:
                hits += hit(result, q)
                total += 1
    return hits / max(total, 1)


async def _switching(library: Library, stories) -> tuple[float, float]:
    """Each story's second question as written, asked right after another story's first."""
    hits = cold = total = 0
    for prev, story in zip(stories, stories[1:]):
        first = await ask(library, prev[0][0].text, [])
        recent = [first.article_id] if first is not None else []
        q = story[1][0]
        hits += hit(await ask(library, q.text, recent), q)
        cold += hit(await ask(library, q.text, []), q)
        total += 1
    return hits / total, cold / total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shares", type=lambda s: [float(x) for x in s.split(",")], default=[0.2])
    ap.add_argument("--coverages", type=lambda s: [float(x) for x in s.split(",")], default=[0.2])
    ap.add_argument("--new-subject", type=lambda s: [float(x) for x in s.split(",")], default=[0.2])
    ap.add_argument("--newest", type=lambda s: [float(x) for x in s.split(",")], default=[2.0])
    args = ap.parse_args()
    asyncio.run(run(args.shares, args.coverages, args.new_subject, args.newest))


if __name__ == "__main__":
    main()
