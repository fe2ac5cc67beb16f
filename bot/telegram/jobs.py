"""JobQueue jobs: pick up what other processes stored, poll feeds, ingest dropped files, and the two
broadcasts (pushes to followers, daily digests).

A broadcast may go to thousands of chats and take minutes at Telegram's pace, longer than the
interval of the job that starts it; so a job starts its broadcast as a background *round* (never two
of one kind at once) and returns.  A round sends through the throttle's bulk lane with a few messages
in flight, records each chat as done right after its message went out (a restart resumes where it
stopped, nothing is lost), drops the chats that blocked the bot, and ends early when the bot stops.
"""

from __future__ import annotations

import asyncio
import html
import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Iterable

from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from index import NewsbotError, Summary, articles_since, ingest_dropped, new_matches, newest_passage, poll_feeds, summary_of

from .. import messages
from . import render
from .context import NewsContext
from .throttle import BULK

__all__ = ["refresh", "send_digests", "poll_feeds_job", "watch_job", "DIGEST_ITEMS", "SENDERS"]

log = logging.getLogger(__name__)

DIGEST_ITEMS = 10  # newest articles in one digest
SENDERS = 16  # broadcast messages in flight at once (the throttle spaces them out)


@dataclass(frozen=True)
class Delivery:
    """How one chat's broadcast message went."""

    chat_id: int
    sent: bool
    gone: bool = False  # the chat blocked the bot or no longer exists: forget it


def start_round(context: NewsContext, name: str, work: Callable[[NewsContext], Awaitable[None]]) -> None:
    """Run ``work`` in the background unless a round of that name is still going, or the bot is stopping
    (a job may still fire between ``Application.stop`` clearing ``running`` and stopping the JobQueue: a
    task created then is never awaited; the round runs again at the next start, where it left off)."""
    if not context.application.running:
        return
    rounds = context.bot_data.rounds
    running = rounds.get(name)
    if running is not None and not running.done():
        return
    rounds[name] = context.application.create_task(work(context), name=name)


async def deliver(context: NewsContext, chat_id: int, text: str, markup: Any, kind: str) -> Delivery:
    """One broadcast message (``kind``: follow, digest) through the bulk lane, counted."""
    delivery = await _deliver(context, chat_id, text, markup)
    context.monitor.pushes.labels(kind, "sent" if delivery.sent else "failed").inc()
    return delivery


async def _deliver(context: NewsContext, chat_id: int, text: str, markup: Any) -> Delivery:
    """429s are waited out by the throttle; a failure on the way is not marked sent (the chat gets it on
    the next round)."""
    try:
        await context.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, disable_web_page_preview=True,
                                       reply_markup=markup, rate_limit_args=BULK)
        return Delivery(chat_id, True)
    except Forbidden:
        return Delivery(chat_id, False, gone=True)
    except BadRequest as e:
        if "chat not found" in str(e).lower():
            return Delivery(chat_id, False, gone=True)
        log.warning("broadcast to chat %s refused: %s", chat_id, e)
        return Delivery(chat_id, True)  # it would be refused again: do not retry it every round
    except TelegramError as e:
        log.warning("broadcast to chat %s failed, kept for the next round: %s: %s", chat_id, type(e).__name__, e)
        return Delivery(chat_id, False)


async def each_chat(context: NewsContext, chat_ids: Iterable[int], send: Callable[[int], Awaitable[Delivery]],
                    record: Callable[[Delivery], Awaitable[None]]) -> int:
    """``send`` to every chat, ``SENDERS`` at a time, ``record`` each outcome; stops starting new sends
    when the bot stops.  Returns how many were sent."""
    gate = asyncio.Semaphore(SENDERS)
    sent = 0

    async def one(chat_id: int) -> None:
        nonlocal sent
        async with gate:
            if not context.application.running:
                return
            delivery = await send(chat_id)
            if delivery.gone:
                log.info("chat %s blocked the bot or is gone: its subscriptions are dropped", chat_id)
                await context.conversation.chats.forget_chat(chat_id)
            await record(delivery)
            sent += delivery.sent

    await asyncio.gather(*(one(c) for c in chat_ids))
    return sent


