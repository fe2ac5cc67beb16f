"""Dates in questions: "6月12日", "2024年6月", "2024年", "昨天", "上周", "上个月", "去年" -> the
period of days they name (first and last day, ISO dates), relative to the reader's today."""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable

__all__ = ["Period", "period_in", "without_period"]

Period = tuple[str, str]  # first and last day, YYYY-MM-DD

_FULL = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?!\s*\d{1,2}\s*月)")
def _day(d: dt.date) -> str:
    return d.isoformat()


def _month(year: int, month: int) -> Period | None:
    if not 1 <= month <= 12:
        return None
    first = dt.date(year, month, 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return _day(first), _day(last)


def _date(year: int, month: int, day: int) -> Period | None:
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    return _day(d), _day(d)


def _days_back(n: int) -> Callable[[dt.date], Period]:
    return lambda today: (_day(today - dt.timedelta(days=n)), _day(today - dt.timedelta(days=n)))


def _monday(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=today.weekday())


def _last_month(today: dt.date) -> Period | None:
    last = today.replace(day=1) - dt.timedelta(days=1)
    return _month(last.year, last.month)


# Words that name a period relative to today, in the order they are tried.
_RELATIVE: tuple[tuple[tuple[str, ...], Callable[[dt.date], Period | None]], ...] = (
    (("今天", "今日"), _days_back(0)),
    (("昨天", "昨日"), _days_back(1)),
    (("前天",), _days_back(2)),
    (("上周", "上星期"), lambda t: (_day(_monday(t) - dt.timedelta(days=7)), _day(_monday(t) - dt.timedelta(days=1)))),
    (("本周", "这周"), lambda t: (_day(_monday(t)), _day(t))),
    (("上个月", "上月"), _last_month),
    (("本月", "这个月"), lambda t: _month(t.year, t.month)),
    (("去年",), lambda t: (f"{t.year - 1}-01-01", f"{t.year - 1}-12-31")),
    (("今年",), lambda t: (f"{t.year}-01-01", f"{t.year}-12-31")),
)
_RELATIVE_WORDS = re.compile("|".join(w for words, _ in _RELATIVE for w in sorted(words, key=len, reverse=True)))


def period_in(question: str, today: dt.date) -> Period | None:
    """The period a question names, or None.  A month and day without a year is the latest such
    day not after today."""
    m = _FULL.search(question)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        return _date(year, month, int(m.group(3))) if m.group(3) else _month(year, month)
    m = _MONTH_DAY.search(question)
    if m:
        month, day = int(m.group(1)), int(m.group(2))
        found = _date(today.year, month, day)
        if found is not None and found[0] > _day(today):
            found = _date(today.year - 1, month, day)
        return found
    m = _YEAR.search(question)
    if m:
        return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31"
    for words, period in _RELATIVE:
        if any(w in question for w in words):
            return period(today)
    return None


def without_period(question: str) -> str:
    """The question without the date words ``period_in`` reads (they are not in the passages' text)."""
    for pattern in (_FULL, _MONTH_DAY, _YEAR, _RELATIVE_WORDS):
        question = pattern.sub(" ", question)
    return question
