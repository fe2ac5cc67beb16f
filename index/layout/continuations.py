"""Stories continued on another page (（下转第3版） ... （上接第1版）) joined into one article, when
both pages are in the same ingest."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from .lines import JUMP_FROM, JUMP_TO, PageArticle
from .printed import chinese_number

__all__ = ["join_continuations", "edition_of"]

_TO = re.compile(r"\s*" + JUMP_TO + r"\s*$")
_FROM = re.compile(r"^\s*" + JUMP_FROM + r"\s*")
# the page's edition in its running head: 第3版, 第二版, 第A02版, A2版, or a section letter and number before
# the section's name (A2 要闻)
_EDITION = re.compile(r"第\s*([0-9A-Za-z一二三四五六七八九十]{1,3})\s*版|(?<![0-9A-Za-z])([A-Za-z]?\d{1,2})\s*版"
                      r"|(?<![0-9A-Za-z])([A-Za-z]\d{1,2})(?=\s*[\u4e00-\u9fff])")
_SENTENCE_END = re.compile(r"[。！？!?…”’」』）)]$")


def edition_of(header: str, fallback: int) -> str:
    """The page's printed edition (第3版 -> "3", 第二版 -> "2", 第A02版 -> "A2"), else its position in the file."""
    m = _EDITION.search(header)
    return _edition(next(g for g in m.groups() if g)) if m else str(fallback)


def _edition(printed: str) -> str:
    """An edition as one spelling: 二 -> 2, 十二 -> 12, 03 -> 3, a3 -> A3."""
    value = chinese_number(printed)
    if value is not None:
        return str(value)
    letters = "".join(c for c in printed if not c.isdigit()).upper()
    if not printed[-1:].isdigit():
        return letters
    return letters + ("".join(c for c in printed if c.isdigit()).lstrip("0") or "0")


def join_continuations(pages: Sequence[tuple[str, Sequence[PageArticle]]]) -> list[tuple[str, PageArticle]]:
    """(edition, article) in order, each continued story joined into the article where it began."""
    found = [(edition, a) for edition, articles in pages for a in articles]
    taken: set[int] = set()
    out: list[tuple[str, PageArticle]] = []
    for i, (edition, article) in enumerate(found):
        if i in taken:
            continue
        while article.paragraphs and (m := _TO.search(article.paragraphs[-1])):
            k = _continuation(found, taken, _edition(m["edition"]), edition, article.title)
            if k is None:
                break
            taken.add(k)
            article = _joined(article, found[k][1])
        out.append((edition, article))
    return out


def _continuation(found: list[tuple[str, PageArticle]], taken: set[int], to: str, edition: str,
                  title: str) -> int | None:
    """The article on edition ``to`` that says it continues from ``edition`` (the same title first)."""
    candidates = [k for k, (e, a) in enumerate(found) if k not in taken and e == to and a.paragraphs
                  and (m := _FROM.match(a.paragraphs[0])) and _edition(m["edition"]) == edition]
    candidates.sort(key=lambda k: found[k][1].title != title)
    return candidates[0] if candidates else None


def _joined(first: PageArticle, rest: PageArticle) -> PageArticle:
    head = list(first.paragraphs)
    head[-1] = _TO.sub("", head[-1])
    tail = list(rest.paragraphs)
    tail[0] = _FROM.sub("", tail[0])
    if head[-1] and tail and not _SENTENCE_END.search(head[-1]):  # the jump came mid-sentence
        head[-1] += tail.pop(0)
    paragraphs = tuple(p for p in head + tail if p)
    return replace(first, paragraphs=paragraphs, last_line=rest.last_line)
