"""newsbot's library: news in, answers out.  Never imports telegram; the bot and the command line
use only what this module exports.

    async with await Library.open(Path("news.db"), seed=True) as library:
        answer = await library.ask("消防演练中有几人受伤被困？")

The pipeline, one folder per stage: ``sources`` and ``layout`` (files and e-paper pages ->
``SourceArticle``) -> ``text`` (passages, terms) -> ``store`` (SQLite) and ``ranking`` (exact BM25,
saved next to the store, kept in step by ``lifecycle``) -> ``library`` (ingest / ask / search /
latest -> the values of ``model``).  ``contract`` is the JSON other tools read.
"""

from __future__ import annotations

from .answers import MIN_COVERAGE
from .contract import answer_json, articles_json, ingest_json, latest_json, result_json, search_json
from .errors import IndexFiles, NewsbotError, SourceError, StoreError
from .library import SEEDS_DIR, Library, Progress
from .model import (
    MAX_TITLE,
    Answer,
    IngestReport,
    Query,
    Result,
    SearchPage,
    SourceArticle,
    Span,
    Stats,
    StoredArticle,
    Summary,
)
from .sources import parse_date
from .store import open_database
from .text.passages import cut_text
from .text.tokenize import Tokenizer, TokenizerOptions

__all__ = [
    "Library", "Progress", "SEEDS_DIR", "MIN_COVERAGE", "MAX_TITLE",
    "Answer", "IngestReport", "Query", "Result", "SearchPage", "SourceArticle", "Span", "Stats", "StoredArticle",
    "Summary",
    "NewsbotError", "SourceError", "StoreError", "IndexFiles",
    "Tokenizer", "TokenizerOptions", "parse_date", "cut_text", "open_database",
    "result_json", "answer_json", "search_json", "latest_json", "articles_json", "ingest_json",
]
