"""``newsbot chat``: an interactive console that answers like the bot, in plain Chinese text."""

from __future__ import annotations

import asyncio
from typing import TextIO

from index.search import Searcher

from . import messages

PROMPT = "问> "


async def reply(searcher: Searcher, line: str) -> str | None:
    """The console's answer to one input line (None means: leave the console)."""
    text = line.strip()
    if not text:
        return ""
    if text.startswith("/"):
        command, _, rest = text.partition(" ")
        rest = rest.strip()
        if command in ("/quit", "/exit", "/q"):
            return None
        if command in ("/help", "/start"):
            return messages.CONSOLE_HELP
        if command == "/search":
            if not rest:
                return "用法：/search 关键词，例如 /search 乡村振兴"
            return messages.plain_results(rest, await searcher.search(rest, 5))
        if command == "/latest":
            n = int(rest) if rest.isdigit() and 0 < int(rest) <= 20 else 5
            return messages.plain_latest(await searcher.latest(n))
        if command == "/article":
            if not rest.isdigit():
                return "用法：/article 文章编号，例如 /article 1"
            article = await searcher.article(int(rest))
            if article is None:
                return f"没有编号为 {rest} 的文章。"
            return f"《{article.title}》（{messages.dateline(article.date, article.source)}）\n\n" + "\n\n".join(article.paragraphs)
        return f"不认识的命令 {command}。" + "\n" + messages.CONSOLE_HELP
    result = await searcher.ask(text)
    if result is None:
        return messages.NO_ANSWER + messages.NO_ANSWER_HINT
    return messages.plain_answer(result)


async def run_console(searcher: Searcher, out: TextIO, stdin: TextIO) -> None:
    interactive = stdin.isatty()
    if interactive:
        out.write(messages.CONSOLE_HELP + "\n")
    while True:
        if interactive:
            out.write(PROMPT)
            out.flush()
        try:
            line = await asyncio.to_thread(stdin.readline)
        except (KeyboardInterrupt, EOFError):
            break
        if not line:
            break
        answer = await reply(searcher, line)
        if answer is None:
            break
        if answer:
            out.write(answer + "\n\n")
            out.flush()
    if interactive:
        out.write("再见！\n")
