"""One feed polled: the feed fetched (httpx; conditional GET, timeouts, a size cap, redirects) and read
with feedparser (RSS, Atom; the declared encoding honoured, GBK included); each new item's page fetched
and its main text extracted with trafilatura (title, date, paragraphs; navigation, sidebars, comments
and footers left out), falling back to the feed's own content or summary."""

from __future__ import annotations

import asyncio
import calendar
import datetime as dt
import hashlib
import html
import json
import re
from dataclasses import dataclass
from typing import Any

import httpx

from ..model import SourceArticle
from .registry import Feed

__all__ = ["FeedItem", "Polled", "FetchError", "make_client", "poll_feed", "extract_page"]

MAX_FEED_BYTES = 5 * 2**20
MAX_PAGE_BYTES = 3 * 2**20
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
USER_AGENT = "newsbot/0.1 (news feeds reader)"
MIN_PAGE_CHARS = 40  # an extracted page shorter than this is not the article: use the feed's text


class FetchError(Exception):
    """A feed or page could not be fetched or read (the message says why, in one line)."""


@dataclass(frozen=True)
class FeedItem:
    key: str  # the item's id, else its link, else a hash of its title and date
    title: str
    link: str | None
    date: str | None
    text: str  # the feed's own content or summary, as paragraphs separated by newlines


@dataclass(frozen=True)
class Polled:
    articles: tuple[SourceArticle, ...]
    keys: tuple[str, ...]  # the items read, new ones included (remembered so they are not read again)
    etag: str | None
    last_modified: str | None


def make_client() -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=True, max_redirects=5,
                             headers={"User-Agent": USER_AGENT})


async def _get(client: httpx.AsyncClient, url: str, limit: int, headers: dict[str, str] | None = None) -> httpx.Response:
    """The response with its body read up to ``limit`` bytes (FetchError past it or on an HTTP error)."""
    try:
        async with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return response
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} from {url}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise FetchError(f"{url} is too large ({int(declared) // 1024} KiB; at most {limit // 1024} KiB)")
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > limit:
                    raise FetchError(f"{url} is too large (over {limit // 1024} KiB)")
            response._content = bytes(body)  # httpx's own slot for a read body
            return response
    except httpx.TimeoutException as e:
        raise FetchError(f"{url} did not answer in time ({type(e).__name__})") from e
    except httpx.HTTPError as e:
        raise FetchError(f"cannot fetch {url}: {type(e).__name__}: {e}") from e


def _date(entry: Any) -> str | None:
    for field in ("published_parsed", "updated_parsed"):
        value = entry.get(field)
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), dt.timezone.utc).date().isoformat()
            except (OverflowError, ValueError, TypeError):
                continue
    return None


_BREAK = re.compile(r"<\s*(?:br|/p|/div|/li|/h\d)\s*/?\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    """HTML of a feed's content or summary -> plain paragraphs, one a line."""
    text = html.unescape(_TAG.sub("", _BREAK.sub("\n", fragment)))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _items(data: bytes, url: str) -> list[FeedItem]:
    import feedparser

    parsed = feedparser.parse(data)  # bytes: feedparser honours the declared encoding (GBK feeds)
    if not parsed.entries:
        reason = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        if parsed.get("bozo") or not parsed.get("feed"):
            raise FetchError(f"{url} is not a readable RSS or Atom feed{reason}")
        return []
    items = []
    for entry in parsed.entries:
        title = " ".join((entry.get("title") or "").split())
        content = entry.get("content") or []
        body = _text(content[0].get("value", "") if content else entry.get("summary", "") or "")
        if not title and not body:
            continue
        date = _date(entry)
        key = entry.get("id") or entry.get("link") or hashlib.sha1(f"{title}\x1f{date}".encode()).hexdigest()
        items.append(FeedItem(str(key), title, entry.get("link"), date, body))
    return items


def extract_page(page: bytes, url: str) -> tuple[str | None, str | None, list[str]]:
    """(title, date, paragraphs) of an article page's main text; nothing invented."""
    import trafilatura

    out = trafilatura.extract(page, url=url, output_format="json", with_metadata=True, include_comments=False,
                              favor_precision=True,  # news: rather lose a line than keep the navigation
                              include_tables=False, date_extraction_params={"extensive_search": False,
                                                                            "original_date": True})
    if not out:
        return None, None, []
    data = json.loads(out)
    title = (data.get("title") or "").strip() or None
    paragraphs = [p.strip() for p in (data.get("text") or "").splitlines() if p.strip()]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    date = data.get("date") if re.match(r"^\d{4}-\d{2}-\d{2}$", data.get("date") or "") else None
    return title, date, paragraphs


async def _article(client: httpx.AsyncClient, item: FeedItem, source: str | None) -> SourceArticle | None:
    title, date, paragraphs = item.title, item.date, [p for p in item.text.splitlines() if p.strip()]
    if item.link and item.link.startswith(("http://", "https://")):
        try:
            page = await _get(client, item.link, MAX_PAGE_BYTES)
            page_title, page_date, page_paragraphs = await asyncio.to_thread(extract_page, page.content, item.link)
            if sum(len(p) for p in page_paragraphs) >= MIN_PAGE_CHARS:
                paragraphs = page_paragraphs
            title, date = title or page_title or "", date or page_date
        except FetchError:
            pass  # the feed's own text will do
    if not title or not paragraphs:
        return None
    return SourceArticle(title, tuple(paragraphs), date, source, item.link, item.key, origin=item.link or item.key)


async def poll_feed(client: httpx.AsyncClient, feed: Feed, unseen) -> Polled:
    """New articles of one feed (``unseen(keys)`` says which item keys were not taken before)."""
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    response = await _get(client, feed.url, MAX_FEED_BYTES, headers)
    if response.status_code == 304:
        return Polled((), (), None, None)
    items = _items(response.content, feed.url)
    new_keys = set(await unseen([i.key for i in items]))
    fresh = [i for i in items if i.key in new_keys]
    source = feed.name or _feed_title(response.content) or None
    articles = [a for a in await asyncio.gather(*(_article(client, i, source) for i in fresh)) if a is not None]
    return Polled(tuple(articles), tuple(i.key for i in fresh), response.headers.get("etag"),
                  response.headers.get("last-modified"))


def _feed_title(data: bytes) -> str | None:
    import feedparser

    title = feedparser.parse(data).feed.get("title")
    return " ".join(title.split()) if title else None
