"""User-facing text, one module per language (``zh`` the default, ``en``), with the same names.

``messages.NO_ANSWER`` is the text in the language of the reader being answered: a handler calls
``use_language(user.language_code)`` first (the bot does it for every update), which holds for the
rest of that update's task (a context variable); anything else (the console, the command line,
pushes and digests) speaks Chinese.
"""

from __future__ import annotations

import contextvars
from types import ModuleType
from typing import Any, Sequence

from index import Result, Summary, reader_script, to_script

from . import en, zh

__all__ = ["use_language", "language_of", "current", "LANGUAGES", "usage", "dateline", "plain_answer",
           "plain_results", "plain_latest", "plain_article"]

def _converted(value: Any, script: str) -> Any:
    if isinstance(value, str):
        return to_script(value, script)
    if isinstance(value, tuple):
        return tuple(_converted(v, script) for v in value)
    if isinstance(value, dict):
        return {k: _converted(v, script) for k, v in value.items()}
    return value


def _traditional(script: str) -> ModuleType:
    """The Chinese texts in traditional characters (OpenCC), for apps set to 繁體中文."""
    module = ModuleType(f"{__name__}.zh_{script}")
    for name in dir(zh):
        if name.isupper():
            setattr(module, name, _converted(getattr(zh, name), script))
    return module


LANGUAGES: dict[str, ModuleType] = {"zh": zh, "en": en}
_TRADITIONAL: dict[str, ModuleType] = {}
_current: contextvars.ContextVar[ModuleType] = contextvars.ContextVar("messages_language", default=zh)


def language_of(language_code: str | None) -> ModuleType:
    """English for an app set to English; traditional characters for one set to 繁體中文 (zh-Hant, zh-TW,
    zh-HK); simplified Chinese for everyone else.  News text stays as published."""
    code = (language_code or "").lower()
    if code == "en" or code.startswith("en-"):
        return en
    script = reader_script("", code) if code.startswith("zh") else None
    if script is None:
        return zh
    if script not in _TRADITIONAL:
        _TRADITIONAL[script] = _traditional(script)
    return _TRADITIONAL[script]


def use_language(language_code: str | None) -> ModuleType:
    texts = language_of(language_code)
    _current.set(texts)
    return texts


def current() -> ModuleType:
    return _current.get()


def __getattr__(name: str) -> Any:
    return getattr(_current.get(), name)


# -- formatting, the same in every language (the templates are the language's) ------------------

def usage(command: str, code: str = "", end: str = "", latest_max: int = 10) -> str:
    return current().USAGE[command].format(code=code, end=end, latest_max=latest_max)


def dateline(date: str | None, source: str | None) -> str:
    return " · ".join([date or current().UNDATED] + ([source] if source else []))


def plain_answer(result: Result) -> str:
    return current().PLAIN_ANSWER.format(sentence=result.sentence, title=result.title, passage=result.passage,
                                         dateline=dateline(result.date, result.source), article_id=result.article_id)


def _item(number: int, title: str, date: str | None, source: str | None, article_id: int) -> str:
    return current().PLAIN_ITEM.format(number=number, title=title, dateline=dateline(date, source), article_id=article_id)


def plain_results(query: str, results: Sequence[Result], offset: int = 0) -> str:
    if not results:
        return current().NO_RESULTS.format(query=query)
    lines = [current().PLAIN_RESULTS.format(query=query)]
    for i, r in enumerate(results, offset + 1):
        lines += [_item(i, r.title, r.date, r.source, r.article_id), f"   {r.sentence}"]
    return "\n".join(lines)


def plain_latest(items: Sequence[Summary]) -> str:
    if not items:
        return current().NO_ARTICLES
    lines = [current().PLAIN_LATEST]
    for i, s in enumerate(items, 1):
        lines.append(_item(i, s.title, s.date, s.source, s.article_id))
        if s.summary:
            lines.append(f"   {s.summary}")
    return "\n".join(lines)


def plain_article(title: str, date: str | None, source: str | None, paragraphs: Sequence[str]) -> str:
    return current().PLAIN_ARTICLE.format(title=title, dateline=dateline(date, source)) + "\n\n" + "\n\n".join(paragraphs)
