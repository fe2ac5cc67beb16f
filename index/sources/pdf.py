"""E-paper PDFs -> the characters of each page with their boxes, fonts and sizes (pdfminer.six, MIT).

Pages are read one at a time (memory bounded by a page).  What cannot be read is a SourceError with
one clear line: not a PDF, encrypted, damaged or truncated, no text layer (a scan: run OCR first).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterator

from ..errors import SourceError
from ..layout.geometry import Glyph, split_pdf_page
from ..layout.continuations import edition_of, join_continuations
from ..layout.printed import LAYOUT_FILES, paper_in
from ..layout.lines import PageArticle
from ..model import SourceArticle
from .dates import date_from_name, date_in_text
from .radicals import unified

__all__ = ["Glyph", "PdfPage", "read_pdf", "overprinted_once", "pdf_metadata", "pdf_records"]


@dataclass(frozen=True)
class PdfPage:
    number: int  # 1-based
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    boxes: tuple[tuple[float, float, float, float], ...]  # images, figures, drawn frames and rules (photos, ads)
    unmapped: int = 0  # characters whose font maps them to no text ("(cid:123)")


def _open_error(path: Path, e: Exception) -> SourceError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    if isinstance(e, (PDFEncryptionError, PDFPasswordIncorrect)):
        return SourceError(f"{path}: the PDF is encrypted (remove the password first)")
    if isinstance(e, PDFSyntaxError):
        return SourceError(f"{path}: not a readable PDF ({e})")
    return SourceError(f"{path}: damaged or truncated PDF ({type(e).__name__}: {e})")


def read_pdf(path: Path) -> Iterator[PdfPage]:
    """The pages of a PDF, one at a time."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    try:
        handle = path.open("rb")
    except OSError as e:
        raise SourceError(f"{path}: cannot read ({e.strerror or e})") from e
    with handle:
        if handle.read(5) != b"%PDF-":
            raise SourceError(f"{path}: not a PDF file")
        handle.seek(0)
        resources = PDFResourceManager(caching=True)
        device = PDFPageAggregator(resources, laparams=None)
        interpreter = PDFPageInterpreter(resources, device)
        pages = PDFPage.get_pages(handle, check_extractable=False)
        number = 0
        while True:
            try:
                page = next(pages, None)
                if page is None:
                    break
                cropped = _crop(page)
                interpreter.process_page(page)
            except SourceError:
                raise
            except Exception as e:  # pdfminer raises many kinds for broken files
                raise _open_error(path, e) from e
            number += 1
            layout = device.get_result()
            glyphs: list[Glyph] = []
            boxes: list[tuple[float, float, float, float]] = []
            unmapped = _collect(layout, glyphs, boxes)
            if cropped:
                glyphs, boxes = _on_page(glyphs, boxes, layout.width, layout.height)
            yield PdfPage(number, layout.width, layout.height, overprinted_once(glyphs), tuple(boxes), unmapped)


def _crop(page) -> bool:
    """Read the page as a viewer shows it: its CropBox, when smaller than the sheet (a print shop's PDF
    carries crop marks and slug lines, file name, time, plates, outside the page; a spread cut into two
    pages carries the other page).  Whether it is so."""
    (x0, y0, x1, y1), (c0, d0, c1, d1) = page.mediabox, page.cropbox
    if (c0, d0, c1, d1) == (x0, y0, x1, y1) or not (x0 <= c0 < c1 <= x1 and y0 <= d0 < d1 <= y1):
        return False
    page.mediabox = page.cropbox  # pdfminer.six lays the page out on its MediaBox
    return True


def _on_page(glyphs: list[Glyph], boxes: list[tuple[float, float, float, float]], width: float,
             height: float) -> tuple[list[Glyph], list[tuple[float, float, float, float]]]:
    """What lies on the page: characters centred on it, boxes that reach into it."""
    kept = [g for g in glyphs if 0 <= (g.x0 + g.x1) / 2 <= width and 0 <= (g.y0 + g.y1) / 2 <= height]
    return kept, [b for b in boxes if b[0] < width and b[2] > 0 and b[1] < height and b[3] > 0]


def _collect(container, glyphs: list[Glyph], boxes: list[tuple[float, float, float, float]]) -> int:
    """Characters, and the boxes of images, figures and drawn frames, of a page; characters inside a
    figure (a form XObject: a placed story or ad) too, the figure's box kept as a frame around them.
    Returns how many characters could not be mapped to text."""
    from pdfminer.layout import LTChar, LTCurve, LTFigure, LTImage, LTLine, LTRect

    unmapped = 0
    for item in container:
        if isinstance(item, LTChar):
            text = unified(item.get_text())
            if text.startswith("(cid:"):
                unmapped += 1
            else:  # spaces too: a space says a gap is a word's, not a gutter
                glyphs.append(Glyph(text if text.strip() else " ", item.x0, item.y0, item.x1, item.y1,
                                    round(item.size, 1), item.fontname))
        elif isinstance(item, LTFigure):
            boxes.append((item.x0, item.y0, item.x1, item.y1))
            unmapped += _collect(item, glyphs, boxes)
        elif isinstance(item, (LTImage, LTRect, LTLine)) or (isinstance(item, LTCurve) and item.width > 20 and item.height > 20):
            boxes.append((item.x0, item.y0, item.x1, item.y1))  # a line: a rule between stories
    return unmapped


