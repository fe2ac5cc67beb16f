"""The Telegram application: build it, start it (polling or webhook), stop it cleanly."""

from __future__ import annotations

import asyncio
import logging
import signal
import time

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from .. import messages
from index import FeedRegistry

from ..budget import Budget
from ..config import ConfigError, Settings, quiet_libraries
from ..conversation import Conversation
from . import handlers, jobs, render
from .context import CONTEXT_TYPES
from .tolerant import TolerantBot, make_bot

log = logging.getLogger(__name__)


class RedactToken(logging.Filter):
    """Replaces the bot token wherever it would appear in a log line."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token:
            message = record.getMessage()
            if self.token in message:
                record.msg = message.replace(self.token, "<token>")
                record.args = None
        return True


def install_redaction(token: str | None) -> None:
    if not token:
        return
    redact = RedactToken(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    quiet_libraries()


FEED_CHECK_SECONDS = 10.0  # how often the bot looks for due feeds (each has its own interval)
DIGEST_CHECK_SECONDS = 30.0  # how often it looks for digests whose time has come (at :01 and :31 of each minute)
WATCH_SECONDS = 20.0  # how often it looks into the watched folder (a dropped file is in within a minute)


def build_application(settings: Settings, conversation: Conversation, feeds: FeedRegistry | None = None) -> Application:
    """The bot with every handler registered; handlers reach the conversation through the typed context."""
    if not settings.token:
        raise ValueError("a bot token is required")
    app = (
        Application.builder()
        .bot(make_bot(settings.token, settings.api_base_url))
        .concurrent_updates(64)
        .post_init(startup)
        .context_types(CONTEXT_TYPES)
        .build()
    )
    app.bot_data.conversation = conversation
    app.bot_data.settings = settings
    app.bot_data.budget = Budget(settings.rate_burst, settings.rate_per_minute)
    app.bot_data.feeds = feeds
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    app.add_handler(TypeHandler(Update, handlers.reader_language), group=-1)  # first, for every update
    app.add_handler(CommandHandler("start", handlers.start))
    app.add_handler(CommandHandler("help", handlers.help_command))
    app.add_handler(CommandHandler("search", handlers.search))
    app.add_handler(CommandHandler("latest", handlers.latest))
    app.add_handler(CommandHandler("stats", handlers.stats))
    app.add_handler(CommandHandler("follow", handlers.follow))
    app.add_handler(CommandHandler("unfollow", handlers.unfollow))
    app.add_handler(CommandHandler("subscriptions", handlers.subscriptions))
    app.add_handler(CommandHandler("subscribe", handlers.subscribe))
    app.add_handler(CommandHandler("unsubscribe", handlers.unsubscribe))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & private, handlers.question))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & groups, handlers.group_message))
    app.add_handler(MessageHandler(filters.Document.ALL & private, handlers.document))
    app.add_handler(CallbackQueryHandler(handlers.open_article, pattern=render.OPEN_ARTICLE))
    app.add_handler(CallbackQueryHandler(handlers.turn_page, pattern=render.SEARCH_PAGE))
    app.add_handler(CallbackQueryHandler(handlers.another_answer, pattern=render.ANOTHER))
    app.add_handler(CallbackQueryHandler(handlers.turn_edition_page, pattern=render.EDITION_PAGE))
    app.add_handler(CallbackQueryHandler(handlers.stale_button))
    app.add_handler(InlineQueryHandler(handlers.inline_query))
    app.add_error_handler(handlers.error_handler)
    if app.job_queue is not None:
        app.job_queue.run_repeating(jobs.refresh, interval=settings.refresh_seconds, first=settings.refresh_seconds,
                                    name="refresh")
        app.job_queue.run_repeating(jobs.send_digests, interval=DIGEST_CHECK_SECONDS,
                                    first=DIGEST_CHECK_SECONDS - time.time() % DIGEST_CHECK_SECONDS + 1.0,
                                    name="digests")
        if feeds is not None:
            app.job_queue.run_repeating(jobs.poll_feeds_job, interval=FEED_CHECK_SECONDS, first=1.0, name="feeds")
        if settings.watch_dir is not None:
            settings.watch_dir.mkdir(parents=True, exist_ok=True)
            app.job_queue.run_repeating(jobs.watch_job, interval=WATCH_SECONDS, first=1.0, name="watch")
    return app


def _log_warm(task: asyncio.Task[bool]) -> None:
    if task.cancelled():
        return
    if task.exception() is not None:
        log.warning("could not warm the search index: %s", task.exception())
    else:
        log.info("search index warm (%s scoring)", "compiled" if task.result() else "numpy")


def polling_error(error: TelegramError) -> None:
    """Network errors and Bot API 5xx while polling: one line; PTB retries with back-off."""
    log.warning("polling for updates failed, retrying: %s: %s", type(error).__name__, error)


async def startup(app: Application) -> None:
    """Register the command list shown in Telegram's menu: Chinese, and English for English apps."""
    for texts, language in ((messages.zh, None), (messages.en, "en")):
        await app.bot.set_my_commands([BotCommand(name, about) for name, about in texts.COMMANDS],
                                      language_code=language)


