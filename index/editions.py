"""Editions: a paper's articles of one date (an undated source's: the articles it brought), for
``/latest``.  The newest edition is that of the newest article: its date, or for undated sources the
most recently added one's."""

from __future__ import annotations

from dataclasses import dataclass

from .library import Library, summary_of
from .model import Summary

__all__ = ["Edition", "edition"]

EDITION_MAX = 500  # articles listed from one edition (a big paper has ~100 a day)


@dataclass(frozen=True)
class Edition:
    key: int  # an article of the edition (buttons name the edition by it)
    date: str | None  # None: an undated source's
    items: tuple[Summary, ...]  # in the order stored (the paper's order)


async def edition(library: Library, date: str | None = None, of_article: int | None = None) -> Edition | None:
    """The newest edition, the one of a date (YYYY-MM-DD), or the one an article belongs to; None when
    there is no such edition."""
    store = library.store
    if of_article is not None:
        found = await store.article(of_article)
        anchor = [found] if found is not None else []
    elif date is not None:
        anchor = await store.latest(1, edition=(date, None))
    else:
        anchor = await store.latest(1)
    if not anchor:
        return None
    articles = await store.latest(EDITION_MAX, edition=(anchor[0].date, anchor[0].source))
    return Edition(articles[0].id, anchor[0].date, tuple(summary_of(a) for a in articles))
