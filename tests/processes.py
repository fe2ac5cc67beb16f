"""newsbot as separate processes, for the tests that need real ones: the settings they get, one-off
commands, `newsbot run` with its log in a file, and an ingest that Ctrl-C reaches."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.botapi import TOKEN, FakeBotAPI
from tests.conftest import ROOT


def newsbot_env(folder: Path, api: FakeBotAPI | None = None, **extra: str) -> dict[str, str]:
    """The environment of a newsbot with its database in ``folder`` (and talking to ``api``); none of
    the developer's own TELEGRAM_/NEWSBOT_ settings leak in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "NEWSBOT_"))}
    env.update(PYTHONPATH=str(ROOT), NEWSBOT_DB=str(folder / "news.db"), **extra)
    if api is not None:
        env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.base_url)
    return env


def newsbot(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def start_bot(env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen:
    """`newsbot run`, its output in ``log`` (a file: a pipe nobody reads would fill up)."""
    with log.open("w") as out:  # the child keeps its own descriptor
        return subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], env=env, cwd=cwd, stdout=out,
                                stderr=subprocess.STDOUT)


def stop_bot(proc: subprocess.Popen) -> int:
    """SIGTERM, as systemd and docker stop it; its exit code."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    return proc.wait(timeout=60)


def interruptible(args: list[str], **popen: Any) -> subprocess.Popen[str]:
    """A child process that gets SIGINT as Ctrl-C in a terminal would give it.  A test run started in the
    background by a non-interactive shell (``make test &``; some CI runners) ignores SIGINT, and exec hands
    an ignored signal on: the child would not hear the test's Ctrl-C at all.  So while it starts, SIGINT
    is handled (exec resets a handled signal to its default) and not blocked in this thread."""
    ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    if ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    mask = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        return subprocess.Popen(args, **popen)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        if ignored:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
