"""Readers: e-paper page text (.txt) and JSON / JSONL articles -> ``SourceArticle`` values.

Text files may be UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030/GBK.  Empty, binary or
undecodable files, and malformed JSON, raise ``SourceError`` naming the file (and line).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import SourceError
from ..layout import split_page
from ..layout.continuations import edition_of, join_continuations
from ..layout.printed import paper_in
from ..layout.furniture import is_running_head
from ..model import SourceArticle
from .dates import date_from_name, date_in_text, parse_date
from .pdf import pdf_records
from .radicals import unified

__all__ = ["read_path", "read_all", "expand", "decode", "SUFFIXES"]

PAGE_SUFFIXES = {".txt"}
PDF_SUFFIXES = {".pdf"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
MAX_FILE_BYTES = 64 * 1024 * 1024  # a page or a JSON document
MAX_STREAM_BYTES = 8 * 1024 * 1024 * 1024  # a JSONL archive
SUFFIXES = PAGE_SUFFIXES | PDF_SUFFIXES | JSON_SUFFIXES


def decode(data: bytes, name: str) -> str:
    """Bytes of a text file -> str, trying UTF-8 (BOM or not), UTF-16 (BOM) and GB18030."""
    if not data.strip():
        raise SourceError(f"{name}: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(data.decode("utf-16"), name)
        except UnicodeDecodeError as e:
            raise SourceError(f"{name}: not valid UTF-16 text ({e.reason})") from e
    if b"\x00" in data:
        raise SourceError(f"{name}: binary file, not text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return _checked(data.decode(encoding), name)
        except UnicodeDecodeError:
            continue
    raise SourceError(f"{name}: cannot decode the text (tried UTF-8 and GB18030/GBK)")


def _checked(text: str, name: str) -> str:
    control = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f\v")
    if control > max(2, len(text) // 100):
        raise SourceError(f"{name}: binary file, not text")
    if not text.strip():
        raise SourceError(f"{name}: the file is empty")
    return text


def _read_text(path: Path) -> str:
    limit = MAX_STREAM_BYTES if path.suffix.lower() in {".jsonl", ".ndjson"} else MAX_FILE_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            raise SourceError(f"{path}: file too large ({size // 2**20} MiB; the limit is {limit // 2**20} MiB)")
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: cannot read ({e.strerror or e})") from e
    return decode(data, str(path))


@dataclass(frozen=True)
class _PageHead:
    """A page's first lines (of its first 24, blank ones aside) down to its running head's last line, and of
    them the running head's (paper, date, 版次); none when the page has no running head."""

    lines: tuple[str, ...]
    running: tuple[str, ...]

    @classmethod
    def of(cls, page: str) -> _PageHead:
        lines = [line.strip() for line in page.splitlines()[:24] if line.strip()]
        running = [is_running_head(line) for line in lines]
        last = max((k for k, r in enumerate(running) if r), default=-1)
        return cls(tuple(lines[:last + 1]), tuple(line for line, r in zip(lines, running) if r))

    @property
    def date(self) -> str | None:
        return next(filter(None, map(date_in_text, self.running)), None)

    @property
    def paper(self) -> str | None:
        """The paper's name in the running head or on a line of its own over it (城南日报 over
        2024年10月16日 星期三 / 第2版 要闻)."""
        return next(filter(None, map(paper_in, self.lines)), None)


def _page_records(path: Path, text: str, date: str | None, source: str | None) -> list[SourceArticle]:
    """The articles of a page's text, or of an issue's: pdfminer.six ends each page with a form feed, and
    each page is split on its own (its running head, its columns), a story continued on a later page
    joined to where it began."""
    pages = [page for page in unified(text).split("\f") if page.strip()]
    heads = [_PageHead.of(page) for page in pages]
    found = join_continuations([(edition_of(" ".join(head.running), n), split_page(page))
                                for n, (page, head) in enumerate(zip(pages, heads), 1)])
    if not found:
        raise SourceError(f"{path}: no article text found on the page")
    date = date or next(filter(None, (head.date for head in heads)), None) or date_from_name(path)
    source = source or next(filter(None, (head.paper for head in heads)), None) or path.stem
    return [SourceArticle(a.title, a.paragraphs, date, source, None, None, a.kicker,
                          f"{path}:{a.first_line}" if len(pages) == 1 else f"{path}: 第{edition}版:{a.first_line}")
            for edition, a in found]


