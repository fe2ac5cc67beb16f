"""Running for months: /healthz and /metrics of `newsbot run`, backups while writing, `newsbot doctor`."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.botapi import TOKEN, FakeBotAPI, message_update
from tests.conftest import ROOT
from tests.processes import newsbot, newsbot_env, start_bot, stop_bot
from tests.test_hostile import run_as_nobody, shared_dir  # noqa: F401  (a fixture)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def metric(text: str, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    raise KeyError(name)


def test_healthz_and_metrics_of_a_running_bot(tmp_path: Path):
    api = FakeBotAPI().start()
    port = free_port()
    env = newsbot_env(tmp_path, api, NEWSBOT_METRICS_PORT=str(port), NEWSBOT_REFRESH_SECONDS="1")
    proc = start_bot(env, tmp_path, tmp_path / "bot.log")
    base = f"http://127.0.0.1:{port}"
    try:
        api.wait_for("setMyCommands", count=2, timeout=60)
        for _ in range(100):
            try:
                health = httpx.get(f"{base}/healthz", timeout=5)
                if health.status_code == 200:
                    break
            except httpx.ConnectError:
                pass
            time.sleep(0.1)
        assert health.status_code == 200 and health.json()["status"] == "ok" and health.json()["mode"] == "polling"
        for i, q in enumerate(["消防演练中有几人受伤被困？", "李芸是哪个局的局长？", "上海明天的天气怎么样"]):
            api.push_update(message_update(q, uid=700 + i))
            api.wait_for("sendMessage", chat_id=700 + i, timeout=30)
        api.push_update(message_update("/search 乡村振兴", uid=710))
        api.wait_for("sendMessage", chat_id=710, timeout=30)
        time.sleep(1.5)  # a refresh run sets the gauges
        text = httpx.get(f"{base}/metrics", timeout=5).text
        assert metric(text, "newsbot_questions_total") == 3
        assert metric(text, "newsbot_answers_total", outcome="answered") == 2
        assert metric(text, "newsbot_answers_total", outcome="no_answer") == 1
        assert metric(text, "newsbot_answer_seconds_count") == 3
        assert metric(text, "newsbot_searches_total") == 1
        assert metric(text, "newsbot_articles") == 8 and metric(text, "newsbot_index_lag_passages") == 0
        assert httpx.get(f"{base}/nothing", timeout=5).status_code == 404

        api.fail_next("getUpdates", status=502, times=100_000)  # the Bot API stops answering
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            health = httpx.get(f"{base}/healthz", timeout=5)
            if health.status_code == 503:
                break
            time.sleep(0.5)
        assert health.status_code == 503 and "getUpdates failing" in " ".join(health.json()["reasons"])
        api.recover()  # back: healthy again once a poll is answered
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and httpx.get(f"{base}/healthz", timeout=5).status_code != 200:
            time.sleep(0.5)
        assert httpx.get(f"{base}/healthz", timeout=5).status_code == 200
    finally:
        api.recover()
        stop_bot(proc)
        api.stop()
    logs = (tmp_path / "bot.log").read_text()
    assert proc.returncode == 0 and "Traceback" not in logs and TOKEN not in logs, logs


def test_a_backup_taken_during_an_ingest_restores_to_a_store_that_answers(tmp_path: Path):
    env = newsbot_env(tmp_path)
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as f:
        for i in range(6000):
            f.write(json.dumps({"title": f"第{i}号新闻：城区第{i}条道路改造完工",
                                "paragraphs": [f"城区第{i}条道路改造工程今天完工，全长{i % 97 + 1}公里，总投资{i}万元。"
                                               "工程新增路灯和绿化带，方便市民出行。"]}, ensure_ascii=False) + "\n")
    assert newsbot(env, "ingest", str(ROOT / "seeds"), cwd=tmp_path).returncode == 0
    ingest = subprocess.Popen([sys.executable, "-m", "bot.cli", "ingest", str(big)], env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    backups, during = [], 0
    try:
        for k in range(3):  # while the ingest writes
            time.sleep(0.5)
            during += ingest.poll() is None
            done = newsbot(env, "backup", str(tmp_path / f"backup{k}.db"), cwd=tmp_path)
            assert done.returncode == 0, done.stderr
            backups.append(tmp_path / f"backup{k}.db")
    finally:
        _, err = ingest.communicate(timeout=300)
    assert ingest.returncode == 0, err
    assert during >= 1
    assert newsbot(env, "backup", str(backups[0]), cwd=tmp_path).returncode == 1  # not over an existing file
    for backup in backups:
        with sqlite3.connect(backup) as db:  # consistent: every passage has its article
            assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            assert db.execute("SELECT count(*) FROM passages WHERE article_id NOT IN (SELECT id FROM articles)"
                              ).fetchone()[0] == 0
    restored = newsbot_env(tmp_path / "restored")
    (tmp_path / "restored").mkdir()
    done = newsbot(restored, "restore", str(backups[-1]), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    answer = json.loads(newsbot(restored, "ask", "--json", "李芸是哪个局的局长？", cwd=tmp_path).stdout)
    assert "市文化和旅游局" in answer["answer"]["passage"]
    refused = newsbot(env, "restore", str(backups[0]), cwd=tmp_path)  # the live store holds articles
    assert refused.returncode == 1 and "--force" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1


def test_doctor_passes_on_a_good_setup_and_names_what_fails(tmp_path: Path, shared_dir: Path):  # noqa: F811
    api = FakeBotAPI().start()
    try:
        env = newsbot_env(shared_dir, api)
        assert newsbot(env, "ingest", str(ROOT / "seeds"), cwd=tmp_path).returncode == 0
        good = newsbot(env, "doctor", cwd=tmp_path)
        assert good.returncode == 0, good.stdout
        lines = good.stdout.splitlines()
        assert all(line.startswith("ok ") for line in lines)
        assert {line.split(":")[0][5:] for line in lines} >= {"settings", "token", "webhook", "store", "index", "disk"}
        assert TOKEN not in good.stdout
        bad = newsbot({**env, "TELEGRAM_BOT_TOKEN": "123456789:WRONG-token"}, "doctor", cwd=tmp_path)
        assert bad.returncode == 1 and "FAIL token:" in bad.stdout and "WRONG" not in bad.stdout
        assert [line for line in bad.stdout.splitlines() if line.startswith("FAIL")] == \
            [line for line in bad.stdout.splitlines() if line.startswith("FAIL token")]
        os.chmod(shared_dir / "news.db", 0o644)
        os.chmod(shared_dir, 0o755)  # the unprivileged user may read the store, not write it
        readonly = run_as_nobody(["doctor"], env)
        assert readonly.returncode == 1 and "FAIL store:" in readonly.stdout and "read-only" in readonly.stdout
    finally:
        api.stop()


async def test_backup_and_restore_take_any_file_name(library, tmp_path: Path):
    from index import backup_store, restore_store
    from tests.conftest import record

    await library.ingest([record("城市书房开放", "我市首座城市书房开放，藏书五千册。")])
    odd = tmp_path / "备份 #1?.db"  # characters a file: URI would misread
    done = backup_store(library.path, odd)
    assert done.articles == 1 and odd.is_file()
    back = restore_store(odd, tmp_path / "again" / "news.db")
    assert back.articles == 1
