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


def date_in_text(text: str) -> str | None:
    """The first valid date printed in a page's running head or masthead, or None."""
    for m in _PRINTED_DATE.finditer(text):
        month, day = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
        try:
            return dt.date(int(m.group(1)), int(month), int(day)).isoformat()
        except ValueError:
            continue
    return None
