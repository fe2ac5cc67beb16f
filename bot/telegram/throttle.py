"""Outgoing flood control with two lanes: replies to readers first, broadcasts in what is left.

Telegram allows a bot about 30 messages a second overall, about one a second in one chat and 20 a
minute in a group; past that it answers 429 with a ``retry_after``.  PTB's ``AIORateLimiter`` keeps
the overall and group limits and waits out 429s, but it is first come, first served: a digest round
to 10,000 subscribers queued in front of it would make a reader's answer wait minutes.

``Throttle`` puts broadcasts (pushes to followers, daily digests; sent with ``rate_limit_args=BULK``)
through a lane of their own before they reach ``AIORateLimiter``: evenly spaced at ``bulk_rate``
(below the overall limit, so replies always find room), at most one a second per private chat and
one every three seconds per group.  Replies to readers go straight to ``AIORateLimiter``.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable, Coroutine

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter, BaseRateLimiter

__all__ = ["BULK", "Throttle"]

BULK = "bulk"  # rate_limit_args of a broadcast message
CHAT_GAP = 1.0  # seconds between broadcast messages to one private chat ...
GROUP_GAP = 3.0  # ... and to one group (20 a minute)


class Throttle(BaseRateLimiter[str]):
    def __init__(self, overall_rate: float = 30.0, bulk_rate: float = 25.0, max_retries: int = 5) -> None:
        if not 0 < bulk_rate <= overall_rate:
            raise ValueError("bulk_rate must be positive and at most overall_rate")
        self.bulk_rate = bulk_rate
        self._inner = AIORateLimiter(overall_max_rate=overall_rate, overall_time_period=1, max_retries=max_retries)
        self._bulk = AsyncLimiter(1, 1.0 / bulk_rate)  # capacity one: evenly spaced, no bursts
        self._next_in_chat: dict[int | str, float] = {}
        self._clock = time.monotonic

    async def initialize(self) -> None:
        await self._inner.initialize()

    async def shutdown(self) -> None:
        await self._inner.shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> Any:
        if rate_limit_args == BULK:
            await self._chat_turn(data.get("chat_id"))
            await self._bulk.acquire()
        return await self._inner.process_request(callback, args, kwargs, endpoint, data, None)

    async def _chat_turn(self, chat_id: Any) -> None:
        """Wait for this chat's next free slot (reserved before sleeping, so concurrent sends queue)."""
        if chat_id is None:
            return
        key: int | str = chat_id if isinstance(chat_id, (int, str)) else str(chat_id)
        gap = GROUP_GAP if isinstance(key, str) or (isinstance(key, int) and key < 0) else CHAT_GAP
        now = self._clock()
        slot = max(now, self._next_in_chat.get(key, 0.0))
        self._next_in_chat[key] = slot + gap
        if len(self._next_in_chat) > 50_000:  # forget chats whose slot has passed
            self._next_in_chat = {k: v for k, v in self._next_in_chat.items() if v > now}
        if slot > now:
            await asyncio.sleep(slot - now)