async def run_bot(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Run until Ctrl-C, SIGTERM or ``stop`` is set; long polling, or a webhook when configured."""
    install_redaction(settings.token)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # not the main thread
            pass
    if settings.webhook_url and not settings.webhook_secret:
        raise ConfigError("TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL "
                          "(Telegram sends it with every update so that strangers cannot)")
    conversation = None
    feeds = None
    try:
        conversation = await Conversation.open(settings.db_path, settings.admin_ids)
        feeds = await FeedRegistry.open(settings.db_path)
        if stop.is_set():
            return
        app = build_application(settings, conversation, feeds)
        async with app:
            await startup(app)  # post_init does not run under ``async with``
            await app.start()
            # Compiled loops, in-memory postings and score bounds come in the background; until then
            # answers use the exact numpy path.
            warming = asyncio.create_task(conversation.library.warm())
            warming.add_done_callback(_log_warm)
            assert app.updater is not None
            monitor = app.bot_data.monitor
            monitor.store_seen()
            monitor.mode = "webhook" if settings.webhook_url else "polling"
            updater = app.updater
            monitor.updater_running = lambda: updater.running
            if isinstance(app.bot, TolerantBot):
                app.bot.watch_updates(monitor.polled)
            if settings.metrics_port:
                monitor.serve(settings.metrics_host, settings.metrics_port)
                log.info("health and metrics on http://%s:%d/healthz and /metrics", settings.metrics_host,
                         settings.metrics_port)
            if settings.webhook_url:
                await app.updater.start_webhook(
                    listen=settings.webhook_listen,
                    port=settings.webhook_port,
                    url_path="telegram",
                    webhook_url=settings.webhook_url,
                    secret_token=settings.webhook_secret,
                    allowed_updates=Update.ALL_TYPES,
                    drop_pending_updates=False,
                )
                log.info("newsbot is running (webhook on %s:%d)", settings.webhook_listen, settings.webhook_port)
            else:
                def failed(error: TelegramError) -> None:
                    polling_error(error)
                    monitor.poll_failed(error)

                await app.updater.start_polling(allowed_updates=Update.ALL_TYPES, timeout=20,
                                                bootstrap_retries=-1, error_callback=failed)
                log.info("newsbot is running (long polling); Ctrl-C stops it")
            await stop.wait()
            log.info("stopping")
            warming.cancel()
            await app.updater.stop()
            await app.stop()
            monitor.close()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.remove_signal_handler(sig)
            except (NotImplementedError, RuntimeError):
                pass
        if conversation is not None:
            await conversation.close()
        if feeds is not None:
            await feeds.close()
        log.info("stopped")


__all__ = ["build_application", "run_bot", "startup", "RedactToken"]
