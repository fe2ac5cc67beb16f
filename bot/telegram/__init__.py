"""The Telegram front end: the application and its handlers (parse -> conversation -> render)."""

from __future__ import annotations

from .app import build_application, run_bot, startup

__all__ = ["build_application", "run_bot", "startup"]
