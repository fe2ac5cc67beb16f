"""newsbot's library: news in, answers out.  Never imports telegram; the bot and the command line
use only what this module exports.

    async with await Library.open(Path("news.db"), seed=True) as library:
        answer = await library.ask("消防演练中有几人受伤被困？")

The pipeline, one folder per stage: ``sources`` and ``layout`` (files and e-paper pages ->
``SourceArticle``) -> ``text`` (passages, terms) -> ``store`` (SQLite) and ``ranking`` (exact BM25,
saved next to the store, kept in step by ``lifecycle``) -> ``library`` (ingest / ask / search /
latest -> the values of ``model``).  ``contract`` is the JSON other tools read.

Names are loaded on first use (PEP 562), so importing one stage (``index.ranking`` in a benchmark, a
tokenizer worker process) does not import every other stage with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "Library": "library", "Progress": "library", "SEEDS_DIR": "library", "summary_of": "library",
    "MIN_COVERAGE": "answers",
    "MAX_TITLE": "model", "printable": "model", "Answer": "model", "IngestReport": "model", "Query": "model", "Result": "model",
    "SearchPage": "model", "SourceArticle": "model", "Span": "model", "Stats": "model", "StoredArticle": "model",
    "Summary": "model",
    "NewsbotError": "errors", "SourceError": "errors", "StoreError": "errors", "IndexFiles": "errors",
    "Tokenizer": "text.tokenize", "TokenizerOptions": "text.tokenize", "cut_text": "text.passages",
    "reader_script": "text.script", "in_script": "text.script", "to_script": "text.script",
    "parse_date": "sources", "open_database": "store", "write_transaction": "store", "read_only": "store",
    "Dropped": "watch", "ingest_dropped": "watch", "Match": "follow", "new_matches": "follow",
    "articles_since": "follow", "newest_passage": "follow", "Edition": "editions", "edition": "editions",
    "BackupReport": "backup", "backup_store": "backup", "restore_store": "backup",
    "Check": "checkup", "store_checks": "checkup", "feed_checks": "checkup",
    "Feed": "feeds", "FeedError": "feeds", "FeedRegistry": "feeds", "FeedReport": "feeds", "poll_feeds": "feeds",
    "parse_every": "feeds", "DEFAULT_EVERY": "feeds",
    "result_json": "contract", "answer_json": "contract", "search_json": "contract", "latest_json": "contract",
    "articles_json": "contract", "ingest_json": "contract", "feeds_json": "contract", "fetch_json": "contract",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'index' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # the same names, for type checkers and readers
    from .answers import MIN_COVERAGE
    from .contract import (answer_json, articles_json, feeds_json, fetch_json, ingest_json, latest_json, result_json,
                           search_json)
    from .errors import IndexFiles, NewsbotError, SourceError, StoreError
    from .backup import BackupReport, backup_store, restore_store
    from .checkup import Check, feed_checks, store_checks
    from .editions import Edition, edition
    from .follow import Match, articles_since, new_matches, newest_passage
    from .watch import Dropped, ingest_dropped
    from .feeds import DEFAULT_EVERY, Feed, FeedError, FeedRegistry, FeedReport, parse_every, poll_feeds
    from .library import SEEDS_DIR, Library, Progress, summary_of
    from .model import (MAX_TITLE, Answer, printable, IngestReport, Query, Result, SearchPage, SourceArticle, Span, Stats,
                        StoredArticle, Summary)
    from .sources import parse_date
    from .store import open_database, read_only, write_transaction
    from .text.passages import cut_text
    from .text.script import in_script, reader_script, to_script
    from .text.tokenize import Tokenizer, TokenizerOptions
