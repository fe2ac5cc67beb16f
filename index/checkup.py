"""What ``newsbot doctor`` checks of the library's side: the store (readable, writable, schema), the
saved index (present, covering the store), disk space, and the feeds (reachable).  Read-only: a
check never changes the store or the index."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import httpx

from .errors import IndexFiles
from .ranking import persist
from .store import SCHEMA_VERSION, read_only

__all__ = ["Check", "store_checks", "feed_checks", "MIN_FREE_BYTES"]

MIN_FREE_BYTES = 500 * 2**20  # an ingest of a big issue, its index and a backup need room
FEED_TIMEOUT = 10.0


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def _store(db_path: Path) -> tuple[Check, int, int]:
    """The store's check, and its passage count and newest passage id (for the index's)."""
    if not db_path.is_file():
        return Check("store", False, f"no database at {db_path} (start the bot or ingest once to create it)"), 0, 0
    try:
        with read_only(db_path) as db:
            version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
            passages, newest = db.execute("SELECT count(*), coalesce(max(id), 0) FROM passages").fetchone()
    except sqlite3.Error as e:
        return Check("store", False, f"{db_path} cannot be read: {e}"), 0, 0
    if version is None or int(version[0]) != SCHEMA_VERSION:
        return Check("store", False, f"schema version {version[0] if version else 'none'}, "
                                     f"this newsbot writes {SCHEMA_VERSION}"), passages, newest
    writable = os.access(db_path, os.W_OK) and os.access(db_path.parent, os.W_OK)
    if not writable:
        return Check("store", False, f"{db_path} is read-only for this user (the bot must write to it)"), passages, newest
    return Check("store", True, f"{db_path}: {articles} articles, {passages} passages, schema {SCHEMA_VERSION}"), \
        passages, newest


def _index(db_path: Path, passages: int, newest: int) -> Check:
    try:
        _, keys, _ = persist.load(persist.index_dir(db_path))
    except IndexFiles as e:
        return Check("index", False, f"{e} (the next start builds it from the store)")
    covered = int(keys[-1]) if len(keys) else 0
    if len(keys) == passages and covered == newest:
        return Check("index", True, f"saved, covers all {passages} passages")
    return Check("index", False, f"saved for {len(keys)} of {passages} passages (a running bot catches up; "
                                 "the next start does)")


def store_checks(db_path: Path) -> list[Check]:
    store, passages, newest = _store(db_path)
    checks = [store]
    if db_path.is_file():
        checks.append(_index(db_path, passages, newest))
    free = shutil.disk_usage(db_path.parent if db_path.parent.exists() else Path.cwd()).free
    checks.append(Check("disk", free >= MIN_FREE_BYTES, f"{free / 2**30:.1f} GB free next to the database"
                        + ("" if free >= MIN_FREE_BYTES else f" (less than {MIN_FREE_BYTES // 2**20} MB)")))
    return checks


async def feed_checks(db_path: Path) -> list[Check]:
    """One check per feed: does its URL answer (within FEED_TIMEOUT)?"""
    try:
        with read_only(db_path) as db:
            urls = [r[0] for r in db.execute("SELECT url FROM feeds ORDER BY added_at")]
    except sqlite3.Error:
        return []  # no feeds table: no feeds

    async def one(client: httpx.AsyncClient, url: str) -> Check:
        try:
            response = await client.get(url)
        except httpx.HTTPError as e:
            return Check(f"feed {url}", False, f"unreachable ({type(e).__name__})")
        return Check(f"feed {url}", response.status_code < 400, f"HTTP {response.status_code}")

    async with httpx.AsyncClient(timeout=FEED_TIMEOUT, follow_redirects=True) as client:
        return list(await asyncio.gather(*(one(client, u) for u in urls)))
