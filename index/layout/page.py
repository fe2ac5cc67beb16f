"""Stories -> articles: column lines re-flowed into paragraphs, bylines recognized, titles attached."""

from __future__ import annotations

import re
from typing import Sequence

from .overprint import printed_once
from .broken import rejoin_broken
from .thread import rethread
from .topics import adopt_untitled, regroup
from .figures import unglue_figures
from .leads import split_at_leads
from .rows import by_columns
from .stories import split_stories
from .furniture import furnished, open_under_captions
from .headlines import _is_subtitle, _Matcher, _assign_titles, _split_units, _unit_text, free_headlines
from .lines import (JUMP_FROM, _COMMAS, _END_MARKER, _GLUED_ON, _INDENT, _Line, _Story, PageArticle, _classify,
                    _ends_sentence, _read_lines, _BRIEFS_LABEL, _part, _width_of, spaced)



def _reflow(items: list[_Line | list[_Line]]) -> list[str]:
    """Join column lines into paragraphs; subhead units are paragraphs of their own."""
    body = [i for i in items if isinstance(i, _Line)]
    width = _width_of(body) or max((l.width for l in body), default=20.0)
    paragraphs: list[str] = []
    buf = ""
    prev: _Line | None = None
    prev_opens = False

    def flush() -> None:
        nonlocal buf
        if buf.strip():
            paragraphs.append(buf.strip())
        buf = ""

    for item in items:
        if isinstance(item, _Line) and item.end and _END_MARKER.fullmatch(item.text) and (buf or paragraphs):
            if buf:  # an author tag printed on its own line closes the paragraph above it
                buf += " " + item.text
            else:
                paragraphs[-1] += " " + item.text
            prev = item
            continue
        if isinstance(item, list):
            flush()
            paragraphs.append(_unit_text(item))
            prev = None
            continue
        line = item
        if prev is not None and buf:
            gap = line.block != prev.block
            short = prev.width + (_INDENT if prev_opens else 0) < width - 1.5
            if (prev.end or (_ends_sentence(prev.text) and (gap or short))) and not _GLUED_ON.match(line.text):
                flush()  # (no paragraph opens with a mark that carries text on: 硕塞（；） / ，清太宗…)
        if buf and prev is not None and (_is_byline_only(prev, width) or spaced(buf, line.text)):
            buf += " "
        prev_opens = not buf
        buf += line.text
        prev = line
    flush()
    return paragraphs


def _is_byline_only(line: _Line, width: float) -> bool:
    """A byline printed alone on its line (name at the end), so the text after it is set apart."""
    return line.start and not _COMMAS.search(line.text) and not _ends_sentence(line.text) and line.width < 0.9 * width


_BYLINE = re.compile(
    r"^(?:" + JUMP_FROM + r"|[□■◎●]\s*[\u4e00-\u9fff]{2,8}\s+"
    r"|(?:本报(?:记者)?讯|[\u4e00-\u9fff]{2,6}讯|(?:新华社|中新社)[^\s、，。；：“”]{0,16}电)\s*"
    r"(?:[（(][^）)]{0,30}[）)])?"
    r"(?:\s*[\u4e00-\u9fff]{0,10}?(?:记者|通讯员|实习生)\s*(?:[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff]\s+[\u4e00-\u9fff]{1,2}))*\s*)"
)


def strip_byline(text: str) -> str:
    """A paragraph without its leading byline or continuation mark (for summaries)."""
    return _BYLINE.sub("", text, count=1).strip() or text


def fallback_title(paragraphs: Sequence[str]) -> str:
    """A title for a story printed without one: its first sentence (byline left out), cut at 30."""
    text = strip_byline(paragraphs[0]) if paragraphs else ""
    first = re.split(r"(?<=[。！？])", text, maxsplit=1)[0]
    return first[:30] + ("…" if len(first) > 30 else "")


