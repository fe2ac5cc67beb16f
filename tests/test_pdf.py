"""E-paper PDFs: pages laid out here (tests/pdfgen.py), read back through pdfminer.six's characters."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from pdfminer.high_level import extract_text
from reportlab.pdfgen import canvas

from bot.cli import main
from index import Library, SourceError
from index.layout import split_page
from index.layout.continuations import edition_of, join_continuations
from index.layout.geometry import split_pdf_page
from index.layout.lines import PageArticle
from index.sources.dates import date_in_text
from index.sources.pdf import overprinted_once, pdf_records, read_pdf
from tests.pdfgen import ADS, FONT, PAGE_H, PAGE_W, SUBHEADS, make_issue


def _right(found, gold) -> int:
    right = 0
    for g in gold:
        same = [a for a in found if "".join(a.title.split()) == "".join(g.title.split())]
        if len(same) == 1 and "".join("".join(p.split()) for p in same[0].paragraphs) == g.body:
            right += 1
    return right


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_generated_pages_split_into_their_articles(tmp_path: Path, seed: int):
    """Columns 2-5, headlines over one or several columns, two-line titles, kickers, subtitles,
    bylines, photos with captions, running heads: each story's title and its whole body, nothing more."""
    path = tmp_path / "page.pdf"
    gold = make_issue(path, seed)[0]
    page = next(read_pdf(path))
    found = split_pdf_page(page.glyphs, page.width, page.height, page.number, page.boxes).articles
    assert _right(found, gold) >= len(gold) - 1, [a.title for a in found]
    assert len(found) <= len(gold) + 1


def test_what_real_pages_print_besides_plain_stories(tmp_path: Path):
    """Bold headline faces, letter-spaced headlines, subheads inside stories, sidebars in smaller type
    (their captions still out), lead stories in larger type, headlines set top to bottom right of their
    text, stories wrapped around a short one, ads in frames and stories placed as form XObjects
    (tests/pdfgen.py extras): stories right, each subhead a paragraph of its story, spread
    titles without their spaces, no ad's words in any article."""
    right = total = 0
    subheads = spread = 0
    ad_words = [w for ad in ADS for w in (ad[0], ad[2].split("：")[1][:9])]
    for seed in (22, 30, 31, 32, 33, 34, 35, 36, 37):
        path = tmp_path / f"p{seed}.pdf"
        gold = make_issue(path, seed)[0]
        page = next(read_pdf(path))
        found = split_pdf_page(page.glyphs, page.width, page.height, page.number, page.boxes).articles
        right, total = right + _right(found, gold), total + len(gold)
        text = "".join(a.title + "".join(a.paragraphs) for a in found).replace(" ", "")
        assert not [w for w in ad_words if w in text]
        for g in gold:
            article = next((a for a in found if a.title == g.title), None)
            spread += article is not None and len(g.title) <= 8
            for sub in (s for s in SUBHEADS if s.replace(" ", "") in g.body):
                assert article is not None and sub in article.paragraphs, (g.title, sub)
                subheads += 1
    assert subheads >= 3 and spread >= 5  # the pages do carry them
    assert right >= total - 1, (right, total)


def _score_pages(tmp_path: Path, seeds: tuple[int, ...], **drawn: bool) -> tuple[int, int]:
    """(articles right, articles printed) over one generated page per seed, through the PDF path."""
    right = total = 0
    for seed in seeds:
        path = tmp_path / f"p{seed}.pdf"
        gold = make_issue(path, seed, **drawn)[0]
        page = next(read_pdf(path))
        found = split_pdf_page(page.glyphs, page.width, page.height, page.number, page.boxes).articles
        right, total = right + _right(found, gold), total + len(gold)
    return right, total


def test_a_strip_of_stories_down_one_side_and_rules_between_rows(tmp_path: Path):
    """Short stories stacked down the left column beside rows of stories, rules drawn between the rows:
    the gutters the rows share must not cut the page into columns read top to bottom (a rule across
    them says they are rows), each story whole."""
    right, total = _score_pages(tmp_path, (15, 21, 78, 94))  # the generator draws a strip on these pages
    assert right >= total - 1, (right, total)


def test_narrow_gutters_still_part_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Columns set only 8 pt apart (under an em of the 9-10.5 pt body): lines side by side on one
    baseline are still two columns' lines."""
    import tests.pdfgen

    monkeypatch.setattr(tests.pdfgen, "GUTTER", 8.0)
    right, total = _score_pages(tmp_path, (2, 3, 4, 5))
    assert right >= total - 1, (right, total)


