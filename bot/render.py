"""Pure formatting for Telegram: HTML-escaped text, highlights, messages under 4096 UTF-16 units,
and inline keyboards whose callback data carry ids (always under 64 bytes)."""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from index.passages import cut_text
from index.search import Result, Summary
from index.store import StoredArticle
from index.tokenize import normalize

from . import messages

MAX_MESSAGE = 4096
MAX_CALLBACK_BYTES = 64
PAGE_SIZE = 3

# Callback data: "a:<article id>" opens an article, "s:<query id>:<page>" shows a page of results.
OPEN_ARTICLE = re.compile(r"^a:(\d{1,12})$")
SEARCH_PAGE = re.compile(r"^s:(\d{1,12}):(\d{1,4})$")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def _mark_words(text: str, words: Sequence[str]) -> list[bool]:
    """Which characters of text belong to an occurrence of a question word (normalized match)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    if len(folded) != len(text):
        folded = text.lower()
    converted = normalize(folded)
    if len(converted) == len(folded):
        folded = converted
    marks = [False] * len(text)
    useful = {w for w in words if len(w.strip()) >= 2} or {w for w in words if w.strip()}  # 1-char words are noise
    for word in sorted(useful, key=len, reverse=True):
        start = folded.find(word)
        while start >= 0:
            for i in range(start, start + len(word)):
                marks[i] = True
            start = folded.find(word, start + len(word))
    return marks


def _bold_runs(text: str, marks: list[bool]) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and marks[j] == marks[i]:
            j += 1
        piece = escape(text[i:j])
        out.append(f"<b>{piece}</b>" if marks[i] else piece)
        i = j
    return "".join(out)


def highlight(passage: str, sentence: str, words: Sequence[str]) -> str:
    """The passage as HTML: the answering sentence underlined, question words in bold."""
    marks = _mark_words(passage, words)
    start = passage.find(sentence) if sentence else -1
    if start < 0:
        return _bold_runs(passage, marks)
    end = start + len(sentence)
    return (
        _bold_runs(passage[:start], marks[:start])
        + "<u>" + _bold_runs(passage[start:end], marks[start:end]) + "</u>"
        + _bold_runs(passage[end:], marks[end:])
    )


def _source_line(title: str, date: str | None, source: str | None) -> str:
    return f"<b>《{escape(title)}》</b>\n{escape(messages.dateline(date, source))}"


def answer_html(result: Result, words: Sequence[str]) -> str:
    passage = highlight(result.passage, result.sentence, words)
    text = f"{passage}\n\n{_source_line(result.title, result.date, result.source)}"
    if utf16_len(text) > MAX_MESSAGE:  # passages are ~300 characters; this is a guard
        text = f"<u>{escape(result.sentence[:1000])}</u>\n\n{_source_line(result.title[:200], result.date, result.source)}"
    return text


def no_answer_html() -> str:
    return f"{escape(messages.NO_ANSWER)}\n{escape(messages.NO_ANSWER_HINT)}"


def open_article_button(article_id: int, label: str = "阅读全文") -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=f"a:{article_id}")


def answer_keyboard(result: Result) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[open_article_button(result.article_id)]])


def snippet(result: Result, limit: int = 120) -> str:
    text = result.sentence or result.passage
    return text if len(text) <= limit else text[: limit - 1] + "…"


def results_html(query: str, results: Sequence[Result], page: int, total: int, words: Sequence[str]) -> str:
    if not results:
        return escape(messages.NO_RESULTS.format(query=query[:100]))
    pages = max(1, -(-total // PAGE_SIZE))
    lines = [f"🔎 “{escape(query[:100])}”的搜索结果（第 {page + 1}/{pages} 页，共 {total} 条）"]
    for i, r in enumerate(results, page * PAGE_SIZE + 1):
        cut = snippet(r)
        lines.append(f"\n{i}. <b>《{escape(r.title)}》</b> {escape(messages.dateline(r.date, r.source))}")
        lines.append(_bold_runs(cut, _mark_words(cut, words)))
    return "\n".join(lines)


def results_keyboard(results: Sequence[Result], query_id: int, page: int, total: int) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    opens = [open_article_button(r.article_id, f"{i}. 全文") for i, r in enumerate(results, page * PAGE_SIZE + 1)]
    if opens:
        rows.append(opens)
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton("« 上一页", callback_data=f"s:{query_id}:{page - 1}"))
    if (page + 1) * PAGE_SIZE < total:
        nav.append(InlineKeyboardButton("下一页 »", callback_data=f"s:{query_id}:{page + 1}"))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows) if rows else None


def digest_html(items: Sequence[Summary]) -> str:
    if not items:
        return escape(messages.NO_ARTICLES)
    lines = ["📰 最新报道"]
    for i, s in enumerate(items, 1):
        lines.append(f"\n{i}. <b>《{escape(s.title)}》</b> {escape(messages.dateline(s.date, s.source))}")
        if s.summary:
            lines.append(escape(s.summary))
    return "\n".join(lines)


def digest_keyboard(items: Sequence[Summary]) -> InlineKeyboardMarkup | None:
    buttons = [open_article_button(s.article_id, f"{i}. 全文") for i, s in enumerate(items, 1)]
    rows = [buttons[i : i + 5] for i in range(0, len(buttons), 5)]
    return InlineKeyboardMarkup(rows) if rows else None


def article_messages(article: StoredArticle, limit: int = MAX_MESSAGE) -> list[str]:
    """The whole article as HTML messages, each at most limit UTF-16 units, none empty."""
    header = f"{_source_line(article.title[:300], article.date, article.source)}"
    budget = limit - 2
    chunks: list[str] = []
    current = header
    for paragraph in article.paragraphs:
        for piece in cut_text(paragraph, budget, size=lambda t: utf16_len(escape(t))):
            part = escape(piece)
            if utf16_len(current) + 2 + utf16_len(part) > limit:
                chunks.append(current)
                current = part
            else:
                current = f"{current}\n\n{part}" if current else part
    if current:
        chunks.append(current)
    return chunks


def inline_text(result: Result) -> str:
    return f"<b>《{escape(result.title)}》</b> {escape(messages.dateline(result.date, result.source))}\n\n{escape(result.passage)}"
