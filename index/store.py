"""SQLite storage (aiosqlite) of the news: articles, their passages and passage terms.

One ingest is one ``BEGIN IMMEDIATE`` transaction, so a failure or a kill half-way leaves the store
as it was.  Writes are serialized with an ``asyncio.Lock``; the database runs in WAL mode.  Articles are
keyed by a content hash, so ingesting the same content twice adds nothing.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import sqlite3
import time
import uuid
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import AsyncIterator, Awaitable, Callable, Iterator, Sequence

import aiosqlite

from .errors import StoreError
from .model import PreparedArticle, StoredArticle

__all__ = ["Store", "PassageRow", "Added", "open_database", "write_transaction"]

log = logging.getLogger(__name__)
SCHEMA_VERSION = 1
WRITE_WAIT = 3600.0  # seconds a writer waits for another process's write transaction (busy_timeout per try)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    kicker TEXT,
    date TEXT,
    source TEXT,
    url TEXT,
    ext_id TEXT,
    paragraphs TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_newest ON articles (date DESC, id DESC);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    ord INTEGER NOT NULL,
    text TEXT NOT NULL,
    tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_article ON passages (article_id, ord);
"""


@dataclass(frozen=True)
class Added:
    """An article the store did not have before, with the ids of its passages."""

    article_id: int
    passage_ids: tuple[int, ...]
    prepared: PreparedArticle


@dataclass(frozen=True)
class PassageRow:
    id: int
    article_id: int
    ord: int
    text: str
    title: str
    date: str | None
    source: str | None
    tokens: str = ""  # the passage's stored terms (its title's included), space separated
    url: str | None = None  # the article's, when it has one


def _article(row: sqlite3.Row | tuple) -> StoredArticle:
    return StoredArticle(row[0], row[1], tuple(json.loads(row[2])), row[3], row[4], row[5], row[6])


_ARTICLE_COLUMNS = "id, title, paragraphs, date, source, url, kicker"


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection that can only read a newsbot file and never creates one (backups, checks)."""
    db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        yield db
    finally:
        db.close()


async def open_database(path: Path, prepare: Callable[[aiosqlite.Connection], Awaitable[None]]) -> aiosqlite.Connection:
    """A connection to a newsbot SQLite file (created if missing; WAL, foreign keys, a busy timeout),
    made ready by ``prepare`` (schema, migrations).  Anything wrong becomes one StoreError."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = await aiosqlite.connect(str(path), isolation_level=None)
    except (OSError, sqlite3.Error) as e:
        raise StoreError(f"cannot open database {path}: {_reason(e)}") from e
    try:
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("PRAGMA synchronous=NORMAL")
        await db.execute("PRAGMA foreign_keys=ON")
        await db.execute("PRAGMA busy_timeout=10000")
        await prepare(db)
    except sqlite3.DatabaseError as e:
        await db.close()
        if "not a database" in str(e) or "malformed" in str(e):
            raise StoreError(f"{path} is not a newsbot database ({e})") from e
        raise StoreError(f"cannot open database {path}: {_reason(e)}") from e
    except BaseException:
        await db.close()
        raise
    return db


def _reason(e: BaseException) -> str:
    """SQLite's words, with what they mean for the person running newsbot."""
    text = str(e)
    if "disk is full" in text or "SQLITE_FULL" in text:
        return "the disk is full (nothing was stored; free some space and run it again)"
    if "readonly" in text or "read-only" in text:
        return f"the database or its folder is read-only ({text})"
    if "unable to open" in text:
        return f"{text} (does the folder exist, and may this user write to it?)"
    return text


@asynccontextmanager
async def write_transaction(db: aiosqlite.Connection, path: Path) -> AsyncIterator[None]:
    """One write transaction (BEGIN IMMEDIATE ... COMMIT, ROLLBACK on any error or cancel) for every
    writer of a newsbot file: the store, the chat tables, the feed registry.  Another process's write
    transaction (a long ingest) is waited for, up to ``WRITE_WAIT`` seconds; SQLite's errors become one
    StoreError.  Callers serialize their own connection's transactions (an ``asyncio.Lock``)."""
    await _begin(db, path)
    try:
        yield
        try:
            await db.execute("COMMIT")
        except sqlite3.Error as e:
            raise StoreError(f"cannot write to {path}: {_reason(e)}") from e
    except BaseException:
        await _rollback(db)
        raise


async def _rollback(db: aiosqlite.Connection) -> None:
    """Undo the open transaction, if SQLite has not already (it does itself on a full disk: a second
    ROLLBACK would then hide the real error)."""
    if db.in_transaction:
        try:
            await db.execute("ROLLBACK")
        except sqlite3.Error:
            pass


async def _begin(db: aiosqlite.Connection, path: Path) -> None:
    deadline = time.monotonic() + WRITE_WAIT
    announced = False
    while True:
        try:
            await db.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e):
                raise StoreError(f"cannot write to {path}: {_reason(e)}") from e
            if time.monotonic() >= deadline:
                raise StoreError(f"cannot write to {path}: another newsbot process has been writing "
                                 f"for over {WRITE_WAIT:.0f} s") from e
            if not announced:
                log.warning("waiting for another newsbot process to finish writing to %s", path)
                announced = True
        except sqlite3.Error as e:
            raise StoreError(f"cannot write to {path}: {_reason(e)}") from e


