"""News feeds: the registry of feeds followed (``registry``), a feed and its items' pages fetched and
read (``fetch``), and every due feed polled with what is new ingested (``poll``)."""

from __future__ import annotations

from .poll import FeedReport, poll_feeds
from .registry import DEFAULT_EVERY, Feed, FeedError, FeedRegistry, parse_every

__all__ = ["Feed", "FeedError", "FeedRegistry", "FeedReport", "poll_feeds", "parse_every", "DEFAULT_EVERY"]
