"""The newsbot command line: JSON contract, human output, exit codes, seeding, stdin."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import ROOT, SEED_PAGE
from tests.processes import interruptible, newsbot_env


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no developer .env is read
    path = tmp_path / "data" / "news.db"
    monkeypatch.setenv("NEWSBOT_DB", str(path))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_json_contract_on_the_bundled_page(db: Path, capsys):
    code, out, err = run(capsys, "ask", "消防演练中有几人受伤被困？", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["question"] == "消防演练中有几人受伤被困？"
    answer = data["answer"]
    assert set(answer) == {"title", "passage", "sentence", "score", "article_id", "date", "source", "url"}
    assert answer["url"] is None  # the page has none
    assert "2人受伤被困" in answer["passage"] and "2人受伤被困" in answer["sentence"]
    assert answer["title"] == "我市2024年住建领域“安全生产月”活动启动"
    assert answer["date"] is None and isinstance(answer["article_id"], int) and answer["score"] > 0


def test_query_command_seeds_an_empty_database_but_ingest_does_not(db: Path, capsys, tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"title": "城市书房开放", "body": "我市首座城市书房开放。", "date": "2024-05-01"}\n', encoding="utf-8")
    code, out, _ = run(capsys, "ingest", str(feed), "--json")
    assert code == 0
    assert json.loads(out)["articles_added"] == 1
    code, out, _ = run(capsys, "articles", "--json")
    assert [a["title"] for a in json.loads(out)["articles"]] == ["城市书房开放"]  # not seeded: not empty


def test_articles_json_lists_the_eight_seed_articles(db: Path, capsys):
    code, out, _ = run(capsys, "articles", "--json")
    articles = json.loads(out)["articles"]
    assert len(articles) == 8
    assert set(articles[0]) == {"article_id", "title", "date", "source", "url", "paragraphs"}
    assert all(isinstance(p, str) and p for a in articles for p in a["paragraphs"])


def test_ask_unanswerable_gives_null_and_plain_no_answer(db: Path, capsys):
    code, out, _ = run(capsys, "ask", "明天北京会下雨吗？", "--json")
    assert json.loads(out) == {"question": "明天北京会下雨吗？", "answer": None}
    code, out, _ = run(capsys, "ask", "明天北京会下雨吗？")
    assert code == 0 and "没有找到" in out


def test_ask_reads_questions_from_stdin_one_json_line_each(db: Path, capsys, monkeypatch):
    code, out, _ = run(capsys, "ask", "--json", stdin="李芸是哪个局的局长？\n\n苹果公司最新发布了什么手机？\n",
                       monkeypatch=monkeypatch)
    lines = [json.loads(l) for l in out.splitlines()]
    assert [l["question"] for l in lines] == ["李芸是哪个局的局长？", "苹果公司最新发布了什么手机？"]
    assert "市文化和旅游局" in lines[0]["answer"]["passage"] and lines[1]["answer"] is None


def test_search_json_and_k(db: Path, capsys):
    code, out, _ = run(capsys, "search", "乡村", "振兴", "-k", "2", "--json")
    data = json.loads(out)
    assert data["query"] == "乡村 振兴"
    assert 1 <= len(data["results"]) <= 2
    assert "乡村振兴" in data["results"][0]["passage"]


def test_latest_json_and_human(db: Path, capsys, tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"title": "新的一天", "body": "今天发生了一件新鲜事，大家都很关心。", "date": "2030-01-01"}\n',
                    encoding="utf-8")
    run(capsys, "ask", "你好")  # seeds
    run(capsys, "ingest", str(feed))
    code, out, _ = run(capsys, "latest", "-n", "3", "--json")
    articles = json.loads(out)["articles"]
    assert len(articles) == 3 and articles[0]["title"] == "新的一天" and articles[0]["date"] == "2030-01-01"
    assert set(articles[0]) == {"article_id", "title", "date", "source", "summary"}
    code, out, _ = run(capsys, "latest", "-n", "1")
    assert "最新报道" in out and "《新的一天》" in out


def test_human_answer_is_chinese_with_title_and_passage(db: Path, capsys):
    code, out, _ = run(capsys, "ask", "乌审旗政务服务局下一步秉持什么工作作风？")
    assert code == 0
    assert out.startswith("答：") and "出处：《乌审旗：“掌上办事”让政务服务走“新”更走“心”》" in out
    assert "“及时、务实、压实”" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["ingest", "/no/such/file.txt"], "no such file or folder"),
        (["ingest", "x.txt", "--date", "2024-13-01"], "not a date"),
        (["latest", "-n", "0"], "between 1 and 1000"),
        (["run"], "TELEGRAM_BOT_TOKEN is not set"),
    ],
)
def test_errors_are_one_line_and_nonzero(db: Path, capsys, argv: list[str], message: str):
    try:
        code = main(argv)
    except SystemExit as e:  # argparse usage errors
        code = e.code
    out, err = capsys.readouterr()
    assert code != 0
    assert message in err
    assert "Traceback" not in err
    assert len([l for l in err.splitlines() if l.startswith("newsbot: error")]) == 1


def test_bad_database_file_is_a_clear_error_and_is_left_untouched(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    code = main(["--db", str(bad), "articles"])
    err = capsys.readouterr().err
    assert code == 1 and "not a newsbot database" in err
    assert bad.read_bytes() == b"this is not sqlite" * 100


def test_chat_console_answers_like_the_bot(db: Path, capsys, monkeypatch):
    code, out, _ = run(capsys, "chat", stdin="准格尔旗全民健身场地总面积有多大？\n/search 盐碱地\n/latest 2\n/article 1\n/nonsense\n/quit\n",
                       monkeypatch=monkeypatch)
    assert code == 0
    assert "2.1万平方米" in out
    assert "“盐碱地”的搜索结果" in out
    assert "最新报道" in out
    assert "《汇聚“侨智侨力”助推高质量发展》" in out
    assert "不认识的命令 /nonsense" in out


def test_installed_console_script_runs_as_a_process(db: Path, tmp_path: Path):
    exe = Path(sys.executable).with_name("newsbot")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "bot.cli"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([*command, "ask", "局长周讲坛在什么地方开讲？", "--json"], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "市委党校" in json.loads(done.stdout)["answer"]["passage"]


def test_articles_keep_their_url(db: Path, capsys, tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"title": "城市书房开放", "body": "我市首座城市书房在人民公园开放，藏书五千册。",
                                "url": "https://news.example.org/a/1.html"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    assert run(capsys, "ingest", str(feed), str(ROOT / "seeds"))[0] == 0
    asked = json.loads(run(capsys, "ask", "城市书房藏书多少册？", "--json")[1])["answer"]
    found = json.loads(run(capsys, "search", "城市书房", "--json")[1])["results"][0]
    listed = {a["title"]: a for a in json.loads(run(capsys, "articles", "--json")[1])["articles"]}
    assert asked["url"] == found["url"] == listed["城市书房开放"]["url"] == "https://news.example.org/a/1.html"
    assert all(a["url"] is None for title, a in listed.items() if title != "城市书房开放")


def test_ask_conversation_answers_follow_ups_from_the_story(db: Path, tmp_path: Path, capsys, monkeypatch):
    stories = [
        {"title": "城南图书馆新馆正式开放", "paragraphs": ["10月8日，城南图书馆新馆正式开放。", "新馆建筑面积2.6万平方米，馆藏图书一百二十万册。"]},
        {"title": "滨河体育中心竣工", "paragraphs": ["滨河体育中心昨天竣工验收。", "体育中心占地面积十二万平方米，可容纳三万名观众。"]},
    ]
    source = tmp_path / "stories.json"
    source.write_text(json.dumps(stories, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "ingest", str(SEED_PAGE), str(source))[0] == 0
    talk = "滨河体育中心什么时候竣工的？\n面积有多大？\n\n面积有多大？\n城南图书馆新馆什么时候开放？\n面积有多大？\n"
    code, out, _ = run(capsys, "ask", "--json", "--conversation", stdin=talk, monkeypatch=monkeypatch)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["question"] for r in rows] == [q for q in talk.splitlines() if q]
    titles = [r["answer"]["title"] if r["answer"] else None for r in rows]
    assert titles[0] == titles[1] == "滨河体育中心竣工"  # the follow-up stays with the story
    assert titles[2] not in ("滨河体育中心竣工", "城南图书馆新馆正式开放")  # the empty line started afresh
    assert titles[3] == titles[4] == "城南图书馆新馆正式开放"
    assert set(rows[0]["answer"]) == set(json.loads(run(capsys, "ask", "--json", "体育中心")[1])["answer"])  # one schema


@pytest.mark.parametrize("when", ["at the prompt", "while it seeds"])
def test_ctrl_c_ends_the_chat_at_once(tmp_path: Path, when: str):
    """Ctrl-C ends `newsbot chat` with 130 and no traceback: at the prompt without waiting for Enter (the
    terminal stays open), and while the first start fills the database, leaving no connection behind."""
    db = tmp_path / "news.db"  # where newsbot_env puts it
    with interruptible([sys.executable, "-m", "bot.cli", "chat"], env=newsbot_env(tmp_path), cwd=tmp_path,
                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        proc.stdin.write("局长周讲坛在什么地方开讲？\n")
        proc.stdin.flush()
        if when == "at the prompt":
            assert "市委党校" in proc.stdout.readline()  # answered; now it waits for the next line
        else:
            deadline = time.monotonic() + 60
            while not db.exists() and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.01)
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=30)  # stdin stays open: nobody presses Enter
        finally:
            proc.kill()
        err = proc.stderr.read()
    assert code == 130 and "Traceback" not in err, err


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="watches the child's libraries in /proc")
def test_ctrl_c_while_newsbot_loads_is_one_line(tmp_path: Path):
    """Ctrl-C while Python is still importing newsbot (numpy is in, the rest is coming) is the command's
    one line and 130, as the installed `newsbot` script runs it."""
    script = "import sys; from bot.entry import main; sys.exit(main())"  # what pip's console script does
    with interruptible([sys.executable, "-c", script, "articles"], env=newsbot_env(tmp_path), cwd=tmp_path,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        maps = Path(f"/proc/{proc.pid}/maps")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None and "_multiarray_umath" not in maps.read_text():
            time.sleep(0.002)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and err == "newsbot: interrupted\n", err


def test_typed_bytes_that_are_not_utf8_are_read_as_gbk_or_refused_in_one_line(tmp_path: Path):
    # a GBK terminal or a file of questions saved as GBK; PYTHONIOENCODING makes stdin strict UTF-8, as a
    # UTF-8 locale does, where a bad byte used to end the chat quietly and an argument raised in the tokenizer
    env = {**newsbot_env(tmp_path), "PYTHONIOENCODING": "utf-8:strict"}
    question = "局长周讲坛在什么地方开讲？"

    def newsbot(*args: str | bytes, stdin: bytes = b"") -> tuple[int, str, str]:
        done = subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True, env=env,
                              cwd=tmp_path, timeout=120)
        return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")

    code, out, err = newsbot("ask", "--json", stdin=question.encode("gbk") + b"\n")
    assert code == 0 and "市委党校" in json.loads(out)["answer"]["passage"], err
    code, out, err = newsbot("search", "--json", "讲坛".encode("gb18030"))
    assert code == 0 and json.loads(out)["query"] == "讲坛" and json.loads(out)["results"], err
    lines = question.encode() + b"\n\xff\xfe\xff\n" + question.encode() + b"\n"
    code, out, err = newsbot("ask", "--json", stdin=lines)
    assert code == 1 and len(out.splitlines()) == 1  # the line before was answered
    assert err.splitlines() == ["newsbot: error: line 2 of stdin: the input is neither UTF-8 nor GB18030/GBK text"]
    code, out, err = newsbot("search", b"\xff\xff")
    assert code == 2 and len(err.splitlines()) == 1 and "neither UTF-8 nor GB18030" in err and "Traceback" not in err
    code, out, err = newsbot("chat", stdin=b"\xff\xfe\xff\n" + question.encode() + b"\n")
    assert code == 0 and err == ""
    assert "既不是 UTF-8，也不是 GBK" in out and "市委党校" in out.split("既不是 UTF-8")[1]  # and the chat went on