def test_characters_printed_over_themselves_are_read_once(tmp_path: Path):
    """A typesetter's fake bold (headlines, kickers and subtitles printed again 0.3 pt aside) and a second text
    layer (the page's characters again in place): each character is read once, where it was printed, and
    the stories come out whole; the fake bold counts as bold, the second layer does not."""
    right, total = _score_pages(tmp_path, (2, 3, 4, 5), fake_bold=True)
    assert right >= total - 1, (right, total)
    make_issue(tmp_path / "once.pdf", 3)
    once, doubled = next(read_pdf(tmp_path / "once.pdf")).glyphs, next(read_pdf(tmp_path / "p3.pdf")).glyphs
    assert [(g.text, g.x0, g.y0) for g in doubled] == [(g.text, g.x0, g.y0) for g in once]
    assert {g.font.endswith(",Bold") for g in doubled if g.size >= 12 and g.text.strip()} == {True}
    assert {g.font.endswith(",Bold") for g in doubled if g.size < 12} == {False}
    assert overprinted_once([*once, *once]) == once


def test_digits_and_latin_in_another_face_stay_in_their_line(tmp_path: Path):
    """Papers set digits and Latin words in a Latin face, whose characters sit a little higher than the
    Chinese ones around them (another descent): each stays in its line and its place in the sentence
    (教堂始建于1913年, not 1913 taken into the line of the next column printed a point higher)."""
    right, total = _score_pages(tmp_path, (1000, 1002, 1003, 1013, 1019, 1021, 1028), latin_face=True)
    assert right >= total - 1, (right, total)


def test_a_print_shops_pdf_is_read_as_its_page_without_marks_and_slug_lines(tmp_path: Path):
    """A print shop's PDF: each page on a larger sheet (MediaBox), the page its CropBox, crop marks and slug
    lines (layout file, output time, plates) outside it.  The PDF path reads the page as a viewer shows it;
    the text path reads the slug lines pdfminer.six prints as if they were not printed; the printed date is
    the page's (the slug's day before is no date)."""

    slug = ("indd", "出片时间", "黑 青 品 黄")
    for seed in (17006, 17009, 17033):
        path, plain = tmp_path / f"p{seed}.pdf", tmp_path / f"plain{seed}.pdf"
        make_issue(path, seed, bleed=True)
        make_issue(plain, seed)
        page, once = next(read_pdf(path)), next(read_pdf(plain))
        assert (page.width, page.height) == (once.width, once.height) and len(page.glyphs) == len(once.glyphs)
        assert split_pdf_page(page.glyphs, page.width, page.height, 1, page.boxes).articles \
            == split_pdf_page(once.glyphs, once.width, once.height, 1, once.boxes).articles
        text = extract_text(str(path))
        unprinted = "\n".join("" if any(s in line for s in slug) else line for line in text.split("\n"))
        assert unprinted != text and split_page(text) == split_page(unprinted)
        assert {r.date for r in pdf_records(path)} <= {"2024-10-16", "2011-05-24", "2023-03-01"}


def test_kickers_and_subtitles_stay_out_of_titles(tmp_path: Path):
    path = tmp_path / "page.pdf"
    gold = [g for page in make_issue(path, 11, pages=3) for g in page]
    found = [a for page in read_pdf(path)
             for a in split_pdf_page(page.glyphs, page.width, page.height, page.number, page.boxes).articles]
    with_kicker = [g for g in gold if g.kicker]
    assert with_kicker, "the generator should print some kickers"
    by_title = {"".join(a.title.split()): a for a in found}  # a headline broken at a space loses it, as in print
    for g in with_kicker:
        title = "".join(g.title.split())
        assert title in by_title and by_title[title].kicker == g.kicker
    assert not any(a.title.startswith("——") or "——" in a.title for a in found)


def test_a_whole_issue_is_ingested_with_its_printed_date_and_paper(tmp_path: Path):
    path = tmp_path / "issue.pdf"
    gold = make_issue(path, 21, pages=3, paper="河口晚报")
    db = tmp_path / "news.db"
    assert main(["--db", str(db), "ingest", str(path)]) == 0
    with sqlite3.connect(db) as raw:
        rows = raw.execute("SELECT title, date, source FROM articles").fetchall()
    assert len(rows) >= sum(len(p) for p in gold) - 2
    dates = {d for _, d, _ in rows}
    assert len(dates) == 1 and dates.pop() in ("2024-10-16", "2011-05-24", "2023-03-01")
    assert {s for _, _, s in rows} == {"河口晚报"}
    assert main(["--db", str(db), "ingest", str(path), "--date", "2020-01-02", "--source", "别的报"]) == 0  # no dupes


