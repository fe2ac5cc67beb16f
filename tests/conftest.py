"""Shared fixtures: one initialized tokenizer per test session, real SQLite files in tmp_path."""

from __future__ import annotations

from pathlib import Path
from typing import AsyncIterator

import pytest

from index.search import Searcher
from index.sources import ArticleRecord
from index.store import Store
from index.tokenize import Tokenizer

ROOT = Path(__file__).resolve().parent.parent
SEED_PAGE = ROOT / "seeds" / "000_aff2cf897e84ba01.txt"


@pytest.fixture(scope="session")
def tokenizer(tmp_path_factory: pytest.TempPathFactory) -> Tokenizer:
    t = Tokenizer()
    t.initialize()
    return t


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "news.db")
    yield s
    await s.close()


@pytest.fixture
async def searcher(store: Store, tokenizer: Tokenizer) -> Searcher:
    return await Searcher.open(store, tokenizer)


def record(title: str, *paragraphs: str, date: str | None = None, source: str | None = "测试") -> ArticleRecord:
    return ArticleRecord(title=title, paragraphs=tuple(paragraphs), date=date, source=source)
