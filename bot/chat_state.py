"""Per-chat state, owned by the bot, on the news database's SQLite file: saved searches (buttons carry
their tokens), the articles of the last answers (for follow-up questions), follows and digests.

A saved search belongs to the chat that made it: its token is random (unguessable) and is looked up
together with the chat id, so a button forged or copied into another chat reveals nothing.  Searches
not used for ``SEARCH_TTL`` seconds are forgotten.

Its tables are its own (the library never reads them), with their own schema version in
``chat_meta`` and migrations applied in order when it is opened.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from pathlib import Path
from typing import Callable

import aiosqlite

from index import StoreError, open_database, write_transaction

__all__ = ["ChatState", "MIGRATIONS", "SEARCH_TTL", "MAX_FOLLOWS", "RECENT_TTL"]

SEARCH_TTL = 7 * 24 * 3600.0  # a saved search unused this long is forgotten (its buttons go stale)

# Migration n (1-based) brings the chat tables from version n - 1 to n.  Never edit one that shipped:
# add the next.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS chat_searches (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
    """,
    # 2: searches bound to their chat, with random tokens and a last-use time (the ids of 1 were global
    # and counted up: anyone could page anyone's search)
    """
    DROP TABLE IF EXISTS chat_searches;
    CREATE TABLE chat_searches (
        token TEXT PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        text TEXT NOT NULL,
        used_at REAL NOT NULL,
        UNIQUE (chat_id, text)
    );
    CREATE INDEX chat_searches_used ON chat_searches (used_at);
    """,
    # 3: followed words (pushed when a new article matches) and where the pushes have got to
    """
    CREATE TABLE chat_follows (
        chat_id INTEGER NOT NULL,
        words TEXT NOT NULL,
        created_at REAL NOT NULL,
        PRIMARY KEY (chat_id, words)
    );
    CREATE TABLE chat_push (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 4: daily digests: when, the last passage a digest covered, the day the last one went out
    """
    CREATE TABLE chat_digests (
        chat_id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        after_passage INTEGER NOT NULL,
        last_sent TEXT
    );
    """,
    # 5: the articles of a chat's last answers (follow-up questions are answered from them)
    """
    CREATE TABLE chat_recent (
        chat_id INTEGER PRIMARY KEY,
        articles TEXT NOT NULL,
        at REAL NOT NULL
    );
    """,
)
MAX_FOLLOWS = 20  # per chat
RECENT_TTL = 30 * 60.0  # a conversation idle this long is over: the next question starts afresh
RECENT_ANSWERS = 2  # a conversation remembers the articles of its last two answers


class ChatState:
    def __init__(self, path: Path, db: aiosqlite.Connection, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._db = db
        self._write_lock = asyncio.Lock()
        self._clock = clock

    @classmethod
    async def open(cls, path: Path, clock: Callable[[], float] = time.time) -> ChatState:
        return cls(path, await open_database(path, lambda db: _migrate(db, path)), clock)

    async def close(self) -> None:
        await self._db.close()

    async def save_search(self, chat_id: int, text: str) -> str:
        """A short random token for a chat's search (buttons carry tokens, not text); the same chat and
        text, the same token.  Expired searches are forgotten on the way."""
        now = self._clock()
        async with self._write_lock, write_transaction(self._db, self.path):
            await self._db.execute("DELETE FROM chat_searches WHERE used_at < ?", (now - SEARCH_TTL,))
            await self._db.execute(
                "INSERT INTO chat_searches (token, chat_id, text, used_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (chat_id, text) DO UPDATE SET used_at = excluded.used_at",
                (secrets.token_urlsafe(9), chat_id, text, now))
            async with self._db.execute("SELECT token FROM chat_searches WHERE chat_id = ? AND text = ?",
                                        (chat_id, text)) as cur:
                row = await cur.fetchone()
        assert row is not None
        return str(row[0])

    async def search_text(self, chat_id: int, token: str) -> str | None:
        """The text of this chat's saved search, or None (unknown, expired, or another chat's)."""
        async with self._db.execute("SELECT text FROM chat_searches WHERE token = ? AND chat_id = ? AND used_at >= ?",
                                    (token, chat_id, self._clock() - SEARCH_TTL)) as cur:
            row = await cur.fetchone()
        return row[0] if row else None

    # -- conversation context --------------------------------------------------------------------
    async def recent(self, chat_id: int) -> list[int]:
        """The articles of this chat's last answers, newest first (none after RECENT_TTL idle)."""
        async with self._db.execute("SELECT articles FROM chat_recent WHERE chat_id = ? AND at >= ?",
                                    (chat_id, self._clock() - RECENT_TTL)) as cur:
            row = await cur.fetchone()
        return [int(x) for x in row[0].split()] if row else []

    async def remember(self, chat_id: int, article_id: int) -> None:
        """An answer came from this article: it becomes the newest of the chat's recent ones."""
        recent = [article_id] + [a for a in await self.recent(chat_id) if a != article_id]
        await _write(self._db, self._write_lock, "INSERT OR REPLACE INTO chat_recent VALUES (?, ?, ?)",
                     (chat_id, " ".join(map(str, recent[:RECENT_ANSWERS])), self._clock()))

    # -- follows -----------------------------------------------------------------------------
    async def follow(self, chat_id: int, words: str) -> bool | None:
        """Follow the words (True: new, False: already followed, None: the chat follows too many)."""
        if words in await self.follows(chat_id):
            return False
        if len(await self.follows(chat_id)) >= MAX_FOLLOWS:
            return None
        await _write(self._db, self._write_lock, "INSERT OR IGNORE INTO chat_follows VALUES (?, ?, ?)",
                     (chat_id, words, self._clock()))
        return True

    async def unfollow(self, chat_id: int, words: str) -> bool:
        return bool(await _write(self._db, self._write_lock,
                                 "DELETE FROM chat_follows WHERE chat_id = ? AND words = ?", (chat_id, words)))

    async def follows(self, chat_id: int) -> list[str]:
        async with self._db.execute("SELECT words FROM chat_follows WHERE chat_id = ? ORDER BY created_at",
                                    (chat_id,)) as cur:
            return [r[0] for r in await cur.fetchall()]

    async def followers(self) -> dict[str, list[int]]:
        """Every followed set of words, with the chats that follow it."""
        out: dict[str, list[int]] = {}
        async with self._db.execute("SELECT words, chat_id FROM chat_follows ORDER BY created_at") as cur:
            for words, chat_id in await cur.fetchall():
                out.setdefault(words, []).append(int(chat_id))
        return out

    async def forget_chat(self, chat_id: int) -> None:
        """A reader who blocked the bot: nothing more is pushed to them."""
        await _write(self._db, self._write_lock, "DELETE FROM chat_follows WHERE chat_id = ?", (chat_id,))
        await _write(self._db, self._write_lock, "DELETE FROM chat_digests WHERE chat_id = ?", (chat_id,))
        await _write(self._db, self._write_lock, "DELETE FROM chat_recent WHERE chat_id = ?", (chat_id,))

    # -- daily digests -------------------------------------------------------------------------
    async def subscribe(self, chat_id: int, at: str, after_passage: int, sent_today: str | None) -> None:
        """A digest at ``at`` (HH:MM) of what is stored after ``after_passage``; ``sent_today`` marks
        today as done when the time has already passed (the first digest comes tomorrow)."""
        await _write(self._db, self._write_lock,
                     "INSERT INTO chat_digests VALUES (?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET at = excluded.at,"
                     " last_sent = excluded.last_sent", (chat_id, at, after_passage, sent_today))

    async def unsubscribe(self, chat_id: int) -> bool:
        return bool(await _write(self._db, self._write_lock, "DELETE FROM chat_digests WHERE chat_id = ?", (chat_id,)))

    async def digest_time(self, chat_id: int) -> str | None:
        async with self._db.execute("SELECT at FROM chat_digests WHERE chat_id = ?", (chat_id,)) as cur:
            row = await cur.fetchone()
        return row[0] if row else None

    async def due_digests(self, today: str, now: str) -> list[tuple[int, int]]:
        """(chat, last passage covered) for the digests whose time has come today and that have not gone out."""
        async with self._db.execute("SELECT chat_id, after_passage FROM chat_digests WHERE at <= ?"
                                    " AND (last_sent IS NULL OR last_sent < ?)", (now, today)) as cur:
            return [(int(c), int(a)) for c, a in await cur.fetchall()]

    async def digest_sent(self, chat_id: int, today: str, after_passage: int) -> None:
        await _write(self._db, self._write_lock, "UPDATE chat_digests SET last_sent = ?, after_passage = ? WHERE chat_id = ?",
                     (today, after_passage, chat_id))

    async def push_cursor(self) -> int | None:
        """The newest passage id whose article was checked against the follows (None: never)."""
        async with self._db.execute("SELECT value FROM chat_push WHERE key = 'passage'") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else None

    async def set_push_cursor(self, passage_id: int) -> None:
        await _write(self._db, self._write_lock, "INSERT OR REPLACE INTO chat_push VALUES ('passage', ?)",
                     (str(passage_id),))


async def _write(db: aiosqlite.Connection, lock: asyncio.Lock, sql: str, args: tuple) -> int:
    async with lock:
        cur = await db.execute(sql, args)
        return cur.rowcount


async def schema_version(db: aiosqlite.Connection) -> int:
    await db.execute("CREATE TABLE IF NOT EXISTS chat_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    async with db.execute("SELECT value FROM chat_meta WHERE key = 'schema_version'") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def _migrate(db: aiosqlite.Connection, path: Path) -> None:
    """Apply the migrations this database has not had yet, in one transaction."""
    async with write_transaction(db, path):
        version = await schema_version(db)
        if version > len(MIGRATIONS):
            raise StoreError(f"the chat tables in {path} were written by a newer newsbot (version {version})")
        for number, script in enumerate(MIGRATIONS[version:], version + 1):
            for statement in filter(str.strip, script.split(";")):
                await db.execute(statement)
            await db.execute("INSERT OR REPLACE INTO chat_meta VALUES ('schema_version', ?)", (str(number),))