async def test_an_answer_comes_from_a_pdf_page(tmp_path: Path, tokenizer):
    path = tmp_path / "page.pdf"
    make_issue(path, 2)
    async with await Library.open(tmp_path / "news.db", tokenizer=tokenizer) as library:
        await library.ingest_paths([path])
        titles = [a.title for a in await library.articles()]
        target = next(a for a in await library.articles() if len(a.paragraphs[0]) > 40)
        question = target.paragraphs[0][12:40]
        answer = (await library.ask(question)).result
    assert answer is not None and answer.title == target.title, (question, titles)


def test_dates_printed_on_pages():
    assert date_in_text("城南日报 2024年10月16日 星期三 第3版") == "2024-10-16"
    assert date_in_text("2011.5.24 星期二") == "2011-05-24"
    assert date_in_text("第2版 2023-02-30 2023/3/1") == "2023-03-01"  # an impossible date is passed over
    assert date_in_text("第2版 要闻 责任编辑：张三") is None


def _text_free_pdf(path: Path) -> None:
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.rect(40, 40, PAGE_W - 80, PAGE_H - 80, fill=1)  # a scan: a picture of the page, no text layer
    c.save()


def _unmapped_pdf(path: Path) -> None:
    """Text drawn in a font that maps its glyphs to no characters (Identity-H, no ToUnicode)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
               b" /Resources << /Font << /F1 5 0 R >> >> >>",
               None,
               b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
               b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap"
               b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"]
    stream = b"BT /F1 12 Tf 72 720 Td <00010002000300040005> Tj ET"
    objects[3] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def _encrypted_pdf(path: Path) -> None:
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), encrypt="secret")
    c.setFont(FONT, 12)
    c.drawString(100, 700, "加密的报纸")
    c.save()


@pytest.mark.parametrize("kind, message", [
    ("not a pdf", "not a PDF"),
    ("truncated", "PDF"),
    ("encrypted", "encrypted"),
    ("scan", "no text layer"),
    ("unmapped", "map no character to text"),
])
def test_a_bad_pdf_is_one_clear_line_and_nothing_is_stored(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           kind: str, message: str):
    bad = tmp_path / "bad.pdf"
    if kind == "not a pdf":
        bad.write_text("这不是PDF，是一段文字。", encoding="utf-8")
    elif kind == "truncated":
        make_issue(tmp_path / "whole.pdf", 3)
        data = (tmp_path / "whole.pdf").read_bytes()
        bad.write_bytes(data[: len(data) // 3])
    elif kind == "encrypted":
        _encrypted_pdf(bad)
    elif kind == "unmapped":
        _unmapped_pdf(bad)
    else:
        _text_free_pdf(bad)
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"title": "好报道", "body": "正文。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "news.db"
    assert main(["--db", str(db), "ingest", str(bad), str(good)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.pdf" in err[0] and message in err[0], err
    assert "Traceback" not in err[0] and "unexpected" not in err[0]
    with pytest.raises(SourceError):
        pdf_records(bad)
    if db.exists():
        with sqlite3.connect(db) as raw:
            assert raw.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def _issue_with_continuation(tmp_path: Path) -> tuple[Path, list]:
    for seed in range(5, 60):
        path = tmp_path / f"issue{seed}.pdf"
        gold = make_issue(path, seed, pages=3)

        if "下转第" in extract_text(str(path)).replace("\n", ""):
            return path, gold
    raise AssertionError("the generator made no continued story")


def test_a_story_continued_on_a_later_page_is_one_article(tmp_path: Path):
    path, gold = _issue_with_continuation(tmp_path)
    records = pdf_records(path)
    assert not any("下转第" in p or "上接第" in p for r in records for p in r.paragraphs)
    assert _right(records, [g for page in gold for g in page]) >= sum(len(p) for p in gold) - 1
    assert len(records) <= sum(len(p) for p in gold) + 1


def test_an_issue_s_text_is_read_page_by_page_and_its_continued_story_joined(tmp_path: Path):
    """A whole issue's pdfminer.six text in one .txt (each page ended by a form feed): each page is split on
    its own, its running head set aside, and a story continued on a later page is one article."""

    from index.sources import read_path

    path, gold = _issue_with_continuation(tmp_path)
    text = tmp_path / "issue.txt"
    text.write_text(extract_text(str(path)), encoding="utf-8")
    assert text.read_text(encoding="utf-8").count("\f") >= 3
    records = read_path(text)
    assert not any("下转第" in p or "上接第" in p for r in records for p in r.paragraphs)
    printed = [g for page in gold for g in page]
    assert _right(records, printed) >= len(printed) - 3
    assert {r.date for r in records} <= {"2024-10-16", "2011-05-24", "2023-03-01"}
    assert {r.source for r in records} == {"城南日报"}


def test_continuations_join_in_mid_sentence_too():

    first = PageArticle("大桥通车", ("本报讯 大桥今天通车。", "大桥全长两公里，（下转第3版）"), None)
    other = PageArticle("别的报道", ("别的正文。",), None)
    rest = PageArticle("大桥通车", ("（上接第1版）设计时速八十公里。", "市民纷纷前来参观。"), None)
    joined = join_continuations([("1", [first, other]), ("3", [rest])])
    assert [a.title for _, a in joined] == ["大桥通车", "别的报道"]
    assert joined[0][1].paragraphs == ("本报讯 大桥今天通车。", "大桥全长两公里，设计时速八十公里。", "市民纷纷前来参观。")
    alone = join_continuations([("1", [first])])  # the other page is not in this ingest: kept as printed
    assert alone[0][1].paragraphs == first.paragraphs


@pytest.mark.parametrize("to, back, headers", [
    ("（下转第二版）", "（上接第一版）", ("第1版 要闻", "第2版 综合")),  # jumps in Chinese numerals, as 人民日报 prints them
    ("（转A2版）", "（接A1版）", ("第A01版 要闻", "第A02版 综合")),  # a section letter, a leading zero
    ("（下转2版）", "（紧接1版）", ("2024年10月16日 1版", "2024年10月16日 2版")),
    ("（下转第12版）", "（上接第1版）", ("第1版", "第十二版")),
])
def test_jump_lines_as_papers_print_them_join_their_story(to: str, back: str, headers: tuple[str, str]):

    first = PageArticle("大桥通车", ("本报讯 大桥今天通车。", "大桥全长两公里，" + to), None)
    rest = PageArticle("大桥通车", (back + "设计时速八十公里。", "市民纷纷前来参观。"), None)
    pages = [(edition_of(headers[0], 1), [first]), (edition_of(headers[1], 2), [rest])]
    assert [a.paragraphs for _, a in join_continuations(pages)] == [
        ("本报讯 大桥今天通车。", "大桥全长两公里，设计时速八十公里。", "市民纷纷前来参观。")]


def test_a_front_page_masthead_names_the_paper_and_is_no_article(tmp_path: Path):
    path = tmp_path / "front.pdf"
    gold = make_issue(path, 8, masthead=True, metadata=False, paper="河口晚报")[0]
    records = pdf_records(path)
    assert {r.source for r in records} == {"河口晚报"}
    assert all(r.date for r in records)
    assert not any("河口晚报" in r.title for r in records)
    assert _right(records, gold) >= len(gold) - 1


def _bare_page(path: Path, headline_size: float, title: str | None = None) -> Path:
    """A page without running head or masthead: a headline over twelve lines of one story."""
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    if title is not None:
        c.setTitle(title)
    c.setFont(FONT, headline_size)
    c.drawString(40, PAGE_H - 80, "全市经济运行稳中向好")
    c.setFont(FONT, 10)
    text = "今年前三季度，全市地区生产总值同比增长百分之六点二，规模以上工业增加值增长百分之七。" * 6
    for row in range(12):
        c.drawString(40, PAGE_H - 120 - row * 14, text[row * 40:(row + 1) * 40])
    c.save()
    return path


def test_a_banner_headline_at_the_top_of_a_page_is_no_masthead(tmp_path: Path):
    """A page without a running head opening with its lead story's headline in very large type: the
    headline is the story's title, not the paper's name."""
    path = _bare_page(tmp_path / "inner.pdf", 40)
    records = pdf_records(path, source=None)
    assert [r.title for r in records] == ["全市经济运行稳中向好"]
    assert "经济" not in records[0].source


def test_a_line_worded_like_a_caption_far_from_any_photo_stays_in_the_story(tmp_path: Path):
    path = tmp_path / "page.pdf"
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont(FONT, 24)
    c.drawString(40, PAGE_H - 80, "新公交线路今起运行")
    c.setFont(FONT, 10)
    lines = ["市公交集团今天开通两条社区微循环线路，方便居民就近出行。线路经过", "城南新区和河口镇，全程约十二公里。",
             "上图所示的两条线路每天早六点至晚九点运行，发车间隔十五分钟。", "市民可在站台扫码查询车辆到站时间。"]
    for row, line in enumerate(lines):
        c.drawString(40, PAGE_H - 120 - row * 14, line)
    c.save()
    page = next(read_pdf(path))
    found = split_pdf_page(page.glyphs, page.width, page.height, page.number, page.boxes).articles
    assert len(found) == 1 and "上图所示" in "".join(found[0].paragraphs)


def test_a_briefs_column_is_one_article_with_its_items(tmp_path: Path):
    for seed in range(1, 40):
        path = tmp_path / f"p{seed}.pdf"
        gold = make_issue(path, seed)[0]
        if any(g.title == "简讯" for g in gold):
            break
    records = pdf_records(path)
    briefs = [r for r in records if r.title == "简讯"]
    assert len(briefs) == 1 and len(briefs[0].paragraphs) >= 2
    assert all(p.startswith("■") for p in briefs[0].paragraphs)


def test_a_headline_printed_over_its_story_s_rest_is_its_title_not_its_first_paragraph(tmp_path: Path):
    """The text path on pages where pdfminer.six printed a story's rest under its headline and its lead
    (byline first) later: once the text is back in order the headline stands above all of the story's
    text, so it is the story's title and no paragraph of it (``楼曾瑞走进千家万户`` / ``新华社北京…``)."""

    for seed in (3045, 3096, 11077):
        path = tmp_path / f"p{seed}.pdf"
        gold = make_issue(path, seed)[0]
        articles = split_page(extract_text(str(path)))
        found = {"".join(a.title.split()): "".join("".join(a.paragraphs).split()) for a in articles}
        for g in gold:
            title = "".join(g.title.split())
            if not g.body.startswith(title) and title in found:
                assert not found[title].startswith(title), (seed, title)


