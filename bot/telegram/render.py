"""Pure formatting for Telegram: HTML-escaped text, highlights from the results' spans, messages under
4096 UTF-16 units, and inline keyboards whose callback data carry ids (always under 64 bytes)."""

from __future__ import annotations

import html
import re
from typing import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from index import Result, Span, StoredArticle, Summary, cut_text

from .. import messages
from ..conversation import LatestList, ResultPage

MAX_MESSAGE = 4096
MAX_CALLBACK_BYTES = 64
# Stored text is cut before it is escaped and wrapped in tags, so that no message can outgrow 4096
# UTF-16 units and no entity is ever cut open: a title in a list, in an answer, a passage shared inline.
LIST_TITLE = 100
TITLE = 200
INLINE_PASSAGE = 1500

# Callback data: "a:<article id>" opens an article, "s:<search token>:<page>" shows a page of results
# (ASCII digits only: ``\d`` would also take full-width and other scripts' digits).
OPEN_ARTICLE = re.compile(r"^a:([0-9]{1,12})$")
_WEB_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)  # what Telegram takes for a URL button
SEARCH_PAGE = re.compile(r"^s:([A-Za-z0-9_-]{8,24}):([0-9]{1,3})$")
EDITION_PAGE = re.compile(r"^e:([0-9]{1,12}):([0-9]{1,3})$")  # a page of the edition of an article
ANOTHER = re.compile(r"^n:([A-Za-z0-9_-]{8,24}):([0-9]{1,12}):([0-9])$")  # 换一条: question, first article, which


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def _bold(text: str, spans: Sequence[Span], offset: int = 0) -> str:
    """``text`` (which starts at ``offset`` of the passage the spans point into) as HTML, the spans bold."""
    out: list[str] = []
    at = 0
    for start, end in spans:
        start, end = max(start - offset, at), min(end - offset, len(text))
        if start >= end:
            continue
        out.append(escape(text[at:start]))
        out.append(f"<b>{escape(text[start:end])}</b>")
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def highlight(result: Result) -> str:
    """The passage as HTML: the answering sentence underlined, question words in bold."""
    passage, spans = result.passage, result.highlights
    if result.sentence_span is None:
        return _bold(passage, spans)
    start, end = result.sentence_span
    return (_bold(passage[:start], spans) + "<u>" + _bold(passage[start:end], spans, start) + "</u>"
            + _bold(passage[end:], spans, end))


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, an ellipsis marking a cut (before escaping: tags stay whole)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _title(title: str, limit: int = TITLE) -> str:
    return f"<b>《{escape(clip(title, limit))}》</b>"


def _source_line(title: str, date: str | None, source: str | None) -> str:
    return f"{_title(title)}\n{escape(clip(messages.dateline(date, source), 100))}"


def answer_html(result: Result) -> str:
    text = f"{highlight(result)}\n\n{_source_line(result.title, result.date, result.source)}"
    if utf16_len(text) > MAX_MESSAGE:  # passages are ~300 characters; this is a guard
        text = f"<u>{escape(clip(result.sentence, 1000))}</u>\n\n{_source_line(result.title, result.date, result.source)}"
    return text


def no_answer_html() -> str:
    return f"{escape(messages.NO_ANSWER)}\n{escape(messages.NO_ANSWER_HINT)}"


def open_article_button(article_id: int, label: str | None = None) -> InlineKeyboardButton:
    return InlineKeyboardButton(label or messages.OPEN_ARTICLE, callback_data=f"a:{article_id}")


def answer_keyboard(result: Result, another: str | None = None, origin: int = 0,
                    alternative: int = 0) -> InlineKeyboardMarkup:
    """阅读全文, 阅读原文 (when the article has a web page), and 换一条 (when there may be another answer)."""
    row = [open_article_button(result.article_id)]
    if result.url and _WEB_URL.match(result.url) and len(result.url) <= 2048:
        row.append(InlineKeyboardButton(messages.READ_ORIGINAL, url=result.url))
    if another is not None:
        row.append(InlineKeyboardButton(messages.ANOTHER, callback_data=f"n:{another}:{origin}:{alternative}"))
    return InlineKeyboardMarkup([row])


def snippet(result: Result, limit: int = 120) -> tuple[str, int]:
    """The answering sentence (or the passage), cut to ``limit``, and where it starts in the passage."""
    if result.sentence and result.sentence_span is not None:
        text, offset = result.sentence, result.sentence_span[0]
    else:
        text, offset = result.sentence or result.passage, 0
    return clip(text, limit), offset


