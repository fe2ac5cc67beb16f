"""Per-chat state, owned by the bot, on the news database's SQLite file: saved searches (buttons carry
their ids) now; conversation context and subscriptions next.

Its tables are its own (the library never reads them), with their own schema version in
``chat_meta`` and migrations applied in order when it is opened.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiosqlite

from index import StoreError, open_database

__all__ = ["ChatState", "MIGRATIONS"]

# Migration n (1-based) brings the chat tables from version n - 1 to n.  Never edit one that shipped:
# add the next.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS chat_searches (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
    """,
)


class ChatState:
    def __init__(self, path: Path, db: aiosqlite.Connection) -> None:
        self.path = path
        self._db = db
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> ChatState:
        return cls(path, await open_database(path, lambda db: _migrate(db, path)))

    async def close(self) -> None:
        await self._db.close()

    async def save_search(self, text: str) -> int:
        """A short id for a search text (buttons carry ids, not text); the same text, the same id."""
        async with self._write_lock:
            await self._db.execute("INSERT OR IGNORE INTO chat_searches (text) VALUES (?)", (text,))
        async with self._db.execute("SELECT id FROM chat_searches WHERE text = ?", (text,)) as cur:
            row = await cur.fetchone()
        assert row is not None
        return int(row[0])

    async def search_text(self, search_id: int) -> str | None:
        async with self._db.execute("SELECT text FROM chat_searches WHERE id = ?", (search_id,)) as cur:
            row = await cur.fetchone()
        return row[0] if row else None


async def schema_version(db: aiosqlite.Connection) -> int:
    await db.execute("CREATE TABLE IF NOT EXISTS chat_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    async with db.execute("SELECT value FROM chat_meta WHERE key = 'schema_version'") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def _migrate(db: aiosqlite.Connection, path: Path) -> None:
    """Apply the migrations this database has not had yet, each in its own transaction."""
    await db.execute("BEGIN IMMEDIATE")
    try:
        version = await schema_version(db)
        if version > len(MIGRATIONS):
            raise StoreError(f"the chat tables in {path} were written by a newer newsbot (version {version})")
        for number, script in enumerate(MIGRATIONS[version:], version + 1):
            for statement in filter(str.strip, script.split(";")):
                await db.execute(statement)
            await db.execute("INSERT OR REPLACE INTO chat_meta VALUES ('schema_version', ?)", (str(number),))
        await db.execute("COMMIT")
    except BaseException:
        await db.execute("ROLLBACK")
        raise
