"""Backups of the store (news, chat state, feeds: one SQLite file) with SQLite's online backup API.

A backup copies the database in one step from a read transaction: in WAL mode a reader never blocks
the writers (a running bot, an ingest) and sees one consistent state, so the copy is exactly the
store as it was when the backup began.  It is written next to its target and renamed into place
only once it checks out (``PRAGMA quick_check``), so a failed backup leaves no half file.

A restore copies a checked backup over the store (refusing a store that holds articles unless
forced) and drops the saved search index: the next start rebuilds it from the restored store.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError
from .ranking import persist
from .store import read_only

__all__ = ["BackupReport", "backup_store", "restore_store"]


@dataclass(frozen=True)
class BackupReport:
    path: Path
    articles: int
    passages: int
    bytes: int
    seconds: float


def _exists(path: Path) -> Path:
    if not path.is_file():
        raise StoreError(f"{path}: no such database")
    return path


def _check(db: sqlite3.Connection, path: Path) -> tuple[int, int]:
    """(articles, passages) of a sound newsbot database; StoreError otherwise."""
    try:
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise StoreError(f"{path} is damaged (quick_check failed)")
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        passages = db.execute("SELECT count(*) FROM passages").fetchone()[0]
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path} is not a newsbot database ({e})") from e
    return int(articles), int(passages)


def _articles_held(db_path: Path) -> int:
    try:
        with read_only(db_path) as current:
            return int(current.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.DatabaseError:
        return 1  # something that is not an empty newsbot store: not overwritten unasked


def backup_store(db_path: Path, target: Path, force: bool = False) -> BackupReport:
    """Copy the store at ``db_path`` to ``target`` while others keep reading and writing it."""
    start = time.monotonic()
    if target.exists() and not force:
        raise StoreError(f"{target} exists: choose another name, or --force to replace it")
    if target.resolve() == db_path.resolve():
        raise StoreError("the backup cannot be the database itself")
    partial = target.with_name(target.name + ".partial")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with read_only(_exists(db_path)) as source, closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)  # one step: one read transaction, one consistent state
            copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            articles, passages = _check(copy, target)
        partial.replace(target)
    except sqlite3.Error as e:
        raise StoreError(f"backup to {target} failed: {e}") from e
    finally:
        partial.unlink(missing_ok=True)
    return BackupReport(target, articles, passages, target.stat().st_size, time.monotonic() - start)


def restore_store(backup_path: Path, db_path: Path, force: bool = False) -> BackupReport:
    """Put a backup back as the store (stop the bot first); the saved index is rebuilt on next start."""
    start = time.monotonic()
    try:
        with read_only(_exists(backup_path)) as source:
            articles, passages = _check(source, backup_path)
            held = _articles_held(db_path) if db_path.exists() and not force else 0
            if held:
                raise StoreError(f"{db_path} is not empty ({held} articles): use --force to replace it with the backup")
            db_path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(db_path)) as store:
                source.backup(store)
    except sqlite3.Error as e:
        raise StoreError(f"restore into {db_path} failed: {e}") from e
    shutil.rmtree(persist.index_dir(db_path), ignore_errors=True)
    return BackupReport(db_path, articles, passages, db_path.stat().st_size, time.monotonic() - start)