# -- other processes, feeds, the watched folder -------------------------------------------------

async def refresh(context: NewsContext) -> None:
    """Index the articles other processes (an ingest, a feed fetch) stored since, then push new
    articles to the readers who follow words they match."""
    library, monitor = context.conversation.library, context.monitor
    try:
        added = await library.refresh()
        stats = await library.stats()
    except NewsbotError as e:  # the store cannot be read: /healthz says so; the next run tries again
        monitor.store_seen(e)
        log.warning("could not refresh from the store: %s", e)
        return
    monitor.store_seen()
    monitor.articles.set(stats.articles)
    monitor.passages.set(stats.passages)
    monitor.index_lag.set(stats.lag)
    if added:
        log.info("picked up %d new passages stored by another process", added)
    start_round(context, "pushes", push_follows)


async def poll_feeds_job(context: NewsContext) -> None:
    """Poll the feeds that are due; what is new is ingested (and answerable) at once."""
    registry = context.bot_data.feeds
    if registry is None:
        return
    for report in await poll_feeds(context.conversation.library, registry):
        context.monitor.feed_fetches.labels("error" if report.error else "ok").inc()
        if report.error:
            log.warning("feed %s: %s", report.url, report.error)
        elif report.new_articles:
            log.info("feed %s: %d new articles", report.url, report.new_articles)


async def watch_job(context: NewsContext) -> None:
    """Ingest the files dropped into the watched folder."""
    folder = context.settings.watch_dir
    if folder is not None and folder.is_dir():
        await ingest_dropped(context.conversation.library, folder)


# -- broadcasts ----------------------------------------------------------------------------------

async def push_follows(context: NewsContext) -> None:
    """Every article stored since the last round that matches a follower's words goes to them."""
    chats, library = context.conversation.chats, context.conversation.library
    cursor = await chats.push_cursor()
    followers = await chats.followers()
    if cursor is None or not followers:  # nothing older than now is pushed
        await chats.set_push_cursor(await newest_passage(library))
        return
    newest, matches = await new_matches(library, list(followers), cursor)

    async def nothing_to_record(delivery: Delivery) -> None:  # the cursor moves once the round is done
        return None

    for match in matches:
        text = f"{html.escape(messages.PUSH_HEADER.format(words=match.query))}\n\n{render.answer_html(match.result)}"
        markup = render.answer_keyboard(match.result)
        await each_chat(context, followers[match.query], lambda c: deliver(context, c, text, markup, "follow"),
                        nothing_to_record)
        if not context.application.running:
            return  # the cursor stays: the next start pushes this round again
    await chats.set_push_cursor(newest)


async def send_digests(context: NewsContext) -> None:
    """A job: start a digest round unless one is going."""
    start_round(context, "digests", digest_round)


async def digest_round(context: NewsContext) -> None:
    """The daily digests whose time has come, each with the articles added since that chat's last one."""
    chats, library = context.conversation.chats, context.conversation.library
    now = context.now()
    today = now.date().isoformat()
    due = await chats.due_digests(today, now.strftime("%H:%M"))
    if not due:
        return
    digests: dict[int, tuple[int, list[Summary]]] = {}  # subscribers mostly share their last cursor
    for after in sorted({after for _, after in due}):
        newest, article_ids = await articles_since(library, after)
        items = [summary_of(a) for i in article_ids[-DIGEST_ITEMS:] if (a := await library.article(i)) is not None]
        digests[after] = (newest, items)
    cursors = dict(due)

    async def send(chat_id: int) -> Delivery:
        items = digests[cursors[chat_id]][1]
        if not items:
            return Delivery(chat_id, True)  # nothing new: the day is done all the same
        return await deliver(context, chat_id, render.digest_html(items, messages.DIGEST_HEADER),
                             render.digest_keyboard(items), "digest")

    async def record(delivery: Delivery) -> None:
        if delivery.sent:
            await chats.digest_sent(delivery.chat_id, today, digests[cursors[delivery.chat_id]][0])

    sent = await each_chat(context, [chat_id for chat_id, _ in due], send, record)
    log.info("digest round: %d of %d due chats done", sent, len(due))
