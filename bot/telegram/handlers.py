"""Telegram callbacks: parse the update, ask the conversation, render the reply.  No SQL, no
decisions about what a reader gets (``bot.conversation`` makes those)."""

from __future__ import annotations

import asyncio
import html
import logging
import re
import tempfile
import uuid
from pathlib import Path
from typing import Awaitable, Callable, TypeVar

from telegram import CallbackQuery, InlineKeyboardMarkup, InlineQueryResultArticle, InputTextMessageContent, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError

from index import SourceError

from .. import messages
from ..budget import Verdict
from ..chat_state import MAX_FOLLOWS
from ..conversation import (
    Answered,
    ArticleGone,
    ArticleView,
    EmptyQuestion,
    Following,
    LATEST_MAX,
    LatestList,
    NoAnswer,
    ResultPage,
    StaleButton,
    StatsView,
    Usage,
)
from . import render
from .context import NewsContext

log = logging.getLogger(__name__)
T = TypeVar("T")


RETRY_DELAY = 0.5  # seconds before the one retry of a failed send


async def once_more(send: Callable[[], Awaitable[T]]) -> T:
    """A send that failed on the way (Bot API 5xx, a dropped connection, a timeout) is tried once more;
    a refusal (400, 403) is not: it would fail again."""
    try:
        return await send()
    except BadRequest:
        raise
    except NetworkError as e:
        log.warning("sending failed (%s: %s); trying once more", type(e).__name__, e)
        await asyncio.sleep(RETRY_DELAY)
        return await send()


async def reply(message: Message, text: str, **kwargs) -> Message:
    return await once_more(lambda: message.reply_text(text, parse_mode=ParseMode.HTML,
                                                      disable_web_page_preview=True, **kwargs))


def usage_html(command: str) -> str:
    return messages.usage(command, "<code>", "</code>", LATEST_MAX)


async def reader_language(update: Update, context: NewsContext) -> None:
    """Before any other handler: the replies to this update speak the reader's language."""
    user = update.effective_user
    messages.use_language(user.language_code if user else None)


async def over_budget(update: Update, context: NewsContext) -> bool:
    """Whether this reader has spent their budget (then they are told once, and the rest is dropped)."""
    user = update.effective_user
    if user is None:
        return False
    verdict = context.budget.take(user.id)
    if verdict is Verdict.ALLOW:
        return False
    if verdict is Verdict.SLOW_DOWN:
        text = messages.SLOW_DOWN.format(seconds=context.budget.wait_seconds(user.id))
        if update.callback_query is not None:
            await update.callback_query.answer(text)
        elif update.inline_query is not None:
            await update.inline_query.answer([], cache_time=0, is_personal=True)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(text)
    return True


async def start(update: Update, context: NewsContext) -> None:
    if update.effective_message:
        await reply(update.effective_message, messages.GREETING + messages.HELP_HTML)


async def help_command(update: Update, context: NewsContext) -> None:
    if update.effective_message:
        await reply(update.effective_message, messages.HELP_HTML)


def answered_markup(outcome: Answered):
    return render.answer_keyboard(outcome.result, outcome.another, outcome.origin, outcome.alternative)


async def answer_question(message: Message, text: str, context: NewsContext) -> None:
    monitor = context.monitor
    monitor.questions.inc()
    with monitor.latency.time():
        user = message.from_user
        outcome = await context.conversation.ask(text, message.chat.id, user.language_code if user else None,
                                                 context.now().date())
        if isinstance(outcome, Answered):
            await reply(message, render.answer_html(outcome.result), reply_markup=answered_markup(outcome))
        elif isinstance(outcome, NoAnswer):
            await reply(message, render.no_answer_html())
        else:
            await reply(message, html.escape(messages.EMPTY_QUESTION))
    outcome_name = {Answered: "answered", NoAnswer: "no_answer"}.get(type(outcome), "empty")
    monitor.answers.labels(outcome_name).inc()


async def question(update: Update, context: NewsContext) -> None:
    """A plain message in a private chat is a question."""
    message = update.effective_message
    if message is None or not message.text or await over_budget(update, context):
        return
    await answer_question(message, message.text, context)


