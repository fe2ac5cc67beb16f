"""Hostile input and unlucky operators: control characters, full disks, read-only files, unreadable
folders, a jieba cache someone else could have written."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from bot.cli import main
from index import Library, StoreError
from tests.conftest import ROOT, SEED_PAGE, record

NOBODY = 65534


def run_as_nobody(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """newsbot as an unprivileged user (root reads and writes whatever it likes).  Skipped, with the
    reason, where that user cannot run this checkout at all (a checkout in a private folder)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot drop privileges to test permissions")
        prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    env = {**env, "PYTHONPATH": str(ROOT), "HOME": env.get("HOME", "/tmp")}
    probe = subprocess.run([*prefix, sys.executable, "-c", "import bot.cli"], env=env, capture_output=True, text=True,
                           timeout=120, cwd="/")
    if probe.returncode != 0:
        pytest.skip(f"an unprivileged user cannot run this checkout's Python: {probe.stderr.strip()[-120:]}")
    return subprocess.run([*prefix, sys.executable, "-m", "bot.cli", *args], env=env, capture_output=True, text=True,
                          timeout=120, cwd="/")


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder the unprivileged user may enter.  Not under pytest's own base folder: that one is private
    to root (and another pytest run starting meanwhile makes it private again)."""
    path = Path(tempfile.mkdtemp(prefix="newsbot-shared-", dir="/tmp"))
    os.chmod(path, 0o777)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_control_characters_never_reach_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    feed = tmp_path / "evil.jsonl"
    feed.write_text(json.dumps({"title": "标题\u001b[2J\u001b]0;pwned\u0007", "body": "正文\u001b[31m红色\u009b。"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "news.db"
    assert main(["--db", str(db), "ingest", str(feed)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "articles"]) == 0
    assert main(["--db", str(db), "latest"]) == 0
    printed = capsys.readouterr().out
    assert "标题[2J]0;pwned" in printed and "\x1b" not in printed and "\x07" not in printed and "\x9b" not in printed


async def test_a_full_disk_says_so_and_stores_nothing(library: Library):
    await library.ingest_paths([SEED_PAGE])
    before = await library.store.count_articles()
    await library.store._db.execute("PRAGMA max_page_count = 60")  # SQLite's own way to run out of room
    big = [record(f"第{i}篇", "很长的正文，" * 2000) for i in range(20)]
    with pytest.raises(StoreError, match="disk is full"):
        await library.ingest(big)
    assert await library.store.count_articles() == before
    assert (await library.ask("消防演练中有几人受伤被困？")).result is not None


def test_a_read_only_database_says_what_happened(shared_dir: Path):
    db = shared_dir / "news.db"
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(shared_dir)}
    assert main(["--db", str(db), "ingest", str(SEED_PAGE)]) == 0
    for p in shared_dir.iterdir():
        os.chmod(p, 0o644) if p.is_file() else None
    new = shared_dir / "new.jsonl"
    new.write_text(json.dumps({"title": "新报道", "body": "新的正文。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    os.chmod(new, 0o644)
    done = run_as_nobody(["--db", str(db), "ingest", str(new)], env)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "read-only" in done.stderr or "unable to open" in done.stderr, done.stderr
    assert "not a newsbot database" not in done.stderr


def test_an_unreadable_subfolder_is_named(shared_dir: Path):
    folder = shared_dir / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "a.jsonl").write_text(json.dumps({"title": "锁住的", "body": "正文。"}) + "\n")
    (folder / "ok.jsonl").write_text(json.dumps({"title": "能读的", "body": "正文。"}, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    os.chmod(folder, 0o755)
    os.chmod(folder / "locked", 0o700)
    os.chmod(folder / "ok.jsonl", 0o644)
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(shared_dir)}
    done = run_as_nobody(["--db", str(shared_dir / "db" / "news.db"), "ingest", str(folder)], env)
    assert done.returncode == 1, done.stderr
    assert "locked" in done.stderr and "cannot read the folder" in done.stderr


def test_a_jieba_cache_others_could_write_is_not_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from index.text.tokenize import _cache_dir

    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    mine = _cache_dir()
    assert mine == cache / "newsbot" / "jieba"
    (mine / "jieba.cache").write_bytes(b"not a cache")
    os.chmod(mine / "jieba.cache", 0o666)  # anyone could have put code in it
    assert _cache_dir() != mine
    os.chmod(mine / "jieba.cache", 0o600)
    os.chmod(mine, 0o777)
    assert _cache_dir() != mine