def _json_record(obj: Any, where: str, date: str | None, source: str | None, path: Path) -> SourceArticle:
    if not isinstance(obj, dict):
        raise SourceError(f"{where}: expected a JSON object with a title, got {type(obj).__name__}")
    title = obj.get("title")
    if not isinstance(title, str) or not title.strip():
        raise SourceError(f"{where}: missing 'title' (a non-empty string)")
    body, paras = obj.get("body"), obj.get("paragraphs")
    if paras is not None:
        if not isinstance(paras, list) or not all(isinstance(p, str) for p in paras):
            raise SourceError(f"{where}: 'paragraphs' must be a list of strings")
        paragraphs = [p.strip() for p in paras]
    elif isinstance(body, str):
        paragraphs = [p.strip() for p in body.splitlines()]
    else:
        raise SourceError(f"{where}: needs 'body' (a string) or 'paragraphs' (a list of strings)")
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise SourceError(f"{where}: the article '{title.strip()}' has no text")
    article_date = date
    if article_date is None and obj.get("date") not in (None, ""):
        try:
            article_date = parse_date(str(obj["date"]))
        except ValueError as e:
            raise SourceError(f"{where}: {e}") from e
    article_date = article_date or date_from_name(path)
    fields = {k: obj.get(k) for k in ("source", "url", "id")}
    for k, v in fields.items():
        if v is not None and not isinstance(v, (str, int)):
            raise SourceError(f"{where}: '{k}' must be a string")
    for k, v in (("title", title), ("paragraphs", paragraphs), *fields.items()):
        _check_text(v, where, k)
    return SourceArticle(
        title=" ".join(title.split()),
        paragraphs=tuple(paragraphs),
        date=article_date,
        source=source or (str(fields["source"]) if fields["source"] else path.stem),
        url=str(fields["url"]) if fields["url"] else None,
        ext_id=str(fields["id"]) if fields["id"] is not None else None,
        origin=where,
    )


def _parse_json(text: str, where: str, whole_file: bool = False) -> Any:
    """JSON text -> value; anything the parser refuses (syntax, nesting too deep for it, integers too
    long to convert) is a SourceError naming where (with the line, for a whole file)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise SourceError(f"{where}:{e.lineno}: invalid JSON ({e.msg})" if whole_file
                          else f"{where}: invalid JSON ({e.msg})") from e
    except RecursionError as e:
        raise SourceError(f"{where}: invalid JSON (nested too deeply)") from e
    except ValueError as e:  # e.g. an integer of thousands of digits
        raise SourceError(f"{where}: invalid JSON ({e})") from e


def _check_text(value: object, where: str, name: str) -> None:
    """Strings from JSON may hold lone surrogates ("\\ud800"), which are not text and cannot be stored."""
    values = value if isinstance(value, (list, tuple)) else [value]
    for v in values:
        if isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError as e:
                raise SourceError(f"{where}: '{name}' holds an invalid character (a lone surrogate "
                                  f"at position {e.start})") from e


def _json_records(path: Path, text: str, date: str | None, source: str | None) -> list[SourceArticle]:
    records: list[SourceArticle] = []
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" and stripped[:1] in "[{":
        data = _parse_json(text, str(path), whole_file=True)
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        items = data if isinstance(data, list) else [data]
        for i, obj in enumerate(items):
            records.append(_json_record(obj, f"{path}[{i}]", date, source, path))
    else:
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            obj = _parse_json(line, f"{path}:{lineno}")
            records.append(_json_record(obj, f"{path}:{lineno}", date, source, path))
    if not records:
        raise SourceError(f"{path}: no articles in the file")
    return records


PageProgress = Callable[[Path, int], None]  # (file, page number just read)


def read_path(path: Path, date: str | None = None, source: str | None = None,
              pages: PageProgress | None = None) -> list[SourceArticle]:
    """Articles of one file (a PDF, a page's text or JSON/JSONL); ``pages`` hears of each PDF page read."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SourceError(f"{path}: unsupported file type '{suffix or path.name}' (use .pdf, .txt, .json or .jsonl)")
    if suffix in PDF_SUFFIXES:
        return pdf_records(path, date, source, (lambda n: pages(path, n)) if pages else None)
    text = _read_text(path)
    if suffix in PAGE_SUFFIXES:
        return _page_records(path, text, date, source)
    return _json_records(path, text, date, source)


def expand(paths: list[Path], problems: list[str] | None = None) -> Iterator[Path]:
    """Files named, and the news files inside named folders (sorted).  A folder that cannot be read is
    a problem (added to ``problems``, or raised), never silently skipped."""
    for p in paths:
        if p.is_dir():
            unreadable: list[str] = []
            found = []
            for folder, _, names in os.walk(p, onerror=lambda e: unreadable.append(
                    f"{e.filename}: cannot read the folder ({e.strerror or e})")):
                found += [Path(folder) / n for n in names if Path(n).suffix.lower() in SUFFIXES]
            if unreadable and problems is None:
                raise SourceError("\n".join(unreadable))
            if problems is not None:
                problems.extend(unreadable)
            yield from sorted(f for f in found if f.is_file())
        elif p.exists():
            yield p
        else:
            raise SourceError(f"{p}: no such file or folder")


def read_all(paths: list[Path], date: str | None = None, source: str | None = None,
             pages: PageProgress | None = None) -> tuple[list[SourceArticle], list[str], int]:
    """Articles of every file named or inside a named folder, every problem (one line per bad file,
    naming it), and how many files were read."""
    records: list[SourceArticle] = []
    problems: list[str] = []
    files = 0
    for named in paths:
        try:
            unreadable: list[str] = []
            found = list(expand([named], unreadable))
        except SourceError as e:
            problems.append(str(e))
            continue
        problems.extend(unreadable)
        if not found and not unreadable:
            problems.append(f"{named}: no .pdf, .txt, .json or .jsonl files in this folder")
        for path in found:
            files += 1
            try:
                records.extend(read_path(path, date, source, pages))
            except SourceError as e:
                problems.append(str(e))
            except (ValueError, RecursionError, MemoryError, UnicodeError) as e:  # a reader's gap: still name the file
                problems.append(f"{path}: cannot read ({type(e).__name__}: {e})")
    return records, problems, files