def split_page(text: str) -> list[PageArticle]:
    """Split the extracted text of one e-paper page into its articles, in page order."""
    shown, captions = furnished(unglue_figures(printed_once(text)))
    lines = _read_lines(shown)
    if not lines:
        return []
    _classify(lines)
    open_under_captions(captions, lines)
    stories, candidate_runs = split_stories(lines)
    stories, candidate_runs = split_at_leads(stories, candidate_runs)
    stories = [s for s in stories if sum(len(l.text) for l in s.lines) >= 10]
    if not stories:
        return []
    headings = ["".join(l.text for l in run) for run in candidate_runs]
    stories = by_columns(rejoin_broken(_one_paragraph_items(stories, candidate_runs)), headings)
    stories = regroup(rethread(stories, headings))
    matcher = _Matcher(stories)  # it reads the stories' lines, which free_headlines keeps
    stories, candidate_runs = free_headlines(stories, candidate_runs, matcher)
    # with the text back in its order and the headlines freed, a lead may open with a headline's subject
    cut, candidate_runs = split_at_leads(stories, candidate_runs)
    if cut is not stories:
        stories, matcher = cut, _Matcher(cut)
    briefs = _briefs(stories, candidate_runs)  # first story of a 简讯 column -> (its label, its item stories)
    in_briefs = {i for _, items in briefs.values() for i in items}
    # a subtitle (——…) belongs to the headline above it, and is neither a title nor a kicker
    units = [u for run in candidate_runs for u in _split_units(run, matcher)
             if not _is_subtitle(_unit_text(u)) and not _BRIEFS_LABEL.match(_unit_text(u))]
    titles = _assign_titles(stories, units, matcher, frozenset(in_briefs))
    stories, adopted = adopt_untitled(stories, titles, frozenset(in_briefs) | frozenset(briefs))
    articles = []
    for i, (story, (title, kicker)) in enumerate(zip(stories, titles)):
        if i in briefs:  # one article titled by the column's label, an item a paragraph
            label, items = briefs[i]
            paragraphs = [" ".join(_reflow(stories[k].items)) for k in items]
            articles.append(PageArticle(label, tuple(paragraphs), None, story.lines[0].no, stories[items[-1]].lines[-1].no))
            continue
        if i in in_briefs or i in adopted:
            continue
        paragraphs = _reflow(story.items)
        articles.append(
            PageArticle(
                title=title or fallback_title(paragraphs),
                paragraphs=tuple(paragraphs),
                kicker=kicker,
                first_line=story.lines[0].no,
                last_line=story.lines[-1].no,
            )
        )
    return articles


_BULLET = re.compile(r"^[■●◆▲]\s")


def _one_paragraph_items(stories: list[_Story], runs: list[list[_Line]]) -> list[_Story]:
    """A 简讯 item is one paragraph: what follows it in the same story (another story's column, in
    pdfminer.six's order) becomes a story of its own."""
    items = {i for _, found in _briefs(stories, runs).values() for i in found}
    out: list[_Story] = []
    for i, story in enumerate(stories):
        cut = next((k for k in range(1, len(story.lines)) if i in items
                    and story.lines[k].block != story.lines[k - 1].block and _ends_sentence(story.lines[k - 1].text)),
                   None)
        out += [story] if cut is None else [_part(story, 0, cut), _part(story, cut, len(story.lines))]
    return out


def _printed_after(stories: list[_Story], runs: list[list[_Line]], n: int) -> int | None:
    """The story whose first line pdfminer.six printed right after story n's last line (no heading between)."""
    last = max(l.no for l in stories[n].lines)
    nxt = min((l.no for s in stories for l in s.lines if l.no > last), default=None)
    if nxt is None or any(last < l.no < nxt for run in runs for l in run):
        return None
    return next((i for i, s in enumerate(stories) if s.lines[0].no == nxt), None)


def _item_rest(story: _Story) -> bool:
    """A story of a line or two, no byline, no bullet: the rest of a brief's sentence printed apart."""
    return len(story.lines) <= 2 and not story.lines[0].start and not _BULLET.match(story.lines[0].raw.strip())


def _briefs(stories: list[_Story], runs: list[list[_Line]]) -> dict[int, tuple[str, list[int]]]:
    """简讯 columns: a label heading (简讯, 本地快讯, …) and the stories that each open with a bullet
    (■ …) are one article: the items right under the label, or else (pdfminer.six may print a page's
    headings together, far from their text) the first run of items on the page not yet taken, with the
    rests of their sentences printed apart among them.  Keyed by the column's first story."""
    out: dict[int, tuple[str, list[int]]] = {}
    labels = [(run[-1].no, run[-1].text) for run in runs if _BRIEFS_LABEL.match(run[-1].text)]
    taken: set[int] = set()
    for label_no, label in labels:
        bullets = [i for i, s in enumerate(stories) if _BULLET.match(s.lines[0].raw.strip()) and i not in taken]
        after = next((i for i, s in enumerate(stories) if s.lines[0].no > label_no), None)
        first = after if after in bullets else (bullets[0] if bullets else None)
        if first is None:
            continue
        items = [first]
        while True:  # the column's items, and the rests of their sentences printed apart (出行。): before
            nxt = items[-1] + 1  # another item, or ending the sentence the one before stops in
            rest = nxt < len(stories) and _item_rest(stories[nxt])
            if not (nxt in bullets or rest and (nxt + 1 in bullets or _ends_sentence(stories[nxt].lines[-1].text)
                                                and not _ends_sentence(stories[items[-1]].lines[-1].text))):
                nxt = _printed_after(stories, runs, items[-1])  # an item whose rest went back to it from afar
                if nxt not in bullets or nxt in items:
                    break
            items.append(nxt)
        taken.update(items)
        out[first] = (label, items)
    return out