def _addressed_text(message: Message, bot_username: str, bot_id: int) -> str | None:
    """The question in a group message that mentions the bot or replies to it, else None."""
    text = message.text or ""
    mention = f"@{bot_username}".lower()
    if bot_username and mention in text.lower():
        return re.sub(re.escape(mention), " ", text, flags=re.IGNORECASE).strip()
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return text
    return None


async def group_message(update: Update, context: NewsContext) -> None:
    """In groups, answer only messages that mention the bot or reply to it."""
    message = update.effective_message
    if message is None or not message.text:
        return
    text = _addressed_text(message, context.bot.username or "", context.bot.id)
    if text is None or await over_budget(update, context):
        return
    await answer_question(message, text, context)


def _page_reply(found: ResultPage | EmptyQuestion | Usage) -> tuple[str, object]:
    if isinstance(found, Usage):
        return usage_html(found.command), None
    if isinstance(found, EmptyQuestion):
        return html.escape(messages.EMPTY_QUESTION), None
    return render.results_html(found), render.results_keyboard(found)


async def search(update: Update, context: NewsContext) -> None:
    message = update.effective_message
    if message is None or await over_budget(update, context):
        return
    chat_id = update.effective_chat.id if update.effective_chat else 0
    context.monitor.searches.inc()
    text, keyboard = _page_reply(await context.conversation.search(chat_id, " ".join(context.args or [])))
    await reply(message, text, reply_markup=keyboard)


async def latest(update: Update, context: NewsContext) -> None:
    message = update.effective_message
    if message is None or await over_budget(update, context):
        return
    listed = await context.conversation.latest(context.args[0] if context.args else None)
    if isinstance(listed, LatestList):
        await reply(message, render.latest_html(listed), reply_markup=render.latest_keyboard(listed))
    else:
        await reply(message, usage_html(listed.command))


async def turn_edition_page(update: Update, context: NewsContext) -> None:
    """Button ``e:<article>:<page>``: another page of that article's edition, edited in place."""
    pressed = await _pressed(update, context, render.EDITION_PAGE)
    if pressed is None:
        return
    query, match = pressed
    listed = await context.conversation.edition_page(int(match.group(1)), int(match.group(2)))
    if listed is None:
        await query.answer(messages.STALE_BUTTON)
        return
    await edit_in_place(query, render.latest_html(listed), render.latest_keyboard(listed))


async def edit_in_place(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """A page turned: the button is answered and its message shows the new page."""
    await query.answer()
    try:
        await once_more(lambda: query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup,
                                                        disable_web_page_preview=True))
    except BadRequest as e:
        if "not modified" not in str(e).lower():  # pressed twice: the same page
            raise


def following_text(shown: Following, limit: int) -> str:
    if shown.full:
        return messages.FOLLOWS_FULL.format(limit=limit)
    if not shown.words:  # /subscriptions
        return messages.FOLLOW_LIST.format(words="\n".join(f"• {w}" for w in shown.follows)) if shown.follows \
            else messages.NO_FOLLOWS
    return ""


async def follow(update: Update, context: NewsContext) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or await over_budget(update, context):
        return
    shown = await context.conversation.follow(chat.id, " ".join(context.args or []))
    if isinstance(shown, Usage):
        await reply(message, usage_html(shown.command))
    elif isinstance(shown, EmptyQuestion):
        await reply(message, html.escape(messages.EMPTY_QUESTION))
    else:
        text = following_text(shown, MAX_FOLLOWS) or (messages.FOLLOWED if shown.done else messages.ALREADY_FOLLOWED)
        await reply(message, html.escape(text.format(words=shown.words)))


async def unfollow(update: Update, context: NewsContext) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    shown = await context.conversation.unfollow(chat.id, " ".join(context.args or []))
    if isinstance(shown, Usage):
        await reply(message, usage_html(shown.command))
    else:
        text = messages.UNFOLLOWED if shown.done else messages.NOT_FOLLOWED
        await reply(message, html.escape(text.format(words=shown.words)))


