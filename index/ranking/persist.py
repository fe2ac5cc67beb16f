"""The BM25 index on disk, next to the SQLite store: ``<db>.index/``.

Every file's CRC32 is in the manifest.  Loading verifies the small files (vocabulary, lengths, keys,
term offsets, pair tables, block bounds) and the segments' shapes; the two large arrays (``docs``,
``codes``) are verified by ``verify_postings`` when a long-running process copies them into memory,
and a one-shot query range-checks the postings it reads (``topk``), so a damaged index is noticed
and rebuilt from the store rather than answering with garbage.

Files: ``manifest.json`` (format version, corpus numbers, what it covers), ``vocab.txt`` (terms in id
order), ``doclen.npy`` and ``keys.npy`` (per document: length and passage id), and one folder per
segment with one ``.npy`` per array of ``bm25.SEGMENT_ARRAYS`` (loaded memory-mapped).  Segments already on disk
are never rewritten; the manifest is replaced last and atomically, so a crash leaves the previous
index readable.  The store is the truth: a missing, damaged or stale index is rebuilt or caught up.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import uuid
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

try:
    import fcntl
except ImportError:  # not on POSIX: saves are then not serialized between processes
    fcntl = None  # type: ignore[assignment]

import numpy as np

from ..errors import IndexFiles
from .bm25 import BM25Index
from .segments import SEGMENT_ARRAYS, BM25Params, Segment

__all__ = ["FORMAT", "index_dir", "save", "load", "verify_postings", "IndexFiles"]

FORMAT = 3  # 2: postings carry (tf, length) pair codes and per-block bounds; 3: CRC32 of every file
LARGE = ("docs", "codes")  # verified when copied into memory, not at load (hundreds of MB at 1M passages)


def crc(data: np.ndarray | bytes) -> int:
    """CRC32 of an array's bytes (read in slices: a memory-mapped array is not loaded whole)."""
    view = memoryview(np.ascontiguousarray(data)).cast("B") if isinstance(data, np.ndarray) else memoryview(data)
    value, step = 0, 64 << 20
    for start in range(0, len(view), step):
        value = zlib.crc32(view[start : start + step], value)
    return value


def verify_postings(seg: Segment) -> None:
    """The segment's large arrays match their checksums (IndexFiles if not)."""
    for field in LARGE:
        expected = seg.checksums.get(field)
        if expected is not None and crc(getattr(seg, field)) != expected:
            raise IndexFiles(f"segment {seg.name}: {field} does not match its checksum")


def index_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".index")


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + f".tmp-{uuid.uuid4().hex[:8]}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _save_npy(path: Path, array: np.ndarray) -> None:
    tmp = path.with_name(path.name + f".tmp-{uuid.uuid4().hex[:8]}.npy")
    np.save(tmp, np.ascontiguousarray(array))
    os.replace(tmp, path)


@contextmanager
def _locked(directory: Path, exclusive: bool) -> Iterator[None]:
    """Processes take turns: one saves (exclusive) while none reads (shared), so a reader never sees
    one save's manifest with another's vocabulary.  A folder we cannot lock is read without a lock."""
    try:
        handle = open(directory / ".lock", "a+b")
    except OSError:
        if exclusive:
            raise
        yield
        return
    with handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield


def save(index: BM25Index, keys: np.ndarray, directory: Path, meta: dict[str, Any],
         keep_if: Callable[[dict[str, Any]], bool] | None = None) -> bool:
    """Write what is new since the last save, then the manifest; but leave the saved index as it is
    when ``keep_if(its manifest)`` says it is newer (another process saved more).  Returns whether
    this index was written."""
    directory.mkdir(parents=True, exist_ok=True)
    with _locked(directory, exclusive=True):
        if keep_if is not None:
            try:
                if keep_if(read_manifest(directory)):
                    return False
            except IndexFiles:
                pass
        _write(index, keys, directory, meta)
    return True


