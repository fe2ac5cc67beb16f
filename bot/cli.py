"""The ``newsbot`` command: ingest, ask, search, latest, articles, chat, run.

With no command it runs the Telegram bot when a token is configured, and the console otherwise.
Errors are one line on standard error and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import AsyncIterator, Callable, NoReturn, Sequence, TextIO

from pythonjsonlogger.json import JsonFormatter

from index import (
    Library,
    backup_store,
    restore_store,
    NewsbotError,
    answer_json,
    articles_json,
    in_script,
    ingest_json,
    latest_json,
    parse_date,
    printable,
    reader_script,
    search_json,
)

from . import interrupt, messages
from .config import ConfigError, Settings, quiet_libraries
from .feeds_cli import add_parsers as add_feed_parsers
from .doctor import cmd_doctor
from .feeds_cli import cmd_feeds, cmd_fetch
from .typed import InputError, typed

log = logging.getLogger("newsbot")

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = interrupt.EXIT_INTERRUPTED


class UsageError(NewsbotError):
    """The command line asks for something impossible (the message says what)."""


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if not 1 <= n <= 1000:
        raise argparse.ArgumentTypeError(f"must be between 1 and 1000, got {n}")
    return n


def _text(value: str) -> str:
    try:
        return typed(value)
    except InputError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _date(value: str) -> str:
    try:
        return parse_date(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"newsbot: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                        help="SQLite database (default: $NEWSBOT_DB or ~/.local/share/newsbot/newsbot.db)")
    parser = _Parser(
        prog="newsbot", parents=[common],
        description="Answers questions about the news, in Chinese (command line and Telegram bot).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("ingest", parents=[common], help="add e-paper pages (.txt) or JSON/JSONL articles")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    p.add_argument("--date", type=_date, help="publication date YYYY-MM-DD for all articles")
    p.add_argument("--source", type=_text, help="source name for all articles")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser("ask", parents=[common], help="answer a question (or one per line from stdin)")
    p.add_argument("question", nargs="?", type=_text, help="the question; omitted: read questions from stdin")
    p.add_argument("--json", action="store_true")
    p.add_argument("--conversation", action="store_true",
                   help="stdin is a conversation: follow-up questions are answered from the story of the last "
                        "answers, as in a chat; an empty line starts a new conversation")

    p = sub.add_parser("search", parents=[common], help="ranked passages for some words")
    p.add_argument("words", nargs="+", type=_text, help="what to look for")
    p.add_argument("-k", type=_positive, default=5, help="number of results (default 5)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("latest", parents=[common], help="the newest articles")
    p.add_argument("-n", type=_positive, default=5, help="number of articles (default 5)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("articles", parents=[common], help="every stored article with its paragraphs")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("backup", parents=[common], help="copy the database (news, chat state, feeds) to PATH, "
                                                         "also while the bot runs")
    p.add_argument("path", type=Path, help="the backup file to write")
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    p = sub.add_parser("restore", parents=[common], help="put a backup back as the database (stop the bot first)")
    p.add_argument("path", type=Path, help="a file written by 'newsbot backup'")
    p.add_argument("--force", action="store_true", help="replace a database that holds articles")
    sub.add_parser("doctor", parents=[common], help="check settings, token, database, index, disk and feeds")

    add_feed_parsers(sub, common, _Parser)
    sub.add_parser("chat", parents=[common], help="interactive console that answers like the bot")
    sub.add_parser("run", parents=[common], help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    return parser


def _write(out: TextIO, text: str) -> None:
    """Text for a terminal: stored text may hold control characters (written by an older version)."""
    out.write(printable(text))


def _print_json(obj: object, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")  # JSON escapes control characters itself


class IngestProgress:
    """Progress of a long ingest on stderr: updated in place on a terminal, a line per 10% otherwise."""

    MIN_ARTICLES = 1000

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.started = time.monotonic()
        self.last_step = -1

    def __call__(self, done: int, total: int) -> None:
        if total < self.MIN_ARTICLES:
            return
        step = done * 10 // total
        if not self.tty and step == self.last_step:
            return
        self.last_step = step
        elapsed = time.monotonic() - self.started
        line = f"已处理 {done:,}/{total:,} 篇报道（{done * 100 // total}%），用时 {elapsed:.0f} 秒"
        self.stream.write(("\r" + line if self.tty else line + "\n"))
        if self.tty and done >= total:
            self.stream.write("\n")
        self.stream.flush()


class PageProgress:
    """PDF pages read, on stderr: each page in place on a terminal, every tenth page otherwise (a log
    or cron mail gets no line for a short PDF)."""

    EVERY = 10

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.shown = 0  # width of the line shown in place

    def __call__(self, path: Path, page: int) -> None:
        line = f"正在读取 {path.name} 第 {page} 页"
        if self.tty:
            self.stream.write("\r" + line + " " * 8)
            self.shown = len(line) * 2 + 8
        elif page % self.EVERY == 0:
            self.stream.write(line + "\n")
        else:
            return
        self.stream.flush()

    def clear(self) -> None:
        """Wipe the line shown in place (the summary follows on stdout)."""
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0


async def cmd_ingest(args: argparse.Namespace, db: Path, out: TextIO) -> int:
    started = time.monotonic()
    pages = PageProgress(sys.stderr)
    async with await Library.open(db) as library:
        try:
            report = await library.ingest_paths(args.paths, args.date, args.source,
                                                progress=IngestProgress(sys.stderr), pages=pages)
        finally:
            pages.clear()
    elapsed = time.monotonic() - started
    if args.json:
        _print_json(ingest_json(report, elapsed), out)
    else:
        _write(out, f"已读取 {report.files} 个文件、{report.articles_read} 篇报道；新增 {report.articles_added} 篇"
                  f"（{report.passages_added} 个段落），重复 {report.duplicates} 篇，用时 {elapsed:.1f} 秒。\n")
    return 0


async def _questions(question: str | None, stdin: TextIO) -> AsyncIterator[str]:
    """The question given, else one per line of stdin (stripped: "" for an empty line)."""
    if question is not None:
        yield question
        return
    number = 0
    async for line in interrupt.read_lines(stdin):
        number += 1
        try:
            yield typed(line).strip()
        except InputError as e:
            raise InputError(f"line {number} of stdin: {e}") from None


async def cmd_ask(args: argparse.Namespace, db: Path, out: TextIO, stdin: TextIO) -> int:
    async with await Library.open(db, seed=True) as library:
        first = True
        recent: list[int] = []  # --conversation: the articles of the last two answers
        async for question in _questions(args.question, stdin):
            if args.question is None and not question:
                recent = []
                continue
            result = (await library.ask(question, recent if args.conversation else ())).result
            if result is not None:
                recent = [result.article_id] + [a for a in recent if a != result.article_id][:1]
                result = in_script(result, reader_script(question))  # traditional in, traditional out
            if args.json:
                _print_json(answer_json(question, result), out)
                continue
            if not first:
                _write(out, "\n")
            first = False
            if args.question is None:
                _write(out, f"问：{question}\n")
            _write(out, (messages.plain_answer(result) if result else messages.NO_ANSWER) + "\n")
    return 0


async def cmd_search(args: argparse.Namespace, db: Path, out: TextIO) -> int:
    query = " ".join(args.words)
    async with await Library.open(db, seed=True) as library:
        results = (await library.search(query, args.k)).results
    if args.json:
        _print_json(search_json(query, results), out)
    else:
        _write(out, messages.plain_results(query, results) + "\n")
    return 0


async def cmd_latest(args: argparse.Namespace, db: Path, out: TextIO) -> int:
    async with await Library.open(db, seed=True) as library:
        items = await library.latest(args.n)
    if args.json:
        _print_json(latest_json(items), out)
    else:
        _write(out, messages.plain_latest(items) + "\n")
    return 0


async def cmd_articles(args: argparse.Namespace, db: Path, out: TextIO) -> int:
    async with await Library.open(db, seed=True) as library:
        articles = await library.articles()
    if args.json:
        _print_json(articles_json(articles), out)
    else:
        for a in articles:
            _write(out, f"[{a.id}] 《{a.title}》（{messages.dateline(a.date, a.source)}，{len(a.paragraphs)} 段）\n")
    return 0


async def cmd_chat(db: Path, out: TextIO, stdin: TextIO) -> int:
    from .console import run_console
    from .conversation import Conversation

    conversation = await Conversation.open(db)
    try:
        await run_console(conversation, out, stdin)
    finally:
        await conversation.close()
    return 0


async def cmd_run(settings: Settings) -> int:
    try:
        from .telegram import run_bot
    except ImportError as e:  # the Telegram layer arrives with its own issue
        raise UsageError(f"the Telegram bot is not available in this build ({e})") from e
    await run_bot(settings)
    return 0


async def cmd_backup(args: argparse.Namespace, db: Path, out: TextIO) -> int:
    done = await asyncio.to_thread(backup_store, db, args.path, args.force)
    _write(out, f"已备份到 {done.path}：{done.articles} 篇报道、{done.passages} 个段落，"
                f"{done.bytes / 2**20:.1f} MB，用时 {done.seconds:.1f} 秒。\n")
    return 0


async def cmd_restore(args: argparse.Namespace, db: Path, out: TextIO) -> int:
    done = await asyncio.to_thread(restore_store, args.path, db, args.force)
    _write(out, f"已从 {args.path} 恢复 {db}：{done.articles} 篇报道、{done.passages} 个段落；"
                "搜索索引将在下次启动时重建。\n")
    return 0


async def dispatch(args: argparse.Namespace, settings: Settings, out: TextIO, stdin: TextIO) -> int:
    db: Path = getattr(args, "db", None) or settings.db_path
    command = args.command
    if command is None:
        command = "run" if settings.token else "chat"
    if command == "run":
        if not settings.token:
            raise ConfigError("TELEGRAM_BOT_TOKEN is not set: put it in the environment or in .env "
                              "(see .env.example), or use 'newsbot chat' to try the bot in the terminal")
        return await cmd_run(Settings(**{**settings.__dict__, "db_path": db}))
    handlers: dict[str, Callable[[], object]] = {
        "ingest": lambda: cmd_ingest(args, db, out),
        "ask": lambda: cmd_ask(args, db, out, stdin),
        "search": lambda: cmd_search(args, db, out),
        "latest": lambda: cmd_latest(args, db, out),
        "articles": lambda: cmd_articles(args, db, out),
        "chat": lambda: cmd_chat(db, out, stdin),
        "feeds": lambda: cmd_feeds(args, db, out),
        "fetch": lambda: cmd_fetch(args, db, out),
        "backup": lambda: cmd_backup(args, db, out),
        "restore": lambda: cmd_restore(args, db, out),
        "doctor": lambda: cmd_doctor(Settings(**{**settings.__dict__, "db_path": db}), out),
    }
    return await handlers[command]()  # type: ignore[misc]


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    if hasattr(sys.stdin, "reconfigure"):  # bytes that are not UTF-8 reach typed() instead of raising mid-file
        sys.stdin.reconfigure(errors="surrogateescape")
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        handler = logging.StreamHandler()
        if settings.log_format == "json":  # one JSON object a line, for log collectors
            handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s",
                                               rename_fields={"levelname": "level", "name": "logger"}))
        else:
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logging.basicConfig(
            level=getattr(logging, settings.log_level, logging.INFO)
            if args.command == "run" or (args.command is None and settings.token) else logging.WARNING,
            handlers=[handler],
        )
        quiet_libraries()
        return interrupt.run(dispatch(args, settings, sys.stdout, sys.stdin))
    except NewsbotError as e:
        for line in str(e).splitlines() or ["unknown error"]:
            print(f"newsbot: error: {line}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("newsbot: interrupted, nothing was changed by the unfinished command", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug: say so in one line; NEWSBOT_DEBUG=1 shows the traceback
        if os.environ.get("NEWSBOT_DEBUG"):
            raise
        print(f"newsbot: unexpected error: {type(e).__name__}: {e}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
