"""Typed PTB context: handlers read ``context.conversation`` and ``context.settings``, never string keys."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Callable

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from index import FeedRegistry

from ..budget import Budget
from ..config import Settings
from ..conversation import Conversation

__all__ = ["BotServices", "NewsContext", "CONTEXT_TYPES"]


class BotServices:
    """What every handler needs (PTB's ``bot_data``), set once when the application is built."""

    def __init__(self) -> None:
        self.conversation: Conversation | None = None
        self.settings: Settings | None = None
        self.budget = Budget()
        self.feeds: FeedRegistry | None = None  # the feeds a running bot polls on their schedules
        self.clock: Callable[[tzinfo], datetime] = datetime.now  # tests set another


class NewsContext(CallbackContext[ExtBot, dict, dict, BotServices]):
    @property
    def conversation(self) -> Conversation:
        conversation = self.bot_data.conversation
        if conversation is None:
            raise RuntimeError("the application was built without a conversation")
        return conversation

    @property
    def budget(self) -> Budget:
        return self.bot_data.budget

    @property
    def settings(self) -> Settings:
        settings = self.bot_data.settings
        if settings is None:
            raise RuntimeError("the application was built without settings")
        return settings


CONTEXT_TYPES = ContextTypes(context=NewsContext, bot_data=BotServices)
