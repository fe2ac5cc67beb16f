"""What a page prints about itself and how: Chinese numerals (二〇二四, 十二), its date (2024年10月16日,
2011.5.24, 2024-10-16, 2024/10/16, 二〇二四年十月十六日), its paper's name (城南日报) and the layout file it was
made from (A01.indd).  One place for the text path's running heads and slug lines, the dates and papers of
both paths, the editions jump lines name and the PDF titles a program wrote."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["PRINTED_DATE", "printed_date_of", "chinese_number", "paper_in", "LAYOUT_FILES"]

_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_CHINESE_DIGIT = "[〇○零一二三四五六七八九]"
_CHINESE_UP_TO_31 = "[一二三四五六七八九十]{1,3}"
# groups: year, month, day in Arabic numerals (年月日 or . - /), then year, month, day in Chinese numerals
PRINTED_DATE = (r"(?<!\d)((?:19|20)\d\d)\s*"
                r"(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2}))(?!\d)"
                rf"|({_CHINESE_DIGIT}{{4}})\s*年\s*({_CHINESE_UP_TO_31})\s*月\s*({_CHINESE_UP_TO_31})\s*日")


# a paper's name in a running head: 城南日报, 河口晚报, 经济导报 (a word of its own, ending in 报)
_PAPER = re.compile(r"(?:^|\s)([\u4e00-\u9fff]{1,10}(?:日报|晚报|早报|晨报|时报|商报|周报|导报|报))(?=\s|$)")
# the extensions of a layout program's files (InDesign, PageMaker, QuarkXPress, 方正飞腾 and 书版, PostScript)
LAYOUT_FILES = r"indd|indt|p65|pm[4-7]|qxd|qxp|fit|fbd|eps|ps"


def paper_in(header: str) -> str | None:
    """The paper's name printed in a page's running head (or on the line over it), if it is there."""
    m = _PAPER.search(header)
    return m.group(1) if m else None


def chinese_number(text: str) -> int | None:
    """一 .. 九十九 (十 alone, 十二, 二十, 二十一), or None."""
    tens, ten, ones = text.rpartition("十")
    if not ten:
        return _DIGITS.get(text) if len(text) == 1 else None
    if (tens and tens not in _DIGITS) or (ones and ones not in _DIGITS):
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def printed_date_of(m: re.Match[str]) -> str | None:
    """A ``PRINTED_DATE`` match as YYYY-MM-DD, or None when no such day is (二月三十日) or no paper prints
    its year."""
    g = m.groups()
    if g[0]:
        year, month, day = int(g[0]), int(g[1] or g[3]), int(g[2] or g[4])
    else:
        year = int("".join(str(_DIGITS[c]) for c in g[5]))
        month, day = chinese_number(g[6]) or 0, chinese_number(g[7]) or 0
    try:
        return dt.date(year, month, day).isoformat() if 1900 <= year < 2100 else None
    except ValueError:
        return None
