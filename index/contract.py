"""The JSON contract other tools rely on (``newsbot ... --json``), built in this one place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from .model import IngestReport, Result, StoredArticle, Summary

if TYPE_CHECKING:
    from .feeds import Feed, FeedReport

__all__ = ["result_json", "answer_json", "search_json", "latest_json", "articles_json", "ingest_json", "feeds_json",
           "fetch_json"]

Json = dict[str, Any]


def result_json(r: Result) -> Json:
    return {"title": r.title, "passage": r.passage, "sentence": r.sentence, "score": round(r.score, 6),
            "article_id": r.article_id, "date": r.date, "source": r.source, "url": r.url}


def answer_json(question: str, result: Result | None) -> Json:
    return {"question": question, "answer": result_json(result) if result else None}


def search_json(query: str, results: Sequence[Result]) -> Json:
    return {"query": query, "results": [result_json(r) for r in results]}


def latest_json(items: Sequence[Summary]) -> Json:
    return {"articles": [{"article_id": s.article_id, "title": s.title, "date": s.date, "source": s.source,
                          "summary": s.summary} for s in items]}


def articles_json(articles: Sequence[StoredArticle]) -> Json:
    return {"articles": [{"article_id": a.id, "title": a.title, "date": a.date, "source": a.source, "url": a.url,
                          "paragraphs": list(a.paragraphs)} for a in articles]}


def ingest_json(report: IngestReport, seconds: float) -> Json:
    return {"files": report.files, "articles_read": report.articles_read, "articles_added": report.articles_added,
            "duplicates": report.duplicates, "passages_added": report.passages_added, "seconds": round(seconds, 2)}


def feeds_json(feeds: Sequence[Feed]) -> Json:
    return {"feeds": [{"url": f.url, "name": f.name, "every_seconds": f.every, "last_fetch": f.last_fetch,
                       "error": f.last_error} for f in feeds]}


def fetch_json(reports: Sequence[FeedReport]) -> Json:
    return {"feeds": [{"url": r.url, "new_articles": r.new_articles, "error": r.error} for r in reports]}
