"""The bot object: PTB's ExtBot, except that one update it cannot read does not stop polling.

PTB parses a whole ``getUpdates`` batch at once and raises if any update in it is malformed; the
poller then asks for the same batch again, forever (thousands of tracebacks, no update handled).
Here an update that cannot be read is logged once and replaced by an empty one with the same id, so
the offset moves on and the others are handled.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from telegram import Update
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from .throttle import Throttle

__all__ = ["TolerantBot", "make_bot"]

log = logging.getLogger(__name__)


class TolerantBot(ExtBot):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with self._unfrozen():
            self.on_updates: Callable[[], None] | None = None  # told of every getUpdates answered (health)

    def watch_updates(self, callback: Callable[[], None]) -> None:
        with self._unfrozen():
            self.on_updates = callback

    async def _post(self, endpoint: str, data: Any = None, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            result = [self._readable(raw) for raw in result]
            if self.on_updates is not None:
                self.on_updates()
        return result

    def _readable(self, raw: Any) -> Any:
        try:
            Update.de_json(raw, self)
            return raw
        except Exception as e:  # whatever PTB cannot parse, it cannot handle either
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            log.warning("skipped update %s: python-telegram-bot cannot read it (%s: %s)", update_id,
                        type(e).__name__, e)
            return {"update_id": update_id} if isinstance(update_id, int) else raw


def make_bot(token: str, api_base_url: str | None) -> TolerantBot:
    """The bot with what the application builder would give it: pooled HTTP with our timeouts, and
    flood control (replies first, broadcasts paced; 429 answers are waited out and retried)."""
    def request(pool: int) -> HTTPXRequest:
        return HTTPXRequest(connection_pool_size=pool, connect_timeout=10, read_timeout=20, write_timeout=20)

    base_url, file_url = "https://api.telegram.org/bot", "https://api.telegram.org/file/bot"
    if api_base_url:
        base = api_base_url.rstrip("/")
        base_url = base if base.endswith("bot") or "{token}" in base else base + "/bot"
        root = base_url.rsplit("/bot", 1)[0] if base_url.endswith("/bot") else None
        file_url = f"{root}/file/bot" if root is not None else file_url
    return TolerantBot(token, base_url=base_url, base_file_url=file_url, request=request(256),
                       get_updates_request=request(1), rate_limiter=Throttle())
