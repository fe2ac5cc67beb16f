"""Typed PTB context: handlers read ``context.conversation`` and ``context.settings``, never string keys."""

from __future__ import annotations

import asyncio
from datetime import datetime, tzinfo
from typing import Callable
from zoneinfo import ZoneInfo

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from index import FeedRegistry

from ..budget import Budget
from ..config import Settings
from ..conversation import Conversation
from .monitor import Monitor

__all__ = ["BotServices", "NewsContext", "CONTEXT_TYPES"]


class BotServices:
    """What every handler needs (PTB's ``bot_data``), set once when the application is built."""

    def __init__(self) -> None:
        self.conversation: Conversation | None = None
        self.settings: Settings | None = None
        self.budget = Budget()
        self.feeds: FeedRegistry | None = None  # the feeds a running bot polls on their schedules
        self.clock: Callable[[tzinfo], datetime] = datetime.now  # tests set another
        self.monitor = Monitor()  # health and metrics (served when NEWSBOT_METRICS_PORT is set)
        self.rounds: dict[str, asyncio.Task[None]] = {}  # broadcasts going on in the background, by kind

    async def settle(self) -> None:
        """Wait for the broadcasts going on (tests; a stopping bot ends them early by itself)."""
        await asyncio.gather(*self.rounds.values(), return_exceptions=True)


class NewsContext(CallbackContext[ExtBot, dict, dict, BotServices]):
    @property
    def conversation(self) -> Conversation:
        conversation = self.bot_data.conversation
        if conversation is None:
            raise RuntimeError("the application was built without a conversation")
        return conversation

    @property
    def monitor(self) -> Monitor:
        return self.bot_data.monitor

    @property
    def budget(self) -> Budget:
        return self.bot_data.budget

    def now(self) -> datetime:
        """The readers' time (NEWSBOT_TIMEZONE)."""
        return self.bot_data.clock(ZoneInfo(self.settings.timezone))

    @property
    def settings(self) -> Settings:
        settings = self.bot_data.settings
        if settings is None:
            raise RuntimeError("the application was built without settings")
        return settings


CONTEXT_TYPES = ContextTypes(context=NewsContext, bot_data=BotServices)
