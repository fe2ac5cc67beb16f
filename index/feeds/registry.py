"""The feeds a newsroom follows, and the items already taken from them, on the news database's file
(their own tables).  Per feed: how often to poll, the validators of conditional GET (ETag,
Last-Modified), when it is next due, and its last error with a back-off after errors."""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence
from urllib.parse import urlsplit

import aiosqlite

from ..errors import NewsbotError
from ..store import open_database, write_transaction

__all__ = ["Feed", "FeedRegistry", "FeedError", "parse_every", "MIN_EVERY", "DEFAULT_EVERY"]

MIN_EVERY = 10.0
DEFAULT_EVERY = 15 * 60.0
MAX_BACKOFF = 6 * 3600.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY, name TEXT, every REAL NOT NULL, etag TEXT, last_modified TEXT,
    failures INTEGER NOT NULL DEFAULT 0, next_at REAL NOT NULL DEFAULT 0, last_error TEXT,
    last_fetch REAL, added_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_items (
    feed_url TEXT NOT NULL, item_key TEXT NOT NULL, seen_at REAL NOT NULL, PRIMARY KEY (feed_url, item_key)
);
"""
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.IGNORECASE)


class FeedError(NewsbotError):
    """A feed cannot be added or used as asked (a malformed URL, an unknown feed, a bad interval)."""


def parse_every(text: str) -> float:
    """'30s', '15m', '1h', '1d' (or seconds) -> seconds; at least MIN_EVERY."""
    m = _EVERY.match(text)
    if not m:
        raise FeedError(f"not a duration: {text!r} (use e.g. 30s, 15m, 1h)")
    seconds = float(m.group(1)) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[(m.group(2) or "s").lower()]
    if seconds < MIN_EVERY:
        raise FeedError(f"feeds are polled at most every {MIN_EVERY:.0f} s, not every {text}")
    return seconds


def check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url.strip():
        raise FeedError(f"not a feed address: {url!r} (expected http:// or https:// and a host)")
    return url.strip()


@dataclass(frozen=True)
class Feed:
    url: str
    name: str | None
    every: float
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_at: float = 0.0
    last_error: str | None = None
    last_fetch: float | None = None


_COLUMNS = "url, name, every, etag, last_modified, failures, next_at, last_error, last_fetch"


class FeedRegistry:
    def __init__(self, path: Path, db: aiosqlite.Connection) -> None:
        self.path = path
        self._db = db
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> FeedRegistry:
        return cls(path, await open_database(path, lambda db: db.executescript(_SCHEMA)))

    async def close(self) -> None:
        await self._db.close()

    async def add(self, url: str, name: str | None = None, every: float = DEFAULT_EVERY) -> Feed:
        url = check_url(url)
        async with self._lock:
            await self._db.execute(
                "INSERT INTO feeds (url, name, every, added_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (url) DO UPDATE SET name = coalesce(excluded.name, name), every = excluded.every",
                (url, name, every, time.time()))
        feed = await self.feed(url)
        assert feed is not None
        return feed

    async def remove(self, url: str) -> None:
        async with self._lock:
            cur = await self._db.execute("DELETE FROM feeds WHERE url = ?", (url.strip(),))
            if not cur.rowcount:
                raise FeedError(f"no such feed: {url}")
            await self._db.execute("DELETE FROM feed_items WHERE feed_url = ?", (url.strip(),))

    async def feed(self, url: str) -> Feed | None:
        async with self._db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", (url,)) as cur:
            row = await cur.fetchone()
        return Feed(*row) if row else None

    async def feeds(self) -> list[Feed]:
        async with self._db.execute(f"SELECT {_COLUMNS} FROM feeds ORDER BY added_at, url") as cur:
            return [Feed(*r) for r in await cur.fetchall()]

    async def due(self, now: float | None = None) -> list[Feed]:
        now = time.time() if now is None else now
        return [f for f in await self.feeds() if f.next_at <= now]

    async def unseen(self, feed: Feed, keys: Sequence[str]) -> list[str]:
        """The keys of items not taken from this feed before, in order."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        async with self._db.execute(f"SELECT item_key FROM feed_items WHERE feed_url = ? AND item_key IN ({marks})",
                                    (feed.url, *keys)) as cur:
            seen = {r[0] for r in await cur.fetchall()}
        return [k for k in dict.fromkeys(keys) if k not in seen]

    async def record(self, feed: Feed, error: str | None, taken: Sequence[str] = (), etag: str | None = None,
                     last_modified: str | None = None, now: float | None = None) -> None:
        """A poll's outcome: items taken, new validators and the next due time (backing off after errors)."""
        now = time.time() if now is None else now
        failures = feed.failures + 1 if error else 0
        wait = min(feed.every * 2 ** failures, max(MAX_BACKOFF, feed.every)) if error else feed.every
        async with self._lock, write_transaction(self._db, self.path):
            await self._db.executemany("INSERT OR IGNORE INTO feed_items VALUES (?, ?, ?)",
                                       [(feed.url, k, now) for k in taken])
            await self._db.execute(
                "UPDATE feeds SET failures = ?, next_at = ?, last_error = ?, last_fetch = ?,"
                " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE url = ?",
                (failures, now + wait, error, now, etag, last_modified, feed.url))
