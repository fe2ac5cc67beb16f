"""Stories that pdfminer.six printed in pieces: a story's text stops mid-sentence, other text (a briefs
column, another story) follows, and the rest of the sentence comes later as text without a byline.

The later piece is the rest when a word runs across the break: the last characters of the first piece
and the first of the later one segment (jieba) into a word that spans them (``广东广播电视`` +
``台珠江频道是…``: 电视台), or the later piece opens with punctuation that cannot start a sentence.
"""

from __future__ import annotations

import re

from ..text.tokenize import default_tokenizer
from .lines import _ends_sentence, _Story

__all__ = ["rejoin_broken"]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONTINUING = re.compile(r"^[，、。；：！？）」』”’%]")
_LOOK_AHEAD = 6  # stories after a broken one where its rest may be


def rejoin_broken(stories: list[_Story]) -> list[_Story]:
    out = list(stories)
    i = 0
    while i < len(out):
        last = out[i].lines[-1]
        if not (_ends_sentence(last.text) or last.end):
            for j in range(i + 1, min(i + 1 + _LOOK_AHEAD, len(out))):
                first = out[j].lines[0]
                if not first.start and _continues(last.text, first.text):
                    rest = out.pop(j)
                    out[i] = _Story(out[i].lines + rest.lines, out[i].items + rest.items)
                    break
            else:
                i += 1
            continue
        i += 1
    return out


def _continues(before: str, after: str) -> bool:
    """Whether ``after`` carries on the sentence ``before`` stops in."""
    if _CONTINUING.match(after):
        return True
    a, b = before.rstrip()[-4:], after.lstrip()[:4]
    if len(a) < 2 or len(b) < 2 or not (_CJK.match(a[-1]) and _CJK.match(b[0])):
        return False
    at = 0
    for word in default_tokenizer().segments(a + b):
        if at < len(a) < at + len(word) and len(word) >= 2:
            return True
        at += len(word)
    return False