def results_html(found: ResultPage) -> str:
    query = found.text[:100]
    if not found.results:
        return escape(messages.NO_RESULTS.format(query=query))
    lines = [messages.RESULTS_HEADER.format(query=escape(query), page=found.page + 1, pages=found.pages,
                                            total=found.total)]
    for i, r in enumerate(found.results, found.first_number):
        text, offset = snippet(r)
        lines.append(f"\n{i}. {_title(r.title, LIST_TITLE)} {escape(clip(messages.dateline(r.date, r.source), 60))}")
        lines.append(_bold(text, r.highlights, offset))
    return "\n".join(lines)


def results_keyboard(found: ResultPage) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    opens = [open_article_button(r.article_id, messages.OPEN_NUMBERED.format(number=i))
             for i, r in enumerate(found.results, found.first_number)]
    if opens:
        rows.append(opens)
    nav = []
    if found.page > 0:
        nav.append(InlineKeyboardButton(messages.PREVIOUS_PAGE, callback_data=f"s:{found.search_id}:{found.page - 1}"))
    if found.has_next:
        nav.append(InlineKeyboardButton(messages.NEXT_PAGE, callback_data=f"s:{found.search_id}:{found.page + 1}"))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows) if rows else None


def digest_html(items: Sequence[Summary], header: str | None = None, start: int = 1) -> str:
    header = header or messages.LATEST_HEADER
    if not items:
        return escape(messages.NO_ARTICLES)
    lines = [escape(header)]
    for i, s in enumerate(items, start):
        lines.append(f"\n{i}. {_title(s.title, LIST_TITLE)} {escape(clip(messages.dateline(s.date, s.source), 60))}")
        if s.summary:
            lines.append(escape(clip(s.summary, 120)))
    return "\n".join(lines)


def digest_keyboard(items: Sequence[Summary], start: int = 1,
                    nav: list[InlineKeyboardButton] | None = None) -> InlineKeyboardMarkup | None:
    buttons = [open_article_button(s.article_id, messages.OPEN_NUMBERED.format(number=i))
               for i, s in enumerate(items, start)]
    rows = [buttons[i : i + 5] for i in range(0, len(buttons), 5)] + ([nav] if nav else [])
    return InlineKeyboardMarkup(rows) if rows else None


def latest_html(listed: LatestList) -> str:
    """The N newest articles, or a page of an edition with its date and size."""
    if listed.edition is None:
        if not listed.items and listed.date:
            return escape(messages.NO_EDITION.format(date=listed.date))
        return digest_html(listed.items)
    page = messages.EDITION_PAGE.format(page=listed.page + 1, pages=listed.pages) if listed.pages > 1 else ""
    header = messages.EDITION_HEADER.format(date=listed.date or messages.UNDATED_EDITION, total=listed.total, page=page)
    return digest_html(listed.items, header, listed.offset + 1)


def latest_keyboard(listed: LatestList) -> InlineKeyboardMarkup | None:
    nav = []
    if listed.edition is not None and listed.page > 0:
        nav.append(InlineKeyboardButton(messages.PREVIOUS_PAGE, callback_data=f"e:{listed.edition}:{listed.page - 1}"))
    if listed.edition is not None and listed.page + 1 < listed.pages:
        nav.append(InlineKeyboardButton(messages.NEXT_PAGE, callback_data=f"e:{listed.edition}:{listed.page + 1}"))
    return digest_keyboard(listed.items, listed.offset + 1, nav)


def article_messages(article: StoredArticle, limit: int = MAX_MESSAGE) -> list[str]:
    """The whole article as HTML messages, each at most limit UTF-16 units, none empty."""
    header = _source_line(article.title, article.date, article.source)
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
    return (f"{_title(result.title)} {escape(clip(messages.dateline(result.date, result.source), 100))}\n\n"
            f"{escape(clip(result.passage, INLINE_PASSAGE))}")


def inline_summary(s: Summary) -> str:
    return f"{_title(s.title)} {escape(clip(messages.dateline(s.date, s.source), 100))}\n\n{escape(clip(s.summary, 300))}"


def stats_html(articles: int, passages: int, terms: int, newest: str | None) -> str:
    return escape(messages.STATS.format(articles=articles, passages=passages, terms=terms,
                                        newest=newest or messages.UNDATED))