_OVERPRINT = 1.0  # points: the same character this near one already printed is printed again over it


def overprinted_once(glyphs: list[Glyph]) -> tuple[Glyph, ...]:
    """Each character once where a page prints it two or more times over itself: a typesetter's fake bold
    (the text again, a fraction of a point aside), a shadow, a second text layer.  Read twice, every
    headline so set came out as 城城市市书书房房.  A character printed again a little aside was made to look
    bold, and is marked so (its font name gains ",Bold") as a bold face would be."""
    kept: dict[tuple[str, int, int], list[int]] = {}
    out: list[Glyph] = []
    for g in glyphs:
        x, y = int(g.x0 // _OVERPRINT), int(g.y0 // _OVERPRINT)
        first = next((i for dx in (-1, 0, 1) for dy in (-1, 0, 1) for i in kept.get((g.text, x + dx, y + dy), ())
                      if abs(out[i].x0 - g.x0) <= _OVERPRINT and abs(out[i].y0 - g.y0) <= _OVERPRINT
                      and abs(out[i].size - g.size) <= 0.5), None)
        if first is None:
            kept.setdefault((g.text, x, y), []).append(len(out))
            out.append(g)
        elif g.text.strip() and max(abs(out[first].x0 - g.x0), abs(out[first].y0 - g.y0)) >= 0.1 \
                and not out[first].font.endswith(",Bold"):
            out[first] = replace(out[first], font=out[first].font + ",Bold")
    return tuple(out)


_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})(\d{2})")


def pdf_metadata(path: Path) -> tuple[str | None, str | None]:
    """(title, creation date as YYYY-MM-DD) from the PDF's document information, when present."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    try:
        with path.open("rb") as handle:
            info = PDFDocument(PDFParser(handle)).info
    except Exception:  # metadata is a fallback: a file whose pages read but info does not is fine
        return None, None
    title = date = None
    for entry in info or []:
        raw_title, raw_date = entry.get("Title"), entry.get("CreationDate")
        if isinstance(raw_title, bytes):
            raw_title = _decode_pdf_string(raw_title)
        if isinstance(raw_title, str) and raw_title.strip():
            title = raw_title.strip()
        if isinstance(raw_date, bytes):
            raw_date = raw_date.decode("latin-1", "replace")
        if isinstance(raw_date, str) and (m := _PDF_DATE.match(raw_date)):
            try:
                date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                pass
    return title, date


# a layout program's or a converter's title, not the paper's: A01.indd, Microsoft Word - 1版, untitled
_TOOL_TITLE = re.compile(rf"\.(?:{LAYOUT_FILES}|pdf|docx?|tiff?)\s*$|^(?:untitled|无标题|Microsoft\s)", re.I)


def _names_a_paper(title: str) -> bool:
    """A PDF's title that can stand for the paper: words of its own, not a file's or a program's name."""
    return len(re.findall(r"[\u4e00-\u9fff]", title)) >= 2 and not _TOOL_TITLE.search(title)


def _decode_pdf_string(raw: bytes) -> str:
    if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
        return raw.decode("utf-16", "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1", "replace")


MAX_PDF_BYTES = 512 * 1024 * 1024  # a whole issue with its photos


def pdf_records(path: Path, date: str | None = None, source: str | None = None,
                progress: Callable[[int], None] | None = None) -> list[SourceArticle]:
    """The articles of every page of a PDF, a story continued on another page joined into one.  Date:
    ``date``, else the one printed in a page's running head or masthead, else the PDF's creation date,
    else one in the file name; never invented.  Source: ``source``, else the paper's name in a front
    page's masthead, else the PDF's title, else the file name.  ``progress`` hears of each page read."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise SourceError(f"{path}: cannot read ({e.strerror or e})") from e
    if size > MAX_PDF_BYTES:
        raise SourceError(f"{path}: file too large ({size // 2**20} MiB; the limit is {MAX_PDF_BYTES // 2**20} MiB)")
    pages_found: list[tuple[str, tuple[PageArticle, ...]]] = []
    printed_date: str | None = None
    paper: str | None = None
    pages = glyphs = unmapped = 0
    for page in read_pdf(path):
        pages += 1
        glyphs += sum(1 for g in page.glyphs if g.text != " ")
        unmapped += page.unmapped
        text = split_pdf_page(page.glyphs, page.width, page.height, page.number, page.boxes)
        printed_date = printed_date or date_in_text(text.header)
        paper = paper or text.paper or paper_in(text.header)
        pages_found.append((edition_of(text.header, page.number), text.articles))
        if progress is not None:
            progress(page.number)
    if pages == 0:
        raise SourceError(f"{path}: the PDF has no pages")
    if glyphs == 0 and unmapped:
        raise SourceError(f"{path}: its fonts map no character to text (the text cannot be extracted): run OCR first")
    if glyphs == 0:
        raise SourceError(f"{path}: no text layer (a scanned page?): run OCR first")
    found = join_continuations(pages_found)
    if not found:
        raise SourceError(f"{path}: no article text found on its {pages} page(s)")
    title, created = pdf_metadata(path)
    date = date or printed_date or created or date_from_name(path)
    source = source or paper or (title if title and _names_a_paper(title) else None) or path.stem
    return [SourceArticle(a.title, a.paragraphs, date, source, None, None, a.kicker, f"{path}: 第{edition}版")
            for edition, a in found]
