"""Readers: text decoding, page and JSON/JSONL articles, dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index import SourceError
from index.sources import date_from_name, decode, parse_date, read_path

PAGE = "本报讯 记者王强 今天上午，全市春季植树活动在南山公园举行，一千多名干部群众种下各类苗木两万余株。\n\n全民义务植树 共建绿色家园\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_page_text_is_decoded_in_common_chinese_encodings(tmp_path: Path, encoding: str):
    path = tmp_path / "page.txt"
    path.write_bytes(PAGE.encode(encoding))
    articles = read_path(path)
    assert [a.title for a in articles] == ["全民义务植树 共建绿色家园"]
    assert articles[0].paragraphs[0].startswith("本报讯 记者王强")


def test_bom_is_not_part_of_the_text():
    assert decode("\ufeff新闻".encode("utf-8"), "x") == "新闻"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
        (b"\xff\xfe\x00\xd8", "UTF-16"),
    ],
)
def test_bad_files_get_one_clear_error_naming_the_file(tmp_path: Path, data: bytes, message: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(SourceError) as info:
        read_path(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_unsupported_file_type_is_refused(tmp_path: Path):
    path = tmp_path / "page.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(SourceError, match="unsupported file type"):
        read_path(path)


def test_jsonl_articles_with_body_or_paragraphs(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    rows = [
        {"title": "地铁三号线北延段开通", "body": "第一段。\n\n第二段。", "date": "2024-12-26", "source": "晚报",
         "url": "https://example.org/1", "id": "a1"},
        {"title": "图书馆新馆开放", "paragraphs": ["新馆开放。", " ", "藏书一百万册。"]},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    first, second = read_path(path)
    assert first.paragraphs == ("第一段。", "第二段。")
    assert (first.date, first.source, first.url, first.ext_id) == ("2024-12-26", "晚报", "https://example.org/1", "a1")
    assert second.paragraphs == ("新馆开放。", "藏书一百万册。")
    assert second.date is None  # never invented
    assert second.source == "feed"


def test_json_file_may_hold_one_article_a_list_or_an_articles_object(tmp_path: Path):
    one = {"title": "标题一", "body": "正文一。"}
    for i, data in enumerate([one, [one, {"title": "标题二", "body": "正文二。"}], {"articles": [one]}]):
        path = tmp_path / f"a{i}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        assert read_path(path)[0].title == "标题一"


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"title": "x"', "invalid JSON"),
        ('{"body": "正文。"}', "missing 'title'"),
        ('{"title": "标题", "body": 3}', "needs 'body'"),
        ('{"title": "标题", "paragraphs": ["a", 1]}', "list of strings"),
        ('{"title": "标题", "body": "  "}', "has no text"),
        ('{"title": "标题", "body": "正文。", "date": "明天"}', "not a date"),
        ('["not", "an", "object"]', "expected a JSON object"),
    ],
)
def test_malformed_json_articles_name_file_and_line(tmp_path: Path, line: str, message: str):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"title": "好的", "body": "正文。"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as info:
        read_path(path)
    assert f"{path}:2" in str(info.value)
    assert message in str(info.value)


def test_date_option_wins_over_json_date_and_file_name(tmp_path: Path):
    path = tmp_path / "2024-06-12_feed.jsonl"
    path.write_text('{"title": "标题", "body": "正文。", "date": "2024-06-01"}\n', encoding="utf-8")
    assert read_path(path)[0].date == "2024-06-01"
    assert read_path(path, date="2024-07-01")[0].date == "2024-07-01"
    path.write_text('{"title": "标题", "body": "正文。"}\n', encoding="utf-8")
    assert read_path(path)[0].date == "2024-06-12"


@pytest.mark.parametrize(
    "name, date",
    [("20240612_page3.txt", "2024-06-12"), ("ordos-2024-06-12.txt", "2024-06-12"), ("page_2024_6_1.txt", None),
     ("000_aff2cf897e84ba01.txt", None), ("20241399.txt", None)],
)
def test_date_from_file_name(name: str, date: str | None):
    assert date_from_name(Path(name)) == date


@pytest.mark.parametrize(
    "text, date",
    [("2024-06-12", "2024-06-12"), ("2024/6/2", "2024-06-02"), ("2024年6月12日", "2024-06-12"),
     ("2024-06-12T08:30:00+08:00", "2024-06-12")],
)
def test_parse_date(text: str, date: str):
    assert parse_date(text) == date


@pytest.mark.parametrize("text", ["2024-02-30", "06/12/2024", "昨天", ""])
def test_parse_date_rejects_non_dates(text: str):
    with pytest.raises(ValueError):
        parse_date(text)


def test_a_page_gets_the_date_printed_in_its_running_head(tmp_path: Path):
    from tests.pagegen import STORIES, layout

    page = tmp_path / "page.txt"
    page.write_text("城南日报\n\n2011.5.24 星期二\n\n第2版 要闻\n\n" + layout(list(STORIES[:2]), 16, "above"),
                    encoding="utf-8")
    assert {r.date for r in read_path(page)} == {"2011-05-24"}
    assert {r.date for r in read_path(page, date="2020-01-02")} == {"2020-01-02"}
    in_numerals = tmp_path / "numerals.txt"  # some mastheads print it in Chinese numerals
    in_numerals.write_text("城南日报\n\n二〇二四年十月十六日 星期三\n\n第2版 要闻\n\n" + layout(list(STORIES[:2]), 16, "above"),
                           encoding="utf-8")
    assert [(r.title, r.date) for r in read_path(in_numerals)] == [(r.title, "2024-10-16") for r in read_path(page)]
    assert {r.source for r in read_path(page)} == {"城南日报"}  # the paper named over its running head
    assert {r.source for r in read_path(page, source="晚报")} == {"晚报"}
    plain = tmp_path / "plain.txt"
    plain.write_text(layout(list(STORIES[:2]), 16, "above"), encoding="utf-8")
    assert {r.date for r in read_path(plain)} == {None}  # never invented
    assert {r.source for r in read_path(plain)} == {"plain"}  # no running head: the file's name


def test_a_page_whose_font_maps_characters_to_radicals_reads_as_its_characters(tmp_path: Path):
    # some fonts' ToUnicode tables give ⽇ (a Kangxi radical) for 日, ⻓ (a simplified radical) for 长
    from tests.conftest import SEED_PAGE

    text = SEED_PAGE.read_text(encoding="utf-8")
    radicals = {"日": "\u2f47", "月": "\u2f49", "一": "\u2f00", "大": "\u2f24", "长": "\u2ed3", "门": "\u2ed4",
                "马": "\u2ee2", "金": "\u2fa6", "龙": "\u2ef0"}
    mapped = text.translate(str.maketrans(radicals))
    assert sum(mapped.count(r) for r in radicals.values()) >= 50
    (tmp_path / "radicals.txt").write_text(mapped, encoding="utf-8")
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    read = [(a.title, a.paragraphs, a.kicker, a.date) for a in read_path(tmp_path / "radicals.txt")]
    assert read == [(a.title, a.paragraphs, a.kicker, a.date) for a in read_path(tmp_path / "page.txt")]


@pytest.mark.parametrize("text, date", [
    ("2024年10月16日 星期三", "2024-10-16"),
    ("二〇二四年十月十六日 星期三", "2024-10-16"),
    ("二○二四年十二月三十一日 农历十一月初一", "2024-12-31"),
    ("第3版 二〇二四年十月二十一日", "2024-10-21"),
    ("二〇二四年十月十日", "2024-10-10"),
    ("二〇二四年二月三十日", None),
    ("十月十六日 星期三", None),
    ("一九一九年五月四日", "1919-05-04"),
    ("九九九九年十月一日 二〇二四年十月十六日", "2024-10-16"),  # a year no paper prints is passed over
])
def test_dates_printed_in_a_running_head(text: str, date: str | None):
    from index.sources.dates import date_in_text

    assert date_in_text(text) == date
