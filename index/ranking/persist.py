"""The BM25 index on disk, next to the SQLite store: ``<db>.index/``.

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

__all__ = ["FORMAT", "index_dir", "save", "load", "IndexFiles"]

FORMAT = 2  # 2: postings carry (tf, length) pair codes and per-block bounds


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
            seg = dataclasses.replace(seg, name=name)
        named.append(seg)
    index.replace_segments(named)
    _write_atomic(directory / "vocab.txt", "\n".join(index.terms).encode("utf-8"))
    _save_npy(directory / "doclen.npy", index.doc_lengths)
    _save_npy(directory / "keys.npy", keys)
    manifest = {
        "format": FORMAT,
        "docs": len(index),
        "total_len": index.total_len,
        "vocab": len(index.terms),
        "segments": [{"name": s.name, "base": s.base, "n_docs": s.n_docs, "avgdl0": s.avgdl0} for s in named],
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
        terms = (directory / "vocab.txt").read_text(encoding="utf-8").split("\n") if manifest["vocab"] else []
        if len(terms) != manifest["vocab"]:
            raise IndexFiles("vocabulary does not match the manifest")
        doc_len = np.load(directory / "doclen.npy")
        keys = np.load(directory / "keys.npy")
        segments = []
        for entry in manifest["segments"]:
            folder = directory / entry["name"]
            arrays = {f: np.load(folder / f"{f}.npy", mmap_mode="r") for f in SEGMENT_ARRAYS}
            segments.append(Segment(entry["base"], entry["n_docs"], **arrays, avgdl0=float(entry["avgdl0"]),
                                    name=entry["name"]))
    except (OSError, ValueError, KeyError) as e:
        raise IndexFiles(f"damaged index files ({e})") from e
    if len(doc_len) != manifest["docs"] or len(keys) != manifest["docs"] or \
            sum(s.n_docs for s in segments) != manifest["docs"]:
        raise IndexFiles("document counts do not match the manifest")
    index = BM25Index.from_parts(terms, doc_len, int(manifest["total_len"]), segments, params)
    return index, keys, manifest
