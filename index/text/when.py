"""Dates in questions: "6月12日", "2024年6月", "2024年", "昨天", "上周", "上个月", "去年" -> the
period of days they name (first and last day, ISO dates), relative to the reader's today."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["Period", "period_in", "without_period"]

Period = tuple[str, str]  # first and last day, YYYY-MM-DD

_FULL = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?!\s*\d{1,2}\s*月)")
_RELATIVE_DAYS = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}
_RELATIVE = re.compile("|".join([*_RELATIVE_DAYS, "上周", "上星期", "本周", "这周", "上个月", "上月", "本月", "这个月",
                                 "去年", "今年"]))


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
    for word, back in _RELATIVE_DAYS.items():
        if word in question:
            d = today - dt.timedelta(days=back)
            return _day(d), _day(d)
    monday = today - dt.timedelta(days=today.weekday())
    if "上周" in question or "上星期" in question:
        return _day(monday - dt.timedelta(days=7)), _day(monday - dt.timedelta(days=1))
    if "本周" in question or "这周" in question:
        return _day(monday), _day(today)
    if "上个月" in question or "上月" in question:
        last = today.replace(day=1) - dt.timedelta(days=1)
        return _month(last.year, last.month)
    if "本月" in question or "这个月" in question:
        return _month(today.year, today.month)
    if "去年" in question:
        return f"{today.year - 1}-01-01", f"{today.year - 1}-12-31"
    if "今年" in question:
        return f"{today.year}-01-01", f"{today.year}-12-31"
    return None


def without_period(question: str) -> str:
    """The question without the date words ``period_in`` reads (they are not in the passages' text)."""
    for pattern in (_FULL, _MONTH_DAY, _YEAR, _RELATIVE):
        question = pattern.sub(" ", question)
    return question
