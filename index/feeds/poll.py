"""Every due feed polled at once, each within its own time limit, and what is new ingested."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Sequence

import httpx

from ..library import Library
from .fetch import FetchError, make_client, poll_feed
from .registry import Feed, FeedRegistry

__all__ = ["FeedReport", "poll_feeds", "FEED_TIMEOUT"]

FEED_TIMEOUT = 60.0  # seconds one feed may take in all (its pages included); a hanging one holds up no other


@dataclass(frozen=True)
class FeedReport:
    url: str
    new_articles: int
    error: str | None


async def poll_feeds(library: Library, registry: FeedRegistry, feeds: Sequence[Feed] | None = None,
                     client: httpx.AsyncClient | None = None, timeout: float = FEED_TIMEOUT) -> list[FeedReport]:
    """Poll ``feeds`` (default: the due ones) concurrently; ingest each one's new articles."""
    feeds = await registry.due() if feeds is None else list(feeds)
    own = client is None
    client = client or make_client()
    try:
        polled = await asyncio.gather(*(asyncio.wait_for(poll_feed(client, f, lambda keys, f=f: registry.unseen(f, keys)),
                                                         timeout) for f in feeds), return_exceptions=True)
    finally:
        if own:
            await client.aclose()
    reports = []
    for feed, result in zip(feeds, polled):
        if isinstance(result, BaseException):
            if not isinstance(result, (FetchError, asyncio.TimeoutError, ValueError, OSError)):
                raise result
            error = str(result) if not isinstance(result, asyncio.TimeoutError) else \
                f"{feed.url} took longer than {timeout:.0f} s"
            await registry.record(feed, error)
            reports.append(FeedReport(feed.url, 0, error))
            continue
        added = (await library.ingest(result.articles)).articles_added if result.articles else 0
        await registry.record(feed, None, result.keys, result.etag, result.last_modified)
        reports.append(FeedReport(feed.url, added, None))
    return reports
