"""Publication dates: parsed from text and file names, never invented."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..layout.printed import PRINTED_DATE, printed_date_of

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


_PRINTED_DATE = re.compile(PRINTED_DATE)  # a weekday may follow


def date_in_text(text: str) -> str | None:
    """The first valid date printed in a page's running head or masthead, or None."""
    return next(filter(None, map(printed_date_of, _PRINTED_DATE.finditer(text))), None)
