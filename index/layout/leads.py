"""Stories run together in the text, cut where a lead opens with a headline's subject.

pdfminer.six often prints a page's headlines together, far from their stories, and two byline-less
stories one after the other: the second starts where a paragraph (after a sentence's end) opens with the
subject of a headline printed elsewhere on the page, a subject the story so far never named.  Two
stories' paragraphs may also be printed in turn: a paragraph opening with the subject an earlier part's
byline lead names first goes back to that part.
"""

from __future__ import annotations

import re

from .lines import (_HAN_PAIR, _LEAD_IN, _STRIP_FOR_MATCH, _ends_sentence, _grams, _Line, _part, _share, _Story,
                    carries_number, names_first)

__all__ = ["split_at_leads"]

_HAN_TRIPLE = re.compile(r"[\u4e00-\u9fff]{3}")
_DIGITS_END = re.compile(r"[0-9]$")
_TIME_UNIT = re.compile(r"[年月日号时点分秒]")


def _carried_on(parts: list[_Story], first: int, subject: str) -> int | None:
    """The part (from ``first`` on) whose lead, after its byline, names ``subject`` first: two stories'
    paragraphs printed in turn (``本报记者 孙丽 徐晓飞（）是…`` / ``底特律圣公会三一堂…`` / ``徐晓飞10岁那年…``),
    a paragraph opening with the subject carries on that part's story, it opens no new one."""
    return next((n for n in range(first, len(parts)) if parts[n].lines[0].start
                 and names_first(" ".join(l.text for l in parts[n].lines[:2]), subject)), None)


def _carries_a_number_on(lines: list[_Line], line: _Line) -> bool:
    """Whether ``line`` opens with the unit of a date or time whose digits a block before it stops at, which
    the block printed after that one does not carry on (the sentence's rest: ``12月26`` / ``座车站。`` / … /
    ``日上午，…``; not ``全长49`` / … / ``余蔚，…``: 余 follows numbers, and names)."""
    return bool(_TIME_UNIT.match(line.text)) and any(
        a.block != b.block and _DIGITS_END.search(a.text) and not carries_number(a.text, b.text)
        and carries_number(a.text, line.text) for a, b in zip(lines, [*lines[1:], line]))


def _add(parts: list[_Story], part: _Story, into: int | None) -> None:
    if into is None:
        parts.append(part)
    else:
        parts[into] = _Story(parts[into].lines + part.lines, parts[into].items + part.items)


def split_at_leads(stories: list[_Story], candidates: list[list[_Line]]) -> tuple[list[_Story], list[list[_Line]]]:
    """Cut a story where a paragraph (after a sentence's end) opens with the subject of a headline
    printed elsewhere on the page that the story's own opening does not name: two byline-less stories
    run together in the text, their headlines far away (as pdfminer.six often prints them).  A subject of
    three characters counts where the story so far uses its first two (``左司马`` / ``司马晏（），字平度``)
    when a bracket follows it, as after a name.  A heading taken for a subhead where the story is cut is a
    headline again (with the candidates, in page order)."""
    heads = [_grams(l.text) for run in candidates for l in run if not l.text.startswith("—")]
    heads += [_grams(a.text + b.text) for run in candidates for a, b in zip(run, run[1:])]
    heads = [g for g in heads if len(g) >= 3]
    subjects = {s for run in candidates for text in (*(l.text for l in run), "".join(l.text for l in run))
                if _HAN_PAIR.fullmatch(s := _STRIP_FOR_MATCH.sub("", text)[:2])}  # (舜 / 天: a headline set upright)
    longer = {s for run in candidates for l in run if _HAN_TRIPLE.fullmatch(s := _STRIP_FOR_MATCH.sub("", l.text)[:3])}
    if not heads:
        return stories, candidates
    out: list[_Story] = []
    freed: list[list[_Line]] = []
    for story in stories:
        first = len(out)
        opening = "".join(l.text for l in story.lines[:3])
        cut = 0
        into: int | None = None  # the earlier part the text from ``cut`` on carries on, if any
        for i in range(1, len(story.lines)):
            line, before = story.lines[i], story.lines[i - 1]
            if line.block == before.block or not _ends_sentence(before.text) or i - cut < 3:
                continue
            if _carries_a_number_on(story.lines[cut:i], line):
                continue  # (康巴什讯 （李晓红） 12月26 / … / 日上午，地铁三号线北延段开通…: the lead's own rest)
            lead = "".join(l.text for l in story.lines[i : i + 3] if l.block == line.block)  # the paragraph's
            said = _STRIP_FOR_MATCH.sub("", "".join(l.text for l in story.lines[cut:i]))  # the story so far
            named = _STRIP_FOR_MATCH.sub("", lead)[:3]  # never names the subject
            if any(_share(g, lead) >= 0.5 and _share(g, opening) < 0.25 for g in heads) or \
                    named[:2] in subjects and named[:2] not in said \
                    or named in longer and named not in said and re.match(r"\S{3}\s*[（(]", _LEAD_IN.sub("", lead)):
                _add(out, _part(story, cut, i), into)
                cut, opening = i, lead
                into = _carried_on(out, first, named[:2])
        _add(out, _part(story, cut, len(story.lines)), into)
        kept = {id(it) for part in out[first:] for it in part.items}
        freed += [it for it in story.items if isinstance(it, list) and id(it) not in kept]
    if len(out) == len(stories):  # nothing cut: the same stories (and what was built on them still holds)
        return stories, candidates
    return out, sorted(candidates + freed, key=lambda run: run[0].no)
