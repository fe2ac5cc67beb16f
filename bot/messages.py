"""User-facing Chinese text shared by the console and the Telegram bot, and plain-text formatting."""

from __future__ import annotations

from typing import Sequence

from index.search import Result, Summary

NO_ANSWER = "抱歉，没有找到能回答这个问题的报道。"
NO_ANSWER_HINT = "可以换个说法，或用 /search 关键词 搜索，用 /latest 看最新报道。"
NO_RESULTS = "没有找到与“{query}”相关的报道。"
EMPTY_QUESTION = "请用中文输入一个问题，例如：安全生产月启动仪式是哪天举行的？"
NO_ARTICLES = "资料库里还没有报道。"
UNDATED = "日期不详"

CONSOLE_HELP = """newsbot 新闻问答（输入问题后按回车）
  直接输入问题          回答问题，并给出出处
  /search 关键词        搜索报道
  /latest [条数]        最新报道
  /article 编号         阅读全文
  /help                 显示本帮助
  /quit                 退出"""


def dateline(date: str | None, source: str | None) -> str:
    parts = [date or UNDATED]
    if source:
        parts.append(source)
    return " · ".join(parts)


def plain_answer(result: Result) -> str:
    return (
        f"答：{result.sentence}\n\n"
        f"出处：《{result.title}》（{dateline(result.date, result.source)}，文章编号 {result.article_id}）\n"
        f"原文：{result.passage}"
    )


def plain_results(query: str, results: Sequence[Result], offset: int = 0) -> str:
    if not results:
        return NO_RESULTS.format(query=query)
    lines = [f"“{query}”的搜索结果："]
    for i, r in enumerate(results, offset + 1):
        lines.append(f"{i}. 《{r.title}》（{dateline(r.date, r.source)}，文章编号 {r.article_id}）")
        lines.append(f"   {r.sentence}")
    return "\n".join(lines)


def plain_latest(items: Sequence[Summary]) -> str:
    if not items:
        return NO_ARTICLES
    lines = ["最新报道："]
    for i, s in enumerate(items, 1):
        lines.append(f"{i}. 《{s.title}》（{dateline(s.date, s.source)}，文章编号 {s.article_id}）")
        if s.summary:
            lines.append(f"   {s.summary}")
    return "\n".join(lines)