class Store:
    def __init__(self, path: Path, db: aiosqlite.Connection) -> None:
        self.path = path
        self._db = db
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> Store:
        async def prepare(db: aiosqlite.Connection) -> None:
            await db.executescript(_SCHEMA)
            version = await cls._meta(db, "schema_version")
            if version is None:
                await db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            elif int(version) > SCHEMA_VERSION:
                raise StoreError(f"database {path} was written by a newer newsbot (schema {version})")

        return cls(path, await open_database(path, prepare))

    async def close(self) -> None:
        await self._db.close()

    @staticmethod
    async def _meta(db: aiosqlite.Connection, key: str) -> str | None:
        async with db.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cur:
            row = await cur.fetchone()
        return row[0] if row else None

    async def get_meta(self, key: str) -> str | None:
        return await self._meta(self._db, key)

    # -- writes -----------------------------------------------------------------------------
    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """One write transaction on the store (see ``write_transaction``)."""
        async with self._write_lock, write_transaction(self._db, self.path):
            yield

    async def insert_articles(self, articles: Sequence[PreparedArticle]) -> list[Added]:
        """Store the articles not stored before; call inside ``transaction()``."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        added: list[Added] = []
        try:
            for prepared in articles:
                art = prepared.article
                h = art.content_hash
                async with self._db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (h,)) as cur:
                    if await cur.fetchone():
                        continue
                cur = await self._db.execute(
                    "INSERT INTO articles (content_hash, title, kicker, date, source, url, ext_id, paragraphs,"
                    " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (h, art.title, art.kicker, art.date, art.source, art.url, art.ext_id,
                     json.dumps(list(art.paragraphs), ensure_ascii=False), now),
                )
                article_id = int(cur.lastrowid)
                ids: list[int] = []
                for i, passage in enumerate(prepared.passages):
                    cur = await self._db.execute(
                        "INSERT INTO passages (article_id, ord, text, tokens) VALUES (?, ?, ?, ?)",
                        (article_id, i, passage.text, " ".join(passage.tokens)))
                    ids.append(int(cur.lastrowid))
                added.append(Added(article_id, tuple(ids), prepared))
        except sqlite3.Error as e:
            raise StoreError(f"cannot write to {self.path}: {_reason(e)}") from e
        return added

    async def set_meta(self, key: str, value: str) -> None:
        async with self._write_lock:
            await self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    async def replace_tokens(self, rows: Sequence[tuple[int, str]]) -> None:
        """Re-tokenized passages (id, tokens), in one transaction."""
        async with self.transaction():
            await self._db.executemany("UPDATE passages SET tokens = ? WHERE id = ?", [(t, i) for i, t in rows])

    # -- reads ------------------------------------------------------------------------------
    async def count_passages(self, up_to_id: int, after: bool = False) -> int:
        """Passages with ids up to ``up_to_id`` (or, with ``after``, beyond it: a range of the rowid)."""
        sql = "SELECT count(*) FROM passages WHERE id > ?" if after else "SELECT count(*) FROM passages WHERE id <= ?"
        async with self._db.execute(sql, (up_to_id,)) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def max_passage_id(self) -> int:
        async with self._db.execute("SELECT coalesce(max(id), 0) FROM passages") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def store_id(self) -> str:
        """A random id given to this database when it was created (ties saved indexes to it)."""
        value = await self.get_meta("store_id")
        if value is None:
            value = uuid.uuid4().hex
            await self.set_meta("store_id", value)
        return value

    async def count_articles(self) -> int:
        async with self._db.execute("SELECT count(*) FROM articles") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def iter_passages(self, after_id: int = 0, batch: int = 10000) -> AsyncIterator[list[tuple[int, str, str]]]:
        """(passage id, text, tokens) in id order, in batches."""
        last = after_id
        while True:
            async with self._db.execute(
                "SELECT id, text, tokens FROM passages WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
            ) as cur:
                rows = [(int(r[0]), r[1], r[2]) for r in await cur.fetchall()]
            if not rows:
                return
            yield rows
            last = rows[-1][0]

    async def passages(self, ids: Sequence[int] = (), articles: Sequence[int] = ()) -> dict[int, PassageRow]:
        """Passages by id, or every passage of the given articles."""
        keys, column = (ids, "p.id") if ids else (articles, "p.article_id")
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        sql = (
            "SELECT p.id, p.article_id, p.ord, p.text, a.title, a.date, a.source, p.tokens, a.url FROM passages p"
            f" JOIN articles a ON a.id = p.article_id WHERE {column} IN ({marks}) ORDER BY p.id"
        )
        async with self._db.execute(sql, list(keys)) as cur:
            return {int(r[0]): PassageRow(*r) for r in await cur.fetchall()}

    async def article(self, article_id: int) -> StoredArticle | None:
        async with self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)) as cur:
            row = await cur.fetchone()
        return _article(row) if row else None

    async def articles(self) -> list[StoredArticle]:
        async with self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY id") as cur:
            return [_article(r) for r in await cur.fetchall()]

    async def latest(self, n: int, edition: tuple[str | None, str | None] | None = None) -> list[StoredArticle]:
        """Newest first: by date (undated last), then most recently ingested.  ``edition`` (date, source):
        only that date's articles, or for no date the undated ones from that source, in the order stored."""
        if edition is None:
            sql, args = (f"SELECT {_ARTICLE_COLUMNS} FROM articles"
                         " ORDER BY date IS NULL, date DESC, id DESC LIMIT ?"), (n,)
        elif edition[0] is not None:
            sql, args = f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE date = ? ORDER BY id LIMIT ?", (edition[0], n)
        else:
            sql, args = (f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE date IS NULL AND source IS ?"
                         " ORDER BY id LIMIT ?"), (edition[1], n)
        async with self._db.execute(sql, args) as cur:
            return [_article(r) for r in await cur.fetchall()]
