"""The PDF path on generated newspaper pages: share of articles right, and seconds per page.

An article is right when exactly one article found carries its headline as title (spaces aside) and its body
(whitespace removed) is the gold body: from the story's first character to its last, nothing more.
Pages come from ``tests/pdfgen.py`` (2-5 columns, spanning and two-line headlines, kickers, subtitles,
bylines, photos with captions, running heads; and, unless --plain, bold faces, letter-spaced headlines,
in-story subheads, small-type sidebars, ads and form XObjects), seeds 1000.. so they are not the tests' pages.

    .venv/bin/python benchmarks/eval_pdf.py [--pages 30] [-v] [--text] [--plain] [--first-seed 3000]
    .venv/bin/python benchmarks/eval_pdf.py --issue 16     # time `newsbot ingest` of a 16-page issue
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from pdfminer.high_level import extract_text  # noqa: E402

from index.layout import split_page  # noqa: E402
from index.layout.geometry import split_pdf_page  # noqa: E402
from index.sources.pdf import read_pdf  # noqa: E402
from tests.pdfgen import make_issue  # noqa: E402


def score(found, gold) -> tuple[int, list[str]]:
    right, problems = 0, []
    titles = {"".join(g.title.split()) for g in gold}
    problems += [f"extra article {a.title!r}" for a in found if "".join(a.title.split()) not in titles]
    for g in gold:
        same_title = [a for a in found if "".join(a.title.split()) == "".join(g.title.split())]
        body = "".join("".join(p.split()) for p in same_title[0].paragraphs) if len(same_title) == 1 else None
        if len(same_title) == 1 and body == g.body:
            right += 1
        elif len(same_title) != 1:
            problems.append(f"title {g.title!r}: {len(same_title)} articles carry it")
        else:
            at = next((i for i, (a, b) in enumerate(zip(body, g.body)) if a != b), min(len(body), len(g.body)))
            problems.append(f"body of {g.title!r} differs at {at}/{len(g.body)}: found {body[max(at - 10, 0):at + 25]!r}"
                            f" gold {g.body[max(at - 10, 0):at + 25]!r}")
    return right, problems


def time_issue(pages: int) -> None:
    """`newsbot ingest issue.pdf` in a new process: wall time and peak memory."""
    import resource
    import subprocess

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "issue.pdf"
        gold = make_issue(path, 77, pages=pages, masthead=True)
        start = time.perf_counter()
        subprocess.run([str(Path(sys.executable).with_name("newsbot")), "--db", str(Path(tmp) / "news.db"), "ingest",
                        str(path)], check=True, capture_output=True)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{pages}-page issue ({sum(map(len, gold))} articles): newsbot ingest {seconds:.2f} s in a new process, "
          f"peak {peak:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--first-seed", type=int, default=1000,
                    help="pages from this generator seed on (1000.. is the development set; 3000.. was kept for checking)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--issue", type=int, default=0, help="instead: time `newsbot ingest` of an issue of this many pages")
    ap.add_argument("--plain", action="store_true",
                    help="pages without the extras (bold faces, letter-spaced headlines, subheads, small-type sidebars, "
                         "ads, form XObjects)")
    ap.add_argument("--latin-face", action="store_true",
                    help="digits and Latin set in Times-Roman (they sit a little higher than the Chinese characters)")
    ap.add_argument("--fake-bold", action="store_true",
                    help="every line printed twice, headings 0.3 pt aside (a typesetter's fake bold), text in place")
    ap.add_argument("--bleed", action="store_true",
                    help="pages as a print shop's PDF: a larger sheet, the page its CropBox, crop marks, slug lines")
    ap.add_argument("--masthead", action="store_true", help="front pages: the paper's masthead over the stories")
    ap.add_argument("--front", action="store_true",
                    help="front pages: the paper's masthead over the stories, and a 导读 box of teasers under it")
    ap.add_argument("--text", action="store_true",
                    help="score the text path instead: the page's text as pdfminer.six extracts it, split by layout")
    args = ap.parse_args()
    if args.issue:
        time_issue(args.issue)
        return
    right = total = extra = 0
    seconds: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(args.first_seed, args.first_seed + args.pages):
            path = Path(tmp) / f"p{seed}.pdf"
            gold = make_issue(path, seed, extras=not args.plain, latin_face=args.latin_face,
                              fake_bold=args.fake_bold, bleed=args.bleed, masthead=args.front or args.masthead,
                              teasers=args.front)[0]
            start = time.perf_counter()
            if args.text:
                found = split_page(extract_text(str(path)))
            else:
                page = next(read_pdf(path))
                found = split_pdf_page(page.glyphs, page.width, page.height, boxes=page.boxes).articles
            seconds.append(time.perf_counter() - start)
            r, problems = score(found, gold)
            right, total = right + r, total + len(gold)
            extra += sum(p.startswith("extra article") for p in problems)
            if args.verbose and problems:
                print(f"page {seed}: {r}/{len(gold)}", *problems, sep="\n  ")
    seconds.sort()
    print(f"{'text path' if args.text else 'PDF path'}: articles right: {right}/{total} ({right / total:.1%}) on {args.pages} pages; "
          f"{extra} extra articles (ads, captions, banners taken for stories); seconds per page (read + layout): median {seconds[len(seconds) // 2]:.2f}, max {seconds[-1]:.2f}")


if __name__ == "__main__":
    main()