def test_stacked_headlines_go_to_the_stories_whose_leads_name_them_first(tmp_path: Path):
    """The text path on pages where headlines are printed stacked over several stories: the story whose
    lead names a headline's subject first, right after its byline, takes it (standing above the stories
    does not outweigh that: 大莱龙铁路：新的进展 / 本报记者 郑浩 大莱龙铁路位于…; 于乐引发关注 / 本报讯 记者赵磊 于乐（），…)."""

    for seed, title, lead in ((3081, "大莱龙铁路：新的进展", "本报记者郑浩大莱龙铁路"), (11067, "于乐引发关注", "本报讯记者赵磊于乐")):
        path = tmp_path / f"p{seed}.pdf"
        make_issue(path, seed)
        found = [a for a in split_page(extract_text(str(path))) if "".join(a.title.split()) == title]
        assert len(found) == 1 and "".join("".join(found[0].paragraphs).split()).startswith(lead), (seed, title)


def test_a_story_under_the_top_of_a_longer_storys_first_column_keeps_its_text_when_that_story_goes_on_beside_it(
        tmp_path: Path):
    """The reading order gives the longer story's first lines, the short story's headline, then the longer
    story's next column: that column carries the longer story on (its text starts at the height of that
    story's first line), and the text under the short headline is the short story's, a photo between or not."""
    for seed in (1014, 1017, 1053, 1076):  # pages laid out so (tests/pdfgen.py: _wrap_around)
        path = tmp_path / f"p{seed}.pdf"
        gold = make_issue(path, seed)[0]
        page = next(read_pdf(path))
        found = split_pdf_page(page.glyphs, page.width, page.height, page.number, page.boxes).articles
        assert _right(found, gold) == len(gold), (seed, [a.title for a in found])


