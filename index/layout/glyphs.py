"""What a PDF page is made of: printed characters, and runs of them on one line (pieces)."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Glyph", "Piece", "Box", "Typesetting", "solid"]

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
    rule: str = ""  # a solid piece (no text) that is a drawn rule: "across" (horizontal) or "down"

    @property
    def heavy(self) -> bool:
        """Set in a bold face (黑体, 小标宋, ...Bold): headings and subheads, not running text."""
        return bool(_HEAVY.search(self.font))


def solid(x0: float, y0: float, x1: float, y1: float, rule: str = "") -> Piece:
    """A region without text that takes part in the reading order: a photo, a frame, a caption, a rule."""
    return Piece("", x0, y0, x1, y1, 0.0, rule=rule)


_SUBHEAD = 1.25  # a line up to this much larger than running text, inside a story, is its subhead


@dataclass(frozen=True)
class Typesetting:
    """A page's type sizes: the body (most text), and every size running text is set in (a lead story
    may be set larger than the rest, a sidebar smaller)."""

    body: float
    text_sizes: tuple[float, ...]

    def running(self, size: float) -> bool:
        return any(abs(size - r) <= 0.05 * r for r in self.text_sizes)

    def text_like(self, size: float) -> bool:
        """Running text or a subhead in it."""
        return any(0.9 * r <= size < _SUBHEAD * r for r in self.text_sizes)

    def heading(self, size: float) -> bool:
        return size >= 1.1 * self.body and not self.running(size)
