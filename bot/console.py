"""``newsbot chat``: an interactive console that answers like the bot (the same conversation core),
in plain Chinese text."""

from __future__ import annotations

from typing import TextIO

from index import printable

from . import messages
from .interrupt import read_line
from .typed import InputError, typed
from .conversation import (
    LATEST_MAX,
    Answered,
    ArticleView,
    Conversation,
    EmptyQuestion,
    LatestList,
    NoAnswer,
    Reply,
    ResultPage,
    StaleButton,
    Usage,
)

PROMPT = "问> "
CONSOLE_CHAT = 0  # the console is one chat (Telegram chat ids are never 0)


class Console:
    """One reader at a terminal: parses lines, asks the conversation, renders plain text."""

    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation
        self.last_page: ResultPage | None = None  # for /more

    async def reply(self, line: str) -> str | None:
        """The answer to one input line ("" for nothing to say; None means: leave the console)."""
        text = line.strip()
        if not text:
            return ""
        if not text.startswith("/"):
            return render(await self.conversation.ask(text, CONSOLE_CHAT))
        command, _, rest = text.partition(" ")
        rest = rest.strip()
        if command in ("/quit", "/exit", "/q"):
            return None
        if command in ("/help", "/start"):
            return messages.CONSOLE_HELP
        if command == "/search":
            return self._remember(await self.conversation.search(CONSOLE_CHAT, rest))
        if command == "/more":
            if self.last_page is None or not self.last_page.has_next:
                return messages.NO_MORE
            page = self.last_page
            return self._remember(await self.conversation.turn_page(CONSOLE_CHAT, page.search_id, page.page + 1))
        if command == "/latest":
            return render(await self.conversation.latest(rest or None))
        if command == "/article":
            if not (rest.isascii() and rest.isdigit()):
                return render(Usage("article"))
            return render(await self.conversation.article(int(rest)))
        return messages.UNKNOWN_COMMAND.format(command=command) + "\n" + messages.CONSOLE_HELP

    def _remember(self, reply: Reply) -> str:
        if isinstance(reply, ResultPage):
            self.last_page = reply
        return render(reply)


def render(reply: Reply) -> str:
    """A conversation's reply as plain console text."""
    if isinstance(reply, Answered):
        return messages.plain_answer(reply.result)
    if isinstance(reply, NoAnswer):
        return messages.NO_ANSWER + messages.NO_ANSWER_HINT
    if isinstance(reply, EmptyQuestion):
        return messages.EMPTY_QUESTION
    if isinstance(reply, ResultPage):
        text = messages.plain_results(reply.text, reply.results, reply.first_number - 1)
        return text + ("\n" + messages.MORE_RESULTS if reply.has_next else "")
    if isinstance(reply, LatestList):
        return messages.plain_latest(reply.items)
    if isinstance(reply, ArticleView):
        a = reply.article
        return messages.plain_article(a.title, a.date, a.source, a.paragraphs)
    if isinstance(reply, Usage):
        return messages.usage(reply.command, latest_max=LATEST_MAX)
    if isinstance(reply, StaleButton):
        return messages.NO_MORE
    return messages.ARTICLE_MISSING.format(article_id=getattr(reply, "article_id", "?"))


async def run_console(conversation: Conversation, out: TextIO, stdin: TextIO) -> None:
    console = Console(conversation)
    interactive = stdin.isatty()
    if interactive:
        out.write(messages.CONSOLE_HELP + "\n")
    while True:
        if interactive:
            out.write(PROMPT)
            out.flush()
        try:
            line = await read_line(stdin)
        except (OSError, ValueError):
            break
        if not line:
            break
        try:
            answer = await console.reply(typed(line))
        except InputError:
            answer = messages.NOT_TEXT
        if answer is None:
            break
        if answer:
            out.write(printable(answer) + "\n\n")
            out.flush()
    if interactive:
        out.write("再见！\n")
