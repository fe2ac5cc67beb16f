"""What any reader input gets, decided once for every front end (Telegram, the console).

Front ends parse input into calls here and render the plain values returned: an answer, no answer,
a page of results, the latest list, an article, a usage line, a stale button.  No Telegram types, no
formatting; the limits readers meet (question length, /latest range, page size) live here.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from index import MIN_COVERAGE, Library, edition, Query, Result, Stats, StoredArticle, Summary, in_script, newest_passage, \
    reader_script

from .chat_state import ChatState

__all__ = [
    "Conversation", "Reply", "Answered", "NoAnswer", "EmptyQuestion", "ResultPage", "LatestList", "ArticleView",
    "ArticleGone", "Usage", "StaleButton", "StatsView", "NotAdmin", "InlineResults", "Following", "Subscribed",
    "MAX_QUESTION", "LATEST_DEFAULT", "LATEST_MAX", "PAGE_SIZE", "SEARCH_DEPTH",
]

log = logging.getLogger(__name__)

MAX_QUESTION = 300  # characters of a question that are used; longer input is cut, not refused
LATEST_DEFAULT = 5
LATEST_MAX = 10
PAGE_SIZE = 3  # search results per page
SEARCH_DEPTH = 300  # results counted (and reachable by paging) per search
INLINE_RESULTS = 5
EDITION_PAGE = 10  # articles of an edition per message
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_ALTERNATIVES = 5  # "换一条" offers at most this many other answers


@dataclass(frozen=True)
class Answered:
    result: Result
    query: Query
    another: str | None = None  # the saved question a "换一条" button carries (None: no button)
    origin: int = 0  # the article of the first answer (alternatives come from other articles)
    alternative: int = 0  # which alternative the button shows next


@dataclass(frozen=True)
class NoAnswer:
    query: Query


@dataclass(frozen=True)
class EmptyQuestion:
    """The input has no word to look for (only punctuation, stopwords, or nothing)."""


@dataclass(frozen=True)
class ResultPage:
    text: str  # what the reader searched for
    query: Query
    results: tuple[Result, ...]
    page: int  # 0-based
    total: int
    search_id: str  # the saved search's token: what a button names to show another page

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    @property
    def first_number(self) -> int:
        return self.page * PAGE_SIZE + 1

    @property
    def has_next(self) -> bool:
        return (self.page + 1) * PAGE_SIZE < self.total


@dataclass(frozen=True)
class LatestList:
    items: tuple[Summary, ...]  # this page's
    edition: int | None = None  # an article of the edition listed (None: the N newest articles)
    date: str | None = None  # the edition's date (None: undated, or not an edition)
    page: int = 0
    total: int = 0  # articles in the edition

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // EDITION_PAGE))

    @property
    def offset(self) -> int:
        return self.page * EDITION_PAGE


@dataclass(frozen=True)
class ArticleView:
    article: StoredArticle


@dataclass(frozen=True)
class ArticleGone:
    article_id: int


@dataclass(frozen=True)
class Usage:
    command: str  # the command whose usage line the reader needs


@dataclass(frozen=True)
class StaleButton:
    """A button from an old message, another version, or forged."""


@dataclass(frozen=True)
class StatsView:
    stats: Stats


@dataclass(frozen=True)
class NotAdmin:
    pass


@dataclass(frozen=True)
class InlineResults:
    results: tuple[Result, ...] = ()  # for words
    latest: tuple[Summary, ...] = ()  # for an empty inline query


@dataclass(frozen=True)
class Following:
    """The answer to /follow, /unfollow and /subscriptions: the words concerned and what holds now."""

    words: str
    done: bool  # followed (or unfollowed) now; False: it already was (or was not)
    follows: tuple[str, ...] = ()  # all the words the chat follows
    full: bool = False  # the chat follows as many as it may


Reply = Union[Answered, NoAnswer, EmptyQuestion, ResultPage, LatestList, ArticleView, ArticleGone, Usage, StaleButton,
              StatsView, NotAdmin, InlineResults, Following]
MAX_FOLLOW_WORDS = 50  # characters of followed words
DEFAULT_DIGEST = "08:00"
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")


@dataclass(frozen=True)
class Subscribed:
    at: str | None  # HH:MM, or None: no digest (after /unsubscribe, or none to cancel)
    changed: bool


class Conversation:
    """The reader-facing behaviour over a library and the chats' state."""

    def __init__(self, library: Library, chats: ChatState, admin_ids: frozenset[int] = frozenset()) -> None:
        self.library = library
        self.chats = chats
        self.admin_ids = admin_ids

    @classmethod
    async def open(cls, db_path: Path, admin_ids: frozenset[int] = frozenset()) -> Conversation:
        """The library on ``db_path`` (seeded when empty; jieba loads off the event loop) and the
        chats' state on the same file."""
        library = await Library.open(db_path, seed=True)
        try:
            chats = await ChatState.open(db_path)
        except BaseException:
            await library.close()
            raise
        log.info("search index ready: %d passages", len(library.index))
        return cls(library, chats, admin_ids)

    async def close(self) -> None:
        await self.chats.close()
        await self.library.close()

    async def ask(self, text: str, chat_id: int | None = None, language: str | None = None,
                  today: dt.date | None = None) -> Answered | NoAnswer | EmptyQuestion:
        """A question; in a chat, a follow-up of the last answers when it is about their story.  The
        answer comes in the reader's script (traditional for a traditional question or app)."""
        question = text.strip()[:MAX_QUESTION]
        recent = await self.chats.recent(chat_id) if chat_id is not None else []
        answer = await self.library.ask(question, recent, today)
        if answer.query.empty:
            return EmptyQuestion()
        if answer.result is None:
            return NoAnswer(answer.query)
        result = in_script(answer.result, reader_script(question, language))
        if chat_id is None:
            return Answered(result, answer.query)
        await self.chats.remember(chat_id, result.article_id)
        token = await self.chats.save_search(chat_id, question)
        return Answered(result, answer.query, token, result.article_id)

    async def another(self, chat_id: int, token: str, origin: int, alternative: int,
                      language: str | None = None) -> Answered | NoAnswer | StaleButton:
        """"换一条": the ``alternative``-th best answer from an article other than ``origin`` (and the
        ones before it)."""
        question = await self.chats.search_text(chat_id, token)
        if question is None or not 0 <= alternative < MAX_ALTERNATIVES:
            return StaleButton()
        found = await self.library.search(question, SEARCH_DEPTH // 10)
        seen, answers = {origin}, []
        for result in found.results:
            if result.article_id not in seen and result.coverage >= MIN_COVERAGE / 2:  # the reader wants others
                answers.append(result)
            seen.add(result.article_id)
        if alternative >= len(answers):
            return NoAnswer(found.query)
        result = in_script(answers[alternative], reader_script(question, language))
        await self.chats.remember(chat_id, result.article_id)
        next_one = alternative + 1 if alternative + 1 < min(len(answers), MAX_ALTERNATIVES) else None
        return Answered(result, found.query, token if next_one is not None else None, origin, next_one or 0)

    async def search(self, chat_id: int, text: str) -> ResultPage | EmptyQuestion | Usage:
        text = text.strip()[:MAX_QUESTION]
        if not text:
            return Usage("search")
        return await self._page(chat_id, text, 0) or EmptyQuestion()

    async def turn_page(self, chat_id: int, search_id: str, page: int) -> ResultPage | StaleButton:
        """Another page of this chat's saved search (from a button); anything else is stale."""
        if not 0 <= page < SEARCH_DEPTH // PAGE_SIZE:  # deeper pages are never offered: forged
            return StaleButton()
        text = await self.chats.search_text(chat_id, search_id)
        found = await self._page(chat_id, text, page) if text is not None else None
        return found if found is not None and found.results else StaleButton()

    async def _page(self, chat_id: int, text: str, page: int) -> ResultPage | None:
        found = await self.library.search(text, PAGE_SIZE, page * PAGE_SIZE, SEARCH_DEPTH)
        if found.query.empty:
            return None
        search_id = await self.chats.save_search(chat_id, text)
        return ResultPage(text, found.query, found.results, page, found.total, search_id)

    async def latest(self, arg: str | None = None) -> LatestList | Usage:
        """No argument: the newest edition (all its articles, paged); YYYY-MM-DD: that date's edition;
        a number N: the N newest articles."""
        if arg is None:
            return await self.edition_page(None, 0) or LatestList(())
        arg = arg.strip()
        if _DAY.match(arg):
            return await self.edition_page(None, 0, date=arg) or LatestList((), date=arg)
        if not (arg.isascii() and arg.isdigit()) or not 1 <= int(arg) <= LATEST_MAX:
            return Usage("latest")
        return LatestList(tuple(await self.library.latest(int(arg))))

    async def edition_page(self, of_article: int | None, page: int, date: str | None = None) -> LatestList | None:
        """A page of an edition (the newest, a date's, or an article's); None when there is none."""
        found = await edition(self.library, date, of_article)
        if found is None or not 0 <= page * EDITION_PAGE < len(found.items):
            return None
        items = found.items[page * EDITION_PAGE : (page + 1) * EDITION_PAGE]
        return LatestList(items, found.key, found.date, page, len(found.items))

    async def article(self, article_id: int) -> ArticleView | ArticleGone:
        article = await self.library.article(article_id)
        return ArticleView(article) if article is not None else ArticleGone(article_id)

    async def stats(self, user_id: int | None) -> StatsView | NotAdmin:
        if user_id is None or user_id not in self.admin_ids:
            return NotAdmin()
        return StatsView(await self.library.stats())

    async def follow(self, chat_id: int, text: str) -> Following | Usage | EmptyQuestion:
        words = " ".join(text.split())[:MAX_FOLLOW_WORDS]
        if not words:
            return Usage("follow")
        if (await self.library.search(words, 1)).query.empty:
            return EmptyQuestion()
        added = await self.chats.follow(chat_id, words)
        if added and await self.chats.push_cursor() is None:  # what is stored from now on is pushed
            await self.chats.set_push_cursor(await newest_passage(self.library))
        return Following(words, bool(added), tuple(await self.chats.follows(chat_id)), full=added is None)

    async def unfollow(self, chat_id: int, text: str) -> Following | Usage:
        words = " ".join(text.split())[:MAX_FOLLOW_WORDS]
        if not words:
            return Usage("unfollow")
        removed = await self.chats.unfollow(chat_id, words)
        return Following(words, removed, tuple(await self.chats.follows(chat_id)))

    async def subscriptions(self, chat_id: int) -> Following:
        return Following("", False, tuple(await self.chats.follows(chat_id)))

    async def subscribe(self, chat_id: int, arg: str | None, now: dt.datetime) -> Subscribed | Usage:
        """A daily digest at HH:MM (in ``now``'s time zone) of the articles added since the last one."""
        at = DEFAULT_DIGEST
        if arg:
            m = _CLOCK.match(arg.strip())
            if not m:
                return Usage("subscribe")
            at = f"{int(m.group(1)):02d}:{m.group(2)}"
        today = now.date().isoformat()
        await self.chats.subscribe(chat_id, at, await newest_passage(self.library),
                                   today if now.strftime("%H:%M") >= at else None)
        return Subscribed(at, True)

    async def unsubscribe(self, chat_id: int) -> Subscribed:
        return Subscribed(None, await self.chats.unsubscribe(chat_id))

    async def inline(self, text: str) -> InlineResults:
        text = text.strip()[:MAX_QUESTION]
        if text:
            return InlineResults(results=(await self.library.search(text, INLINE_RESULTS)).results)
        return InlineResults(latest=tuple(await self.library.latest(INLINE_RESULTS)))
