"""Publication dates: parsed from text and file names, never invented."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

__all__ = ["parse_date", "date_from_name", "date_in_text"]

_DATE_IN_NAME = re.compile(r"(?<!\d)(20\d\d|19\d\d)[-_./]?(0[1-9]|1[0-2])[-_./]?(0[1-9]|[12]\d|3[01])(?!\d)")
_DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")


def parse_date(value: str) -> str:
    """'2024-06-12', '2024/6/12', '2024年6月12日', '2024-06-12T08:00:00' -> '2024-06-12'."""
    m = _DATE_TEXT.match(value)
    if not m:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD)")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError as e:
        raise ValueError(f"not a date: {value!r} ({e})") from e


def date_from_name(path: Path) -> str | None:
    m = _DATE_IN_NAME.search(path.name)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


# A date printed on a page: 2024年10月16日, 2011.5.24, 2024-10-16, 2024/10/16 (a weekday may follow).
_PRINTED_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2}))(?!\d)")


# in Chinese numerals, as some mastheads print it: 二〇二四年十月十六日
_CHINESE_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日")
_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}


def _chinese_number(text: str) -> int:
    """一 .. 三十一 (十 alone, 十二, 二十, 二十一)."""
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else -1
    return (_DIGITS.get(tens, -99) if tens else 1) * 10 + (_DIGITS.get(ones, -99) if ones else 0)


def date_in_text(text: str) -> str | None:
    """The first valid date printed in a page's running head or masthead, or None."""
    found: list[tuple[int, int, int, int]] = []  # (where, year, month, day)
    for m in _PRINTED_DATE.finditer(text):
        month, day = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
        found.append((m.start(), int(m.group(1)), int(month), int(day)))
    for m in _CHINESE_DATE.finditer(text):
        year = int("".join(str(_DIGITS[c]) for c in m.group(1)))
        found.append((m.start(), year, _chinese_number(m.group(2)), _chinese_number(m.group(3))))
    for _, year, month, day in sorted(found):
        try:
            if 1900 <= year < 2100:
                return dt.date(year, month, day).isoformat()
        except ValueError:
            continue
    return None