def _write(index: BM25Index, keys: np.ndarray, directory: Path, meta: dict[str, Any]) -> None:
    index.flush()  # pending documents become a segment
    named: list[Segment] = []
    for seg in index.segments:
        if not seg.name or not (directory / seg.name / "docs.npy").exists():
            name = seg.name or f"seg-{seg.base:010d}-{uuid.uuid4().hex[:8]}"
            folder = directory / name
            folder.mkdir(exist_ok=True)
            for field in SEGMENT_ARRAYS:
                _save_npy(folder / f"{field}.npy", getattr(seg, field))
            seg = dataclasses.replace(seg, name=name, checksums={f: crc(getattr(seg, f)) for f in SEGMENT_ARRAYS})
        named.append(seg)
    index.replace_segments(named)
    vocab = "\n".join(index.terms).encode("utf-8")
    _write_atomic(directory / "vocab.txt", vocab)
    _save_npy(directory / "doclen.npy", index.doc_lengths)
    _save_npy(directory / "keys.npy", keys)
    manifest = {
        "format": FORMAT,
        "docs": len(index),
        "total_len": index.total_len,
        "vocab": len(index.terms),
        "checksums": {"vocab": crc(vocab), "doclen": crc(index.doc_lengths), "keys": crc(np.asarray(keys))},
        "segments": [{"name": s.name, "base": s.base, "n_docs": s.n_docs, "avgdl0": s.avgdl0,
                      "checksums": s.checksums} for s in named],
        **meta,
    }
    _write_atomic(directory / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
    keep = {s.name for s in named}
    for child in directory.iterdir():
        if child.is_dir() and child.name.startswith("seg-") and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
        elif ".tmp-" in child.name:
            child.unlink(missing_ok=True)


def read_manifest(directory: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexFiles("no saved index") from None
    except (OSError, ValueError) as e:
        raise IndexFiles(f"unreadable manifest ({e})") from e
    if manifest.get("format") != FORMAT:
        raise IndexFiles(f"index format {manifest.get('format')} is not {FORMAT}")
    return manifest


def load(directory: Path, params: BM25Params | None = None) -> tuple[BM25Index, np.ndarray, dict[str, Any]]:
    """The saved index, its document keys and its manifest; IndexFiles if it cannot be used."""
    if not directory.is_dir():
        raise IndexFiles("no saved index")
    with _locked(directory, exclusive=False):
        return _read(directory, params)


def _read(directory: Path, params: BM25Params | None) -> tuple[BM25Index, np.ndarray, dict[str, Any]]:
    manifest = read_manifest(directory)
    try:
        sums = manifest["checksums"]
        vocab = (directory / "vocab.txt").read_bytes()
        _expect(crc(vocab), sums["vocab"], "vocabulary")
        terms = vocab.decode("utf-8").split("\n") if manifest["vocab"] else []
        if len(terms) != manifest["vocab"]:
            raise IndexFiles("vocabulary does not match the manifest")
        doc_len = np.load(directory / "doclen.npy")
        keys = np.load(directory / "keys.npy")
        _expect(crc(doc_len), sums["doclen"], "document lengths")
        _expect(crc(keys), sums["keys"], "document keys")
        segments = [_segment(directory, entry, len(terms)) for entry in manifest["segments"]]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise IndexFiles(f"damaged index files ({e})") from e
    if len(doc_len) != manifest["docs"] or len(keys) != manifest["docs"] or \
            sum(s.n_docs for s in segments) != manifest["docs"]:
        raise IndexFiles("document counts do not match the manifest")
    if len(doc_len) and (int(doc_len.min()) < 0 or int(doc_len.sum()) != int(manifest["total_len"])):
        raise IndexFiles("document lengths do not match the manifest")
    index = BM25Index.from_parts(terms, doc_len, int(manifest["total_len"]), segments, params)
    return index, keys, manifest


def _expect(actual: int, expected: int, what: str) -> None:
    if actual != expected:
        raise IndexFiles(f"{what} do not match their checksum")


def _segment(directory: Path, entry: dict[str, Any], vocab: int) -> Segment:
    """A saved segment, memory-mapped; its small arrays verified, its shape checked."""
    folder = directory / entry["name"]
    sums = {f: int(v) for f, v in entry["checksums"].items()}
    arrays = {f: np.load(folder / f"{f}.npy", mmap_mode="r") for f in SEGMENT_ARRAYS}
    for field in SEGMENT_ARRAYS:
        if field not in LARGE:
            _expect(crc(arrays[field]), sums[field], f"segment {entry['name']}: {field}")
    seg = Segment(entry["base"], entry["n_docs"], **arrays, avgdl0=float(entry["avgdl0"]), name=entry["name"],
                  checksums=sums)
    problem = seg.check() or (None if len(seg.indptr) - 1 <= vocab else "more terms than the vocabulary")
    if problem:
        raise IndexFiles(f"segment {entry['name']}: {problem}")
    return seg
