"""What a PDF page is made of: printed characters, and runs of them on one line (pieces)."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Glyph", "Piece", "Box"]

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points, y up
# 黑体, 小标宋, 大标宋, 粗宋, 兰亭黑 (方正 names: FZHTK, FZXBSK, FZDBSK ...), and any Bold / W7 face
_HEAVY = re.compile(r"bold|black|heavy|demi|hei|黑|粗|标宋|biaosong|fzht|fzxbs|fzdbs|fzch|fzlth|fzzdh|cusong|,b$|-b$|w[6-9]$",
                    re.I)


@dataclass(frozen=True)
class Glyph:
    """One printed character: its text, box (points, y up) and type size."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    font: str


@dataclass
class Piece:
    """Glyphs on one line up to a gutter."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    font: str = ""

    @property
    def top(self) -> float:
        return self.y1

    @property
    def heavy(self) -> bool:
        """Set in a bold face (黑体, 小标宋, ...Bold): headings and subheads, not running text."""
        return bool(_HEAVY.search(self.font))
