"""Telegram callbacks: parse the update, ask the Searcher, reply. No SQL here."""

from __future__ import annotations

import html
import logging
import re
import uuid

from telegram import (
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from index.search import Searcher

from . import messages, render

log = logging.getLogger(__name__)

MAX_QUESTION = 300  # characters of a question that are used; longer input is cut, not refused
LATEST_DEFAULT = 5
LATEST_MAX = 10

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "开始使用"),
    ("help", "使用说明"),
    ("search", "搜索报道：/search 关键词"),
    ("latest", "最新报道：/latest [条数]"),
)

HELP = (
    "我是新闻问答机器人，读过本地报纸的每一篇报道。\n\n"
    "• 直接用中文提问，例如：<i>消防演练中有几人受伤被困？</i>\n"
    "  我会给出回答问题的段落（答案句下划线标出），以及报道的标题和日期。\n"
    "• /search 关键词 — 搜索报道，可翻页、可阅读全文\n"
    "• /latest [条数] — 最新报道摘要\n"
    "• /help — 显示本说明\n"
    "• /stats — 资料库统计（仅管理员）\n\n"
    "在群里：@我 提问，或回复我的消息；也可以在任何聊天里输入 @我的用户名 加关键词分享报道。"
)

NO_TERMS = "请用中文输入一个问题，例如：安全生产月启动仪式是哪天举行的？"
SEARCH_USAGE = "用法：/search 关键词，例如 <code>/search 乡村振兴</code>"
STALE_BUTTON = "这个按钮已失效，请重新搜索。"
ARTICLE_GONE = "这篇报道已不存在。"
SORRY = "抱歉，出了点问题，请稍后再试。"


def searcher_of(context: ContextTypes.DEFAULT_TYPE) -> Searcher:
    return context.application.bot_data["searcher"]


async def reply(message: Message, text: str, **kwargs) -> Message:
    return await message.reply_text(text, parse_mode=ParseMode.HTML, disable_web_page_preview=True, **kwargs)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message:
        await reply(update.effective_message, "你好！" + HELP)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message:
        await reply(update.effective_message, HELP)


async def answer_question(message: Message, text: str, context: ContextTypes.DEFAULT_TYPE) -> None:
    searcher = searcher_of(context)
    text = text.strip()[:MAX_QUESTION]
    words = await searcher.query_words(text)
    if not words:
        await reply(message, html.escape(NO_TERMS))
        return
    result = await searcher.ask(text)
    if result is None:
        await reply(message, render.no_answer_html())
        return
    await reply(message, render.answer_html(result, words), reply_markup=render.answer_keyboard(result))


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A plain message in a private chat is a question."""
    message = update.effective_message
    if message is None or not message.text:
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


async def group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups, answer only messages that mention the bot or reply to it."""
    message = update.effective_message
    if message is None or not message.text:
        return
    text = _addressed_text(message, context.bot.username or "", context.bot.id)
    if text is None:
        return
    await answer_question(message, text, context)


async def _search_page(searcher: Searcher, query: str, page: int) -> tuple[str, object, bool]:
    found = await searcher.search_page(query, k=render.PAGE_SIZE, offset=page * render.PAGE_SIZE)
    if not found.words:
        return html.escape(NO_TERMS), None, False
    query_id = await searcher.remember_query(query)
    text = render.results_html(query, found.results, page, found.total, found.words)
    return text, render.results_keyboard(found.results, query_id, page, found.total), bool(found.results)


async def search(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    query = " ".join(context.args or []).strip()[:MAX_QUESTION]
    if not query:
        await reply(message, SEARCH_USAGE)
        return
    text, keyboard, _ = await _search_page(searcher_of(context), query, 0)
    await reply(message, text, reply_markup=keyboard)


async def latest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    n = LATEST_DEFAULT
    if context.args:
        arg = context.args[0]
        if not arg.isdigit() or not 1 <= int(arg) <= LATEST_MAX:
            await reply(message, f"用法：/latest [条数]，条数为 1 到 {LATEST_MAX}。")
            return
        n = int(arg)
    items = await searcher_of(context).latest(n)
    await reply(message, render.digest_html(items), reply_markup=render.digest_keyboard(items))


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admins only (NEWSBOT_ADMIN_IDS): how much the bot knows."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    settings = context.application.bot_data.get("settings")
    if settings is None or user.id not in settings.admin_ids:
        await reply(message, "这个命令只对管理员开放。")
        return
    s = await searcher_of(context).stats()
    await reply(message, f"资料库：{s.articles} 篇报道，{s.passages} 个段落，{s.terms} 个词；"
                         f"最新日期 {html.escape(s.newest_date or messages.UNDATED)}。")


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Inline buttons: open an article, or turn a page of search results."""
    query = update.callback_query
    if query is None:
        return
    data = query.data or ""
    searcher = searcher_of(context)
    if match := render.OPEN_ARTICLE.match(data):
        article = await searcher.article(int(match.group(1)))
        if article is None:
            await query.answer(ARTICLE_GONE, show_alert=False)
            return
        await query.answer()
        chat_id = query.message.chat.id if query.message else query.from_user.id
        for chunk in render.article_messages(article):
            await context.bot.send_message(chat_id, chunk, parse_mode=ParseMode.HTML, disable_web_page_preview=True)
        return
    if match := render.SEARCH_PAGE.match(data):
        text_query = await searcher.query_text(int(match.group(1)))
        if text_query is None or query.message is None:
            await query.answer(STALE_BUTTON)
            return
        text, keyboard, found = await _search_page(searcher, text_query, int(match.group(2)))
        if not found:
            await query.answer(STALE_BUTTON)
            return
        await query.answer()
        try:
            await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=keyboard,
                                          disable_web_page_preview=True)
        except BadRequest as e:
            if "not modified" not in str(e).lower():
                raise
        return
    await query.answer(STALE_BUTTON)  # forged or from an older version


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """@bot words in any chat: the top results, to share."""
    inline = update.inline_query
    if inline is None:
        return
    text = inline.query.strip()[:MAX_QUESTION]
    searcher = searcher_of(context)
    results = []
    if text:
        for r in await searcher.search(text, k=5):
            results.append(InlineQueryResultArticle(
                id=uuid.uuid4().hex,
                title=r.title[:200],
                description=render.snippet(r, 100),
                input_message_content=InputTextMessageContent(render.inline_text(r)[: render.MAX_MESSAGE],
                                                              parse_mode=ParseMode.HTML),
            ))
    else:
        for s in await searcher.latest(5):
            results.append(InlineQueryResultArticle(
                id=uuid.uuid4().hex,
                title=s.title[:200],
                description=s.summary[:100],
                input_message_content=InputTextMessageContent(
                    f"<b>《{html.escape(s.title)}》</b> {html.escape(messages.dateline(s.date, s.source))}\n\n"
                    f"{html.escape(s.summary)}", parse_mode=ParseMode.HTML),
            ))
    await inline.answer(results, cache_time=30, is_personal=False)


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log unexpected errors with their context and tell the reader briefly."""
    where = ""
    if isinstance(update, Update):
        chat = update.effective_chat
        where = f" (update {update.update_id}, chat {chat.id if chat else '-'})"
    log.error("unexpected error while handling an update%s", where, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None and update.callback_query is None:
        try:
            await update.effective_message.reply_text(SORRY)
        except Exception:  # the reader is told if we can; nothing more to do when we cannot
            log.warning("could not tell the reader about the error%s", where)
    elif isinstance(update, Update) and update.callback_query is not None:
        try:
            await update.callback_query.answer(SORRY)
        except Exception:
            log.warning("could not answer the callback query%s", where)
