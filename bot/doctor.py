"""``newsbot doctor``: one line per check, exit 0 only when every check passes.

Settings (read, or the command would not have started), the token (``getMe``; the token itself is
never printed), webhook settings, the chat tables' schema, then the library's checks (store, saved
index, disk space, feeds)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TextIO

from telegram.error import InvalidToken, NetworkError, TelegramError

from index import Check, feed_checks, read_only, store_checks

from .chat_state import MIGRATIONS
from .config import Settings
from .telegram.tolerant import make_bot

__all__ = ["cmd_doctor", "checks"]


async def _token(settings: Settings) -> Check:
    if not settings.token:
        return Check("token", False, "TELEGRAM_BOT_TOKEN is not set (see .env.example)")
    bot = make_bot(settings.token, settings.api_base_url)
    try:
        async with bot:
            me = bot.bot
        return Check("token", True, f"valid: the bot is @{me.username}")
    except InvalidToken:
        return Check("token", False, "refused by Telegram (InvalidToken: check TELEGRAM_BOT_TOKEN)")
    except NetworkError as e:
        return Check("token", False, f"cannot reach the Bot API ({type(e).__name__}: {e})")
    except TelegramError as e:
        return Check("token", False, f"the Bot API said: {e}")


def _webhook(settings: Settings) -> Check:
    if not settings.webhook_url:
        return Check("webhook", True, "not used: long polling")
    if not settings.webhook_url.startswith("https://"):
        return Check("webhook", False, "TELEGRAM_WEBHOOK_URL must be an https:// URL")
    if not settings.webhook_secret:
        return Check("webhook", False, "TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL")
    return Check("webhook", True, f"{settings.webhook_url}, listening on {settings.webhook_listen}:{settings.webhook_port}")


def _chat_tables(db_path: Path) -> Check:
    try:
        with read_only(db_path) as db:
            row = db.execute("SELECT value FROM chat_meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.Error:
        row = None
    version = int(row[0]) if row else 0
    if version > len(MIGRATIONS):
        return Check("chat tables", False, f"version {version} was written by a newer newsbot")
    if version < len(MIGRATIONS):
        return Check("chat tables", True, f"version {version}; the next start migrates them to {len(MIGRATIONS)}")
    return Check("chat tables", True, f"version {version}")


async def checks(settings: Settings) -> list[Check]:
    found = [Check("settings", True, f"read (database {settings.db_path})"), await _token(settings),
             _webhook(settings)]
    found += store_checks(settings.db_path)
    if settings.db_path.is_file():
        found.append(_chat_tables(settings.db_path))
        found += await feed_checks(settings.db_path)
    return found


async def cmd_doctor(settings: Settings, out: TextIO) -> int:
    found = await checks(settings)
    for check in found:
        out.write(f"{'ok  ' if check.ok else 'FAIL'} {check.name}: {check.detail}\n")
    return 0 if all(c.ok for c in found) else 1
