"""Radicals a PDF's font maps its characters to, read as the characters they stand for.

Some fonts' ToUnicode tables map a character to a radical of the same shape: ⽇ (KANGXI RADICAL SUN) for 日,
⻓ (CJK RADICAL C-SIMPLIFIED LONG) for 长, or to a compatibility ideograph.  It reads the same, but
"2024年10⽉16⽇" is no date, "本报记者" is not found in ⻓篇 text, and nobody's search finds ⻓江.  Kangxi radicals
and compatibility ideographs are read as Unicode's NFKC reads them; the simplified radicals, which NFKC
leaves alone, as the simplified characters they are drawn from.
"""

from __future__ import annotations

import unicodedata

__all__ = ["unified"]

_SIMPLIFIED = {  # CJK Radicals Supplement: the simplified forms a font may map its characters to
    "⺠": "民", "⻄": "西", "⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻓": "长", "⻔": "门", "⻘": "青",
    "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼",
    "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻬": "齐", "⻮": "齿", "⻰": "龙",
}


def _table() -> dict[int, str]:
    table = {ord(radical): character for radical, character in _SIMPLIFIED.items()}
    for first, last in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF)):
        for cp in range(first, last + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if folded != chr(cp) and len(folded) == 1:
                table[cp] = folded
    return table


_TABLE = _table()


def unified(text: str) -> str:
    """``text`` with radicals and compatibility ideographs read as the characters they stand for."""
    return text.translate(_TABLE)
