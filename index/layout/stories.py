"""Body lines cut into stories (pass 2 of the layout analysis: see ``index.layout``): at start markers
(bylines, datelines), after end markers, and where headings stand over a new story rather than inside
one (the column's width changes under them, the text after names their subject, several are stacked).
"""

from __future__ import annotations


from .lines import (_CONTINUING, _LEAD_IN, _STRIP_FOR_MATCH, _SUBJECT_BRACKET, _ends_sentence, _grams, _Line,
                    _share, _Story, _width_of)

__all__ = ["split_stories"]


def _runs(lines: list[_Line]) -> list[tuple[bool, list[_Line]]]:
    """Consecutive lines of the same kind: (is_heading, lines); heading runs split at blocks."""
    runs: list[tuple[bool, list[_Line]]] = []
    for line in lines:
        if runs and runs[-1][0] == line.heading and (not line.heading or runs[-1][1][-1].block == line.block):
            runs[-1][1].append(line)
        else:
            runs.append((line.heading, [line]))
    return runs


def split_stories(lines: list[_Line]) -> tuple[list[_Story], list[list[_Line]]]:
    """Cut body lines into stories; return them and the heading runs that are not subheads."""
    stories: list[_Story] = []
    candidates: list[list[_Line]] = []
    pending: list[list[_Line]] = []  # heading runs seen since the last body line
    current: _Story | None = None
    runs = _runs(lines)
    for k, (is_heading, run) in enumerate(runs):
        if is_heading:
            pending.append(run)
            continue
        run = _first_line_back(pending, run)
        for line in run:
            new_story = current is None or line.start
            if not new_story and pending and current is not None:
                new_story = _width_changes(current.lines, run) or _introduces(pending, current, run) \
                    or _stacked_heads(pending, current, run)
            if new_story:
                candidates.extend(pending)
                current = _Story()
                stories.append(current)
            elif pending and current is not None:
                current.items.extend(pending)
            pending = []
            current.lines.append(line)
            current.items.append(line)
            if line.end:
                current = None
    candidates.extend(pending)
    return stories, candidates


def _stacked_heads(pending: list[list[_Line]], current: _Story, after: list[_Line]) -> bool:
    """Two headings or more printed one after another (not a headline and its subtitle) stand over stories,
    not inside one: no story has two subheads in a row.  After a story that ends a sentence, so do two
    heading lines printed as one heading (a banner over a headline, 文化惠民 / 城南图书馆新馆正式开放; a
    headline wrapped in a narrow column): an in-story subhead is one line.  Unless the text after them
    carries a sentence on (a mark that cannot open one, a first line as wide as the column: another story's
    rest)."""
    heads = [run for run in pending if not run[0].text.startswith("—")]
    if len(heads) == 1 and len(heads[0]) >= 2 and _ends_sentence(current.lines[-1].text):
        heads = [[l] for l in heads[0]]
    column = _width_of(current.lines[-12:])
    return len(heads) >= 2 and not _CONTINUING.match(after[0].text) \
        and (column is None or after[0].width < column - 1)


def _introduces(pending: list[list[_Line]], current: _Story, after: list[_Line]) -> bool:
    """A headline between two stories that have no byline: the text after opens with the subject of one
    of the headlines in between (most of a headline's characters are in its first lines, as a lead names
    its subject), which an in-story subhead does not do.  After a story stopped mid-sentence only a lead
    that opens with a headline's first three characters counts, one that holds most of its words, one
    that opens with a whole headline and a bracket (波斯鹿 / 波斯鹿（"Dama…）, or one naming a subject that opens
    with a headline's first two characters, a bracket after it (准确与精密引发关注 / 准确度（）与精密度…)."""
    said = _LEAD_IN.sub("", "".join(l.text for l in after[:3]))
    lead = _STRIP_FOR_MATCH.sub("", said)
    heads = [l for run in pending for l in run if not l.text.startswith("—")]
    if not _ends_sentence(current.lines[-1].text):  # the story before is cut off (its rest printed later):
        # only a lead that opens with a headline's first three characters, or holds most of its words
        return any(len(h := _STRIP_FOR_MATCH.sub("", l.text)) >= 4 and lead.startswith(h[:3])
                   or len(h) >= 6 and _share(_grams(h), lead) >= 0.7  # or it restates it
                   or len(h) >= 2 and said.startswith((f"{l.text.strip()}（", f"{l.text.strip()}("))
                   or len(h) >= 4 and said.startswith(h[:2]) and bool(_SUBJECT_BRACKET.match(said, 2)) for l in heads)
    for tail in [heads[i:i + 2] for i in range(len(heads) - 1)] + [[h] for h in heads]:  # one or two lines
        grams = _grams("".join(l.text for l in tail))
        if len(grams) >= 3 and _share(grams, lead) >= 0.5:
            return True
    # or the lead opens with a headline's first words (its subject: "赫姓：新的进展" / "赫姓为…"), or
    # names them in its first words ("阴阳海引发关注" / "水洞阴阳海，简称…")
    subjects = [_STRIP_FOR_MATCH.sub("", h.text) for h in heads]
    return any(len(subject) >= 2 and lead.startswith(subject[:2]) or len(subject) >= 4 and subject[:3] in lead[:10]
               for subject in subjects)


def _first_line_back(pending: list[list[_Line]], run: list[_Line]) -> list[_Line]:
    """A paragraph's first line printed alone (a blank line after it) looks like a heading: a line as
    wide as the column below, not ending a sentence, goes back to the body it starts (unless the body
    opens with its first words again: a headline over a narrow column, its lead naming its subject)."""
    if not pending or run[0].start:
        return run
    widths = sorted(l.width for l in run[:8])
    column = widths[len(widths) // 2]
    at = len(pending) - 1
    if at and len(pending[at]) == 1 and len(pending[at][0].text) < 12:
        at -= 1  # a subhead printed between the first line and the rest of its paragraph
    last = pending[at][-1]
    restated = _STRIP_FOR_MATCH.sub("", last.text)[:4] in _STRIP_FOR_MATCH.sub("", run[0].text)[:12]  # its subject again
    if len(last.text) >= 12 and last.width >= 0.85 * column and not _ends_sentence(last.text) and len(run) >= 2 \
            and not restated:
        last.heading = False
        pending[at].pop()
        if not pending[at]:
            pending.pop(at)
        return [last, *run]
    return run


def _width_changes(before: list[_Line], after: list[_Line]) -> bool:  # (by the block right above, if it says)
    a = _width_of([l for l in before[-12:] if l.block == before[-1].block]) or _width_of(before[-12:])
    b = _width_of(after[:12])
    if a is None or b is None:
        return False
    return abs(a - b) >= 4 and abs(a - b) >= 0.18 * max(a, b)
