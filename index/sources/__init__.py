"""Sources of news -> ``SourceArticle`` values: e-paper page text (.txt) and JSON / JSONL articles."""

from __future__ import annotations

from .dates import date_from_name, parse_date
from .files import SUFFIXES, decode, expand, read_all, read_path

__all__ = ["read_path", "read_all", "expand", "decode", "parse_date", "date_from_name", "SUFFIXES"]
