"""``newsbot feeds add|list|remove`` and ``newsbot fetch``: the feeds a newsroom follows, polled once
(for cron) or on their schedules by a running bot."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from index import DEFAULT_EVERY, FeedError, FeedRegistry, Library, feeds_json, fetch_json, parse_every, poll_feeds

__all__ = ["add_parsers", "cmd_feeds", "cmd_fetch"]


def _every(value: str) -> float:
    try:
        return parse_every(value)
    except FeedError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, parser_class: type) -> None:
    feeds = sub.add_parser("feeds", parents=[common], help="the news feeds to follow (RSS, Atom)")
    actions = feeds.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class, required=True)
    p = actions.add_parser("add", parents=[common], help="follow a feed")
    p.add_argument("url", help="the feed's address (http:// or https://)")
    p.add_argument("--name", help="the source name its articles get (default: the feed's title)")
    p.add_argument("--every", type=_every, default=DEFAULT_EVERY, metavar="DURATION",
                   help="how often to poll it: 30s, 15m, 1h (default 15m, at least 10s)")
    p = actions.add_parser("list", parents=[common], help="the feeds followed")
    p.add_argument("--json", action="store_true")
    p = actions.add_parser("remove", parents=[common], help="stop following a feed")
    p.add_argument("url")
    p = sub.add_parser("fetch", parents=[common], help="poll every feed once and ingest what is new (for cron)")
    p.add_argument("--json", action="store_true")


def _duration(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds / size:.0f}{unit}"
    return f"{seconds:.0f}s"


async def cmd_feeds(args: argparse.Namespace, db: Path, out: TextIO) -> int:
    registry = await FeedRegistry.open(db)
    try:
        if args.action == "add":
            feed = await registry.add(args.url, args.name, args.every)
            out.write(f"已关注 {feed.url}（每 {_duration(feed.every)} 抓取一次）。\n")
        elif args.action == "remove":
            await registry.remove(args.url)
            out.write(f"已取消关注 {args.url}。\n")
        else:
            feeds = await registry.feeds()
            if args.json:
                out.write(json.dumps(feeds_json(feeds), ensure_ascii=False) + "\n")
            elif not feeds:
                out.write("还没有关注任何新闻源。用 newsbot feeds add URL 添加。\n")
            for f in feeds if not args.json else ():
                status = f"上次出错：{f.last_error}" if f.last_error else ("正常" if f.last_fetch else "尚未抓取")
                out.write(f"{f.url}  {f.name or ''}  每 {_duration(f.every)}  {status}\n")
    finally:
        await registry.close()
    return 0


async def cmd_fetch(args: argparse.Namespace, db: Path, out: TextIO) -> int:
    registry = await FeedRegistry.open(db)
    try:
        async with await Library.open(db) as library:
            reports = await poll_feeds(library, registry, await registry.feeds())
    finally:
        await registry.close()
    if args.json:
        out.write(json.dumps(fetch_json(reports), ensure_ascii=False) + "\n")
    else:
        for r in reports:
            out.write(f"{r.url}: " + (f"出错：{r.error}" if r.error else f"新增 {r.new_articles} 篇") + "\n")
        if not reports:
            out.write("还没有关注任何新闻源。用 newsbot feeds add URL 添加。\n")
    return 1 if reports and all(r.error for r in reports) else 0