async def subscriptions(update: Update, context: NewsContext) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    text = following_text(await context.conversation.subscriptions(chat.id), MAX_FOLLOWS)
    at = await context.conversation.chats.digest_time(chat.id)
    if at:
        text += "\n" + messages.DIGEST_TIME.format(at=at)
    await reply(message, html.escape(text))


async def subscribe(update: Update, context: NewsContext) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    done = await context.conversation.subscribe(chat.id, context.args[0] if context.args else None, context.now())
    if isinstance(done, Usage):
        await reply(message, usage_html(done.command))
    else:
        await reply(message, html.escape(messages.SUBSCRIBED.format(at=done.at, zone=context.settings.timezone)))


async def unsubscribe(update: Update, context: NewsContext) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    done = await context.conversation.unsubscribe(chat.id)
    await reply(message, messages.UNSUBSCRIBED if done.changed else messages.NOT_SUBSCRIBED)


async def stats(update: Update, context: NewsContext) -> None:
    """Admins only (NEWSBOT_ADMIN_IDS): how much the bot knows."""
    message = update.effective_message
    if message is None:
        return
    user = update.effective_user
    shown = await context.conversation.stats(user.id if user else None)
    if isinstance(shown, StatsView):
        s = shown.stats
        await reply(message, render.stats_html(s.articles, s.passages, s.terms, s.newest_date))
    else:
        await reply(message, messages.NOT_ADMIN)


async def _pressed(update: Update, context: NewsContext, pattern: re.Pattern[str]) -> tuple[CallbackQuery, re.Match[str]] | None:
    """The button and its data matched again (PTB also routes a button without data to a pattern's
    handler), within the reader's budget; None when it was answered already (stale, over budget)."""
    query = update.callback_query
    match = pattern.match(query.data or "") if query is not None else None
    if query is None or match is None:
        await stale_button(update, context)
        return None
    if await over_budget(update, context):
        return None
    return query, match


async def open_article(update: Update, context: NewsContext) -> None:
    """Button ``a:<article id>``: the whole article, in as many messages as it needs."""
    pressed = await _pressed(update, context, render.OPEN_ARTICLE)
    if pressed is None:
        return
    query, match = pressed
    shown = await context.conversation.article(int(match.group(1)))
    if isinstance(shown, ArticleGone):
        await query.answer(messages.ARTICLE_GONE, show_alert=False)
        return
    assert isinstance(shown, ArticleView)
    await query.answer()
    chat_id = query.message.chat.id if query.message else query.from_user.id
    for chunk in render.article_messages(shown.article):
        await once_more(lambda: context.bot.send_message(chat_id, chunk, parse_mode=ParseMode.HTML,
                                                         disable_web_page_preview=True))


async def turn_page(update: Update, context: NewsContext) -> None:
    """Button ``s:<search id>:<page>``: another page of results, edited in place."""
    pressed = await _pressed(update, context, render.SEARCH_PAGE)
    if pressed is None:
        return
    query, match = pressed
    if query.message is None:  # a button under an inline-mode message: no chat to bind a search to
        await stale_button(update, context)
        return
    found = await context.conversation.turn_page(query.message.chat.id, match.group(1), int(match.group(2)))
    if isinstance(found, StaleButton):
        await query.answer(messages.STALE_BUTTON)
        return
    await edit_in_place(query, render.results_html(found), render.results_keyboard(found))


async def another_answer(update: Update, context: NewsContext) -> None:
    """Button ``n:<question>:<first article>:<k>`` (换一条): the next best answer from another article."""
    pressed = await _pressed(update, context, render.ANOTHER)
    if pressed is None:
        return
    query, match = pressed
    if query.message is None:
        await stale_button(update, context)
        return
    outcome = await context.conversation.another(query.message.chat.id, match.group(1), int(match.group(2)),
                                                 int(match.group(3)), query.from_user.language_code)
    if isinstance(outcome, StaleButton):
        await query.answer(messages.STALE_BUTTON)
    elif isinstance(outcome, NoAnswer):
        await query.answer(messages.NO_OTHER_ANSWER)
    else:
        await query.answer()
        await once_more(lambda: context.bot.send_message(query.message.chat.id, render.answer_html(outcome.result),
                                                         parse_mode=ParseMode.HTML, disable_web_page_preview=True,
                                                         reply_markup=answered_markup(outcome)))


