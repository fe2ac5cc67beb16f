"""Page text read from lines printed over themselves.

A typesetter's fake bold prints a headline (a kicker, a subtitle) twice, the second a fraction of a point
aside; a shadow or a second text layer prints text again in place.  pdfminer.six then reads each such line
twice: right under itself (a two-line headline as its two lines twice), twice over on one line, or, in a
story placed as a figure (printed as one long line), each of its lines twice in a row:

    聚焦民生聚焦民生          底特律圣保罗座堂走进          奋进新征程奋进新征程波斯鹿波斯鹿图为波斯鹿现场…
    西巴丹岛引发关注          底特律圣保罗座堂走进
    西巴丹岛引发关注          千家万户千家万户

Such text is read once, before anything else reads the page, when the page shows it twice or more
(``_EVIDENCE``: a page that says one thing twice, a list in a story, an ad printed twice, is left as it
is).  Only what holds two Chinese characters or more counts: a rule, ——, …… or a number stay as they are.
"""

from __future__ import annotations

import re

from .figures import _FIGURE_LINE  # a story placed as a figure, printed as one line

__all__ = ["printed_once"]

_HAN = re.compile(r"[\u4e00-\u9fff]")
_BLOCK = 3  # lines: a headline block (kicker, two-line headline) printed again right after itself
_EVIDENCE = 3  # lines or blocks printed twice a page shows before it is read as printed so (an ad printed twice: 2)
_TWICE = re.compile(r"(.{2,60}?)\1")  # inside a figure's line: a run said twice in a row
_HEADING = re.compile(r"[^，；、。！？]+[。！？]?")  # a heading (or a paragraph's last line): no marks inside


def printed_once(text: str) -> str:
    """``text`` with what was printed twice over itself said once."""
    lines = text.split("\n")
    once = [_line_once(line) for line in lines]
    repeats = _repeated_blocks(once)
    if sum(a != b for a, b in zip(lines, once)) + len(repeats) < _EVIDENCE:
        return text
    dropped = {i for block in repeats for i in block}
    for block in repeats:  # a repeat set apart by blank lines takes the blank line after it along
        before, after = block[0] - 1, block[-1] + 1
        if after < len(once) and not once[after].strip() and not once[before].strip():
            dropped.add(after)
    return "\n".join(_figure_once(line) for i, line in enumerate(once) if i not in dropped)


def _repeated_blocks(lines: list[str]) -> list[list[int]]:
    """The lines (indices) of each block of one to ``_BLOCK`` lines that repeats the block right before it
    (blank lines aside)."""
    shown = [i for i, line in enumerate(lines) if line.strip()]
    words = [lines[i].strip() for i in shown]
    repeats: list[list[int]] = []
    k = 0
    while k < len(words):
        size = next((n for n in range(1, _BLOCK + 1) if k + 2 * n <= len(words)
                     and words[k:k + n] == words[k + n:k + 2 * n]
                     and len(_HAN.findall("".join(words[k:k + n]))) >= 2), 0)
        if size:
            repeats.append(shown[k + size:k + 2 * size])
        k += 2 * size or 1
    return repeats


def _line_once(line: str) -> str:
    """A line with each character twice (城城市市书书房房; 尚尚, a headline set upright), or one heading twice
    over (聚焦民生聚焦民生, 波 斯 鹿 波 斯 鹿, 部下。部下。), said once."""
    s = line.strip()
    lead = line[:len(line) - len(line.lstrip())]
    if len(s) == 2 and s[0] == s[1] and _HAN.match(s):  # a character set upright, or a headline's last one
        return lead + s[0]
    if len(_HAN.findall(s)) < 4:
        return line
    if len(s) >= 6 and len(s) % 2 == 0 and all(s[i] == s[i + 1] for i in range(0, len(s), 2)):
        return lead + s[::2]
    for t in (s, "".join(s.split())):
        half = t[:len(t) // 2]
        if len(t) % 2 == 0 and t == half * 2 and _HEADING.fullmatch(half) and not half.endswith("："):
            return lead + half
    return line


def _figure_once(line: str) -> str:
    """A figure's line (one long line) with each run said twice in a row said once."""
    if len(line.strip()) < _FIGURE_LINE:
        return line
    return _TWICE.sub(lambda m: m[1] if len(_HAN.findall(m[1])) >= 2 else m[0], line)  # 硕塞硕塞图为…