def test_the_text_of_pages_in_fake_bold_is_read_once(tmp_path: Path):
    """The text path on pdfminer.six's text of pages whose headings are printed twice, 0.3 pt aside: each
    heading read twice (on one line, under itself, a character a line twice) is read once, and the stories
    come out as from the same pages printed once."""

    right = {False: 0, True: 0}
    for seed in (1001, 1002, 1004, 1006, 17012):
        for fake_bold in right:
            path = tmp_path / f"p{seed}{fake_bold}.pdf"
            gold = make_issue(path, seed, fake_bold=fake_bold)[0]
            right[fake_bold] += _right(split_page(extract_text(str(path))), gold)
    assert right[True] >= right[False] - 2, right


def test_characters_a_font_maps_to_radicals_are_read_as_characters(tmp_path: Path):
    """The CID font draws the simplified radicals (⻓, ⻔, ⻢) as glyphs of their own, which pdfminer.six reads
    as those radicals, as it would a font whose ToUnicode table maps 长 to ⻓."""
    path = tmp_path / "radicals.pdf"
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont(FONT, 12)
    c.drawString(72, PAGE_H - 200, "\u2ed3江大桥\u2ed4户开放 \u2ee2拉松")
    c.save()
    text = "".join(g.text for g in next(read_pdf(path)).glyphs).replace(" ", "")
    assert text == "长江大桥门户开放马拉松"