async def stale_button(update: Update, context: NewsContext) -> None:
    """Any other button: forged, or from an older version."""
    if update.callback_query is not None:
        await update.callback_query.answer(messages.STALE_BUTTON)


async def inline_query(update: Update, context: NewsContext) -> None:
    """@bot words in any chat: the top results, to share."""
    inline = update.inline_query
    if inline is None or await over_budget(update, context):
        return
    found = await context.conversation.inline(inline.query)
    results = [
        InlineQueryResultArticle(
            id=uuid.uuid4().hex, title=render.clip(r.title, render.TITLE), description=render.snippet(r, 100)[0],
            input_message_content=InputTextMessageContent(render.inline_text(r), parse_mode=ParseMode.HTML))
        for r in found.results
    ] + [
        InlineQueryResultArticle(
            id=uuid.uuid4().hex, title=render.clip(s.title, render.TITLE), description=render.clip(s.summary, 100),
            input_message_content=InputTextMessageContent(render.inline_summary(s), parse_mode=ParseMode.HTML))
        for s in found.latest
    ]
    await inline.answer(results, cache_time=30, is_personal=False)


UPLOAD_LIMIT = 20 * 2**20  # bytes: what the Bot API lets a bot download
UPLOAD_SUFFIXES = (".pdf", ".txt", ".json", ".jsonl")


async def document(update: Update, context: NewsContext) -> None:
    """A file sent in a private chat: an admin's news file is ingested, with a message that says how
    far it got (edited in place) and then the counts; nothing is stored from a bad file."""
    message, user = update.effective_message, update.effective_user
    if message is None or message.document is None:
        return
    doc = message.document
    name = Path(doc.file_name or "upload").name or "upload"
    if user is None or user.id not in context.settings.admin_ids:
        await message.reply_text(messages.UPLOAD_NOT_ADMIN)
        return
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        await message.reply_text(messages.UPLOAD_TYPE.format(name=name))
        return
    if (doc.file_size or 0) > UPLOAD_LIMIT:
        await message.reply_text(messages.UPLOAD_TOO_BIG.format(name=name))
        return
    progress = await message.reply_text(messages.UPLOAD_DOWNLOADING.format(name=name))
    with tempfile.TemporaryDirectory(prefix="newsbot-upload-") as folder:
        path = Path(folder) / name
        await (await context.bot.get_file(doc.file_id)).download_to_drive(path)
        await progress.edit_text(messages.UPLOAD_INGESTING.format(name=name))
        try:
            report = await context.conversation.library.ingest_paths([path])
        except SourceError as e:
            reason = str(e).splitlines()[0].replace(f"{path}: ", "").replace(str(path), name)
            await progress.edit_text(messages.UPLOAD_FAILED.format(name=name, reason=reason))
            return
    await progress.edit_text(messages.UPLOAD_DONE.format(name=name, read=report.articles_read,
                                                         added=report.articles_added,
                                                         passages=report.passages_added,
                                                         duplicates=report.duplicates))


async def error_handler(update: object, context: NewsContext) -> None:
    """Log unexpected errors with their context and tell the reader briefly."""
    where = ""
    if isinstance(update, Update):
        chat = update.effective_chat
        where = f" (update {update.update_id}, chat {chat.id if chat else '-'})"
    log.error("unexpected error while handling an update%s", where, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None and update.callback_query is None:
        try:
            await update.effective_message.reply_text(messages.SORRY)
        except Exception:  # the reader is told if we can; nothing more to do when we cannot
            log.warning("could not tell the reader about the error%s", where)
    elif isinstance(update, Update) and update.callback_query is not None:
        try:
            await update.callback_query.answer(messages.SORRY)
        except Exception:
            log.warning("could not answer the callback query%s", where)
