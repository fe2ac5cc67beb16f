"""The reader's script: a reader who writes traditional characters (or whose Telegram app is set to
traditional Chinese) reads the answer in traditional characters, converted with OpenCC (``s2t``;
``s2tw`` for Taiwan, ``s2hk`` for Hong Kong and Macau).  The archive and the index stay simplified:
questions are folded to simplified by the tokenizer either way."""

from __future__ import annotations

import dataclasses
import functools

import opencc

from ..model import Result

__all__ = ["reader_script", "in_script", "to_script"]

_TAIWAN = ("zh-tw", "zh-hant-tw")
_HONG_KONG = ("zh-hk", "zh-mo", "zh-hant-hk", "zh-hant-mo")


@functools.lru_cache(maxsize=8)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _changed(config: str, text: str) -> int:
    converted = _converter(config).convert(text)
    return sum(a != b for a, b in zip(text, converted)) + abs(len(text) - len(converted))


def reader_script(question: str, language_code: str | None = None) -> str | None:
    """The OpenCC conversion this reader's answers need (``s2t``, ``s2tw``, ``s2hk``), or None for
    simplified: traditional when the question is written in it or the app's language is."""
    code = (language_code or "").lower().replace("_", "-")
    variant = "s2tw" if code in _TAIWAN else "s2hk" if code in _HONG_KONG else "s2t"
    if code.startswith("zh-hant") or code in _TAIWAN or code in _HONG_KONG:
        return variant
    return variant if _changed("t2s", question) > _changed("s2t", question) else None


def to_script(text: str, script: str | None) -> str:
    return _converter(script).convert(text) if script else text


def in_script(result: Result, script: str | None) -> Result:
    """The result with its title, passage and sentence in the reader's script; the spans stay where
    the conversion kept every length (it does, character for character, but for rare phrases)."""
    if script is None:
        return result
    passage = to_script(result.passage, script)
    sentence = to_script(result.sentence, script)
    if len(passage) == len(result.passage):
        span, highlights = result.sentence_span, result.highlights
    else:
        start = passage.find(sentence)
        span, highlights = ((start, start + len(sentence)) if start >= 0 else None), ()
    return dataclasses.replace(result, title=to_script(result.title, script), passage=passage, sentence=sentence,
                               sentence_span=span, highlights=highlights)
