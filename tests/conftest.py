"""Shared fixtures: one initialized tokenizer per test session, real SQLite files in tmp_path."""

from __future__ import annotations

from pathlib import Path
from typing import AsyncIterator

import pytest

from index import Library
from index import SourceArticle
from index.store import Store
from index.text.tokenize import Tokenizer

ROOT = Path(__file__).resolve().parent.parent
SEED_PAGE = ROOT / "seeds" / "000_aff2cf897e84ba01.txt"


@pytest.fixture(scope="session")
def tokenizer(tmp_path_factory: pytest.TempPathFactory) -> Tokenizer:
    t = Tokenizer()
    t.initialize()
    return t


@pytest.fixture
async def library(tmp_path: Path, tokenizer: Tokenizer) -> AsyncIterator[Library]:
    opened = await Library.open(tmp_path / "news.db", tokenizer=tokenizer)
    yield opened
    await opened.close()


@pytest.fixture
def store(library: Library) -> Store:
    return library.store


def record(title: str, *paragraphs: str, date: str | None = None, source: str | None = "测试") -> SourceArticle:
    return SourceArticle(title=title, paragraphs=tuple(paragraphs), date=date, source=source)