def test_pdfminer_s_warnings_are_not_the_readers_business(tmp_path: Path):
    """An e-paper PDF copy-protected by an owner password: pdfminer.six warns that it reads past the flag (and
    of other things it reads past); the reader sees newsbot's one line, not pdfminer's."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    from tests.processes import newsbot, newsbot_env

    path = tmp_path / "protected.pdf"
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H),
                      encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0, strength=128))
    c.setFont(FONT, 12)
    c.drawString(100, 700, "不许复制的报纸")
    c.save()
    done = newsbot(newsbot_env(tmp_path), "ingest", str(path), cwd=tmp_path)
    assert done.returncode == 1 and done.stderr.splitlines() == [done.stderr.strip()], done.stderr
    assert done.stderr.startswith(f"newsbot: error: {path}: ") and "WARNING" not in done.stderr


def test_a_front_page_s_teasers_box_is_no_article(tmp_path: Path):
    """A 导读 box under the masthead: teasers of other pages' stories, each pointing to its page (详见第3版).
    Neither path makes an article of it or puts its words into one; the page's stories stay right."""

    from tests.pdfgen import TEASERS

    for seed in (1001, 1013, 1016):
        path = tmp_path / f"front{seed}.pdf"
        gold = make_issue(path, seed, masthead=True, teasers=True)[0]
        page = next(read_pdf(path))
        for articles in (split_pdf_page(page.glyphs, page.width, page.height, 1, page.boxes).articles,
                         split_page(extract_text(str(path)))):
            text = "".join(a.title + "".join(a.paragraphs) for a in articles)
            assert "详见第" not in text and "导读" not in text
            assert not [a.title for a in articles if a.title.strip("▶ ") in TEASERS]
            assert _right(articles, gold) >= len(gold) - 2


def test_the_paper_is_read_from_a_running_head_and_a_layout_file_s_title_is_no_paper(tmp_path: Path):
    """An inner page names its paper in its running head (城南日报 2024年10月16日 第3版 …), which is the
    articles' source when the PDF carries no usable title; a title a layout program wrote (A01.indd) is none."""
    inner = tmp_path / "inner.pdf"
    make_issue(inner, 8, metadata=False, paper="河口晚报")
    assert {r.source for r in pdf_records(inner)} == {"河口晚报"}
    bare = _bare_page(tmp_path / "bare.pdf", 24, title="A01.indd")
    assert {r.source for r in pdf_records(bare)} == {"bare"}


def test_a_briefs_label_printed_among_a_front_page_s_head_lines_stays_the_column_s_title(tmp_path: Path):
    """pdfminer.six printed a 简讯 column's label (letter-spaced: 简 讯) between the masthead and 第1版: it is
    no part of the page's head, and the column is one article titled by it."""

    path = tmp_path / "front.pdf"
    gold = make_issue(path, 17028, masthead=True)[0]
    text = extract_text(str(path))
    assert text.index("简 讯") < text.index("第1版")  # the case: the label among the head's lines
    briefs = [a for a in split_page(text) if a.title.replace(" ", "") == "简讯"]
    assert len(briefs) == 1 and len(briefs[0].paragraphs) == 4
    assert _right(split_page(text), gold) >= len(gold) - 1


def test_a_letter_spaced_colon_headline_among_a_front_page_s_head_lines_stays_a_headline(tmp_path: Path):
    """pdfminer.six printed a letter-spaced headline with a colon (阴 阳 海 ： 新 的 进 展) between the date and
    第1版: the story under it says its subject (水洞阴阳海…), so it is a headline, not part of the page's head."""

    path = tmp_path / "front.pdf"
    make_issue(path, 17001, masthead=True)
    text = extract_text(str(path))
    assert text.index("阴 阳 海 ：") < text.index("第1版")  # the case
    assert "阴阳海：新的进展" in [a.title.replace(" ", "") for a in split_page(text)]
