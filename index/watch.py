"""A watched folder: files dropped into it are ingested, each on its own, then moved to ``done/`` or,
with the reason beside them, to ``failed/``.  A file still being written (changed in the last few
seconds, or named like a partial download) waits for the next look."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError, StoreError
from .library import Library
from .sources import SUFFIXES

__all__ = ["Dropped", "ingest_dropped", "SETTLE_SECONDS"]

log = logging.getLogger(__name__)
SETTLE_SECONDS = 2.0
_PARTIAL = (".part", ".tmp", ".crdownload", ".partial", "~")


@dataclass(frozen=True)
class Dropped:
    name: str
    articles_added: int
    error: str | None  # why it went to failed/ (None: done/)


def _unique(target: Path) -> Path:
    if not target.exists():
        return target
    stem, suffix = target.stem, target.suffix
    for n in range(1, 10_000):
        candidate = target.with_name(f"{stem}-{n}{suffix}")
        if not candidate.exists():
            return candidate
    raise StoreError(f"too many files named like {target.name} in {target.parent}")


async def ingest_dropped(library: Library, folder: Path, now: float | None = None) -> list[Dropped]:
    """Ingest every settled news file in ``folder`` (not its subfolders) and move it on."""
    now = time.time() if now is None else now
    try:
        entries = sorted(p for p in folder.iterdir() if p.is_file())
    except OSError as e:
        raise StoreError(f"cannot read the watched folder {folder}: {e.strerror or e}") from e
    done, failed = folder / "done", folder / "failed"
    results = []
    for path in entries:
        if path.name.startswith(".") or path.name.endswith(_PARTIAL) or now - path.stat().st_mtime < SETTLE_SECONDS:
            continue
        error = None
        added = 0
        if path.suffix.lower() not in SUFFIXES:
            error = f"unsupported file type '{path.suffix or path.name}' (use .pdf, .txt, .json or .jsonl)"
        else:
            try:
                added = (await library.ingest_paths([path])).articles_added
            except SourceError as e:
                error = str(e).replace(str(path) + ": ", "")
        target_dir = failed if error else done
        target_dir.mkdir(exist_ok=True)
        target = _unique(target_dir / path.name)
        os.replace(path, target)
        if error:
            target.with_name(target.name + ".reason.txt").write_text(error + "\n", encoding="utf-8")
            log.warning("watched folder: %s failed: %s", path.name, error)
        else:
            log.info("watched folder: %s ingested (%d new articles)", path.name, added)
        results.append(Dropped(path.name, added, error))
    return results
